"""The Whoosh index, derived from the database, built beside the live one and swapped in.

Generations: each build goes into `index/building-…`, is committed, gets a manifest
(what it was built from: the database's fingerprint, the derived data's, its ids) and
is flushed to disk, renamed `index/gen-…`, and swapped in by replacing the one-line
pointer `index/CURRENT` with os.replace. A crash at any point leaves the old
generation live. All of it happens under the data folder's writer lock (kb.lock).

Retirement: the live generation and the one before it are always kept; an older one is
deleted only when it stopped being live more than KB_INDEX_GRACE_SECONDS ago (60), so a
reader that read the pointer just before a swap can still open it. A reader that loses a race
anyway (the pointer moved while it opened) retries on the new generation.

Health: `check` tells whether the live generation is whole and built from what the
database holds now (fresh), built from something else (stale), missing, or broken;
`open_checked` is the cheap per-request form of it, for the web app.
"""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.util.numeric import byte_to_length

from kb import fingerprint, lock, pool, segments
from kb.analysis import (exact_analyzer, exact_pairs_analyzer, norwegian_analyzer,
                         pairs_analyzer)
from kb.compounds import Splitter
from kb.config import Config
from kb.corrections import HIDDEN, YES, all_by_input, values_of
from kb.embed import EmbedderError, load
from kb.fields import FIELDS, TAGS, Field
from kb.models import Conference, Input, Report
from kb.storage import StorageError, flush, storage_error, write_durably
from kb.themes import canonical_theme, topics
from kb.vectors import (ABOUT_FILE, GENERATION_FILE, Cache, read_generation, text_key,
                        write_generation)

log = logging.getLogger(__name__)
# Told how far a long step has come: progress(done, of, step), step "index" (runs of inputs
# written, kb.segments) or "vectors" (texts embedded for search by meaning).
Progress = Callable[[int, int, str], None]

POINTER = "CURRENT"
MANIFEST = "MANIFEST.json"
RETIRED = "RETIRED"        # in a generation that stopped being live: when it did
FORMAT = 3                 # raise when schema() or document_of() changes what an index holds
RETRIES = 3                # times a reader opens again when the pointer moved under it
MARGIN = 1024 * 1024       # bytes a new generation needs free besides the live one's size
GENERATION = re.compile(r"^gen-\d{1,25}$")
SORTABLE = frozenset({"year", "position"})
BATCH = 2_000          # inputs read from the database at a time
MOST_DELETED = 1 / 3   # an update leaving more of the documents deleted than this rebuilds all
MOST_SEGMENTS = 8      # an update to an index of this many small segments merges them


