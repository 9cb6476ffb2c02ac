"""Search the index: build a query from text and filters, then run it.

Query language: plain words (ranked; inputs with more of the words first),
"phrases", -exclusion, +requirement, OR, AND, prefix*, fuzzy~ and filters
written as field:value (år:2025, tema:"Trygge nabolag", type:innspill, …).
Plain words also find compounds they are part of (språk → språkkrav) and, unless
switched off, their synonyms from kb/data/synonyms.txt.

Building a query is a chain of small steps over the query's units (kb.query):
filters → syntax → spelling (kb.spelling) → synonyms (kb.synonyms) → unknown
words → the Whoosh parser. Running it is separate, so a built query can be shown
and tested. Inputs with the words in their text come before inputs that match
only through a heading they sit under (theme, question, category …).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from whoosh import qparser, query, sorting
from whoosh.query.qcore import QueryError as WhooshQueryError

from kb import budget, spelling, synonyms
from kb.fields import BY_NAME, FACETS, FILTERS, HIDDEN_KINDS, MULTI
from kb.highlight import Terms
from kb.hits import Hit, Matcher, hit_of
from kb.query import QueryError, SearchError, Unit, check, including, only_excluded, render, \
    tidy, tokenise, words

__all__ = ["SearchRequest", "SearchResult", "Hit", "FacetValue", "BuiltQuery", "SearchError",
           "QueryError", "search", "open_search", "build_query", "run", "order", "all_hits",
           "lookup", "known_values", "session_titles", "suggestion_for", "hit_of", "FACETS",
           "FILTERS"]

SORTS = ("relevance", "year", "rapport")
FIELD_BOOSTS = {"text": 1.0, "exact": 0.6, "parts": 0.35, "context": 0.2}
TEXT_FIELDS = ("text", "exact", "parts")  # the input's own words, not the headings over it
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 500
SHOWN_VALUES = 8  # existing values named in the message about an unknown filter value


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"   # with no words: the report's order whatever is asked
    synonyms: bool = True
    fuzzy: bool = True        # correct misspelt words and search near spellings
    only_text: bool = False   # only inputs with the words in their own text


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
    total_text: int | None = None   # hits with the words in their text (None: no words)
    corrected: str | None = None    # the query as searched, when misspelt words were replaced
    sort: str = "relevance"         # the order the hits are in


@dataclass
class BuiltQuery:
    """A query ready to run: what to match, what to filter by, how to sort."""

    match: query.Query
    filters: dict[str, list[str | int]]
    words: list[str]
    expansions: list[str] = field(default_factory=list)
    text_match: query.Query | None = None   # the words in the text only; None: no words
    corrected: dict[str, str] = field(default_factory=dict)

    def filter_query(self, without: str | None = None) -> query.Query | None:
        parts = [query.Or([query.Term(name, value) for value in values])
                 for name, values in self.filters.items() if name != without and values]
        return query.And(parts) if parts else None

    def mask(self, without: str | None = None) -> query.Query | None:
        """Return what is left out unless asked for: programme lines and figures."""
        if "kind" in self.filters or without == "kind":
            return None
        return query.Or([query.Term("kind", kind) for kind in sorted(HIDDEN_KINDS)])

    @property
    def has_words(self) -> bool:
        return self.text_match is not None


def validate(request: SearchRequest) -> None:
    """Raise SearchError for paging, sorting or filters out of range."""
    if request.page < 1 or request.page > MAX_PAGE:
        raise SearchError("Sidetallet må være et helt tall fra 1 og oppover.")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise SearchError(f"Antall treff per side må være mellom 1 og {MAX_PER_PAGE}.")
    if request.sort not in SORTS:
        raise SearchError("Sortering må være «relevance» (relevans), «year» (nyeste år først) "
                          "eller «rapport» (rapportens rekkefølge).")
    unknown = sorted(set(request.filters) - set(FILTERS))
    if unknown:
        raise SearchError(f"Ukjent filter: {', '.join(unknown)}. Filtrene er "
                          f"{', '.join(FILTERS)}.")


def build_query(request: SearchRequest, schema, boosts: dict[str, float] | None = None,
                searcher=None) -> BuiltQuery:
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
    corrected: dict[str, str] = {}
    if searcher is not None and request.fuzzy:
        units, corrected = spelling.correct(units, searcher)
    if request.synonyms:
        units = synonyms.add(units)
    if searcher is not None:
        units = spelling.add_alternatives(units, searcher.reader(), request.fuzzy,
                                          split="parts" in boosts)
    expansions = list(dict.fromkeys(a.shown for u in units for a in u.alternatives if a.shown))
    in_text = {name: weight for name, weight in boosts.items() if name in TEXT_FIELDS}
    text_match = _parse(units, schema, in_text)
    match = text_match if request.only_text else _parse(units, schema, boosts)
    if searcher is not None:  # each pattern's words looked up once, capped, within the budget
        seen: dict = {}
        text_match = budget.expand(text_match, searcher.reader(), seen)
        match = text_match if request.only_text else budget.expand(match, searcher.reader(), seen)
    return BuiltQuery(match, filters, words(units), expansions, text_match, corrected)


def _filters(given: dict[str, list[str]], written: dict[str, list[str]]) -> dict[str, list]:
    """Merge the filters of the request with those written in the query, typed for the index."""
    merged: dict[str, list] = {}
    for source in (given, written):
        for name, values in source.items():
            for value in values:
                typed = _filter_value(name, value)
                if typed not in merged.setdefault(name, []):
                    merged[name].append(typed)
    return {name: values for name, values in merged.items() if values}


def _filter_value(name: str, value: str | int) -> str | int:
    if BY_NAME[name].type is not int:
        return str(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SearchError(f"Året må være et årstall, som 2025, ikke «{value}».") from None


def check_values(built: BuiltQuery, known: dict[str, frozenset[str]]) -> None:
    """Raise SearchError for a filter value no input has, naming the values that exist."""
    for name, values in built.filters.items():
        for value in values:
            if str(value) not in known.get(name, ()):
                raise SearchError(unknown_value(name, str(value), known.get(name, frozenset())))


def unknown_value(name: str, value: str, existing: frozenset[str]) -> str:
    """Return the message for a filter value that no input has."""
    label = BY_NAME[name].label
    shown = sorted(existing, key=lambda v: (-int(v) if v.isdigit() else 0, v))
    if not shown:
        return f"Ingen tekster i basen har {label.lower()}, så filteret kan ikke brukes."
    names = ", ".join(f"«{v[:60]}{'…' if len(v) > 60 else ''}»" for v in shown[:SHOWN_VALUES])
    more = f" og {len(shown) - SHOWN_VALUES} til" if len(shown) > SHOWN_VALUES else ""
    return (f"Filteret {label.lower()} har ingen verdi «{value[:80]}» i basen. "
            f"Verdiene som finnes, er {names}{more}.")


def _parse(units: list[Unit], schema, boosts: dict[str, float]) -> query.Query:
    parser = _parser(schema, boosts)
    try:
        if only_excluded(units):  # only exclusions: everything but them, rather than nothing
            return query.AndNot(query.Every(), parser.parse(render(including(units))))
        return parser.parse(render(units))
    except Exception as error:  # whatever the parser trips on is the query's fault: a 400
        raise QueryError("Søket kan ikke leses slik det er skrevet. Sjekk anførselstegn, "
                         "parenteser og ord som AND, OR og NOT.") from error


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


def sort_of(built: BuiltQuery, request: SearchRequest) -> str:
    """Return the order the hits come in: with no words, the report's order."""
    return request.sort if built.has_words else ("year" if request.sort == "year" else "rapport")


