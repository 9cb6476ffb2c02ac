"""The fingerprint of what the search index is built from: every conference, report and input,
and the editors' corrections laid over them.

Every writer records the fingerprint of the data it leaves, in the same transaction
(`record`); each index generation records the fingerprint it was built from. Comparing
the two is cheap (one row), so a reader can tell on every request whether the index is
in step with the database; `of_database` recomputes it from the data itself, for the
full checks of `kb ingest`, `kb stats`, `kb serve` and each new generation.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.fields import IN_DATABASE
from kb.models import Conference, Correction, Input, Report, State

NAME = "fingerprint"
COLUMNS = tuple(getattr(Input, f.stored) for f in IN_DATABASE)


def of_database(session: Session) -> str:
    """Return the fingerprint of the stored data, computed from the data itself."""
    digest = hashlib.sha256()
    rows = session.execute(select(Conference.year, Conference.title, Report.sha256).join(
        Report, Report.conference_id == Conference.id, isouter=True).order_by(Conference.year))
    _feed(digest, "conference", rows)
    _feed(digest, "input", session.execute(select(Input.report_id, *COLUMNS).order_by(Input.id)))
    _feed(digest, "correction", session.execute(
        select(Correction.input_id, Correction.field, Correction.value)
        .order_by(Correction.input_id, Correction.field)))
    return digest.hexdigest()


# One encoder for every row: json.dumps with options makes a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, default=str).encode


def _feed(digest, kind: str, rows: Iterable) -> None:
    digest.update(kind.encode())
    for row in rows:
        digest.update(_ENCODE(list(row)).encode("utf-8"))
        digest.update(b"\n")


def record(session: Session, value: str | None = None) -> str:
    """Record the fingerprint of the data as the session leaves it (or the value given);
    call it last in every transaction that changes conferences, reports or inputs."""
    session.flush()
    value = value or of_database(session)
    row = session.get(State, NAME)
    if row is None:
        session.add(State(name=NAME, value=value))
    else:
        row.value = value
    return value


def recorded(session: Session) -> str | None:
    """Return the fingerprint the last writer recorded, or None if none has."""
    return session.scalar(select(State.value).where(State.name == NAME))


def of_ids(ids: Iterable[str]) -> str:
    """Return the fingerprint of a set of input ids (what an index generation holds)."""
    return hashlib.sha256("\n".join(sorted(ids)).encode("utf-8")).hexdigest()
