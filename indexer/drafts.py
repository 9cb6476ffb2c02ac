"""Reports uploaded by an editor: kept as drafts, read and shown, re-read with changed heading
roles, then published (stored and indexed) or discarded.

A draft is a folder in the data folder's drafts/: the file as uploaded (under a safe name),
a sidecar YAML beside it with the metadata from the form and the layout profile (so a
draft is read exactly as `kb ingest` reads a report with its sidecar), and draft.json
saying who uploaded it, when, and under what name.
"""
from __future__ import annotations

import json
import re
import secrets
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import yaml
from sqlalchemy import Engine, select

from indexer.errors import IngestError
from indexer.extract import supported_suffixes
from indexer.load import REPORT_KINDS, Prepared, prepare, store
from indexer.outline import outline
from indexer.profile import ROLES, Profile, make_rule
from kb import fingerprint, lock
from kb.audit import now, record
from kb.config import Config
from kb.database import session_for, transaction
from kb.index import ready_to_write, update
from kb.models import Conference, Input, Report

META = "draft.json"
ID = re.compile(r"^[0-9a-f]{16}$")
UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)
METADATA = ("year", "title", "date", "place", "source", "publisher")
LONGEST = {"title": 300, "date": 40, "place": 300, "source": 2000, "publisher": 300}
LABELS = {"year": "År", "title": "Tittel", "date": "Dato", "place": "Sted", "source": "Kilde",
          "publisher": "Utgiver"}
ROLE_NAMES = tuple(sorted(set(ROLES.values())))
SAMPLES = 12


class ReplaceNeeded(IngestError):
    """The year has a report already; publishing replaces it only when the editor confirms."""


@dataclass
class Draft:
    """An uploaded report waiting for an editor to publish or discard it."""

    id: str
    folder: Path
    file_name: str          # the safe name the file is kept under
    uploaded_name: str      # the name it had on the editor's machine (shown, escaped)
    uploaded_by: str
    uploaded_at: str
    size: int = 0
    profile_from: str | None = None   # the stored report whose heading roles it started with

    @property
    def path(self) -> Path:
        return self.folder / self.file_name

    @property
    def sidecar(self) -> Path:
        return self.path.with_suffix(".yaml")

    def settings(self) -> dict:
        """Return the sidecar: the metadata and the profile."""
        return yaml.safe_load(self.sidecar.read_text("utf-8")) or {}

    @property
    def year(self) -> int | None:
        return self.settings().get("year")

    @property
    def uploaded(self) -> datetime:
        return datetime.fromisoformat(self.uploaded_at)


@dataclass
class Preview:
    """A draft as the parser read it: what the editor checks before publishing."""

    draft: Draft
    prepared: Prepared
    outline: list[str]
    kinds: dict[str, int]
    samples: list
    rules: dict[str, str]
    existing: Report | None = None
    existing_count: int = 0
    roles: tuple[str, ...] = ROLE_NAMES
    same_file: bool = field(default=False)


