"""Norwegian text analysis, the same at index time and at query time.

tokenize → lower-case → fold spellings and accents → add the parts of joined
words (index time) → drop stopwords → Snowball-stem.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

from nltk.stem.snowball import NorwegianStemmer
from whoosh.analysis import (Analyzer, Filter, LowercaseFilter, RegexTokenizer,
                             StemFilter, StopFilter)

# Words with internal joiners stay whole: "B2-nivå", "SLT/SaLTo", "f.eks.".
TOKEN_PATTERN = r"\w+(?:[-/.'’]\w+)*"
JOINERS = "-/.'’"
KEEP_LETTERS = frozenset("åøæÅØÆ")
OLD_AA = (("aa", "å"), ("Aa", "Å"), ("AA", "Å"))
TRANSLITERATIONS = (("oe", "ø"), ("ae", "æ"), ("Oe", "Ø"), ("Ae", "Æ"))
FOLD_MARGIN = 0.5  # the å/ø/æ spelling must be this much more common (Zipf) to be chosen


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Fold old spellings to å/ø/æ and strip accents, keeping å, ø and æ.

    "aa" is always an old å (Aasmund = Åsmund). "oe" and "ae" are folded only when the
    folded word is the more common spelling, since they are ordinary letters in
    naboer, temaer and noen but stand for ø and æ in Hoeyre and saerlig.
    """
    word = unicodedata.normalize("NFC", word)
    for old, new in OLD_AA:
        word = word.replace(old, new)
    if any(old in word for old, _ in TRANSLITERATIONS):
        candidate = word
        for old, new in TRANSLITERATIONS:
            candidate = candidate.replace(old, new)
        if _zipf(candidate) > _zipf(word) + FOLD_MARGIN:
            word = candidate
    if all(ord(char) < 128 or char in KEEP_LETTERS for char in word):
        return word
    return "".join(c for char in word for c in (
        (char,) if char in KEEP_LETTERS else unicodedata.normalize("NFKD", char))
        if not unicodedata.combining(c))


def _zipf(word: str) -> float:
    """Return how common a bokmål word is, from wordfreq's list (shipped in the package)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "nb", wordlist="large")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Return the Norwegian stopword list shipped with the package."""
    text = resources.files("kb").joinpath("data/stopwords_no.txt").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


_stemmer = NorwegianStemmer()


def stem(word: str) -> str:
    """Snowball-stem a word; also drop an 'e' or 'a' the stemmer left behind.

    Snowball takes -e and -a off "moske" and "tema" but leaves them on "moskeer" and
    "temaer" (it removes -er there), so the two forms would not meet.
    """
    if any(char.isdigit() for char in word):
        return word
    root = _stemmer.stem(word)
    if len(root) > 3 and root.endswith(("e", "a")):
        root = root[:-1]
    return root


class FoldFilter(Filter):
    """Fold old spellings and accents in each token."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


class PartsFilter(Filter):
    """At index time, also emit the parts of joined words at the same position."""

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode != "index" or not any(j in token.text for j in JOINERS):
                continue
            whole = token.text
            for part in _split_joined(whole):
                if len(part) > 1 and part != whole:
                    extra = token.copy()
                    extra.text = part
                    extra.part = True  # at the same position as the whole word
                    yield extra


class PairsFilter(Filter):
    """Emit each pair of neighbouring words ("trygg nabolag") instead of the words, so that a
    phrase is found from the pairs it is made of, without reading positions. The parts of a
    joined word stand at its place: "B2-nivå krav" gives "b2-nivå krav", "b2 krav", "nivå krav"."""

    def __call__(self, tokens):
        previous: list[str] = []
        current: list[str] = []
        pair = None  # the token emitted, apart from the chain's own (which earlier steps reuse)
        for token in tokens:
            if pair is None:
                pair = token.copy()
            if getattr(token, "part", False) and current:
                current.append(token.text)
                continue
            text = token.text
            yield from _pairs(pair, previous, current)
            previous, current = current, [text]
        if pair is not None:
            yield from _pairs(pair, previous, current)


def _pairs(pair, left: list[str], right: list[str]):
    for first in left:
        for second in right:
            pair.text = f"{first} {second}"
            yield pair


def _split_joined(word: str) -> list[str]:
    for joiner in JOINERS[1:]:
        word = word.replace(joiner, JOINERS[0])
    return word.split(JOINERS[0])


@lru_cache(maxsize=1)
def norwegian_analyzer() -> Analyzer:
    """Return the analyzer used for body text, at index and query time alike (one per process)."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()
            | PartsFilter() | StopFilter(stoplist=stopwords(), minsize=1)
            | StemFilter(stemfn=stem, cachesize=50000))


@lru_cache(maxsize=1)
def exact_analyzer() -> Analyzer:
    """Return the analyzer of word forms as written: no stemming (ranking, spelling)."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()
            | PartsFilter() | StopFilter(stoplist=stopwords(), minsize=1))


@lru_cache(maxsize=1)
def pairs_analyzer() -> Analyzer:
    """Return the analyzer of neighbouring stems, for phrases (see PairsFilter)."""
    return norwegian_analyzer() | PairsFilter()


@lru_cache(maxsize=1)
def exact_pairs_analyzer() -> Analyzer:
    """Return the analyzer of neighbouring word forms as written, for phrases."""
    return exact_analyzer() | PairsFilter()


def tokens(text: str, mode: str = "index") -> list[str]:
    """Analyse text and return the token texts, as the index would see them."""
    return [t.text for t in norwegian_analyzer()(text, mode=mode)]
