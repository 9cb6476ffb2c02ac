"""The input page (/innspill/<id>) and the citations of chosen inputs (/kildehenvisninger)."""
from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request, url_for

from kb.corrections import NAMES, label, shown
from kb.fields import BY_NAME, KINDS, kind_label
from kb.inputs import by_ids, citation, in_context
from kb.themes import themes
from kb.search import MAX_PER_PAGE
from web import db
from web.labels import breadcrumb, title
from web.links import external

bp = Blueprint("inputs", __name__)


@bp.get("/innspill/<input_id>")
def detail(input_id: str):
    with db.session() as session:
        found = in_context(session, db.index_or_none(), input_id)
        if found is None:
            abort(404, description="Vi finner ikke noe innspill med denne adressen. Lenken kan "
                                   "være skrevet feil, eller teksten er fjernet fra basen.")
        item = found.item
        permalink = external("inputs.detail", input_id=item.id)
        return render_template(
            "inputs/detail.html", found=found, item=item, report=found.report,
            conference=found.conference, title=title(item),
            crumbs=breadcrumb(item, item.heading or item.section), permalink=permalink,
            citation=citation(item, found.conference, permalink),
            form=correction_form(item) if g.editor else None)


def correction_form(item) -> dict:
    """Return what the editors' form on an input page offers: each correctable field with its
    label and value as shown now, the kinds, the canonical themes and the topics."""
    topics = list(themes().topics)
    return {
        "fields": [(name, label(name), shown(item.values, name) or "",
                    BY_NAME[name].help if name in BY_NAME else "") for name in NAMES],
        "kinds": [(kind, kind_label(kind)) for kind in KINDS],
        "canonical": list(themes().canonical),
        "topics": topics + [t for t in item.topics if t not in topics],
    }


@bp.get("/kildehenvisninger")
def citations():
    """Show the citations of the inputs chosen in a list of hits, ready to copy."""
    ids = list(dict.fromkeys(i.strip() for i in request.args.getlist("id") if i.strip()))
    if not ids:
        abort(400, description="Ingen tekster er valgt. Gå tilbake til treffene og kryss av for "
                               "tekstene du vil sitere.")
    if len(ids) > MAX_PER_PAGE:
        abort(400, description=f"Velg høyst {MAX_PER_PAGE} tekster om gangen.")
    with db.session() as session:
        chosen = by_ids(session, ids)
        cited = [(item, citation(item, item.report.conference,
                                 external("inputs.detail", input_id=item.id)))
                 for item in chosen]
        missing = [i for i in ids if i not in {item.id for item in chosen}]
        return render_template("inputs/citations.html", cited=cited, missing=missing, ids=ids)
