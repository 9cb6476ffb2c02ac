"""A segment's postings gathered as columns and written as Whoosh's blocks, in bulk.

Whoosh's writer keeps a posting as a tuple and writes a term's postings a block of 128 at
a time through a dozen Python steps each: at a million inputs that was most of a build. Here
each field's postings are kept as columns (every posting's term, weight and value; each
document's number and how many postings it gave), sorted by term once with numpy, and each
block's statistics (count, last document, highest weight, shortest and longest field) are
worked out for all blocks at once. What is written is what Whoosh's W3 codec writes, byte
for byte (tests/test_pool.py compares the two); only each block's pickles and each term's
entry in the term table are made one at a time.
"""
from __future__ import annotations

import operator
import zlib
from array import array
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3TermInfo, _lenfield
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from kb import dense

# A length byte as Whoosh's writer records it: decoded, then encoded again.
_BYTE = np.array([length_to_byte(byte_to_length(byte)) for byte in range(256)], np.uint8)
_NONE = 256  # above every length byte: a block with no length


class Postings:
    """One field's postings in the order they were added: documents in increasing order."""

    __slots__ = ("terms", "weights", "values", "documents", "counts")

    def __init__(self) -> None:
        self.terms: list[bytes] = []
        self.weights = array("d")
        self.values: list[bytes] = []
        self.documents = array("I")   # a document that gave postings ...
        self.counts = array("I")      # ... and how many, in turn

    def add(self, document: int, terms, weights, values) -> None:
        """Add one document's postings: its terms, their weights and encoded values."""
        self.terms += terms
        self.weights.extend(weights)
        self.values += values
        self.documents.append(document)
        self.counts.append(len(terms))


class TermPool:
    """Whoosh's posting pool, kept in memory as each field's postings in columns: a segment's
    postings fit, and only their terms need sorting, once per field."""

    def __init__(self) -> None:
        self.fields: dict[str, Postings] = {}

    def of(self, field: str) -> Postings:
        found = self.fields.get(field)
        if found is None:
            found = self.fields[field] = Postings()
        return found

    def add(self, item: tuple) -> None:
        """Add a posting as Whoosh's pool takes it (a merge of segments does):
        (field, term, document, weight, value)."""
        field, term, document, weight, value = item
        self.of(field).add(document, (term,), (weight,), (value,))

    def cleanup(self) -> None:
        self.fields = {}


def write(fieldwriter, schema, lengths, pool: TermPool,
          lists: dense.Lists | None = None) -> None:
    """Write every field's postings and term table entries as Whoosh's W3 FieldWriter does
    (fields in name order, terms in byte order); give the long lists to `lists` (kb.dense)."""
    for name in sorted(pool.fields):
        if not pool.fields[name].terms:
            continue
        fieldwriter.start_field(name, schema[name])
        sizes = None if lengths is None else length_bytes(lengths, name)
        _write_field(fieldwriter, name, schema[name].format, pool.fields[name], sizes, lists)
        fieldwriter.finish_field()


def _write_field(fieldwriter, name: str, form, postings: Postings, sizes: bytes | None,
                 lists: dense.Lists | None) -> None:
    writer = fieldwriter._postwriter
    if writer._inlinelimit > 1:
        raise ValueError("kb.pool writes every list in blocks: a codec's inlinelimit must be 1")
    ordered = _Ordered(form, postings)
    blocks = _Blocks(ordered, sizes, writer._blocklimit)
    postfile, table = fieldwriter._postfile, fieldwriter._tindex
    prefix = pack_ushort(fieldwriter._fieldid)
    offset = postfile.tell()
    out: list[bytes] = []
    block = 0
    for number, term in enumerate(ordered.terms):
        start = offset
        out.append(WHOOSH3_HEADER_MAGIC)
        offset += len(WHOOSH3_HEADER_MAGIC)
        begin, end = ordered.first[number], ordered.first[number] + ordered.count[number]
        most, low, high = 0, 0, 0   # the term's highest weight, shortest and longest length
        while True:
            written = blocks.written(block, form, ordered.values, writer._compression,
                                     blocks.ends[block] == end)
            out += written
            offset += sum(map(len, written))
            most = max(most, blocks.top[block])
            if blocks.short[block]:
                low = min(low, blocks.short[block]) if low else blocks.short[block]
            high = max(high, blocks.long[block])
            block += 1
            if blocks.ends[block - 1] == end:
                break
        info = W3TermInfo._struct.pack(False, ordered.weights_of_terms[number], end - begin,
                                       low, high, most, blocks.delta[begin],
                                       blocks.last[block - 1])
        table.add(prefix + term, info + pack_long(start) + pack_int(offset - start))
        if lists is not None and end - begin >= dense.LONG:
            lists.add(name, term, [ordered.documents[begin:end]],
                      [ordered.stored[begin:end]])
    postfile.write(b"".join(out))