def _remember_missing_columns() -> None:
    """Make Whoosh remember that a segment has no length column for a field.

    Whoosh looks for the column file again (an os.stat) every time it is asked for a
    document's length in a field without one, once per document and field while it merges
    segments; the answer cannot change in a written segment.
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


def _read_lengths_at_once() -> None:
    """Make Whoosh read a segment's length column of a field once, as bytes.

    While it merges segments, Whoosh asks for each document's length in each field through
    the column reader (a seek and an unpack; its own writer asked once per posting, which
    kb.segments no longer does); a written segment's lengths cannot change, and they take a
    byte per document.
    """
    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        found = pool.length_bytes(self, fieldname)
        if found is None:
            return default
        return byte_to_length(found[docnum]) if found[docnum] else None  # as Whoosh does

    W3PerDocReader.doc_field_length = doc_field_length


_remember_missing_columns()
_read_lengths_at_once()


class IndexProblem(Exception):
    """The search index cannot be used as it is; the message says why and how to fix it."""

    state = "broken"


class IndexMissing(IndexProblem):
    state = "missing"


class IndexStale(IndexProblem):
    state = "stale"


class IndexBroken(IndexProblem):
    state = "broken"


def schema() -> Schema:
    """Return the index schema: searchable text, and every field of kb.fields stored, the
    filters as exact values for filtering and facet counts."""
    return Schema(
        text=TEXT(analyzer=norwegian_analyzer(), stored=True, phrase=True),
        context=TEXT(analyzer=norwegian_analyzer(), phrase=True),
        parts=TEXT(analyzer=norwegian_analyzer(), phrase=True),
        compounds=STORED(),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        text_pairs=_pairs_field(pairs_analyzer()),
        exact_pairs=_pairs_field(exact_pairs_analyzer()),
        hidden=ID(),                 # YES for a text an editor took out of search
        set_by_hand=STORED(),        # the fields an editor corrected, comma-separated
        **{f.name: _index_field(f) for f in FIELDS if f.name != "text"},
    )


# The text fields whose postings SegmentBuilder takes from kb.analysis.postings, and how:
# (stemmed, pairs of neighbouring words); the analyzers schema() gives them.
ANALYSED = {"text": (True, False), "context": (True, False), "parts": (True, False),
            "exact": (False, False), "text_pairs": (True, True), "exact_pairs": (False, True)}


def _pairs_field(analyzer) -> FieldType:
    """Return a field of neighbouring words: which documents hold a pair is all a phrase
    needs (kb.engine), so no frequencies, lengths or scores are kept."""
    return FieldType(Existence(), analyzer, scorable=False)


def _index_field(field: Field):
    if field.name == "id":
        return ID(stored=True, unique=True, sortable=True)
    if field.multi:
        return KEYWORD(stored=True, commas=True, scorable=False)
    if field.type is int and (field.name in SORTABLE or field.filter):
        # Exact values only (no range terms): filters and sorting need nothing else.
        found = NUMERIC(int, stored=True, sortable=True, shift_step=0)
        if not field.filter:
            # Sorted by only, from its column (kb.columns): no term per value, which for the
            # place in the report is a term per input (a third of a large segment's terms).
            found.indexed = False
        return found
    if field.filter:
        # No column: facets and filters read the terms' postings (kb.columns), and writing a
        # column value per document and field was a tenth of a large build.
        return ID(stored=True)
    return STORED()


def live_dir(config: Config) -> Path | None:
    """Return the folder of the live index generation, or None if none is built; raise
    IndexBroken when the pointer cannot be read or names no generation."""
    name = read_pointer(config)
    return config.index_dir / name if name else None


def read_pointer(config: Config) -> str | None:
    """Return the name of the live generation, None when no index is built."""
    try:
        raw = (config.index_dir / POINTER).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexBroken(_broken(config, f"pekeren kan ikke leses: {error.strerror}")) from error
    name = raw.decode("ascii", errors="replace").strip()
    if not GENERATION.match(name):
        raise IndexBroken(_broken(config, "pekeren CURRENT er skadet" if name else
                                  "pekeren CURRENT er tom"))
    return name


def _broken(config: Config, reason: str) -> str:
    return f"søkeindeksen er skadet – kjør «kb reindex» ({reason}; {config.index_dir})."


def _stale(config: Config) -> str:
    return ("søkeindeksen er utdatert – kjør «kb reindex» (databasen eller temalisten er "
            f"endret etter at den ble bygget; {config.index_dir}).")


def _missing(config: Config) -> str:
    return f"søkeindeksen er ikke bygget – kjør «kb reindex» ({config.index_dir})."


def open_index(config: Config):
    """Open the live index, or return None when it has not been built; raise IndexBroken
    when it cannot be opened. A reader that loses a race with a swap opens the new one."""
    for _ in range(RETRIES):
        name = read_pointer(config)
        if name is None:
            return None
        try:
            return _open(config, name)
        except IndexBroken:
            if read_pointer(config) == name:
                raise
    raise IndexBroken(_broken(config, "generasjonen ble byttet ut flere ganger mens den ble "
                                      "åpnet; prøv igjen"))


def _open(config: Config, name: str):
    folder = config.index_dir / name
    if not folder.is_dir():
        raise IndexBroken(_broken(config, f"mappen {name} som pekeren viser til, finnes ikke"))
    try:
        return whoosh_index.open_dir(str(folder))
    except whoosh_index.EmptyIndexError as error:
        raise IndexBroken(_broken(config, f"{name} er tom")) from error
    except Exception as error:  # a damaged generation fails in many ways; all mean rebuild
        raise IndexBroken(_broken(config, f"{name} kan ikke åpnes: "
                                          f"{type(error).__name__}")) from error


def manifest(folder: Path) -> dict | None:
    """Return what a generation records it was built from, or None when it has no record."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def of_derived() -> str:
    """Return the fingerprint of what the index derives besides the database: its format,
    the theme list and the word lists compounds are split by."""
    digest = hashlib.sha256(f"format {FORMAT}; wordfreq {version('wordfreq')}\n".encode())
    digest.update(resources.files("kb").joinpath("data/themes.yaml").read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Health:
    """What `check` found: fresh, stale, missing or broken, and the line that says so."""

    state: str
    message: str
    count: int = 0
    generation: str | None = None

    @property
    def fresh(self) -> bool:
        return self.state == "fresh"


def check(engine: Engine, config: Config) -> Health:
    """Check the live generation in full: whole, and built from what the database and the
    derived data hold now."""
    try:
        name = read_pointer(config)
        index = open_index(config) if name else None
    except IndexBroken as error:
        return Health("broken", str(error))
    if index is None:
        return Health("missing", _missing(config))
    try:
        recorded = verify(index, config.index_dir / name, config)
    except IndexBroken as error:
        return Health("broken", str(error), generation=name)
    with Session(engine) as session:
        current = fingerprint.of_database(session)
    if recorded["database"] != current or recorded["derived"] != of_derived():
        return Health("stale", _stale(config), recorded["count"], name)
    return Health("fresh", f"søkeindeks: {recorded['count']} tekster, i takt med databasen",
                  recorded["count"], name)


def ensure(engine: Engine, config: Config, on_wait=None) -> tuple[Health, int | None]:
    """Check the index (holding the writer lock) and rebuild it when it is not fresh;
    return what the check found and the number of texts indexed, or None if none was."""
    with lock.writing(config, on_wait=on_wait):
        health = check(engine, config)
        return health, None if health.fresh else rebuild(engine, config)


def verify(index, folder: Path, config: Config) -> dict:
    """Check that a generation is whole: its manifest, format, count and ids; return the
    manifest, or raise IndexBroken."""
    recorded = manifest(folder)
    if recorded is None or recorded.get("format") != FORMAT:
        raise IndexBroken(_broken(config, f"{folder.name} mangler opplysninger om hva den er "
                                          "bygget fra" if recorded is None else
                                          f"{folder.name} er i et eldre format"))
    try:
        with index.searcher() as searcher:
            count = searcher.doc_count()
            ids = fingerprint.of_ids(one for _, one in live_ids(searcher.reader()))
    except Exception as error:  # a damaged segment fails in many ways; all mean rebuild
        raise IndexBroken(_broken(config, f"{folder.name} kan ikke leses: "
                                          f"{type(error).__name__}")) from error
    if count != recorded.get("count") or ids != recorded.get("ids"):
        raise IndexBroken(_broken(config, f"{folder.name} holder ikke tekstene den skal"))
    return recorded


def open_checked(engine: Engine, config: Config, verified: dict[str, dict]):
    """Open the live index for a request, in step with the database, or raise IndexMissing,
    IndexStale or IndexBroken. Each new generation is verified in full once (remembered
    in `verified`); every request then compares the recorded fingerprints (one row).
    While a writer is at work, the generation before its swap is served."""
    for _ in range(RETRIES):
        name = read_pointer(config)
        if name is None:
            raise IndexMissing(_missing(config))
        try:
            index = _open(config, name)
            _check_in_step(engine, config, index, name, verified)
            return index
        except IndexProblem as problem:
            # The lock before the pointer: a writer swaps the pointer before it lets go.
            if isinstance(problem, IndexStale) and lock.busy(config):
                return index
            if read_pointer(config) != name:
                continue  # lost a race with a swap: open the new generation
            raise
    raise IndexBroken(_broken(config, "generasjonen ble byttet ut flere ganger mens den ble "
                                      "åpnet; prøv igjen"))


def _check_in_step(engine: Engine, config: Config, index, name: str,
                   verified: dict[str, dict]) -> None:
    with Session(engine) as session:
        recorded = verified.get(name)  # other threads may replace it meanwhile: read it once
        if recorded is None:
            recorded = verify(index, config.index_dir / name, config)
            if recorded["derived"] != of_derived() or \
                    fingerprint.of_database(session) != recorded["database"]:
                raise IndexStale(_stale(config))
            verified.clear()  # one generation at a time is enough to remember
            verified[name] = recorded
        elif fingerprint.recorded(session) not in (None, recorded["database"]):
            raise IndexStale(_stale(config))


def rebuild(engine: Engine, config: Config,
            progress: Progress | None = None) -> int:
    """Build a new index from the database beside the live one, then swap it in (holding
    the writer lock); with search by meaning on, embed the texts not embedded before
    (progress says how far the writing of a large index and the embedding have come).
    Return the number of texts indexed."""
    with lock.writing(config):
        try:
            return _rebuild(engine, config, progress)
        except StorageError:
            raise
        except OSError as error:
            raise storage_error(error, config.index_dir) from error


def _rebuild(engine: Engine, config: Config,
             progress: Progress | None) -> int:
    building, name = _building(config)
    try:
        embedder = configured(config)
        cache = Cache(config.vectors_dir, embedder) if embedder else None
        with Session(engine) as session:
            built_from, count, ids, keys, texts = _fill(building, engine, session, config,
                                                        cache, progress)
            _keep_built_from(session, built_from)
        if cache is not None:
            embed(cache, texts, progress)
            write_generation(building, cache.vectors(keys), embedder)
        _seal(building, {"database": built_from, "count": count, "ids": ids})
        os.rename(building, config.index_dir / name)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _swap(config, name)
    return count


def _building(config: Config) -> tuple[Path, str]:
    """Clear builds left half done by killed writers, make the folder a new generation is
    built in, and return it with the name the generation will have."""
    config.index_dir.mkdir(parents=True, exist_ok=True)
    for unfinished in config.index_dir.glob("building-*"):
        shutil.rmtree(unfinished, ignore_errors=True)
    stamp = time.time_ns()
    building = config.index_dir / f"building-{stamp}"
    building.mkdir()
    return building, f"gen-{stamp}"


def _keep_built_from(session: Session, built_from: str) -> None:
    """Record the fingerprint a generation was built from as the data's, when a writer did
    not (a base stored before fingerprints, or by other means)."""
    if fingerprint.recorded(session) != built_from:
        fingerprint.record(session, built_from)
        session.commit()


def _seal(building: Path, facts: dict) -> None:
    """Write a generation's manifest (what it was built from) and flush it all to disk."""
    write_durably(building / MANIFEST, json.dumps(
        {"format": FORMAT, "derived": of_derived(), "built": time.time(), **facts}, indent=1))
    for file in building.iterdir():
        flush(file)
    flush(building)


def ready_to_write(config: Config) -> None:
    """Raise StorageError now, before a writer changes the database, when a new generation
    could not be written: the index folder refuses writing, or lacks room for one more
    generation the size of the live one (and half again)."""
    folder = config.index_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        write_durably(probe, "kan skrives")
        probe.unlink()
        live = read_pointer(config) if (folder / POINTER).exists() else None
    except IndexBroken:
        live = None
    except OSError as error:
        raise storage_error(error, folder) from error
    size = sum(f.stat().st_size for f in (folder / live).iterdir()) if live and \
        (folder / live).is_dir() else 0
    if shutil.disk_usage(folder).free < size * 1.5 + MARGIN:
        raise storage_error(OSError(errno.ENOSPC, "No space left on device"), folder)


def _swap(config: Config, name: str) -> None:
    """Point CURRENT at a new generation, marking the old one retired; retire older ones."""
    try:
        previous = read_pointer(config)
    except IndexBroken:
        previous = None
    if previous and (config.index_dir / previous).is_dir():
        write_durably(config.index_dir / previous / RETIRED, str(time.time()))
    temporary = config.index_dir / f"{POINTER}.tmp"
    write_durably(temporary, name)
    os.replace(temporary, config.index_dir / POINTER)
    flush(config.index_dir)
    _retire(config.index_dir, keep={name, previous}, grace=config.index_grace_seconds)


def _retire(folder: Path, keep: set[str | None], grace: float) -> None:
    """Delete generations no reader can still be opening: neither live nor the one before,
    and retired more than `grace` seconds ago (or never live)."""
    now = time.time()
    for child in folder.iterdir():
        if not child.is_dir() or not GENERATION.match(child.name) or child.name in keep:
            continue
        try:
            retired = float((child / RETIRED).read_text("utf-8"))
        except (OSError, ValueError):
            retired = 0.0  # never live (or made before generations recorded it)
        if now - retired >= grace:
            shutil.rmtree(child, ignore_errors=True)


def _fill(folder: Path, engine: Engine, session: Session, config: Config,
          cache: Cache | None = None, progress: Progress | None = None
          ) -> tuple[str, int, str, list[str], dict[str, str]]:
    """Write every input the session sees to the empty index in folder: one segment for a
    base of one run, else a segment per run written by parallel processes (kb.segments).
    Return the fingerprint of the data written (kb.fingerprint), how many inputs, the
    fingerprint of their ids, each one's text key in document order, and the texts the
    cache has no vector of."""
    index = whoosh_index.create_in(str(folder), schema())
    all_runs = segments.runs(session)
    if len(all_runs) <= 1:
        built_from = fingerprint.of_database(session)
        writer = segments.SegmentBuilder(index, ANALYSED)
        ids, keys, texts = write_inputs(writer, session, splitter_of(session), None,
                                        cache.rows if cache else None)
        writer.commit()
    else:
        session.commit()  # no transaction left idle on the server while the workers write
        # The fingerprint is read while the workers write (the writer lock keeps the data
        # as it is): at a million inputs it is half a minute of reading and hashing.
        side = ThreadPoolExecutor(1, thread_name_prefix="fingerprint")
        try:
            reading = side.submit(_fingerprint, engine)
            ids, keys, texts = segments.write(
                config, engine, folder, all_runs, cache is not None,
                progress and (lambda done, total: progress(done, total, "index")))
            built_from = reading.result()
        finally:
            side.shutdown(wait=False, cancel_futures=True)
        texts = {key: text for key, text in texts.items() if key not in cache.rows} \
            if cache else {}
    return built_from, len(ids), fingerprint.of_ids(ids), keys, texts


def _fingerprint(engine: Engine) -> str:
    with Session(engine) as session:
        return fingerprint.of_database(session)


def splitter_of(session: Session) -> Splitter:
    """Return the compound splitter that knows every text's words, not only the ones being
    written: a word is split alike in every build and update."""
    return Splitter.for_texts(session.scalars(
        select(Input.text).execution_options(yield_per=BATCH)))


def write_inputs(writer, session: Session, splitter: Splitter, where=None,
                 known: dict[str, int] | None = None
                 ) -> tuple[list[str], list[str], dict[str, str]]:
    """Add the inputs the session sees (those `where` selects, else all) to a writer in
    report order; return their ids, and with `known` (the keys of the texts that have a
    vector) their text keys in document order and the texts not known, by key."""
    ids: list[str] = []
    keys: list[str] = []
    texts: dict[str, str] = {}
    titles = dict(session.execute(select(Report.id, Conference.title).join(Conference)).all())
    corrected = all_by_input(session)
    chosen = select(*Input.__table__.columns)
    if where is not None:
        chosen = chosen.where(where)
    # Plain rows, not model objects, so memory stays flat however large the base.
    rows = session.execute(chosen.order_by(Input.year, Input.position)
                           .execution_options(yield_per=BATCH))
    for row in rows:
        writer.add_document(**document_of(row, splitter, titles[row.report_id],
                                          corrected.get(row.id)))
        ids.append(row.id)
        if known is not None:
            keys.append(text_key(row.text))
            if keys[-1] not in known:
                texts[keys[-1]] = row.text
    return ids, keys, texts


def update(engine: Engine, config: Config, since: str | None, years: Iterable[int] = (),
           ids: Iterable[str] = (), progress: Progress | None = None) -> int:
    """Bring the index in step after a change to some years' reports or some inputs, writing
    only their documents: a new generation shares the live one's segment files (hard links),
    the changed documents are deleted there and written again in a segment of their own,
    and it is swapped in like a rebuild. `since` is the data's fingerprint before the change
    (kb.fingerprint.recorded); when the live generation was not built from it, or is of
    another format or embedder, or would hold too many deleted documents, the whole index is
    rebuilt instead. Return the number of texts indexed."""
    with lock.writing(config):
        try:
            count = _update(engine, config, since, set(years), set(ids), progress)
            return _rebuild(engine, config, progress) if count is None else count
        except StorageError:
            raise
        except OSError as error:
            raise storage_error(error, config.index_dir) from error


def _update(engine: Engine, config: Config, since: str | None, years: set[int],
            ids: set[str], progress: Progress | None) -> int | None:
    try:
        live = read_pointer(config)
    except IndexBroken:
        return None
    folder = config.index_dir / live if live else None
    recorded = manifest(folder) if folder else None
    if recorded is None or since is None or recorded.get("format") != FORMAT \
            or recorded.get("database") != since or recorded.get("derived") != of_derived():
        return None
    embedder = configured(config)
    vectors = read_generation(folder)
    if embedder is not None and (vectors is None or vectors[0].get("model") != embedder.model
                                 or vectors[0].get("embedder") != embedder.name):
        return None
    building, name = _building(config)
    try:
        count = _write_changes(engine, config, folder, building, vectors, embedder, years,
                               ids, progress)
    except (KeyboardInterrupt, SystemExit):
        shutil.rmtree(building, ignore_errors=True)
        raise
    except Exception as error:  # a damaged segment, a folder without hard links, …
        log.warning("index update failed (%s: %s); rebuilding the whole index",
                    type(error).__name__, error)
        count = None
    if count is None:
        shutil.rmtree(building, ignore_errors=True)
        return None
    try:
        os.rename(building, config.index_dir / name)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _swap(config, name)
    return count


def _write_changes(engine: Engine, config: Config, folder: Path, building: Path, vectors,
                   embedder, years: set[int], ids: set[str],
                   progress: Progress | None) -> int | None:
    own = {MANIFEST, RETIRED, GENERATION_FILE, ABOUT_FILE}
    for file in folder.iterdir():
        if file.is_file() and file.name not in own:
            try:
                os.link(file, building / file.name)  # segment files are never written again
            except OSError:
                shutil.copy2(file, building / file.name)  # a file system without hard links
    index = whoosh_index.open_dir(str(building))
    before = index.doc_count_all()
    if vectors is not None and embedder is not None and len(vectors[1]) != before:
        return None
    with index.reader() as reader:
        # Segments of whole runs (kb.segments) are never merged; updates' small ones are.
        small = [leaf for leaf, _ in reader.leaf_readers()
                 if leaf.doc_count_all() < segments.SEGMENT_INPUTS]
        merge = len(small) >= MOST_SEGMENTS
    cache = Cache(config.vectors_dir, embedder) if embedder else None
    with Session(engine) as session:
        built_from = fingerprint.of_database(session)
        writer = segments.SegmentBuilder(index, ANALYSED)
        for year in sorted(years):
            writer.delete_by_term("year", year)
        for one in sorted(ids):
            writer.delete_by_term("id", one)
        added, keys, texts = write_inputs(writer, session, splitter_of(session),
                                          or_(Input.year.in_(years), Input.id.in_(ids)),
                                          cache.rows if cache else None)
        # The shared segments stay as they are; with many small ones, Whoosh merges those
        # into the new segment (and leaves their deleted documents out).
        writer.commit(merge=merge)
        stored = session.scalar(select(func.count()).select_from(Input))
        every = fingerprint.of_ids(session.scalars(select(Input.id)))
        _keep_built_from(session, built_from)
    index = whoosh_index.open_dir(str(building))
    total, count = index.doc_count_all(), index.doc_count()
    if count != stored or total - count > total * MOST_DELETED:
        return None
    if cache is not None:
        embed(cache, texts, progress)
        new = cache.vectors(keys)
        if total == before + len(added) and not merge:
            # Documents are numbered in segment order, the new segment last.
            rows = np.concatenate([np.asarray(vectors[1]), new])
        else:
            rows = _vectors_by_id(whoosh_index.open_dir(str(folder)), index, vectors[1],
                                  dict(zip(added, new)))
        write_generation(building, rows, embedder)
    _seal(building, {"database": built_from, "count": count, "ids": every,
                     "updated": len(added)})
    return count


def _vectors_by_id(old, new, old_rows, written: dict[str, np.ndarray]) -> np.ndarray:
    """Return the vectors of a new generation's documents in its order, matched by input id:
    those written again from `written`, the others from the old generation's rows."""
    with old.reader() as reader:
        row_of = {one: docnum for docnum, one in live_ids(reader)}
    rows = np.zeros((new.doc_count_all(), old_rows.shape[1]), np.float32)
    with new.reader() as reader:
        for docnum, one in live_ids(reader):
            vector = written.get(one)
            rows[docnum] = vector if vector is not None else old_rows[row_of[one]]
    return rows


def live_ids(reader) -> Iterator[tuple[int, str]]:
    """Yield each live document's number and input id, read from the id column (a stored
    document would be read whole)."""
    if not reader.has_column("id"):
        return  # an index of no documents has no columns
    column = reader.column_reader("id")
    for docnum in reader.all_doc_ids():  # the live documents only
        yield docnum, column[docnum]


def configured(config: Config):
    """Return the embedder the configuration names, or None (off, or not installed)."""
    try:
        return load(config.embedder)
    except EmbedderError:
        return None


def embed(cache: Cache, texts: dict[str, str],
          progress: Progress | None = None) -> None:
    """Embed the texts the cache has no vector of, saying how far it has come."""
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, len(texts), "vectors")

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
