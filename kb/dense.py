"""A segment's long posting lists as plain arrays, beside Whoosh's own files.

Whoosh stores a term's postings in blocks of 128, each a compressed pickle, which the
engine decodes block by block: at a million inputs a common word's first search spent
about 200 ms per field there. So the writer of a segment (kb.segments.SegmentBuilder) also
writes the lists of its terms held by at least LONG documents as arrays, in one file named
after the segment (`<segment>.kbp`), which Whoosh removes with the segment. The engine
maps the file and reads such a list at once; shorter lists, and segments without the file,
are read from Whoosh's blocks as before.

File: MAGIC, the header's length (8 bytes, little-endian), the header (JSON: the arrays'
types and each term's first posting and count), then the documents and the weights.
"""
from __future__ import annotations

import json
import logging
import struct
from pathlib import Path

import numpy as np

LONG = 1024           # postings a term needs in a segment for its list to be kept as arrays
MAGIC = b"KBPOSTINGS1\n"
SUFFIX = ".kbp"

log = logging.getLogger(__name__)


class Lists:
    """The long lists of the segment being written, gathered a term at a time."""

    def __init__(self) -> None:
        self.terms: dict[str, dict[str, list[int]]] = {}
        self.ids: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        self.count = 0

    def add(self, field: str, term: bytes, ids: list, weights: list) -> None:
        """Keep one term's postings (its blocks' document and weight arrays) when long."""
        length = sum(len(block) for block in ids)
        if length < LONG:
            return
        # A term's bytes are kept as latin-1 text: every byte one character, so any term
        # survives JSON.
        self.terms.setdefault(field, {})[term.decode("latin-1")] = [self.count, length]
        self.ids += [np.asarray(block, np.uint32) for block in ids]
        self.weights += [np.asarray(block, np.float32) for block in weights]
        self.count += length

    def write(self, path: Path, documents: int) -> None:
        """Write the gathered lists to a segment's file (none when there are none)."""
        if not self.count:
            return
        ids = np.concatenate(self.ids)
        weights = np.concatenate(self.weights)
        ids = ids.astype(np.uint16 if documents <= 1 << 16 else np.uint32)
        whole = np.rint(weights)
        if np.array_equal(whole, weights) and weights.min() >= 0 and weights.max() < 256:
            weights = whole.astype(np.uint8)  # term frequencies: a byte each
        header = json.dumps({"ids": ids.dtype.str, "weights": weights.dtype.str,
                             "count": self.count, "terms": self.terms}).encode()
        header += b" " * (-(len(MAGIC) + 8 + len(header)) % 8)
        with open(path, "wb") as out:
            out.write(MAGIC + struct.pack("<Q", len(header)) + header)
            out.write(ids.tobytes())
            out.write(weights.tobytes())


class Arrays:
    """One segment's long lists, mapped from its file."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as source:
            if source.read(len(MAGIC)) != MAGIC:
                raise ValueError(f"{path.name}: not a file of posting arrays")
            (length,) = struct.unpack("<Q", source.read(8))
            about = json.loads(source.read(length))
        start = len(MAGIC) + 8 + length
        count = about["count"]
        ids, weights = np.dtype(about["ids"]), np.dtype(about["weights"])
        if start + count * (ids.itemsize + weights.itemsize) != path.stat().st_size:
            raise ValueError(f"{path.name}: not as long as its header says")
        self.terms = about["terms"]
        self.ids = np.memmap(path, ids, "r", start, (count,))
        self.weights = np.memmap(path, weights, "r", start + self.ids.nbytes, (count,))
        if any(first < 0 or length < 1 or first + length > count
               for terms in self.terms.values() for first, length in terms.values()):
            raise ValueError(f"{path.name}: a term's list lies outside the arrays")

    def get(self, field: str, term: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """Return a term's documents (in the segment) and weights, or None when not kept."""
        found = self.terms.get(field, {}).get(term.decode("latin-1"))
        if found is None:
            return None
        start, count = found
        return self.ids[start:start + count], self.weights[start:start + count]


def path_of(folder: Path, segment) -> Path:
    return Path(folder) / segment.make_filename(SUFFIX)


def arrays_of(folder: Path, segment) -> Arrays | None:
    """Return a segment's long lists, or None when it has no file of them or it cannot be
    read (the postings are then read from Whoosh's blocks)."""
    path = path_of(folder, segment)
    if not path.exists():
        return None
    try:
        return Arrays(path)
    except (OSError, ValueError, KeyError, TypeError, struct.error) as error:
        log.warning("posting arrays %s not used: %s", path.name, error)
        return None
