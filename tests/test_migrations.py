"""Migrations: a new base gets the current schema; a base made by the previous release (before
migrations) is upgraded in place with every input and id intact."""
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text

from databases import dialect, fresh_url
from indexer.load import prepare, stable_ids
from kb.config import load_config
from kb.database import SchemaError, head, make_engine, revision, session_for
from kb.index import rebuild
from kb.models import Input
from kb.search import SearchRequest, search
from kb.index import open_index

PREVIOUS = Path(__file__).resolve().parent / "fixtures" / "previous-release"
NEW_TABLES = {"editor", "correction", "audit_log"}


def config_of(tmp_path):
    return load_config(data_dir=tmp_path / "data", database_url=fresh_url())


def old_base(config, report_path) -> list[str]:
    """Make a base as the previous release did: its schema, and the 2025 report's rows
    written with plain SQL; return the ids stored."""
    if config.database_url.startswith("sqlite:///"):
        config.data_dir.mkdir(parents=True)
    schema = "\n".join(line for line in (PREVIOUS / f"schema-{dialect()}.sql").read_text(
        "utf-8").splitlines() if not line.startswith("--"))
    prepared = prepare(report_path)
    ids = stable_ids(2025, prepared.records)
    engine = create_engine(config.database_url)
    with engine.begin() as connection:
        for statement in schema.split(";"):
            if statement.strip():
                connection.execute(text(statement))
        connection.execute(text("INSERT INTO conference (id, year, title) VALUES (1, 2025, :t)"),
                           {"t": prepared.metadata.title})
        connection.execute(text(
            "INSERT INTO report (id, conference_id, file_name, sha256, format, page_count, "
            "first_page, ingested_at) VALUES (1, 1, 'r.txt', :sha, 'text', 30, 1, "
            "'2025-06-01 12:00:00')"), {"sha": prepared.sha256})
        for position, (identifier, record) in enumerate(zip(ids, prepared.records)):
            connection.execute(text(
                "INSERT INTO input (id, report_id, year, kind, theme, session, question, "
                "category, page, position, text) VALUES (:id, 1, 2025, :kind, :theme, "
                ":session, :question, :category, :page, :position, :text)"),
                dict(id=identifier, kind=record.kind, theme=record.theme,
                     session=record.session, question=record.question,
                     category=record.category, page=record.page, position=position,
                     text=record.text))
    engine.dispose()
    return ids


def test_a_new_base_gets_every_table_at_the_newest_revision(tmp_path):
    engine = make_engine(config_of(tmp_path))
    assert {"conference", "report", "input"} | NEW_TABLES <= set(inspect(engine).get_table_names())
    assert revision(engine) == head()
    engine.dispose()


def test_a_base_of_the_previous_release_is_upgraded_with_every_input_and_id(tmp_path,
                                                                             report_path):
    config = config_of(tmp_path)
    ids = old_base(config, report_path)
    engine = make_engine(config)
    assert revision(engine) == head()
    assert NEW_TABLES <= set(inspect(engine).get_table_names())
    with session_for(engine) as session:
        stored = session.execute(select(Input.id, Input.text).order_by(Input.position)).all()
    assert [row.id for row in stored] == ids
    assert len(set(ids)) == len(ids) > 100
    # the upgraded base works as a current one: indexed, searched, corrected
    rebuild(engine, config)
    found = search(open_index(config), SearchRequest("språkkrav"))
    assert found.total > 0 and all(hit.id in set(ids) for hit in found.hits)
    engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path, report_path):
    config = config_of(tmp_path)
    old_base(config, report_path)
    make_engine(config).dispose()
    engine = make_engine(config)
    with session_for(engine) as session:
        assert session.scalar(select(Input.id).limit(1)) is not None
    assert revision(engine) == head()
    engine.dispose()


def test_a_base_from_a_newer_version_is_refused_with_a_message(tmp_path):
    config = config_of(tmp_path)
    make_engine(config).dispose()
    engine = create_engine(config.database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(SchemaError, match="nyere versjon"):
        make_engine(config)
