"""Word reports: pages, heading styles and the type of every paragraph."""
import docx
from docx.shared import Pt

from indexer.extract import extract
from indexer.records import PARAGRAPH_BREAK


def word_file(path, paragraphs):
    document = docx.Document()
    for style, text, *formatting in paragraphs:
        if style == "page break":
            document.add_page_break()
            continue
        run = document.add_paragraph(style=style).add_run(text)
        for name, value in (formatting[0] if formatting else {}).items():
            setattr(run.font, name, Pt(value)) if name == "size" else setattr(run, name, value)
    document.save(str(path))
    return path


def test_word_explicit_page_break_starts_a_page(tmp_path):
    """Regression: python-docx reports only page breaks Word rendered, not ones typed in."""
    path = word_file(tmp_path / "rapport.docx", [
        (None, "Første side."), ("page break", ""), (None, "Andre side."), ("page break", ""),
        (None, "Tredje side.")])
    pages = extract(path).pages
    assert [[line for line in page.lines if line != PARAGRAPH_BREAK] for page in pages] == [
        ["Første side."], ["Andre side."], ["Tredje side."]]
    assert [page.number for page in pages] == [1, 2, 3]


def test_every_paragraph_keeps_its_type_from_its_runs_or_its_style(tmp_path):
    path = word_file(tmp_path / "rapport.docx", [
        ("Heading 1", "Innspill fra sesjonene"), (None, "Integrering i skolen", {"bold": True, "size": 13}),
        (None, "Spørsmål til diskusjon", {"bold": True}), (None, "Vanlig tekst i avsnittet.")])
    page = extract(path).pages[0]
    styles = [(page.lines[i], page.styles[i].size, page.styles[i].bold, page.levels.get(i))
              for i in sorted(page.styles)]
    assert styles == [("Innspill fra sesjonene", 14.0, True, 1),
                      ("Integrering i skolen", 13.0, True, None),
                      ("Spørsmål til diskusjon", 11.0, True, None),
                      ("Vanlig tekst i avsnittet.", 11.0, False, None)]


def table_file(path, before, rows, after):
    document = docx.Document()
    document.add_paragraph(before)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, row in zip(rows, table.rows):
        for text, cell in zip(cells, row.cells):
            cell.text = text
    document.add_paragraph(after)
    document.save(str(path))
    return path


def test_word_table_of_topics_and_inputs_is_read_where_it_stands(tmp_path):
    """Regression: tables were added after the last paragraph, each row one line
    «topic – input», so a session's inputs landed under the report's last heading."""
    path = table_file(tmp_path / "tabell.docx", "Foreldresamarbeid", [
        ["Tema", "Innspill"],
        ["Informasjon", "Skolen bør sende beskjeder på flere språk."],
        ["Møter", "Tolk må bestilles i god tid før samtalen."]], "Avslutning")
    lines = [line for line in extract(path).pages[0].lines if line != PARAGRAPH_BREAK]
    assert lines == ["Foreldresamarbeid", "Informasjon:", "- Skolen bør sende beskjeder på flere språk.",
                     "Møter:", "- Tolk må bestilles i god tid før samtalen.", "Avslutning"]


def test_bold_lead_in_makes_no_bold_paragraph(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.add_run("Språk:").bold = True
    paragraph.add_run(" Barna trenger morsmålsstøtte i barnehagen.")
    document.add_paragraph().add_run("Kursiv overskrift").italic = True
    document.save(str(tmp_path / "lead.docx"))
    page = extract(tmp_path / "lead.docx").pages[0]
    styles = [(page.styles[i].bold, page.styles[i].italic, page.styles[i].lead) for i in sorted(page.styles)]
    assert styles == [(False, False, "Språk:"), (False, True, None)]
