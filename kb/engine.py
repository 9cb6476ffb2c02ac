"""Run queries on arrays: the index's postings and tag values read into numpy, once per index
generation, so matching, scoring, filters, facet counts and sorting are vectorised.

Whoosh stays the index: it analyses, stores and parses. But its matchers walk the
postings one document at a time in Python, which at 100,000 inputs takes seconds for a
common word. Here each term's postings are read block by block into arrays (cached per
generation), scored with Whoosh's BM25F formula, and combined by the query's tree
(Or with its coordination bonus, And, AndNot, AndMaybe, Require, Not, phrases, and the
expansions of prefixes, wildcards and near spellings). The result is the matching
documents with their scores, in document order.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from math import log
from pathlib import Path

import numpy as np
from whoosh import query as q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import FilterMatcher
from whoosh.util.numeric import byte_to_length

from kb import budget, dense
from kb.embed import EmbedderError, load
from kb.vectors import read_generation

B, K1 = 0.75, 1.2                  # Whoosh's BM25F defaults
MAX_EXPANSION = budget.MAX_EXPANSIONS  # terms a prefix, wildcard or near spelling may stand for
CACHED_POSTINGS = 20_000           # terms whose idf is kept per generation
CACHED_BYTES = 256 << 20           # posting arrays kept per generation, and as much of scores
DENSE = 16   # lists this dense (total length × DENSE > highest document + 1) merge over arrays
PAIRS = {"text": "text_pairs", "exact": "exact_pairs"}  # fields of neighbouring words
POSITION_BITS = 24                 # a document's positions fit below 2**24
# Document numbers are kept as numpy's index type: gathering by an index array of another
# type converts it first, which at a million documents costs more than the gathering.
DOC = np.intp
LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


@dataclass
class Scored:
    """Matching documents in document order, their scores and matched term counts."""

    docs: np.ndarray     # DOC, sorted, unique
    scores: np.ndarray   # float32
    terms: np.ndarray    # int16: leaf terms of the query matching each document

    @classmethod
    def empty(cls) -> Scored:
        return cls(np.zeros(0, DOC), np.zeros(0, np.float32), np.zeros(0, np.int16))

    def only(self, keep: np.ndarray) -> Scored:
        return Scored(self.docs[keep], self.scores[keep], self.terms[keep])


class _Kept:
    """Arrays kept by key, the least recently used let go past a size in bytes: at a million
    documents a common word's list is megabytes, so a count of lists bounds nothing."""

    def __init__(self, most: int) -> None:
        self.most, self.size = most, 0
        self.items: OrderedDict[tuple[str, bytes], tuple[np.ndarray, ...]] = OrderedDict()

    def get(self, key):
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key, arrays: tuple[np.ndarray, ...]) -> None:
        if key in self.items:
            return
        self.items[key] = arrays
        self.size += sum(a.nbytes for a in arrays)
        while self.size > self.most and len(self.items) > 1:
            _, dropped = self.items.popitem(last=False)
            self.size -= sum(a.nbytes for a in dropped)


