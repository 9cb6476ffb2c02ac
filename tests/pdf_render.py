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
ITALIC_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf")
BOLD_ITALIC_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf")
BODY_SIZE = 10.0
HEADING_STYLES = {"#": (18.0, True), "##": (14.0, True), "###": (12.0, True), "####": (10.0, True)}
STYLE = re.compile(r"^(?:(?P<hashes>#{1,4})|\{(?P<size>\d+(?:\.\d+)?)(?P<bold>b?)(?P<italic>i?)"
                   r"(?:\s+#(?P<colour>[0-9a-fA-F]{6}))?\})\s+(?P<text>.*)$")
PAGE_MARK = re.compile(r"^===\s*(?P<number>\d+)\s*$")
TYPESET_BULLET = re.compile(r"^(?P<marker>[-•–*])\s+(?P<text>.*)$")
INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|__(?P<italic>.+?)__")
RUNNING = re.compile(r"^@(?P<where>header|footer)(?:\s+(?P<text>.*))?$")
TABLE_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
MM_PER_PT = 0.3528
SPACING = 1.45      # line pitch as a multiple of the font size
GAP = 4.0           # mm added before a paragraph that follows a blank line, and before headings
INDENT = 5.0        # mm: hanging indent of a bullet's wrapped lines
RUNNING_SIZE = 8.0  # pt: running headers and footers
HEADER_Y = 10.0     # mm: baseline of a running header


def render_typeset(source: str, path: Path) -> Path:
    """Typeset a marked-up report to a PDF whose headings differ from the body only by type.

    Markup, one paragraph a line: `=== 3` starts a page printed as page 3;
    `#`…`####` are headings of 18, 14, 12 and 10 pt bold; `{13}` or `{11b}` sets
    a size (b: bold, i: italic; `{12 #1f4e79}` also a colour); `•`, `-`, `–` or `*`
    starts a bullet; `**…**` and `__…__` set words bold or italic inside a paragraph;
    `| a | b |` lines are the rows of a ruled table (a `|---|---|` line under the first
    makes it a heading row); `@header …` and `@footer …` set a running header and
    footer from the page being set on (`{page}`, `{pages}`: its number and the count
    of pages), in place of the lone page number; a blank line is a paragraph gap;
    every other line is a paragraph of 10 pt body text, wrapped.
    """
    pdf = new_pdf()
    for style, font in (("B", BOLD_FONT), ("I", ITALIC_FONT), ("BI", BOLD_ITALIC_FONT)):
        pdf.add_font("DejaVuSans", style=style, fname=str(font))
    pages = sum(1 for raw in source.splitlines() if PAGE_MARK.match(raw))
    state = {"y": TOP, "number": None, "gap": False, "header": None, "footer": None,
             "pages": str(pages), "table": []}
    for raw in source.splitlines():
        if state["table"] and not TABLE_ROW.match(raw):
            _typeset_table(pdf, state)
        if match := PAGE_MARK.match(raw):
            _end_page(pdf, state)
            pdf.add_page()
            state.update(y=TOP, number=match.group("number"), gap=False)
        elif match := RUNNING.match(raw):
            state[match.group("where")] = match.group("text") or None
        elif not raw.strip():
            state["gap"] = True
        elif state["number"] is None:
            raise ValueError("a typeset report starts with a page mark such as '=== 1'")
        elif TABLE_ROW.match(raw):
            state["table"].append(raw.strip())
        else:
            _typeset_line(pdf, state, raw.rstrip())
    if state["table"]:
        _typeset_table(pdf, state)
    _end_page(pdf, state)
    pdf.output(str(path))
    return path


def _typeset_line(pdf: FPDF, state: dict, raw: str) -> None:
    size, bold, italic, colour, text = BODY_SIZE, False, False, None, raw
    if match := STYLE.match(raw):
        if match.group("hashes"):
            size, bold = HEADING_STYLES[match.group("hashes")]
        else:
            size, bold = float(match.group("size")), match.group("bold") == "b"
            italic, colour = match.group("italic") == "i", match.group("colour")
        text = match.group("text")
    heading = (size, bold, italic, colour) != (BODY_SIZE, False, False, None)
    if (state["gap"] or heading) and state["y"] > TOP:
        state["y"] += GAP
    state["gap"] = False
    base = ("B" if bold else "") + ("I" if italic else "")
    pdf.set_font("DejaVuSans", style=base, size=size)
    if colour:
        pdf.set_text_color(*(int(colour[i:i + 2], 16) for i in (0, 2, 4)))
    pitch = size * MM_PER_PT * SPACING
    bullet = None if heading else TYPESET_BULLET.match(text)
    left = LEFT + (INDENT if bullet else 0)
    body = bullet.group("text") if bullet else text
    if INLINE.search(body):
        lines = _wrap_runs(pdf, _runs(body, base), pdf.w - LEFT - left)
    else:
        lines = [[(base, line)] for line in
                 pdf.multi_cell(pdf.w - LEFT - left, text=body, dry_run=True, output="LINES")]
    for index, line in enumerate(lines):
        state["y"] += pitch
        if bullet and index == 0:
            pdf.text(LEFT, state["y"], bullet.group("marker"))
        _draw_runs(pdf, left, state["y"], line, size)
    pdf.set_text_color(0, 0, 0)
    if state["y"] > FOOTER_Y - 2 * PITCH:
        raise ValueError(f"page {state['number']} does not fit above its footer: {text[:40]!r}")


