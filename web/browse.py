"""Browse the conferences (/konferanser) and each report's table of contents (/konferanser/<år>)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kb.catalogue import catalogue
from kb.models import Conference, Input
from kb.search import FACETS, SearchRequest, search
from web import db
from web.outline import outline

bp = Blueprint("browse", __name__, url_prefix="/konferanser")


@bp.get("/")
@bp.get("")
def conferences():
    """List every year of the series, what is known of it, and whether its report is in."""
    with db.session() as session:
        series = catalogue(session)
        kinds = session.execute(select(Input.year, Input.kind, func.count())
                                .group_by(Input.year, Input.kind)).all()
    counts: dict[int, dict[str, int]] = {}
    for year, kind, count in kinds:
        counts.setdefault(year, {})[kind] = count
    years = sorted(entry.year for entry in series if entry.in_base)
    facet = "canonical" if "canonical" in FACETS else "theme"
    return render_template("browse/conferences.html", series=series, counts=counts,
                           years=years, facet=facet, theme_rows=per_year(facet, years))


def per_year(facet: str, years: list[int]) -> list[tuple[str, dict[int, int]]]:
    """Return how many inputs each value of a facet has per year, most in all first."""
    try:
        index = db.index()
    except db.IndexMissing:
        return []
    table: dict[str, dict[int, int]] = {}
    for year in years:
        result = search(index, SearchRequest("", {"year": [str(year)]}, per_page=1))
        for value in result.facets.get(facet, []):
            table.setdefault(str(value.value), {})[year] = value.count
    return sorted(table.items(), key=lambda row: (-sum(row[1].values()), row[0]))


@bp.get("/<int:year>")
def conference(year: int):
    with db.session() as session:
        found = session.scalar(select(Conference).where(Conference.year == year)
                               .options(selectinload(Conference.reports)))
        if found is None:
            abort(404, description=f"Basen har ingen rapport fra integreringskonferansen {year}. "
                                   "Se listen over konferansene vi har.")
        reports = []
        for report in found.reports:
            inputs = list(session.scalars(select(Input).where(Input.report_id == report.id)
                                          .order_by(Input.position)))
            kinds: dict[str, int] = {}
            for item in inputs:
                kinds[item.kind] = kinds.get(item.kind, 0) + 1
            reports.append((report, outline(inputs), kinds, len(inputs)))
        return render_template("browse/conference.html", conference=found, reports=reports)
