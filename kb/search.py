"""Search the index: build a query from text and filters, then run it.

Query language: plain words (ranked; inputs with more of the words first),
"phrases", -exclusion, +requirement, OR, AND, prefix*, fuzzy~ and filters
written as field:value (år:2025, tema:"Trygge nabolag", type:innspill, …).
Plain words also find compounds they are part of (språk → språkkrav) and, unless
switched off, their synonyms from kb/data/synonyms.txt.

Building a query is a chain of small steps over the query's units (kb.query):
filters → syntax → synonyms (kb.synonyms) → unknown words (kb.spelling) → the
Whoosh parser. Running it is separate, so a built query can be shown and tested.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, make_dataclass
from html import escape

from whoosh import qparser, query, sorting
from whoosh.query.qcore import QueryError as WhooshQueryError

from kb import spelling, synonyms
from kb.fields import FACETS, FIELDS, FILTERS, MULTI
from kb.highlight import Terms, snippet
from kb.query import QueryError, SearchError, Unit, check, including, only_excluded, render, \
    tidy, tokenise, words

__all__ = ["SearchRequest", "SearchResult", "Hit", "FacetValue", "BuiltQuery", "SearchError",
           "QueryError", "search", "open_search", "build_query", "run", "order", "all_hits",
           "lookup", "known_values", "suggestion_for", "hit_of",
           "FACETS", "FILTERS"]

SORTS = ("relevance", "year")
FIELD_BOOSTS = {"text": 1.0, "exact": 0.6, "parts": 0.35, "context": 0.2}
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 500


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"
    synonyms: bool = True
    fuzzy: bool = True


def _hit_fields() -> list[tuple]:
    """Return a hit's fields: every field of an input, with the snippet after its text."""
    found: list[tuple] = []
    for declared in FIELDS:
        if declared.multi:
            found.append((declared.hit_name, list[declared.type], field(default_factory=list)))
        else:
            found.append((declared.hit_name, declared.type | None, field(default=None)))
        if declared.name == "text":
            found.append(("snippet", str, field(default="")))
    return found


# One input found by a search: its fields as kb.fields declares them, and a marked snippet.
Hit = make_dataclass("Hit", _hit_fields(), namespace={"__module__": __name__})


@dataclass
class FacetValue:
    value: str | int
    count: int


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    per_page: int
    hits: list
    facets: dict[str, list[FacetValue]]
    suggestion: str | None
    parsed: str
    expansions: list[str] = field(default_factory=list)


@dataclass
class BuiltQuery:
    """A query ready to run: what to match, what to filter by, how to sort."""

    match: query.Query
    filters: dict[str, list[str | int]]
    words: list[str]
    expansions: list[str] = field(default_factory=list)

    def filter_query(self, without: str | None = None) -> query.Query | None:
        parts = [query.Or([query.Term(name, value) for value in values])
                 for name, values in self.filters.items() if name != without and values]
        return query.And(parts) if parts else None


def validate(request: SearchRequest) -> None:
    """Raise SearchError for paging, sorting or filters out of range."""
    if request.page < 1 or request.page > MAX_PAGE:
        raise SearchError("Sidetallet må være et helt tall fra 1 og oppover.")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise SearchError(f"Antall treff per side må være mellom 1 og {MAX_PER_PAGE}.")
    if request.sort not in SORTS:
        raise SearchError("Sortering må være «relevance» (relevans) eller «year» (år).")
    unknown = sorted(set(request.filters) - set(FILTERS))
    if unknown:
        raise SearchError(f"Ukjent filter: {', '.join(unknown)}.")


def build_query(request: SearchRequest, schema, boosts: dict[str, float] | None = None,
                reader=None) -> BuiltQuery:
    """Turn query text and filters into a Whoosh query and filters, without running it."""
    text = request.query.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"Søket er for langt. Bruk høyst {MAX_QUERY_LENGTH} tegn.")
    units, written = tokenise(text)
    filters = _filters(request.filters, written)
    check(units)
    units = tidy(units)
    if not units:
        return BuiltQuery(query.Every(), filters, [])
    boosts = boosts or FIELD_BOOSTS
    if request.synonyms:
        units = synonyms.add(units)
    if reader is not None:
        units = spelling.add_alternatives(units, reader, request.fuzzy, split="parts" in boosts)
    expansions = list(dict.fromkeys(a.shown for u in units for a in u.alternatives if a.shown))
    return BuiltQuery(_parse(units, schema, boosts), filters, words(units), expansions)


def _filters(given: dict[str, list[str]], written: dict[str, list[str]]) -> dict[str, list]:
    """Merge the filters of the request with those written in the query, typed for the index."""
    merged: dict[str, list] = {}
    for source in (given, written):
        for name, values in source.items():
            if values:
                merged.setdefault(name, []).extend(_filter_value(name, v) for v in values)
    return merged