def _runs(text: str, base: str) -> list[tuple[str, str]]:
    """Split a paragraph into (style, text) runs at its **bold** and __italic__ marks."""
    runs, at = [], 0
    for match in INLINE.finditer(text):
        runs.append((base, text[at:match.start()]))
        extra = "B" if match.group("bold") else "I"
        style = "".join(s for s in "BI" if s in base + extra)
        runs.append((style, match.group("bold") or match.group("italic")))
        at = match.end()
    runs.append((base, text[at:]))
    return [(style, part) for style, part in runs if part]


def _wrap_runs(pdf: FPDF, runs: list[tuple[str, str]], width: float) -> list[list[tuple[str, str]]]:
    """Break styled runs into lines of words that fit the width."""
    words, spaced = [], False
    for style, part in runs:
        for i, word in _words(part):
            words.append((style, word, part[i - 1:i].isspace() if i else spaced))
        spaced = part[-1:].isspace()
    lines, line, used = [], [], 0.0
    for style, word, spaced in words:
        pdf.set_font(style=style)
        advance = pdf.get_string_width((" " if spaced and line else "") + word)
        if line and used + advance > width:
            lines.append(line)
            line, used, advance = [], 0.0, pdf.get_string_width(word)
        line.append((style, (" " if spaced and line else "") + word))
        used += advance
    return [*lines, line] if line else lines


def _words(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]


def _draw_runs(pdf: FPDF, x: float, y: float, runs: list[tuple[str, str]], size: float) -> None:
    for style, text in runs:
        pdf.set_font("DejaVuSans", style=style, size=size)
        pdf.text(x, y, text)
        x += pdf.get_string_width(text)


def _typeset_table(pdf: FPDF, state: dict) -> None:
    """Set the rows gathered so far as one ruled table, the first column a third of the width."""
    rows = [[cell.strip() for cell in TABLE_ROW.match(row).group("cells").split("|")]
            for row in state["table"] if not TABLE_RULE.match(row)]
    headed = len(state["table"]) > 1 and bool(TABLE_RULE.match(state["table"][1]))
    state["table"] = []
    if state["y"] > TOP:
        state["y"] += GAP
    pdf.set_font("DejaVuSans", style="", size=BODY_SIZE)
    pdf.set_y(state["y"])
    width = pdf.w - 2 * LEFT
    columns = len(rows[0])
    widths = (width / 3, *[2 * width / 3 / (columns - 1)] * (columns - 1)) if columns > 1 else (width,)
    with pdf.table(col_widths=widths, width=width, first_row_as_headings=headed,
                   line_height=BODY_SIZE * MM_PER_PT * SPACING, text_align="LEFT",
                   padding=1.5) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    state["y"] = pdf.get_y() + PITCH
    if state["y"] > FOOTER_Y - 2 * PITCH:
        raise ValueError(f"page {state['number']} does not fit above its footer: a table")


def _end_page(pdf: FPDF, state: dict) -> None:
    if state["number"] is None:
        return
    number = state["number"]
    if state["header"]:
        pdf.set_font("DejaVuSans", style="I", size=RUNNING_SIZE)
        pdf.text(LEFT, HEADER_Y, _running(state["header"], state))
    if state["footer"]:
        pdf.set_font("DejaVuSans", style="", size=RUNNING_SIZE)
        footer = _running(state["footer"], state)
        pdf.text(pdf.w - LEFT - pdf.get_string_width(footer), FOOTER_Y, footer)
        return
    pdf.set_font("DejaVuSans", style="", size=BODY_SIZE)
    pdf.text((pdf.w - pdf.get_string_width(number)) / 2, FOOTER_Y, number)


def _running(text: str, state: dict) -> str:
    return text.replace("{page}", state["number"]).replace("{pages}", state["pages"])
