"""Words the pages show for the library's names: filters, kinds, breadcrumbs and titles."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Flask

from kb.fields import BY_NAME, HIDDEN_KINDS, kind_label, kind_plural, label
from web.params import SORT_LABELS, SWITCHES

TITLE_CHARS = 90  # an input page's title: the start of the text, cut at a word


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb: what to show, and the filters of the search it stands for."""

    label: str
    filters: dict[str, list[str]]


filter_label = label


def facet_label(name: str, value: object) -> str:
    """Return how a facet value is shown: kinds get their Norwegian label."""
    if name == "kind":
        return kind_label(str(value))
    text = str(value)
    capitalised = name in BY_NAME and BY_NAME[name].capitalised
    return text[:1].upper() + text[1:] if capitalised else text


def matched_label(hit) -> str:
    """Return where the words of a search were found when not in the text itself:
    «bolkens tema «Trygge nabolag»»."""
    found = [f"{BY_NAME[name].the} «{getattr(hit, BY_NAME[name].hit_name)}»"
             for name in hit.matched if name in BY_NAME and BY_NAME[name].the]
    return " og ".join(found)


def title(item) -> str:
    """Return the heading of an input's own page: the start of its own text."""
    text = " ".join(item.text.split())
    if len(text) <= TITLE_CHARS:
        return text
    cut = text.rfind(" ", 0, TITLE_CHARS)
    return text[:cut if cut > TITLE_CHARS // 2 else TITLE_CHARS].rstrip(",.;:–- ") + " …"


def breadcrumb(item, heading: str | None = None) -> list[Crumb]:
    """Return år › bolk/tema › spørsmål › kategori › underkategori (or speaker/heading) of an input."""
    filters: dict[str, list[str]] = {"year": [str(item.year)]}
    crumbs = [Crumb(str(item.year), dict(filters))]

    def step(label: str, name: str, value: object) -> None:
        filters[name] = [str(value)]
        crumbs.append(Crumb(label, dict(filters)))

    if item.session:
        step(" ".join(p for p in (item.session, item.theme) if p), "session", item.session)
    elif item.theme:
        step(item.theme, "theme", item.theme)
    if item.question:
        step(f"Spørsmål {item.question_no}" if item.question_no else "Spørsmål",
             "question", item.question)
    if item.category:
        step(item.category, "category", item.category)
    if item.subcategory:
        step(item.subcategory, "subcategory", item.subcategory)
    if item.speaker and not item.question:
        label = f"{item.speaker} ({item.organisation})" if item.organisation else item.speaker
        if not item.session and heading:
            label = heading
        step(label, "speaker", item.speaker)
    elif not item.session and not item.theme:
        step(heading or kind_label(item.kind), "kind", item.kind)
    return crumbs


def count_label(count: int, kind: str | None = None) -> str:
    """Return '1 treff' / '12 innspill' style counts."""
    if kind is None:
        return f"{count} treff"
    return f"{count} {kind_plural(kind)}"


MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


def norwegian_date(value: str | None) -> str:
    """Return 2025-05-13 as «13. mai 2025»; anything else as it is."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return value or ""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def percent(share: float) -> str:
    """Return 0.0198 as «2,0 %», the Norwegian way (decimal comma, space before %)."""
    return f"{share * 100:.1f}".replace(".", ",") + "\u00a0%"


def similarity(score: float) -> str:
    """Return a similarity score (0–1) as «likhet 87 %»."""
    return f"likhet {round(score * 100)}\u00a0%"


def conference_date(value: str | None, year: int) -> str:
    """Return a conference's date with its year: «13. mai 2025», from 2025-05-13 or «13. mai»."""
    shown = norwegian_date(value)
    if shown and str(year) not in shown:
        shown = f"{shown} {year}"
    return shown


def init_app(app: Flask) -> None:
    """Make the labels available to every template."""
    app.jinja_env.globals.update(filter_label=filter_label, kind_label=kind_label,
                                 facet_label=facet_label, breadcrumb=breadcrumb,
                                 count_label=count_label, matched_label=matched_label,
                                 sort_labels=SORT_LABELS, switches=SWITCHES,
                                 hidden_kinds=HIDDEN_KINDS)
    app.jinja_env.filters.update(norwegian_date=norwegian_date, percent=percent,
                                 similarity=similarity)
    app.jinja_env.globals["conference_date"] = conference_date
