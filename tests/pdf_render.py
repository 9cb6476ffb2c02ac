"""Render extracted pages to a PDF laid out like a real report, for the PDF tests.

Each page becomes one A4 page: its text lines at the left margin at a fixed
line pitch, a paragraph break as one blank line, and the printed page number
alone at the bottom centre, as in the reports.
"""
from __future__ import annotations

import re
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


# Typeset reports: headings told apart by type alone, as in a report laid out in Word.
BOLD_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
BODY_SIZE = 10.0
HEADING_STYLES = {"#": (18.0, True), "##": (14.0, True), "###": (12.0, True), "####": (10.0, True)}
STYLE = re.compile(r"^(?:(?P<hashes>#{1,4})|\{(?P<size>\d+(?:\.\d+)?)(?P<bold>b?)\})\s+(?P<text>.*)$")
PAGE_MARK = re.compile(r"^===\s*(?P<number>\d+)\s*$")
TYPESET_BULLET = re.compile(r"^(?P<marker>[-•–*])\s+(?P<text>.*)$")
MM_PER_PT = 0.3528
SPACING = 1.45      # line pitch as a multiple of the font size
GAP = 4.0           # mm added before a paragraph that follows a blank line, and before headings
INDENT = 5.0        # mm: hanging indent of a bullet's wrapped lines


def render_typeset(source: str, path: Path) -> Path:
    """Typeset a marked-up report to a PDF whose headings differ from the body only by type.

    Markup, one paragraph a line: `=== 3` starts a page printed as page 3;
    `#`…`####` are headings of 18, 14, 12 and 10 pt bold; `{13}` or `{11b}` sets
    a size (b: bold); `•`, `-`, `–` or `*` starts a bullet; a blank line is a
    paragraph gap; every other line is a paragraph of 10 pt body text, wrapped.
    """
    pdf = new_pdf()
    pdf.add_font("DejaVuSans", style="B", fname=str(BOLD_FONT))
    state = {"y": TOP, "number": None, "gap": False}
    for raw in source.splitlines():
        if match := PAGE_MARK.match(raw):
            _end_page(pdf, state)
            pdf.add_page()
            state.update(y=TOP, number=match.group("number"), gap=False)
        elif not raw.strip():
            state["gap"] = True
        elif state["number"] is None:
            raise ValueError("a typeset report starts with a page mark such as '=== 1'")
        else:
            _typeset_line(pdf, state, raw.rstrip())
    _end_page(pdf, state)
    pdf.output(str(path))
    return path


def _typeset_line(pdf: FPDF, state: dict, raw: str) -> None:
    size, bold, text = BODY_SIZE, False, raw
    if match := STYLE.match(raw):
        if match.group("hashes"):
            size, bold = HEADING_STYLES[match.group("hashes")]
        else:
            size, bold = float(match.group("size")), match.group("bold") == "b"
        text = match.group("text")
    heading = (size, bold) != (BODY_SIZE, False)
    if (state["gap"] or heading) and state["y"] > TOP:
        state["y"] += GAP
    state["gap"] = False
    pdf.set_font("DejaVuSans", style="B" if bold else "", size=size)
    pitch = size * MM_PER_PT * SPACING
    bullet = None if heading else TYPESET_BULLET.match(text)
    left = LEFT + (INDENT if bullet else 0)
    body = bullet.group("text") if bullet else text
    lines = pdf.multi_cell(pdf.w - LEFT - left, text=body, dry_run=True, output="LINES")
    for index, line in enumerate(lines):
        state["y"] += pitch
        if bullet and index == 0:
            pdf.text(LEFT, state["y"], bullet.group("marker"))
        pdf.text(left, state["y"], line)
    if state["y"] > FOOTER_Y - 2 * PITCH:
        raise ValueError(f"page {state['number']} does not fit above its footer: {text[:40]!r}")


def _end_page(pdf: FPDF, state: dict) -> None:
    if state["number"] is None:
        return
    pdf.set_font("DejaVuSans", style="", size=BODY_SIZE)
    number = state["number"]
    pdf.text((pdf.w - pdf.get_string_width(number)) / 2, FOOTER_Y, number)
