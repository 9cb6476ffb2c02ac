"""The input page (/innspill/<id>): full text, tags, place in the report, citation, similar."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for

from web import context, db
from web.labels import breadcrumb, citation, title
from web.indexed import index_tags
from web.similar import similar_to

bp = Blueprint("inputs", __name__)


@bp.get("/innspill/<input_id>")
def detail(input_id: str):
    with db.session() as session:
        item = context.load(session, input_id)
        if item is None:
            abort(404, description="Vi finner ikke noe innspill med denne adressen. Lenken kan "
                                   "være skrevet feil, eller teksten er fjernet fra basen.")
        report = item.report
        conference = report.conference
        neighbours = context.neighbours(session, item)
        before, after = context.adjacent(session, item)
        similar = context.by_ids(session, similar_to(item.id))
        similar_headings = context.headings(session, (s.id for s in similar))
        permalink = url_for("inputs.detail", input_id=item.id, _external=True)
        derived = index_tags(item.id)
        return render_template(
            "inputs/detail.html", item=item, report=report, conference=conference,
            title=title(item), crumbs=breadcrumb(item, item.heading or item.section),
            neighbours=neighbours, before=before, after=after, similar=similar,
            similar_headings=similar_headings, permalink=permalink,
            citation=citation(item, conference.title), canonical=derived.get("canonical"),
            topics=derived.get("topics") or [])
