"""Plain text reports, including text taken out of a PDF.

In such text a line that starts with a single space followed by text begins
a new page, a form feed does too, a lone page number ("3", "Side 3 av 12") is
a page footer, and
the PDF's line breaks are kept. Where every other line is empty (as when the
text was copied out of a PDF viewer), the empty lines are an artefact and a
line holding only spaces marks a paragraph break.
"""
from __future__ import annotations

import re
from pathlib import Path

from indexer.errors import IngestError
from indexer.extract import PAGE_NUMBER, register
from indexer.records import PARAGRAPH_BREAK, Document, Page

FOOTER = PAGE_NUMBER
PAGE_START = re.compile(r"^ (?=\S)")


@register(".txt", ".text")
def extract_text(path: Path) -> Document:
    """Read a text report into pages of lines."""
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise IngestError(f"{path.name}: filen ser ikke ut som tekst (den inneholder binære data).")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252", errors="replace")
    return Document(format="text", pages=split_pages(content.splitlines()))


def split_pages(lines: list[str]) -> list[Page]:
    """Split lines into pages at page starts, form feeds and footers."""
    double_spaced = _is_double_spaced(lines)
    pages: list[Page] = [Page(number=0, lines=[])]
    ended = False
    for line in lines:
        if line == "" and double_spaced:
            continue
        starts_page = line.startswith("\f") or bool(PAGE_START.match(line))
        line = line.replace("\f", "")
        if not line.strip():
            pages[-1].lines.append(PARAGRAPH_BREAK)
            continue
        footer = FOOTER.match(line)
        if footer:
            pages[-1].footer = int(footer.group(1))
            ended = True
            continue
        if (starts_page or ended) and _has_text(pages[-1]):
            pages.append(Page(number=0, lines=[]))
        ended = False
        pages[-1].lines.append(line.strip())
    return [page for page in pages if _has_text(page) or page.footer is not None]


def _has_text(page: Page) -> bool:
    return any(line != PARAGRAPH_BREAK for line in page.lines)


def _is_double_spaced(lines: list[str]) -> bool:
    """Tell whether empty lines sit between (nearly) all lines of text."""
    filled = [i for i, line in enumerate(lines) if line != ""]
    if len(filled) < 4:
        return False
    adjacent = sum(1 for a, b in zip(filled, filled[1:]) if b == a + 1)
    return adjacent / len(filled) < 0.1
