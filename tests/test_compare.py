"""Comparing years: the matrix adds up to the search, and near-duplicates are found."""
import pytest

from kb.compare import NO_THEME, compare, mark, matrix
from kb.search import SearchRequest, search
from report_2025 import INPUTS


@pytest.mark.parametrize("request_", [
    SearchRequest("språk"),
    SearchRequest(""),
    SearchRequest("skole", filters={"kind": ["innspill"]}),
    SearchRequest("", filters={"canonical": ["foreldre", "språk"]}),
    SearchRequest("møteplasser", filters={"year": ["2016", "2018"]}),
], ids=["språk", "everything", "skole-innspill", "two-themes", "two-years"])
def test_matrix_adds_up_to_the_search_totals(several_years, request_):
    table = matrix(several_years, request_)
    total = search(several_years, request_).total
    assert sum(table.count(t, y) for t in table.themes for y in table.years) == total
    for year in table.years:
        alone = search(several_years, SearchRequest(
            request_.query, {**request_.filters, "year": [year]})).total
        assert sum(table.count(t, year) for t in table.themes) == table.totals[year] == alone


def test_matrix_counts_and_shares(several_years):
    table = matrix(several_years, SearchRequest("språkkrav"))
    assert table.years == [2014, 2016, 2018, 2025]
    assert table.count("språk", 2018) == 1
    assert table.count("arbeid og kvalifisering", 2025) >= 2
    assert table.inputs[2025] == INPUTS
    assert table.share("arbeid og kvalifisering", 2025) == pytest.approx(
        table.count("arbeid og kvalifisering", 2025) / INPUTS)


def test_inputs_without_a_canonical_theme_have_their_own_row(several_years):
    table = matrix(several_years, SearchRequest("tale", filters={"year": ["2025"]}))
    assert NO_THEME in table.themes


def test_columns_per_year(several_years):
    side = compare(several_years, SearchRequest("språkkrav"), per_year=3).columns
    assert [c.year for c in side if c.total] == [2014, 2016, 2018, 2025]
    assert all(m.hit.year == c.year for c in side for m in c.marked)
    assert all(len(c.marked) == min(3, c.total) for c in side)


def test_near_duplicate_in_an_earlier_year_is_raised_before(several_years):
    hit = next(h for h in search(several_years, SearchRequest(
        '"manglende tilbakemelding"', filters={"year": ["2025"]})).hits)
    [marked] = mark(several_years, [hit])
    assert marked.raised_before
    assert marked.earlier[0].year == 2018
    assert marked.earlier[0].text == "Manglende tilbakemelding etter avslag på jobbsøknader."


def test_an_input_with_no_earlier_match_is_new(several_years):
    hit = search(several_years, SearchRequest("hijab")).hits[0]
    [marked] = mark(several_years, [hit])
    assert not marked.raised_before and marked.earlier == []


def test_the_earliest_year_has_nothing_before_it(several_years):
    hit = search(several_years, SearchRequest("praksisplass", filters={"year": ["2014"]})).hits[0]
    assert mark(several_years, [hit])[0].earlier == []


def test_catalogue_lists_the_series_and_what_is_in_the_base(several_years_kb):
    from sqlalchemy.orm import Session

    from kb.catalogue import catalogue
    from kb.database import make_engine
    engine = make_engine(several_years_kb)
    with Session(engine) as session:
        years = {y.year: y for y in catalogue(session)}
    engine.dispose()
    assert set(range(2014, 2026)) <= set(years)
    assert years[2025].in_base and years[2025].inputs == INPUTS
    assert years[2025].place == "Regjeringens representasjonsanlegg, Parkveien 45, Oslo"
    assert not years[2017].in_base and years[2017].note == "Ikke kjent."
    assert not years[2023].in_base and "Innvandrere og helse" in years[2023].themes
    assert years[2016].in_base  # the synthetic fixture stands in for it in this test base
