"""Compare conference years: theme × year counts, inputs side by side, and for each input
the most similar inputs of earlier years ("tatt opp før") or none ("nytt")."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from whoosh import query as whoosh_query

from kb.analysis import tokens
from kb.search import SearchRequest, SearchResult, search

NO_THEME = "uten felles tema"
SIMILAR = 0.5     # cosine over stems from which an earlier input counts as raised before
CANDIDATES = 10   # earlier inputs looked at for each input
KEY_STEMS = 12    # the input's rarest stems, searched to find the candidates


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

    hit: object
    earlier: list[Earlier] = field(default_factory=list)

    @property
    def raised_before(self) -> bool:
        return bool(self.earlier)


def matrix(index, request: SearchRequest) -> Matrix:
    """Count the matches of a search per canonical theme and year."""
    first = search(index, replace(request, page=1, per_page=1))
    wanted = request.filters.get("year")
    years = sorted(int(y) for y in wanted) if wanted else sorted(
        int(v.value) for v in first.facets["year"])
    chosen = set(request.filters.get("canonical", []))
    counts: dict[str, dict[int, int]] = {}
    totals, every_year = {}, inputs_per_year(index)
    inputs = {year: every_year.get(year, 0) for year in years}
    for year in years:
        result = search(index, _in_year(request, year))
        totals[year] = result.total
        themed = 0
        for value in result.facets["canonical"]:
            if chosen and value.value not in chosen:
                continue  # a facet with an active filter also counts the other values
            counts.setdefault(str(value.value), {})[year] = value.count
            themed += value.count
        if result.total > themed:
            counts.setdefault(NO_THEME, {})[year] = result.total - themed
    order = sorted((t for t in counts if t != NO_THEME),
                   key=lambda t: (-sum(counts[t].values()), t))
    if NO_THEME in counts:
        order.append(NO_THEME)
    return Matrix(years, order, counts, totals, inputs)


def inputs_per_year(index) -> dict[int, int]:
    """Return how many inputs each year in the base has, from one search for everything."""
    return {int(v.value): v.count for v in search(index, SearchRequest(per_page=1)).facets["year"]}


def columns(index, request: SearchRequest, per_year: int = 10,
            years: list[int] | None = None) -> dict[int, SearchResult]:
    """Return the best matches of each year (the years with matches, unless given)."""
    years = matrix(index, request).years if years is None else years
    return {year: search(index, replace(_in_year(request, year), per_page=per_year))
            for year in years}


def mark(index, hits: list) -> list[Marked]:
    """Mark each hit with the similar inputs of earlier years, if there are any."""
    with index.searcher() as searcher:
        return [Marked(hit, earlier_similar(searcher, hit.text, hit.year)) for hit in hits]


def earlier_similar(searcher, text: str, year: int, limit: int = 3) -> list[Earlier]:
    """Return inputs of years before `year` whose stems are close to the text's."""
    stems = Counter(tokens(text, mode="query"))
    if not stems:
        return []
    reader = searcher.reader()
    keys = sorted(stems, key=lambda s: reader.doc_frequency("text", s))[:KEY_STEMS]
    candidates = searcher.search(
        whoosh_query.Or([whoosh_query.Term("text", s) for s in keys]),
        filter=whoosh_query.NumericRange("year", None, year - 1), limit=CANDIDATES)
    found = []
    for hit in candidates:
        score = _cosine(stems, Counter(tokens(hit["text"], mode="query")))
        if score >= SIMILAR:
            found.append(Earlier(hit["id"], hit["year"], hit["text"], hit.get("theme"),
                                 round(score, 3)))
    return sorted(found, key=lambda e: -e.score)[:limit]


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(a[s] * b[s] for s in a.keys() & b.keys())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _in_year(request: SearchRequest, year: int) -> SearchRequest:
    return replace(request, page=1, per_page=1, filters={**request.filters, "year": [year]})
