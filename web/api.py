"""JSON API: /api/search, /api/inputs/<id> and /api/compare, per the contract in PRODUCT.md,
described by /api/openapi.json (web/openapi.py)."""
from __future__ import annotations

from dataclasses import asdict
from html import escape

from flask import Blueprint, abort, jsonify, request, url_for

from kb.compare import COLUMN_SIZE, NO_THEME, Marked, compare
from kb.inputs import citation, in_context
from kb.models import Input
from kb.search import SearchError, search
from web import db, openapi, params
from web.compare import MAX_PER_YEAR, PER_YEAR, read
from web.labels import facet_label
from web.links import external

bp = Blueprint("api", __name__, url_prefix="/api")



@bp.get("/search")
def search_inputs():
    state = params.parse(request.args)
    result = search(db.index(), state.request())
    return jsonify(query=result.query, total=result.total, page=result.page,
                   per_page=result.per_page, suggestion=result.suggestion,
                   expansions=result.expansions, total_text=result.total_text,
                   corrected=result.corrected, sort=result.sort,
                   total_meaning=result.total_meaning, meaning=result.meaning,
                   results=[dict(asdict(hit), url=url_for("inputs.detail", input_id=hit.id))
                            for hit in result.hits],
                   facets={name: [asdict(v) for v in values]
                           for name, values in result.facets.items()})


@bp.get("/inputs/<input_id>")
def input_detail(input_id: str):
    with db.session() as session:
        found = in_context(session, db.index_or_none(), input_id)
        if found is None:
            abort(404, description=f"Fant ingen tekst med id «{input_id[:60]}».")
        item, conference = found.item, found.conference
        data = asdict(found.derived) if found.derived else {}
        data.update({column.name: getattr(item, column.name)
                     for column in Input.__table__.columns})
        data.update(canonical=item.canonical, topics=item.topics, hidden=item.hidden,
                    set_by_hand=item.set_by_hand)
        data.update(url=url_for("inputs.detail", input_id=item.id),
                    permalink=external("inputs.detail", input_id=item.id),
                    document=conference.title, snippet=escape(item.text, quote=False),
                    citation=citation(item, conference,
                                      external("inputs.detail", input_id=item.id)),
                    report={"title": conference.title, "year": conference.year,
                            "file_name": found.report.file_name,
                            "page_count": found.report.page_count, "date": conference.date,
                            "place": conference.place, "source": conference.source,
                            "publisher": conference.publisher, "public_url": conference.url,
                            "url": url_for("browse.conference", year=conference.year)})
        data["context"] = {"neighbours": [summary(n) for n in found.neighbours],
                           "previous": summary(found.before) if found.before else None,
                           "next": summary(found.after) if found.after else None,
                           "similar": [summary(s) for s in found.similar]}
    return jsonify(data)


@bp.get("/compare")
def compare_years():
    state, chosen = read(request.args)
    per_year = params.whole_number(request.args.get(PER_YEAR), COLUMN_SIZE, f"«{PER_YEAR}»",
                                   most=MAX_PER_YEAR)
    result = compare(db.index(), state.request(), chosen, per_year)
    table = result.table
    return jsonify(
        query=state.query, theme=chosen, no_theme=NO_THEME,
        matrix={
            "years": table.years,
            "themes": table.themes,
            "cells": [{"theme": theme, "year": year, "count": table.count(theme, year),
                       "share": round(table.share(theme, year), 6)}
                      for theme in table.themes for year in table.years],
            "theme_totals": [{"theme": theme, "label": facet_label("canonical", theme),
                              "count": result.theme_total(theme)} for theme in table.themes],
            "totals": [{"year": year, "count": table.totals[year], "inputs": table.inputs[year],
                        "share": round(result.share(year), 6)} for year in table.years],
            "total": result.total},
        columns=[{"year": column.year, "total": column.total,
                  "results": [_marked(m) for m in column.marked]} for column in result.columns])


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


def summary(item: Input) -> dict:
    """Return the short form of an input used in lists of context."""
    return {**{name: getattr(item, name) for name in openapi.SUMMARY},
            "url": url_for("inputs.detail", input_id=item.id)}


def _marked(marked: Marked) -> dict:
    hit = marked.hit
    return dict(asdict(hit), url=url_for("inputs.detail", input_id=hit.id),
                raised_before=marked.raised_before,
                earlier=[dict(asdict(e), url=url_for("inputs.detail", input_id=e.id))
                         for e in marked.earlier])


__all__ = ["bp", "SearchError"]
