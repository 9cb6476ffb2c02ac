"""The input page (/innspill/<id>): full text, tags, place in the report, citation, similar."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for

from kb.inputs import citation, in_context
from web import db
from web.labels import breadcrumb, title

bp = Blueprint("inputs", __name__)


@bp.get("/innspill/<input_id>")
def detail(input_id: str):
    with db.session() as session:
        found = in_context(session, db.index_or_none(), input_id)
        if found is None:
            abort(404, description="Vi finner ikke noe innspill med denne adressen. Lenken kan "
                                   "være skrevet feil, eller teksten er fjernet fra basen.")
        item = found.item
        return render_template(
            "inputs/detail.html", found=found, item=item, report=found.report,
            conference=found.conference, title=title(item),
            crumbs=breadcrumb(item, item.heading or item.section),
            permalink=url_for("inputs.detail", input_id=item.id, _external=True),
            citation=citation(item, found.conference.title))
