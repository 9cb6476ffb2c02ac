"""A large base is written as a segment per run of inputs, by parallel processes: the index
holds what a one-writer build holds, in the same order; a segment holds what Whoosh's own
writer writes in it."""
import dataclasses
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from databases import fresh_url
from found import findings
from indexer.load import prepare, store
from kb import segments
from kb.index import (ANALYSED, live_dir, manifest, open_index, read_pointer, rebuild, schema,
                      splitter_of, update, write_inputs)
from kb.models import Input
from kb.search import SearchRequest, search
from kb.storage import StorageError

FIXTURES = Path(__file__).parent / "fixtures"
YEARS = ("2016-syntetisk-dialogkonferanse.txt", "2018-syntetisk-parallellsesjoner.txt")
QUERIES = ("", "språkkrav", "foreldre*", "skolen OR arbeid", '"gratis møteplasser"',
           "bibliotek", "B2-nivå", "år:2016 foreldre")


@pytest.fixture(scope="module")
def three_years(tmp_path_factory, report_path):
    from kb.config import load_config
    from kb.database import make_engine

    config = load_config(data_dir=tmp_path_factory.mktemp("segments"), database_url=fresh_url())
    config = dataclasses.replace(config, embedder="none")
    engine = make_engine(config)
    store(engine, [prepare(report_path)] + [prepare(FIXTURES / name) for name in YEARS])
    yield config, engine
    engine.dispose()


def stored_in_order(config):
    with open_index(config).searcher() as searcher:
        return [dict(searcher.stored_fields(n)) for n in range(searcher.doc_count_all())]


def segment_count(config):
    with open_index(config).reader() as reader:
        return 1 if reader.is_atomic() else len(reader.leaf_readers())


