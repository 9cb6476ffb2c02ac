"""Databases for tests: a SQLite file in the test's data folder, or, when KB_TEST_DATABASE_URL
names a PostgreSQL database (as .ci/run does), a fresh schema of its own there for each use.
A schema rather than a database: making and dropping one is quick and needs no checkpoint."""
from __future__ import annotations

import os
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SERVER = os.environ.get("KB_TEST_DATABASE_URL")
_made: list[str] = []


def dialect() -> str:
    """Return the database the tests run on: sqlite or postgresql."""
    return make_url(SERVER).get_backend_name() if SERVER else "sqlite"


def fresh_url() -> str | None:
    """Return the URL of a new, empty schema; None for SQLite (the data folder's file)."""
    if not SERVER:
        return None
    name = f"t_{uuid.uuid4().hex[:16]}"
    _admin(f'CREATE SCHEMA "{name}"')
    _made.append(name)
    url = make_url(SERVER).update_query_dict({"options": f"-csearch_path={name}"})
    return url.render_as_string(hide_password=False)


def drop_all() -> None:
    """Drop every schema made by fresh_url, with what is in it."""
    if _made:
        _admin("; ".join(f'DROP SCHEMA IF EXISTS "{name}" CASCADE' for name in _made))
        _made.clear()


def _admin(statement: str) -> None:
    engine = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
