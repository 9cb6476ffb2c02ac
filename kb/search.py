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

import numpy as np
from whoosh import qparser, query
from whoosh.query.qcore import QueryError as WhooshQueryError

from kb import budget, meaning, spelling, synonyms
from kb.columns import others
from kb.engine import DOC, engine_for
from kb.fields import BY_NAME, FACETS, FILTERS
from kb.highlight import Terms
from kb.hits import Hit, Matcher, hit_of
from kb.query import QueryError, SearchError, Unit, check, including, only_excluded, render, \
    tidy, tokenise, words

__all__ = ["SearchRequest", "SearchResult", "Hit", "FacetValue", "BuiltQuery", "SearchError",
           "QueryError", "search", "open_search", "build_query", "run", "matches", "all_hits",
           "lookup", "known_values", "session_titles", "suggestion_for", "hit_of", "FACETS",
           "FILTERS"]

SORTS = ("relevance", "year", "rapport")
FIELD_BOOSTS = {"text": 1.0, "exact": 0.6, "parts": 0.35, "context": 0.2}
TEXT_FIELDS = ("text", "exact", "parts")  # the input's own words, not the headings over it
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 500
SHOWN_VALUES = 8  # existing values named in the message about an unknown filter value
FUSED_MORE = 50   # word hits beyond the page that meaning may lift onto it


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
    meaning: bool = True      # search by meaning too, where the index has vectors


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
    total_meaning: int = 0          # hits found by meaning only (part of total)
    meaning: bool = False           # whether search by meaning was used


@dataclass
class BuiltQuery:
    """A query ready to run: what to match, what to filter by, how to sort."""

    match: query.Query
    filters: dict[str, list[str | int]]
    words: list[str]
    expansions: list[str] = field(default_factory=list)
    text_match: query.Query | None = None   # the words in the text only; None: no words
    corrected: dict[str, str] = field(default_factory=dict)

    @property
    def hide(self) -> bool:
        """Say whether programme lines and figures are left out: unless a kind is chosen."""
        return "kind" not in self.filters

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
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not 0 <= number < 10_000:
        raise SearchError(f"Året må være et årstall, som 2025, ikke «{str(value)[:40]}».")
    return number


def check_values(built: BuiltQuery, columns) -> None:
    """Raise SearchError for a filter value no input has, naming the values that exist."""
    for name, values in built.filters.items():
        for value in values:
            if not columns.has(name, value):
                existing = columns[name].values if name in columns.columns else []
                raise SearchError(unknown_value(name, str(value),
                                                frozenset(map(str, existing))))


def unknown_value(name: str, value: str, existing: frozenset[str]) -> str:
    """Return the message for a filter value that no input has."""
    label = BY_NAME[name].label
    shown = sorted(existing, key=lambda v: (-int(v) if v.isdigit() else 0, v))
    if not shown:
        return f"Ingen tekst i basen har {label.lower()} «{value[:80]}»."
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


