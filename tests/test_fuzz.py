"""Fuzz: thousands of generated queries and HTTP parameters, none answered with a 500.

A seeded generator (the same inputs every run, so a failure can be replayed from the
printed input) mixes the query language's pieces — words, "phrases", operators, groups,
prefix*, fuzzy~N, boosts, filters written as name:value, ranges — with stray syntax,
control characters and other scripts; the HTTP parameters get numbers far out of range,
unknown values and repeated names.
"""
import random

import pytest

from kb.search import SearchError, SearchRequest, build_query, open_search, run

SEED = 14
PIECES = ["språk", "språkkrav", "frivillig", "nabolag", "B2-nivå", "NAV", "x", "a", "ord",
          "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "and", "or", "not", "TO", "-", "+", "(",
          ")", "((", "))", '"', '""', '"trygge nabolag"', '"a b c"~10', "*", "språk*", "sp*",
          "s*", "*rk", "sp*rk", "språk~", "språk~2", "språkkravene~9", "språk~x", "~", "~~2",
          "^", "språk^2", "språk^", "^0.5", ":", "::", "år:2025", "år:", "år:abc",
          "år:99999999999999999999", "tema:", 'tema:"Trygge nabolag"', "tema:\"x", "type:foo",
          "kategori:Språk", "text:foo", "id:2025-x", "[a TO b]", "{", "}", "{TO}", "[", "]",
          "\\", "/", "'", "’", "?", "språ?", "!", "&&", "||", "<", ">", "&amp;", "%", "%00",
          "\x00", "\x01", "\x1f", "\x7f", "\u200b", "\ufeff", "\u2028", "🙂", "ÆØÅ", "aa",
          "ß", "İ", "ﬁ", "١٢٣", "日本", "\t", "\n", " ", "  ", "=", "@", "#", ",", ".", ";",
          "…", "«", "»", "–", "—"]


def queries(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    found = []
    for _ in range(count):
        size = rnd.choice((1, 1, 2, 3, 4, 6, 10))
        parts = [rnd.choice(PIECES) for _ in range(size)]
        if rnd.random() < 0.2:  # glued together, no spaces
            text = "".join(parts)
        else:
            text = " ".join(parts)
        if rnd.random() < 0.1:
            text += "".join(chr(rnd.randrange(0x20, 0x3000)) for _ in range(rnd.randint(1, 8)))
        found.append(text)
    return found


@pytest.fixture(scope="module")
def searcher(index_2025):
    with index_2025.searcher() as opened:
        yield opened


def test_built_queries_are_a_query_or_a_norwegian_refusal(index_2025, searcher):
    refused = 0
    for text in queries(1200, SEED):
        for switches in ({}, {"synonyms": False, "fuzzy": False}):
            try:
                build_query(SearchRequest(text, **switches), index_2025.schema, None, searcher)
            except SearchError as error:  # QueryError, or a filter value that cannot be
                assert str(error)[:1].isupper(), (text, error)
                refused += 1
            except Exception as error:  # noqa: BLE001 - the point of the test
                pytest.fail(f"{text!r}: {type(error).__name__}: {error}")
    assert refused < 2400 / 2  # most of it is readable


def test_run_queries_answer_or_refuse_in_norwegian(index_2025):
    rnd = random.Random(SEED + 1)
    for text in queries(600, SEED + 1):
        request = SearchRequest(text, sort=rnd.choice(("relevance", "year", "rapport")),
                                only_text=rnd.random() < 0.3, per_page=rnd.choice((1, 20, 100)))
        try:
            with open_search(index_2025, request) as (searcher, built):
                run(searcher, built, request)
        except SearchError as error:
            assert str(error)[:1].isupper(), (text, error)
        except Exception as error:  # noqa: BLE001 - the point of the test
            pytest.fail(f"{text!r}: {type(error).__name__}: {error}")


NUMBERS = ["", " ", "0", "1", "2", "-1", "1.5", "1e3", "１", "٢", "99999999999999999999",
           "9223372036854775808", "+3", "0x10", "abc", "\x00", "2025", "100", "101"]
VALUES = ["2025", "2024", "innspill", "tale", "Bolk 1", "Trygge nabolag", "", " ", "\x00",
          "x" * 300, "🙂", "<script>", "'", '"', "%", "æøå", "utdanning og skole"]
PARAMS = {"page": NUMBERS, "per_page": NUMBERS, "per_year": NUMBERS,
          "sort": ["relevance", "year", "rapport", "", "RELEVANCE", "x", "\x00"],
          "synonymer": ["av", "på", "", "AV", "\x01"], "retting": ["av", "x"],
          "felt": ["tekst", "alt", ""], "vis": VALUES, "year": NUMBERS + VALUES,
          "theme": VALUES, "session": VALUES, "question": VALUES, "category": VALUES,
          "kind": VALUES, "speaker": VALUES, "canonical": VALUES, "topic": VALUES,
          "id": VALUES, "ukjent": VALUES}
PATHS = ["/api/search", "/sok", "/", "/api/compare", "/sammenlign", "/eksport/csv",
         "/kildehenvisninger"]


def test_http_parameters_never_get_a_500(client):
    rnd = random.Random(SEED + 2)
    texts = queries(800, SEED + 2)
    for number in range(800):
        path = rnd.choice(PATHS)
        args = [("q", texts[number])] if rnd.random() < 0.7 else []
        for _ in range(rnd.choice((0, 1, 2, 3, 5))):
            name = rnd.choice(list(PARAMS))
            args.append((name, rnd.choice(PARAMS[name])))
        response = client.get(path, query_string=args)
        assert response.status_code in (200, 302, 400, 404), (path, args, response.status_code)
        if path.startswith("/api/") and response.status_code == 400:
            assert response.get_json()["error"], (path, args)
