"""Canonical themes across conference years, and topic tags on inputs (kb/data/themes.yaml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from kb.analysis import fold

PREFIX_FROM = 4  # keywords this long match the start of a word; shorter ones the whole word
WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Themes:
    canonical: dict[str, tuple[str, ...]]
    crosswalk: dict[str, str]
    topics: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def themes() -> Themes:
    """Read the theme list shipped with the package."""
    data = yaml.safe_load(resources.files("kb").joinpath("data/themes.yaml").read_text("utf-8"))
    return Themes(
        canonical={name: tuple(_normal(k) for k in words)
                   for name, words in data["canonical"].items()},
        crosswalk={_normal(title): theme for title, theme in data["crosswalk"].items()},
        topics={name: tuple(_normal(k) for k in words) for name, words in data["topics"].items()})


@lru_cache(maxsize=4096)
def canonical_theme(title: str | None) -> str | None:
    """Return the canonical theme of a session title: from the crosswalk, else by its words."""
    if not title:
        return None
    known = themes()
    if _normal(title) in known.crosswalk:
        return known.crosswalk[_normal(title)]
    scores = {name: _hits(title, words) for name, words in known.canonical.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else None


def topics(text: str) -> list[str]:
    """Return the topics whose words the text holds, in the list's order."""
    normal = _normal(text)
    found = set().union(*map(_word_topics, set(WORD.findall(normal))))
    found |= {name for name, phrase in _phrases() if phrase in normal}
    return [name for name in themes().topics if name in found]


@lru_cache(maxsize=200_000)
def _word_topics(word: str) -> frozenset[str]:
    """Return the topics one word of a text belongs to (cached: texts repeat their words)."""
    return frozenset(name for name, keywords in themes().topics.items()
                     if any(" " not in k and _matches(word, k) for k in keywords))


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, str], ...]:
    return tuple((name, k) for name, keywords in themes().topics.items()
                 for k in keywords if " " in k)


def _matches(word: str, keyword: str) -> bool:
    return word.startswith(keyword) if len(keyword) >= PREFIX_FROM else word == keyword


def _hits(text: str, keywords: tuple[str, ...]) -> int:
    normal = _normal(text)
    words = WORD.findall(normal)
    count = 0
    for keyword in keywords:
        if " " in keyword:
            count += keyword in normal
        else:
            count += any(_matches(word, keyword) for word in words)
    return count


def _normal(text: str) -> str:
    return " ".join(map(fold, str(text).lower().split()))
