"""Export of a whole search: CSV for Norwegian Excel, and XLSX."""
import csv
import io

import pytest
from openpyxl import load_workbook
from report_2025 import INPUTS, SPRAKKRAV


HEADER = ["ID", "Lenke", "År", "Hovedtema", "Tema", "Bolk", "Spørsmål nr.", "Spørsmål",
          "Kategori", "Underkategori", "Emner", "Type", "Taler", "Organisasjon", "Side", "Rapport",
          "Tekst"]


def total(client, **args):
    return client.get("/api/search", query_string=args).get_json()["total"]


def csv_rows(client, **args):
    response = client.get("/eksport/csv", query_string=args)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    body = response.data
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    text = body.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_rows(client, **args):
    response = client.get("/eksport/xlsx", query_string=args)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    try:
        sheet = book["Treff"]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        links = [row[1].hyperlink.target for row in sheet.iter_rows(min_row=2)]
        about = {row[0].value: row[1].value for row in book["Om uttrekket"].iter_rows(min_row=2)}
    finally:
        book.close()
    return rows, links, about


@pytest.mark.parametrize("args", [{}, {"q": "frivillige"}, {"q": "nabolag", "kind": "innspill"},
                                  {"kind": ["innlegg", "tale"], "sort": "year"}])
def test_csv_has_one_row_per_input_the_search_finds_not_one_page(client, args):
    rows = csv_rows(client, **args)
    assert rows[0] == HEADER
    assert len(rows) - 1 == total(client, **args)
    assert len({row[0] for row in rows[1:]}) == len(rows) - 1


@pytest.mark.parametrize("args", [{}, {"q": "frivillige", "session": "Bolk 2"}])
def test_xlsx_has_one_row_per_input_the_search_finds(client, args):
    rows, links, about = xlsx_rows(client, **args)
    assert rows[0] == HEADER
    assert len(rows) - 1 == total(client, **args) == about["Antall treff"]
    assert links == [row[1] for row in rows[1:]]


def test_csv_keeps_every_tag_the_permalink_and_norwegian_letters(client):
    rows = csv_rows(client, q="språkkrav")
    row = dict(zip(HEADER, next(r for r in rows if r[-1] == SPRAKKRAV)))
    assert row["Lenke"] == f"http://localhost/innspill/{row['ID']}"
    assert row == {**row, "År": "2025", "Type": "innspill", "Tema": "Inkluderende arbeidsliv",
                   "Bolk": "Bolk 1", "Spørsmål nr.": "1", "Kategori": "Språk og kommunikasjon",
                   "Underkategori": "", "Side": "13",
                   "Rapport": "Regjeringens nasjonale integreringskonferanse 2025"}
    assert row["Spørsmål"].startswith("Hva er de største utfordringene")


def test_xlsx_keeps_numbers_as_numbers_and_describes_the_search(client):
    rows, links, about = xlsx_rows(client, q="språkkrav", kind="innspill")
    row = dict(zip(HEADER, rows[1]))
    assert row["År"] == 2025 and row["Side"] == 13 and row["Tekst"] == SPRAKKRAV
    assert links[0] == f"http://localhost/innspill/{row['ID']}"
    assert about["Søk"] == "språkkrav" and about["Type"] == "innspill"
    assert about["Søket på nettet"] == "http://localhost/sok?q=spr%C3%A5kkrav&kind=innspill"


def test_file_names_say_what_was_searched(client):
    response = client.get("/eksport/xlsx", query_string={"q": "Språkkrav og ære"})
    assert response.headers["Content-Disposition"] == 'attachment; filename="innspill-sprakkrav-og-aere.xlsx"'
    response = client.get("/eksport/csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="innspill-alle.csv"'


def test_bad_export_requests_answer_400_not_a_broken_file(client):
    for url in ("/eksport/csv?kind=foo", "/eksport/xlsx?q=%22x", "/eksport/csv?sort=best"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "text/html" in response.headers["Content-Type"]


def test_export_of_every_hit_runs_one_search(client, searches):
    rows = csv_rows(client)
    assert len(rows) - 1 == INPUTS
    assert len(searches) == 1
