"""Word reports (.docx), read with python-docx.

Each paragraph is one line followed by a paragraph break; heading styles give
heading levels; list paragraphs become bullets; tables are read where they stand,
a table of topics and inputs as labels and bullets (tables.py), any other row by row.
Each paragraph keeps its type (size and weight, from its runs or its style), so
a Normal paragraph set in bold or a larger size can be told to be a heading.
Pages are counted from the page breaks Word last rendered, or explicit ones.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table

from indexer.errors import IngestError
from indexer.extract import emphasised_lead, register
from indexer.extract.tables import table_lines
from indexer.records import PARAGRAPH_BREAK, Document, Page, Style

MAX_UNPACKED = 256 * 1024 * 1024   # bytes a .docx may unpack to: more is a zip bomb
MAX_PARTS = 5_000                   # files in the package
DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")  # Word never writes them; entity bombs need them
CHUNK = 1024 * 1024
HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
TITLE_STYLES = {"title", "tittel"}
DEFAULT_SIZE = 11.0  # Word's own default, when neither the document nor a style sets one


@register(".docx")
def extract_docx(path: Path) -> Document:
    """Read the paragraphs of a Word document into pages of lines."""
    try:
        check_package(path)
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise IngestError(f"{path.name}: Word-filen er skadet eller ikke en .docx-fil "
                          f"({type(error).__name__}).") from error
    pages = [Page(number=0, lines=[])]
    default = _default_size(document)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            _add_table(pages[-1], block, default)
            continue
        if block.rendered_page_breaks or _has_page_break(block):
            if any(line != PARAGRAPH_BREAK for line in pages[-1].lines):
                pages.append(Page(number=0, lines=[]))
        _add(pages[-1], block, default)
    return Document(format="docx", pages=[p for p in pages if p.lines])


def check_package(path: Path) -> None:
    """Refuse a package that unpacks to more than MAX_UNPACKED bytes or holds a document type
    declaration, before any XML is parsed (zip bombs, entity expansion). Deeply nested XML
    is refused by lxml itself (libxml2's depth limit), as a broken file."""
    with zipfile.ZipFile(path) as package:
        parts = package.infolist()
        unpacked = sum(part.file_size for part in parts)
        if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED:
            raise IngestError(f"{path.name}: Word-filen pakker seg ut til {unpacked // 2**20} MB "
                              f"i {len(parts)} deler, mer enn en rapport kan være (høyst "
                              f"{MAX_UNPACKED // 2**20} MB). Den blir ikke lest.")
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) and _declares(package, part):
                raise IngestError(f"{path.name}: Word-filen har en dokumenttypedeklarasjon "
                                  f"(<!DOCTYPE eller <!ENTITY) i {part.filename}; det lager "
                                  "ikke Word, og den blir ikke lest.")


def _declares(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    tail = b""
    with package.open(part) as stream:  # never more than the declared size (zipfile checks)
        while chunk := stream.read(CHUNK):
            if any(word in tail + chunk for word in DECLARATIONS):
                return True
            tail = chunk[-16:]
    return False


def _has_page_break(paragraph) -> bool:
    """Tell whether a paragraph holds an explicit page break (python-docx only sees rendered ones)."""
    return any(br.get(qn("w:type")) == "page" for br in paragraph._p.iter(qn("w:br")))


def _default_size(document) -> float:
    sizes = document.styles.element.xpath("w:docDefaults//w:rPr/w:sz/@w:val")
    return int(sizes[0]) / 2 if sizes else DEFAULT_SIZE


def _style(paragraph, default: float) -> Style:
    """Return a paragraph's type: the size, weight and slant of its runs, else of its style,
    and the bold or italic lead-in ("Språk:") that opens it."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    sizes = {run.font.size.pt for run in runs if run.font.size is not None}
    size = max(sizes) if sizes else _inherited(paragraph.style, "size")
    size = size.pt if hasattr(size, "pt") else (size or default)
    bold = [_run_has(run, "bold", paragraph.style) for run in runs]
    italic = [_run_has(run, "italic", paragraph.style) for run in runs]
    flags = [_run_has(run, "bold", paragraph.style) or _run_has(run, "italic", paragraph.style)
             for run in paragraph.runs for char in run.text if not char.isspace()]
    lead = emphasised_lead("".join(run.text for run in paragraph.runs), flags)
    if lead:
        return Style(size, lead=lead)
    return Style(size, bool(runs) and all(bold), bool(runs) and all(italic))


def _run_has(run, name: str, style) -> bool:
    value = getattr(run, name)
    return bool(value if value is not None else _inherited(style, name))


def _inherited(style, name: str):
    """Return a font property of a style or the nearest style it is based on."""
    while style is not None:
        value = getattr(style.font, name)
        if value is not None:
            return value
        style = style.base_style
    return None


def _add(page: Page, paragraph, default: float = DEFAULT_SIZE) -> None:
    text = " ".join(paragraph.text.split())
    if not text:
        return
    page.styles[len(page.lines)] = _style(paragraph, default)
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


def _add_table(page: Page, table: Table, default: float) -> None:
    """Add a table where it stands, each line it stands for in body type."""
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    for line in table_lines(rows):
        page.styles[len(page.lines)] = Style(default)
        page.lines += [line, PARAGRAPH_BREAK]
