"""Compare the conference years (/sammenlign; its JSON twin /api/compare is in web/api.py): matches per theme and
year, matches per year as a chart, and the inputs of each year side by side, each marked
«tatt opp før» (similar inputs in earlier years) or «nytt»."""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, redirect, render_template, request, url_for

from kb.budget import SearchTimeout
from kb.compare import NO_THEME, compare
from kb.search import SearchError
from web import db, params
from web.chart import bar_chart
from web.errors import status
from web.labels import percent

bp = Blueprint("compare", __name__)

CHOSEN = "vis"        # ?vis=<hovedtema>: the columns show that theme only
PER_YEAR = "per_year"  # the number of inputs in each year's column of /api/compare
MAX_PER_YEAR = 50


def read(args) -> tuple[params.SearchState, str | None]:
    """Read the search and the chosen theme from the query string; raise SearchError if bad."""
    state = params.parse(args)
    state = replace(state, page=1, per_page=params.DEFAULT_PER_PAGE)
    chosen = (args.get(CHOSEN) or "").strip() or None
    if chosen is not None and chosen not in params.known_values().get("canonical", ()):
        raise SearchError(f"Det finnes ikke noe hovedtema «{chosen[:80]}» i basen. Velg et "
                          "hovedtema fra listen, eller fjern «vis» fra adressen.")
    return state, chosen


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
        result = compare(db.index(), state.request(), chosen)
    except (SearchError, SearchTimeout) as error:
        return render_template("compare/index.html", state=state, chosen=chosen, result=None,
                               links=Links(state, None), error=str(error)), status(error)
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
