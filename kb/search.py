"""Search the index: build a query from text and filters, then run it.

Query language: plain words (ranked; inputs with more of the words first),
"phrases", -exclusion, +requirement, OR, AND, prefix*, fuzzy~ and filters
written as field:value (år:2025, tema:"Trygge nabolag", type:innspill, …).
Plain words also find compounds they are part of (språk → språkkrav) and, unless
switched off, their synonyms from kb/data/synonyms.txt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from whoosh import qparser, query, sorting
from whoosh.query.qcore import QueryError as WhooshQueryError

from kb.analysis import fold, tokens
from kb.compounds import Splitter
from kb.highlight import Terms, snippet
from kb.synonyms import OPERATORS, expand, listed

FACETS = ("year", "theme", "session", "question", "category", "kind", "speaker",
          "organisation", "canonical", "topic")
FILTERS = ("year", "theme", "session", "question", "category", "subcategory", "kind",
           "speaker", "organisation", "canonical", "topic")
# Names a user may write before a colon in the query, in Norwegian or English.
FILTER_NAMES = {
    "år": "year", "year": "year", "tema": "theme", "theme": "theme", "bolk": "session",
    "sesjon": "session", "session": "session", "spørsmål": "question", "question": "question",
    "kategori": "category", "category": "category", "underkategori": "subcategory",
    "type": "kind", "kind": "kind", "taler": "speaker", "speaker": "speaker",
    "organisasjon": "organisation", "organisation": "organisation",
    "hovedtema": "canonical", "canonical": "canonical", "emne": "topic", "topic": "topic",
}
SORTS = ("relevance", "year")
OVERLAPPING = frozenset({"topic"})  # an input can have several topics
FIELD_BOOSTS = {"text": 1.0, "exact": 0.6, "parts": 0.35, "context": 0.2}
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 500
PART_WEIGHT = 0.5   # the parts of an unknown compound, both required
FUZZY_WEIGHT = 0.4  # words spelt nearly like an unknown word
FUZZY_MIN = 5       # shorter words get no automatic fuzzy match: too many neighbours
FUZZY_PREFIX = 2    # the first letters must agree, which keeps the expansion fast
WORD_ONLY = re.compile(r"^[^\W\d_]+$")
RARE = 1  # a word in at most this many inputs may be a misspelling of a more common one
FILTER_IN_QUERY = re.compile(
    r'(?<!\S)(?P<name>[^\s:"]+):(?P<value>"[^"]*"|[^\s"]+)', re.IGNORECASE)
DANGLING = re.compile(r"^(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?:\s+|$)|\s+(?:AND|OR|NOT|ANDNOT|ANDMAYBE)$")
EXCLUDED = re.compile(r'(?<!\S)-("[^"]*"|[^\s"]+)')
WILDCARD = re.compile(r"(?<!\S)[-+]?(?P<stem>[^\s*\"()]*)\*")


class SearchError(ValueError):
    """A search that cannot be run; the message tells the user how to fix it, in Norwegian."""


class QueryError(SearchError):
    """The query text cannot be read."""


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"
    synonyms: bool = True
    fuzzy: bool = True


@dataclass
class Hit:
    id: str
    year: int
    kind: str
    text: str
    snippet: str
    document: str | None
    page: int | None
    position: int
    theme: str | None = None
    session: str | None = None
    question: str | None = None
    question_no: int | None = None
    category: str | None = None
    subcategory: str | None = None
    speaker: str | None = None
    organisation: str | None = None
    canonical: str | None = None
    topics: list[str] = field(default_factory=list)


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
    hits: list[Hit]
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
    if request.page < 1 or request.page > 10_000:
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
    filters = {name: list(values) for name, values in request.filters.items() if values}
    text = _take_filters(text, filters)
    _check_syntax(text)
    text = _without_dangling_operators(text)
    filters = {name: [_filter_value(name, v) for v in values] for name, values in filters.items()}
    if not text:
        return BuiltQuery(query.Every(), filters, [])
    words = _plain_words(text)
    boosts = boosts or FIELD_BOOSTS
    fallback = (_unknown_words(reader, request.fuzzy, split="parts" in boosts)
                if reader is not None else None)
    text, expansions = expand(text, request.synonyms, fallback)
    parser = _parser(schema, boosts)
    excluded = [m.group(1) for m in EXCLUDED.finditer(text)]
    if excluded and not EXCLUDED.sub(" ", text).strip():
        # Only exclusions: everything but them, rather than nothing.
        parsed = query.AndNot(query.Every(), parser.parse(" OR ".join(excluded)))
    else:
        parsed = parser.parse(text)
    return BuiltQuery(parsed, filters, words, expansions)


def _parser(schema, boosts: dict[str, float]) -> qparser.QueryParser:
    """Return the parser over stems (`text`), word forms as written (`exact`), parts of
    compounds (`parts`, so a whole word ranks above a part) and tags (`context`)."""
    parser = qparser.MultifieldParser(list(boosts), schema, fieldboosts=boosts,
                                      group=qparser.OrGroup.factory(0.9))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.FieldsPlugin)
    # A minus or plus only counts at the start of a word, so "B2-nivå" stays one word.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<!\S)\+", minusexpr=r"(?<!\S)-"))
    return parser


def _unknown_words(reader, fuzzy: bool, split: bool):
    """Return what to search besides a word the index does not know: its parts when it is
    a compound (norskkrav → norsk AND krav), and words spelt nearly like it."""
    def alternatives(word: str) -> list[str]:
        if not WORD_ONLY.match(word) or _known(reader, word):
            return []
        options = []
        parts = query_splitter().split(word) if split else ()
        if parts:
            options.append("(" + " AND ".join(parts) + f")^{PART_WEIGHT}")
        if fuzzy and len(word) >= FUZZY_MIN:
            options.append(f"({word}~1/{FUZZY_PREFIX})^{FUZZY_WEIGHT}")
        return options
    return alternatives


def _known(reader, word: str) -> bool:
    if reader.doc_frequency("exact", fold(word.lower())):
        return True
    return any(reader.doc_frequency(name, stem) for stem in tokens(word, mode="query")
               for name in ("text", "parts"))


@lru_cache(maxsize=1)
def query_splitter() -> Splitter:
    """Return the splitter for query words (the general lexicon; loaded once)."""
    return Splitter()


def _take_filters(text: str, filters: dict[str, list[str]]) -> str:
    def take(match: re.Match) -> str:
        name = FILTER_NAMES.get(match.group("name").lower())
        if name is None:
            return match.group(0)
        filters.setdefault(name, []).append(match.group("value").strip('"'))
        return " "
    return FILTER_IN_QUERY.sub(take, text).strip()


def _without_dangling_operators(text: str) -> str:
    """Drop operators with nothing on one side, and syntax with no word at all."""
    previous = None
    while previous != text:
        previous, text = text, DANGLING.sub("", text).strip()
    return text if re.search(r"\w", text) else ""


def _filter_value(name: str, value: str | int) -> str | int:
    if name != "year":
        return str(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SearchError(f"Året må være et årstall, som 2025, ikke «{value}».") from None


def _check_syntax(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('Et anførselstegn mangler sin partner. Sett frasen i "doble anførselstegn".')
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise QueryError("Parentesene i søket går ikke opp. Hver ( trenger en ).")
    for match in WILDCARD.finditer(text):
        if len(match.group("stem")) < 2 or "*" in match.group("stem"):
            raise QueryError("Jokertegnet * må stå til slutt i et ord, etter minst to bokstaver, "
                             "som i språk*.")


def _plain_words(text: str) -> list[str]:
    words = re.findall(r"(?<![-\w])[^\W\d_][\w\-/.]*", re.sub(r'["~^*]', " ", text))
    return [w for w in words if w not in OPERATORS]


def run(searcher, built: BuiltQuery, request: SearchRequest) -> SearchResult:
    """Run a built query: one page of hits, facet counts and a spelling suggestion."""
    sortedby = None  # by score
    if request.sort == "year" or isinstance(built.match, query.Every):
        sortedby = [sorting.FieldFacet("year", reverse=True), sorting.FieldFacet("position")]
    limit = request.page * request.per_page
    results = searcher.search(built.match, filter=built.filter_query(), limit=limit,
                              sortedby=sortedby, groupedby=_facets(built, exclude_active=True))
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
                        suggestion=suggest(searcher, built, request.query, total),
                        parsed=str(built.match), expansions=built.expansions)


def _facets(built: BuiltQuery, exclude_active: bool = False, only: str | None = None):
    names = [only] if only else [n for n in FACETS if not (exclude_active and n in built.filters)]
    return {name: sorting.FieldFacet(name, maptype=sorting.Count, allow_overlap=name in OVERLAPPING)
            for name in names} or None


def _counts(results, name: str) -> list[FacetValue]:
    groups = results.groups(name)
    values = [FacetValue(value, count) for value, count in groups.items()
              if value not in (None, "")]
    if name == "year":
        return sorted(values, key=lambda v: -int(v.value))
    return sorted(values, key=lambda v: (-v.count, str(v.value)))


def hit_of(fields: dict, terms: Terms | None = None) -> Hit:
    """Return the hit for an input's stored index fields, marked for the terms if given."""
    return Hit(id=fields["id"], year=fields["year"], kind=fields["kind"], text=fields["text"],
               snippet=snippet(fields["text"], terms or Terms(), fields.get("compounds") or {}),
               document=fields.get("document"), page=fields.get("page") or None,
               position=fields["position"], question_no=fields.get("question_no"),
               canonical=fields.get("canonical"),
               topics=[t for t in (fields.get("topic") or "").split(",") if t],
               **{name: fields.get(name) for name in
                  ("theme", "session", "question", "category", "subcategory", "speaker",
                   "organisation")})