class Engine:
    """The arrays of one index generation, shared by the threads that search it."""

    def __init__(self, index):
        self.index = index
        self._local = threading.local()
        self._lock = threading.Lock()
        self._column_lock = threading.Lock()
        self._postings = _Kept(CACHED_BYTES)
        self._scores = _Kept(CACHED_BYTES)
        reader = self.reader()
        self.doc_count = reader.doc_count_all()
        self.live = np.ones(self.doc_count, bool)
        for leaf, offset in _leaves(reader):
            for docnum in _deleted(leaf):
                self.live[offset + docnum] = False
        folder = Path(index.storage.folder)
        self._arrays = [dense.arrays_of(folder, leaf.segment()) for leaf, _ in _leaves(reader)]
        self._lengths: dict[str, np.ndarray] = {}
        self._avg: dict[str, float] = {}
        self._idf: dict[tuple[str, bytes], float] = {}
        self._columns = None
        self._vectors: tuple | None = None

    def let_go(self) -> None:
        """Drop the kept posting and score arrays, once a newer generation is searched: a
        request still on this one reads them again (at a million inputs they are half a
        gigabyte)."""
        with self._lock:
            self._postings = _Kept(CACHED_BYTES)
            self._scores = _Kept(CACHED_BYTES)

    @property
    def columns(self):
        """Return the tag values of every document (kb.columns), read once."""
        if self._columns is None:
            from kb.columns import Columns

            with self._column_lock:
                if self._columns is None:
                    self._columns = Columns(self)
        return self._columns

    def meaning(self):
        """Return the embedder and this generation's vectors, or None when search by meaning
        cannot run (no embedder, or vectors of another model or none)."""
        if self._vectors is None:
            self._vectors = _meaning_of(Path(self.index.storage.folder))
        return self._vectors if self._vectors[0] is not None else None

    # Readers: one searcher per thread, since Whoosh's files are read by seeking.

    def searcher(self):
        found = getattr(self._local, "searcher", None)
        if found is None:
            found = self._local.searcher = self.index.searcher()
        return found

    def reader(self):
        return self.searcher().reader()

    # Postings and lengths

    def postings(self, field: str, term: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Return the documents holding a term (sorted) and its weight in each."""
        key = (field, term)
        with self._lock:
            found = self._postings.get(key)
        if found is None:
            found = _read_postings(self.reader(), field, term, self._arrays)
            with self._lock:
                self._postings.put(key, found)
        return found

    def scores(self, field: str, term: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Return the documents holding a term and its BM25F score in each (unboosted;
        kept, as a common word's are asked for by most searches)."""
        key = (field, term)
        with self._lock:
            found = self._scores.get(key)
        if found is None:
            docs, weights = self.postings(field, term)
            lengths = self.lengths(field)[docs]
            scores = self.idf(field, term) * ((weights * (K1 + 1)) / (
                weights + K1 * ((1 - B) + B * lengths / self._avg[field])))
            found = docs, scores
            with self._lock:
                self._scores.put(key, found)
        return found

    def lengths(self, field: str) -> np.ndarray:
        """Return each document's length in a field, as Whoosh stores it (one byte)."""
        if field not in self._lengths:
            self._lengths[field] = _read_lengths(self.reader(), field, self.doc_count)
            self._avg[field] = (self.reader().field_length(field) / (self.doc_count or 1)) or 1
        return self._lengths[field]

    def idf(self, field: str, term: bytes) -> float:
        """Return a term's idf as Whoosh's BM25F has it (kept: the sum over segments)."""
        found = self._idf.get((field, term))
        if found is None:
            found = log(self.doc_count / (self.reader().doc_frequency(field, term) + 1)) + 1
            if len(self._idf) >= CACHED_POSTINGS:
                self._idf.clear()
            self._idf[field, term] = found
        return found

    # Evaluation

    def evaluate(self, query: q.Query) -> Scored:
        """Return the documents a query matches, scored (deleted documents left out)."""
        found = self._evaluate(query)
        return found.only(self.live[found.docs]) if len(found.docs) else found

    def _evaluate(self, node: q.Query) -> Scored:
        budget.check()  # the request's time budget (kb.budget), at every node
        kind = type(node)
        method = getattr(self, "_" + kind.__name__.lower(), None)
        if method is None:
            return self._fallback(node)
        return method(node)

    def _term(self, node: q.Term, scored: bool = True) -> Scored:
        field, text = node.fieldname, node.text
        term = text if isinstance(text, bytes) else self.reader().schema[field].to_bytes(text)
        if not scored or not self.reader().schema[field].scorable:
            docs, _ = self.postings(field, term)
            scores = np.full(len(docs), node.boost, np.float32)
        else:
            docs, scores = self.scores(field, term)
            scores = (scores * node.boost).astype(np.float32)
        return Scored(docs, scores, np.ones(len(docs), np.int16))

    def _or(self, node: q.Or) -> Scored:
        parts = [self._evaluate(sub) for sub in node.subqueries]
        found = union(parts)
        if node.scale and len(node.subqueries) > 1:
            count = sum(_leaf_count(sub) for sub in node.subqueries)
            if count and count != node.scale:
                found.scores = ((found.scores + (found.terms - 1) / (count - node.scale) ** 2)
                                * ((count - 1) / count)).astype(np.float32)
        return _boosted(found, node.boost)

    def _and(self, node: q.And) -> Scored:
        positive = [s for s in node.subqueries if not isinstance(s, q.Not)]
        negative = [s.query for s in node.subqueries if isinstance(s, q.Not)]
        if not positive:
            found = self._every(q.Every())
        else:
            found = intersection([self._evaluate(sub) for sub in positive])
        for sub in negative:
            found = without(found, self._evaluate(sub))
        return _boosted(found, node.boost)

    def _andnot(self, node: q.AndNot) -> Scored:
        return _boosted(without(self._evaluate(node.a), self._evaluate(node.b)), node.boost)

    def _andmaybe(self, node: q.AndMaybe) -> Scored:
        required, optional = self._evaluate(node.a), self._evaluate(node.b)
        where = np.searchsorted(optional.docs, required.docs)
        where = np.minimum(where, max(len(optional.docs) - 1, 0))
        hit = (optional.docs[where] == required.docs) if len(optional.docs) else np.zeros(
            len(required.docs), bool)
        scores = required.scores + np.where(hit, optional.scores[where] if len(optional.docs)
                                            else 0, 0)
        terms = required.terms + np.where(hit, optional.terms[where] if len(optional.docs)
                                          else 0, 0)
        return _boosted(Scored(required.docs, scores.astype(np.float32),
                               terms.astype(np.int16)), node.boost)

    def _require(self, node: q.Require) -> Scored:
        scored, needed = self._evaluate(node.a), self._evaluate(node.b)
        return _boosted(scored.only(np.isin(scored.docs, needed.docs)), node.boost)

    def _not(self, node: q.Not) -> Scored:
        return without(self._every(q.Every()), self._evaluate(node.query))

    def _every(self, node: q.Every) -> Scored:
        docs = np.arange(self.doc_count, dtype=DOC)
        return Scored(docs, np.ones(len(docs), np.float32), np.zeros(len(docs), np.int16))

    def _nullquery(self, node) -> Scored:
        return Scored.empty()

    _nullqueryclass = _nullquery

    def _phrase(self, node: q.Phrase) -> Scored:
        words = [q.Term(node.fieldname, word) for word in node.words]
        if not words:
            return Scored.empty()
        # The index's pairs of neighbouring words, where it has them, say which documents
        # hold the phrase: only those are scored.
        paired = self._paired(node) if len(words) > 1 else None
        found = intersection([self._term(word) for word in words], among=paired)
        if len(words) > 1 and paired is None and len(found.docs):
            found = found.only(self._phrase_docs(node, found.docs))
        return _boosted(Scored(found.docs, found.scores, np.ones(len(found.docs), np.int16)),
                        node.boost)

    def _paired(self, node: q.Phrase) -> np.ndarray | None:
        """Return the documents holding each pair of the phrase's neighbouring words, or None
        when the index keeps no pairs for its field (or the words may stand apart)."""
        pairs = PAIRS.get(node.fieldname)
        schema = self.reader().schema
        if node.slop > 1 or not pairs or pairs not in schema:
            return None
        found = None
        for first, second in zip(node.words, node.words[1:]):
            docs, _ = self.postings(pairs, schema[pairs].to_bytes(f"{first} {second}"))
            found = docs if found is None else _common(found, docs)
        return found

    def _phrase_docs(self, node: q.Phrase, candidates: np.ndarray) -> np.ndarray:
        """Return which candidates hold the phrase where no pairs of neighbouring words say:
        in tags and parts all its words, with a slop as Whoosh finds it, else by positions."""
        schema = self.reader().schema
        if node.fieldname not in PAIRS:
            # The tags and the parts of compounds are short lists of words: holding all the
            # words is taken as holding the phrase.
            return np.ones(len(candidates), bool)
        if node.slop > 1:
            matched = self._fallback(q.Phrase(node.fieldname, node.words, slop=node.slop))
            return np.isin(candidates, matched.docs)
        keys = None
        for offset, word in enumerate(node.words):
            docs, places = self.positions(node.fieldname, schema[node.fieldname].to_bytes(word),
                                          candidates)
            found = (docs << POSITION_BITS) + (places - offset)
            keys = found if keys is None else np.intersect1d(keys, found)
        return np.isin(candidates, np.unique(keys >> POSITION_BITS))

    def positions(self, field: str, term: bytes,
                  among: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return where a term occurs in the given documents: document and position of each."""
        return _read_positions(self.reader(), field, term, among)

    def _expanded(self, node) -> Scored:
        """Score the terms a prefix, wildcard or near spelling stands for (a capped number)."""
        reader = self.reader()
        terms = []
        for term in node._btexts(reader):
            terms.append(term)
            if len(terms) >= MAX_EXPANSION:
                break
            if len(terms) % 64 == 0:
                budget.check()
        parts = [self._term(q.Term(node.fieldname, term), scored=not node.constantscore)
                 for term in terms]
        found = union(parts)
        found.terms = np.minimum(found.terms, 1).astype(np.int16)
        return _boosted(found, node.boost)

    _prefix = _wildcard = _fuzzyterm = _variations = _expanded

    def _fallback(self, node: q.Query) -> Scored:
        """Match a query the arrays do not know with Whoosh itself (constant scores)."""
        docs = np.fromiter(self.searcher().docs_for_query(node), dtype=DOC)
        docs.sort()
        return Scored(docs, np.full(len(docs), node.boost, np.float32),
                      np.ones(len(docs), np.int16))


def union(parts: list[Scored]) -> Scored:
    """Return the documents of any part, with the parts' scores and term counts summed."""
    parts = [p for p in parts if len(p.docs)]
    if not parts:
        return Scored.empty()
    if len(parts) == 1:
        return Scored(parts[0].docs, parts[0].scores.copy(), parts[0].terms.copy())
    docs = np.concatenate([p.docs for p in parts])
    size = max(int(p.docs[-1]) for p in parts) + 1
    if len(docs) * DENSE > size:
        # Many documents: sum over all of them rather than sort the lists (the sums are
        # taken in the same order, so the scores are the same).
        unique, slots = np.flatnonzero(np.bincount(docs, minlength=size)), docs
    else:
        unique, slots = np.unique(docs, return_inverse=True)
        size = len(unique)
    scores = np.bincount(slots, np.concatenate([p.scores for p in parts]), size)
    terms = np.bincount(slots, np.concatenate([p.terms for p in parts]), size)
    if len(unique) < size:  # summed per document number: keep the documents found
        scores, terms = scores[unique], terms[unique]
    return Scored(unique.astype(DOC, copy=False), scores.astype(np.float32), terms.astype(np.int16))


def intersection(parts: list[Scored], among: np.ndarray | None = None) -> Scored:
    """Return the documents in every part (and among those given), with the parts' scores
    and term counts summed."""
    docs = parts[0].docs if among is None else _common(among, parts[0].docs)
    for part in parts[1:]:
        docs = _common(docs, part.docs)
    scores = np.zeros(len(docs), np.float32)
    terms = np.zeros(len(docs), np.int16)
    for part in parts:
        where = np.searchsorted(part.docs, docs)
        scores += part.scores[where]
        terms += part.terms[where]
    return Scored(docs, scores, terms)


def _common(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Return the documents of two sorted, unique lists that are in both."""
    if not len(first) or not len(second):
        return first[:0]
    size = int(max(first[-1], second[-1])) + 1
    if (len(first) + len(second)) * DENSE > size:
        held = np.zeros(size, bool)
        held[first] = True
        return second[held[second]]
    return np.intersect1d(first, second, assume_unique=True)


def without(found: Scored, excluded: Scored) -> Scored:
    """Return the documents of `found` that are not in `excluded`."""
    if not len(excluded.docs) or not len(found.docs):
        return found
    return found.only(~np.isin(found.docs, excluded.docs, assume_unique=True))


def _boosted(found: Scored, boost: float) -> Scored:
    if boost != 1.0:
        found.scores = (found.scores * boost).astype(np.float32)
    return found


def _leaf_count(node: q.Query) -> int:
    """Return how many term matchers Whoosh would count in a query (for the coord bonus)."""
    if isinstance(node, (q.Term, q.Phrase)):
        return 1
    if isinstance(node, (q.Not,)):
        return 0
    children = list(node.children()) if hasattr(node, "children") else []
    return sum(_leaf_count(child) for child in children) if children else 1


def _leaves(reader) -> list[tuple[object, int]]:
    """Return the segment readers with the number of their first document."""
    return list(reader.leaf_readers())


def _deleted(leaf) -> list[int]:
    """Return the documents of a segment marked deleted (an update leaves the replaced ones)."""
    if not leaf.has_deletions():
        return []
    perdoc = getattr(leaf, "_perdoc", None)  # Whoosh's segment reader keeps the set there
    if perdoc is not None and hasattr(perdoc, "deleted_docs"):
        return list(perdoc.deleted_docs())
    return [docnum for docnum in range(leaf.doc_count_all()) if leaf.is_deleted(docnum)]


def _raw(matcher):
    """Return a segment's own postings matcher: Whoosh wraps it in a FilterMatcher when the
    segment has deleted documents, which reads a posting at a time; the engine leaves the
    deleted documents out itself (Engine.live)."""
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def _read_postings(reader, field: str, term: bytes,
                   arrays: list | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Read a term's postings in every segment: a long list from the segment's arrays
    (kb.dense, one per segment in `arrays`) when it has them, else a block at a time."""
    ids, weights = [], []
    for number, (leaf, offset) in enumerate(_leaves(reader)):
        kept = arrays[number].get(field, term) if arrays and arrays[number] else None
        if kept is not None:
            ids.append(np.add(kept[0], offset, dtype=np.int64))
            weights.append(kept[1].astype(np.float32))
            continue
        if (field, term) not in leaf:
            continue
        matcher = _raw(leaf.postings(field, term))
        if not hasattr(matcher, "_read_ids"):  # a term with one posting is stored inline
            found = list(matcher.items_as("weight"))
            ids.append(np.asarray([i for i, _ in found], np.int64) + offset)
            weights.append(np.asarray([w for _, w in found], np.float32))
            continue
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            ids.append(np.asarray(matcher._ids, np.int64) + offset)
            weights.append(np.asarray(matcher._weights, np.float32))
            matcher._next_block()
    if not ids:
        return np.zeros(0, DOC), np.zeros(0, np.float32)
    return np.concatenate(ids).astype(DOC, copy=False), np.concatenate(weights)


def _read_positions(reader, field: str, term: bytes,
                    among: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Read where a term occurs in some documents (sorted): only their positions are decoded."""
    docs, places = [], []
    for leaf, offset in _leaves(reader):
        if (field, term) not in leaf:
            continue
        matcher = _raw(leaf.postings(field, term))
        if not hasattr(matcher, "_read_ids"):  # stored inline: one posting
            for docnum, found in matcher.items_as("positions"):
                if np.isin(docnum + offset, among):
                    docs.extend([docnum + offset] * len(found))
                    places.extend(found)
            continue
        decode = matcher.format.decode_positions
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            ids = np.asarray(matcher._ids, np.int64) + offset
            wanted = np.flatnonzero(np.isin(ids, among, assume_unique=True))
            if len(wanted):
                if matcher._values is None:
                    matcher._read_values()
                for index in wanted:
                    found = decode(matcher._values[index])
                    docs.extend([ids[index]] * len(found))
                    places.extend(found)
            matcher._next_block()
    return np.asarray(docs, np.int64), np.asarray(places, np.int64)


def _read_lengths(reader, field: str, count: int) -> np.ndarray:
    """Read every document's length in a field from the length columns of the segments."""
    lengths = np.zeros(count, np.float32)
    for leaf, offset in _leaves(reader):
        perdoc = getattr(leaf, "_perdoc", None)
        column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) if perdoc else None
        if column is None:
            continue
        raw = np.frombuffer(column._dbfile.get(column._basepos, column._count), np.uint8)
        lengths[offset:offset + len(raw)] = LENGTHS[raw]
    return lengths


_ENGINES: OrderedDict[tuple[str, int], Engine] = OrderedDict()
_ENGINES_LOCK = threading.Lock()
KEPT_ENGINES = 2  # a generation just replaced may still be in use by a request


def engine_for(index) -> Engine:
    """Return the engine of an index generation, made once per process and kept open."""
    key = (index.storage.folder, index.latest_generation())
    with _ENGINES_LOCK:
        found = _ENGINES.get(key)
        if found is None:
            for (folder, _), older in _ENGINES.items():
                if Path(folder).parent == Path(key[0]).parent:  # an older generation of it
                    older.let_go()
            found = _ENGINES[key] = Engine(index)
            while len(_ENGINES) > KEPT_ENGINES:
                _ENGINES.popitem(last=False)
        else:
            _ENGINES.move_to_end(key)
        return found


def _meaning_of(folder: Path) -> tuple:
    """Return the embedder a generation's vectors were made with and the vectors, or a pair
    of None when there are none or their model cannot be loaded here."""
    found = read_generation(folder)
    if found is None:
        return None, None
    about, vectors = found
    try:
        embedder = load(about.get("embedder", ""))
    except EmbedderError:
        return None, None
    if embedder is None or embedder.model != about.get("model"):
        return None, None
    return embedder, vectors
