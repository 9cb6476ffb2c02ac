"""What the editors' tests share: the editor's account, signing in, the form's CSRF token, and
a look at everything a request could change (database rows and the live index)."""
from __future__ import annotations

import re

import atexit
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from databases import fresh_url
from indexer.load import prepare, store
from kb import users
from kb.config import Config, load_config
from kb.database import make_engine, transaction
from kb.index import live_dir, rebuild
from kb.models import AuditEntry, Conference, Correction, Editor, Input, Report

EDITOR = "anne"
PASSWORD = "riktig-hest-batteri-stift"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


_templates: dict[Path, Path] = {}


def editable_base(folder: Path, report: Path) -> Config:
    """Make a base of its own that tests may change: a report stored and indexed, and the
    editor, who has not signed in. On SQLite the first such base is copied for the next."""
    url = fresh_url()
    if url is None and report in _templates:
        shutil.copytree(_templates[report], folder)
        return load_config(data_dir=folder)
    config = load_config(data_dir=folder, database_url=url)
    engine = make_engine(config)
    store(engine, [prepare(report)], config.originals_dir)
    rebuild(engine, config)
    with transaction(engine) as session:
        users.add(session, EDITOR, PASSWORD, by="test")
    engine.dispose()
    if url is None:
        kept = Path(tempfile.mkdtemp(prefix="kb-editable-"))
        atexit.register(shutil.rmtree, kept, True)
        _templates[report] = kept / "data"
        shutil.copytree(folder, _templates[report])
    return config


def token(html: str) -> str:
    """Return the CSRF token of the first form on a page."""
    return TOKEN.search(html).group(1)


def sign_in(client, name: str = EDITOR, password: str = PASSWORD) -> str:
    """Sign in through the form; return the token of the signed-in session's forms."""
    form = token(client.get("/logg-inn").get_data(as_text=True))
    response = client.post("/logg-inn", data={"brukernavn": name, "passord": password,
                                              "csrf_token": form})
    assert response.status_code == 302, response.get_data(as_text=True)
    return token(client.get("/redaksjon").get_data(as_text=True))


def state(app) -> tuple:
    """Return what a state-changing request could change: the rows of every table, the
    corrections' values and the live index generation."""
    engine = app.extensions["kb_engine"]
    with engine.connect() as connection:
        counts = tuple(connection.scalar(select(func.count()).select_from(table))
                       for table in (Conference, Report, Input, Correction, AuditEntry, Editor))
        values = tuple(connection.execute(select(Correction.input_id, Correction.field,
                                                 Correction.value)
                                          .order_by(Correction.id)).all())
    config = app.extensions["kb_config"]
    drafts = sorted(p.name for p in config.drafts_dir.iterdir()) \
        if config.drafts_dir.is_dir() else []
    return counts, values, live_dir(config), drafts