def run(engine, built: BuiltQuery, request: SearchRequest) -> SearchResult:
    """Run a built query: one page of hits, facet counts and a spelling suggestion."""
    columns = engine.columns
    match = engine.evaluate(built.match)
    allowed = columns.allowed(built.filters, built.hide)
    found = match.only(allowed[match.docs])
    limit = request.page * request.per_page
    in_text = _in_text(engine, built, request, allowed, found)
    sort = sort_of(built, request)
    by_meaning = _meaning(engine, built, request, allowed, found) if sort == "relevance" else None
    joined = by_meaning.joined if by_meaning is not None else np.zeros(0, DOC)
    total = len(found.docs) + len(joined)
    pages = max(1, -(-total // request.per_page))
    if request.page > pages:
        raise SearchError(f"Side {request.page} finnes ikke: søket har {pages} "
                          f"{'side' if pages == 1 else 'sider'}.")
    ranked = ordered(columns, found, in_text, sort, limit, by_meaning)
    matcher = Matcher(Terms.of(built.match, engine.reader()))
    start = (request.page - 1) * request.per_page
    stored = engine.searcher().stored_fields
    hits = [hit_of(stored(int(docnum)), matcher, meaning_only=docnum in joined)
            for docnum in ranked[start:limit]]
    corrected = _corrected(request.query, built.corrected)
    return SearchResult(query=request.query, total=total, page=request.page,
                        per_page=request.per_page, hits=hits,
                        facets=facet_counts(columns, built, match, allowed),
                        suggestion=None if corrected else suggestion_for(engine.searcher(), built,
                                                                          request),
                        parsed=str(built.match), expansions=built.expansions,
                        total_text=None if in_text is None else len(in_text.docs),
                        corrected=corrected, sort=sort, total_meaning=len(joined),
                        meaning=by_meaning is not None)


def _meaning(engine, built: BuiltQuery, request: SearchRequest, allowed, found):
    """Score the allowed documents by meaning, when asked for and possible, else None."""
    ready = engine.meaning() if request.meaning and built.has_words else None
    if ready is None:
        return None
    embedder, vectors = ready
    text = _corrected(request.query, built.corrected) or request.query
    query_vector = meaning.query_vector(embedder, text)
    return meaning.meaning(vectors, query_vector, allowed, found.docs, embedder.min_similarity)


def _in_text(engine, built: BuiltQuery, request: SearchRequest, allowed, found):
    """Return the hits with the words in their own text (None when there are no words)."""
    if not built.has_words:
        return None
    if request.only_text:
        return found
    text = engine.evaluate(built.text_match)
    return text.only(allowed[text.docs])


def ordered(columns, found, in_text, sort: str, limit: int, by_meaning=None) -> np.ndarray:
    """Return the first `limit` documents in the order asked for: for relevance, those with
    the words in their text first (by their score there), then the rest by their score, each
    group fused with its rank by meaning when there is one, and the inputs found by meaning
    only last."""
    if sort != "relevance":
        keys = columns.newest_first if sort == "year" else columns.report_order
        return _best(found.docs, keys[found.docs], limit)
    groups = [found] if in_text is None else [
        in_text, found.only(~np.isin(found.docs, in_text.docs, assume_unique=True))]
    ranked: list[np.ndarray] = []
    wanted = limit
    for group in groups:
        if wanted <= 0:
            break
        best = _best(group.docs, -group.scores, wanted + (FUSED_MORE if by_meaning else 0))
        if by_meaning is not None:
            best = meaning.fused(best, by_meaning)
        ranked.append(best[:wanted])
        wanted -= len(ranked[-1])
    if by_meaning is not None and wanted > 0:
        ranked.append(by_meaning.joined[:wanted])
    return np.concatenate(ranked) if ranked else np.zeros(0, DOC)


def _best(docs: np.ndarray, keys: np.ndarray, limit: int) -> np.ndarray:
    """Return up to `limit` documents with the smallest keys, in order (ties by document)."""
    if len(docs) > limit:
        chosen = np.argpartition(keys, limit - 1)[:limit]
        docs, keys = docs[chosen], keys[chosen]
    return docs[np.lexsort((docs, keys))]


def facet_counts(columns, built: BuiltQuery, match, allowed) -> dict[str, list[FacetValue]]:
    """Count each facet's values among the hits; a field with a chosen value (and the kind,
    whose hidden values are offered) is counted without its own filter."""
    shared = match.docs[allowed[match.docs]]
    documents = len(allowed)
    shared_others = others(shared, documents)
    facets = {}
    for name in FACETS:
        docs, not_docs = shared, shared_others
        if name in built.filters or (name == "kind" and built.hide):
            own = columns.allowed(built.filters, built.hide, without=name)
            docs = match.docs[own[match.docs]]
            not_docs = others(docs, documents)
        facets[name] = _sorted(name, columns[name].counts(docs, not_docs))
    return facets


def _sorted(name: str, counts: list[tuple[object, int]]) -> list[FacetValue]:
    values = [FacetValue(value, count) for value, count in counts if value not in (None, "")]
    if name == "year":
        return sorted(values, key=lambda v: -int(v.value))
    return sorted(values, key=lambda v: (-v.count, str(v.value)))


def _corrected(text: str, replaced: dict[str, str]) -> str | None:
    """Return the query with misspelt words replaced, as shown to the user, or None."""
    if not replaced:
        return None
    return spelling.replace_words(text, replaced)


def lookup(index, input_id: str):
    """Return one input as the index holds it, derived tags included, or None."""
    stored = engine_for(index).searcher().document(id=input_id)
    return hit_of(stored) if stored else None


def suggestion_for(searcher, built: BuiltQuery, request: SearchRequest) -> str | None:
    """Return a spelling to suggest for the request's query, or None."""
    return spelling.suggest(searcher, built.words, request.query)


def search(index, request: SearchRequest, boosts: dict[str, float] | None = None) -> SearchResult:
    """Validate a request, build its query and run it on an index."""
    with open_search(index, request, boosts) as (engine, built):
        return run(engine, built, request)


@contextmanager
def open_search(index, request: SearchRequest, boosts: dict[str, float] | None = None):
    """Validate a request and build its query; yield the index's engine (kept open across
    searches) and the built query, and turn the index's query errors into a QueryError."""
    validate(request)
    if index is None:
        raise SearchError("Søkeindeksen er ikke bygget ennå. Kjør «kb ingest corpus» eller "
                          "«kb reindex».")
    engine = engine_for(index)
    engine.columns  # read once per generation, not on the search's time
    with budget.within():  # every search below keeps to the time budget (kb.engine checks)
        built = build_query(request, engine.reader().schema, boosts, engine.searcher())
        check_values(built, engine.columns)
        try:
            yield engine, built
        except WhooshQueryError as error:
            raise QueryError(f"Søket kan ikke kjøres slik det er skrevet ({error}).") from error


def matches(engine, built: BuiltQuery, filters: dict | None = None):
    """Return the documents a built query matches through its filters, scored."""
    found = engine.evaluate(built.match)
    allowed = engine.columns.allowed(built.filters if filters is None else filters, built.hide)
    return found.only(allowed[found.docs])


def all_hits(index, request: SearchRequest) -> Iterator:
    """Yield every input a search finds, in its order (for export)."""
    with open_search(index, request) as (engine, built):
        found = matches(engine, built)
        in_text = _in_text(engine, built, request,
                           engine.columns.allowed(built.filters, built.hide), found)
        stored = engine.searcher().stored_fields
        for docnum in ordered(engine.columns, found, in_text, sort_of(built, request),
                              max(1, len(found.docs))):
            yield hit_of(stored(int(docnum)))


def known_values(index) -> dict[str, frozenset[str]]:
    """Return every value of every facet field in the index, as text."""
    columns = engine_for(index).columns
    return {name: frozenset(str(v) for v in column.values)
            for name, column in columns.columns.items() if name in FILTERS}


def session_titles(index) -> dict[str, str]:
    """Return each session's name with its theme, «Bolk 1: Inkluderende arbeidsliv»; a name
    several years use gets each year's theme."""
    columns = engine_for(index).columns
    session, theme, year = columns["session"], columns["theme"], columns["year"]
    held = (session.codes >= 0) & (theme.codes >= 0) & engine_for(index).live
    triples = np.unique(np.stack([session.codes[held], theme.codes[held], year.codes[held]]),
                        axis=1) if held.any() else np.zeros((3, 0), int)
    themes: dict[str, dict[str, list[int]]] = {}
    for s_code, t_code, y_code in triples.T:
        years = themes.setdefault(session.values[s_code], {}).setdefault(theme.values[t_code], [])
        years.append(year.values[y_code])
    titles = {}
    for name, found in themes.items():
        if len(found) == 1:
            titles[name] = f"{name}: {next(iter(found))}"
        else:
            titles[name] = f"{name}: " + "; ".join(
                f"{title} ({', '.join(map(str, sorted(years)))})"
                for title, years in sorted(found.items(), key=lambda item: -max(item[1])))
    return titles
