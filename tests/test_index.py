"""The index is derived data: rebuilt beside the live one and swapped in."""
import pytest

from indexer.load import prepare, store
from kb import index as kb_index
from kb.index import live_dir, open_index, rebuild
from report_2025 import INPUTS


@pytest.fixture
def stored(fresh_kb, report_path):
    config, engine = fresh_kb
    store(engine, [prepare(report_path)])
    return config, engine


def test_rebuild_swaps_in_a_new_generation_and_removes_the_old(stored):
    config, engine = stored
    assert open_index(config) is None
    assert rebuild(engine, config) == INPUTS
    first = live_dir(config)
    assert rebuild(engine, config) == INPUTS
    second = live_dir(config)
    assert second != first and not first.exists()
    assert open_index(config).doc_count() == INPUTS


def test_a_crash_while_building_leaves_the_live_index(stored, monkeypatch):
    config, engine = stored
    rebuild(engine, config)
    live = live_dir(config)

    def crash(index, engine, *rest):
        raise RuntimeError("strømbrudd")
    monkeypatch.setattr(kb_index, "_fill", crash)
    with pytest.raises(RuntimeError):
        rebuild(engine, config)
    assert live_dir(config) == live
    assert open_index(config).doc_count() == INPUTS
    assert [p.name for p in config.index_dir.iterdir() if p.is_dir()] == [live.name]


def test_index_documents_carry_the_tags(stored):
    config, engine = stored
    rebuild(engine, config)
    with open_index(config).searcher() as searcher:
        [fields] = [d for d in searcher.documents()
                    if d["text"] == "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."]
    assert (fields["year"], fields["kind"], fields["session"], fields["category"],
            fields["page"]) == (2025, "innspill", "Bolk 1", "Språk og kommunikasjon", 13)
