"""Search pages: the search itself (/ and /sok) and the help on how to search (/hjelp)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, redirect, render_template, request, url_for

from kb import meaning
from kb.budget import SearchTimeout
from kb.fields import BY_NAME, FACETS, HIDDEN_KINDS
from kb.search import SearchError, SearchResult, search, session_titles
from web import db, params
from web.errors import status
from web.labels import facet_label, filter_label

bp = Blueprint("search", __name__)

FACETS_SHOWN = 6  # values per facet before "Vis alle"
EXAMPLES = ("språkkrav", '"trygge nabolag"', "mentor*", "diskriminering -religion",
            'tema:"Trygge nabolag" frivillige', "valgdeltakelse")


@dataclass
class FacetOption:
    value: str
    count: int
    checked: bool
    label: str = ""
    hidden: bool = False   # a kind of text found only when chosen (programme lines, figures)


@dataclass
class FacetGroup:
    name: str
    label: str
    help: str
    shown: list[FacetOption]
    more: list[FacetOption]


@bp.get("/")
def home():
    """Show the search page: the start page is a search for everything."""
    return index()


@bp.get("/sok")
def index():
    state = params.SearchState(query=request.args.get("q", ""))
    try:
        state = params.parse(request.args)
        if not params.is_canonical(request.args, state):
            # Forms send every field, defaults too; the address to bookmark carries only choices.
            return redirect(url_for("search.index", **state.args()))
        result = search(db.index(), state.request())
    except (SearchError, SearchTimeout) as error:
        return render_template("search/index.html", state=state, result=None,
                               error=str(error), examples=EXAMPLES), status(error)
    return render_template("search/index.html", state=state, result=result, error=None,
                           groups=[] if state.is_blank else facet_groups(result, state),
                           pages=page_numbers(result.page, page_count(result)),
                           page_count=page_count(result), examples=EXAMPLES)


@bp.get("/hjelp")
def help():
    return render_template("search/help.html", meaning=meaning.status(db.config(),
                                                                      db.index_or_none()))


def facet_groups(result: SearchResult, state: params.SearchState) -> list[FacetGroup]:
    """Return the filter panel: each group's values with counts and labels, chosen values
    kept in view, and the group's help line."""
    titles = session_titles(db.index())
    groups = []
    for name in FACETS:
        declared = BY_NAME[name]
        if not declared.panel and name not in state.filters:
            continue
        options = [FacetOption(str(v.value), v.count, state.has(name, v.value))
                   for v in result.facets.get(name, [])]
        missing = [v for v in state.filters.get(name, ()) if v not in {o.value for o in options}]
        options += [FacetOption(value, 0, True) for value in missing]
        for option in options:
            option.label = titles.get(option.value, option.value) if name == "session" \
                else facet_label(name, option.value)
            option.hidden = name == "kind" and option.value in HIDDEN_KINDS
        if not options:
            continue
        shown = options[:FACETS_SHOWN] + [o for o in options[FACETS_SHOWN:] if o.checked]
        more = [o for o in options[FACETS_SHOWN:] if not o.checked]
        groups.append(FacetGroup(name, filter_label(name), declared.help, shown, more))
    return groups


def page_count(result: SearchResult) -> int:
    return max(1, -(-result.total // result.per_page))


def page_numbers(page: int, pages: int) -> list[int | None]:
    """Return the page links to show: first, last and a window around the current page."""
    wanted = {1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)}
    numbers: list[int | None] = []
    last = 0
    for number in sorted(wanted):
        if number - last > 1:
            numbers.append(None)
        numbers.append(number)
        last = number
    return numbers
