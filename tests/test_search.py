"""Search on the real 2025 report: tables of query → expected inputs."""
import pytest

from kb.search import QueryError, SearchError, SearchRequest, build_query, search
from report_2025 import INPUTS, SESSIONS


def run(index, query="", **kwargs):
    return search(index, SearchRequest(query, **kwargs))


def texts(result):
    return [hit.text for hit in result.hits]


@pytest.mark.parametrize("query, first", [
    ("språkkrav", "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."),
    ("språkkravene", "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."),
    ("Språkkrav", "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."),
    ('"best kvalifiserte"', "I staten er hovedregelen at alle ledige stillinger skal lyses ut "
                            "offentlig (utlysningsplikten), og at den best kvalifiserte søkeren "
                            "skal ansettes (kvalifikasjonsprinsippet). Det samme gjelder i "
                            "KS-området og deler av Spekter-området."),
    ("hijab", "Ubevisste og strukturelle fordommer knyttet til navn, utseende, religion "
              "(f.eks. hijab), og etnisk bakgrunn."),
    ("moske", "Bruke skoler, moskeer, bibliotek og idrettslag som arenaer for inkludering."),
    ("moské", "Bruke skoler, moskeer, bibliotek og idrettslag som arenaer for inkludering."),
    ("B2-nivå", "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."),
    ("SLT/SaLTo", "Inkludere frivilligheten i etablerte samarbeidsfora (f.eks. SLT/SaLTo)."),
    ("salto", "Inkludere frivilligheten i etablerte samarbeidsfora (f.eks. SLT/SaLTo)."),
    ("fritidsklubber nedleggelse", "Nedleggelse av fritidsklubber og lavterskeltilbud."),
])
def test_expected_input_comes_first(index_2025, query, first):
    result = run(index_2025, query)
    assert result.hits and result.hits[0].text == first


@pytest.mark.parametrize("query, total", [
    ("språkkrav", 3),  # with the synonym språkkunnskaper (the minister's speech)
    ('"best kvalifiserte"', 2),  # also «best kvalifisert»: the phrase is stemmed
    ("hijab", 1),
    ("moske", 1),
])
def test_totals(index_2025, query, total):
    assert run(index_2025, query).total == total


def test_more_words_rank_higher_and_a_missing_word_does_not_empty_the_result(index_2025):
    assert run(index_2025, "språkkrav hijab xyzzyordet", synonyms=False).total == 3
    # Both talk of språkkrav; only Siri Klevstrand's talk also says kommunesektoren.
    both = run(index_2025, "språkkrav kommunesektoren")
    assert both.hits[0].speaker == "Siri Klevstrand"
    assert run(index_2025, "språkkrav").hits[0].speaker is None


def test_phrase_needs_the_words_together(index_2025):
    assert run(index_2025, '"kvalifiserte best"').total == 0


def test_exclusion(index_2025):
    all_skole = run(index_2025, "skoler", per_page=100)
    without = run(index_2025, "skoler -moskeer", per_page=100)
    assert without.total == all_skole.total - 1
    assert not any("moskeer" in t for t in texts(without))


def test_only_exclusion_browses_everything_else(index_2025):
    everything = run(index_2025)
    assert run(index_2025, "-hijab").total == everything.total - 1


@pytest.mark.parametrize("query", ["-", "+", "()", "'", "OR", "AND NOT"])
def test_query_of_only_syntax_browses_everything(index_2025, query):
    assert run(index_2025, query).total == INPUTS


def test_dangling_operator_is_not_searched_as_a_word(index_2025):
    built = build_query(SearchRequest("hijab AND"), index_2025.schema)
    assert "and" not in str(built.match).lower().replace("hijab", "")
    assert run(index_2025, "hijab AND").total == 1


def test_or(index_2025):
    assert run(index_2025, "hijab OR moske").total == 2


def test_prefix(index_2025):
    result = run(index_2025, "språkbarr*")
    assert texts(result) == ["Segregering, negativ sosial kontroll, språkbarrierer."]


def test_filters_combine_with_query(index_2025):
    result = run(index_2025, "frivillige", filters={"session": ["Bolk 2"], "kind": ["innspill"]},
                 per_page=100)
    assert result.total > 0
    assert all(h.session == "Bolk 2" and h.kind == "innspill" for h in result.hits)
    unfiltered = run(index_2025, "frivillige", per_page=100)
    assert result.total < unfiltered.total


def test_filters_written_in_the_query(index_2025):
    result = run(index_2025, 'tema:"Trygge nabolag" type:innspill skoler', per_page=100)
    assert result.total == 3
    assert all(h.theme == "Trygge nabolag" for h in result.hits)
    assert run(index_2025, "år:2025 hijab").total == 1
    assert run(index_2025, "år:2024 hijab").total == 0


