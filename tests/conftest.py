"""Shared fixtures: the real 2025 report, parsed once and ingested once."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import extract
from indexer.load import prepare, store
from indexer.parse import parse
from kb.config import load_config
from kb.database import make_engine
from kb.index import open_index, rebuild

ROOT = Path(__file__).resolve().parent.parent
REPORT_2025 = ROOT / "corpus" / "2025-integreringskonferansen.txt"


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
    config = load_config(data_dir=folder)
    engine = make_engine(config)
    store(engine, [prepare(REPORT_2025)])
    rebuild(engine, config)
    return config


@pytest.fixture(scope="session")
def index_2025(kb_2025):
    return open_index(kb_2025)


@pytest.fixture
def fresh_kb(tmp_path):
    """An empty data folder of its own."""
    config = load_config(data_dir=tmp_path / "data")
    return config, make_engine(config)
