"""Browse the conferences (/konferanser) and each report's table of contents (/konferanser/<år>)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, send_from_directory

from kb.catalogue import catalogue, kinds_per_year, reports_of
from kb.compare import NO_THEME, matrix
from kb.search import SearchRequest
from web import db

bp = Blueprint("browse", __name__, url_prefix="/konferanser")


@bp.get("/")
@bp.get("")
def conferences():
    """List every year of the series, what is known of it, and whether its report is in."""
    with db.session() as session:
        series = catalogue(session)
        counts = kinds_per_year(session)
    years = sorted(entry.year for entry in series if entry.in_base)
    return render_template("browse/conferences.html", series=series, counts=counts,
                           years=years, facet="canonical", theme_rows=themes_per_year())


def themes_per_year() -> list[tuple[str, dict[int, int]]]:
    """Return how many inputs each canonical theme has per year, most in all first."""
    index = db.index_or_none()
    if index is None:
        return []
    table = matrix(index, SearchRequest())
    return [(theme, table.counts[theme]) for theme in table.themes if theme != NO_THEME]


@bp.get("/<int(min=1, max=9999):year>/rapport")
def original(year: int):
    """Send the report file as it was ingested: a PDF opens in the browser, at #page=N."""
    with db.session() as session:
        found, reports = reports_of(session, year)
    kept = [s.report for s in reports if s.report.original]
    if not kept:
        abort(404, description=f"Originalfilen til rapporten fra {year} er ikke lagret i basen.")
    report = kept[0]
    return send_from_directory(db.config().originals_dir, report.original,
                               as_attachment=not report.original.endswith(".pdf"),
                               download_name=report.file_name)


@bp.get("/<int(min=1, max=9999):year>")
def conference(year: int):
    with db.session() as session:
        found, reports = reports_of(session, year)
        if found is None:
            abort(404, description=f"Basen har ingen rapport fra integreringskonferansen {year}. "
                                   "Se listen over konferansene vi har.")
        return render_template("browse/conference.html", conference=found, reports=reports)
