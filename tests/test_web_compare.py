"""The compare view (/sammenlign, /api/compare) on several years, and the conference catalogue.

The years other than 2025 are synthetic test reports (tests/fixtures); they stand in for
real reports here only.
"""
from urllib.parse import parse_qs, urlsplit

import pytest

from schema import response_schema, validate
from hostile import NASTY
from web import create_app
from pages import find, find_all
from report_2025 import INPUTS, SEARCHABLE

SCRIPT = "<script>alert(1)</script>"
NEW_2025 = "Manglende tilbakemelding etter avslag."
OLD_2018 = "Manglende tilbakemelding etter avslag på jobbsøknader."
SEARCHES = [{}, {"q": "språk"}, {"q": "skole", "kind": "innspill"},
            {"canonical": ["foreldre", "språk"]}, {"q": "møteplasser", "year": ["2016", "2018"]},
            {"q": "tilbakemelding", "synonymer": "av"}, {"q": "nabolag", "sort": "year"}]


def total(client, args) -> int:
    return client.get("/api/search", query_string=args).get_json()["total"]


def compare_page(client, args) -> str:
    response = client.get("/sammenlign", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    return response.get_data(as_text=True)


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def number(cell) -> int:
    """Return the count in a table cell: «3 (2,0 %)» is 3, «–» is 0."""
    text = cell.text.removeprefix("–")  # a dash, and a hidden 0 for screen readers
    return int(text.split()[0]) if text.split() else 0


def matrix_rows(html: str) -> dict[str, list]:
    """Return the matrix's rows by their heading: the cells of each year, then the total."""
    table = "".join(find(html, "table", "matrix").html)
    rows = {}
    for row in find_all(table, "tr"):
        heading = find_all("".join(row.html), "th", scope="row")
        if heading:
            rows[heading[0].text.rstrip("*")] = find_all("".join(row.html), "td")
    return rows


@pytest.mark.parametrize("args", SEARCHES, ids=lambda a: "&".join(f"{k}={v}" for k, v in a.items())
                         or "everything")
def test_the_matrix_adds_up_to_the_search(years, args):
    data = years.get("/api/compare", query_string=args).get_json()
    table = data["matrix"]
    assert table["total"] == total(years, args)
    assert sum(cell["count"] for cell in table["cells"]) == table["total"]
    for row in table["totals"]:
        in_year = sum(c["count"] for c in table["cells"] if c["year"] == row["year"])
        assert in_year == row["count"] == total(years, {**args, "year": [str(row["year"])]})
        assert row["share"] == pytest.approx(row["count"] / row["inputs"], abs=1e-6)
    for theme in table["theme_totals"]:
        assert theme["count"] == sum(c["count"] for c in table["cells"]
                                     if c["theme"] == theme["theme"])

    rows = matrix_rows(compare_page(years, args))
    footer = rows.pop("Treff i alt")
    rows.pop("Alle tekster fra året")
    assert number(footer[-1]) == table["total"]
    assert [number(cell) for cell in footer[:-1]] == [r["count"] for r in table["totals"]]
    for cells in rows.values():
        assert sum(number(cell) for cell in cells[:-1]) == number(cells[-1])
    for column, expected in enumerate(table["totals"]):
        assert sum(number(cells[column]) for cells in rows.values()) == expected["count"]


def test_every_year_in_the_base_is_a_column_even_without_matches(years):
    table = years.get("/api/compare", query_string={"q": "tilbakemelding"}).get_json()["matrix"]
    assert table["years"] == [2014, 2016, 2018, 2019, 2025]
    assert {r["year"]: r["count"] for r in table["totals"]} == {
        2014: 0, 2016: 0, 2018: 1, 2019: 0, 2025: 2}
    assert {r["year"]: r["inputs"] for r in table["totals"]}[2025] == SEARCHABLE


@pytest.mark.parametrize("args", [{"q": "språk"}, {"kind": "innspill", "sort": "year"},
                                  {"q": "skole", "synonymer": "av"}])
def test_cell_links_carry_the_search_and_find_what_the_cell_counts(years, args):
    html = compare_page(years, args)
    table = "".join(find(html, "table", "matrix").html)
    years_shown = [int(th.text) for th in find_all(table, "th", scope="col")[1:-1]]
    checked = 0
    for theme, cells in matrix_rows(html).items():
        if theme in ("Treff i alt", "Alle tekster fra året"):
            continue
        for year, cell in zip(years_shown, cells[:-1]):
            links = find_all("".join(cell.html), "a")
            if not number(cell):
                assert not links
                continue
            query = query_of(links[0].attrs["href"])
            assert urlsplit(links[0].attrs["href"]).path == "/sok"
            assert query.get("q") == ([args["q"]] if "q" in args else None)
            for name in ("kind", "sort", "synonymer"):
                assert query.get(name) == ([args[name]] if name in args else None)
            assert query["year"] == [str(year)]
            if theme == "Uten felles tema":  # no search for "no theme": the whole year
                assert "canonical" not in query
                assert total(years, query) >= number(cell)
            else:
                assert [v.capitalize() for v in query["canonical"]] == [theme]
                assert total(years, query) == number(cell), (theme, year)
            checked += 1
    assert checked >= 5


def test_a_2025_input_raised_in_2018_is_marked_with_a_link_to_it(years):
    html = compare_page(years, {"q": "tilbakemelding"})
    column = "".join(find(html, "section", "column", aria_labelledby="column-2025").html)
    entry = next(e for e in find_all(column, "li", "entry")
                 if find("".join(e.html), "p", "entry__text").text == NEW_2025)
    assert find("".join(entry.html), "span", "badge").text == "Tatt opp før"
    [earlier] = find_all("".join(find("".join(entry.html), "ul", "earlier").html), "a")
    assert earlier.text == f"2018: {OLD_2018}"
    old = years.get(earlier.attrs["href"])
    assert old.status_code == 200 and OLD_2018 in old.get_data(as_text=True)
    assert "likhet" in entry.text

    column = "".join(find(html, "section", "column", aria_labelledby="column-2018").html)
    [entry] = find_all(column, "li", "entry")
    assert find("".join(entry.html), "span", "badge").text == "Nytt"
    assert "Første år i basen" in find(html, "section", "column",
                                       aria_labelledby="column-2014").text

    data = years.get("/api/compare", query_string={"q": "tilbakemelding"}).get_json()
    hits = {hit["text"]: hit for column in data["columns"] for hit in column["results"]}
    assert hits[NEW_2025]["raised_before"] is True
    assert hits[NEW_2025]["earlier"][0]["year"] == 2018
    assert hits[NEW_2025]["earlier"][0]["text"] == OLD_2018
    assert hits[NEW_2025]["earlier"][0]["url"] == earlier.attrs["href"]
    assert hits[OLD_2018]["raised_before"] is False and hits[OLD_2018]["earlier"] == []


def test_a_chosen_theme_narrows_the_columns_not_the_table(years):
    both = years.get("/api/compare", query_string={"q": "språk"}).get_json()
    one = years.get("/api/compare", query_string={"q": "språk", "vis": "språk"}).get_json()
    assert one["matrix"] == both["matrix"] and one["theme"] == "språk"
    results = [hit for column in one["columns"] for hit in column["results"]]
    assert results and all(hit["canonical"] == "språk" for hit in results)
    assert [c["total"] for c in one["columns"]] == [
        next(c["count"] for c in both["matrix"]["cells"] if c["theme"] == "språk" and
             c["year"] == year) for year in both["matrix"]["years"]]
    html = compare_page(years, {"q": "språk", "vis": "språk"})
    assert find(html, "h2", id="columns-title").text == "Innspillene side om side: Språk"
    chosen = [o.attrs["value"] for o in find_all(html, "option") if "selected" in o.attrs]
    assert chosen == ["språk"]


def test_the_chart_is_an_svg_image_with_the_same_numbers_as_a_table(years):
    html = compare_page(years, {"q": "språk"})
    data = years.get("/api/compare", query_string={"q": "språk"}).get_json()["matrix"]
    svg = find(html, "svg", "chart__svg")
    assert svg.attrs["role"] == "img" and svg.attrs["aria-labelledby"] == "chart-title chart-desc"
    assert find(html, "title", id="chart-title").text == "Treff per år for «språk»"
    desc = find(html, "desc", id="chart-desc").text
    for row in data["totals"]:
        assert f"{row['year']}: {row['count']} treff" in desc
    assert len(find_all("".join(svg.html), "rect", "chart__bar")) == len(data["years"])
    rows = find_all("".join(find(html, "div", "per-year").html), "tr")[1:]
    shown = [(int(find("".join(r.html), "th").text), number(find_all("".join(r.html), "td")[0]))
             for r in rows]
    assert shown == [(r["year"], r["count"]) for r in data["totals"]]
    assert ' style=' not in html


def test_the_query_is_escaped_everywhere(years):
    response = years.get("/sammenlign", query_string={"q": SCRIPT})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and SCRIPT not in body
    assert "&lt;script&gt;" in body
    assert find(body, "input", id="q").attrs["value"] == SCRIPT
    html = compare_page(years, {"q": "<b>språk</b>"})
    assert "<b>" not in html
    assert "<mark>" in "".join(find(html, "p", "entry__text").html)
    assert years.get("/api/compare", query_string={"q": SCRIPT}).get_json()["query"] == SCRIPT


@pytest.mark.parametrize("args", [{"q": '"open'}, {"kind": "foo"}, {"vis": "finnes ikke"},
                                  {"sort": "best"}, {"synonymer": "kanskje"},
                                  {"year": "1999"}, {"theme": SCRIPT}])
def test_bad_input_is_a_400_with_a_message(years, args):
    response = years.get("/api/compare", query_string=args)
    assert response.status_code == 400 and set(response.get_json()) == {"error"}
    page = years.get("/sammenlign", query_string=args)
    assert page.status_code == 400
    body = page.get_data(as_text=True)
    assert "Sammenligningen kan ikke vises" in body and SCRIPT not in body


@pytest.mark.parametrize("value", ["0", "51", "x", "²", "-1"])
def test_per_year_out_of_range_is_a_400(years, value):
    response = years.get("/api/compare", query_string={"per_year": value})
    assert response.status_code == 400 and "per_year" in response.get_json()["error"]


def test_per_year_sets_the_column_size(years):
    data = years.get("/api/compare", query_string={"per_year": "2"}).get_json()
    assert [len(c["results"]) for c in data["columns"]] == [2, 2, 2, 2, 2]


def test_blank_fields_and_paging_are_left_out_of_the_address(years):
    response = years.get("/sammenlign?q=&kind=&vis=&page=3&per_page=50&q=spr%C3%A5k")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sammenlign"
    response = years.get("/sammenlign?q=spr%C3%A5k&kind=&vis=")
    assert response.headers["Location"] == "/sammenlign?q=spr%C3%A5k"


def test_the_search_page_and_the_menu_link_to_the_comparison(years):
    html = years.get("/sok", query_string={"q": "språk", "kind": "innspill", "page": "1"},
                     follow_redirects=True).get_data(as_text=True)
    link = find("".join(find(html, "p", "toolbar__compare").html), "a")
    assert urlsplit(link.attrs["href"]).path == "/sammenlign"
    assert query_of(link.attrs["href"]) == {"q": ["språk"], "kind": ["innspill"]}
    assert years.get(link.attrs["href"]).status_code == 200
    nav = find(html, "nav", "site-nav")
    assert "/sammenlign" in [a.attrs["href"] for a in find_all("".join(nav.html), "a")]
    page = compare_page(years, {"q": "språk"})
    current = find("".join(find(page, "nav", "site-nav").html), "a", aria_current="page")
    assert current.attrs["href"] == "/sammenlign"


def test_chips_remove_one_filter_and_keep_the_comparison(years):
    html = compare_page(years, {"q": "språk", "kind": "innspill", "year": ["2018", "2025"],
                                "vis": "språk"})
    hrefs = [a.attrs["href"] for a in find_all(html, "a", "chip")]
    assert {urlsplit(h).path for h in hrefs} == {"/sammenlign"}
    assert query_of(hrefs[0]) == {"q": ["språk"], "kind": ["innspill"], "year": ["2025"],
                                  "vis": ["språk"]}


def test_a_misspelt_word_is_compared_as_the_near_spelling(years):
    html = compare_page(years, {"q": "språkkraav"})
    assert find(html, "p", "corrected").text.startswith("Viser treff for «språkkrav»")
    as_written = compare_page(years, {"q": "språkkraav", "retting": "av"})
    link = find("".join(find(as_written, "p", "suggestion").html), "a")
    assert link.text == "«språkkrav»" and link.attrs["href"] == "/sammenlign?q=spr%C3%A5kkrav"


def test_no_matches_says_what_to_try(years):
    html = compare_page(years, {"q": "xyzzyq", "kind": "innspill"})
    assert find(html, "h2", id="summary-title").text == "Ingen treff for «xyzzyq»"
    tips = find(html, "ul", "empty__tips")
    assert "/sammenlign?q=xyzzyq" in [a.attrs["href"] for a in find_all("".join(tips.html), "a")]
    assert not find_all(html, "table", "matrix")


def test_compare_responses_match_the_openapi_document(years, years_app):
    document = years.get("/api/openapi.json").get_json()
    schema = response_schema(document, "/api/compare", 200)
    for args in ({}, {"q": "tilbakemelding"}, {"q": "språk", "vis": "språk", "per_year": "3"},
                 {"q": "xyzzyq"}):
        validate(years.get("/api/compare", query_string=args).get_json(), schema, document)
    validate(years.get("/api/compare?vis=nope").get_json(),
             response_schema(document, "/api/compare", 400), document)



def test_every_documented_parameter_is_accepted(years):
    document = years.get("/api/openapi.json").get_json()
    parameters = document["paths"]["/api/compare"]["get"]["parameters"]
    names = {p["name"] for p in parameters}
    assert {"q", "vis", "per_year", "sort", "synonymer", "year", "canonical"} <= names
    assert not {"page", "per_page"} & names
    facets = years.get("/api/search").get_json()["facets"]
    valid = {"q": "språk", "vis": "språk", "per_year": "3", "sort": "year", "synonymer": "av",
             "retting": "av", "felt": "tekst", "mening": "av", "id": years.get("/api/search").get_json()[
                 "results"][0]["id"],
             "subcategory": "Traineeprogrammer og praksisplasser"}
    schema = response_schema(document, "/api/compare", 200)
    for name in sorted(names):
        value = valid.get(name) or str(facets[name][0]["value"])
        response = years.get("/api/compare", query_string={name: value})
        assert response.status_code == 200, (name, response.get_json())
        validate(response.get_json(), schema, document)


# On the app with only the real 2025 report.

def test_one_year_in_the_base_says_so_and_links_the_catalogue(client):
    html = client.get("/sammenlign", query_string={"q": "språk"}).get_data(as_text=True)
    alert = find(html, "div", "alert")
    assert "Bare ett år i basen" in alert.text and "2025" in alert.text
    assert "/konferanser" in [a.attrs["href"] for a in find_all("".join(alert.html), "a")]
    assert find(html, "table", "matrix") and not find_all(html, "svg")
    assert not find_all(html, "section", id="kolonner")


def test_the_catalogue_lists_the_whole_series_and_the_gaps(client):
    html = client.get("/konferanser").get_data(as_text=True)
    entries = find_all(html, "li", "catalogue__year")
    assert [int(find("".join(e.html), "p", "catalogue__number").text) for e in entries] == list(
        range(2025, 2013, -1))
    status = {int(find("".join(e.html), "p", "catalogue__number").text):
              find("".join(e.html), "p", "catalogue__status") for e in entries}
    assert status[2025].text.startswith(f"Rapport i basen: {INPUTS} tekster")
    assert find("".join(status[2025].html), "a").attrs["href"] == "/konferanser/2025"
    assert all(status[year].text == "Rapporten er ikke lagt inn." for year in range(2014, 2025))
    first = entries[0].text
    assert "13. mai 2025" in first and "Parkveien 45" in first and "80 deltakere" in first
    assert "Trygge nabolag" in first
    assert "Ikke kjent." in entries[1].text  # 2024
    assert "Rapporten fra 1 av 12 år er lagt inn." in find(html, "p", "catalogue__summary").text


@pytest.mark.parametrize("query", NASTY)
def test_no_query_breaks_the_comparison(client, query):
    # The page reads the query as the API does; every fourth is enough to check the page too.
    urls = ("/api/compare", "/sammenlign") if NASTY.index(query) % 4 == 0 else ("/api/compare",)
    for url in urls:
        response = client.get(url, query_string={"q": query}, follow_redirects=True)
        assert response.status_code in (200, 400), (url, query, response.status_code)
        if url.startswith("/api/") and response.status_code == 400:
            assert response.get_json()["error"]


@pytest.mark.parametrize("args", [{"page": "-1"}, {"per_page": "1e3"}, {"year": "abc"},
                                  {"unknown": "x"}, {"vis": " "}, {"vis": "\x00"}])
def test_odd_parameters_answer_200_or_400(client, args):
    for url in ("/sammenlign", "/api/compare"):
        response = client.get(url, query_string=args, follow_redirects=True)
        assert response.status_code in (200, 400), (url, args)


def test_the_pages_have_the_security_headers_and_no_inline_script_or_style(client):
    for url in ("/sammenlign?q=språk", "/api/compare?q=språk", "/konferanser"):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        if response.is_json:
            continue
        html = response.get_data(as_text=True)
        assert all(s.attrs.get("src", "").startswith("/static/") and not s.text
                   for s in find_all(html, "script"))
        assert not find_all(html, "style") and " style=" not in html


def test_without_an_index_the_comparison_answers_503(tmp_path):
    app = create_app({"KB_DATA_DIR": str(tmp_path), "TESTING": True})
    try:
        client = app.test_client()
        response = client.get("/sammenlign")
        assert response.status_code == 503
        assert "Søkeindeksen er ikke bygget" in response.get_data(as_text=True)
        response = client.get("/api/compare")
        assert response.status_code == 503 and "kb ingest" in response.get_json()["error"]
        html = client.get("/konferanser").get_data(as_text=True)
        assert len(find_all(html, "li", "catalogue__year")) == 12
    finally:
        app.extensions["kb_engine"].dispose()


@pytest.mark.parametrize("args", [{}, {"q": "språk"}, {"q": "skole"}])
def test_the_comparison_runs_as_many_searches_for_five_years_as_for_one(
        years, client, searches, args):
    assert years.get("/sammenlign", query_string=args).status_code == 200
    five = len(searches)
    searches.clear()
    assert client.get("/sammenlign", query_string=args).status_code == 200
    assert five == len(searches) == 1


def test_a_chosen_theme_adds_no_search(years, searches):
    assert years.get("/sammenlign", query_string={"q": "skole"}).status_code == 200
    plain = len(searches)
    searches.clear()
    args = {"q": "skole", "vis": "utdanning og skole"}
    assert years.get("/sammenlign", query_string=args).status_code == 200
    assert len(searches) == plain == 1