def order(built: BuiltQuery, request: SearchRequest):
    """Return what to sort by: None for relevance, else year and position in the report."""
    sort = sort_of(built, request)
    if sort == "relevance":
        return None
    return [sorting.FieldFacet("year", reverse=sort == "year"), sorting.FieldFacet("position")]


def run(searcher, built: BuiltQuery, request: SearchRequest) -> SearchResult:
    """Run a built query: one page of hits, facet counts and a spelling suggestion."""
    limit = request.page * request.per_page
    results = searcher.search(built.match, filter=built.filter_query(), mask=built.mask(),
                              limit=limit, sortedby=order(built, request),
                              groupedby=_facets(built, exclude_active=True))
    total = len(results)
    pages = max(1, -(-total // request.per_page))
    if request.page > pages:
        raise SearchError(f"Side {request.page} finnes ikke: søket har {pages} "
                          f"{'side' if pages == 1 else 'sider'}.")
    ranked, total_text = _ranked(searcher, built, request, results, limit)
    matcher = Matcher(Terms.of(built.match, searcher.reader()))
    start = (request.page - 1) * request.per_page
    hits = [hit_of(searcher.stored_fields(docnum), matcher) for docnum in ranked[start:limit]]
    facets = {name: _counts(results, name) for name in FACETS if name not in built.filters}
    for name in FACETS:
        if name in built.filters or (name == "kind" and built.mask() is not None):
            facets[name] = _counts(searcher.search(
                built.match, filter=built.filter_query(without=name), limit=1,
                mask=built.mask(without=name), groupedby=_facets(built, only=name)), name)
    corrected = _corrected(request.query, built.corrected)
    return SearchResult(query=request.query, total=total, page=request.page,
                        per_page=request.per_page, hits=hits,
                        facets={name: facets[name] for name in FACETS},
                        suggestion=None if corrected else suggestion_for(searcher, built, request),
                        parsed=str(built.match), expansions=built.expansions,
                        total_text=total_text, corrected=corrected,
                        sort=sort_of(built, request))


def _ranked(searcher, built: BuiltQuery, request: SearchRequest, results,
            limit: int) -> tuple[list[int], int | None]:
    """Return the documents of the first pages in order, and how many hold the words in their
    text: for relevance, those first, then those found only under a heading."""
    every = [docnum for _, docnum in results.top_n]
    if not built.has_words:
        return every, None
    if request.only_text:
        return every, len(results)
    in_text = searcher.search(built.text_match, filter=built.filter_query(),
                              mask=built.mask(), limit=limit)
    if sort_of(built, request) != "relevance":
        return every, len(in_text)
    first = [docnum for _, docnum in in_text.top_n]
    rest = []
    if len(first) < limit and len(in_text) < len(results):
        hidden = set(in_text.docs())
        if built.mask() is not None:
            hidden |= set(searcher.docs_for_query(built.mask()))
        rest = [docnum for _, docnum in searcher.search(
            built.match, filter=built.filter_query(), mask=hidden,
            limit=limit - len(first)).top_n]
    return first + rest, len(in_text)


def _corrected(text: str, replaced: dict[str, str]) -> str | None:
    """Return the query with misspelt words replaced, as shown to the user, or None."""
    if not replaced:
        return None
    return spelling.replace_words(text, replaced)


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


def lookup(index, input_id: str):
    """Return one input as the index holds it, derived tags included, or None."""
    with index.searcher() as searcher:
        stored = searcher.document(id=input_id)
    return hit_of(stored) if stored else None


def suggestion_for(searcher, built: BuiltQuery, request: SearchRequest) -> str | None:
    """Return a spelling to suggest for the request's query, or None."""
    return spelling.suggest(searcher, built.words, request.query)


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
    with budget.within(), index.searcher() as searcher:
        searcher = budget.Guarded(searcher)  # every search below keeps to the time budget
        built = build_query(request, index.schema, boosts, searcher)
        check_values(built, known_values(index))
        try:
            yield searcher, built
        except WhooshQueryError as error:
            raise QueryError(f"Søket kan ikke kjøres slik det er skrevet ({error}).") from error


def all_hits(index, request: SearchRequest) -> Iterator:
    """Yield every input a search finds, in its order, from one search (for export)."""
    with open_search(index, request) as (searcher, built):
        results = searcher.search(built.match, filter=built.filter_query(), mask=built.mask(),
                                  limit=None, sortedby=order(built, request))
        for number in range(results.scored_length()):
            yield hit_of(results[number].fields())


_CACHE: dict[tuple[str, int], dict[str, object]] = {}


def _per_index(index, name: str, compute):
    """Return what compute(index) gives, computed once per index generation."""
    key = (index.storage.folder, index.latest_generation())
    entry = _CACHE.get(key)
    if entry is None:
        _CACHE.clear()  # one index's values at a time; replaced whole, never seen half built
        entry = _CACHE[key] = {}
    if name not in entry:
        entry[name] = compute(index)
    return entry[name]


def known_values(index) -> dict[str, frozenset[str]]:
    """Return every value of every filter field in the index, as text (cached per index)."""
    return _per_index(index, "values", _known_values)


def _known_values(index) -> dict[str, frozenset[str]]:
    with index.searcher() as searcher:
        return {name: frozenset(_values(searcher.reader(), name)) for name in FILTERS}


def _values(reader, name: str) -> set[str]:
    if BY_NAME[name].type is int:
        return {str(stored[name]) for stored in reader.all_stored_fields() if name in stored}
    return {t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in reader.lexicon(name)}


def session_titles(index) -> dict[str, str]:
    """Return each session's name with its theme, «Bolk 1: Inkluderende arbeidsliv»; a name
    several years use gets each year's theme."""
    return _per_index(index, "sessions", _session_titles)


def _session_titles(index) -> dict[str, str]:
    themes: dict[str, dict[str, list[int]]] = {}
    with index.searcher() as searcher:
        for stored in searcher.reader().all_stored_fields():
            if stored.get("session") and stored.get("theme"):
                years = themes.setdefault(stored["session"], {}).setdefault(stored["theme"], [])
                if stored["year"] not in years:
                    years.append(stored["year"])
    titles = {}
    for session, found in themes.items():
        if len(found) == 1:
            titles[session] = f"{session}: {next(iter(found))}"
        else:
            titles[session] = f"{session}: " + "; ".join(
                f"{theme} ({', '.join(map(str, sorted(years)))})"
                for theme, years in sorted(found.items(), key=lambda item: -max(item[1])))
    return titles
