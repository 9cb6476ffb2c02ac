"""The app's hold on the database and the search index."""
from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from kb.config import Config, load_config
from kb.database import make_engine
from kb.index import open_index


class IndexMissing(Exception):
    """The search index has not been built yet: the app can show pages, but not search."""


def init_app(app: Flask) -> None:
    """Open the configured database once for the app."""
    config = load_config(app.config["KB_DATA_DIR"], app.config["KB_DATABASE_URL"])
    app.extensions["kb_config"] = config
    app.extensions["kb_engine"] = make_engine(config)


def config() -> Config:
    return current_app.extensions["kb_config"]


def engine():
    return current_app.extensions["kb_engine"]


def session() -> Session:
    """Open a read session; use it in a with block so it is closed."""
    return Session(engine(), expire_on_commit=False)


def index():
    """Return the live index, opened once per request."""
    if "kb_index" not in g:
        g.kb_index = open_index(config())
    if g.kb_index is None:
        raise IndexMissing()
    return g.kb_index


def index_or_none():
    """Return the live index, or None while it is not built."""
    try:
        return index()
    except IndexMissing:
        return None
