"""Split Norwegian compounds into their parts: språkkrav → språk + krav.

The lexicon is a general Norwegian word list with frequencies (wordfreq's bokmål
list, which ships inside the package) plus the words of the reports themselves.
A split is kept only when its parts are, on average, more common words than the
whole (Koehn and Knight's rule), so "frivillig" stays whole but "språkkrav"
splits; derivational endings such as -het are never parts.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from kb.analysis import fold, stopwords

MIN_PART = 3                 # a part of three letters must also be common (SHORT_ZIPF)
LONG_PART = 4
LINKS = ("s", "e")           # linking letters: arbeid-s-liv, barn-e-hage
PART_ZIPF = 3.0              # a general word this common may be a part
SHORT_ZIPF = 4.5             # a three-letter part must be this common: lav, opp, liv
REPORT_WORD_ZIPF = 3.0       # the weight of a word known only from the reports
MAX_PARTS = 3
SPLIT_MARGIN = 0.5           # the parts must be this much more common than the whole word
# Endings that are words too but here make derivations or inflections, not compounds.
SUFFIXES = frozenset({"het", "heter", "ere", "ende", "else", "ing", "inger", "ingen", "ring",
                      "ringen", "lig", "lige", "skap", "dom", "ens", "ler", "ter", "tet", "ene",
                      "isk", "elle", "erne", "enes", "ester", "aker", "ren", "lens", "jon",
                      "joner", "iver", "ner"})
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def general_zipf() -> dict[str, float]:
    """Return bokmål words and their Zipf frequency (log10 per billion words) from wordfreq."""
    from wordfreq import get_frequency_dict

    zipf: dict[str, float] = {}
    for word, frequency in get_frequency_dict("nb", wordlist="large").items():
        if frequency > 0:
            key = fold(word)  # "spraak" folds onto "språk": keep the more common spelling
            zipf[key] = max(zipf.get(key, 0.0), math.log10(frequency) + 9)
    return zipf


class Splitter:
    """Split words with a lexicon of known words and their frequencies."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self.zipf = general_zipf()
        known = {w for w in vocabulary if len(w) >= LONG_PART and w not in self.zipf}
        self.report_words = frozenset(known)
        self.stop = stopwords()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._written: dict[str, tuple[str, tuple[str, ...]]] = {}  # by the word as written

    @classmethod
    def for_texts(cls, texts: Iterable[str]) -> Splitter:
        """Return a splitter whose lexicon also holds every word of the texts."""
        written: set[str] = set()
        for text in texts:
            written.update(WORD.findall(text))
        return cls({fold(word.lower()) for word in written})  # each form once, not each use

    def weight(self, word: str) -> float:
        """Return how common a word is (Zipf), 0 when it may not be a part."""
        if word in self.stop or word in SUFFIXES or len(word) < MIN_PART:
            return 0.0
        zipf = self.zipf.get(word, REPORT_WORD_ZIPF if word in self.report_words else 0.0)
        floor = SHORT_ZIPF if len(word) == MIN_PART else PART_ZIPF
        return zipf if zipf >= floor else 0.0

    def split(self, word: str) -> tuple[str, ...]:
        """Return the parts of a compound, or () when the word is not one."""
        word = fold(word.lower())
        if word not in self._cache:
            parts = self._best(word, MAX_PARTS) if word.isalpha() else ()
            whole = self.zipf.get(word, 0.0)
            if parts and sum(map(self.weight, parts)) / len(parts) <= whole + SPLIT_MARGIN:
                parts = ()
            self._cache[word] = parts
        return self._cache[word]

    def _best(self, word: str, most: int) -> tuple[str, ...]:
        """Return the split with fewest parts and, among those, the most common parts."""
        candidates = []
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = self._head(word[:cut]), word[cut:]
            if head and self.weight(tail):
                candidates.append((head, tail))
        if candidates:
            return max(candidates, key=lambda pair: self.weight(pair[0]) + self.weight(pair[1]))
        if most <= 2:
            return ()
        for cut in range(len(word) - MIN_PART, 2 * MIN_PART - 1, -1):
            tail = word[cut:]
            if self.weight(tail):
                rest = self._best(word[:cut], most - 1)
                if rest:
                    return (*rest, tail)
        return ()

    def _head(self, head: str) -> str | None:
        """Return the word a non-final part stands for, without its linking letter."""
        if head.endswith(LINKS) and len(head) > MIN_PART and self.weight(head[:-1]):
            return head[:-1]
        return head if self.weight(head) else None

    def compounds(self, text: str) -> dict[str, list[str]]:
        """Return each compound word of a text (folded, lower-case) with its parts."""
        found = {}
        for word in WORD.findall(text):
            known = self._written.get(word)
            if known is None:
                known = self._written[word] = (fold(word.lower()), self.split(word))
            if known[1]:
                found[known[0]] = list(known[1])
        return found