def _filter_value(name: str, value: str | int) -> str | int:
    if name != "year":
        return str(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SearchError(f"Året må være et årstall, som 2025, ikke «{value}».") from None


def _parse(units: list[Unit], schema, boosts: dict[str, float]) -> query.Query:
    parser = _parser(schema, boosts)
    if only_excluded(units):  # only exclusions: everything but them, rather than nothing
        return query.AndNot(query.Every(), parser.parse(render(including(units))))
    return parser.parse(render(units))


def _parser(schema, boosts: dict[str, float]) -> qparser.QueryParser:
    """Return the parser over stems (`text`), word forms as written (`exact`), parts of
    compounds (`parts`, so a whole word ranks above a part) and tags (`context`)."""
    parser = qparser.MultifieldParser(list(boosts), schema, fieldboosts=boosts,
                                      group=qparser.OrGroup.factory(0.9))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    for plugin in (qparser.FieldsPlugin, qparser.RangePlugin, qparser.SingleQuotePlugin,
                   qparser.EveryPlugin):
        parser.remove_plugin_class(plugin)
    # A minus or plus only counts at the start of a word, so "B2-nivå" stays one word.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<!\S)\+", minusexpr=r"(?<!\S)-"))
    return parser


def run(searcher, built: BuiltQuery, request: SearchRequest) -> SearchResult:
    """Run a built query: one page of hits, facet counts and a spelling suggestion."""
    limit = request.page * request.per_page
    results = searcher.search(built.match, filter=built.filter_query(), limit=limit,
                              sortedby=order(built, request),
                              groupedby=_facets(built, exclude_active=True))
    total = len(results)
    pages = max(1, -(-total // request.per_page))
    if request.page > pages:
        raise SearchError(f"Side {request.page} finnes ikke: søket har {pages} "
                          f"{'side' if pages == 1 else 'sider'}.")
    start = (request.page - 1) * request.per_page
    terms = Terms.of(built.match, searcher.reader())
    hits = [hit_of(results[index].fields(), terms)
            for index in range(start, min(limit, results.scored_length()))]
    facets = {name: _counts(results, name) for name in FACETS if name not in built.filters}
    for name in FACETS:
        if name in built.filters:
            facets[name] = _counts(searcher.search(
                built.match, filter=built.filter_query(without=name), limit=1,
                groupedby=_facets(built, only=name)), name)
    return SearchResult(query=request.query, total=total, page=request.page,
                        per_page=request.per_page, hits=hits,
                        facets={name: facets[name] for name in FACETS},
                        suggestion=suggestion_for(searcher, built, request, total),
                        parsed=str(built.match), expansions=built.expansions)


def order(built: BuiltQuery, request: SearchRequest):
    """Return what to sort by: None for relevance, else year (newest first) and position."""
    if request.sort == "year" or isinstance(built.match, query.Every):
        return [sorting.FieldFacet("year", reverse=True), sorting.FieldFacet("position")]
    return None


def _facets(built: BuiltQuery, exclude_active: bool = False, only: str | None = None):
    names = [only] if only else [n for n in FACETS if not (exclude_active and n in built.filters)]
    return {name: sorting.FieldFacet(name, maptype=sorting.Count, allow_overlap=name in MULTI)
            for name in names} or None


def _counts(results, name: str) -> list[FacetValue]:
    groups = results.groups(name)
    values = [FacetValue(value, count) for value, count in groups.items()
              if value not in (None, "")]
    if name == "year":
        return sorted(values, key=lambda v: -int(v.value))
    return sorted(values, key=lambda v: (-v.count, str(v.value)))


def hit_of(stored: dict, terms: Terms | None = None):
    """Return the hit for an input's stored index fields, marked for the terms if given."""
    values = {f.hit_name: stored.get(f.name) for f in FIELDS if not f.multi}
    values.update({f.hit_name: [v for v in (stored.get(f.name) or "").split(",") if v]
                   for f in FIELDS if f.multi})
    values["page"] = stored.get("page") or None
    values["snippet"] = (snippet(stored["text"], terms, stored.get("compounds") or {})
                         if terms is not None else escape(stored["text"], quote=False))
    return Hit(**values)


def lookup(index, input_id: str):
    """Return one input as the index holds it, derived tags included, or None."""
    with index.searcher() as searcher:
        stored = searcher.document(id=input_id)
    return hit_of(stored) if stored else None


def suggestion_for(searcher, built: BuiltQuery, request: SearchRequest, total: int) -> str | None:
    """Return a spelling to suggest for the request's query, or None."""
    return spelling.suggest(searcher, built.words, request.query, total)


def search(index, request: SearchRequest, boosts: dict[str, float] | None = None) -> SearchResult:
    """Validate a request, build its query and run it on an index."""
    with open_search(index, request, boosts) as (searcher, built):
        return run(searcher, built, request)


@contextmanager
def open_search(index, request: SearchRequest, boosts: dict[str, float] | None = None):
    """Validate a request and build its query; yield a searcher and the built query, and turn
    the index's query errors into a QueryError."""
    validate(request)
    if index is None:
        raise SearchError("Søkeindeksen er ikke bygget ennå. Kjør «kb ingest corpus» eller "
                          "«kb reindex».")
    with index.searcher() as searcher:
        built = build_query(request, index.schema, boosts, searcher.reader())
        try:
            yield searcher, built
        except WhooshQueryError as error:
            raise QueryError(f"Søket kan ikke kjøres slik det er skrevet ({error}).") from error


def all_hits(index, request: SearchRequest) -> Iterator:
    """Yield every input a search finds, in its order, from one search (for export)."""
    with open_search(index, request) as (searcher, built):
        results = searcher.search(built.match, filter=built.filter_query(), limit=None,
                                  sortedby=order(built, request))
        for number in range(results.scored_length()):
            yield hit_of(results[number].fields())


_KNOWN: dict[tuple[str, int], dict[str, frozenset[str]]] = {}


def known_values(index) -> dict[str, frozenset[str]]:
    """Return every value of every filter field in the index, as text (cached per index)."""
    key = (index.storage.folder, index.latest_generation())
    found = _KNOWN.get(key)
    if found is None:
        with index.searcher() as searcher:
            found = {name: frozenset(_values(searcher.reader(), name)) for name in FILTERS}
        _KNOWN.clear()  # one index's values at a time; replaced whole, never seen half built
        _KNOWN[key] = found
    return found


def _values(reader, name: str) -> set[str]:
    if name == "year":
        return {str(stored["year"]) for stored in reader.all_stored_fields()}
    return {t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in reader.lexicon(name)}
