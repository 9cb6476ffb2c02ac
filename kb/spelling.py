"""Words the index does not know: what to search for them, and a spelling to suggest.

A query word no input holds may be a compound (norskkrav → norsk AND krav) or a
misspelling (diskriminring → diskriminering): the search step below adds both as
alternatives with a lower weight. A suggestion («Mente du …?») is offered for
words that are unknown, or rare while a near spelling is common.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb.analysis import fold, tokens
from kb.compounds import Splitter
from kb.query import Alternative, Unit, with_alternatives
from kb.synonyms import listed

PART_WEIGHT = 0.5   # the parts of an unknown compound, both required
FUZZY_WEIGHT = 0.4  # words spelt nearly like an unknown word
FUZZY_MIN = 5       # shorter words get no automatic fuzzy match: too many neighbours
FUZZY_PREFIX = 2    # the first letters must agree, which keeps the expansion fast
RARE = 1  # a word in at most this many inputs may be a misspelling of a more common one
WORD_ONLY = re.compile(r"^[^\W\d_]+$")


@lru_cache(maxsize=1)
def query_splitter() -> Splitter:
    """Return the splitter for query words (the general lexicon; loaded once)."""
    return Splitter()


def known(reader, word: str) -> bool:
    """Say whether the index holds the word, as written, by its stem or as a part."""
    if reader.doc_frequency("exact", fold(word.lower())):
        return True
    return any(reader.doc_frequency(name, stem) for stem in tokens(word, mode="query")
               for name in ("text", "parts"))


def add_alternatives(units: list[Unit], reader, fuzzy: bool = True,
                     split: bool = True) -> list[Unit]:
    """Give each plain word the index does not know its parts and its near spellings."""
    found: list[Unit] = []
    covered = 0  # units that belong to a run with alternatives already
    for unit in units:
        if covered:
            covered -= 1
            found.append(unit)
            continue
        if unit.alternatives:
            covered = unit.span - 1
            found.append(unit)
            continue
        options = _options(unit, reader, fuzzy, split) if unit.kind == "word" else []
        found.append(with_alternatives(unit, options) if options else unit)
    return found


def _options(unit: Unit, reader, fuzzy: bool, split: bool) -> list[Alternative]:
    word = unit.text
    if not unit.plain or not WORD_ONLY.match(word) or known(reader, word):
        return []
    options = []
    parts = query_splitter().split(word) if split else ()
    if parts:
        options.append(Alternative("(" + " AND ".join(parts) + ")", PART_WEIGHT, "parts"))
    if fuzzy and len(word) >= FUZZY_MIN:
        options.append(Alternative(f"({word}~1/{FUZZY_PREFIX})", FUZZY_WEIGHT, "fuzzy"))
    return options


def suggest(searcher, words: list[str], text: str, total: int) -> str | None:
    """Suggest a spelling from the words in the index for each word of the query that is
    unknown or rare while a word a letter or two away is more common (språkrav → språkkrav)."""
    corrector = searcher.corrector("exact")
    reader = searcher.reader()
    suggestion = text
    for word in words:
        folded = fold(word.lower())
        frequency = reader.doc_frequency("exact", folded)
        if frequency > RARE or listed(word) or (total and not frequency and known(reader, word)):
            continue
        found = sorted((w for w in corrector.suggest(folded, limit=5,
                                                     maxdist=1 if frequency else 2, prefix=1)
                        if w != folded and reader.doc_frequency("exact", w) >= max(1, 2 * frequency)),
                       key=lambda w: (edits(folded, w), -reader.doc_frequency("exact", w)))
        if found:
            better = found[0].capitalize() if word[:1].isupper() else found[0]
            suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, suggestion, count=1)
    return suggestion if suggestion != text else None


def edits(a: str, b: str) -> int:
    """Return the Levenshtein distance between two words."""
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, char_b in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           previous + (char_a != char_b))
    return row[-1]
