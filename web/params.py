"""A search as it lives in the URL: read it from the query string, check it, write it back."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from werkzeug.datastructures import MultiDict

from kb.fields import FILTERS
from kb.search import SORTS, SearchError, SearchRequest
from kb.search import known_values as kb_known_values
from web import db
from web.labels import filter_label

DEFAULT_PER_PAGE = 20
SYNONYMS, OFF = "synonymer", "av"  # ?synonymer=av searches only the words as written


@dataclass(frozen=True)
class SearchState:
    """Everything that decides a search page: query, filters, paging and sorting."""

    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort: str = "relevance"
    synonyms: bool = True

    @property
    def is_blank(self) -> bool:
        """Say whether nothing was asked for: the start page, which shows an overview."""
        return (not self.query.strip() and not self.filters and self.page == 1
                and self.sort == "relevance" and self.per_page == DEFAULT_PER_PAGE
                and self.synonyms)

    def request(self, page: int | None = None, per_page: int | None = None) -> SearchRequest:
        """Return the library's request for this state (optionally another page)."""
        return SearchRequest(self.query, {name: list(values) for name, values in self.filters.items()},
                             page or self.page, per_page or self.per_page, self.sort,
                             synonyms=self.synonyms)

    def args(self, **changes) -> dict[str, object]:
        """Return query-string arguments for url_for, leaving defaults out of the URL."""
        state = replace(self, **changes) if changes else self
        args: dict[str, object] = {}
        if state.query:
            args["q"] = state.query
        args.update({name: list(values) for name, values in state.filters.items() if values})
        if state.sort != "relevance":
            args["sort"] = state.sort
        if state.per_page != DEFAULT_PER_PAGE:
            args["per_page"] = state.per_page
        if state.page != 1:
            args["page"] = state.page
        if not state.synonyms:
            args[SYNONYMS] = OFF
        return args

    def has(self, name: str, value: object) -> bool:
        return str(value) in self.filters.get(name, ())

    def removing(self, name: str, value: object) -> dict[str, object]:
        """Return the arguments of this search without one filter value, from page 1."""
        values = tuple(v for v in self.filters.get(name, ()) if v != str(value))
        filters = {n: v for n, v in {**self.filters, name: values}.items() if v}
        return self.args(filters=filters, page=1)

    def chips(self) -> list[tuple[str, str]]:
        """Return the active filters as (name, value) pairs, in the order of FILTERS."""
        return [(name, value) for name in FILTERS for value in self.filters.get(name, ())]


def parse(args: MultiDict) -> SearchState:
    """Read a search from query-string arguments; raise SearchError for what cannot be read."""
    filters = {}
    for name in FILTERS:
        values = tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))
        if values:
            filters[name] = values
    return SearchState(query=args.get("q", ""), filters=filters,
                       page=whole_number(args.get("page"), 1, "Sidetallet"),
                       per_page=whole_number(args.get("per_page"), DEFAULT_PER_PAGE,
                                             "Antall treff per side"),
                       sort=args.get("sort") or "relevance",
                       synonyms=_switch(args.get(SYNONYMS)))


def is_canonical(args: MultiDict, state: SearchState) -> bool:
    """Say whether query-string arguments are exactly those of the state, defaults left out."""
    known = {"q", "page", "per_page", "sort", SYNONYMS, *FILTERS}
    given = sorted((k, v) for k, v in args.items(multi=True) if k in known)
    wanted = sorted((k, str(v)) for k, values in state.args().items()
                    for v in (values if isinstance(values, list) else [values]))
    return given == wanted


def _switch(raw: str | None) -> bool:
    """Read the synonyms switch: on unless it says off (av, false, 0, nei)."""
    if raw is None or raw.strip().lower() in ("", "på", "pa", "true", "1", "ja"):
        return True
    if raw.strip().lower() in (OFF, "false", "0", "nei"):
        return False
    raise SearchError(f"«{SYNONYMS}» kan bare være «{OFF}» eller utelates – ikke «{raw[:40]}».")


def whole_number(raw: str | None, default: int, what: str, most: int | None = None) -> int:
    """Read a whole number from the query string; raise SearchError when it is not one."""
    if raw is None or raw.strip() == "":
        return default
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        raise SearchError(f"{what} må være et helt tall, som 2 – ikke «{raw[:40]}».")
    if most is not None and not 1 <= int(raw) <= most:
        raise SearchError(f"{what} må være et helt tall fra 1 til {most} – ikke «{raw[:40]}».")
    return int(raw)


def check(state: SearchState) -> SearchState:
    """Raise SearchError for a sort, or a filter value, that the index does not know."""
    if state.sort not in SORTS:
        raise SearchError("Sortering må være «relevance» (relevans) eller «year» (år).")
    known = known_values()
    for name, values in state.filters.items():
        for value in values:
            if value not in known.get(name, ()):
                raise SearchError(
                    f"Filteret {filter_label(name).lower()} har ingen verdi «{value[:80]}» i "
                    "basen. Fjern filteret, eller velg en verdi fra filterlisten.")
    return state


def known_values() -> dict[str, frozenset[str]]:
    """Return every value of every filter field in the live index."""
    return kb_known_values(db.index())
