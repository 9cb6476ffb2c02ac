"""Shared fixtures: the real 2025 report, parsed once and ingested once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# Search by meaning embeds every text (a quarter of a second each here): the tests run on
# words only, and the meaning tests build their own base with the model (test_meaning.py).
os.environ["KB_EMBEDDER"] = "none"

from indexer.extract import extract
from indexer.load import prepare, store
from indexer.parse import parse
from kb.config import load_config
from kb.database import make_engine
from kb.index import open_index, rebuild
from databases import drop_all, fresh_url
from report_2025 import SPRAKKRAV
from web import create_app

# Tests check answers, not speed: a search on a busy CI machine must not run out of time.
# Tests of the time budget set their own; bench/ measures the real one.
os.environ.setdefault("KB_SEARCH_SECONDS", "60")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
REPORT_2025 = ROOT / "corpus" / "2025-integreringskonferansen.txt"


@pytest.fixture(scope="session", autouse=True)
def test_databases():
    """Drop the PostgreSQL databases the tests made (none on SQLite)."""
    yield
    drop_all()


@pytest.fixture(scope="session")
def report_path() -> Path:
    return REPORT_2025


@pytest.fixture(scope="session")
def document_2025():
    return extract(REPORT_2025)


@pytest.fixture(scope="session")
def parsed_2025(document_2025):
    return parse(document_2025)


@pytest.fixture(scope="session")
def records_2025(parsed_2025):
    return parsed_2025.records


@pytest.fixture(scope="session")
def kb_2025(tmp_path_factory):
    """A data folder with the 2025 report stored and indexed; tests must not change it."""
    folder = tmp_path_factory.mktemp("kb2025")
    config = load_config(data_dir=folder, database_url=fresh_url())
    engine = make_engine(config)
    store(engine, [prepare(REPORT_2025)])
    rebuild(engine, config)
    engine.dispose()
    return config


@pytest.fixture(scope="session")
def index_2025(kb_2025):
    return open_index(kb_2025)


@pytest.fixture
def fresh_kb(tmp_path):
    """An empty data folder of its own."""
    config = load_config(data_dir=tmp_path / "data", database_url=fresh_url())
    engine = make_engine(config)
    yield config, engine
    engine.dispose()


@pytest.fixture(scope="session")
def several_years_kb(tmp_path_factory):
    """The 2025 report and four synthetic years (2014 PDF, 2016, 2018, 2019 Word), indexed."""
    from indexer.load import report_files
    config = load_config(data_dir=tmp_path_factory.mktemp("years"), database_url=fresh_url())
    engine = make_engine(config)
    files = [REPORT_2025, FIXTURES / "2016-syntetisk-dialogkonferanse.txt",
             FIXTURES / "2018-syntetisk-parallellsesjoner.txt",
             FIXTURES / "2019-syntetisk-parallellsesjoner.docx",
             FIXTURES / "2014-syntetisk-workshopar.pdf"]
    store(engine, [prepare(p) for p in report_files(files)], config.originals_dir)
    rebuild(engine, config)
    engine.dispose()
    return config


@pytest.fixture(scope="session")
def several_years(several_years_kb):
    return open_index(several_years_kb)


def app_on(config):
    """Yield the app on a data folder, and close its database afterwards."""
    app = create_app({"KB_DATA_DIR": str(config.data_dir), "KB_DATABASE_URL": config.database_url,
                      "TESTING": True})
    yield app
    app.extensions["kb_engine"].dispose()


@pytest.fixture(scope="session")
def app(kb_2025):
    """The app on a data folder where the real 2025 report is ingested (read only)."""
    yield from app_on(kb_2025)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def sprakkrav_id(app):
    """The id of the innspill «Høye og ofte rigide språkkrav», found by searching for it."""
    with app.test_client() as client:
        hits = client.get("/api/search", query_string={"q": "språkkrav"}).get_json()["results"]
    return next(hit["id"] for hit in hits if hit["text"] == SPRAKKRAV)


@pytest.fixture
def editable(tmp_path):
    """An app of its own that may be changed: the 2025 report stored and indexed, and one
    editor (editing.EDITOR) who has not signed in."""
    from editing import editable_base
    yield from app_on(editable_base(tmp_path / "data", REPORT_2025))


@pytest.fixture
def editor_client(editable):
    """A test client signed in as the editor; its `token` is the forms' CSRF token."""
    from editing import sign_in
    client = editable.test_client()
    client.token = sign_in(client)
    return client


@pytest.fixture(scope="session")
def years_app(several_years_kb):
    """The app on the 2025 report plus four synthetic years (read only)."""
    yield from app_on(several_years_kb)


@pytest.fixture
def years(years_app):
    return years_app.test_client()


@pytest.fixture
def searches(monkeypatch):
    """Count the searches run on the index: each query built and checked by kb.search."""
    from kb import search as search_module

    counted = []
    original = search_module.build_query

    def counting(request, *args, **kwargs):
        counted.append(request.query)
        return original(request, *args, **kwargs)

    monkeypatch.setattr(search_module, "build_query", counting)
    return counted