def lookup(index, input_id: str) -> Hit | None:
    """Return one input as the index holds it, derived tags included, or None."""
    with index.searcher() as searcher:
        fields = searcher.document(id=input_id)
    return hit_of(fields) if fields else None


def suggest(searcher, built: BuiltQuery, text: str, total: int) -> str | None:
    """Suggest a spelling from the words in the index for each word of the query that is
    unknown or rare while a word a letter or two away is more common (språkrav → språkkrav)."""
    corrector = searcher.corrector("exact")
    reader = searcher.reader()
    suggestion = text
    for word in built.words:
        folded = fold(word.lower())
        frequency = reader.doc_frequency("exact", folded)
        if frequency > RARE or listed(word) or (total and not frequency and _known(reader, word)):
            continue
        found = sorted((w for w in corrector.suggest(folded, limit=5,
                                                     maxdist=1 if frequency else 2, prefix=1)
                        if w != folded and reader.doc_frequency("exact", w) >= max(1, 2 * frequency)),
                       key=lambda w: (_edits(folded, w), -reader.doc_frequency("exact", w)))
        if found:
            better = found[0].capitalize() if word[:1].isupper() else found[0]
            suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, suggestion, count=1)
    return suggestion if suggestion != text else None


def _edits(a: str, b: str) -> int:
    """Return the Levenshtein distance between two words."""
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, char_b in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           previous + (char_a != char_b))
    return row[-1]


def search(index, request: SearchRequest, boosts: dict[str, float] | None = None) -> SearchResult:
    """Validate a request, build its query and run it on an index."""
    if index is None:
        raise SearchError("Søkeindeksen er ikke bygget ennå. Kjør «kb ingest corpus» eller «kb reindex».")
    validate(request)
    with index.searcher() as searcher:
        built = build_query(request, index.schema, boosts, searcher.reader())
        try:
            return run(searcher, built, request)
        except WhooshQueryError as error:
            raise QueryError(f"Søket kan ikke kjøres slik det er skrevet ({error}).") from error
