"""The index is derived data: built beside the live one, swapped in, checked against the
database, and retired only when no reader can still be opening it."""
import os
import shutil
from dataclasses import replace

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from indexer.load import prepare, store
from kb import index as kb_index
from kb import lock
from kb.index import (IndexBroken, IndexStale, check, ensure, live_dir, manifest, open_checked,
                      open_index, read_pointer, rebuild)
from kb.models import Input
from report_2025 import INPUTS


@pytest.fixture
def stored(fresh_kb, report_path):
    config, engine = fresh_kb
    store(engine, [prepare(report_path)])
    return config, engine


@pytest.fixture
def built(stored):
    config, engine = stored
    rebuild(engine, config)
    return config, engine


def generations(config):
    return sorted(p.name for p in config.index_dir.iterdir() if p.is_dir())


def test_rebuild_swaps_in_a_new_generation_and_keeps_the_one_before(stored):
    config, engine = stored
    assert open_index(config) is None
    assert rebuild(engine, config) == INPUTS
    first = live_dir(config)
    assert rebuild(engine, config) == INPUTS
    second = live_dir(config)
    assert second != first and first.exists()  # a reader may still be opening it
    assert rebuild(engine, config) == INPUTS
    assert first.exists(), "retired less than KB_INDEX_GRACE_SECONDS ago: kept"
    rebuild(engine, replace(config, index_grace_seconds=0))
    assert not first.exists() and not second.exists()
    assert len(generations(config)) == 2 and open_index(config).doc_count() == INPUTS


def test_a_crash_while_building_leaves_the_live_index(built, monkeypatch):
    config, engine = built
    live = live_dir(config)

    def crash(index, session, *rest):
        raise RuntimeError("strømbrudd")
    monkeypatch.setattr(kb_index, "_fill", crash)
    with pytest.raises(RuntimeError):
        rebuild(engine, config)
    assert live_dir(config) == live
    assert open_index(config).doc_count() == INPUTS
    assert generations(config) == [live.name]
    assert check(engine, config).fresh


def test_a_build_killed_half_way_is_cleared_by_the_next(built):
    config, engine = built
    (config.index_dir / "building-1").mkdir()
    (config.index_dir / "building-1" / "half.seg").write_bytes(b"\0" * 10)
    rebuild(engine, config)
    assert not (config.index_dir / "building-1").exists()


def test_each_generation_records_what_it_was_built_from(built):
    config, engine = built
    recorded = manifest(live_dir(config))
    assert recorded["count"] == INPUTS and recorded["format"] == kb_index.FORMAT
    assert len(recorded["database"]) == len(recorded["ids"]) == 64
    health = check(engine, config)
    assert health.fresh and health.count == INPUTS
    assert health.message == f"søkeindeks: {INPUTS} tekster, i takt med databasen"


def test_the_index_of_an_empty_base_is_fresh(fresh_kb):
    # Regression: the ids are read from the id column, which an empty index does not have.
    config, engine = fresh_kb
    assert rebuild(engine, config) == 0
    health = check(engine, config)
    assert health.fresh and health.count == 0, health.message
    assert open_checked(engine, config, {}).doc_count() == 0


def test_a_changed_database_makes_the_index_stale_until_rebuilt(built):
    config, engine = built
    with Session(engine) as session:  # a writer that did not record it: found all the same
        session.execute(update(Input).where(Input.position == 0).values(text="Endret tekst."))
        session.commit()
    health = check(engine, config)
    assert health.state == "stale"
    assert health.message.startswith("søkeindeksen er utdatert – kjør «kb reindex»")
    with pytest.raises(IndexStale):
        open_checked(engine, config, {})
    health, count = ensure(engine, config)
    assert health.state == "stale" and count == INPUTS
    assert check(engine, config).fresh


def test_a_changed_theme_list_makes_the_index_stale(built, monkeypatch):
    config, engine = built
    monkeypatch.setattr(kb_index, "of_derived", lambda: "en annen temaliste")
    assert check(engine, config).state == "stale"


def test_a_recorded_change_is_seen_on_the_next_request(built):
    config, engine = built
    verified = {}
    open_checked(engine, config, verified)
    from kb import fingerprint
    with Session(engine) as session:
        session.execute(update(Input).where(Input.position == 0).values(text="Endret."))
        fingerprint.record(session)
        session.commit()
    with pytest.raises(IndexStale):
        open_checked(engine, config, verified)


def test_while_a_writer_works_the_generation_before_its_swap_is_served(built):
    config, engine = built
    with Session(engine) as session:
        session.execute(update(Input).where(Input.position == 0).values(text="Endret."))
        session.commit()
    ready, done = __import__("threading").Event(), __import__("threading").Event()

    def writer():
        with lock.writing(config):
            ready.set()
            done.wait(10)
    thread = __import__("threading").Thread(target=writer)
    thread.start()
    try:
        ready.wait(10)
        assert open_checked(engine, config, {}).doc_count() == INPUTS
    finally:
        done.set()
        thread.join()
    with pytest.raises(IndexStale):
        open_checked(engine, config, {})


def test_a_reader_that_loses_a_race_opens_the_new_generation(built, monkeypatch):
    config, engine = built
    old = read_pointer(config)
    rebuild(engine, config)
    new = read_pointer(config)
    shutil.rmtree(config.index_dir / old)
    answers = iter([old])  # the reader read the pointer just before the swap

    def pointer(config):
        return next(answers, new)
    monkeypatch.setattr(kb_index, "read_pointer", pointer)
    assert open_index(config).doc_count() == INPUTS
    answers = iter([old])
    assert open_checked(engine, config, {}).doc_count() == INPUTS


# Whoosh leaves the files of a segment it failed to read for the garbage collector to close.
LEAKS = [pytest.mark.filterwarnings("ignore::ResourceWarning"),
         pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]


@pytest.mark.parametrize("damage, reason", [
    (lambda c, g: (c.index_dir / "CURRENT").write_text(""), "pekeren CURRENT er tom"),
    (lambda c, g: (c.index_dir / "CURRENT").write_bytes(b"\x00\xff../../x"),
     "pekeren CURRENT er skadet"),
    (lambda c, g: shutil.rmtree(g), "som pekeren viser til, finnes ikke"),
    (lambda c, g: [os.remove(p) for p in g.iterdir()], "er tom"),
    (lambda c, g: (g / "MANIFEST.json").unlink(), "mangler opplysninger"),
    (lambda c, g: [p.write_bytes(p.read_bytes()[:len(p.read_bytes()) // 2])
                   for p in g.glob("*.seg")], "kan ikke leses"),
    (lambda c, g: [p.write_bytes(b"tull") for p in g.glob("*.toc")], "kan ikke åpnes"),
])
@LEAKS[0]
@LEAKS[1]
def test_a_damaged_index_is_one_clear_line_and_rebuilt(built, damage, reason):
    config, engine = built
    damage(config, live_dir(config))
    health = check(engine, config)
    assert health.state == "broken", health
    assert health.message.startswith("søkeindeksen er skadet – kjør «kb reindex»")
    assert reason in health.message and str(config.index_dir) in health.message
    with pytest.raises(IndexBroken):
        open_checked(engine, config, {})
    assert ensure(engine, config)[1] == INPUTS
    assert check(engine, config).fresh


def test_index_documents_carry_the_tags(built):
    config, engine = built
    with open_index(config).searcher() as searcher:
        [fields] = [d for d in searcher.documents()
                    if d["text"] == "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."]
    assert (fields["year"], fields["kind"], fields["session"], fields["category"],
            fields["page"]) == (2025, "innspill", "Bolk 1", "Språk og kommunikasjon", 13)
