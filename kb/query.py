"""The query text, read once into units; the steps that change the units; the text Whoosh parses.

A query is tokenised once into units: words, "phrases", operators, parentheses
and filters written as name:value. The steps of a search (kb.search) then work
on the units in a chain — take the filters out, check and tidy the syntax, add
synonyms (kb.synonyms) and what unknown words stand for (kb.spelling) — and
render them as the text the Whoosh parser reads. Only syntax the product
documents reaches the parser; anything else a user types is plain text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.fields import QUERY_NAMES
from kb.printable import printable

OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
BINARY = OPERATORS - {"NOT"}
MAX_EDITS = 2        # word~N: more edits than this would match half the vocabulary
FUZZY_PREFIX = 1     # word~N: the first letter must agree (rarely the one misspelt; 3× faster)
MAX_SLOP = 10        # "a phrase"~N
MAX_WORDS = 32       # words in a query, phrases' words included: each is searched in four fields
TOKEN = re.compile(r"""
    (?P<filter>(?<![^\s(])(?P<name>[^\s:"()]+):(?P<value>"[^"]*"|[^\s"()]+))
  | (?P<phrase>(?P<pprefix>(?<![^\s(])[-+])?"(?P<ptext>[^"]*)"(?:~(?P<slop>\d+))?)
  | (?P<open>(?P<oprefix>(?<![^\s(])[-+])?\()
  | (?P<close>\))
  | (?P<word>(?P<wprefix>(?<![^\s(])[-+])?(?P<wtext>[^\s"()]+))
  | (?P<quote>")
""", re.VERBOSE)
# In a word only letters, digits, joiners and a trailing * or ~N mean anything.
NOT_IN_WORD = re.compile(r"[^\w\-/.'’*~]")
FUZZY = re.compile(r"~(\d*)$")


class SearchError(ValueError):
    """A search that cannot be run; the message tells the user how to fix it, in Norwegian."""


class QueryError(SearchError):
    """The query text cannot be read."""


@dataclass(frozen=True)
class Alternative:
    """Something else to search for a unit (or a run of units), with a lower weight."""

    text: str        # as the parser reads it
    weight: float
    source: str      # synonym | parts | fuzzy
    shown: str = ""  # what the user is told was searched too


@dataclass(frozen=True)
class Unit:
    """One piece of a query: a word, a phrase, an operator or a parenthesis."""

    kind: str                 # word | phrase | operator | open | close
    text: str = ""
    prefix: str = ""          # "+" (required) or "-" (excluded)
    suffix: str = ""          # "*" (prefix search), "~N" (near spellings), phrase "~N"
    span: int = 1             # the run of units its alternatives stand for
    alternatives: tuple[Alternative, ...] = ()

    @property
    def plain(self) -> bool:
        """Say whether the unit is a word or phrase searched as written: no +, -, * or ~."""
        return self.kind in ("word", "phrase") and not self.prefix and not self.suffix

    def render(self) -> str:
        if self.kind == "phrase":
            return f'{self.prefix}"{self.text}"{self.suffix}'
        if self.kind == "open":
            return self.prefix + "("
        if self.kind == "close":
            return ")"
        return self.prefix + self.text + self.suffix


def tokenise(text: str) -> tuple[list[Unit], dict[str, list[str]]]:
    """Read query text into units, and the filters written in it (by field name)."""
    units: list[Unit] = []
    filters: dict[str, list[str]] = {}
    for match in TOKEN.finditer(printable(text, " ")):
        if match.group("quote"):
            raise QueryError('Et anførselstegn mangler sin partner. '
                             'Sett frasen i "doble anførselstegn".')
        if match.group("filter") and match.group("name").lower() in QUERY_NAMES:
            name = QUERY_NAMES[match.group("name").lower()]
            filters.setdefault(name, []).append(match.group("value").strip('"'))
        elif match.group("filter") or match.group("word"):
            raw = match.group(0)
            prefix = raw[0] if raw[0] in "+-" and len(raw) > 1 else ""
            units.extend(_words(prefix, raw[len(prefix):]))
        elif match.group("phrase"):
            slop = match.group("slop")
            units.append(Unit("phrase", match.group("ptext").strip(), match.group("pprefix") or "",
                              f"~{min(int(slop), MAX_SLOP)}" if slop else ""))
        elif match.group("open"):
            units.append(Unit("open", prefix=match.group("oprefix") or ""))
        else:
            units.append(Unit("close"))
    return units, filters


def _words(prefix: str, text: str) -> list[Unit]:
    """Return the units of a word as written: an operator, or words without stray syntax."""
    if not prefix and text in OPERATORS:
        return [Unit("operator", text)]
    pieces = [p for p in NOT_IN_WORD.sub(" ", text).split() if p]
    units = []
    for number, piece in enumerate(pieces):
        suffix = ""
        if fuzzy := FUZZY.search(piece):
            edits = min(int(fuzzy.group(1) or 1), MAX_EDITS)
            piece, suffix = piece[:fuzzy.start()], f"~{edits}/{FUZZY_PREFIX}"
        piece = piece.replace("~", "")
        if piece.endswith("*") and not suffix:
            piece, suffix = piece.rstrip("*"), "*"
        units.append(Unit("word", piece, prefix if number == 0 else "", suffix))
    return units


def check(units: list[Unit]) -> None:
    """Raise QueryError for too many words, parentheses that do not pair up or a misplaced
    wildcard."""
    count = sum(len(u.text.split()) if u.kind == "phrase" else 1
                for u in units if u.kind in ("word", "phrase"))
    if count > MAX_WORDS:
        raise QueryError(f"Søket har for mange ord ({count}). Bruk høyst {MAX_WORDS} ord, "
                         "eller del det i flere søk.")
    depth = 0
    for unit in units:
        depth += {"open": 1, "close": -1}.get(unit.kind, 0)
        if depth < 0:
            break
    if depth != 0:
        raise QueryError("Parentesene i søket går ikke opp. Hver ( trenger en ).")
    for unit in units:
        stem = unit.text.split("*")[0]
        if unit.kind == "word" and (unit.suffix == "*" or "*" in unit.text) and (
                len(stem) < 2 or not any(c.isalnum() for c in stem)):
            raise QueryError("Jokertegnet * må stå til slutt i et ord, etter minst to "
                             "bokstaver, som i språk*.")


def tidy(units: list[Unit]) -> list[Unit]:
    """Drop what means nothing: empty words and phrases, empty parentheses, and operators
    without a term on the side they need one."""
    units = [u for u in units if u.kind not in ("word", "phrase") or any(
        c.isalnum() for c in u.text)]
    previous = None
    while previous != units:
        previous, units = units, _tidy_once(units)
    return units


def _tidy_once(units: list[Unit]) -> list[Unit]:
    kept: list[Unit] = []
    skip = False
    for index, unit in enumerate(units):
        after = units[index + 1] if index + 1 < len(units) else None
        before = kept[-1] if kept else None
        if skip:
            skip = False
            continue
        starts = before is None or before.kind in ("open", "operator")
        ends = after is None or after.kind == "close" or (
            after.kind == "operator" and after.text in BINARY)
        if unit.kind == "operator" and unit.text in BINARY and (starts or ends):
            continue
        if unit.kind == "operator" and unit.text == "NOT" and (
                ends or (after is not None and after.kind == "operator")):
            continue
        if unit.kind == "open" and after is not None and after.kind == "close":
            skip = True  # an empty pair of parentheses
            continue
        kept.append(unit)
    return kept


def words(units: list[Unit]) -> list[str]:
    """Return the words of a query a user may have misspelt: plain and in phrases."""
    found = []
    for unit in units:
        if unit.kind == "word" and unit.prefix != "-" and not unit.suffix:
            found.append(unit.text)
        elif unit.kind == "phrase" and unit.prefix != "-":
            found.extend(w for w in unit.text.split() if any(c.isalpha() for c in w))
    return [w for w in found if w[:1].isalpha()]


def only_excluded(units: list[Unit]) -> bool:
    """Say whether every term of the query is excluded (-word), so the rest is wanted."""
    terms = [u for u in units if u.kind in ("word", "phrase")]
    return bool(terms) and all(u.prefix == "-" for u in terms)


def including(units: list[Unit]) -> list[Unit]:
    """Return the excluded terms as terms to find, each with OR between them."""
    found: list[Unit] = []
    for unit in units:
        if unit.kind in ("word", "phrase"):
            if found:
                found.append(Unit("operator", "OR"))
            found.append(replace(unit, prefix=""))
    return found


def render(units: list[Unit]) -> str:
    """Return the text the parser reads: each run with alternatives as one OR group."""
    pieces: list[str] = []
    index = 0
    while index < len(units):
        unit = units[index]
        if not unit.alternatives:
            pieces.append(unit.render())
            index += 1
            continue
        run = " ".join(u.render() for u in units[index:index + unit.span])
        options = [run] + [f"{a.text}^{a.weight}" for a in unit.alternatives]
        pieces.append("(" + " OR ".join(options) + ")")
        index += unit.span
    return " ".join(pieces)


def with_alternatives(unit: Unit, alternatives: list[Alternative], span: int = 1) -> Unit:
    """Return a unit that also searches the alternatives, for itself and the span after it."""
    return replace(unit, span=span, alternatives=unit.alternatives + tuple(alternatives))