def test_runs_cut_the_base_in_report_order_and_cover_every_input(three_years, monkeypatch):
    config, engine = three_years
    monkeypatch.setattr(segments, "SEGMENT_INPUTS", 40)
    with Session(engine) as session:
        ordered = session.scalars(select(Input.id).order_by(Input.year, Input.position)).all()
        runs = segments.runs(session)
        cut = [session.scalars(select(Input.id).where(segments.within(run))
                               .order_by(Input.year, Input.position)).all() for run in runs]
    assert len(runs) == -(-len(ordered) // 40)
    assert [len(ids) for ids in cut[:-1]] == [40] * (len(runs) - 1)
    assert [one for ids in cut for one in ids] == ordered  # each once, in order


def test_parallel_build_holds_what_one_writer_builds(three_years, monkeypatch):
    config, engine = three_years
    rebuild(engine, config)
    assert segment_count(config) == 1
    one_writer, one_found = stored_in_order(config), findings(config, QUERIES, ranked=True)
    one_manifest = manifest(live_dir(config))

    monkeypatch.setattr(segments, "SEGMENT_INPUTS", 60)
    parallel = dataclasses.replace(config, index_workers=2)
    count = rebuild(engine, parallel)
    assert count == len(one_writer)
    assert segment_count(config) == -(-count // 60) > 2
    assert stored_in_order(config) == one_writer  # same documents, same numbers
    assert findings(config, QUERIES, ranked=True) == one_found
    assert manifest(live_dir(config))["ids"] == one_manifest["ids"]
    assert not list(live_dir(config).glob("*.tmp"))  # the workers' scratch folders are gone


def test_one_process_writes_the_runs_in_turn(three_years, monkeypatch):
    config, engine = three_years
    rebuild(engine, config)
    expected = findings(config, QUERIES, ranked=True)
    monkeypatch.setattr(segments, "SEGMENT_INPUTS", 100)
    rebuild(engine, dataclasses.replace(config, index_workers=1))
    assert segment_count(config) > 1
    assert findings(config, QUERIES, ranked=True) == expected


def test_update_after_a_parallel_build(three_years, monkeypatch, tmp_path):
    config, engine = three_years
    monkeypatch.setattr(segments, "SEGMENT_INPUTS", 60)
    parallel = dataclasses.replace(config, index_workers=2)
    rebuild(engine, parallel)
    from kb import fingerprint

    with Session(engine) as session:
        since = fingerprint.recorded(session)
    text = (FIXTURES / YEARS[0]).read_text("utf-8")
    changed = tmp_path / YEARS[0]
    changed.write_text(text.replace("Det trengs flere gratis møteplasser for mødre.",
                                    "Det trengs flere gratis svømmekurs for mødre."), "utf-8")
    store(engine, [prepare(changed)])
    update(engine, parallel, since, years=[2016])
    assert manifest(live_dir(config)).get("updated")  # written, not rebuilt
    # Ranks may differ until a rebuild (deleted documents still count in idf): not compared.
    updated = findings(config, QUERIES)
    rebuild(engine, config)
    assert findings(config, QUERIES) == updated
    assert search(open_index(config), SearchRequest("svømmekurs")).total == 1


def test_a_segment_holds_what_whoosh_writes_in_it(three_years, tmp_path):
    # Every file byte for byte but the postings and the term table pointing into them: a
    # block pickles equal value strings shared by several documents once.
    config, engine = three_years
    written, readers = {}, {}
    for name, make in (("whoosh", lambda index: SegmentWriter(index, compound=False)),
                       ("kb", lambda index: segments.SegmentBuilder(index, ANALYSED,
                                                                    compound=False))):
        folder = tmp_path / name
        folder.mkdir()
        writer = make(whoosh_index.create_in(str(folder), schema()))
        with Session(engine) as session:
            write_inputs(writer, session, splitter_of(session))
        writer.commit()
        # A segment's files: MAIN_<segment id>.<part>, the parts the same in both.
        written[name] = {file.name.split(".", 1)[1]: file.read_bytes()
                         for file in folder.iterdir()
                         if file.name.startswith("MAIN_") and "." in file.name}
        readers[name] = whoosh_index.open_dir(str(folder)).reader()
    assert {"trm", "pst", "_stored.col", "_text_len.col"} <= set(written["kb"])
    assert sorted(written["kb"]) == sorted(written["whoosh"])
    for part, data in written["whoosh"].items():
        if part not in ("pst", "trm"):
            assert written["kb"][part] == data, part
    with readers["whoosh"] as whoosh, readers["kb"] as kb:
        terms = list(whoosh.all_terms())
        assert list(kb.all_terms()) == terms and len(terms) > 5_000
        for term in terms:
            assert stats(kb.term_info(*term)) == stats(whoosh.term_info(*term)), term
            assert every_posting(kb, term) == every_posting(whoosh, term), term


def stats(info):
    return (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
            info.max_weight(), info.min_id(), info.max_id())


def every_posting(reader, term):
    matcher = reader.postings(*term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


def test_index_workers_setting(monkeypatch):
    from kb.config import ConfigError, load_config

    monkeypatch.setenv("KB_INDEX_WORKERS", "3")
    assert load_config().index_workers == 3
    assert segments.workers(load_config(), 2) == 2  # never more processes than runs
    monkeypatch.setenv("KB_INDEX_WORKERS", "mange")
    with pytest.raises(ConfigError, match="KB_INDEX_WORKERS må være et tall"):
        load_config()


def test_a_worker_killed_midway_leaves_the_live_index_and_says_what_to_do(three_years,
                                                                          monkeypatch):
    config, engine = three_years
    rebuild(engine, config)
    live, expected = read_pointer(config), findings(config, QUERIES, ranked=True)
    monkeypatch.setattr(segments, "SEGMENT_INPUTS", 30)
    killer = threading.Thread(target=kill_a_worker, daemon=True)
    killer.start()
    with pytest.raises(StorageError, match="KB_INDEX_WORKERS=1") as raised:
        rebuild(engine, dataclasses.replace(config, index_workers=2))
    killer.join()
    assert "stoppet uventet" in str(raised.value)
    assert read_pointer(config) == live and findings(config, QUERIES, ranked=True) == expected
    assert not list(config.index_dir.glob("building-*"))


def kill_a_worker(wait: float = 60) -> None:
    """Kill (SIGKILL) the first worker process this process starts."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
            if parent == os.getpid() and b"spawn_main" in command:
                os.kill(int(entry.name), signal.SIGKILL)
                return
        time.sleep(0.01)
