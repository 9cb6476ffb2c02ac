"""Mark the words a query matched, as they are written in the text."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from kb.analysis import fold, norwegian_analyzer, stem

SNIPPET_CHARS = 320
LEAD = 80  # characters shown before the first match in a long text


@dataclass
class Terms:
    """What a query matches: stems, word forms as written, stems of compound parts, and
    stems in the tags (theme, question, category, …)."""

    stems: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, query, reader) -> Terms:
        """Collect the index terms a query matches, wildcards and fuzzy terms expanded."""
        terms = cls()
        by_field = {"text": terms.stems, "exact": terms.forms, "parts": terms.parts,
                    "context": terms.tags}
        # Query.existing_terms would do, but it drops every field after the first it meets
        # (its loop variable shadows its fieldname argument), so the leaves are read here.
        for leaf in query.leaves():
            for fieldname, text in leaf.expanded_terms(reader, phrases=True):
                if fieldname in by_field:
                    by_field[fieldname].add(
                        text.decode("utf-8") if isinstance(text, bytes) else text)
        return terms

    def matches(self, stem_text: str, form: str, parts: list[str]) -> bool:
        return (stem_text in self.stems or form in self.forms
                or any(stem(part) in self.parts for part in parts))


def spans(text: str, terms: Terms, compounds: dict[str, list[str]]) -> list[tuple[int, int]]:
    """Return the character spans of the words in text that the terms match."""
    found: list[tuple[int, int]] = []
    for token in norwegian_analyzer()(text, mode="index", chars=True, removestops=False):
        span = (token.startchar, token.endchar)
        if found and found[-1] == span:
            continue
        form = fold(text[span[0]:span[1]].lower())
        if terms.matches(token.text, form, compounds.get(form, [])):
            found.append(span)
    return found


def snippet(text: str, terms: Terms, compounds: dict[str, list[str]],
            limit: int = SNIPPET_CHARS) -> str:
    """Return an HTML-safe excerpt with each matched word in <mark>; nothing else is added."""
    marks = spans(text, terms, compounds)
    start, end = 0, len(text)
    if len(text) > limit:
        first = marks[0][0] if marks else 0
        start = 0 if first < LEAD else text.rfind(" ", 0, first - LEAD) + 1
        end = text.find(" ", start + limit)
        end = len(text) if end == -1 else end
    pieces = ["… "] if start > 0 else []
    cursor = start
    for a, b in marks:
        if a < start or b > end:
            continue
        pieces += [escape(text[cursor:a], quote=False), "<mark>",
                   escape(text[a:b], quote=False), "</mark>"]
        cursor = b
    pieces.append(escape(text[cursor:end], quote=False))
    if end < len(text):
        pieces.append(" …")
    return "".join(pieces)
