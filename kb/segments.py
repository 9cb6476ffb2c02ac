"""Write a new index generation as segments of consecutive inputs, several processes at once.

A base is cut into runs of SEGMENT_INPUTS consecutive inputs in report order (year, position).
Each run becomes one Whoosh segment, written by a worker process that reads its own inputs
from the database; the segments are then listed in run order in the index's table of
contents, so documents are numbered as one writer would number them and the vectors and
ids line up as in a one-process build. Words are split the same in every run: a first pass
gathers the words of every text that the compound splitter adds to its lexicon.

A run's postings are gathered in memory (kb.pool), never spilled to disk: a run is small
enough, and Whoosh's external sort was the slowest part of a large build.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import TOC, clean_files
from whoosh.fields import UnknownFieldError
from whoosh.writing import SegmentWriter

from kb import dense, pool
from kb.analysis import columns
from kb.compounds import Splitter
from kb.config import Config
from kb.database import make_engine
from kb.models import Input
from kb.storage import StorageError

SEGMENT_INPUTS = 50_000   # inputs per segment: bounds a worker's memory (about 1 GB)
WORKER_MEMORY = 2 << 30   # memory set aside per worker when their number is not set
TAG_VALUES = 100_000      # tag values whose index terms a builder keeps
Run = tuple[tuple[int, int], tuple[int, int] | None]   # first (year, position), next run's


class SegmentBuilder(SegmentWriter):
    """Whoosh's writer of one new segment, writing the same postings, faster: they are kept
    in memory as columns and written in bulk (kb.pool), and the fields named in `analysed`
    get theirs from kb.analysis.columns, each text analysed once for the fields that index
    it. (Equal value strings of several documents are then one object, which a block's
    pickle stores once.)"""

    def __init__(self, index, analysed: dict[str, tuple[bool, bool]], **options) -> None:
        options.setdefault("codec", W3Codec(compression=0))
        super().__init__(index, _lk=False, **options)
        self.pool = pool.TermPool()
        self.lists = dense.Lists()
        self.analysed = analysed
        self._tags: dict[tuple[str, object], list] = {}
        self._plans: dict[str, tuple] = {}

    def _flush_segment(self) -> None:
        """Write the postings as SegmentWriter does, but in bulk (kb.pool)."""
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        pool.write(self.fieldwriter, self.schema, lengths, self.pool, self.lists)
        self.pool.cleanup()
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()

    def _finalize_segment(self):
        """Finish the segment as Whoosh does, then write its long lists as arrays beside it
        (kb.dense), once its own files are assembled."""
        segment = super()._finalize_segment()
        self.lists.write(dense.path_of(self.storage.folder, segment), segment.doc_count_all())
        self.lists = dense.Lists()
        return segment

    def add_document(self, **fields) -> None:
        self._check_state()
        perdoc, docnum = self.perdocwriter, self.docnum
        names = sorted(name for name in fields if not name.startswith("_"))
        boosted = len(names) < len(fields)  # _boost, _<field>_boost or _stored_<field> given
        boost = self._doc_boost(fields)
        plans = [self._plans.get(name) or self._plan(name) for name in names]
        perdoc.start_doc(docnum)
        try:
            for name, (field, how, scorable, column) in zip(names, plans):
                value = fields[name]
                if value is None:
                    continue
                length = 0
                if how is not None:
                    terms, weights, values, length = columns(value, *how) if how \
                        else self._tag(name, field, value)
                    scale = self._field_boost(fields, name, boost) if boosted else boost
                    if scale != 1.0:
                        weights = [weight * scale for weight in weights]
                    if terms:
                        self.pool.of(name).add(docnum, terms, weights, values)
                    if not scorable:
                        length = 0
                stored = fields.get(f"_stored_{name}", value) if boosted else value
                perdoc.add_field(name, field, stored if field.stored else None, length)
                if column and stored is not None:
                    perdoc.add_column_value(name, column, field.to_column_value(stored))
        except BaseException:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _plan(self, name: str) -> tuple:
        """Return how a field is written, worked out at its first document: the field, how it
        is analysed (kb.analysis.columns; () for a tag, None when not indexed), whether it
        keeps lengths, and its column type."""
        if name not in self.schema:
            raise UnknownFieldError(f"No field named {name!r} in {self.schema}")
        field = self.schema[name]
        if field.separate_spelling() or field.vector:
            raise ValueError(f"{name}: SegmentBuilder writes no spellings or vectors")
        how = self.analysed.get(name, ()) if field.indexed else None
        plan = self._plans[name] = (field, how, bool(field.scorable), field.column_type)
        return plan

    def _tag(self, name: str, field, value) -> tuple[list, list, list, int]:
        """Return what a tag field indexes for a value, as columns (kb.analysis.columns):
        worked out once per value, since a tag's values repeat over many inputs (an id's
        never do)."""
        if field.unique:
            return _columns(field.index(value))
        found = self._tags.get((name, value))
        if found is None:
            if len(self._tags) >= TAG_VALUES:
                self._tags.clear()
            found = self._tags[name, value] = _columns(field.index(value))
        return found


def _columns(postings) -> tuple[list, list, list, int]:
    """Return a field's postings (term, frequency, weight, value) as columns and the sum of
    the frequencies."""
    postings = list(postings)
    return ([posting[0] for posting in postings], [posting[2] for posting in postings],
            [posting[3] for posting in postings], sum(posting[1] for posting in postings))


def runs(session: Session) -> list[Run]:
    """Return the runs the inputs the session sees are cut into, in report order."""
    # Numbered by the database: every SEGMENT_INPUTS-th input in report order starts a run.
    numbered = select(Input.year, Input.position, func.row_number().over(
        order_by=(Input.year, Input.position)).label("number")).subquery()
    starts = [tuple(row) for row in session.execute(
        select(numbered.c.year, numbered.c.position)
        .where((numbered.c.number - 1) % SEGMENT_INPUTS == 0).order_by(numbered.c.number))]
    return list(zip(starts, [*starts[1:], None]))


def within(run: Run):
    """Return the condition that selects a run's inputs."""
    (year, position), end = run
    after = or_(Input.year > year, and_(Input.year == year, Input.position >= position))
    if end is None:
        return after
    return and_(after, or_(Input.year < end[0],
                           and_(Input.year == end[0], Input.position < end[1])))


