"""The app's hold on the database and the search index, and each request's time budget."""
from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from kb import budget
from kb.config import Config, load_config
from kb.database import make_engine
from kb.engine import engine_for
from kb.index import IndexMissing, IndexProblem, open_checked
from kb.spelling import query_splitter

__all__ = ["init_app", "config", "engine", "session", "index", "index_or_none", "IndexMissing",
           "IndexProblem"]


def init_app(app: Flask) -> None:
    """Open the configured database once for the app, and end each request's search budget."""
    config = load_config(app.config["KB_DATA_DIR"], app.config["KB_DATABASE_URL"],
                         base_url=app.config.get("KB_BASE_URL"),
                         trusted_hosts=app.config.get("KB_TRUSTED_HOSTS"))
    app.extensions["kb_config"] = config
    app.extensions["kb_engine"] = make_engine(config)
    app.extensions["kb_verified"] = {}  # the generation verified in full, by name
    if config.trusted_hosts:
        app.config["TRUSTED_HOSTS"] = list(config.trusted_hosts)
    query_splitter()  # load the word lists now: seconds no search should spend of its budget

    @app.teardown_request
    def stop_budget(_error) -> None:
        token = g.pop("kb_budget", None)
        if token is not None:
            budget.stop(token)


def config() -> Config:
    return current_app.extensions["kb_config"]


def engine():
    return current_app.extensions["kb_engine"]


def session() -> Session:
    """Open a read session; use it in a with block so it is closed."""
    return Session(engine(), expire_on_commit=False)


def index():
    """Return the live index, opened once per request and in step with the database;
    raise IndexMissing, IndexStale or IndexBroken (answered 503) when it is not."""
    if "kb_index" not in g:
        g.kb_index = open_checked(engine(), config(), current_app.extensions["kb_verified"])
        engine_for(g.kb_index).columns  # read once per generation, not on a search's time
        # The request's searches, all of them together, get KB_SEARCH_SECONDS from here.
        g.kb_budget = budget.start(config().search_seconds)
    return g.kb_index


def index_or_none():
    """Return the live index, or None while it cannot be used (pages that can do without)."""
    try:
        return index()
    except IndexProblem:
        return None
