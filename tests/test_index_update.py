"""Replacing one year's report, or correcting one input, writes only those documents: the new
generation shares every segment file of the live one and adds one segment; what it finds is
what a full rebuild finds."""
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from found import findings
from indexer.load import prepare, store
from kb import editing, fingerprint
from kb.index import check, live_dir, manifest, open_index, rebuild, update
from kb.models import Input
from kb.search import SearchRequest, search

FIXTURES = Path(__file__).parent / "fixtures"
YEARS = ("2016-syntetisk-dialogkonferanse.txt", "2018-syntetisk-parallellsesjoner.txt")
QUERIES = ("", "språkkrav", "foreldre*", "skolen OR arbeid", '"gratis møteplasser"', "leksehjelp",
           "bibliotek")


@pytest.fixture
def three_years(fresh_kb, report_path):
    config, engine = fresh_kb
    store(engine, [prepare(report_path)] + [prepare(FIXTURES / name)
                                            for name in YEARS])
    rebuild(engine, config)
    return config, engine


def recorded(engine):
    with Session(engine) as session:
        return fingerprint.recorded(session)


def segment_files(folder):
    """Return the index files of a generation with their inode: shared files keep theirs."""
    return {f.name: f.stat().st_ino for f in folder.iterdir()
            if f.suffix in (".seg", ".trm", ".pst", ".fid", ".vps", ".pos", ".dci", ".dcz",
                            ".lns", ".col")}


def replaced_2016(tmp_path):
    """The 2016 report again, with one input reworded, one added and one gone."""
    text = (FIXTURES / YEARS[0]).read_text("utf-8")
    text = text.replace("Det trengs flere gratis møteplasser for mødre.",
                        "Biblioteket bør bli en gratis møteplass for mødre og barn.")
    text = text.replace("Språkkrav i arbeidslivet stenger mange ute fra jobb.\n",
                        "Språkkrav i arbeidslivet stenger mange ute fra jobb.\n"
                        "Testforening for eldre: Eldre innvandrere trenger norskkurs på dagtid.\n")
    assert "Biblioteket" in text and "dagtid" in text
    path = tmp_path / YEARS[0]
    path.write_text(text, encoding="utf-8")
    return path


def test_replacing_one_year_writes_only_that_years_texts(three_years, tmp_path):
    config, engine = three_years
    before = live_dir(config)
    shared = segment_files(before)
    since = recorded(engine)
    [(item, status)] = store(engine, [prepare(replaced_2016(tmp_path))])
    assert status == "replaced"
    count = update(engine, config, since, years=[2016])
    after = live_dir(config)
    assert after != before and check(engine, config).fresh
    with Session(engine) as session:
        assert count == session.scalar(select(func.count()).select_from(Input))
        in_2016 = session.scalar(select(func.count()).select_from(Input).where(Input.year == 2016))
    # Every file of the old generation is the same file in the new one (a hard link) …
    files = segment_files(after)
    assert {name: files.get(name) for name in shared} == shared
    # … and what was written is one new segment holding the 2016 texts, no more.
    index = open_index(config)
    with index.reader() as reader:
        segments = [leaf for leaf, _ in reader.leaf_readers()]
        assert len(segments) == 2
        assert segments[-1].doc_count_all() == in_2016 == manifest(after)["updated"]
        assert segments[0].doc_count() == count - in_2016  # the old 2016 texts marked deleted
    in_2016 = {"year": ["2016"]}
    [hit] = search(index, SearchRequest("bibliotek", in_2016)).hits
    assert hit.text.startswith("Biblioteket bør bli en gratis møteplass")
    assert search(index, SearchRequest("norskkurs dagtid", in_2016)).total == 1
    assert not search(index, SearchRequest('"flere gratis møteplasser"')).hits


def test_an_updated_index_finds_what_a_rebuilt_one_finds(three_years, tmp_path):
    config, engine = three_years
    since = recorded(engine)
    store(engine, [prepare(replaced_2016(tmp_path))])
    update(engine, config, since, years=[2016])
    updated = findings(config, QUERIES)
    rebuild(engine, config)
    assert findings(config, QUERIES) == updated
    assert updated["bibliotek"][0] >= 1 and updated[""][0] > 100


