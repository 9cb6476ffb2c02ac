"""A segment's long posting lists kept as arrays beside it (kb.dense): the engine reads from
them exactly what it reads from Whoosh's blocks, a search finds the same with or without
them, a damaged file is passed over, and the files go with their segments."""
import dataclasses
import logging
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index

from databases import fresh_url
from found import findings
from indexer.load import prepare, store
from kb import dense, engine as engine_module, fingerprint, segments
from kb.engine import _leaves, _read_postings, engine_for
from kb.index import ANALYSED, live_dir, open_index, rebuild, update

FIXTURES = Path(__file__).parent / "fixtures"
YEARS = ("2016-syntetisk-dialogkonferanse.txt", "2018-syntetisk-parallellsesjoner.txt")
QUERIES = ("", "språkkrav", "foreldre*", "skolen OR arbeid", '"gratis møteplasser"',
           "arbeid -språk", "integrering~", "år:2016 foreldre")
LONG = 6  # postings a list needs to be kept as arrays here: many of this small base's are


@pytest.fixture()
def base(tmp_path, report_path, monkeypatch):
    from kb.config import load_config
    from kb.database import make_engine

    monkeypatch.setattr(dense, "LONG", LONG)
    monkeypatch.setattr(segments, "SEGMENT_INPUTS", 70)
    config = dataclasses.replace(load_config(data_dir=tmp_path, database_url=fresh_url()),
                                 embedder="none", index_workers=1)
    engine = make_engine(config)
    store(engine, [prepare(report_path)] + [prepare(FIXTURES / name) for name in YEARS])
    rebuild(engine, config)
    yield config, engine
    engine.dispose()


def array_files(config) -> set[str]:
    return {path.name for path in live_dir(config).glob(f"*{dense.SUFFIX}")}


def segment_files(config) -> set[str]:
    with open_index(config).reader() as reader:
        return {dense.path_of(live_dir(config), leaf.segment()).name
                for leaf, _ in _leaves(reader)}


def test_every_segment_keeps_its_long_lists_and_the_engine_reads_the_same(base):
    config, _ = base
    assert array_files(config) == segment_files(config) and len(array_files(config)) > 2
    from_arrays = same_postings(engine_for(open_index(config)))
    assert len(from_arrays) > 100
    # The long lists of every kind of field: stems, word forms, pairs, parts, tags.
    assert {"text", "exact", "text_pairs", "parts", "context", "year", "kind"} <= {
        field for field, _ in from_arrays}


def same_postings(searching) -> set[tuple[str, bytes]]:
    """Check that every term's postings read with the arrays are those read from Whoosh's
    blocks; return the terms read from arrays."""
    reader = searching.reader()
    from_arrays = set()
    for field in reader.schema.names():
        if not reader.schema[field].indexed:
            continue
        for term in reader.lexicon(field):
            docs, weights = _read_postings(reader, field, term, searching._arrays)
            blocks_docs, blocks_weights = _read_postings(reader, field, term)
            assert np.array_equal(docs, blocks_docs), (field, term)
            assert np.array_equal(weights, blocks_weights), (field, term)
            assert weights.dtype == np.float32 and docs.dtype == np.int64
            if any(kept and kept.get(field, term) is not None for kept in searching._arrays):
                from_arrays.add((field, term))
    return from_arrays


def test_a_search_finds_the_same_without_the_arrays(base):
    config, _ = base
    with_arrays = findings(config, QUERIES, ranked=True)
    for name in array_files(config):
        (live_dir(config) / name).unlink()
    engine_module._ENGINES.clear()  # a fresh engine, as a new process would make
    assert findings(config, QUERIES, ranked=True) == with_arrays


@pytest.mark.parametrize("damage", [b"", b"KBPOSTINGS1\n\xff\xff", b"not arrays at all"])
def test_a_damaged_file_of_arrays_is_passed_over(base, caplog, damage):
    config, _ = base
    expected = findings(config, QUERIES, ranked=True)
    damaged = sorted(array_files(config))[0]
    (live_dir(config) / damaged).write_bytes(damage)
    engine_module._ENGINES.clear()
    with caplog.at_level(logging.WARNING, logger="kb.dense"):
        assert findings(config, QUERIES, ranked=True) == expected
    assert damaged in caplog.text


def test_a_file_cut_short_is_passed_over(base, caplog):
    config, _ = base
    expected = findings(config, QUERIES, ranked=True)
    path = live_dir(config) / sorted(array_files(config))[0]
    path.write_bytes(path.read_bytes()[:-10])
    engine_module._ENGINES.clear()
    with caplog.at_level(logging.WARNING, logger="kb.dense"):
        assert findings(config, QUERIES, ranked=True) == expected
    assert "not as long as its header says" in caplog.text


def test_an_update_writes_arrays_for_its_segment_and_merged_ones_go(base, monkeypatch,
                                                                     tmp_path):
    config, engine = base
    with Session(engine) as session:
        since = fingerprint.recorded(session)
    text = (FIXTURES / YEARS[0]).read_text("utf-8")
    changed = tmp_path / YEARS[0]
    changed.write_text(text.replace("gratis møteplasser", "gratis svømmekurs"), "utf-8")
    store(engine, [prepare(changed)])
    before = array_files(config)
    update(engine, config, since, years=[2016])
    after = array_files(config)
    assert after == segment_files(config)
    assert before < after  # the old segments keep theirs; the new one has its own
    queries = QUERIES + ("svømmekurs", "møteplasser")
    updated = findings(config, queries)
    assert updated["svømmekurs"][0] == 1


def test_segments_merged_into_one_leave_one_file_of_arrays(base):
    config, _ = base
    expected = findings(config, QUERIES)
    index = whoosh_index.open_dir(str(live_dir(config)))
    writer = segments.SegmentBuilder(index, ANALYSED)
    writer.commit(optimize=True)  # Whoosh merges every segment through the builder
    assert len(segment_files(config)) == 1
    assert array_files(config) == segment_files(config)
    engine_module._ENGINES.clear()
    assert same_postings(engine_for(open_index(config)))
    assert findings(config, QUERIES) == expected


def test_a_replaced_generation_lets_go_of_its_kept_arrays(base):
    # A process that searched the old generation keeps its engine a while (a request may
    # still be on it), but not its posting and score arrays.
    config, engine = base
    old = engine_for(open_index(config))
    before = findings(config, ["språkkrav"])
    assert old._postings.items and old._scores.items
    rebuild(engine, config)
    new = engine_for(open_index(config))
    assert new is not old
    assert not old._postings.items and not old._scores.items
    assert findings(config, ["språkkrav"]) == before
    assert new._postings.items and new._scores.items
