"""Words the pages show for the library's names: filters, kinds, breadcrumbs and titles."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Flask

from kb.fields import BY_NAME, kind_label, kind_plural, label

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


def title(item) -> str:
    """Return the heading of an input's own page: what it is, and where or whose."""
    kind = kind_label(item.kind)
    if item.kind == "innspill" and item.category:
        return f"Innspill: {item.subcategory or item.category}"
    if item.speaker and item.kind in ("innlegg", "tale"):
        return f"{kind} av {item.speaker}"
    if item.kind == "panel" and item.theme:
        return f"Panelsamtale: {item.theme}"
    if item.kind == "spørsmål" and item.question_no:
        return f"Spørsmål {item.question_no} til gruppediskusjonen"
    heading = item.heading or item.section
    if heading and heading.lower() != kind.lower():
        return f"{kind}: {heading}"
    return kind


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
                                 count_label=count_label)
    app.jinja_env.filters.update(norwegian_date=norwegian_date, percent=percent,
                                 similarity=similarity)
    app.jinja_env.globals["conference_date"] = conference_date
