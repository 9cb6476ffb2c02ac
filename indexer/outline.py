"""The outline of a parsed report, and how its headings were read, for checking before storing."""
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
    if kind == "del":
        return f"{count} {'del' if count == 1 else 'deler'}"
    return f"{count} × {kind}"


TEXT_WIDTH = 56


def explain(headings: list, warnings: list[str] = ()) -> list[str]:
    """Return lines: each heading with its page, the role it got and why, and what it holds."""
    if not headings:
        return ["Fant ingen overskrifter."]
    top = min(h.level for h in headings)
    lines = ["Overskrifter: side, rolle (grunn: typografi, mønster eller profil), deler under"]
    for heading in headings:
        indent = "  " * (heading.level - top)
        text = _shorten(indent + heading.text, TEXT_WIDTH)
        role = f"{heading.role} «{heading.session}»" if heading.session else heading.role
        lines.append(f"s. {heading.page:>3}  {text:<{TEXT_WIDTH}}  {role} ({heading.reason})"
                     f" – {_plural(heading.records, 'del')}")
    lines += [f"Advarsel: {warning}" for warning in warnings]
    lines.append("En rolle rettes i sidefilen: profile: headings: {\"Overskriften\": rolle} "
                 "(se README, «Rapporten for et nytt år»).")
    return lines


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
