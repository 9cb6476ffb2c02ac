"""Databases for tests: a SQLite file in the test's data folder, or, when KB_TEST_DATABASE_URL
names a PostgreSQL server (as .ci/run does), a fresh database there for each use."""
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
    """Return the URL of a new, empty database; None for SQLite (the data folder's file)."""
    if not SERVER:
        return None
    url = make_url(SERVER)
    name = f"{url.database}_t{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    _made.append(name)
    return url.set(database=name).render_as_string(hide_password=False)


def drop_all() -> None:
    """Drop every database made by fresh_url."""
    while _made:
        _admin(f'DROP DATABASE IF EXISTS "{_made.pop()}" WITH (FORCE)')


def _admin(statement: str) -> None:
    engine = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
