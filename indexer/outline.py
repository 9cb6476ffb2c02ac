"""The outline of a parsed report as an indented tree, for checking before storing."""
from __future__ import annotations

from collections import Counter

from indexer.records import Record


def outline(records: list[Record]) -> list[str]:
    """Return lines: section › bolk › question › category › counts of each kind."""
    lines: list[str] = []
    seen: set[tuple] = set()
    counts = Counter(_path(record) + (record.kind,) for record in records)
    for record in records:
        path = _path(record)
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]
            if prefix not in seen and prefix[-1] is not None:
                seen.add(prefix)
                lines.append("  " * (depth - 1) + str(prefix[-1]))
        key = path + (record.kind,)
        if key in counts:
            indent = "  " * len([p for p in path if p is not None])
            lines.append(f"{indent}{_plural(counts.pop(key), record.kind)}")
    return lines


def _path(record: Record) -> tuple:
    bolk = f"{record.session} › {record.theme}" if record.session else None
    question = (f"Spørsmål {record.question_no}: {record.question}"
                if record.question and record.kind != "spørsmål" else None)
    category = " › ".join(c for c in (record.category, record.subcategory) if c) or None
    top = record.section if not bolk else None
    return tuple(p for p in (top, bolk, question, category) if p is not None) or (None,)


def _plural(count: int, kind: str) -> str:
    return f"{count} × {kind}"
