"""A search as it lives in the URL: read it from the query string, check it, write it back."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from werkzeug.datastructures import MultiDict

from kb.fields import FILTERS
from kb.search import SORTS, SearchError, SearchRequest
from kb.search import known_values as kb_known_values
from web import db

DEFAULT_PER_PAGE = 20


@dataclass(frozen=True)
class Switch:
    """A choice that is on or off, written in the URL only when it is not the default."""

    name: str       # attribute of SearchState and SearchRequest
    param: str      # name in the query string
    value: str      # the value that turns it away from the default
    default: bool
    help: str


SWITCHES: tuple[Switch, ...] = (
    Switch("synonyms", "synonymer", "av", True,
           "av: søk bare etter ordene slik de er skrevet, uten synonymer."),
    Switch("fuzzy", "retting", "av", True,
           "av: søk etter ordene slik de er skrevet, uten å rette stavefeil eller søke på "
           "ord med nesten lik stavemåte."),
    Switch("only_text", "felt", "tekst", False,
           "tekst: bare treff der ordene står i selve teksten, ikke bare i overskriftene over."),
    Switch("meaning", "mening", "av", True,
           "av: ikke søk etter mening; bare treff som inneholder ordene."),
)
SORT_LABELS = {"relevance": "Relevans", "rapport": "Rapportens rekkefølge",
               "year": "Nyeste år først"}


@dataclass(frozen=True)
class SearchState:
    """Everything that decides a search page: query, filters, paging, sorting and switches."""

    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort: str | None = None   # None: relevance with words, the report's order without
    synonyms: bool = True
    fuzzy: bool = True
    only_text: bool = False
    meaning: bool = True

    @property
    def is_blank(self) -> bool:
        """Say whether nothing was asked for: the start page, which shows an overview."""
        return self == SearchState(query=self.query) and not self.query.strip()

    @property
    def default_sort(self) -> str:
        return "relevance" if self.query.strip() else "rapport"

    def request(self, page: int | None = None, per_page: int | None = None) -> SearchRequest:
        """Return the library's request for this state (optionally another page)."""
        return SearchRequest(self.query, {name: list(values) for name, values in self.filters.items()},
                             page or self.page, per_page or self.per_page,
                             self.sort or self.default_sort,
                             **{switch.name: getattr(self, switch.name) for switch in SWITCHES})

    def args(self, **changes) -> dict[str, object]:
        """Return query-string arguments for url_for, leaving defaults out of the URL."""
        state = replace(self, **changes) if changes else self
        args: dict[str, object] = {}
        if state.query:
            args["q"] = state.query
        args.update({name: list(values) for name, values in state.filters.items() if values})
        if state.sort and state.sort != state.default_sort:
            args["sort"] = state.sort
        if state.per_page != DEFAULT_PER_PAGE:
            args["per_page"] = state.per_page
        if state.page != 1:
            args["page"] = state.page
        for switch in SWITCHES:
            if getattr(state, switch.name) != switch.default:
                args[switch.param] = switch.value
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
    sort = (args.get("sort") or "").strip() or None
    if sort is not None and sort not in SORTS:
        raise SearchError(f"Sortering må være {', '.join(f'«{s}»' for s in SORTS)} – "
                          f"ikke «{sort[:40]}».")
    if sort == "relevance" and not args.get("q", "").strip():
        sort = None  # with no words there is nothing to rank: the report's order
    return SearchState(query=args.get("q", ""), filters=filters,
                       page=whole_number(args.get("page"), 1, "Sidetallet"),
                       per_page=whole_number(args.get("per_page"), DEFAULT_PER_PAGE,
                                             "Antall treff per side"),
                       sort=sort,
                       **{s.name: _switch(s, args.get(s.param)) for s in SWITCHES})


def is_canonical(args: MultiDict, state: SearchState) -> bool:
    """Say whether query-string arguments are exactly those of the state, defaults left out."""
    known = {"q", "page", "per_page", "sort", *(s.param for s in SWITCHES), *FILTERS}
    given = sorted((k, v) for k, v in args.items(multi=True) if k in known)
    wanted = sorted((k, str(v)) for k, values in state.args().items()
                    for v in (values if isinstance(values, list) else [values]))
    return given == wanted


def _switch(switch: Switch, raw: str | None) -> bool:
    """Read a switch: its default unless the URL gives its other value."""
    if raw is None or not raw.strip():
        return switch.default
    if raw.strip().lower() == switch.value:
        return not switch.default
    raise SearchError(f"«{switch.param}» kan bare være «{switch.value}» eller utelates – "
                      f"ikke «{raw[:40]}».")


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


def known_values() -> dict[str, frozenset[str]]:
    """Return every value of every filter field in the live index."""
    return kb_known_values(db.index())