def workers(config: Config, count: int) -> int:
    """Return how many processes write `count` runs: the setting, else one per core, as
    many as the memory holds (WORKER_MEMORY each)."""
    if config.index_workers:
        return max(1, min(count, config.index_workers))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        room = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // WORKER_MEMORY
    except (AttributeError, ValueError, OSError):  # not known here: the cores decide
        room = cores
    return max(1, min(count, cores or 1, room))


def write(config: Config, engine: Engine, folder: Path, all_runs: list[Run], embedding: bool,
          progress: Callable[[int, int], None] | None = None
          ) -> tuple[list[str], list[str], dict[str, str]]:
    """Write each run as a segment of the empty index in folder, in parallel processes (in
    this one when one is all there is), and list them in order; return the ids and text keys
    in document order and every text by its key (when embedding). progress(done, of) is
    told of each run written."""
    count = workers(config, len(all_runs))
    if count == 1:
        lexicon = frozenset().union(*(words_of(engine, run) for run in all_runs))
        done = (segment_of(engine, str(folder), run, lexicon, embedding) for run in all_runs)
        done = _told(done, len(all_runs), progress)
    else:
        done = _in_processes(config, engine, count, str(folder), all_runs, embedding, progress)
    ids, keys, texts = [], [], {}
    for _, run_ids, run_keys, run_texts in done:
        ids += run_ids
        keys += run_keys
        texts.update(run_texts)
    index = whoosh_index.open_dir(str(folder))
    generation = index.latest_generation() + 1
    written = [segment for segment, *_ in done]
    TOC(index.schema, written, generation).write(index.storage, index.indexname)
    clean_files(index.storage, index.indexname, generation, written)
    shutil.rmtree(folder / f"{index.indexname}.tmp", ignore_errors=True)
    return ids, keys, texts


def _told(results, total: int, progress: Callable[[int, int], None] | None) -> list[tuple]:
    """Return the runs' results, telling progress of each as it comes."""
    done = []
    for result in results:
        done.append(result)
        if progress:
            progress(len(done), total)
    return done


def _in_processes(config: Config, engine: Engine, count: int, folder: str,
                  all_runs: list[Run], embedding: bool,
                  progress: Callable[[int, int], None] | None) -> list[tuple]:
    # Processes are started fresh (spawn), not forked: a server process has threads. They
    # read the database the caller's engine reads.
    config = replace(config, database_url=engine.url.render_as_string(hide_password=False))
    every = [config] * len(all_runs)
    processes = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
    try:
        lexicon = frozenset().union(*processes.map(_words, every, all_runs))
        return _told(processes.map(_segment, every, [folder] * len(all_runs), all_runs,
                                   [lexicon] * len(all_runs), [embedding] * len(all_runs)),
                     len(all_runs), progress)
    except BrokenProcessPool as error:
        raise StorageError(
            "søkeindeksen ble ikke bygget: en av de {count} prosessene som bygget den, stoppet "
            "uventet (for lite minne?). Sett KB_INDEX_WORKERS=1 for å bygge med én prosess; "
            "den forrige søkeindeksen er i bruk til da.".format(count=count)) from error
    except BaseException:
        processes.shutdown(cancel_futures=True)  # the runs not begun are not begun
        raise
    finally:
        processes.shutdown()


def words_of(engine: Engine, run: Run) -> frozenset[str]:
    """Return the words of a run's texts that the compound splitter adds to its lexicon."""
    with Session(engine) as session:
        return Splitter.for_texts(session.scalars(
            select(Input.text).where(within(run)).execution_options(yield_per=2_000))
        ).report_words


def segment_of(engine: Engine, folder: str, run: Run, lexicon: frozenset[str],
               embedding: bool):
    """Write one run as a segment of the index in folder; return the segment (not yet
    listed in the index), the run's ids, text keys and texts by key (when embedding)."""
    from kb.index import ANALYSED, write_inputs  # kb.index imports this module

    writer = SegmentBuilder(whoosh_index.open_dir(folder), ANALYSED)
    with Session(engine) as session:
        ids, keys, texts = write_inputs(writer, session, Splitter(lexicon), within(run),
                                        {} if embedding else None)
    # The writers of all runs share one scratch folder (empty: the pool is in memory);
    # write() removes it when they are all done.
    return writer._finalize_segment(), ids, keys, texts


# In a worker process: one engine per process, made at its first task; its connections are
# closed after each task (a worker process ends without closing them).
@lru_cache(maxsize=1)
def _engine(config: Config) -> Engine:
    return make_engine(config)


def _words(config: Config, run: Run) -> frozenset[str]:
    try:
        return words_of(_engine(config), run)
    finally:
        _engine(config).dispose()


def _segment(config: Config, folder: str, run: Run, lexicon: frozenset[str], embedding: bool):
    try:
        return segment_of(_engine(config), folder, run, lexicon, embedding)
    finally:
        _engine(config).dispose()
