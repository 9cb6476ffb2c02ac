"""Export every input a search finds, with all its tags, as CSV or Excel (XLSX)."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from flask import Blueprint, Response, request
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kb.fields import EXPORTED
from kb.printable import printable, printable_value
from kb.search import Hit, all_hits
from web import db, params
from web.labels import filter_label
from web.links import external

bp = Blueprint("export", __name__, url_prefix="/eksport")

# Every exported field of kb.fields, with the input's web address after its id.
COLUMNS = tuple((f.hit_name, f.heading) for f in EXPORTED[:1]) + (("url", "Lenke"),) + tuple(
    (f.hit_name, f.heading) for f in EXPORTED[1:])
WIDTHS = {"id": 18, "url": 40, "question": 50, "category": 30, "subcategory": 30, "text": 90,
          "theme": 28, "document": 30, "organisation": 28, "speaker": 22, "canonical": 24,
          "topics": 28}
# Excel runs a cell that starts with one of these as a formula; a leading ' keeps it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/csv")
def as_csv():
    state, hits = _everything()
    buffer = io.StringIO()
    # Norwegian Excel opens a CSV right only like this: a BOM so it reads UTF-8 (æøå intact),
    # semicolons because comma is the decimal sign there, and CRLF line ends as in RFC 4180.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _, label in COLUMNS])
    for row in _rows(hits):
        writer.writerow([_csv_safe(value) for value in row])
    return _download(buffer.getvalue().encode("utf-8"), "text/csv; charset=utf-8",
                     _file_name(state, "csv"))


@bp.get("/xlsx")
def as_xlsx():
    state, hits = _everything()
    book = Workbook()
    _fill(book.active, hits)
    _describe(book.create_sheet("Om uttrekket"), state, len(hits))
    buffer = io.BytesIO()
    book.save(buffer)
    return _download(buffer.getvalue(),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     _file_name(state, "xlsx"))


def _fill(sheet, hits: list[Hit]) -> None:
    """Write one row per hit under a bold header, links clickable, ready to filter."""
    sheet.title = "Treff"
    sheet.append([label for _, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(hits):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = Alignment(wrap_text=isinstance(cell.value, str), vertical="top")
        link = sheet.cell(row=sheet.max_row, column=2)
        link.hyperlink = link.value
        link.style = "Hyperlink"
    for number, (name, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = WIDTHS.get(name, 12)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row}"


def _everything() -> tuple[params.SearchState, list]:
    """Return the search of the URL and every hit it finds, from one search."""
    state = params.parse(request.args)
    return state, list(all_hits(db.index(), state.request(page=1)))


def _rows(hits: list[Hit]):
    """Yield each hit's cells, without control characters (Excel refuses them in a cell)."""
    for hit in hits:
        values = dict(vars(hit), url=external("inputs.detail", input_id=hit.id))
        yield [printable_value(", ".join(value) if isinstance(value, list) else value)
               for value in (values.get(name) for name, _ in COLUMNS)]


def _csv_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _describe(sheet, state: params.SearchState, count: int) -> None:
    """Write what was searched for, so the file explains itself later."""
    sheet.append(["Innspillsbasen – uttrekk"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Søk", printable(state.query) or "(alt)"])
    for name, value in state.chips():
        sheet.append([filter_label(name), printable(value)])
    sheet.append(["Sortering", "år" if state.sort == "year" else "relevans"])
    sheet.append(["Antall treff", count])
    sheet.append(["Hentet", datetime.now().strftime("%d.%m.%Y %H:%M")])
    sheet.append(["Søket på nettet", external("search.index", **state.args(page=1))])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 80


def _file_name(state: params.SearchState, suffix: str) -> str:
    folded = state.query.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-")[:40]
    return f"innspill-{slug or 'alle'}.{suffix}"


def _download(body: bytes, content_type: str, name: str) -> Response:
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
