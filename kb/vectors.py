"""The vectors of the inputs' texts, for search by meaning.

A text is embedded once per model: the vectors are kept in a cache in the data folder,
keyed by a hash of the text (an append-only pair of files: the hashes, one a line, and
the vectors, one row each), so a re-ingest or a reindex only embeds new or changed
texts. Each index generation gets its own array of the vectors in document order
(`vectors.npy`, memory-mapped by readers), written with the generation like the rest
of its derived data.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from kb.embed import Embedder

GENERATION_FILE = "vectors.npy"
ABOUT_FILE = "vectors.json"
CHUNK = 64  # texts embedded between two writes to the cache (and progress reports)


def text_key(text: str) -> str:
    """Return the key of a text in the cache: a hash of its words, spacing aside."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


class Cache:
    """Vectors of texts by their key, for one model, in files of the data folder."""

    def __init__(self, folder: Path, embedder: Embedder):
        slug = re.sub(r"[^a-z0-9]+", "-", embedder.model.lower()).strip("-")
        self.folder = folder / slug
        self.embedder = embedder
        self.keys_path = self.folder / "keys.txt"
        self.rows_path = self.folder / "vectors.f32"
        self.rows: dict[str, int] = {}
        self._read()

    def _read(self) -> None:
        if not self.keys_path.exists():
            return
        keys = self.keys_path.read_text("ascii").split()
        size = self.rows_path.stat().st_size if self.rows_path.exists() else 0
        stored = size // (4 * self.embedder.dimensions)
        # A crash between the two writes leaves rows without keys: they are not trusted.
        self.rows = {key: row for row, key in enumerate(keys[:stored])}

    def missing(self, keys: Iterable[str]) -> list[str]:
        """Return the keys (in order, once each) that have no vector yet."""
        return [k for k in dict.fromkeys(keys) if k not in self.rows]

    def add(self, texts: dict[str, str], progress: Callable[[int], None] | None = None) -> None:
        """Embed texts (by key) and append their vectors to the cache, a chunk at a time."""
        self.folder.mkdir(parents=True, exist_ok=True)
        pending = [(key, text) for key, text in texts.items() if key not in self.rows]
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start:start + CHUNK]
            vectors = self.embedder.embed_passages([text for _, text in chunk])
            self._append(self.rows_path, vectors.astype(np.float32).tobytes())
            self._append(self.keys_path, "".join(f"{key}\n" for key, _ in chunk).encode("ascii"))
            first = len(self.rows)
            self.rows.update({key: first + n for n, (key, _) in enumerate(chunk)})
            if progress:
                progress(len(chunk))

    def _append(self, path: Path, data: bytes) -> None:
        with open(path, "ab") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())

    def vectors(self, keys: list[str | None]) -> np.ndarray:
        """Return the vectors of the keys in order; a row of zeros where a key is None."""
        stored = np.memmap(self.rows_path, dtype=np.float32, mode="r").reshape(
            -1, self.embedder.dimensions) if self.rows else np.zeros((0, self.embedder.dimensions),
                                                                     np.float32)
        found = np.zeros((len(keys), self.embedder.dimensions), np.float32)
        for number, key in enumerate(keys):
            if key is not None:
                found[number] = stored[self.rows[key]]
        return found


def write_generation(folder: Path, vectors: np.ndarray, embedder: Embedder) -> None:
    """Write a generation's vectors in document order beside its index files, with the
    embedder that made them (the setting's name and the exact model)."""
    temporary = folder / f".{GENERATION_FILE}"
    with open(temporary, "wb") as file:
        np.save(file, vectors.astype(np.float32))
    os.replace(temporary, folder / GENERATION_FILE)
    about = {"embedder": embedder.name, "model": embedder.model, "count": len(vectors)}
    (folder / ABOUT_FILE).write_text(json.dumps(about), "utf-8")


def read_generation(folder: Path) -> tuple[dict, np.ndarray] | None:
    """Return what made a generation's vectors and the vectors (memory-mapped), or None."""
    about = folder / ABOUT_FILE
    if not about.exists() or not (folder / GENERATION_FILE).exists():
        return None
    return json.loads(about.read_text("utf-8")), np.load(folder / GENERATION_FILE, mmap_mode="r")
