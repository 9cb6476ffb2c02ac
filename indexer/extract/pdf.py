"""PDF reports, read with pdfplumber.

Paragraph breaks are found from the vertical gaps between lines; a lone
number ("3", "Side 3 av 12") at the top or bottom edge of a page is its printed
page number, and a line repeated at the same edge of many pages (the report's
title, a date) is a running header or footer, not text. Ruled tables are read
where they stand (tables.py). Each line keeps its type: the median size of its
letters, and whether most of them are set in a bold or an italic face.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from statistics import median

import pdfplumber

from indexer.errors import IngestError
from indexer.extract import PAGE_NUMBER, emphasised_lead, register
from indexer.extract.tables import table_lines
from indexer.records import PARAGRAPH_BREAK, Document, Page, Style

RUNNING_SHARE = 0.5  # a line at the same edge of at least this share of the pages runs on them
EDGE = 0.12          # share of the page height at top and bottom where page numbers sit
PARAGRAPH_GAP = 1.5  # a gap this many times the usual line pitch starts a paragraph
LEADING = 1.6        # a line's pitch is at most this many times its type size (pt), gaps aside
BOLD_FACE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC_FACE = re.compile(r"italic|oblique|kursiv", re.IGNORECASE)

# pdfminer logs every odd PDF object at WARNING; they are not the user's concern.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@register(".pdf")
def extract_pdf(path: Path) -> Document:
    """Read the text lines of every page of a PDF."""
    if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
        raise IngestError(f"{path.name}: filen er ikke en PDF, selv om navnet slutter på .pdf.")
    try:
        with pdfplumber.open(path) as pdf:
            read = [_read_lines(page) for page in pdf.pages]
    except IngestError:
        raise
    except Exception as error:  # pdfminer raises many types for broken or locked files
        raise IngestError(_describe(path, error)) from error
    running = running_lines(read)
    pages = [_make_page(lines, tables, running) for lines, tables in read]
    return Document(format="pdf", pages=pages)


def _describe(path: Path, error: Exception) -> str:
    text = f"{type(error).__name__} {error!r}".lower()
    if "password" in text or "encrypt" in text:
        return f"{path.name}: PDF-en er kryptert eller passordbeskyttet og kan ikke leses. Lagre en ulåst kopi og prøv igjen."
    return f"{path.name}: PDF-en er skadet eller kan ikke leses ({type(error).__name__})."


def _read_lines(page) -> tuple[list[dict], list[dict]]:
    """Return a page's text lines, each marked with the edge it sits at, and its ruled tables."""
    ruled = page.find_tables() if page.lines or page.rects else []  # a ruled table draws lines
    tables = [{"top": t.bbox[1], "bottom": t.bbox[3], "rows": t.extract()} for t in ruled]
    lines = []
    for line in page.extract_text_lines(return_chars=True, strip=True):
        middle = (line["top"] + line["bottom"]) / 2
        if any(t["top"] <= middle <= t["bottom"] for t in tables):
            continue
        edge = ("top" if line["top"] < page.height * EDGE
                else "bottom" if line["bottom"] > page.height * (1 - EDGE) else None)
        lines.append(line | {"edge": edge})
    return lines, tables


def running_lines(pages: list[tuple[list[dict], list[dict]]]) -> set[tuple[str, str]]:
    """Return the (edge, text) of lines repeated at the same edge of many pages, digits aside."""
    seen: dict[tuple[str, str], int] = {}
    for lines, _ in pages:
        for key in {_running_key(line) for line in lines if line["edge"]}:
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, len(pages) * RUNNING_SHARE)
    return {key for key, count in seen.items() if count >= needed}


def _running_key(line: dict) -> tuple[str, str]:
    return line["edge"], re.sub(r"\d+", "#", " ".join(line["text"].split()).casefold())


def _make_page(lines: list[dict], tables: list[dict], running: set[tuple[str, str]]) -> Page:
    """Make a page of the body lines and tables in reading order, its number from its footer."""
    footer = None
    body: list[dict] = []
    for line in lines:
        number = PAGE_NUMBER.match(line["text"])
        if line["edge"] and number:
            footer = int(number.group(1))
        elif not (line["edge"] and _running_key(line) in running):
            body.append(line)
    body += [table | {"text": None} for table in tables]
    result = Page(number=0, lines=[], footer=footer)
    _add_lines(result, sorted(body, key=lambda item: item["top"]))
    return result


def _add_lines(page: Page, lines: list[dict]) -> None:
    """Add line texts and types, with PARAGRAPH_BREAK where the gap above a line is wide."""
    texts = [line for line in lines if line["text"] is not None]
    styles = [line_style(line.get("chars", []), line["text"]) for line in texts]
    usual = _usual_pitches(texts, styles)
    style_of = {id(line): style for line, style in zip(texts, styles)}
    previous = None
    for line in lines:
        if line["text"] is None:  # a table: its lines, a paragraph each
            for text in table_lines(line["rows"]):
                page.lines += [PARAGRAPH_BREAK, text]
            page.lines.append(PARAGRAPH_BREAK)
            previous = None
            continue
        size = style_of[id(line)].size
        pitch = min(usual.get(size) or usual.get(None) or 0, (size or 0) * LEADING) or None
        if previous is not None and pitch and line["top"] - previous["top"] > pitch * PARAGRAPH_GAP:
            page.lines.append(PARAGRAPH_BREAK)
        page.styles[len(page.lines)] = style_of[id(line)]
        page.lines.append(line["text"])
        previous = line


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


def line_style(chars: list[dict], text: str = "") -> Style:
    """Return a line's type: the median size of its letters, whether most are bold or
    italic, and an emphasised lead-in ("Språk:") that opens it."""
    letters = [c for c in chars if c.get("text", "").strip()]
    if not letters:
        return Style(None)
    size = round(median(float(c["size"]) for c in letters), 1)
    faces = [c.get("fontname", "") for c in letters]
    lead = emphasised_lead(text, [bool(BOLD_FACE.search(f) or ITALIC_FACE.search(f)) for f in faces])
    if lead:
        return Style(size, lead=lead)
    bold = sum(bool(BOLD_FACE.search(face)) for face in faces) * 2 > len(letters)
    italic = sum(bool(ITALIC_FACE.search(face)) for face in faces) * 2 > len(letters)
    return Style(size, bold, italic)
