"""What the search index holds about one input beyond the database: derived tags."""
from __future__ import annotations

from dataclasses import asdict, fields

from kb.search import Hit, lookup
from web import db


def index_tags(input_id: str) -> dict[str, object]:
    """Return the Hit fields the index derives for an input (hovedtema, emner), by Hit name.

    The database has no column for them; the index stores them when it is built.
    """
    try:
        index = db.index()
    except db.IndexMissing:
        return {}
    hit = lookup(index, input_id)
    if hit is None:  # the index is older than the database: no derived tags yet
        return {**{field.name: None for field in fields(Hit)}, "topics": []}
    return asdict(hit)
