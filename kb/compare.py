"""Compare conference years: theme × year counts, inputs side by side, and for each input
the most similar inputs of earlier years ("tatt opp før") or none ("nytt").

A comparison evaluates the query once (kb.engine), whatever the number of years: the
table is a count over the matching documents' theme and year columns, each year's
column its best documents, and one more query finds the earlier inputs that may be
similar to the inputs shown.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np
from whoosh import query as whoosh_query

from kb.analysis import tokens
from kb.engine import engine_for
from kb.highlight import Terms
from kb.hits import Matcher
from kb.search import (Hit, SearchError, SearchRequest, hit_of, matches, open_search, ordered,
                       sort_of, suggestion_for)
from kb.spelling import replace_words

NO_THEME = "uten felles tema"
SIMILAR = 0.5     # cosine over stems from which an earlier input counts as raised before
CANDIDATES = 10   # earlier inputs looked at for each input
KEY_STEMS = 12    # the input's rarest stems, searched to find the candidates
COLUMN_SIZE = 10
MOST_CANDIDATES = 500  # earlier inputs compared at most, for all the inputs shown
RAISED_BEFORE = 0.9    # cosine of the vectors from which an earlier input counts as raised before


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
    score: float          # the similarity: cosine of the vectors, or of the stems without them
    words: float = 0.0    # the cosine of the stems, which breaks ties between vectors


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
    corrected: str | None = None    # the query as searched, when misspelt words were replaced

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
    with open_search(index, request) as (engine, built):
        columns = engine.columns
        found = matches(engine, built)
        base = inputs_per_year(engine)
        table = _table(columns, built, found.docs, base, every_year=True)
        if chosen:
            theme = columns["canonical"].ids.get(chosen, -2)
            found = found.only(columns["canonical"].codes[found.docs] == theme)
        ranked = _by_year(columns, ordered(columns, found, None, sort_of(built, request),
                                           len(found.docs)))
        matcher = Matcher(Terms.of(built.match, engine.reader()))
        stored = engine.searcher().stored_fields
        shown = {year: [hit_of(stored(int(n)), matcher) for n in docs[:per_year]]
                 for year, docs in ranked.items()}
        marks = iter(mark_all(engine, [hit for year in table.years
                                       for hit in shown.get(year, [])]))
        suggestion = None if table.totals and any(table.totals.values()) else suggestion_for(
            engine.searcher(), built, request)
    side = [Column(year, len(ranked.get(year, [])),
                   [next(marks) for _ in shown.get(year, [])]) for year in table.years]
    corrected = replace_words(request.query, built.corrected) if built.corrected else None
    return Comparison(table, sorted(base), side, chosen, suggestion, corrected)


def matrix(index, request: SearchRequest) -> Matrix:
    """Count the matches of a search per canonical theme and year (only the years with
    matches, unless years are filtered)."""
    request = replace(request, page=1, per_page=1)
    with open_search(index, request) as (engine, built):
        found = matches(engine, built)
        return _table(engine.columns, built, found.docs, inputs_per_year(engine),
                      every_year=False)


def _table(columns, built, docs: np.ndarray, base: dict[int, int], every_year: bool) -> Matrix:
    """Count documents per canonical theme (none as its own row) and year."""
    theme, year = columns["canonical"], columns["year"]
    themes, years = theme.codes[docs], year.codes[docs]
    cells = np.bincount((themes + 1) * len(year.values) + years,
                        minlength=(len(theme.values) + 1) * len(year.values))
    cells = cells.reshape(len(theme.values) + 1, len(year.values))
    counts: dict[str, dict[int, int]] = {}
    for row, col in zip(*np.nonzero(cells)):
        name = theme.values[row - 1] if row else NO_THEME
        counts.setdefault(name, {})[int(year.values[col])] = int(cells[row, col])
    chosen = set(built.filters.get("canonical", []))
    if chosen:  # a canonical filter narrows the rows to the chosen themes
        counts = {t: c for t, c in counts.items() if t in chosen or t == NO_THEME}
    totals = {int(year.values[col]): int(n) for col, n in enumerate(cells.sum(axis=0)) if n}
    wanted = built.filters.get("year")
    if wanted:
        shown = sorted(int(y) for y in wanted)
    else:
        shown = sorted(set(totals) | (set(base) if every_year else set()))
    rows = sorted((t for t in counts if t != NO_THEME), key=lambda t: (-sum(counts[t].values()), t))
    if NO_THEME in counts:
        rows.append(NO_THEME)
    return Matrix(shown, rows, counts, {y: totals.get(y, 0) for y in shown},
                  {y: base.get(y, 0) for y in shown})


def _by_year(columns, docs: np.ndarray) -> dict[int, np.ndarray]:
    """Split documents given in order into each year's, keeping the order."""
    codes = columns["year"].codes[docs]
    return {int(columns["year"].values[code]): docs[codes == code] for code in np.unique(codes)}


