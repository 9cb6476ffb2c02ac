"""Read report files into records, then store them: one report per conference year."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, select

from indexer.errors import IngestError
from indexer.extract import extract, supported_suffixes
from indexer.metadata import read_sidecar, resolve
from indexer.parse import Heading, parse
from indexer.records import Document, Metadata, Record
from kb import fingerprint
from kb.analysis import fold
from kb.audit import record
from kb.compounds import general_zipf
from kb.config import BY_NAME, Config
from kb.database import transaction
from kb.fields import PARSED
from kb.models import Conference, Input, Report
from kb.printable import printable_value
from kb.storage import storage_error

REPORT_KINDS = frozenset({"innspill", "innlegg", "panel", "tale", "spørsmål"})
MAX_TEXT_CHARS = 5_000_000  # about 2,000 printed pages: more is no conference report
KNOWN_SHARE = 0.5           # of a sample of a report's words, the least share of Norwegian words
SAMPLE_WORDS = 5_000
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Limits:
    """How much one report may be: a clear refusal above it (KB_MAX_FILE_MB, KB_MAX_INPUTS)."""

    max_bytes: int = int(float(BY_NAME["max_file_mb"].default) * 1024 * 1024)
    max_inputs: int = int(BY_NAME["max_inputs"].default)

    @classmethod
    def of(cls, config: Config) -> Limits:
        return cls(config.max_file_bytes, config.max_inputs)


@dataclass
class Prepared:
    """A report read and parsed, not yet stored; warnings say what the parser could not find."""

    path: Path
    sha256: str
    document: Document
    metadata: Metadata
    records: list[Record]
    warnings: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into report files, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise IngestError(f"{path}: finnes ikke. Sjekk stavingen av stien.")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in supported_suffixes())
            if not found:
                raise IngestError(f"{path}: mappen inneholder ingen rapporter "
                                  f"({', '.join(supported_suffixes())}).")
            files.extend(found)
        else:
            files.append(path)
    return files


def prepare(path: Path, year: int | None = None, limits: Limits = Limits()) -> Prepared:
    """Extract and parse one report file, checking that it is a conference report of a
    plausible size."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise IngestError(f"{path.name}: filen er {_mb(size)} MB; den største rapportfilen "
                              f"som tas inn, er {_mb(limits.max_bytes)} MB (KB_MAX_FILE_MB).")
        document = extract(path)
    except OSError as error:
        raise IngestError(f"{path.name}: filen kan ikke leses ({error.strerror or error}).") from error
    plausible(document, path)
    sidecar = read_sidecar(path)
    parsed = parse(document, sidecar.profile)
    if len(parsed.records) > limits.max_inputs:
        raise IngestError(f"{path.name}: rapporten gir {len(parsed.records)} tekster; en rapport "
                          f"kan gi høyst {limits.max_inputs} (KB_MAX_INPUTS). Er dette virkelig "
                          "en konferanserapport?")
    # A report with any structure is kept (as text, with a warning) even if no inputs were found.
    if not parsed.structure and not any(r.kind in REPORT_KINDS for r in parsed.records):
        raise IngestError(f"{path.name}: ser ikke ut som en konferanserapport – fant verken "
                          "overskrifter, innspill, innlegg, spørsmål eller taler.")
    metadata = resolve(document, path, year, sidecar)
    for name in ("title", "date", "place", "source", "publisher", "url"):
        setattr(metadata, name, printable_value(getattr(metadata, name)))
    records = apply_sidecar(parsed.records, metadata)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return Prepared(path, sha, document, metadata, records, parsed.warnings, parsed.headings)


def _mb(size: int) -> str:
    megabytes = size / 1024 / 1024
    return f"{megabytes:.{1 if megabytes >= 1 else 2}f}".replace(".", ",").removesuffix(",0")


def plausible(document: Document, path: Path) -> None:
    """Refuse text no report holds: more than MAX_TEXT_CHARS, or mostly no Norwegian words."""
    chars = sum(len(line) for page in document.pages for line in page.lines)
    if chars > MAX_TEXT_CHARS:
        raise IngestError(f"{path.name}: filen har {chars:,} tegn tekst, mer enn noen "
                          f"konferanserapport (høyst {MAX_TEXT_CHARS:,}).".replace(",", " "))
    sample = []
    for line in (line for page in document.pages for line in page.lines):
        sample += WORD.findall(line)
        if len(sample) >= SAMPLE_WORDS:
            break
    known = general_zipf()
    share = sum(fold(w.lower()) in known for w in sample) / len(sample) if sample else 1.0
    if len(sample) >= 50 and share < KNOWN_SHARE:
        raise IngestError(f"{path.name}: bare {share:.0%} av ordene er norske ord; filen ser ikke "
                          "ut som en konferanserapport.".replace("%", " %"))


