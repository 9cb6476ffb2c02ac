"""Editors' corrections of an input's tags, kept apart from what the parser read.

A correction is keyed by the input's stable id and a field of kb.fields that is
declared correctable (or `hidden`, for a text that is not an input at all). The
parser's rows are never changed: corrections are laid over them wherever an
input is read — when the index is built (kb.index.document_of) and when one
input is shown (kb.inputs) — so reading a report again never undoes them. A
correction whose input is gone after a report was read again is kept and listed
(orphans), never dropped silently.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.audit import UNDOABLE, now, record
from kb.fields import BY_NAME, CORRECTABLE, KINDS, Field
from kb.models import AuditEntry, Correction, Input
from kb.themes import canonical_theme, topics

HIDDEN = "hidden"          # the pseudo-field: the text is not an input, keep it out of search
YES = "ja"
NAMES: tuple[str, ...] = tuple(f.name for f in CORRECTABLE) + (HIDDEN,)
LONGEST_TEXT = 2000        # a value of a field without a column length (question)
BY_COLUMN = {f.stored: f.name for f in CORRECTABLE if f.stored}


class CorrectionError(ValueError):
    """A correction cannot be made or undone; the message says why in Norwegian."""


def label(name: str) -> str:
    """Return how a correctable field is named on the pages."""
    return "Skjult fra søket" if name == HIDDEN else BY_NAME[name].label


def normalise(name: str, value: str | list[str] | None) -> str | None:
    """Return a value as stored: spaces tidied, empty as None, topics as a comma list, kinds
    and lengths checked."""
    if name not in NAMES:
        raise CorrectionError(f"Feltet «{name}» kan ikke rettes. Feltene er {', '.join(NAMES)}.")
    if name == HIDDEN:
        return YES if value and str(value).strip().lower() in (YES, "1", "on", "true") else None
    declared = BY_NAME[name]
    if declared.multi:
        parts = value if isinstance(value, list) else str(value or "").split(",")
        cleaned = [_tidy(p, declared).lower() for p in parts]
        return ",".join(dict.fromkeys(p for p in cleaned if p)) or None
    text = _tidy(value or "", declared)
    if declared.capitalised:
        text = text.lower()
    if name == "kind" and text not in KINDS:
        raise CorrectionError(f"Ukjent teksttype «{text[:40]}». Velg en av "
                              f"{', '.join(KINDS)}.")
    return text or None


def _tidy(value: str, declared: Field) -> str:
    text = " ".join(str(value).split()).replace(",", " ") if declared.multi \
        else " ".join(str(value).split())
    longest = declared.length or LONGEST_TEXT
    if len(text) > longest:
        raise CorrectionError(f"{declared.label} kan ha høyst {longest} tegn.")
    return text


def values_of(item: Input, changes: dict[str, str | None] | None = None) -> dict[str, object]:
    """Return an input's tags as readers see them: every stored field, the canonical theme and
    topics derived from it (kb.themes), and the corrections laid over them."""
    changes = changes or {}
    values: dict[str, object] = {f.name: getattr(item, f.stored)
                                 for f in BY_NAME.values() if f.stored}
    values.update({name: value for name, value in changes.items() if name in BY_NAME})
    if "canonical" not in changes:
        mapped = item.canonical_theme if "theme" not in changes else None
        values["canonical"] = mapped or canonical_theme(values["theme"])
    values["topic"] = ([t for t in (changes["topic"] or "").split(",") if t]
                       if "topic" in changes else topics(item.text))
    values[HIDDEN] = changes.get(HIDDEN) == YES
    return values


def shown(values: dict[str, object], name: str) -> str | None:
    """Return a field's value as one text, as the log and the form show it."""
    value = values.get(name)
    if name == HIDDEN:
        return YES if value else None
    if isinstance(value, list):
        return ",".join(value) or None
    return None if value in (None, "") else str(value)


def all_by_input(session: Session) -> dict[str, dict[str, str | None]]:
    """Return every correction, by input id and field (for building the index)."""
    found: dict[str, dict[str, str | None]] = {}
    for correction in session.scalars(select(Correction)):
        found.setdefault(correction.input_id, {})[correction.field] = correction.value
    return found


def of_input(session: Session, input_id: str) -> dict[str, Correction]:
    """Return the corrections of one input, by field."""
    return {c.field: c for c in session.scalars(
        select(Correction).where(Correction.input_id == input_id))}


