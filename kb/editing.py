"""What an editor does to stored inputs: each change stored together with its record in the
audit log, then the input's document written again in a new index generation
(kb.index.update), so that search, facets, compare and export show it at once.

Each change holds the data folder's writer lock (kb.lock) from its transaction to the swap of
the new index generation, and records the data's fingerprint with it (kb.fingerprint).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kb import fingerprint, lock
from kb.config import Config
from kb.corrections import CorrectionError, correct, remove, undo
from kb.database import transaction
from kb.index import update
from kb.inputs import load
from kb.models import AuditEntry

T = TypeVar("T")


def set_tags(engine: Engine, config: Config, input_id: str, wanted: dict,
             editor: str) -> list[AuditEntry]:
    """Correct an input's tags; return the changes made (none when nothing differed)."""
    def change(session: Session) -> tuple[list[AuditEntry], list[str]]:
        item = load(session, input_id)
        if item is None:
            raise CorrectionError("Fant ikke teksten. Den kan være fjernet da rapporten ble "
                                  "lest inn på nytt.")
        changes = correct(session, item, wanted, editor)
        return changes, [input_id] if changes else []
    return _applied(engine, config, change)


def undo_change(engine: Engine, config: Config, entry_id: int, editor: str) -> AuditEntry:
    """Undo a logged correction or removal of one."""
    def change(session: Session) -> tuple[AuditEntry, list[str]]:
        entry = undo(session, entry_id, editor)
        return entry, [entry.target]
    return _applied(engine, config, change)


def remove_correction(engine: Engine, config: Config, correction_id: int,
                      editor: str) -> AuditEntry:
    """Remove a correction, so the parser's value shows again."""
    def change(session: Session) -> tuple[AuditEntry, list[str]]:
        entry = remove(session, correction_id, editor)
        return entry, [entry.target]
    return _applied(engine, config, change)


def _applied(engine: Engine, config: Config,
             change: Callable[[Session], tuple[T, list[str]]]) -> T:
    """Make a change in one transaction under the writer lock, with the data's new
    fingerprint, then write the documents of the inputs it changed again."""
    with lock.writing(config):
        with transaction(engine) as session:
            since = fingerprint.recorded(session)
            result, changed = change(session)
            fingerprint.record(session)
        if changed:
            update(engine, config, since, ids=changed)
    return result
