"""Corrections: kept apart from the parser's rows, laid over them in the index and on reading,
kept through a re-ingest, undone from the log, listed when their input is gone."""
import pytest
from sqlalchemy import select

from indexer.load import prepare, store
from kb import audit
from kb.corrections import (Corrected, CorrectionError, correct, listing, normalise, of_input,
                            orphans, remove, undo, values_of)
from kb.database import session_for, transaction
from kb.index import open_index, rebuild
from kb.inputs import load
from kb.models import Input
from kb.search import SearchRequest, search, all_hits
from report_2025 import SPRAKKRAV


@pytest.fixture
def stored(fresh_kb, report_path):
    config, engine = fresh_kb
    store(engine, [prepare(report_path)])
    rebuild(engine, config)
    with session_for(engine) as session:
        item_id = session.scalar(select(Input.id).where(Input.text == SPRAKKRAV))
    return config, engine, item_id


def change(engine, item_id, **wanted):
    with transaction(engine) as session:
        return [e.id for e in correct(session, load(session, item_id), wanted, "anne")]


def hit(config, item_id, **filters):
    result = search(open_index(config), SearchRequest(
        "", {"id": [item_id], **{k: [v] for k, v in filters.items()}}))
    return result.hits[0] if result.hits else None


@pytest.mark.parametrize("name, given, stored", [
    ("theme", "  Trygge   nabolag ", "Trygge nabolag"),
    ("theme", "", None),
    ("canonical", "Helse", "helse"),
    ("topic", ["Språk", "arbeid", "språk", ""], "språk,arbeid"),
    ("topic", "språk, arbeid", "språk,arbeid"),
    ("topic", [], None),
    ("hidden", "ja", "ja"),
    ("hidden", None, None),
    ("kind", "tekst", "tekst"),
])
def test_values_are_tidied_as_stored(name, given, stored):
    assert normalise(name, given) == stored


@pytest.mark.parametrize("name, given, message", [
    ("kind", "hemmelig", "Ukjent teksttype"),
    ("session", "x" * 101, "høyst 100 tegn"),
    ("text", "ny tekst", "kan ikke rettes"),
    ("year", "2020", "kan ikke rettes"),
])
def test_bad_corrections_are_refused(name, given, message):
    with pytest.raises(CorrectionError, match=message):
        normalise(name, given)


def test_a_correction_is_kept_apart_and_laid_over_the_index(stored):
    config, engine, item_id = stored
    before = hit(config, item_id)
    assert before.canonical != "helse" and before.set_by_hand == []
    assert len(change(engine, item_id, canonical="Helse", organisation="Testforeningen")) == 2
    with session_for(engine) as session:
        row = session.get(Input, item_id)
        assert row.canonical_theme is None and row.organisation is None  # the parser's row
    rebuild(engine, config)
    after = hit(config, item_id, canonical="helse")
    assert after.organisation == "Testforeningen" and after.text == SPRAKKRAV
    assert after.set_by_hand == ["canonical", "organisation"]
    counts = dict((v.value, v.count) for v in search(open_index(config), SearchRequest(
        "språkkrav")).facets["organisation"])
    assert counts.get("Testforeningen") == 1


def test_an_unchanged_value_makes_no_correction(stored):
    config, engine, item_id = stored
    with session_for(engine) as session:
        shown = values_of(load(session, item_id))
    assert change(engine, item_id, theme=shown["theme"], kind=shown["kind"],
                  topic=shown["topic"]) == []


def test_the_theme_corrected_moves_the_canonical_theme_with_it(stored):
    config, engine, item_id = stored
    change(engine, item_id, theme="Trygge nabolag")
    with session_for(engine) as session:
        assert Corrected(load(session, item_id), of_input(session, item_id)).canonical == \
            "trygghet og nabolag"


def test_a_hidden_input_is_no_hit_anywhere(stored):
    config, engine, item_id = stored
    total = search(open_index(config), SearchRequest("språkkrav")).total
    change(engine, item_id, hidden="ja")
    rebuild(engine, config)
    index = open_index(config)
    for request in (SearchRequest("språkkrav"), SearchRequest("språkkrav", {"kind": ["innspill"]}),
                    SearchRequest("", {"id": [item_id]})):
        assert item_id not in {h.id for h in search(index, request).hits}
    assert search(index, SearchRequest("språkkrav")).total == total - 1
    assert item_id not in {h.id for h in all_hits(index, SearchRequest("språkkrav"))}


def test_corrections_survive_reading_the_report_again(stored, report_path):
    config, engine, item_id = stored
    change(engine, item_id, canonical="helse")
    [(_, status)] = store(engine, [prepare(report_path)], again=True)
    assert status == "replaced"
    rebuild(engine, config)
    assert hit(config, item_id).canonical == "helse"
    with session_for(engine) as session:
        assert orphans(session) == []


def test_a_correction_whose_input_is_gone_is_listed(stored, report_path, tmp_path):
    config, engine, item_id = stored
    change(engine, item_id, canonical="helse")
    changed = tmp_path / "2025-integreringskonferansen.txt"
    changed.write_text(report_path.read_text("utf-8").replace(SPRAKKRAV, "Krav om B2."), "utf-8")
    store(engine, [prepare(changed)])
    rebuild(engine, config)
    with session_for(engine) as session:
        [gone] = orphans(session)
        assert (gone.input_id, gone.field, gone.value) == (item_id, "canonical", "helse")
        assert listing(session)[0].text is None


def test_undo_puts_back_what_was_there(stored):
    config, engine, item_id = stored
    [first] = change(engine, item_id, category="Første")
    [second] = change(engine, item_id, category="Andre")
    with transaction(engine) as session:
        with pytest.raises(CorrectionError, match="endret igjen"):
            undo(session, first, "per")
    with transaction(engine) as session:
        undone = undo(session, second, "per")
        assert (undone.before, undone.after, undone.editor) == ("Andre", "Første", "per")
    with transaction(engine) as session:
        undo(session, first, "per")
        assert of_input(session, item_id) == {}
    with transaction(engine) as session:
        with pytest.raises(CorrectionError, match="allerede angret"):
            undo(session, first, "per")
        actions = [e.action for e in audit.entries(session)]
    assert actions[:4] == ["undo", "undo", "correct", "correct"]


def test_a_removed_correction_is_logged_and_can_be_undone(stored):
    config, engine, item_id = stored
    change(engine, item_id, speaker="Ola Test")
    with transaction(engine) as session:
        entry = remove(session, of_input(session, item_id)["speaker"].id, "anne")
        assert (entry.action, entry.before, entry.after) == ("remove", "Ola Test", None)
    with transaction(engine) as session:
        undo(session, entry.id, "anne")
        assert of_input(session, item_id)["speaker"].value == "Ola Test"