def correct(session: Session, item: Input, wanted: dict[str, str | list[str] | None],
            editor: str) -> list[AuditEntry]:
    """Set the fields whose wanted value differs from what readers see now; record each
    change. Fields not named are left as they are."""
    existing = of_input(session, item.id)
    now_seen = values_of(item, {name: c.value for name, c in existing.items()})
    entries = []
    for name in NAMES:
        if name not in wanted:
            continue
        value = normalise(name, wanted[name])
        before = shown(now_seen, name)
        if value == before:
            continue
        correction = existing.get(name)
        if correction is None:
            correction = Correction(input_id=item.id, field=name)
            session.add(correction)
        correction.value, correction.set_by, correction.set_at = value, editor, now()
        entries.append(record(session, editor, "correct", item.id, field=name, before=before,
                              after=value, had_correction=name in existing,
                              note=_short(item.text)))
    return entries


def remove(session: Session, correction_id: int, editor: str) -> AuditEntry:
    """Remove a correction (the parser's value shows again); record it."""
    correction = session.get(Correction, correction_id)
    if correction is None:
        raise CorrectionError("Rettingen finnes ikke lenger. Last siden på nytt.")
    item = session.get(Input, correction.input_id)
    others = {name: value for name, value in all_by_input_of(session, correction.input_id).items()
              if name != correction.field}
    session.delete(correction)
    return record(session, editor, "remove", correction.input_id, field=correction.field,
                  before=correction.value,
                  after=shown(values_of(item, others), correction.field) if item else None,
                  had_correction=True, note=_short(item.text) if item else None)


def undo(session: Session, entry_id: int, editor: str) -> AuditEntry:
    """Put a field back as it was before a logged correction or removal; record the undo.
    Refused when the field was changed again since: undo the newest change first."""
    entry = session.get(AuditEntry, entry_id)
    if entry is None or entry.action not in UNDOABLE:
        raise CorrectionError("Bare rettinger av merker kan angres.")
    if entry.undone_by is not None:
        raise CorrectionError("Denne endringen er allerede angret.")
    correction = session.scalar(select(Correction).where(
        Correction.input_id == entry.target, Correction.field == entry.field))
    as_left = (entry.action == "correct" and correction is not None
               and correction.value == entry.after) or (
        entry.action == "remove" and correction is None)
    if not as_left:
        raise CorrectionError("Feltet er endret igjen etter dette. Angre den nyeste endringen "
                              "av feltet først.")
    item = session.get(Input, entry.target)
    current = shown(values_of(item, all_by_input_of(session, entry.target)), entry.field) \
        if item else (correction.value if correction else None)
    if entry.had_correction:
        if correction is None:
            correction = Correction(input_id=entry.target, field=entry.field)
            session.add(correction)
        correction.value, correction.set_by, correction.set_at = entry.before, editor, now()
    else:
        session.delete(correction)
    undone = record(session, editor, "undo", entry.target, field=entry.field, before=current,
                    after=entry.before, had_correction=entry.action == "correct",
                    note=f"Angret endring nr. {entry.id}")
    entry.undone_by = undone.id
    return undone


def all_by_input_of(session: Session, input_id: str) -> dict[str, str | None]:
    return {name: c.value for name, c in of_input(session, input_id).items()}


@dataclass
class Listed:
    """A correction with the text of its input, or None when the input is gone."""

    correction: Correction
    text: str | None
    year: int | None


def listing(session: Session) -> list[Listed]:
    """Return every correction in force, those whose input is gone first, then newest first."""
    rows = session.execute(select(Correction, Input.text, Input.year)
                           .outerjoin(Input, Input.id == Correction.input_id)
                           .order_by(Correction.set_at.desc(), Correction.id.desc())).all()
    listed = [Listed(correction, text, year) for correction, text, year in rows]
    return sorted(listed, key=lambda entry: entry.text is not None)


def orphans(session: Session) -> list[Correction]:
    """Return the corrections whose input no report in the base holds any more."""
    return [entry.correction for entry in listing(session) if entry.text is None]


def _short(text: str, most: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "…"


class Corrected:
    """An input as readers see it: the parser's row with the editors' corrections over it.

    Reads like the Input it wraps (item.theme, item.report, …); `corrections` holds the
    fields set by hand with who and when, `hidden` whether it is kept out of search."""

    def __init__(self, item: Input, corrections: dict[str, Correction]):
        self._item = item
        self.corrections = corrections
        self.values = values_of(item, {name: c.value for name, c in corrections.items()})

    def __getattr__(self, name: str):
        if name in BY_COLUMN:
            return self.values[BY_COLUMN[name]]
        return getattr(self._item, name)

    @property
    def row(self) -> Input:
        """Return the parser's row underneath."""
        return self._item

    @property
    def hidden(self) -> bool:
        return bool(self.values[HIDDEN])

    @property
    def canonical(self) -> str | None:
        return self.values["canonical"]

    @property
    def topics(self) -> list[str]:
        return list(self.values["topic"])

    @property
    def set_by_hand(self) -> list[str]:
        return [name for name in NAMES if name in self.corrections]
