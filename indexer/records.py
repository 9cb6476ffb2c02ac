"""Plain data passed between the steps: extracted pages in, typed records out."""
from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass

from kb.fields import PARSED

from indexer.profile import Profile

PARAGRAPH_BREAK = ""


@dataclass(frozen=True)
class Style:
    """How a line is set: size in points (None when unknown), weight, slant, and a lead-in.

    The lead-in is the text of a bold or italic run that opens the line and ends
    with a colon before the line goes on in plain type: "Språk:", "Kari Nordmann, KS:".
    """

    size: float | None
    bold: bool = False
    italic: bool = False
    lead: str | None = None


@dataclass
class Page:
    """One page as extracted: lines of text, with PARAGRAPH_BREAK between paragraphs."""

    number: int
    lines: list[str]
    footer: int | None = None
    levels: dict[int, int] = field(default_factory=dict)  # line index → heading level (Word styles)
    styles: dict[int, Style] = field(default_factory=dict)  # line index → type, where known


@dataclass
class Document:
    """The text of a report file, page by page."""

    format: str
    pages: list[Page]

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True)
class Line:
    """A line of body text, where it came from."""

    number: int
    text: str
    page: int
    breaks_before: bool = False
    level: int | None = None  # heading level, from a heading style or the line's type
    size: float | None = None
    bold: bool = False
    italic: bool = False
    lead: str | None = None  # an emphasised lead-in opening the line, see Style


def _record_fields() -> list[tuple]:
    """Return the record's fields: what every piece has, then each tag the parser may set."""
    required = [(f.stored, f.type) for f in PARSED if f.required]
    tags = [(f.stored, f.type | None, field(default=None)) for f in PARSED if not f.required]
    return [*required, *tags, ("lines", tuple[int, ...], field(default=(), compare=False))]


# One stored piece of a report with all its tags; the tags are those kb.fields declares.
Record = make_dataclass("Record", _record_fields(), namespace={"__module__": __name__})


@dataclass
class Metadata:
    """What is known of the report's conference, from the report or a sidecar file."""

    year: int | None = None
    title: str | None = None
    date: str | None = None
    place: str | None = None
    source: str | None = None
    publisher: str | None = None
    url: str | None = None
    themes: dict[str, str] = field(default_factory=dict)  # bolk title → canonical theme
    skip: list[str] = field(default_factory=list)         # headings whose text is not stored
    profile: Profile = field(default_factory=Profile)     # how the report is laid out
