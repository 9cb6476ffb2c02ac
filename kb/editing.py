"""What an editor does to stored inputs: each change stored together with its record in the
audit log, then the input's document written again in a new index generation
(kb.index.update), so that search, facets, compare and export show it at once.

Each change holds the data folder's writer lock (kb.lock) from its transaction to the swap of
the new index generation, and records the data's fingerprint with it (kb.fingerprint).
"""
from __future__ import annotations

from sqlalchemy import Engine

from kb import fingerprint, lock
from kb.config import Config
from kb.corrections import CorrectionError, correct, remove, undo
from kb.database import transaction
from kb.index import update
from kb.inputs import load
from kb.models import AuditEntry


def set_tags(engine: Engine, config: Config, input_id: str, wanted: dict,
             editor: str) -> list[AuditEntry]:
    """Correct an input's tags; return the changes made (none when nothing differed)."""
    with lock.writing(config):
        with transaction(engine) as session:
            since = fingerprint.recorded(session)
            item = load(session, input_id)
            if item is None:
                raise CorrectionError("Fant ikke teksten. Den kan være fjernet da rapporten "
                                      "ble lest inn på nytt.")
            changes = correct(session, item, wanted, editor)
            fingerprint.record(session)
        if changes:
            update(engine, config, since, ids=[input_id])
    return changes


def undo_change(engine: Engine, config: Config, entry_id: int, editor: str) -> AuditEntry:
    """Undo a logged correction or removal of one."""
    with lock.writing(config):
        with transaction(engine) as session:
            since = fingerprint.recorded(session)
            entry = undo(session, entry_id, editor)
            fingerprint.record(session)
        update(engine, config, since, ids=[entry.target])
    return entry


def remove_correction(engine: Engine, config: Config, correction_id: int,
                      editor: str) -> AuditEntry:
    """Remove a correction, so the parser's value shows again."""
    with lock.writing(config):
        with transaction(engine) as session:
            since = fingerprint.recorded(session)
            entry = remove(session, correction_id, editor)
            fingerprint.record(session)
        update(engine, config, since, ids=[entry.target])
    return entry
