"""Compare the conference years (/sammenlign, and /api/compare as JSON): matches per theme and
year, matches per year as a chart, and the inputs of each year side by side, each marked
«tatt opp før» (similar inputs in earlier years) or «nytt»."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from flask import Blueprint, jsonify, redirect, render_template, request, url_for

from kb.compare import NO_THEME, Marked, Matrix, columns, inputs_per_year, mark, matrix
from kb.search import SearchError, search
from web import db, params
from web.chart import bar_chart
from web.labels import facet_label, percent

bp = Blueprint("compare", __name__)

CHOSEN = "vis"        # ?vis=<hovedtema>: the columns show that theme only
PER_YEAR = "per_year"  # the API's number of inputs in each year's column
COLUMN_SIZE = 10
MAX_PER_YEAR = 50


@dataclass
class Column:
    """One year's best matches, each marked new or raised before."""

    year: int
    total: int
    marked: list[Marked]


@dataclass
class Comparison:
    table: Matrix
    base_years: list[int]   # every year with a report in the base
    columns: list[Column]
    chosen: str | None
    suggestion: str | None = None   # a spelling to try when nothing matched

    @property
    def total(self) -> int:
        return sum(self.table.totals.values())

    @property
    def years_found(self) -> list[int]:
        """Return the years with at least one match."""
        return [year for year in self.table.years if self.table.totals.get(year)]

    def theme_total(self, theme: str) -> int:
        return sum(self.table.count(theme, year) for year in self.table.years)

    def share(self, year: int) -> float:
        """Return the year's matches as a share of all the year's inputs."""
        inputs = self.table.inputs.get(year)
        return self.table.totals.get(year, 0) / inputs if inputs else 0.0


def read(args) -> tuple[params.SearchState, str | None]:
    """Read the search and the chosen theme from the query string; raise SearchError if bad."""
    state = params.check(params.parse(args))
    state = replace(state, page=1, per_page=params.DEFAULT_PER_PAGE)
    chosen = (args.get(CHOSEN) or "").strip() or None
    if chosen is not None and chosen not in params.known_values().get("canonical", ()):
        raise SearchError(f"Det finnes ikke noe hovedtema «{chosen[:80]}» i basen. Velg et "
                          "hovedtema fra listen, eller fjern «vis» fra adressen.")
    return state, chosen


def compare(state: params.SearchState, chosen: str | None = None,
            per_year: int = COLUMN_SIZE) -> Comparison:
    """Return the theme × year table of a search and its inputs year by year."""
    index = db.index()
    base = inputs_per_year(index)
    table = matrix(index, state.request())
    if "year" not in state.filters:  # years without a match are compared too: zero is news
        years = sorted(set(base) | set(table.years))
        table = replace(table, years=years,
                        totals={year: table.totals.get(year, 0) for year in years},
                        inputs={year: table.inputs.get(year, base.get(year, 0)) for year in years})
    wanted = state.request(per_page=per_year)
    if chosen:
        wanted.filters = {**wanted.filters, "canonical": [chosen]}
    found = columns(index, wanted, per_year, table.years) if any(table.totals.values()) else {}
    hits = [hit for year in table.years if year in found for hit in found[year].hits]
    marks = iter(mark(index, hits))
    side = [Column(year, found[year].total if year in found else 0,
                   [next(marks) for _ in found[year].hits] if year in found else [])
            for year in table.years]
    suggestion = search(index, state.request(per_page=1)).suggestion
    return Comparison(table, sorted(base), side, chosen, suggestion)


class Links:
    """The addresses the compare page links to, all carrying the same search."""

    def __init__(self, state: params.SearchState, chosen: str | None):
        self.state, self.chosen = state, chosen

    def search(self, **filters) -> str:
        """Return the search page for this search, with some filters set to one value."""
        merged = {**self.state.filters,
                  **{name: (str(value),) for name, value in filters.items()}}
        return url_for("search.index", **self.state.args(filters=merged, page=1))

    def cell(self, theme: str, year: int) -> str:
        if theme == NO_THEME:  # the search cannot ask for "no theme": show the whole year
            return self.search(year=year)
        return self.search(canonical=theme, year=year)

    def row(self, theme: str) -> str:
        return self.search() if theme == NO_THEME else self.search(canonical=theme)

    def args(self, **changes) -> dict[str, object]:
        """Return the query-string arguments of this comparison, with changes to the search."""
        args = self.state.args(**changes)
        if self.chosen:
            args[CHOSEN] = self.chosen
        return args

    def compare(self, **changes) -> str:
        return url_for("compare.index", **self.args(**changes))

    def removing(self, name: str, value: object) -> str:
        """Return this comparison without one filter value."""
        values = tuple(v for v in self.state.filters.get(name, ()) if v != str(value))
        return self.compare(filters={n: v for n, v in {**self.state.filters, name: values}.items()
                                     if v})


@bp.get("/sammenlign")
def index():
    state = params.SearchState(query=request.args.get("q", ""))
    chosen = None
    try:
        state, chosen = read(request.args)
        links = Links(state, chosen)
        if not _is_canonical(links.args()):
            return redirect(links.compare())  # forms send blank fields; keep only choices
        result = compare(state, chosen)
    except SearchError as error:
        return render_template("compare/index.html", state=state, chosen=chosen, result=None,
                               links=Links(state, None), error=str(error)), 400
    chart = bar_chart([(str(year), result.table.totals[year],
                        f"{result.table.totals[year]} · {percent(result.share(year))}")
                       for year in result.table.years])
    return render_template("compare/index.html", state=state, chosen=chosen, result=result,
                           links=links, chart=chart, error=None, no_theme=NO_THEME)


def _is_canonical(wanted: dict[str, object]) -> bool:
    """Say whether the query string holds exactly these arguments (defaults left out)."""
    given = sorted(request.args.items(multi=True))
    return given == sorted((name, str(value)) for name, values in wanted.items()
                           for value in (values if isinstance(values, list) else [values]))


@bp.get("/api/compare")
def api():
    state, chosen = read(request.args)
    per_year = _per_year(request.args.get(PER_YEAR))
    result = compare(state, chosen, per_year)
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


def _marked(marked: Marked) -> dict:
    hit = marked.hit
    return dict(asdict(hit), url=url_for("inputs.detail", input_id=hit.id),
                raised_before=marked.raised_before,
                earlier=[dict(asdict(e), url=url_for("inputs.detail", input_id=e.id))
                         for e in marked.earlier])


def _per_year(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return COLUMN_SIZE
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= MAX_PER_YEAR):
        raise SearchError(f"«{PER_YEAR}» må være et helt tall fra 1 til {MAX_PER_YEAR} – "
                          f"ikke «{raw[:40]}».")
    return int(raw)
