"""Query-time synonyms from an editable list of policy vocabulary (kb/data/synonyms.txt)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kb.analysis import tokens
from kb.query import Alternative, Unit, with_alternatives

WEIGHT = 0.6  # a synonym counts for less than the word the user wrote


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


def add(units: list[Unit]) -> list[Unit]:
    """Give each run of plain words or phrases that is an entry of a group the group's other
    entries as alternatives, the longest run first."""
    found: list[Unit] = []
    index = 0
    while index < len(units):
        length, alternatives = _longest_match(units, index)
        if not alternatives:
            found.append(units[index])
            index += 1
            continue
        options = [Alternative(_quoted(a), WEIGHT, "synonym", a) for a in alternatives]
        found.append(with_alternatives(units[index], options, span=length))
        found.extend(units[index + 1:index + length])
        index += length
    return found


def _longest_match(units: list[Unit], index: int) -> tuple[int, list[str]]:
    """Find the longest run of plain units from index that is an entry of a group."""
    best: tuple[int, list[str]] = (0, [])
    stems: list[str] = []
    for length, unit in enumerate(units[index:index + 6], start=1):
        if not unit.plain or unit.alternatives:
            break
        added = tokens(unit.text, mode="query")
        if not added:
            continue  # a stopword neither starts nor ends a match
        stems.extend(added)
        for group in groups():
            for entry in group:
                if entry.stems == tuple(stems):
                    alternatives = list({e.stems: e.text for e in reversed(group)
                                         if e.stems != entry.stems}.values())[::-1]
                    best = (length, alternatives)
    return best


def _quoted(text: str) -> str:
    return f'"{text}"' if " " in text or "-" in text else text
