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
