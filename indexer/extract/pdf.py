"""PDF reports, read with pdfplumber.

Paragraph breaks are found from the vertical gaps between lines; a lone
number at the top or bottom edge of a page is its printed page number.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from statistics import median

import pdfplumber

from indexer.errors import IngestError
from indexer.extract import register
from indexer.records import PARAGRAPH_BREAK, Document, Page

LONE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
EDGE = 0.12          # share of the page height at top and bottom where page numbers sit
PARAGRAPH_GAP = 1.5  # a gap this many times the usual line pitch starts a paragraph

# pdfminer logs every odd PDF object at WARNING; they are not the user's concern.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@register(".pdf")
def extract_pdf(path: Path) -> Document:
    """Read the text lines of every page of a PDF."""
    if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
        raise IngestError(f"{path.name}: filen er ikke en PDF, selv om navnet slutter på .pdf.")
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_read_page(page) for page in pdf.pages]
    except IngestError:
        raise
    except Exception as error:  # pdfminer raises many types for broken or locked files
        raise IngestError(_describe(path, error)) from error
    return Document(format="pdf", pages=pages)


def _describe(path: Path, error: Exception) -> str:
    text = f"{type(error).__name__} {error!r}".lower()
    if "password" in text or "encrypt" in text:
        return f"{path.name}: PDF-en er kryptert eller passordbeskyttet og kan ikke leses. Lagre en ulåst kopi og prøv igjen."
    return f"{path.name}: PDF-en er skadet eller kan ikke leses ({type(error).__name__})."


def _read_page(page) -> Page:
    lines = page.extract_text_lines(return_chars=False, strip=True)
    footer = None
    body = []
    for line in lines:
        number = LONE_NUMBER.match(line["text"])
        at_edge = (line["top"] < page.height * EDGE
                   or line["bottom"] > page.height * (1 - EDGE))
        if number and at_edge:
            footer = int(number.group(1))
        else:
            body.append(line)
    return Page(number=0, lines=_with_breaks(body), footer=footer)


def _with_breaks(lines: list[dict]) -> list[str]:
    """Return line texts with PARAGRAPH_BREAK where the gap above a line is wide."""
    pitches = [b["top"] - a["top"] for a, b in zip(lines, lines[1:]) if b["top"] > a["top"]]
    usual = median(pitches) if pitches else 0
    texts: list[str] = []
    for previous, line in zip([None, *lines], lines):
        if previous is not None and usual and line["top"] - previous["top"] > usual * PARAGRAPH_GAP:
            texts.append(PARAGRAPH_BREAK)
        texts.append(line["text"])
    return texts