def test_a_correction_writes_one_document(three_years):
    config, engine = three_years
    with Session(engine) as session:
        target = session.scalar(select(Input).where(Input.year == 2018, Input.kind == "innspill")
                                .order_by(Input.position))
    before = live_dir(config)
    shared = segment_files(before)
    editing.set_tags(engine, config, target.id, {"theme": "Bolig og bosetting"}, "anne")
    after = live_dir(config)
    assert after != before and manifest(after)["updated"] == 1 and check(engine, config).fresh
    files = segment_files(after)
    assert {name: files.get(name) for name in shared} == shared
    index = open_index(config)
    result = search(index, SearchRequest("", {"theme": ["Bolig og bosetting"]}))
    assert [hit.id for hit in result.hits] == [target.id]


def test_an_index_not_built_from_the_data_before_the_change_is_rebuilt_whole(three_years,
                                                                               tmp_path):
    config, engine = three_years
    before = live_dir(config)
    shared = segment_files(before)
    store(engine, [prepare(replaced_2016(tmp_path))])
    update(engine, config, "a fingerprint the live generation was not built from", years=[2016])
    after = live_dir(config)
    assert manifest(after).get("updated") is None and check(engine, config).fresh
    assert not set(segment_files(after).values()) & set(shared.values())


def test_a_new_title_for_the_same_report_is_written_to_that_years_texts(three_years, tmp_path):
    config, engine = three_years
    report = tmp_path / YEARS[0]
    report.write_bytes((FIXTURES / YEARS[0]).read_bytes())
    report.with_suffix(".yaml").write_text("year: 2016\ntitle: Dialogkonferansen 2016, ny tittel\n",
                                           "utf-8")
    since = recorded(engine)
    [(_, status)] = store(engine, [prepare(report)])
    assert status == "described"
    update(engine, config, since, years=[2016])
    assert check(engine, config).fresh and manifest(live_dir(config))["updated"] > 0
    [hit] = search(open_index(config), SearchRequest("leksehjelp", {"year": ["2016"]})).hits
    assert hit.document == "Dialogkonferansen 2016, ny tittel"


def test_many_small_updates_are_merged_and_still_find_what_a_rebuild_finds(three_years):
    config, engine = three_years
    with Session(engine) as session:
        targets = session.scalars(select(Input.id).where(Input.year == 2025, Input.kind == "innspill")
                                  .order_by(Input.position).limit(10)).all()
    for number, target in enumerate(targets):
        editing.set_tags(engine, config, target, {"category": f"Kategori {number}"}, "anne")
    with open_index(config).reader() as reader:
        assert len(reader.leaf_readers()) < 10  # the small segments were merged on the way
    assert check(engine, config).fresh
    updated = findings(config, QUERIES)
    rebuild(engine, config)
    assert findings(config, QUERIES) == updated


def test_a_folder_without_hard_links_gets_copies(three_years, tmp_path, monkeypatch):
    config, engine = three_years

    def no_links(*_):
        raise OSError(95, "Operation not supported")
    monkeypatch.setattr(os, "link", no_links)
    since = recorded(engine)
    store(engine, [prepare(replaced_2016(tmp_path))])
    update(engine, config, since, years=[2016])
    assert manifest(live_dir(config))["updated"] > 0 and check(engine, config).fresh


def test_an_update_that_fails_rebuilds_the_whole_index(three_years, tmp_path, monkeypatch):
    from kb import index as kb_index

    config, engine = three_years

    def damaged(*_):
        raise ValueError("a segment that cannot be read")
    monkeypatch.setattr(kb_index, "_write_changes", damaged)
    since = recorded(engine)
    store(engine, [prepare(replaced_2016(tmp_path))])
    update(engine, config, since, years=[2016])
    assert "updated" not in manifest(live_dir(config)) and check(engine, config).fresh
    assert not list(config.index_dir.glob("building-*"))
