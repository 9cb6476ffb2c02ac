"""Word reports (.docx), read with python-docx.

Each paragraph is one line followed by a paragraph break; heading styles give
heading levels; list paragraphs become bullets; tables are read row by row.
Pages are counted from the page breaks Word last rendered, or explicit ones.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from indexer.errors import IngestError
from indexer.extract import register
from indexer.records import PARAGRAPH_BREAK, Document, Page

HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
TITLE_STYLES = {"title", "tittel"}


@register(".docx")
def extract_docx(path: Path) -> Document:
    """Read the paragraphs of a Word document into pages of lines."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise IngestError(f"{path.name}: Word-filen er skadet eller ikke en .docx-fil "
                          f"({type(error).__name__}).") from error
    pages = [Page(number=0, lines=[])]
    for paragraph in document.paragraphs:
        if paragraph.rendered_page_breaks or paragraph.contains_page_break:
            if any(line != PARAGRAPH_BREAK for line in pages[-1].lines):
                pages.append(Page(number=0, lines=[]))
        _add(pages[-1], paragraph)
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                pages[-1].lines += [" – ".join(dict.fromkeys(cells)), PARAGRAPH_BREAK]
    return Document(format="docx", pages=[p for p in pages if p.lines])


def _add(page: Page, paragraph) -> None:
    text = " ".join(paragraph.text.split())
    if not text:
        return
    style = (paragraph.style.name if paragraph.style is not None else "").strip()
    heading = HEADING_STYLE.match(style)
    if heading or style.lower() in TITLE_STYLES:
        page.levels[len(page.lines)] = int(heading.group(1)) if heading else 1
    elif _is_list(paragraph, style) and not text.startswith(("-", "•", "–", "*")):
        text = f"- {text}"
    page.lines += [text, PARAGRAPH_BREAK]


def _is_list(paragraph, style: str) -> bool:
    properties = paragraph._p.pPr
    return "list" in style.lower() or "liste" in style.lower() or (
        properties is not None and properties.numPr is not None)
