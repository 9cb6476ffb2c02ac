"""Registry of extractors, one module per file format."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable

from indexer.errors import IngestError
from indexer.records import Document, Page
from kb.printable import printable

Extractor = Callable[[Path], Document]
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


# Importing the modules registers them.
from indexer.extract import docx, pdf, text  # noqa: E402,F401
