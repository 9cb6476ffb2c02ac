"""Bounded work per search: a time budget, and a cap on the words a pattern stands for.

A budget is a deadline held in a context variable, so it follows one request (or one
`kb search`) through every search it runs, and a comparison's searches share one.
It is checked while words are looked up for prefix*, wildcard and word~N terms and at
every node of a query the engine evaluates (kb.engine), and a search past its deadline
stops with SearchTimeout («Søket tok for lang tid – gjør det smalere»): the web answers
503.

The clock is the processor time of the thread that searches (time.thread_time), not the
wall clock: the budget bounds the work a request does, not the time it waits for the
processor while other requests run, so a busy server answers more slowly rather than with
false 503s (measured: 32 clients at 100,000 inputs on two cores). A request is answered by
one thread from start to end (waitress, the CLI), so its clock is that thread's.

Whoosh's own TimeLimitCollector needs SIGALRM, which only the main thread may set
(waitress answers in worker threads), and it does not see the time spent looking up
words before the first document, which is where a fuzzy search spends it; kb.engine
does not use Whoosh's collectors at all.
"""
from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from whoosh import query

from kb import config

MAX_EXPANSIONS = 500   # words a prefix*, wildcard or word~N stands for: the most common
CLOCK = time.thread_time  # the searching thread's processor time, in seconds
CHECK_EVERY = 64       # words looked up between two looks at the clock
MESSAGE = ("Søket tok for lang tid – gjør det smalere: færre ord, færre * og ~, eller et "
           "filter på år, tema eller type.")

_deadline: ContextVar[float | None] = ContextVar("kb_search_deadline", default=None)


class SearchTimeout(Exception):
    """A search ran past its time budget; the message tells the user what to do."""

    def __init__(self, message: str = MESSAGE):
        super().__init__(message)


def start(seconds: float | None = None):
    """Start a budget of `seconds` (KB_SEARCH_SECONDS when None) unless an earlier one
    runs; return the token that `stop` takes."""
    end = CLOCK() + (seconds if seconds is not None else config.value("search_seconds"))
    current = _deadline.get()
    return _deadline.set(end if current is None else min(end, current))


def stop(token) -> None:
    """End the budget `start` began."""
    _deadline.reset(token)


@contextmanager
def within(seconds: float | None = None) -> Iterator[None]:
    """Give the searches in the block at most `seconds`; an outer budget that ends
    sooner still applies (a comparison's searches share one budget)."""
    token = start(seconds)
    try:
        yield
    finally:
        stop(token)


def check() -> None:
    """Raise SearchTimeout when the budget in force is spent."""
    end = _deadline.get()
    if end is not None and CLOCK() > end:
        raise SearchTimeout()


class Expanded(query.MultiTerm):
    """A prefix*, wildcard or word~N whose words were looked up once, at most MAX_EXPANSIONS
    of them; it matches and scores as the pattern did (kb.engine evaluates it with its
    `_expanded`, as it does the pattern, from `_btexts`)."""

    def __init__(self, pattern: query.MultiTerm, words: list[bytes]):
        self.pattern = pattern
        self.fieldname, self.text = pattern.fieldname, pattern.text
        self.boost, self.constantscore = pattern.boost, pattern.constantscore
        self.words = words

    def _btexts(self, ixreader):
        return iter(self.words)

    def __str__(self):
        return str(self.pattern)

    __unicode__ = __str__

    def __repr__(self):
        return f"Expanded({self.pattern!r}, {len(self.words)} ord)"

    def __eq__(self, other):
        return isinstance(other, Expanded) and (self.pattern, self.words) == (
            other.pattern, other.words)

    def __hash__(self):
        return hash(self.pattern) ^ hash(tuple(self.words))


def expand(q: query.Query, reader, seen: dict | None = None,
           most: int = MAX_EXPANSIONS) -> query.Query:
    """Return the query with each pattern's words looked up once (not once per search run
    on it), at most `most` per pattern: the most common, within the budget. Queries built
    together share `seen`, so a pattern in both is looked up once."""
    seen = {} if seen is None else seen
    if isinstance(q, query.MultiTerm) and not isinstance(q, Expanded):
        key = (type(q).__name__, q.fieldname, q.text, getattr(q, "maxdist", None),
               getattr(q, "prefixlength", None))
        if key not in seen:
            seen[key] = _words(q, reader, most)
        return Expanded(q, seen[key])
    if isinstance(q, query.CompoundQuery):
        found = copy.copy(q)
        found.subqueries = [expand(s, reader, seen, most) for s in q.subqueries]
        if isinstance(q, query.BinaryQuery):
            found.a, found.b = found.subqueries
        return found
    if isinstance(q, query.Not):
        found = copy.copy(q)
        found.query = expand(q.query, reader, seen, most)
        return found
    if hasattr(q, "child") and isinstance(q.child, query.Query):
        found = copy.copy(q)
        found.child = expand(q.child, reader, seen, most)
        return found
    return q


def _words(pattern: query.MultiTerm, reader, most: int) -> list[bytes]:
    words = []
    for number, word in enumerate(pattern._btexts(reader)):
        if number % CHECK_EVERY == 0:
            check()
        words.append(word)
    if len(words) <= most:
        return words
    field = pattern.field()
    check()
    return sorted(words, key=lambda w: -reader.doc_frequency(field, w))[:most]
