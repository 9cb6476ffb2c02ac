"""The conference series year by year, and whether each year's report is in the base."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from kb.contents import Node, contents
from kb.models import Conference, Input, Report


@dataclass
class Year:
    year: int
    name: str | None = None
    date: str | None = None
    place: str | None = None
    participants: str | None = None
    themes: list[str] = field(default_factory=list)
    note: str | None = None
    report: str | None = None      # file name, when the report is in the base
    inputs: int = 0

    @property
    def in_base(self) -> bool:
        return self.report is not None


@lru_cache(maxsize=1)
def known_years() -> tuple[dict, ...]:
    """Read the facts about the series shipped with the package."""
    text = resources.files("kb").joinpath("data/conferences.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text))


def catalogue(session: Session) -> list[Year]:
    """Return every year of the series (and any other year with a report), newest first."""
    years = {entry["year"]: Year(**{k: (str(v) if k == "participants" else v)
                                    for k, v in entry.items()}) for entry in known_years()}
    stored = session.execute(
        select(Conference.year, Conference.title, Conference.date, Conference.place,
               Report.file_name, func.count(Input.id))
        .join(Report, Report.conference_id == Conference.id)
        .outerjoin(Input, Input.report_id == Report.id)
        .group_by(Conference.year, Conference.title, Conference.date, Conference.place,
                  Report.file_name)).all()
    for year, title, date, place, file_name, count in stored:
        entry = years.setdefault(year, Year(year=year))
        entry.name = entry.name or title
        entry.date = entry.date or date
        entry.place = entry.place or place
        entry.report, entry.inputs = file_name, count
    return sorted(years.values(), key=lambda y: -y.year)


def kinds_per_year(session: Session) -> dict[int, dict[str, int]]:
    """Return how many texts of each kind each year's report holds."""
    counts: dict[int, dict[str, int]] = {}
    for year, kind, count in session.execute(select(Input.year, Input.kind, func.count())
                                             .group_by(Input.year, Input.kind)):
        counts.setdefault(year, {})[kind] = count
    return counts


@dataclass
class Stored:
    """A report in the base: its conference, and its table of contents."""

    report: Report
    contents: list[Node]
    kinds: dict[str, int]
    count: int


def reports_of(session: Session, year: int) -> tuple[Conference | None, list[Stored]]:
    """Return a conference year and its stored reports with their tables of contents."""
    found = session.scalar(select(Conference).where(Conference.year == year)
                           .options(selectinload(Conference.reports)))
    if found is None:
        return None, []
    stored = []
    for report in found.reports:
        inputs = list(session.scalars(select(Input).where(Input.report_id == report.id)
                                      .order_by(Input.position)))
        stored.append(Stored(report, contents(inputs), dict(Counter(i.kind for i in inputs)),
                             len(inputs)))
    return found, stored


def reports(session: Session) -> list[tuple[int, str, int]]:
    """Return each stored report's year, file name and page count, oldest first."""
    return list(session.execute(select(Conference.year, Report.file_name, Report.page_count)
                                .join(Report).order_by(Conference.year)).all())


@dataclass
class InBase:
    """A stored report as the editors' area lists it."""

    year: int
    title: str
    file_name: str
    ingested_at: object
    inputs: int


def in_base(session: Session) -> list[InBase]:
    """Return every stored report with its number of texts, newest year first."""
    rows = session.execute(
        select(Conference.year, Conference.title, Report.file_name, Report.ingested_at,
               func.count(Input.id))
        .join(Report, Report.conference_id == Conference.id)
        .outerjoin(Input, Input.report_id == Report.id)
        .group_by(Conference.year, Conference.title, Report.file_name, Report.ingested_at)
        .order_by(Conference.year.desc())).all()
    return [InBase(*row) for row in rows]
