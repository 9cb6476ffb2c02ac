"""What a search returns per input: its fields, a marked snippet, and where the words matched."""
from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from html import escape

from kb.analysis import norwegian_analyzer
from kb.fields import FIELDS, TAGS
from kb.highlight import Terms, snippet, spans

MEANING = "meaning"  # in `matched`: found by meaning only, with none of the words


def _hit_fields() -> list[tuple]:
    """Return a hit's fields: every field of an input, the snippet after its text, and the
    fields where the query matched."""
    found: list[tuple] = []
    for declared in FIELDS:
        if declared.multi:
            found.append((declared.hit_name, list[declared.type], field(default_factory=list)))
        else:
            found.append((declared.hit_name, declared.type | None, field(default=None)))
        if declared.name == "text":
            found.append(("snippet", str, field(default="")))
    return [*found, ("matched", list[str], field(default_factory=list))]


# One input found by a search: its fields as kb.fields declares them, a marked snippet, and
# the fields its words were found in (text, theme, question, category, …).
Hit = make_dataclass("Hit", _hit_fields(), namespace={"__module__": __name__})


@dataclass
class Matcher:
    """Tell which fields of an input hold the words of a query (tags cached per value)."""

    terms: Terms
    _seen: dict[tuple[str, str], bool] = field(default_factory=dict)

    def tag_matches(self, name: str, value: object) -> bool:
        key = (name, str(value))
        if key not in self._seen:
            words = {t.text for t in norwegian_analyzer()(str(value), mode="query")}
            self._seen[key] = bool(words & self.terms.tags)
        return self._seen[key]

    def fields(self, stored: dict) -> list[str]:
        found = ["text"] if spans(stored["text"], self.terms, stored.get("compounds") or {}) else []
        return found + [name for name in TAGS
                        if stored.get(name) and self.tag_matches(name, stored[name])]


def hit_of(stored: dict, matcher: Matcher | None = None, meaning_only: bool = False):
    """Return the hit for an input's stored index fields; with a matcher, its words marked and
    the fields they were found in (or `meaning` for an input found by meaning only)."""
    values = {f.hit_name: stored.get(f.name) for f in FIELDS if not f.multi}
    values.update({f.hit_name: [v for v in (stored.get(f.name) or "").split(",") if v]
                   for f in FIELDS if f.multi})
    values["page"] = stored.get("page") or None
    if matcher is None:
        values["snippet"] = escape(stored["text"], quote=False)
    else:
        values["snippet"] = snippet(stored["text"], matcher.terms, stored.get("compounds") or {})
        values["matched"] = [MEANING] if meaning_only else matcher.fields(stored)
    return Hit(**values)
