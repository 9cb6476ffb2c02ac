"""Query-time synonyms from an editable list of policy vocabulary (kb/data/synonyms.txt)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kb.analysis import tokens

WEIGHT = 0.6  # a synonym counts for less than the word the user wrote
UNIT = re.compile(r'(?P<prefix>[-+]?)(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s()"]+))')
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})


@dataclass(frozen=True)
class Entry:
    text: str
    stems: tuple[str, ...]


@lru_cache(maxsize=1)
def groups() -> tuple[tuple[Entry, ...], ...]:
    """Read the synonym groups shipped with the package."""
    text = resources.files("kb").joinpath("data/synonyms.txt").read_text("utf-8")
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            entries = tuple(Entry(e.strip(), tuple(tokens(e.strip(), mode="query")))
                            for e in line.split("~") if e.strip())
            found.append(tuple(e for e in entries if e.stems))
    return tuple(found)


def listed(word: str) -> bool:
    """Tell whether a word is an entry of the synonym list (so it is no misspelling)."""
    stems = tuple(tokens(word, mode="query"))
    return bool(stems) and any(entry.stems == stems for group in groups() for entry in group)


def expand(text: str, use_synonyms: bool = True,
           fallback: Callable[[str], list[str]] | None = None) -> tuple[str, list[str]]:
    """Add synonyms to the plain words and phrases of a query, and what `fallback` offers
    for a plain word it does not know; return the query and the synonyms added."""
    units = [m for m in UNIT.finditer(text)]
    added: list[str] = []
    pieces: list[str] = []
    cursor = 0
    index = 0
    while index < len(units):
        match, length, alternatives = _longest_match(units, index) if use_synonyms else (None, 0, [])
        options = [_quoted(a) + f"^{WEIGHT}" for a in alternatives]
        if not alternatives:
            length = 1
            word = units[index].group("word")
            if fallback and word and not units[index].group("prefix") and word not in OPERATORS:
                options = fallback(word)
        if not options:
            index += 1
            continue
        first, last = units[index], units[index + length - 1]
        original = text[first.start():last.end()]
        pieces.append(text[cursor:first.start()])
        pieces.append("(" + " OR ".join([original] + options) + ")")
        added.extend(a for a in alternatives if a not in added)
        cursor = last.end()
        index += length
    pieces.append(text[cursor:])
    return "".join(pieces), added


def _longest_match(units, index: int):
    """Find the longest run of plain units from index that is an entry of a group."""
    best = (None, 0, [])
    stems: list[str] = []
    for length, unit in enumerate(units[index:index + 6], start=1):
        if unit.group("prefix") or (unit.group("word") or "") in OPERATORS:
            break
        added = tokens(unit.group("phrase") or unit.group("word"), mode="query")
        if not added:
            continue  # a stopword neither starts nor ends a match
        stems.extend(added)
        for group in groups():
            for entry in group:
                if entry.stems == tuple(stems):
                    alternatives = list({e.stems: e.text for e in reversed(group)
                                         if e.stems != entry.stems}.values())[::-1]
                    best = (entry, length, alternatives)
    return best


def _quoted(text: str) -> str:
    return f'"{text}"' if " " in text or "-" in text else text
