"""JSON API: /api/search and /api/inputs/<id>, per the contract in PRODUCT.md."""
from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, abort, jsonify, request, url_for
from sqlalchemy.orm import Session

from kb.models import Input
from kb.search import FILTERS, SearchError, SearchRequest, search
from web import db

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.errorhandler(SearchError)
def bad_search(error: SearchError):
    return jsonify(error=str(error)), 400


@bp.get("/search")
def search_inputs():
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", 20))
    except ValueError:
        raise SearchError("page og per_page må være hele tall.") from None
    filters = {name: request.args.getlist(name) for name in FILTERS if request.args.getlist(name)}
    search_request = SearchRequest(request.args.get("q", ""), filters, page, per_page,
                                   request.args.get("sort", "relevance"))
    result = search(db.index(), search_request)
    return jsonify(query=result.query, total=result.total, page=result.page,
                   per_page=result.per_page, suggestion=result.suggestion,
                   results=[dict(asdict(hit), url=f"/innspill/{hit.id}") for hit in result.hits],
                   facets={name: [asdict(v) for v in values]
                           for name, values in result.facets.items()})


@bp.get("/inputs/<input_id>")
def input_detail(input_id: str):
    with Session(db.engine()) as session:
        item = session.get(Input, input_id)
        if item is None:
            abort(404)
        data = {column.name: getattr(item, column.name) for column in Input.__table__.columns}
        data["url"] = f"/innspill/{item.id}"
        data["document"] = item.report.conference.title
    return jsonify(data)
