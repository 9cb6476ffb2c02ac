"""Search by meaning beside search by words: reciprocal rank fusion, and meaning-only joins.

The word hits keep their groups (words in the text first, then words only in a heading)
and are ordered within each by the fusion of their rank by words and their rank by
meaning (the cosine of the input's vector and the query's). Inputs with none of the
words join after them when their cosine reaches the model's calibrated similarity, at
most JOINS of them. Filters apply to both, since both draw on the allowed documents.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

FUSION_K = 10      # the rank constant of reciprocal rank fusion
WEIGHT = 0.5       # the weight of the rank by meaning against the rank by words (1.0)
JOINS = 8          # inputs found by meaning only, at most, in one search


@dataclass
class Meaning:
    """The cosine of every allowed document with the query, and the meaning-only joins."""

    docs: np.ndarray         # allowed documents, in document order
    similarity: np.ndarray   # their cosines with the query
    joined: np.ndarray       # documents found by meaning only, best first


def similarities(vectors: np.ndarray, query: np.ndarray, allowed: np.ndarray) -> tuple[
        np.ndarray, np.ndarray]:
    """Return the allowed documents and each one's cosine with the query vector."""
    docs = np.flatnonzero(allowed[:len(vectors)])
    return docs, np.asarray(vectors[docs] @ query, np.float32)


def meaning(vectors: np.ndarray, query: np.ndarray, allowed: np.ndarray, word_docs: np.ndarray,
            minimum: float, joins: int = JOINS) -> Meaning:
    """Score the allowed documents by meaning, and pick the meaning-only joins."""
    docs, similarity = similarities(vectors, query, allowed)
    outside = ~np.isin(docs, word_docs, assume_unique=True) & (similarity >= minimum)
    candidates = np.flatnonzero(outside)
    best = candidates[np.argsort(-similarity[candidates], kind="stable")[:joins]]
    return Meaning(docs, similarity, docs[best])


def fused(ranked: np.ndarray, found: Meaning) -> np.ndarray:
    """Return word hits given in order, reordered by their fused rank (words and meaning)."""
    if len(ranked) < 2:
        return ranked
    where = np.searchsorted(found.docs, ranked)
    where = np.minimum(where, len(found.docs) - 1)
    similarity = np.where(found.docs[where] == ranked, found.similarity[where], -1.0)
    by_meaning = np.empty(len(ranked), np.int64)
    by_meaning[np.argsort(-similarity, kind="stable")] = np.arange(len(ranked))
    score = 1 / (FUSION_K + np.arange(len(ranked)) + 1) + WEIGHT / (FUSION_K + by_meaning + 1)
    return ranked[np.argsort(-score, kind="stable")]


@lru_cache(maxsize=512)
def query_vector(embedder, text: str) -> np.ndarray:
    """Embed a query once per process (searches repeat, paging and facet clicks most)."""
    return embedder.embed_query(text)


def status(config, index) -> str:
    """Return, in Norwegian, whether search by meaning is on for an index, and why not."""
    from kb.embed import OFF, SETTING, available
    from kb.engine import engine_for

    ready = engine_for(index).meaning() if index is not None else None
    if ready is not None:
        embedder, vectors = ready
        return f"Søk etter mening: på ({embedder.model}, {len(vectors)} vektorer)."
    if config.embedder == OFF:
        return f"Søk etter mening: av ({SETTING}={OFF}) – søket finner bare ordene."
    state = available(config.embedder)
    if not state:
        return "Søk etter mening: av – " + state.message.split(": ", 1)[-1]
    return ("Søk etter mening: av – søkeindeksen har ingen vektorer ennå; de beregnes ved "
            "neste «kb reindex».")
