"""What a report says about its conference, and what a sidecar YAML file adds.

The sidecar may also hold the report's layout profile (`profile:`, see profile.py).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from indexer.errors import IngestError
from indexer.profile import Profile
from indexer.records import Document, Metadata

YEAR_IN_TITLE = re.compile(r"(?:konferans\w*|dialogkonferans\w*)\s+(20\d\d)\b", re.IGNORECASE)
YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
FIELDS = ("year", "title", "date", "place", "source", "publisher", "url")
SECTIONS = ("themes", "skip", "profile")


def sidecar_path(path: Path) -> Path | None:
    """Return the YAML file beside a report (same name, .yaml or .yml), if there is one."""
    for suffix in (".yaml", ".yml"):
        candidate = path.with_suffix(suffix)
        if candidate.exists():
            return candidate
    return None


def read_sidecar(path: Path) -> Metadata:
    """Read the sidecar of a report; an absent sidecar gives empty metadata."""
    sidecar = sidecar_path(path)
    if sidecar is None:
        return Metadata()
    try:
        data = yaml.safe_load(sidecar.read_text("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise IngestError(f"{sidecar.name}: metadatafilen kan ikke leses som YAML ({error.__class__.__name__}).") from error
    if not isinstance(data, dict):
        raise IngestError(f"{sidecar.name}: metadatafilen må være en liste av felt som «year: 2025».")
    unknown = sorted(str(key) for key in set(data) - set(FIELDS) - set(SECTIONS))
    if unknown:
        raise IngestError(f"{sidecar.name}: ukjente felt {', '.join(unknown)}. "
                          f"Tillatte felt er {', '.join(FIELDS + SECTIONS)}.")
    values = {name: data.get(name) for name in FIELDS}
    for name in FIELDS[1:]:
        if values[name] is not None:
            values[name] = str(values[name])
    if values["year"] is not None and not isinstance(values["year"], int):
        raise IngestError(f"{sidecar.name}: «year» må være et årstall, som 2025.")
    themes, skip = data.get("themes") or {}, data.get("skip") or []
    if not isinstance(themes, dict) or not isinstance(skip, list):
        raise IngestError(f"{sidecar.name}: «themes» må være par som «Bolkens tittel: tema», "
                          "og «skip» en liste av overskrifter.")
    return Metadata(**values, themes={str(k): str(v) for k, v in themes.items()},
                    skip=[str(h) for h in skip],
                    profile=Profile.from_dict(data.get("profile"), sidecar.name))


def detect_year(document: Document, path: Path) -> int | None:
    """Find the conference year in the report's first pages, else in its file name."""
    opening = " ".join(line for page in document.pages[:3] for line in page.lines)
    match = YEAR_IN_TITLE.search(opening)
    if match:
        return int(match.group(1))
    match = YEAR_IN_NAME.search(path.stem)
    return int(match.group(1)) if match else None


def resolve(document: Document, path: Path, year: int | None,
            metadata: Metadata | None = None) -> Metadata:
    """Combine the year given by the user, the sidecar and what the report says."""
    metadata = metadata or read_sidecar(path)
    metadata.year = year or metadata.year or detect_year(document, path)
    if metadata.year is None:
        raise IngestError(f"{path.name}: fant ikke hvilket år rapporten gjelder. "
                          "Oppgi året med --year, for eksempel --year 2025.")
    if not 1990 <= metadata.year <= 2100:
        raise IngestError(f"{path.name}: årstallet {metadata.year} er ikke et gyldig konferanseår.")
    metadata.title = metadata.title or f"Nasjonal integreringskonferanse {metadata.year}"
    return metadata