class _Ordered:
    """A field's postings in term order (terms in byte order, each term's documents in
    order), with where each term's postings begin and how many there are."""

    def __init__(self, form, postings: Postings) -> None:
        numbered: dict[bytes, int] = {}
        number = np.fromiter((numbered.setdefault(term, len(numbered))
                              for term in postings.terms), np.intp, len(postings.terms))
        self.terms = sorted(numbered)
        rank = np.empty(len(self.terms), np.intp)
        rank[[numbered[term] for term in self.terms]] = np.arange(len(self.terms))
        ranked = rank[number]
        order = np.argsort(ranked, kind="stable")  # stable: a term's documents stay in order
        self.documents = np.repeat(np.frombuffer(postings.documents, np.uint32),
                                   np.frombuffer(postings.counts, np.uint32))[order]
        self.weights = np.frombuffer(postings.weights, np.float64)[order]
        self.stored = self.weights.astype(np.float32)  # what a block keeps of a weight
        self.values = _values(form, postings.values, order)
        count = np.bincount(ranked, minlength=len(self.terms))
        first = np.concatenate(([0], np.cumsum(count)[:-1]))
        self.weights_of_terms = np.add.reduceat(self.stored.astype(np.float64),
                                                first).tolist()
        self.first_array, self.count_array = first, count
        self.first, self.count = first.tolist(), count.tolist()


class _Blocks:
    """Every block of a field's terms, and what Whoosh's writer records of each: its
    postings' count, last document, highest weight, shortest and longest field (as length
    bytes, 0 for none), and its documents as gaps from the one before."""

    def __init__(self, ordered: _Ordered, sizes: bytes | None, limit: int) -> None:
        starts, ends = _blocks(ordered.first_array, ordered.count_array, limit)
        documents, stored = ordered.documents, ordered.stored
        self.starts, self.ends = starts.tolist(), ends.tolist()
        self.last = documents[ends - 1].tolist()
        top = np.maximum.reduceat(ordered.weights, starts)
        self.top = [weight if weight > 0 else 0 for weight in top.tolist()]
        lowest = np.minimum.reduceat(stored, starts)
        highest = np.maximum.reduceat(stored, starts)
        self.same = (lowest == highest).tolist()
        self.ones = ((lowest == 1.0) & (highest == 1.0)).tolist()
        if sizes is None:
            self.short = self.long = [0] * len(self.starts)
        else:
            size = _BYTE[np.frombuffer(sizes, np.uint8)[documents]].astype(np.intp)
            short = np.minimum.reduceat(np.where(size == 0, _NONE, size), starts)
            self.short = np.where(short == _NONE, 0, short).tolist()
            self.long = np.maximum.reduceat(size, starts).tolist()
        delta = documents.astype(np.int64)
        delta[1:] -= documents[:-1]
        delta[starts] = documents[starts]
        # Python values, converted once: a block's pickle holds Python ints and floats.
        self.delta, self.stored = delta.tolist(), stored.tolist()

    def written(self, block: int, form, values, compression: int, last: bool) -> tuple:
        """Return a block as Whoosh's writer writes it: its length (negative for a term's
        last block), its statistics and its data, both pickled."""
        start, end = self.starts[block], self.ends[block]
        weights = None if self.ones[block] else self.stored[start] if self.same[block] \
            else tuple(self.stored[start:end])
        data = dumps((tuple(self.delta[start:end]), weights, _mini(form, values, start, end)),
                     2)
        if compression:
            data = zlib.compress(data, compression)
        info = dumps((end - start, self.last[block], self.top[block], compression,
                      self.short[block], self.long[block]), 2)
        length = len(info) + len(data)
        return pack_int(-length if last else length), info, data


def _blocks(first: np.ndarray, count: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Return where each block of every term starts and ends: a term's postings cut into
    blocks of `limit`, the last one shorter."""
    per_term = -(-count // limit)
    term = np.repeat(np.arange(len(count)), per_term)
    within = np.arange(len(term)) - np.repeat(np.cumsum(per_term) - per_term, per_term)
    starts = first[term] + within * limit
    ends = np.minimum(starts + limit, first[term] + count[term])
    return starts, ends


def _values(form, values: list[bytes], order: np.ndarray) -> tuple | None:
    """Return the postings' values in term order, or None when the format keeps none."""
    if form.fixed_value_size() == 0 or not values:
        return None
    if len(values) == 1:
        return tuple(values)
    return operator.itemgetter(*order.tolist())(values)


def _mini(form, values: tuple | None, start: int, end: int):
    """Return a block's values as Whoosh's writer keeps them (only the non-empty ones)."""
    size = form.fixed_value_size()
    if size == 0:
        return None
    kept = [value for value in values[start:end] if value] if values else []
    if size is None or size < 0:
        return tuple(kept)
    return b"".join(kept)


def length_bytes(reader, name: str) -> bytes | None:
    """Return a segment's length byte of each document in a field, read once per reader
    (a written segment's lengths cannot change), or None when the field keeps none."""
    read = reader.__dict__.setdefault("_kb_lengths", {})
    if name not in read:
        column = reader._cached_reader(_lenfield(name), LENGTHS_COLUMN)
        read[name] = None if column is None else bytes(list(column))
    return read[name]
