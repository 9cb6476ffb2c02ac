"""Norwegian text analysis, the same at index time and at query time.

tokenize → lower-case → fold spellings and accents → add the parts of joined
words (index time) → drop stopwords → Snowball-stem.

The steps are Whoosh filters (`chained_analyzer`), but the analyzers the index
uses run them once per distinct word and cache the result (`NorwegianTokenizer`):
a text repeats its words, and a base of reports repeats them far more.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from nltk.stem.snowball import NorwegianStemmer
from whoosh.analysis import (Analyzer, CompositeAnalyzer, Filter, LowercaseFilter,
                             RegexTokenizer, StemFilter, StopFilter, Token, Tokenizer)
from whoosh.formats import Positions

# Words with internal joiners stay whole: "B2-nivå", "SLT/SaLTo", "f.eks.".
TOKEN_PATTERN = r"\w+(?:[-/.'’]\w+)*"
JOINERS = "-/.'’"
KEEP_LETTERS = frozenset("åøæÅØÆ")
OLD_AA = (("aa", "å"), ("Aa", "Å"), ("AA", "Å"))
TRANSLITERATIONS = (("oe", "ø"), ("ae", "æ"), ("Oe", "Ø"), ("Ae", "Æ"))
FOLD_MARGIN = 0.5  # the å/ø/æ spelling must be this much more common (Zipf) to be chosen
FOLDABLE = re.compile("|".join(old for old, _ in OLD_AA + TRANSLITERATIONS))


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Fold old spellings to å/ø/æ and strip accents, keeping å, ø and æ.

    "aa" is always an old å (Aasmund = Åsmund). "oe" and "ae" are folded only when the
    folded word is the more common spelling, since they are ordinary letters in
    naboer, temaer and noen but stand for ø and æ in Hoeyre and saerlig.
    """
    if word.isascii() and not FOLDABLE.search(word):
        return word  # nothing to fold: the common case, kept fast
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


def chained_analyzer(stemmed: bool = True) -> Analyzer:
    """Return the analysis as a chain of Whoosh filters, one step each (what the cached
    tokenizer below does, and what indexes built before it name in their schema)."""
    chain = (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter() | PartsFilter()
             | StopFilter(stoplist=stopwords(), minsize=1))
    return chain | StemFilter(stemfn=stem, cachesize=50000) if stemmed else chain


class NorwegianTokenizer(Tokenizer):
    """Run the whole analysis of each distinct word once and replay it from a cache; the
    tokens, positions and character offsets are those of `chained_analyzer`."""

    def __init__(self, stemmed: bool = True):
        self.stemmed = stemmed

    def __eq__(self, other):
        return self.__class__ is other.__class__ and self.stemmed == other.stemmed

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        index_mode = mode == "index"
        matches = _WORD.finditer(value) if tokenize else [_Whole(value)]
        position = None  # the position of the last word kept (stopwords renumbered away)
        for number, match in enumerate(matches):
            for rank, (text, stopped) in enumerate(_analysed(match.group(0), index_mode,
                                                             self.stemmed)):
                if stopped and removestops:
                    continue
                token.text, token.boost, token.stopped = text, 1.0, stopped
                token.part = rank > 0  # a part of a joined word, after the word itself
                if keeporiginal:
                    token.original = match.group(0)
                if positions:
                    if stopped:
                        token.pos = start_pos + number
                    else:
                        position = start_pos + number if position is None else position + 1
                        token.pos = position
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token


class _Whole:
    """A match standing for the whole value, when the caller asks for no tokenizing."""

    def __init__(self, value: str):
        self.value = value

    def group(self, _index: int) -> str:
        return self.value

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self.value)


_WORD = re.compile(TOKEN_PATTERN)
_POSITIONS = Positions()


@lru_cache(maxsize=500_000)
def _analysed(word: str, index_mode: bool, stemmed: bool) -> tuple[tuple[str, bool], ...]:
    """Return the tokens of one word as written: (text, stopped) for the word and, at index
    time, the parts of a joined word."""
    whole = fold(word.lower())
    texts = [whole]
    if index_mode and any(j in whole for j in JOINERS):
        texts += [part for part in _split_joined(whole) if len(part) > 1 and part != whole]
    stops = stopwords()
    return tuple((stem(text) if stemmed and text and text not in stops else text,
                  not text or text in stops) for text in texts)


