"""Compare conference years: theme × year counts, inputs side by side, and for each input
the most similar inputs of earlier years ("tatt opp før") or none ("nytt").

A comparison runs a fixed number of index searches whatever the number of years:
one grouped search for the table and the columns (two when the columns show one
theme), one for the number of inputs per year, and one for the earlier inputs
that may be similar to the inputs shown.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from whoosh import query as whoosh_query
from whoosh import sorting

from kb.analysis import tokens
from kb.highlight import Terms
from kb.search import (BuiltQuery, Hit, SearchError, SearchRequest, hit_of, open_search, order,
                       suggestion_for)

NO_THEME = "uten felles tema"
SIMILAR = 0.5     # cosine over stems from which an earlier input counts as raised before
CANDIDATES = 10   # earlier inputs looked at for each input
KEY_STEMS = 12    # the input's rarest stems, searched to find the candidates
COLUMN_SIZE = 10


@dataclass
class Matrix:
    """Matches per canonical theme and year, with each year's matches and all its inputs."""

    years: list[int]
    themes: list[str]
    counts: dict[str, dict[int, int]]
    totals: dict[int, int]
    inputs: dict[int, int]

    def count(self, theme: str, year: int) -> int:
        return self.counts.get(theme, {}).get(year, 0)

    def share(self, theme: str, year: int) -> float:
        """Return the theme's matches as a share of all that year's inputs."""
        return self.count(theme, year) / self.inputs[year] if self.inputs.get(year) else 0.0


@dataclass
class Earlier:
    id: str
    year: int
    text: str
    theme: str | None
    score: float


@dataclass
class Marked:
    """An input in a year column, marked new or raised before, with the earlier ones."""

    hit: Hit
    earlier: list[Earlier] = field(default_factory=list)

    @property
    def raised_before(self) -> bool:
        return bool(self.earlier)


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


def compare(index, request: SearchRequest, chosen: str | None = None,
            per_year: int = COLUMN_SIZE) -> Comparison:
    """Return the theme × year table of a search and its best inputs year by year, each
    column showing only the chosen canonical theme when one is given."""
    request = replace(request, page=1, per_page=1)
    with open_search(index, request) as (searcher, built):
        base = inputs_per_year(searcher)
        table, ranked, suggestion = _table(searcher, built, request, base)
        if chosen:
            themed = replace(built, filters={**built.filters, "canonical": [chosen]})
            ranked = _ranked(searcher, themed, request)
        terms = Terms.of(built.match, searcher.reader())
        columns = {year: [hit_of(searcher.stored_fields(n), terms) for n in docs[:per_year]]
                   for year, docs in ranked.items()}
        shown = [hit for year in table.years for hit in columns.get(year, [])]
        marks = iter(mark_all(searcher, shown))
    side = [Column(year, len(ranked.get(year, [])),
                   [next(marks) for _ in columns.get(year, [])]) for year in table.years]
    return Comparison(table, sorted(base), side, chosen, suggestion)


def matrix(index, request: SearchRequest) -> Matrix:
    """Count the matches of a search per canonical theme and year (only the years with
    matches, unless years are filtered)."""
    request = replace(request, page=1, per_page=1)
    with open_search(index, request) as (searcher, built):
        base = inputs_per_year(searcher)
        table = _table(searcher, built, request, base, every_year=False)[0]
    return table


