"""The app's hold on the database and the search index."""
from __future__ import annotations

from flask import Flask, current_app
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
    """Open the live index (cheap: Whoosh reads the current generation's table of contents)."""
    found = open_index(config())
    if found is None:
        raise IndexMissing()
    return found