@lru_cache(maxsize=1)
def norwegian_analyzer() -> Analyzer:
    """Return the analyzer used for body text, at index and query time alike (one per process)."""
    return CompositeAnalyzer(NorwegianTokenizer(stemmed=True))


@lru_cache(maxsize=1)
def exact_analyzer() -> Analyzer:
    """Return the analyzer of word forms as written: no stemming (ranking, spelling)."""
    return CompositeAnalyzer(NorwegianTokenizer(stemmed=False))


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


# Index time without the token machinery: what a field of the index receives for a value,
# worked out once per text and shared by the fields that index the same text.

def postings(value: str, stemmed: bool, pairs: bool) -> list[tuple[bytes, int, float, bytes]]:
    """Return what Whoosh's TEXT field (positions; with `pairs`, frequencies of neighbouring
    words) gets from analysing value at index time with the analyzers above: (term, frequency,
    weight, encoded value) per distinct term, equal to its `index()` but without a Token per
    word. Tests compare the two on the real report."""
    terms, weights, values, _ = columns(value, stemmed, pairs)
    return [(term, int(weight), weight, encoded)
            for term, weight, encoded in zip(terms, weights, values)]


@lru_cache(maxsize=4096)  # a tag line repeats over many inputs; a text over four fields
def columns(value: str, stemmed: bool, pairs: bool
            ) -> tuple[list[bytes], list[float], list[bytes], int]:
    """Return `postings` as columns, as a segment's writer keeps them (kb.pool): the terms,
    their weights (frequencies), their encoded values, and the field's length (the sum of
    the frequencies)."""
    kept, first = _kept(value, stemmed)
    if pairs:  # held or not: Whoosh's Existence format
        terms = [term.encode("utf-8") for term in dict.fromkeys(_neighbours(kept))]
        return terms, [1.0] * len(terms), [b""] * len(terms), len(terms)
    places: dict[str, list[int]] = {}
    for position, (text, _) in enumerate(kept, first):
        places.setdefault(text, []).append(position)
    return ([term.encode("utf-8") for term in places],
            [float(len(found)) for found in places.values()],
            [_encoded(tuple(found)) for found in places.values()], len(kept))


@lru_cache(maxsize=100_000)  # most words stand once in a text, at one of a few hundred places
def _encoded(places: tuple[int, ...]) -> bytes:
    return _POSITIONS.encode(places)


class _Words(dict):
    """The tokens each word as written keeps at index time, (text, is a part of a joined
    word), worked out on first sight: a dictionary lookup per word of a text."""

    def __init__(self, stemmed: bool) -> None:
        super().__init__()
        self.stemmed = stemmed

    def __missing__(self, word: str) -> tuple[tuple[str, bool], ...]:
        if len(self) >= WORDS_KEPT:
            self.clear()
        kept = self[word] = tuple((text, rank > 0) for rank, (text, stopped)
                                  in enumerate(_analysed(word, True, self.stemmed))
                                  if not stopped)
        return kept


WORDS_KEPT = 500_000  # words whose tokens are kept, per analysis (stemmed or not)
_WORDS = {True: _Words(True), False: _Words(False)}


@lru_cache(maxsize=8)
def _kept(value: str, stemmed: bool) -> tuple[list[tuple[str, bool]], int]:
    """Return the tokens NorwegianTokenizer keeps at index time, (text, is a part of a joined
    word), and the position of the first: each one after it stands at the next position."""
    words = _WORDS[stemmed]
    found = [words[word] for word in _WORD.findall(value)]  # no groups: the whole match
    first = next((number for number, kept in enumerate(found) if kept), 0)
    return [token for kept in found for token in kept], first


def _neighbours(kept: list[tuple[str, bool]]):
    """Yield the pairs PairsFilter makes of the kept tokens."""
    if not any(part for _, part in kept):  # no joined words: each token and the next
        return (f"{first} {second}" for (first, _), (second, _) in zip(kept, kept[1:]))
    return _joined_neighbours(kept)


def _joined_neighbours(kept: list[tuple[str, bool]]):
    previous: list[str] = []
    current: list[str] = []
    for text, part in kept:
        if part and current:
            current.append(text)
            continue
        yield from (f"{first} {second}" for first in previous for second in current)
        previous, current = current, [text]
    if kept:
        yield from (f"{first} {second}" for first in previous for second in current)
