"""The app's hold on the database and the search index."""
from __future__ import annotations

from flask import Flask, current_app

from kb.config import Config, load_config
from kb.database import make_engine
from kb.index import open_index


def init_app(app: Flask) -> None:
    """Open the configured database once for the app."""
    config = load_config(app.config["KB_DATA_DIR"], app.config["KB_DATABASE_URL"])
    app.extensions["kb_config"] = config
    app.extensions["kb_engine"] = make_engine(config)


def config() -> Config:
    return current_app.extensions["kb_config"]


def engine():
    return current_app.extensions["kb_engine"]


def index():
    """Open the live index (cheap: Whoosh reads the current generation's table of contents)."""
    return open_index(config())