def inputs_per_year(engine) -> dict[int, int]:
    """Return how many texts each year in the base has (programme lines and figures aside)."""
    columns = engine.columns
    year = columns["year"]
    codes = year.codes[engine.live & ~columns.hidden]
    counted = np.bincount(codes[codes >= 0], minlength=len(year.values))
    return {int(year.values[i]): int(counted[i]) for i in np.flatnonzero(counted)}


def mark_all(engine, hits: list[Hit], limit: int = 3) -> list[Marked]:
    """Mark each hit with the similar inputs of earlier years: by meaning where the index has
    vectors (the words breaking ties), else from one query for the rarest words of all."""
    if hits and engine.meaning() is not None:
        return _marked_by_meaning(engine, hits, limit)
    stems = [Counter(tokens(hit.text, mode="query")) for hit in hits]
    reader = engine.reader()
    keys = {s for counter in stems
            for s in sorted(counter, key=lambda s: reader.doc_frequency("text", s))[:KEY_STEMS]}
    if not keys or not hits:
        return [Marked(hit) for hit in hits]
    latest = max(hit.year for hit in hits)
    found = engine.evaluate(whoosh_query.Or([whoosh_query.Term("text", s) for s in keys]))
    columns = engine.columns
    years = np.asarray(columns["year"].values, np.int64)[np.maximum(
        columns["year"].codes[found.docs], 0)]
    found = found.only((years < latest) & ~columns.hidden[found.docs])
    best = found.docs[np.argsort(-found.scores, kind="stable")[:max(
        MOST_CANDIDATES, CANDIDATES * len(hits))]]
    stored = engine.searcher().stored_fields
    candidates = [(s["id"], s["year"], s["text"], s.get("theme"),
                   Counter(tokens(s["text"], mode="query")))
                  for s in (stored(int(n)) for n in best)]
    return [Marked(hit, _earlier(hit, counter, candidates, limit))
            for hit, counter in zip(hits, stems)]


def _marked_by_meaning(engine, hits: list[Hit], limit: int) -> list[Marked]:
    """Mark each hit with the earlier inputs whose vectors are closest to its own."""
    embedder, vectors = engine.meaning()
    columns, searcher = engine.columns, engine.searcher()
    years = np.asarray(columns["year"].values, np.int64)[np.maximum(columns["year"].codes, 0)]
    usable = engine.live[:len(vectors)] & ~columns.hidden[:len(vectors)]
    marked = []
    for hit in hits:
        docnum = searcher.document_number(id=hit.id)
        earlier = np.flatnonzero(usable & (years[:len(vectors)] < hit.year))
        if docnum is None or not len(earlier):
            marked.append(Marked(hit))
            continue
        similarity = np.asarray(vectors[earlier] @ vectors[docnum], np.float32)
        close = np.flatnonzero(similarity >= RAISED_BEFORE)
        best = close[np.argsort(-similarity[close], kind="stable")[:limit * 3]]
        stems = Counter(tokens(hit.text, mode="query"))
        found = []
        for index in best:
            stored = searcher.stored_fields(int(earlier[index]))
            words = _cosine(stems, Counter(tokens(stored["text"], mode="query")))
            found.append(Earlier(stored["id"], stored["year"], stored["text"],
                                 stored.get("theme"), round(float(similarity[index]), 3), words))
        found.sort(key=lambda e: (-e.score, -e.words))
        marked.append(Marked(hit, found[:limit]))
    return marked


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
    return mark_all(engine_for(index), hits)


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(a[s] * b[s] for s in a.keys() & b.keys())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


__all__ = ["NO_THEME", "COLUMN_SIZE", "Matrix", "Earlier", "Marked", "Column", "Comparison",
           "compare", "matrix", "mark", "mark_all", "inputs_per_year", "SearchError"]