def _table(searcher, built: BuiltQuery, request: SearchRequest, base: dict[int, int],
           every_year: bool = True) -> tuple[Matrix, dict[int, list[int]], str | None]:
    """Return the matrix, each year's matching documents best first, and a suggestion."""
    pair = sorting.MultiFacet([sorting.FieldFacet("canonical"), sorting.FieldFacet("year")],
                              maptype=sorting.Count)
    results = searcher.search(built.match, filter=built.filter_query(), limit=1,
                              sortedby=order(built, request),
                              groupedby={"pair": pair, "year": _year_list()})
    counts: dict[str, dict[int, int]] = {}
    for (theme, year), count in results.groups("pair").items():
        key = theme if theme else NO_THEME
        counts.setdefault(key, {})
        counts[key][int(year)] = counts[key].get(int(year), 0) + count
    chosen = set(built.filters.get("canonical", []))
    if chosen:  # a canonical filter narrows the rows to the chosen themes
        counts = {t: c for t, c in counts.items() if t in chosen or t == NO_THEME}
    ranked = {int(y): docs for y, docs in results.groups("year").items()}
    totals = {year: len(docs) for year, docs in ranked.items()}
    wanted = built.filters.get("year")
    if wanted:
        years = sorted(int(y) for y in wanted)
    else:
        years = sorted(set(totals) | (set(base) if every_year else set()))
    rows = sorted((t for t in counts if t != NO_THEME), key=lambda t: (-sum(counts[t].values()), t))
    if NO_THEME in counts:
        rows.append(NO_THEME)
    table = Matrix(years, rows, counts, {y: totals.get(y, 0) for y in years},
                   {y: base.get(y, 0) for y in years})
    return table, ranked, suggestion_for(searcher, built, request, len(results))


def _ranked(searcher, built: BuiltQuery, request: SearchRequest) -> dict[int, list[int]]:
    """Return each year's matching document numbers, best (or first in the report) first."""
    results = searcher.search(built.match, filter=built.filter_query(), limit=1,
                              sortedby=order(built, request), groupedby={"year": _year_list()})
    return {int(year): docs for year, docs in results.groups("year").items()}


def _year_list():
    """Group by year, keeping each year's documents in the order of the results."""
    return sorting.FieldFacet("year", maptype=sorting.OrderedList)


def inputs_per_year(searcher) -> dict[int, int]:
    """Return how many inputs each year in the base has."""
    results = searcher.search(whoosh_query.Every(), limit=1,
                              groupedby={"year": sorting.FieldFacet("year")},
                              maptype=sorting.Count)
    return {int(year): count for year, count in results.groups("year").items()}


def mark_all(searcher, hits: list[Hit], limit: int = 3) -> list[Marked]:
    """Mark each hit with the similar inputs of earlier years, from one search for the
    rarest words of all of them."""
    stems = [Counter(tokens(hit.text, mode="query")) for hit in hits]
    reader = searcher.reader()
    keys = {s for counter in stems
            for s in sorted(counter, key=lambda s: reader.doc_frequency("text", s))[:KEY_STEMS]}
    latest = max((hit.year for hit in hits), default=0)
    if not keys or not hits:
        return [Marked(hit) for hit in hits]
    found = searcher.search(whoosh_query.Or([whoosh_query.Term("text", s) for s in keys]),
                            filter=whoosh_query.NumericRange("year", None, latest - 1),
                            limit=None)
    candidates = [(hit["id"], hit["year"], hit["text"], hit.get("theme"),
                   Counter(tokens(hit["text"], mode="query"))) for hit in found]
    return [Marked(hit, _earlier(hit, counter, candidates, limit))
            for hit, counter in zip(hits, stems)]


def _earlier(hit: Hit, stems: Counter, candidates: list, limit: int) -> list[Earlier]:
    found = []
    for identifier, year, text, theme, other in candidates:
        if year < hit.year and stems:
            score = _cosine(stems, other)
            if score >= SIMILAR:
                found.append(Earlier(identifier, year, text, theme, round(score, 3)))
    return sorted(found, key=lambda e: -e.score)[:limit]


def mark(index, hits: list[Hit]) -> list[Marked]:
    """Mark each hit with the similar inputs of earlier years, if there are any."""
    with index.searcher() as searcher:
        return mark_all(searcher, hits)


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(a[s] * b[s] for s in a.keys() & b.keys())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


__all__ = ["NO_THEME", "COLUMN_SIZE", "Matrix", "Earlier", "Marked", "Column", "Comparison",
           "compare", "matrix", "mark", "mark_all", "inputs_per_year", "SearchError"]
