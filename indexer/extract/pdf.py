"""PDF reports, read with pdfplumber.

Paragraph breaks are found from the vertical gaps between lines; a lone
number at the top or bottom edge of a page is its printed page number.
Each line keeps its type: the median size of its letters, and whether most
of them are set in a bold face.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from statistics import median

import pdfplumber

from indexer.errors import IngestError
from indexer.extract import register
from indexer.records import PARAGRAPH_BREAK, Document, Page, Style

LONE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
EDGE = 0.12          # share of the page height at top and bottom where page numbers sit
PARAGRAPH_GAP = 1.5  # a gap this many times the usual line pitch starts a paragraph
LEADING = 1.6        # a line's pitch is at most this many times its type size (pt), gaps aside
BOLD_FACE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)

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
    lines = page.extract_text_lines(return_chars=True, strip=True)
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
    result = Page(number=0, lines=[], footer=footer)
    _add_lines(result, body)
    return result


def _add_lines(page: Page, lines: list[dict]) -> None:
    """Add line texts and types, with PARAGRAPH_BREAK where the gap above a line is wide."""
    styles = [line_style(line.get("chars", [])) for line in lines]
    usual = _usual_pitches(lines, styles)
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        size = styles[index].size
        pitch = min(usual.get(size) or usual.get(None) or 0, (size or 0) * LEADING) or None
        if previous is not None and pitch and line["top"] - previous["top"] > pitch * PARAGRAPH_GAP:
            page.lines.append(PARAGRAPH_BREAK)
        page.styles[len(page.lines)] = styles[index]
        page.lines.append(line["text"])


def _usual_pitches(lines: list[dict], styles: list[Style]) -> dict[float | None, float]:
    """Return the usual line pitch per type size (None: over all lines of the page).

    Taken between lines of one size, so that on a page of few body lines the
    wider steps around headings do not hide the gaps between paragraphs; the
    caller bounds it by the type size, for pages whose paragraphs are one line each.
    """
    pitches: dict[float | None, list[float]] = {None: []}
    for (a, style_a), (b, style_b) in zip(zip(lines, styles), zip(lines[1:], styles[1:])):
        if b["top"] > a["top"]:
            pitches[None].append(b["top"] - a["top"])
            if style_a.size == style_b.size:
                pitches.setdefault(style_b.size, []).append(b["top"] - a["top"])
    return {size: median(values) for size, values in pitches.items() if values}


def line_style(chars: list[dict]) -> Style:
    """Return a line's type: the median size of its letters and whether most are bold."""
    letters = [c for c in chars if c.get("text", "").strip()]
    if not letters:
        return Style(None)
    size = round(median(float(c["size"]) for c in letters), 1)
    bold = sum(bool(BOLD_FACE.search(c.get("fontname", ""))) for c in letters) * 2 > len(letters)
    return Style(size, bold)
