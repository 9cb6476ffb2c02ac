"""Registry of extractors, one module per file format."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Callable

from indexer.errors import IngestError
from indexer.records import Document, Page
from kb.printable import printable

Extractor = Callable[[Path], Document]
# A printed page number alone on its line: "3", "- 3 -", "Side 3", "Side 3 av 12", "s. 3".
PAGE_NUMBER = re.compile(r"^\s*(?:(?:side|s\.|page)\s*)?[-–]?\s*(\d{1,3})\s*[-–]?"
                         r"(?:\s*(?:av|of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
LEAD_DASH = re.compile(r"\s+[–—]\s+")
LEAD_MARKER = re.compile(r"^(?:[-•–—*▪●◦]|\d+[.)]|[a-zæøå]\))\s+")
EXTRACTORS: dict[str, Extractor] = {}


def register(*suffixes: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor for file name suffixes such as '.pdf'."""
    def decorate(function: Extractor) -> Extractor:
        for suffix in suffixes:
            EXTRACTORS[suffix] = function
        return function
    return decorate


def supported_suffixes() -> list[str]:
    return sorted(EXTRACTORS)


def extract(path: Path) -> Document:
    """Extract the pages of a report file, with pages numbered as printed."""
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        known = ", ".join(supported_suffixes())
        raise IngestError(f"{path.name}: ukjent filformat «{path.suffix or 'uten endelse'}». "
                          f"Støttede formater er {known}.")
    if path.stat().st_size == 0:
        raise IngestError(f"{path.name}: filen er tom.")
    try:
        document = extractor(path)
    except (IngestError, OSError, MemoryError):
        raise
    except Exception as error:  # a file from outside can trip a reader anywhere: refuse it
        raise IngestError(f"{path.name}: filen kan ikke leses – den er skadet eller ikke en "
                          f"{path.suffix.lower()}-fil ({type(error).__name__}).") from error
    for page in document.pages:  # control characters mean nothing in a report; Excel refuses them
        page.lines = [printable(line) for line in page.lines]
    if not any(line.strip() for page in document.pages for line in page.lines):
        raise IngestError(f"{path.name}: filen inneholder ingen tekst som kan leses.")
    number_pages(document.pages)
    return document


def number_pages(pages: list[Page]) -> None:
    """Number pages as printed, from the footers the report has; else from 1."""
    offsets = Counter(page.footer - index for index, page in enumerate(pages)
                      if page.footer is not None)
    offset = offsets.most_common(1)[0][0] if offsets else 1
    if offset < 1:
        offset = 1
    for index, page in enumerate(pages):
        page.number = index + offset


def emphasised_lead(text: str, flags: list[bool]) -> str | None:
    """Return the bold or italic run that opens a line up to a colon or a dash, when plain
    type follows: "Språk:", "Somalisk forening –".

    flags say, for each character of text that is not a space, whether it is emphasised;
    a bullet or list number before the run is passed over.
    """
    letters = [i for i, char in enumerate(text) if not char.isspace()]
    if not flags or len(letters) != len(flags):
        return None
    marker = LEAD_MARKER.match(text)
    first = next((k for k, i in enumerate(letters) if i >= (marker.end() if marker else 0)), None)
    if first is None or not flags[first]:
        return None
    last = first
    while last + 1 < len(flags) and flags[last + 1]:
        last += 1
    if last + 1 == len(flags):
        return None  # all of it emphasised: a bold line, not a lead-in
    lead = text[letters[first]:letters[last] + 1]
    if dash := LEAD_DASH.match(text, letters[last] + 1):  # "**Forening** – tekst"
        lead = text[letters[first]:dash.end()].rstrip()
    return lead if lead.endswith((":", "–", "—")) and len(lead) > 1 else None


# Importing the modules registers them.
from indexer.extract import docx, pdf, text  # noqa: E402,F401
