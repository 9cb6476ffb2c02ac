"""The engine's set operations: merging lists over arrays of all documents (many documents)
gives exactly what merging the sorted lists gives (few documents): documents, scores, counts."""
import numpy as np
import pytest

from kb import engine
from kb.engine import Scored, intersection, union


def scored(rng, size, count):
    docs = np.sort(rng.choice(size, count, replace=False)).astype(engine.DOC)
    return Scored(docs, rng.random(count, np.float32) * 7, rng.integers(1, 4, count, np.int16))


def merged(monkeypatch, how, dense, parts):
    monkeypatch.setattr(engine, "DENSE", 10**9 if dense else 0)
    return how(parts)


@pytest.mark.parametrize("how", [union, intersection])
@pytest.mark.parametrize("seed", range(5))
def test_dense_and_sorted_merges_agree(monkeypatch, how, seed):
    rng = np.random.default_rng(seed)
    parts = [scored(rng, 5_000, int(rng.integers(0, 4_000)))
             for _ in range(int(rng.integers(1, 5)))]
    dense = merged(monkeypatch, how, True, parts)
    sparse = merged(monkeypatch, how, False, parts)
    assert dense.docs.dtype == sparse.docs.dtype == engine.DOC
    assert np.array_equal(dense.docs, sparse.docs)
    assert np.array_equal(dense.scores, sparse.scores)  # the same sums, bit for bit
    assert np.array_equal(dense.terms, sparse.terms)
    if how is union:
        assert set(dense.docs) == set().union(*(set(p.docs) for p in parts))
    else:
        assert set(dense.docs) == set.intersection(*(set(p.docs) for p in parts))


def test_kept_arrays_are_bounded_by_their_bytes_least_recently_used_first():
    kept = engine._Kept(most=3 * 800)
    for key in "abc":
        kept.put(key, (np.zeros(100, np.int64),))   # 800 bytes each: all three fit
    assert kept.get("a") is not None                  # a is now the most recently used
    kept.put("d", (np.zeros(100, np.int64),))         # past the bound: b goes, not a
    assert kept.get("b") is None
    assert all(kept.get(key) is not None for key in "acd")
    assert kept.size == 3 * 800
    kept.put("big", (np.zeros(1000, np.int64),))      # larger than the bound alone: kept alone
    assert list(kept.items) == ["big"] and kept.size == 8000
