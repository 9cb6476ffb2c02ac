"""What the search index holds about one input beyond the database: derived tags."""
from __future__ import annotations

from dataclasses import fields

from kb.search import Hit
from web import db


def index_tags(input_id: str) -> dict[str, object]:
    """Return the Hit fields the index derives for an input (hovedtema, emner), by Hit name.

    The database has no column for them; the index stores them when it is built.
    """
    try:
        index = db.index()
    except db.IndexMissing:
        return {}
    with index.searcher() as searcher:
        stored = searcher.document(id=input_id) or {}
    tags: dict[str, object] = {}
    for field in fields(Hit):
        if field.name == "topics":
            # Stored as one comma-separated keyword field named "topic".
            tags["topics"] = [t for t in str(stored.get("topic") or "").split(",") if t]
        else:
            tags[field.name] = stored.get(field.name)
    return tags
