"""The record of every change editors make: who, when, what, before → after."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.models import AuditEntry

# Each action, as the log page names it.
ACTIONS = {
    "upload": "Lastet opp rapport",
    "discard": "Forkastet opplastet rapport",
    "publish": "Publiserte rapport",
    "correct": "Rettet merke",
    "remove": "Fjernet retting",
    "undo": "Angret endring",
    "user_add": "La til redaktør",
    "user_remove": "Fjernet redaktør",
}
UNDOABLE = frozenset({"correct", "remove"})
COMMAND_LINE = "kommandolinjen"   # who made a change through `kb`
PER_PAGE = 100


def now() -> datetime:
    """Return the time now, in UTC without a zone, as the database stores it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def record(session: Session, editor: str, action: str, target: str, *, field: str | None = None,
           before: str | None = None, after: str | None = None, had_correction: bool = False,
           note: str | None = None) -> AuditEntry:
    """Add one entry to the log, in the session's transaction (so the change and its record
    are stored together or not at all)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action}")
    entry = AuditEntry(at=now(), editor=editor, action=action, target=str(target)[:300],
                       field=field, before=before, after=after,
                       had_correction=had_correction, note=note)
    session.add(entry)
    session.flush()
    return entry


def entries(session: Session, page: int = 1, per_page: int = PER_PAGE) -> list[AuditEntry]:
    """Return one page of the log, newest first."""
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())
                                .offset((page - 1) * per_page).limit(per_page)))


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def entry(session: Session, entry_id: int) -> AuditEntry | None:
    return session.get(AuditEntry, entry_id)
