"""An input in its place: the report it comes from, its neighbours, the inputs around it."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from kb.models import Input, Report


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


def headings(session: Session, ids: Iterable[str]) -> dict[str, str | None]:
    """Return the heading of each input, for breadcrumbs of texts outside a question."""
    ids = list(ids)
    if not ids:
        return {}
    rows = session.execute(select(Input.id, Input.heading, Input.section)
                           .where(Input.id.in_(ids))).all()
    return {row.id: row.heading or row.section for row in rows}


def by_ids(session: Session, ids: list[str]) -> list[Input]:
    """Return inputs in the order of the ids given, skipping unknown ids."""
    if not ids:
        return []
    found = {item.id: item for item in session.scalars(select(Input).where(Input.id.in_(ids)))}
    return [found[i] for i in ids if i in found]
