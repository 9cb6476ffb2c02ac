"""An input in its place: the report it comes from, the inputs under the same heading, the
texts before and after it, similar inputs, the tags the index derives, and a citation."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from kb.engine import engine_for
from kb.models import Conference, Input, Report
from kb.search import Hit, hit_of
from kb.similar import similar_ids


@dataclass
class InContext:
    """One input with everything the page and the API show around it."""

    item: Input
    report: Report
    conference: Conference
    neighbours: list[Input]
    before: Input | None
    after: Input | None
    similar: list[Input]
    derived: Hit | None = None      # the input as the index holds it: hovedtema, emner
    headings: dict[str, str | None] = field(default_factory=dict)  # of the similar inputs

    @property
    def canonical(self) -> str | None:
        return self.derived.canonical if self.derived else None

    @property
    def topics(self) -> list[str]:
        return self.derived.topics if self.derived else []


def in_context(session: Session, index, input_id: str) -> InContext | None:
    """Return an input with its context, or None when no input has this id."""
    item = load(session, input_id)
    if item is None:
        return None
    derived, similar = None, []
    if index is not None:
        engine = engine_for(index)
        stored = engine.searcher().document(id=input_id)
        derived = hit_of(stored) if stored else None
        similar = by_ids(session, similar_ids(engine, input_id))
    before, after = adjacent(session, item)
    return InContext(item, item.report, item.report.conference, neighbours(session, item),
                     before, after, similar, derived,
                     {s.id: s.heading or s.section for s in similar})


def load(session: Session, input_id: str) -> Input | None:
    """Return an input with its report and conference loaded, or None."""
    return session.scalar(select(Input).where(Input.id == input_id).options(
        joinedload(Input.report).joinedload(Report.conference)))


def _same(column, value):
    return column.is_(None) if value is None else column == value


def neighbours(session: Session, item: Input) -> list[Input]:
    """Return the inputs under the same heading as this one (itself included), in report order.

    An innspill's heading is its question and category: same report, session, question,
    category and subcategory. Any other text's heading is its section and heading.
    """
    same = [Input.report_id == item.report_id, _same(Input.session, item.session)]
    if item.kind == "innspill":
        same += [Input.kind == "innspill", _same(Input.question_no, item.question_no),
                 _same(Input.question, item.question), _same(Input.category, item.category),
                 _same(Input.subcategory, item.subcategory)]
    else:
        same += [Input.kind != "innspill", _same(Input.section, item.section),
                 _same(Input.heading, item.heading)]
    return list(session.scalars(select(Input).where(*same).order_by(Input.position)))


def adjacent(session: Session, item: Input) -> tuple[Input | None, Input | None]:
    """Return the texts just before and after this one in the report."""
    before = session.scalar(select(Input).where(
        Input.report_id == item.report_id, Input.position < item.position)
        .order_by(Input.position.desc()).limit(1))
    after = session.scalar(select(Input).where(
        Input.report_id == item.report_id, Input.position > item.position)
        .order_by(Input.position).limit(1))
    return before, after


def by_ids(session: Session, ids: Iterable[str]) -> list[Input]:
    """Return inputs in the order of the ids given, skipping unknown ids."""
    ids = list(ids)
    if not ids:
        return []
    found = {item.id: item for item in session.scalars(select(Input).where(Input.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def citation(item: Input, conference: Conference, permalink: str) -> str:
    """Return a citation to paste in a notat: publisher (year), title, page, where in the
    report, the report's public address when known, and the input's permanent address."""
    lead = f"{conference.publisher} ({conference.year}). " if conference.publisher else ""
    parts = [f"{lead}{conference.title} [konferanserapport]"
             + (f", s. {item.page}" if item.page else "")]
    where = place(item)
    if where:
        parts.append(where)
    if conference.url:
        parts.append(conference.url)
    return ". ".join(parts) + f". Fra Innspillsbasen: {permalink}"


def place(item: Input) -> str | None:
    """Return where in the report an input stands, as a reader would say it."""
    session = ": ".join(p for p in (item.session, item.theme) if p)
    if item.question_no:
        return f"{session}, spørsmål {item.question_no}" if session else f"Spørsmål {item.question_no}"
    if item.speaker and item.kind == "innlegg":
        who = f"{item.speaker} ({item.organisation})" if item.organisation else item.speaker
        return f"{session}, innlegg av {who}" if session else f"Innlegg av {who}"
    if item.kind == "panel":
        return f"{session}, panelsamtale" if session else "Panelsamtale"
    return session or item.heading or item.section
