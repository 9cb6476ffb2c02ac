"""Headings from type: the body size is the commonest; larger, bold or italic short lines head.

A PDF or Word report tells its headings apart by type long before it does by
numbers or wording. The body size is the size most characters are set in; a
short line set larger than that, or in bold, is a heading, and so is a very
short italic line that does not read as a sentence or a quote. Consecutive
lines of one heading type are one heading. Heading types rank by size, then
weight, then slant: the largest is level 1.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from indexer import vocabulary as vocab
from indexer.records import Line, Style

LARGER = 1.08        # a size this share above the body size sets a line apart
HEADING_WORDS = 24   # a heading of more words than this is a bold paragraph, not a heading
EMPHASIS_ENDS = (".", ",", ";")  # a bold line of body size ending so is emphasis
ITALIC_WORDS = 10    # an italic heading is this short, and ends in no sentence mark
ITALIC_ENDS = (".", ",", ";", "!", "?", "»", '"', ")", "”")


def body_size(lines: list[Line]) -> float | None:
    """Return the font size most characters are set in, or None when sizes are unknown."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size is not None:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def with_heading_levels(lines: list[Line], body: float | None = None) -> list[Line]:
    """Return the lines with a heading level on each line of a heading set apart by type."""
    body = body or body_size(lines)
    if body is None:
        return lines
    body_type = _body_type(lines, body)
    runs = [run for run in _runs(lines, body, body_type) if _is_heading(run, body)]
    ranks = _ranks({_key(run[0]) for run in runs})
    levels = {line.number: ranks[_key(run[0])] for run in runs for line in run}
    return [replace(line, level=levels[line.number]) if line.number in levels else line
            for line in lines]


def _body_type(lines: list[Line], body: float) -> tuple[bool, bool]:
    """Return whether the body text itself is set in bold, and in italics."""
    types = Counter((line.bold, line.italic) for line in lines if line.size == body for _ in line.text)
    total = sum(types.values())
    bold = sum(n for (b, _), n in types.items() if b) * 2 > total
    italic = sum(n for (_, i), n in types.items() if i) * 2 > total
    return bold, italic


def _runs(lines: list[Line], body: float, body_type: tuple[bool, bool]) -> list[list[Line]]:
    """Group consecutive lines of one heading type, each group a candidate heading."""
    runs: list[list[Line]] = []
    for line in lines:
        if not _stands_out(line, body, body_type) and line.level is None:
            continue
        previous = runs[-1][-1] if runs else None
        if (previous is not None and previous.number == line.number - 1
                and not line.breaks_before and _key(previous) == _key(line)
                and line.level is None and previous.level is None):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _stands_out(line: Line, body: float, body_type: tuple[bool, bool]) -> bool:
    if line.size is None or vocab.BULLET.match(line.text) or vocab.PROGRAM_ENTRY.match(line.text):
        return False
    emphasised = (line.bold and not body_type[0]) or (
        line.italic and not body_type[1] and not vocab.CAPTION.match(line.text))
    return line.size >= body * LARGER or (emphasised and line.size >= body * 0.95)


def _is_heading(run: list[Line], body: float) -> bool:
    """Tell whether a run of lines set apart by type is a heading, not an emphasised paragraph."""
    if run[0].level is not None:
        return True  # a heading style says so
    text = " ".join(line.text for line in run)
    if len(text.split()) > HEADING_WORDS or vocab.QUESTION.match(text):
        return False
    larger = (run[0].size or 0) >= body * LARGER
    if not larger and not run[0].bold:  # italic alone: a short title, not a quote or a sentence
        return len(text.split()) <= ITALIC_WORDS and not text.endswith(ITALIC_ENDS)
    return larger or not text.endswith(EMPHASIS_ENDS)


def _key(line: Line) -> Style:
    return Style(line.size, line.bold, line.italic)


def _ranks(styles: set[Style]) -> dict[Style, int]:
    """Rank heading types by size, then weight, then slant: the largest and boldest is level 1."""
    ordered = sorted(styles, key=lambda s: (-(s.size or 0), not s.bold, s.italic))
    return {style: rank for rank, style in enumerate(ordered, start=1)}
