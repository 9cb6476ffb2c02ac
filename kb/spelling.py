"""Words the index does not know: a spelling to search instead, or what to search besides.

A query word that is in no input, is no common Norwegian word, no stopword, no
entry of the synonym list and no compound of known words is taken for a
misspelling: when a word a letter or two away is in the base, the search step
`correct` searches that word instead (and the user is told: «Viser treff for
språkkrav»). A word still unknown after that may be a compound (norskkrav →
norsk AND krav) or a misspelling with no close match: `add_alternatives` adds
its parts and near spellings with a lower weight. `suggest` offers a spelling
(«Mente du …?») when correcting is switched off.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kb.analysis import fold, stopwords, tokens
from kb.compounds import Splitter, general_zipf
from kb.query import Alternative, Unit, with_alternatives
from kb.synonyms import listed

PART_WEIGHT = 0.5   # the parts of an unknown compound, both required
FUZZY_WEIGHT = 0.4  # words spelt nearly like an unknown word
FUZZY_MIN = 5       # shorter words get no automatic fuzzy match: too many neighbours
FUZZY_PREFIX = 2    # the first letters must agree, which keeps the expansion fast
COMMON_ZIPF = 3.0   # a general word this common (once per million words) is never corrected
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


def misspelt(reader, word: str) -> bool:
    """Say whether a query word may be a misspelling: in no input, and no word a Norwegian
    writer would use on purpose (a stopword, a common word, a listed term, a compound)."""
    folded = fold(word.lower())
    if not WORD_ONLY.match(word) or folded in stopwords() or listed(word) or known(reader, word):
        return False
    if general_zipf().get(folded, 0.0) >= COMMON_ZIPF:
        return False
    parts = query_splitter().split(word)
    return not (parts and all(known(reader, part) for part in parts))


def near_spelling(searcher, word: str) -> str | None:
    """Return the word of the base spelt most nearly like a misspelt word, or None."""
    folded = fold(word.lower())
    reader = searcher.reader()
    found = sorted((w for w in searcher.corrector("exact").suggest(folded, limit=5, maxdist=2,
                                                                   prefix=1) if w != folded),
                   key=lambda w: (edits(folded, w), -reader.doc_frequency("exact", w)))
    if not found:
        return None
    return found[0].capitalize() if word[:1].isupper() else found[0]


def correct(units: list[Unit], searcher) -> tuple[list[Unit], dict[str, str]]:
    """Search a near spelling instead of each misspelt plain word; return what was replaced."""
    replaced: dict[str, str] = {}
    found = []
    for unit in units:
        better = None
        if unit.kind == "word" and unit.plain and misspelt(searcher.reader(), unit.text):
            better = near_spelling(searcher, unit.text)
        if better:
            replaced[unit.text] = better
            unit = replace(unit, text=better)
        found.append(unit)
    return found, replaced


def suggest(searcher, words: list[str], text: str) -> str | None:
    """Suggest a spelling for each misspelt word of the query (språkrav → språkkrav)."""
    better = {word: near_spelling(searcher, word) for word in words
              if misspelt(searcher.reader(), word)}
    suggestion = replace_words(text, {w: b for w, b in better.items() if b})
    return suggestion if suggestion != text else None


def replace_words(text: str, replaced: dict[str, str]) -> str:
    """Return the text with each word of the mapping replaced where it stands as a word."""
    for word, better in replaced.items():
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, text, count=1)
    return text


def edits(a: str, b: str) -> int:
    """Return the Levenshtein distance between two words."""
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, char_b in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           previous + (char_a != char_b))
    return row[-1]
