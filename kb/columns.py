"""Each document's tag values as arrays, for filters, facet counts and sorting.

For every facet field the index's own lexicon gives the values and their postings give
the documents that hold each: value ids per document (-1 for none), or (document, value)
pairs for a field with several values. Read once per index generation (kb.engine).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from kb.engine import DOC
from kb.corrections import YES
from kb.fields import BY_NAME, FACETS, HIDDEN_KINDS, MULTI

SORT_FIELDS = ("year", "position")
CACHED_MASKS = 256


@dataclass
class Column:
    """The values of one field and which documents hold each."""

    values: list                       # value id → value
    codes: np.ndarray | None = None    # document → value id, -1 for none (one value fields)
    pairs: tuple[np.ndarray, np.ndarray] | None = None  # (documents, value ids) (multi)
    ids: dict = field(default_factory=dict)              # value (as text) → value id
    documents: int = 0                 # how many documents the index numbers
    _counting: tuple | None = None     # (value ids to count by, offsets, counts of all)

    def counts(self, docs: np.ndarray, others: np.ndarray | None = None
               ) -> list[tuple[object, int]]:
        """Return each value held by the documents, with how many hold it. `others`, the
        documents not among them (see `others`), makes a large set quick to count: the
        counts of all documents less theirs."""
        held, offsets, every = self._counting or self._prepare()
        few = docs if others is None else others
        if offsets is None:
            counted = np.bincount(held[few], minlength=len(self.values) + 1)[1:]
        else:  # several values per document: each document's run of value ids
            starts, ends = offsets[few], offsets[few + 1]
            lengths = ends - starts
            at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + \
                np.arange(int(lengths.sum()))
            counted = np.bincount(held[at], minlength=len(self.values))
        if others is not None:
            counted = every - counted
        return [(self.values[i], int(counted[i])) for i in np.flatnonzero(counted)]

    def _prepare(self) -> tuple:
        """Arrange the value ids for counting: by document, in the smallest type that holds
        them (it gathers fastest), a single value shifted by one so that 0 is none."""
        if self.codes is not None:
            held = (self.codes + 1).astype(np.min_scalar_type(len(self.values) + 1))
            offsets = None
            every = np.bincount(held, minlength=len(self.values) + 1)[1:]
        else:
            pair_docs, pair_codes = self.pairs
            order = np.argsort(pair_docs, kind="stable")
            held = pair_codes[order].astype(np.min_scalar_type(len(self.values)))
            per_doc = np.bincount(pair_docs, minlength=self.documents)
            offsets = np.concatenate([[0], np.cumsum(per_doc)]).astype(np.int64)
            every = np.bincount(pair_codes, minlength=len(self.values))
        self._counting = (held, offsets, every)
        return self._counting

    def value_of(self, doc: int):
        code = self.codes[doc]
        return self.values[code] if code >= 0 else None


class Columns:
    """The columns of one index generation, and the document masks of filter values."""

    def __init__(self, engine):
        self.engine = engine
        names = dict.fromkeys([*FACETS, *SORT_FIELDS])
        self.columns = {name: _column(engine, name) for name in names}
        kind = self.columns["kind"]
        hidden = [kind.ids[k] for k in HIDDEN_KINDS if k in kind.ids]
        self.hidden = np.isin(kind.codes, hidden)
        # Texts an editor took out of search (kb.corrections): left out whatever is chosen.
        self.taken_out = np.zeros(engine.doc_count, bool)
        self.taken_out[engine.postings("hidden", YES.encode("utf-8"))[0]] = True
        year = self.columns["year"]
        years = np.asarray(year.values, np.int64)[np.maximum(year.codes, 0)]
        position = self.columns["position"]
        positions = np.asarray(position.values, np.int64)[np.maximum(position.codes, 0)]
        self.report_order = years * 10_000_000 + positions          # oldest year first
        self.newest_first = -years * 10_000_000 + positions
        self._masks: OrderedDict[tuple[str, tuple], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Column:
        return self.columns[name]

    def mask(self, name: str, values: list) -> np.ndarray:
        """Return which documents hold any of the values of a field (cached)."""
        key = (name, tuple(sorted(map(str, values))))
        with self._lock:
            found = self._masks.get(key)
        if found is None:
            found = np.zeros(self.engine.doc_count, bool)
            schema = self.engine.reader().schema[name]
            for value in values:
                docs, _ = self.engine.postings(name, schema.to_bytes(value))
                found[docs] = True
            with self._lock:
                self._masks[key] = found
                while len(self._masks) > CACHED_MASKS:
                    self._masks.popitem(last=False)
        return found

    def allowed(self, filters: dict[str, list], hide: bool, without: str | None = None
                ) -> np.ndarray:
        """Return the live documents that pass every filter but one, hidden kinds left out
        unless `hide` is false, texts taken out by an editor always."""
        allowed = self.engine.live & ~self.taken_out
        if hide and without != "kind":
            allowed &= ~self.hidden
        for name, values in filters.items():
            if name != without and values:
                allowed &= self.mask(name, values)
        return allowed

    def has(self, name: str, value) -> bool:
        """Say whether any document holds a value of a field."""
        schema = self.engine.reader().schema[name]
        return self.engine.reader().doc_frequency(name, schema.to_bytes(value)) > 0


def others(docs: np.ndarray, documents: int) -> np.ndarray | None:
    """Return the documents (of all the index numbers) not among docs when they are fewer,
    else None: counting them is then the quicker way to count docs (Column.counts)."""
    if 2 * len(docs) <= documents:
        return None
    chosen = np.ones(documents, bool)
    chosen[docs] = False
    return np.flatnonzero(chosen)


def _column(engine, name: str) -> Column:
    reader = engine.reader()
    declared = reader.schema[name]
    numeric = BY_NAME[name].type is int
    if numeric:
        bulk = _numbers(engine, name)
        if bulk is not None:
            return bulk
    terms = list(declared.sortable_terms(reader, name) if numeric else reader.lexicon(name))
    values = [declared.from_bytes(t) if numeric else t.decode("utf-8") for t in terms]
    docs_of = [engine.postings(name, term)[0] for term in terms]
    column = Column(values, ids={str(v): i for i, v in enumerate(values)},
                    documents=engine.doc_count)
    if name in MULTI:
        docs = np.concatenate(docs_of) if docs_of else np.zeros(0, DOC)
        codes = np.repeat(np.arange(len(values), dtype=np.int32), [len(d) for d in docs_of])
        column.pairs = (docs, codes)
    else:
        column.codes = np.full(engine.doc_count, -1, np.int32)
        for code, docs in enumerate(docs_of):
            column.codes[docs] = code
    return column


def _numbers(engine, name: str) -> Column | None:
    """Read a sortable whole-number field straight from its column files, or None."""
    declared = engine.reader().schema[name]
    raw = np.full(engine.doc_count, -1, np.int64)
    held = np.zeros(engine.doc_count, bool)
    for leaf, offset in engine.reader().leaf_readers():
        if not leaf.has_column(name):
            continue
        column = leaf.column_reader(name)
        column = column.raw_column() if hasattr(column, "raw_column") else column
        if getattr(column, "_typecode", None) not in ("I", "i", "Q", "q") or declared.signed is False:
            return None
        width = column._fixedlen
        data = column._dbfile.get(column._basepos, column._count * width)
        unsigned = np.frombuffer(data, np.dtype(f">u{width}")).astype(np.int64)
        missing = unsigned == np.iinfo(np.dtype(f"u{width}")).max
        values = unsigned - (1 << (declared.bits - 1))
        raw[offset:offset + len(values)] = values
        held[offset:offset + len(values)] = ~missing
    found, codes = np.unique(raw[held], return_inverse=True)
    column = Column([int(v) for v in found], ids={str(int(v)): i for i, v in enumerate(found)},
                    documents=engine.doc_count)
    column.codes = np.full(engine.doc_count, -1, np.int32)
    column.codes[held] = codes.astype(np.int32)
    return column
