"""JSON API: /api/search and /api/inputs/<id>, per the contract in PRODUCT.md, and its OpenAPI."""
from __future__ import annotations

from dataclasses import asdict
from html import escape

from flask import Blueprint, abort, jsonify, request, url_for

from kb.models import Input
from kb.search import search
from web import context, db, openapi, params
from web.labels import citation
from web.indexed import index_tags
from web.similar import similar_to

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_inputs():
    state = params.check(params.parse(request.args))
    result = search(db.index(), state.request())
    return jsonify(query=result.query, total=result.total, page=result.page,
                   per_page=result.per_page, suggestion=result.suggestion,
                   expansions=result.expansions,
                   results=[dict(asdict(hit), url=url_for("inputs.detail", input_id=hit.id))
                            for hit in result.hits],
                   facets={name: [asdict(v) for v in values]
                           for name, values in result.facets.items()})


@bp.get("/inputs/<input_id>")
def input_detail(input_id: str):
    with db.session() as session:
        item = context.load(session, input_id)
        if item is None:
            abort(404, description=f"Fant ingen tekst med id «{input_id[:60]}».")
        conference = item.report.conference
        data = index_tags(item.id)
        data.update({column.name: getattr(item, column.name)
                     for column in Input.__table__.columns})
        data.update(url=url_for("inputs.detail", input_id=item.id),
                    permalink=url_for("inputs.detail", input_id=item.id, _external=True),
                    document=conference.title, snippet=escape(item.text, quote=False),
                    citation=citation(item, conference.title),
                    report={"title": conference.title, "year": conference.year,
                            "file_name": item.report.file_name,
                            "page_count": item.report.page_count, "date": conference.date,
                            "place": conference.place, "source": conference.source,
                            "url": url_for("browse.conference", year=conference.year)})
        before, after = context.adjacent(session, item)
        similar = context.by_ids(session, similar_to(item.id))
        data["context"] = {"neighbours": [summary(n) for n in context.neighbours(session, item)],
                           "previous": summary(before) if before else None,
                           "next": summary(after) if after else None,
                           "similar": [summary(s) for s in similar]}
    return jsonify(data)


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


def summary(item: Input) -> dict:
    """Return the short form of an input used in lists of context."""
    return {"id": item.id, "url": url_for("inputs.detail", input_id=item.id), "year": item.year,
            "kind": item.kind, "text": item.text, "page": item.page, "position": item.position,
            "category": item.category, "subcategory": item.subcategory, "speaker": item.speaker}