def apply_sidecar(records: list[Record], metadata: Metadata) -> list[Record]:
    """Drop the text under headings the sidecar skips; note the themes it maps."""
    skip = {heading.casefold() for heading in metadata.skip}
    kept = [r for r in records
            if not {(r.section or "").casefold(), (r.heading or "").casefold()} & skip]
    for record in kept:
        record.canonical_theme = metadata.themes.get(record.theme or "")
    return kept


def keep_original(item: Prepared, folder: Path) -> str:
    """Copy a report file into the folder of originals; return its name there."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{item.metadata.year}-{item.sha256[:16]}{item.path.suffix.lower()}"
    if not (folder / name).exists():
        temporary = folder / f".{name}.tmp"
        shutil.copyfile(item.path, temporary)
        os.replace(temporary, folder / name)
    return name


def stable_ids(year: int, records: list[Record]) -> list[str]:
    """Give each record an id from its year, tags and text, the same on every ingest."""
    seen: Counter[str] = Counter()
    ids = []
    for record in records:
        key = "|".join(str(part) for part in (
            year, record.kind, record.session, record.question_no, record.category,
            record.subcategory, " ".join(record.text.split())))
        seen[key] += 1
        digest = hashlib.sha1(f"{key}|{seen[key]}".encode("utf-8")).hexdigest()[:12]
        ids.append(f"{year}-{digest}")
    return ids


def store(engine: Engine, prepared: list[Prepared], originals: Path | None = None,
          editor: str | None = None, again: bool = False) -> list[tuple[Prepared, str]]:
    """Store reports in one transaction; say for each if it was new, replaced or unchanged.
    With a folder for originals, a copy of each new report file is kept there; with an
    editor, each report stored is written to the audit log in the same transaction; with
    `again`, a file stored before is read in again (after a change of its profile)."""
    outcomes = []
    try:
        with transaction(engine) as session:
            for item in prepared:
                status = _store_one(session, item, originals, again)
                outcomes.append((item, status))
                if editor and status != "unchanged":
                    record(session, editor, "publish", str(item.metadata.year),
                           after=item.path.name, note=f"{len(item.records)} tekster – "
                           f"{STORED_AS[status]}")
            fingerprint.record(session)  # what the search index must now be built from
    except OSError as error:
        raise storage_error(error, originals or Path(".")) from error
    return outcomes


STORED_AS = {"new": "ny rapport", "replaced": "erstattet rapporten som lå inne",
             "described": "samme rapport, nye opplysninger om konferansen"}


def _store_one(session, item: Prepared, originals: Path | None, again: bool = False) -> str:
    meta = item.metadata
    conference = session.scalar(select(Conference).where(Conference.year == meta.year))
    if conference is None:
        conference = Conference(year=meta.year, title=meta.title)
        session.add(conference)
    described = False  # the conference's own details changed (the title is in the index)
    for name in ("title", "date", "place", "source", "publisher", "url"):
        if getattr(meta, name) and getattr(conference, name) != getattr(meta, name):
            setattr(conference, name, getattr(meta, name))
            described = True
    report = conference.reports[0] if conference.reports else None
    if report is not None and report.sha256 == item.sha256 and not again:
        return "described" if described else "unchanged"
    status = "replaced" if report is not None else "new"
    if report is None:
        report = Report(conference=conference)
        session.add(report)
    report.file_name = item.path.name
    report.sha256 = item.sha256
    report.original = keep_original(item, originals) if originals else None
    report.format = item.document.format
    report.page_count = item.document.page_count
    report.first_page = item.document.pages[0].number if item.document.pages else 1
    report.ingested_at = datetime.now(timezone.utc).replace(tzinfo=None)
    report.inputs.clear()
    session.flush()  # delete the old inputs before their ids come back
    for position, (identifier, record) in enumerate(
            zip(stable_ids(meta.year, item.records), item.records)):
        report.inputs.append(Input(id=identifier, year=meta.year, position=position,
                                   **{f.stored: getattr(record, f.stored) for f in PARSED}))
    return status
