"""Tables in reports, read as the lines the report would otherwise have printed.

A ministry's report often gives a session's inputs as a two-column table: a
topic on the left (merged down over the rows it covers, or left empty under the
first), an input on the right, under a heading row such as "Tema | Innspill".
Such a table becomes what a text report writes: the topic as a label line
("Skole:") and each input as a bullet. A table of an input and who gave it
("Innspill | Fra") becomes bullets with the giver in parentheses, as text reports
write them. Any other table keeps one line a row.
"""
from __future__ import annotations

TOPIC_WORDS = 6    # a left column of at most this many words a cell holds topics
HEADER_WORDS = 3   # a heading row's cells are this short
INPUT_WORDS = 4    # an input cell says at least this much
SOURCE_WORDS = 8   # a cell naming who gave an input is at most this long
SENTENCE_ENDS = (".", "!", "?", ";")
NO_ONE = {"", "-", "–", "—", "x", "/"}  # a source cell naming no one


def table_lines(rows: list[list[str | None]]) -> list[str]:
    """Return the lines a table stands for: topic labels and bullets, or one line a row."""
    rows = [[" ".join((cell or "").split()) for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    body = rows[1:] if _has_header(rows) else rows
    if body and _is_topic_table(body):
        return _topic_lines(body)
    if body and _is_source_table(body):
        return [f"- {text} ({source})" if source not in NO_ONE else f"- {text}" for text, source in body]
    return [" – ".join(dict.fromkeys(cell for cell in row if cell)) for row in rows]


def _has_header(rows: list[list[str]]) -> bool:
    """Tell whether the first row names the columns: short cells, none a sentence."""
    return len(rows) > 1 and not _is_span(rows[0]) and all(
        cell and len(cell.split()) <= HEADER_WORDS and not cell.endswith(SENTENCE_ENDS)
        for cell in rows[0])


def _is_topic_table(rows: list[list[str]]) -> bool:
    """Tell whether rows are (topic, input) pairs: a short left cell, a sentence on the right."""
    if len(rows[0]) != 2 or not rows[0][0]:
        return False
    return all(_is_span(row) or (
        len(row[0].split()) <= TOPIC_WORDS and not row[0].endswith(SENTENCE_ENDS)
        and len(row[1].split()) >= INPUT_WORDS) for row in rows)


def _is_source_table(rows: list[list[str]]) -> bool:
    """Tell whether rows are (input, who gave it) pairs: a sentence, then a short name."""
    return len(rows[0]) == 2 and all(
        len(text.split()) >= INPUT_WORDS and len(source.split()) <= SOURCE_WORDS
        and not source.endswith(SENTENCE_ENDS) for text, source in rows)


def _is_span(row: list[str]) -> bool:
    """Tell whether a row is one cell across the table (Word repeats a merged cell)."""
    return len({cell for cell in row if cell}) == 1 and bool(row[-1]) and row[0] == row[-1]


def _topic_lines(rows: list[list[str]]) -> list[str]:
    """Write a label line when the topic changes, then the input as a bullet."""
    lines: list[str] = []
    topic = None
    for left, right in rows:
        if left == right:  # a row across the table: a heading of its own
            lines.append(left)
            topic = None
            continue
        if left and left != topic:
            topic = left
            lines.append(f"{topic.rstrip(':')}:")
        lines.append(f"- {right}")
    return lines