def test_several_values_of_one_filter_are_either(index_2025):
    one = run(index_2025, filters={"session": ["Bolk 1"]}).total
    two = run(index_2025, filters={"session": ["Bolk 2"]}).total
    assert run(index_2025, filters={"session": ["Bolk 1", "Bolk 2"]}).total == one + two


def test_facet_counts_agree_with_totals(index_2025):
    result = run(index_2025, "frivillige")
    assert sum(v.count for v in result.facets["year"]) == result.total
    assert sum(v.count for v in result.facets["kind"]) == result.total
    kinds = {v.value: v.count for v in result.facets["kind"]}
    for kind, count in kinds.items():
        assert run(index_2025, "frivillige", filters={"kind": [kind]}).total == count


def test_facet_of_an_active_filter_still_offers_the_other_values(index_2025):
    result = run(index_2025, filters={"session": ["Bolk 2"]})
    sessions = {v.value: v.count for v in result.facets["session"]}
    assert sessions == SESSIONS
    assert result.total == 36


def test_browse_everything_in_report_order(index_2025):
    result = run(index_2025, per_page=3)
    assert result.total == INPUTS
    assert [h.position for h in result.hits] == [0, 1, 2]
    assert {v.value: v.count for v in result.facets["year"]} == {2025: INPUTS}


def test_paging(index_2025):
    first = run(index_2025, "innvandrere", per_page=5)
    second = run(index_2025, "innvandrere", per_page=5, page=2)
    assert first.total == second.total > 10
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


def test_hits_carry_all_tags(index_2025):
    hit = run(index_2025, "språkkrav").hits[0]
    assert (hit.year, hit.kind, hit.theme, hit.session, hit.question_no, hit.category,
            hit.page, hit.document) == (
        2025, "innspill", "Inkluderende arbeidsliv", "Bolk 1", 1, "Språk og kommunikasjon", 13,
        "Regjeringens nasjonale integreringskonferanse 2025")
    assert hit.id.startswith("2025-")


@pytest.mark.parametrize("query, marked", [
    ("språkkravene", "Høye og ofte rigide <mark>språkkrav</mark> (f.eks. B2-nivå)."),
    ("moske", "Bruke skoler, <mark>moskeer</mark>, bibliotek og idrettslag som arenaer for "
              "inkludering."),
])
def test_snippet_marks_the_words_as_written(index_2025, query, marked):
    assert run(index_2025, query).hits[0].snippet == marked


def test_snippet_escapes_text(index_2025):
    hit = run(index_2025, "«best kvalifisert»").hits[0]
    assert "«" in hit.snippet and "<" not in hit.snippet.replace("<mark>", "").replace(
        "</mark>", "")


def test_long_text_gets_an_excerpt(index_2025):
    hit = run(index_2025, "Handelslappen").hits[0]
    assert "<mark>Handelslappen</mark>" in hit.snippet
    assert len(hit.snippet) < len(hit.text)


def test_spelling_suggestion_for_an_unknown_word(index_2025):
    result = run(index_2025, "språkrav", fuzzy=False)
    assert result.total == 0 and result.suggestion == "språkkrav"
    result = run(index_2025, "språkrav")  # words spelt nearly like it are searched too
    assert texts(result)[0] == "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."
    assert result.suggestion == "språkkrav"
    assert run(index_2025, "språkkrav").suggestion is None


@pytest.mark.parametrize("query, message", [
    ('"best kvalifiserte', "anførselstegn"),
    ("(språk OR krav", "Parentesene"),
    ("*krav", "Jokertegnet"),
    ("s*", "Jokertegnet"),
    ("x" * 501, "for langt"),
])
def test_unreadable_query_raises_query_error(index_2025, query, message):
    with pytest.raises(QueryError, match=message):
        run(index_2025, query)


@pytest.mark.parametrize("kwargs, message", [
    ({"page": 0}, "Sidetallet"),
    ({"per_page": 101}, "per side"),
    ({"sort": "alfabet"}, "Sortering"),
    ({"filters": {"farge": ["rød"]}}, "Ukjent filter"),
    ({"filters": {"year": ["tjuetjuefem"]}}, "årstall"),
    ({"page": 99}, "finnes ikke"),
])
def test_out_of_range_requests_raise_search_error(index_2025, kwargs, message):
    with pytest.raises(SearchError, match=message):
        run(index_2025, "språk", **kwargs)


def test_sort_by_year_then_report_order(index_2025):
    result = run(index_2025, "frivillige", sort="year", per_page=100)
    positions = [h.position for h in result.hits]
    assert positions == sorted(positions)


def test_built_query_can_be_shown_without_running(index_2025):
    built = build_query(SearchRequest('språkkravene "best kvalifiserte" -hijab år:2025'),
                        index_2025.schema)
    shown = str(built.match)
    assert "språkkrav" in shown and "best kvalifiser" in shown and "NOT" in shown
    assert built.filters == {"year": [2025]}
