"""The database: tables made when missing, columns a newer version adds, transactions."""
import sqlite3

import pytest
from sqlalchemy import inspect, select

from kb.config import load_config
from kb.database import make_engine, session_for, transaction
from kb.models import Conference


def test_a_new_data_folder_gets_every_table(tmp_path):
    engine = make_engine(load_config(data_dir=tmp_path / "ny"))
    assert {"conference", "report", "input"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_a_base_from_before_a_column_was_added_gets_the_column(tmp_path):
    folder = tmp_path / "gammel"
    folder.mkdir()
    with sqlite3.connect(folder / "innspillsbasen.sqlite") as old:
        old.execute("CREATE TABLE conference (id INTEGER PRIMARY KEY, year INTEGER UNIQUE, "
                    "title VARCHAR(300), date VARCHAR(40), place VARCHAR(300))")
        old.execute("INSERT INTO conference (year, title) VALUES (2016, 'Gammel')")
    engine = make_engine(load_config(data_dir=folder))
    columns = {c["name"] for c in inspect(engine).get_columns("conference")}
    assert "source" in columns
    with session_for(engine) as session:
        assert session.scalar(select(Conference.title).where(Conference.year == 2016)) == "Gammel"
    engine.dispose()


def test_a_failed_transaction_leaves_nothing(tmp_path):
    engine = make_engine(load_config(data_dir=tmp_path / "t"))
    with pytest.raises(RuntimeError):
        with transaction(engine) as session:
            session.add(Conference(year=2030, title="Halvferdig"))
            session.flush()
            raise RuntimeError("stopp")
    with session_for(engine) as session:
        assert session.scalar(select(Conference)) is None
    engine.dispose()