def safe_name(name: str) -> str:
    """Return a file name that is safe to keep: the last part of any path, letters, digits,
    dots and dashes only, no leading dot, a known suffix; refuse any other suffix."""
    base = PurePosixPath(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    suffix = PurePosixPath(base).suffix.lower()
    if suffix not in supported_suffixes():
        raise IngestError(f"Filtypen «{suffix[:10] or 'uten endelse'}» kan ikke leses. Last opp "
                          "en PDF (.pdf), en Word-fil (.docx) eller en tekstfil (.txt).")
    stem = UNSAFE.sub("-", base[:-len(suffix)]).strip(".-_")[:80] or "rapport"
    return stem + suffix


def metadata_of(form: dict[str, str]) -> dict:
    """Return the metadata from the upload form, checked: the year is required."""
    raw = (form.get("year") or "").strip()
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise IngestError("Skriv konferanseåret med fire sifre, for eksempel 2023.")
    values: dict = {"year": int(raw)}
    for name in METADATA[1:]:
        text = " ".join((form.get(name) or "").split())
        if len(text) > LONGEST[name]:
            raise IngestError(f"Feltet «{LABELS[name]}» kan ha høyst {LONGEST[name]} tegn.")
        if text:
            values[name] = text
    return values


def profile_of(text: str) -> dict:
    """Return a layout profile written as YAML in the form (may be empty), checked."""
    if not text.strip():
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise IngestError("Profilen kan ikke leses som YAML. Skriv den som i README, for "
                          "eksempel «headings: {Overskrift: bolk}».") from None
    if isinstance(data, dict) and set(data) == {"profile"}:
        data = data["profile"]
    Profile.from_dict(data, "profilen")  # refuses unknown fields, roles and bad expressions
    return data or {}


def create(engine: Engine, config: Config, upload: BinaryIO, name: str, metadata: dict,
           profile: dict, editor: str) -> Draft:
    """Keep an uploaded report as a draft and read it once to check it; a file that cannot be
    read leaves nothing behind. The upload is written to the audit log. Without a profile of
    its own, it starts with the heading roles the year's stored report was published with, so
    reading a report again keeps what an editor chose."""
    file_name = safe_name(name)
    earlier = None if profile else _published_profile(engine, config, metadata["year"])
    if earlier:
        profile, earlier = earlier
    draft_id = secrets.token_hex(8)
    folder = config.drafts_dir / draft_id
    folder.mkdir(parents=True)
    try:
        path = folder / file_name
        with open(path, "wb") as target:
            shutil.copyfileobj(upload, target)
        draft = Draft(draft_id, folder, file_name, name[:300], editor,
                      now().isoformat(timespec="seconds"), path.stat().st_size, earlier)
        _write_settings(draft, dict(metadata, profile=profile) if profile else dict(metadata))
        (folder / META).write_text(json.dumps(
            {k: v for k, v in vars(draft).items() if k != "folder"}, ensure_ascii=False), "utf-8")
        read(draft)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    with transaction(engine) as session:
        record(session, editor, "upload", draft.file_name,
               note=f"{metadata['year']}, {draft.size} byte (som «{draft.uploaded_name}»)")
    return draft


def _published_profile(engine: Engine, config: Config, year: int) -> tuple[dict, str] | None:
    """Return the profile the year's stored report was published with, and its file name."""
    with session_for(engine) as session:
        report = session.scalar(select(Report).join(Conference).where(Conference.year == year))
    if report is None or not report.original:
        return None
    kept = config.originals_dir / Path(report.original).with_suffix(".yaml").name
    if not kept.is_file():
        return None
    profile = (yaml.safe_load(kept.read_text("utf-8")) or {}).get("profile")
    return (profile, report.file_name) if profile else None


def _write_settings(draft: Draft, settings: dict) -> None:
    temporary = draft.sidecar.with_suffix(".tmp")
    temporary.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    temporary.replace(draft.sidecar)


def load(config: Config, draft_id: str) -> Draft | None:
    """Return a draft by its id, or None (also for an id that is not one)."""
    if not ID.match(draft_id or ""):
        return None
    meta = config.drafts_dir / draft_id / META
    if not meta.is_file():
        return None
    data = json.loads(meta.read_text("utf-8"))
    return Draft(folder=meta.parent, **data)


def every(config: Config) -> list[Draft]:
    """Return the drafts waiting, oldest first."""
    if not config.drafts_dir.is_dir():
        return []
    found = [load(config, child.name) for child in config.drafts_dir.iterdir()]
    return sorted((d for d in found if d is not None), key=lambda d: d.uploaded_at)


def read(draft: Draft) -> Prepared:
    """Read the draft as `kb ingest` would, with its sidecar."""
    return prepare(draft.path)


def with_roles(draft: Draft, roles: dict[str, str]) -> None:
    """Give headings new roles: one profile rule each, tried before the older rules."""
    settings = draft.settings()
    profile = dict(settings.get("profile") or {})
    rules = dict(profile.get("headings") or {})
    for text, role in roles.items():
        make_rule(text, role, "rollen")  # refuses an unknown role
        rules.pop(text, None)
    profile["headings"] = {**roles, **rules}
    settings["profile"] = profile
    _write_settings(draft, settings)


def preview(engine: Engine, draft: Draft) -> Preview:
    """Read a draft and gather what the editor checks: outline, roles, samples, warnings, and
    the report the year already has, if any."""
    prepared = read(draft)
    records = prepared.records
    samples = [r for r in records if r.kind in REPORT_KINDS][:SAMPLES] or records[:SAMPLES]
    rules = (draft.settings().get("profile") or {}).get("headings") or {}
    found = Preview(draft, prepared, outline(records), dict(Counter(r.kind for r in records)),
                    samples, {str(k): str(v) for k, v in rules.items()})
    with session_for(engine) as session:
        report = session.scalar(select(Report).join(Conference)
                                .where(Conference.year == prepared.metadata.year))
        if report is not None:
            found.existing = report
            found.existing_count = len(session.scalars(
                select(Input.id).where(Input.report_id == report.id)).all())
            found.same_file = report.sha256 == prepared.sha256
    return found


def publish(engine: Engine, config: Config, draft: Draft, editor: str,
            replace: bool = False) -> tuple[Prepared, str]:
    """Store the draft in one transaction (replacing the year's report only when confirmed),
    keep the original file, write the year's texts to the index again, and remove the draft."""
    with lock.writing(config):
        found = preview(engine, draft)
        if found.existing is not None and not replace:
            raise ReplaceNeeded(f"Basen har allerede en rapport fra "
                                f"{found.prepared.metadata.year} ({found.existing.file_name}). "
                                "Kryss av for at den skal erstattes.")
        ready_to_write(config)
        with session_for(engine) as session:
            since = fingerprint.recorded(session)
        [(prepared, status)] = store(engine, [found.prepared], config.originals_dir,
                                     editor=editor, again=True)
        # The sidecar is kept beside the original, so the next upload of the year starts
        # from it.
        kept = f"{prepared.metadata.year}-{prepared.sha256[:16]}.yaml"
        shutil.copyfile(draft.sidecar, config.originals_dir / kept)
        update(engine, config, since, years=[prepared.metadata.year])
    shutil.rmtree(draft.folder, ignore_errors=True)
    return prepared, status


def discard(engine: Engine, draft: Draft, editor: str) -> None:
    """Remove a draft that will not be published; write it to the audit log."""
    with transaction(engine) as session:
        record(session, editor, "discard", draft.file_name, note=f"som «{draft.uploaded_name}»")
    shutil.rmtree(draft.folder, ignore_errors=True)
