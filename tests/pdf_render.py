"""Render extracted pages to a PDF laid out like a real report, for the PDF tests.

Each page becomes one A4 page: its text lines at the left margin at a fixed
line pitch, a paragraph break as one blank line, and the printed page number
alone at the bottom centre, as in the reports.
"""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from indexer.records import PARAGRAPH_BREAK, Page

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_SIZE = 9.0     # pt: the longest line of the 2025 report (~100 characters) fits the width
LEFT = 15.0         # mm
TOP = 20.0          # mm: baseline of the first line
PITCH = 4.5         # mm between baselines; a paragraph break adds one more
FOOTER_Y = 285.0    # mm: baseline of the page number, in the bottom 8 % of the 297 mm page


def new_pdf() -> FPDF:
    """An A4 document in mm with the DejaVu Sans font and no automatic layout."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, TOP, LEFT)
    pdf.add_font("DejaVuSans", fname=str(FONT))
    pdf.set_font("DejaVuSans", size=FONT_SIZE)
    return pdf


def render_pages(pages: list[Page], path: Path) -> Path:
    """Write one PDF page per extracted page, with its printed number as footer."""
    pdf = new_pdf()
    usable = pdf.w - 2 * LEFT
    for page in pages:
        pdf.add_page()
        y = TOP
        for line in page.lines:
            if line != PARAGRAPH_BREAK:
                width = pdf.get_string_width(line)
                if width > usable:
                    raise ValueError(f"line too wide for the page ({width:.1f} mm > {usable:.1f} mm): {line!r}")
                pdf.text(LEFT, y, line)
            y += PITCH
        if y > FOOTER_Y - 2 * PITCH:
            raise ValueError(f"page {page.number} does not fit above its footer")
        number = str(page.number)
        pdf.text((pdf.w - pdf.get_string_width(number)) / 2, FOOTER_Y, number)
    pdf.output(str(path))
    return path


def render_encrypted(path: Path, user_password: str = "hemmelig") -> Path:
    """A one-page PDF with text that opens only with a password."""
    pdf = new_pdf()
    pdf.set_encryption(owner_password="eier", user_password=user_password)
    pdf.add_page()
    pdf.text(LEFT, TOP, "Nasjonal integreringskonferanse 2025 – hemmelig innhold.")
    pdf.output(str(path))
    return path


def render_blank(path: Path) -> Path:
    """A PDF of one empty page."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.output(str(path))
    return path
