"""Storing reports: stable ids, idempotent re-ingest, replacement, and bad input."""
import shutil

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indexer.errors import IngestError
from indexer.load import prepare, report_files, store
from kb.index import live_dir, open_index, rebuild
from kb.models import Conference, Input, Report
from report_2025 import INPUTS


def snapshot(config, engine):
    """Return everything stored and indexed, to compare before and after."""
    with Session(engine) as session:
        rows = session.execute(select(Input.id, Input.text, Input.page, Input.report_id)
                               .order_by(Input.id)).all()
        reports = session.execute(select(Report.sha256, Report.file_name)).all()
    folder = live_dir(config)
    index = open_index(config)
    return rows, reports, folder, index.doc_count() if index else None


def ingest(config, engine, *paths, year=None):
    outcomes = store(engine, [prepare(p, year) for p in report_files(paths)])
    rebuild(engine, config)
    return [status for _, status in outcomes]


def test_ingest_stores_report_and_conference(fresh_kb, report_path):
    config, engine = fresh_kb
    assert ingest(config, engine, report_path) == ["new"]
    with Session(engine) as session:
        conference = session.scalar(select(Conference))
        report = conference.reports[0]
        assert (conference.year, conference.date, conference.place) == (
            2025, "2025-05-13", "Regjeringens representasjonsanlegg, Parkveien 45, Oslo")
        assert (report.file_name, report.format, report.page_count, report.first_page) == (
            "2025-integreringskonferansen.txt", "text", 15, 4)
        assert len(report.sha256) == 64
        assert session.scalar(select(func.count()).select_from(Input)) == INPUTS
    assert open_index(config).doc_count() == INPUTS


def test_same_file_again_changes_nothing(fresh_kb, report_path):
    config, engine = fresh_kb
    ingest(config, engine, report_path)
    before = snapshot(config, engine)
    assert ingest(config, engine, report_path) == ["unchanged"]
    after = snapshot(config, engine)
    assert after[:2] == before[:2] and after[3] == before[3]


def test_ids_are_stable_across_databases(tmp_path, report_path):
    from kb.config import load_config
    from kb.database import make_engine
    ids = []
    for name in ("one", "two"):
        config = load_config(data_dir=tmp_path / name)
        engine = make_engine(config)
        ingest(config, engine, report_path)
        with Session(engine) as session:
            ids.append(session.scalars(select(Input.id).order_by(Input.position)).all())
    assert ids[0] == ids[1] and len(set(ids[0])) == INPUTS


def test_new_version_replaces_the_year_and_keeps_unchanged_ids(fresh_kb, report_path, tmp_path):
    config, engine = fresh_kb
    ingest(config, engine, report_path)
    with Session(engine) as session:
        old = dict(session.execute(select(Input.text, Input.id)).all())
    revised = tmp_path / "2025-rettet.txt"
    text = report_path.read_text("utf-8")
    revised.write_text(text.replace("- Manglende tro på egne muligheter. ",
                                    "- Manglende tro på egne muligheter og drømmer. "), "utf-8")
    assert ingest(config, engine, revised) == ["replaced"]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 1
        new = dict(session.execute(select(Input.text, Input.id)).all())
    assert len(new) == INPUTS
    assert "Manglende tro på egne muligheter og drømmer." in new
    assert "Manglende tro på egne muligheter." not in new
    unchanged = set(old) & set(new)
    assert len(unchanged) == 150 and all(old[t] == new[t] for t in unchanged)


def test_year_given_by_the_user_wins(fresh_kb, report_path, tmp_path):
    config, engine = fresh_kb
    copy = tmp_path / "rapport.txt"
    shutil.copy(report_path, copy)
    ingest(config, engine, copy, year=2024)
    with Session(engine) as session:
        assert session.scalars(select(Conference.year)).all() == [2024]


def bad_files(tmp_path, report_path):
    empty = tmp_path / "tom.txt"
    empty.write_text("")
    not_report = tmp_path / "handleliste.txt"
    not_report.write_text("Melk\nBrød\nEgg\nSmør\nOst\n", "utf-8")
    binary = tmp_path / "bilde.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    unknown = tmp_path / "rapport.odt"
    unknown.write_bytes(b"PK\x03\x04 not supported")
    no_year = tmp_path / "rapport-uten-aar.txt"
    no_year.write_text(report_path.read_text("utf-8").replace("2025", "i år"), "utf-8")
    fake_pdf = tmp_path / "rapport.pdf"
    fake_pdf.write_text("Dette er ikke en PDF", "utf-8")
    return {
        "missing": (tmp_path / "finnes-ikke.txt", "finnes ikke"),
        "empty": (empty, "tom"),
        "not a report": (not_report, "ser ikke ut som en konferanserapport"),
        "binary": (binary, "ser ikke ut som tekst"),
        "unknown format": (unknown, "ukjent filformat"),
        "no year": (no_year, "--year"),
        "fake pdf": (fake_pdf, "ikke en PDF"),
        "empty folder": (tmp_path / "tom-mappe", "ingen rapporter"),
    }


BAD = ["missing", "empty", "not a report", "binary", "unknown format", "no year", "fake pdf",
       "empty folder"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_and_nothing_changes(fresh_kb, report_path, tmp_path, case):
    config, engine = fresh_kb
    ingest(config, engine, report_path)
    before = snapshot(config, engine)
    (tmp_path / "tom-mappe").mkdir()
    path, message = bad_files(tmp_path, report_path)[case]
    with pytest.raises(IngestError, match=message):
        ingest(config, engine, report_path, path)
    assert snapshot(config, engine) == before
