"""PDF reports: the 2025 report as a PDF ingests to the same inputs as its text, and bad PDFs fail cleanly."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pdfplumber
import pytest

from indexer.errors import IngestError
from indexer.extract import extract
from indexer.load import prepare, stable_ids
from indexer.parse import parse
from indexer.records import PARAGRAPH_BREAK, Record

from pdf_render import FOOTER_Y, render_blank, render_encrypted, render_pages

ROOT = Path(__file__).resolve().parent.parent
TEXT_2025 = ROOT / "corpus" / "2025-integreringskonferansen.txt"
COMPARED = [f.name for f in fields(Record) if f.name != "lines"]


@pytest.fixture(scope="module")
def text_document():
    return extract(TEXT_2025)


@pytest.fixture(scope="module")
def pdf_2025(tmp_path_factory, text_document) -> Path:
    """The 2025 report rendered page by page to a PDF, with no sidecar beside it."""
    folder = tmp_path_factory.mktemp("pdf2025")
    return render_pages(text_document.pages, folder / "integreringskonferansen.pdf")


@pytest.fixture(scope="module")
def pdf_document(pdf_2025):
    return extract(pdf_2025)


def test_rendered_pdf_has_a_footer_on_every_page(pdf_2025, text_document):
    with pdfplumber.open(pdf_2025) as pdf:
        assert len(pdf.pages) == len(text_document.pages)
        for page, source in zip(pdf.pages, text_document.pages):
            assert page.width < page.height  # portrait A4
            last = page.extract_text_lines()[-1]
            assert last["text"] == str(source.number)
            assert last["top"] > page.height * 0.92
    assert FOOTER_Y > 297 * 0.92


def test_pdf_has_the_same_pages_as_the_text(pdf_document, text_document):
    assert pdf_document.format == "pdf"
    assert [p.number for p in pdf_document.pages] == [p.number for p in text_document.pages]
    assert [p.number for p in pdf_document.pages] == list(range(4, 19))
    assert all(p.footer == p.number for p in pdf_document.pages)


def paragraphs(lines: list[str]) -> list[str]:
    """Lines with runs of paragraph breaks made one, and none at the page's edges.

    A PDF shows a paragraph break only as a wider gap between two lines of a page,
    so breaks in a row count as one and breaks at the top or bottom cannot be seen.
    """
    kept: list[str] = []
    for line in lines:
        if line == PARAGRAPH_BREAK and (not kept or kept[-1] == PARAGRAPH_BREAK):
            continue
        kept.append(line)
    while kept and kept[-1] == PARAGRAPH_BREAK:
        kept.pop()
    return kept


def test_pdf_pages_hold_the_text_lines_and_paragraph_breaks(pdf_document, text_document):
    for pdf_page, text_page in zip(pdf_document.pages, text_document.pages):
        assert pdf_page.lines == paragraphs(text_page.lines), f"page {text_page.number}"
    assert sum(line == PARAGRAPH_BREAK for p in pdf_document.pages for line in p.lines) > 20


def test_pdf_gives_the_same_records_as_the_text(pdf_document, text_document):
    from_pdf = parse(pdf_document).records
    from_text = parse(text_document).records
    assert len(from_pdf) == len(from_text)
    for index, (got, expected) in enumerate(zip(from_pdf, from_text)):
        got_fields = {name: getattr(got, name) for name in COMPARED}
        expected_fields = {name: getattr(expected, name) for name in COMPARED}
        assert got_fields == expected_fields, f"record {index} differs"
    assert {r.page for r in from_pdf} <= set(range(4, 19))
    assert all(r.page is not None for r in from_pdf)


def test_prepare_finds_the_year_in_the_pdf_and_gives_the_same_ids(pdf_2025):
    assert not pdf_2025.with_suffix(".yaml").exists() and not pdf_2025.with_suffix(".yml").exists()
    prepared_pdf = prepare(pdf_2025)
    prepared_text = prepare(TEXT_2025)
    assert prepared_pdf.metadata.year == 2025
    assert prepared_pdf.document.format == "pdf"
    assert prepared_pdf.document.page_count == 15
    assert prepared_pdf.document.pages[0].number == 4
    pdf_ids = stable_ids(prepared_pdf.metadata.year, prepared_pdf.records)
    text_ids = stable_ids(prepared_text.metadata.year, prepared_text.records)
    assert pdf_ids == text_ids
    assert len(set(pdf_ids)) == len(pdf_ids)


def test_encrypted_pdf_is_refused(tmp_path):
    path = render_encrypted(tmp_path / "låst.pdf")
    with pytest.raises(IngestError, match="kryptert"):
        extract(path)


def test_text_file_named_pdf_is_refused(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_text("Nasjonal integreringskonferanse 2025\nDette er bare tekst.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="ikke en PDF"):
        extract(path)


def test_truncated_pdf_is_refused(tmp_path, pdf_2025):
    path = tmp_path / "avkuttet.pdf"
    path.write_bytes(pdf_2025.read_bytes()[:300])
    with pytest.raises(IngestError) as caught:
        extract(path)
    assert type(caught.value) is IngestError
    assert "avkuttet.pdf" in str(caught.value)


def test_pdf_without_text_is_refused(tmp_path):
    path = render_blank(tmp_path / "tom.pdf")
    with pytest.raises(IngestError, match="ingen tekst"):
        extract(path)


def test_pdf_lines_keep_their_size_and_weight(tmp_path):
    from pdf_render import render_typeset
    path = render_typeset("=== 1\n# Rapport\n## Sosial mobilitet\n#### Utdanning\nVanlig tekst.\n",
                          tmp_path / "type.pdf")
    page = extract(path).pages[0]
    styles = [(page.lines[i], page.styles[i].size, page.styles[i].bold) for i in sorted(page.styles)]
    assert styles == [("Rapport", 18.0, True), ("Sosial mobilitet", 14.0, True),
                      ("Utdanning", 10.0, True), ("Vanlig tekst.", 10.0, False)]


def test_paragraph_gap_found_on_a_page_of_few_body_lines(tmp_path):
    """Regression: the usual line pitch was taken over all lines, so on a page with
    headings and few body lines the wider steps around headings hid the paragraph gaps."""
    from pdf_render import render_typeset
    path = render_typeset("\n".join([
        "=== 1", "# Konferanserapport", "## Innledning", "Første avsnitt, første linje.",
        "", "Andre avsnitt.", "", "Tredje avsnitt."]), tmp_path / "gaps.pdf")
    assert extract(path).pages[0].lines == [
        "Konferanserapport", PARAGRAPH_BREAK, "Innledning", "Første avsnitt, første linje.",
        PARAGRAPH_BREAK, "Andre avsnitt.", PARAGRAPH_BREAK, "Tredje avsnitt."]


def test_running_header_and_footer_are_not_text_and_give_the_page_number(tmp_path):
    """Regression: a report's title printed atop every page and «Side 3 av 5» at the
    foot were joined into one line and stored as an input of the session on the page."""
    from pdf_render import render_typeset
    path = render_typeset("\n".join([
        "=== 2", "@header Integreringskonferansen 2019 – rapport", "@footer Side {page} av {pages}",
        "## Sesjon 1: Bolig", "- Flere store boliger.",
        "=== 3", "## Sesjon 2: Helse", "- Tolk hos fastlegen."]), tmp_path / "topptekst.pdf")
    pages = extract(path).pages
    assert [(p.number, p.footer, [x for x in p.lines if x != PARAGRAPH_BREAK]) for p in pages] == [
        (2, 2, ["Sesjon 1: Bolig", "- Flere store boliger."]),
        (3, 3, ["Sesjon 2: Helse", "- Tolk hos fastlegen."])]


def test_line_repeated_on_one_page_only_is_text(tmp_path):
    from pdf_render import render_typeset
    path = render_typeset("\n".join([
        "=== 1", "Innspill", "- Første.", "=== 2", "Andre side.", "=== 3", "Tredje side."]),
        tmp_path / "en-gang.pdf")
    assert extract(path).pages[0].lines[0] == "Innspill"


def test_ruled_table_in_a_pdf_is_read_where_it_stands(tmp_path):
    from pdf_render import render_typeset
    path = render_typeset("\n".join([
        "=== 1", "## Sesjon 2: Unge", "| Tema | Innspill |", "|---|---|",
        "| Skole | Skolene bør ha miljøarbeidere som kjenner ungdommene. |",
        "| Fritid | Fritidsklubbene må holde åpent fredag og lørdag kveld. |",
        "## Sesjon 3: Bolig", "- Startlån til flere."]), tmp_path / "tabell.pdf")
    assert [x for x in extract(path).pages[0].lines if x != PARAGRAPH_BREAK] == [
        "Sesjon 2: Unge", "Skole:", "- Skolene bør ha miljøarbeidere som kjenner ungdommene.",
        "Fritid:", "- Fritidsklubbene må holde åpent fredag og lørdag kveld.",
        "Sesjon 3: Bolig", "- Startlån til flere."]


def test_pdf_lines_keep_their_slant_and_an_emphasised_lead_in(tmp_path):
    from pdf_render import render_typeset
    path = render_typeset("\n".join([
        "=== 1", "{10i} Forslag fra gruppen", "1) __Testforeningen Nord:__ Kursene må være gratis.",
        "**Kari Testesen, KS:** Kommunene trenger tid."]), tmp_path / "kursiv.pdf")
    page = extract(path).pages[0]
    assert [(page.lines[i], page.styles[i].bold, page.styles[i].italic, page.styles[i].lead)
            for i in sorted(page.styles)] == [
        ("Forslag fra gruppen", False, True, None),
        ("1) Testforeningen Nord: Kursene må være gratis.", False, False, "Testforeningen Nord:"),
        ("Kari Testesen, KS: Kommunene trenger tid.", False, False, "Kari Testesen, KS:")]


def test_bold_organisation_before_a_dash_is_a_lead_in(tmp_path):
    from pdf_render import render_typeset
    path = render_typeset("=== 1\n**Polsk testforum** – Arbeidsinnvandrere vet for lite.\n",
                          tmp_path / "strek.pdf")
    page = extract(path).pages[0]
    assert page.styles[0].lead == "Polsk testforum –"
