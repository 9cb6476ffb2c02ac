"""The Whoosh index, derived from the database and rebuilt beside the live one."""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from kb.analysis import (exact_analyzer, exact_pairs_analyzer, norwegian_analyzer,
                         pairs_analyzer)
from kb.compounds import Splitter
from kb.config import Config
from kb.corrections import HIDDEN, YES, all_by_input, values_of
from kb.embed import EmbedderError, load
from kb.fields import FIELDS, TAGS, Field
from kb.models import Conference, Input, Report
from kb.themes import canonical_theme, topics
from kb.vectors import Cache, text_key, write_generation

POINTER = "CURRENT"
SORTABLE = frozenset({"year", "position"})
BATCH = 2_000          # inputs read from the database at a time
WRITER_MB = 1024       # memory for Whoosh's sorting pool: fewer runs spilled to disk and merged


def _remember_missing_columns() -> None:
    """Make Whoosh remember that a segment has no length column for a field.

    Whoosh looks for the column file again (an os.stat) every time it is asked for a
    document's length in a field without one, once per posting while it merges; the
    answer cannot change in a written segment.
    """
    original = W3PerDocReader._cached_reader

    def cached_reader(self, fieldname, column):
        missing = self.__dict__.setdefault("_kb_missing", set())
        if fieldname in missing:
            return None
        found = original(self, fieldname, column)
        if found is None:
            missing.add(fieldname)
        return found

    W3PerDocReader._cached_reader = cached_reader


_remember_missing_columns()


def schema() -> Schema:
    """Return the index schema: searchable text, and every field of kb.fields stored, the
    filters as exact values for filtering and facet counts."""
    return Schema(
        text=TEXT(analyzer=norwegian_analyzer(), stored=True, phrase=True),
        context=TEXT(analyzer=norwegian_analyzer(), phrase=True),
        parts=TEXT(analyzer=norwegian_analyzer(), phrase=True),
        compounds=STORED(),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        text_pairs=TEXT(analyzer=pairs_analyzer(), phrase=False),
        exact_pairs=TEXT(analyzer=exact_pairs_analyzer(), phrase=False),
        hidden=ID(),                 # YES for a text an editor took out of search
        set_by_hand=STORED(),        # the fields an editor corrected, comma-separated
        **{f.name: _index_field(f) for f in FIELDS if f.name != "text"},
    )


def _index_field(field: Field):
    if field.name == "id":
        return ID(stored=True, unique=True, sortable=True)
    if field.multi:
        return KEYWORD(stored=True, commas=True, scorable=False)
    if field.type is int and (field.name in SORTABLE or field.filter):
        # Exact values only (no range terms): filters and sorting need nothing else.
        return NUMERIC(int, stored=True, sortable=True, shift_step=0)
    if field.filter:
        return ID(stored=True, sortable=True)
    return STORED()


def live_dir(config: Config) -> Path | None:
    """Return the folder of the live index generation, or None if none is built."""
    pointer = config.index_dir / POINTER
    if not pointer.exists():
        return None
    folder = config.index_dir / pointer.read_text("utf-8").strip()
    return folder if folder.is_dir() else None


def open_index(config: Config):
    """Open the live index, or return None when it has not been built."""
    folder = live_dir(config)
    return whoosh_index.open_dir(str(folder)) if folder else None


def rebuild(engine: Engine, config: Config,
            progress: Callable[[int, int], None] | None = None) -> int:
    """Build a new index from the database beside the live one, then swap it in; with search
    by meaning on, embed the texts not embedded before (progress(done, of) says how far)."""
    config.index_dir.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.time_ns()}"
    folder = config.index_dir / name
    folder.mkdir()
    try:
        embedder = configured(config)
        cache = Cache(config.vectors_dir, embedder) if embedder else None
        count, keys, texts = _fill(whoosh_index.create_in(str(folder), schema()), engine, cache)
        if cache is not None:
            embed(cache, texts, progress)
            write_generation(folder, cache.vectors(keys), embedder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    temporary = config.index_dir / f"{POINTER}.tmp"
    temporary.write_text(name, "utf-8")
    os.replace(temporary, config.index_dir / POINTER)
    _remove_old(config.index_dir, keep=name)
    return count


def _fill(index, engine: Engine, cache: Cache | None = None
          ) -> tuple[int, list[str], dict[str, str]]:
    """Write every input to the index, reading them from the database in batches; return how
    many, each one's text key in document order, and the texts the cache has no vector of."""
    writer = index.writer(limitmb=WRITER_MB)
    count = 0
    keys: list[str] = []
    texts: dict[str, str] = {}
    with Session(engine) as session:
        titles = dict(session.execute(select(Report.id, Conference.title).join(Conference)).all())
        corrected = all_by_input(session)
        splitter = Splitter.for_texts(session.scalars(
            select(Input.text).execution_options(yield_per=BATCH)))
        # Plain rows, not model objects, so memory stays flat however large the base.
        rows = session.execute(select(*Input.__table__.columns)
                               .order_by(Input.year, Input.position)
                               .execution_options(yield_per=BATCH))
        for row in rows:
            writer.add_document(**document_of(row, splitter, titles[row.report_id],
                                              corrected.get(row.id)))
            count += 1
            if cache is not None:
                keys.append(text_key(row.text))
                if keys[-1] not in cache.rows:
                    texts[keys[-1]] = row.text
    writer.commit()
    return count, keys, texts


def configured(config: Config):
    """Return the embedder the configuration names, or None (off, or not installed)."""
    try:
        return load(config.embedder)
    except EmbedderError:
        return None


def embed(cache: Cache, texts: dict[str, str],
          progress: Callable[[int, int], None] | None = None) -> None:
    """Embed the texts the cache has no vector of, saying how far it has come."""
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, len(texts))

    cache.add(texts, advance)


def document_of(item: Input, splitter: Splitter, title: str | None = None,
                corrections: dict[str, str | None] | None = None) -> dict:
    """Return the index fields of one input (a model object or a row of its columns), with
    the parts of its compound words and the editors' corrections laid over the parser's tags
    (kb.corrections)."""
    compounds = splitter.compounds(item.text)
    values = values_of(item, corrections)
    values.update(topic=",".join(values["topic"]),
                  document=title if title is not None else item.report.conference.title,
                  hidden=YES if values.pop(HIDDEN) else None,
                  set_by_hand=",".join(corrections or ()))
    fields = {name: value for name, value in values.items() if value not in (None, "")}
    fields.setdefault("page", 0)
    context = " ".join(str(values[name]) for name in TAGS if values[name])
    parts = " ".join(part for found in compounds.values() for part in found)
    return dict(fields, context=context, exact=item.text, parts=parts, compounds=compounds,
                text_pairs=item.text, exact_pairs=item.text)


def _remove_old(folder: Path, keep: str) -> None:
    for child in folder.iterdir():
        if child.is_dir() and child.name.startswith("gen-") and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)
