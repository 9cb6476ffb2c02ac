"""The search pages (/ and /sok) and the help page, on the real 2025 report."""
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from kb.config import load_config
from kb.database import make_engine
from kb import engine as engine_module
from kb.index import live_dir, rebuild
from web import create_app
from web.search import page_numbers
from report_2025 import INNSPILL, SEARCHABLE, SPRAKKRAV
from pages import find, find_all


def page(client, **args):
    response = client.get("/sok", query_string=args, follow_redirects=True)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def hit_texts(html):
    return [hit.text for hit in find_all(html, "p", "hit__text")]


def total_of(client, **args):
    return client.get("/api/search", query_string=args).get_json()["total"]


def test_start_page_has_a_labelled_search_box_examples_and_an_overview(client):
    for url in ("/", "/sok"):
        html = client.get(url).get_data(as_text=True)
        assert find(html, "label", for_="q").text == "Søk i innspillene"
        box = find(html, "input", id="q")
        assert box.attrs["name"] == "q" and box.attrs["type"] == "search"
        assert find(html, "form", id="search").attrs["method"] == "get"
        examples = [a.text for a in find_all(html, "a", "pill")]
        assert "språkkrav" in examples and len(examples) >= 4
        overview = find(html, "section", "overview").text
        assert "Trygghet og nabolag" in overview and f"Innspill {INNSPILL}" in overview


def test_every_example_on_the_start_page_finds_something(client):
    html = client.get("/").get_data(as_text=True)
    for link in find_all(html, "a", "pill"):
        result = client.get(link.attrs["href"])
        assert result.status_code == 200
        assert find_all(result.get_data(as_text=True), "li", "hit"), link.text


def test_sprakkrav_finds_the_innspill_first_with_its_place_in_the_report(client):
    html = page(client, q="språkkrav")
    hits = find_all(html, "li", "hit")
    first_html = "".join(hits[0].html)
    assert find(first_html, "p", "hit__text").text == SPRAKKRAV
    assert find(first_html, "p", "hit__crumbs").text == (
        "2025 › Bolk 1 Inkluderende arbeidsliv › Spørsmål 1 › Språk og kommunikasjon")
    meta = find(first_html, "p", "hit__meta").text
    assert "Innspill" in meta and "Side 13" in meta
    assert '<mark>språkkrav</mark>' in "".join(find(first_html, "p", "hit__text").html)
    total = total_of(client, q="språkkrav")
    assert find(html, "h2", id="results-title").text == f"{total} treff for «språkkrav»"


def test_snippets_only_add_mark_to_escaped_text(client):
    html = page(client, q="f.eks språkkrav", per_page=100)
    for hit in find_all(html, "p", "hit__text"):
        inner = "".join(hit.html)
        inner = re.sub(r"^<a href=\"/innspill/[\w-]+\">|</a>$", "", inner)
        assert re.sub(r"</?mark>", "", inner).count("<") == 0, inner


def test_breadcrumb_of_a_talk_names_the_speaker(client):
    html = page(client, q="kommunesektoren språkkrav")
    crumbs = [c.text for c in find_all(html, "p", "hit__crumbs")]
    assert "2025 › Bolk 1 Inkluderende arbeidsliv › Siri Klevstrand (Kommunesektorens organisasjon)" in crumbs


def test_facets_show_counts_that_agree_with_the_total(client):
    html = page(client, q="frivillige")
    total = total_of(client, q="frivillige")
    for name in ("year", "kind"):
        counts = [int(find("".join(option.html), "span", "count").text.strip("()").split()[0])
                  for option in find_all(html, "li", "facet__option")
                  if f'name="{name}"' in "".join(option.html)]
        assert sum(counts) == total, name
    legends = [legend.text for legend in find_all(html, "legend")]
    assert legends[:3] == ["År", "Tema", "Bolk"]
    assert {"Tema", "Bolk", "Spørsmål", "Kategori", "Emne", "Type", "Taler"} <= set(legends)


def test_a_filter_narrows_the_search_and_shows_as_a_removable_chip(client):
    all_hits = total_of(client, q="frivillige")
    html = page(client, q="frivillige", session="Bolk 2", kind="innspill")
    narrowed = total_of(client, q="frivillige", session="Bolk 2", kind="innspill")
    assert 0 < narrowed < all_hits
    assert find(html, "h2", id="results-title").text == f"{narrowed} treff for «frivillige»"
    chips = {chip.text: chip.attrs["href"] for chip in find_all(html, "a", "chip")}
    assert set(chips) == {"Fjern filteret Bolk: Bolk 2×", "Fjern filteret Type: Innspill×"}
    assert chips["Fjern filteret Type: Innspill×"] == "/sok?q=frivillige&session=Bolk+2"
    checked = [box.attrs["value"] for box in find_all(html, "input", "checkbox")
               if "checked" in box.attrs]
    assert sorted(checked) == ["Bolk 2", "innspill"]


def test_several_values_of_one_filter_add_up(client):
    innlegg = total_of(client, kind="innlegg")
    tale = total_of(client, kind="tale")
    html = page(client, kind=["innlegg", "tale"], per_page=100)
    assert len(find_all(html, "li", "hit")) == innlegg + tale == 31
    assert {m.text for m in find_all(html, "span", "tag")} == {"Innlegg", "Tale"}


def test_sort_by_year_and_paging_keep_the_state_in_the_url(client):
    html = page(client, sort="year", page=2)
    assert find(html, "ol", "hits").attrs["start"] == "21"
    current = find(html, "a", "pagination__page", aria_current="page")
    assert current.text == "Side 2"
    links = [a.attrs["href"] for a in find_all(html, "a", "pagination__page")]
    assert f"/sok?sort=year&page={-(-SEARCHABLE // 20)}" in links and "/sok?sort=year" in links
    assert find(html, "a", rel="next").attrs["href"] == "/sok?sort=year&page=3"
    assert "selected" in find(html, "option", value="year").attrs


def test_form_defaults_redirect_to_the_address_worth_bookmarking(client):
    response = client.get("/sok?q=spr%C3%A5kkrav&sort=relevance&page=1&kind=&year=2025&year=2025")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sok?q=spr%C3%A5kkrav&year=2025"
    assert client.get("/sok?q=&sort=relevance").headers["Location"] == "/sok"
    assert client.get("/sok?q=spr%C3%A5kkrav&year=2025").status_code == 200


def test_pages_cover_every_input_once(client):
    seen = []
    for number in (1, 2):
        seen += [h.attrs["id"] for h in find_all(page(client, sort="year", per_page=100, page=number),
                                                  "p", "hit__text")]
    assert len(seen) == len(set(seen)) == SEARCHABLE


def test_no_hits_gives_tips_and_example_searches(client):
    html = page(client, q="xyzzyq")
    assert find(html, "h2", id="results-title").text == "Ingen treff for «xyzzyq»"
    assert find(html, "h3", "empty__title").text == "Dette kan hjelpe"
    assert not find_all(html, "li", "hit") and not find_all(html, "aside", "facets")
    tips = find(html, "section", "tips").text
    assert '"trygge nabolag"' in tips and "mentor*" in tips
    assert find(html, "a", href="/sok?q=spr%C3%A5k*").text == "språk*"


@pytest.mark.parametrize("misspelt, near", [("frivilige", "frivillige"),
                                            ("diskrimminering", "diskriminering"),
                                            ("språkkraav", "språkkrav")])
def test_a_misspelt_word_is_searched_as_the_near_spelling_and_the_page_says_so(
        client, misspelt, near):
    html = page(client, q=misspelt)
    assert find(html, "h2", id="results-title").text.endswith(f"treff for «{near}»")
    shown = find(html, "p", "corrected")
    assert shown.text.startswith(f"Viser treff for «{near}». Søk i stedet etter «{misspelt}»")
    link = find("".join(shown.html), "a").attrs["href"]
    assert dict(parse_qsl(urlsplit(link).query)) == {"q": misspelt, "retting": "av"}
    as_written = page(client, q=misspelt, retting="av")
    suggestion = find(as_written, "p", "suggestion")
    assert suggestion.text == f"Mente du «{near}»?"
    assert dict(parse_qsl(urlsplit(find("".join(suggestion.html), "a").attrs["href"]).query)
                ) == {"q": near}


def test_no_hits_with_filters_offers_to_drop_them(client):
    html = page(client, q="valgomater", kind="innspill")
    assert find(html, "h2", id="results-title").text == "Ingen treff for «valgomater»"
    assert find(html, "input", "checkbox", value="innspill").attrs.get("checked", "") is None
    assert any(a.text == "Søk uten filtrene" for a in find_all(html, "a"))


def test_export_links_carry_the_search(client):
    html = page(client, q="frivillige", kind="innspill", sort="year")
    hrefs = [a.attrs["href"] for a in find_all(html, "a") if "/eksport/" in a.attrs.get("href", "")]
    assert hrefs == ["/eksport/csv?q=frivillige&kind=innspill&sort=year",
                     "/eksport/xlsx?q=frivillige&kind=innspill&sort=year"]


def test_query_filters_written_in_the_box_work(client):
    html = page(client, q='tema:"Trygge nabolag" frivillige')
    crumbs = [c.text for c in find_all(html, "p", "hit__crumbs")]
    assert crumbs and all("Trygge nabolag" in c for c in crumbs)


@pytest.mark.parametrize("args, message", [
    ({"q": '"språkkrav'}, "anførselstegn"),
    ({"q": "(språk"}, "Parentesene"),
    ({"q": "*"}, "Jokertegnet"),
    ({"q": "x" * 501}, "for langt"),
    ({"page": "0"}, "Sidetallet"),
    ({"page": "abc"}, "Sidetallet må være et helt tall"),
    ({"page": "99999999999999999999"}, "Sidetallet"),
    ({"page": "99"}, "Side 99 finnes ikke"),
    ({"per_page": "1000"}, "Antall treff per side"),
    ({"per_page": "-5"}, "Antall treff per side"),
    ({"sort": "random"}, "Sortering"),
    ({"kind": "foo"}, "Filteret type har ingen verdi «foo»"),
    ({"year": "1999"}, "Filteret år har ingen verdi «1999»"),
    ({"theme": "Finnes ikke"}, "Filteret bolkens tema"),
])
def test_unreadable_searches_answer_400_with_a_norwegian_message(client, args, message):
    response = client.get("/sok", query_string=args)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    alert = find(html, "div", "alert--error")
    assert alert.attrs["role"] == "alert"
    assert message in alert.text
    assert find(html, "input", id="q").attrs["value"] == args.get("q", "")


def test_help_page_explains_the_syntax_and_every_example_finds_something(client):
    html = client.get("/hjelp").get_data(as_text=True)
    assert find(html, "h1").text == "Slik søker du"
    examples = [code.text for code in find_all(html, "code")]
    for syntax in ('"trygge nabolag"', "diskriminering -religion", "kvoter OR kvoteordninger",
                   "mentor*", "år:2025 språk", 'tema:"Trygge nabolag"'):
        assert syntax in examples
    for link in find_all(html, "a"):
        href = link.attrs.get("href", "")
        if href.startswith("/sok?q="):
            query = href
            assert total_of(client, q=client.get(query).request.args["q"]) > 0, link.text


def test_page_numbers_show_first_last_and_a_window():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 8) == [1, 2, 3, None, 8]
    assert page_numbers(5, 10) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert page_numbers(4, 5) == [1, 2, 3, 4, 5]


def test_the_app_follows_a_reindex_without_a_restart(kb_2025, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(kb_2025.data_dir, folder)
    app = create_app({"KB_DATA_DIR": str(folder), "TESTING": True})
    engine = make_engine(load_config(folder))
    try:
        client = app.test_client()
        assert client.get("/sok?kind=innspill").status_code == 200
        before = live_dir(load_config(folder)).name
        rebuild(engine, load_config(folder))
        assert live_dir(load_config(folder)).name != before
        html = page(client, kind="innspill", q="språkkrav")
        assert hit_texts(html)[0] == SPRAKKRAV
        # the new generation gets its own engine (arrays, filter values), kept beside the
        # one before it for requests still running on that
        names = [Path(folder).name for folder, _ in engine_module._ENGINES]
        assert names[-1] == live_dir(load_config(folder)).name and len(names) <= 2
    finally:
        engine.dispose()
        app.extensions["kb_engine"].dispose()


def test_page_shows_the_synonyms_searched_and_a_way_to_switch_them_off(client):
    page = client.get("/sok?q=norskkrav").get_data(as_text=True)
    assert "Søket omfattet også: språkkrav, krav til norskkunnskaper" in page
    assert "synonymer=av" in page and "Søk bare etter ordene du skrev" in page
    off = client.get("/sok?q=norskkrav&synonymer=av").get_data(as_text=True)
    assert "Synonymer er slått av" in off and "Søket omfattet også" not in off


def test_page_shows_the_spelling_suggestion_when_correcting_is_off(client):
    page = client.get("/sok?q=spr%C3%A5krav&retting=av").get_data(as_text=True)
    assert "Mente du" in page and "«språkkrav»" in page


def test_the_count_line_separates_text_hits_from_heading_hits(client):
    html = page(client, q="nabolag")
    line = find(html, "p", "found-where")
    data = client.get("/api/search", query_string={"q": "nabolag"}).get_json()
    text, rest = data["total_text"], data["total"] - data["total_text"]
    assert line.text.startswith(f"{text} treff i teksten, {rest} under overskrifter som nevner")
    only = client.get(find("".join(line.html), "a").attrs["href"].replace("#treff", ""))
    assert only.request.args["felt"] == "tekst"
    html_only = only.get_data(as_text=True)
    assert find(html, "h2", id="results-title").text.startswith(f"{data['total']} treff")
    assert find(html_only, "h2", id="results-title").text.startswith(f"{text} treff")
    assert "Ta med treff under overskrifter" in find(html_only, "p", "found-where").text


def test_a_hit_found_only_under_a_heading_says_so(client):
    html = page(client, q="nabolag", per_page=50)
    reasons = [p.text for p in find_all(html, "p", "hit__why")]
    assert reasons and all(r.startswith("Ordene står ikke i selve teksten, men i ") for r in reasons)
    assert any("bolkens tema «Trygge nabolag»" in r for r in reasons)


def test_the_filter_panel_has_one_theme_and_sessions_with_their_titles(client):
    html = page(client, q="frivillige")
    legends = [legend.text for legend in find_all(html, "legend", "facet__legend")]
    assert "Bolkens tema" not in legends and legends.count("Tema") == 1
    sessions = [label.text for label in find_all(
        "".join(find(html, "fieldset", id="facet-session").html), "span", "facet__value")]
    assert "Bolk 2: Trygge nabolag" in sessions
    helps = find_all(html, "p", "facet__help")
    assert len(helps) == len(legends) and all(h.text for h in helps)


def test_programme_lines_are_offered_but_not_listed(client):
    html = page(client, q="arbeid", per_page=100)
    kinds = [h.text for h in find_all(html, "span", "tag")]
    assert "Programpunkt" not in kinds
    kind_panel = find(html, "fieldset", id="facet-kind").text
    assert "Programpunkt (bare når valgt)" in kind_panel


def test_browsing_is_in_report_order_and_the_menu_says_so(client):
    html = page(client, kind="innspill")
    assert "selected" in find(html, "option", value="rapport").attrs
    assert find(html, "p", "toolbar__range").text == f"Viser 1–20 av {INNSPILL}"
    searched = page(client, q="språk")
    assert "selected" in find(searched, "option", value="relevance").attrs


def test_unknown_filter_value_names_the_values_that_exist(client):
    response = client.get("/sok?year=1999")
    assert response.status_code == 400
    assert "Filteret år har ingen verdi «1999» i basen. Verdiene som finnes, er «2025»." in \
        response.get_data(as_text=True)
    assert client.get("/sok", query_string={"q": "språkkrav år:1999"}).status_code == 400


def test_links_to_the_result_as_json_and_csv_and_a_skip_link_to_the_results(client):
    html = page(client, q="språk", kind="innspill")
    json_link = find(html, "a", "toolbar__json").attrs["href"]
    assert json_link.startswith("/api/search?") and client.get(json_link).status_code == 200
    assert find(html, "form", id="search").attrs["action"] == "/sok#treff"
    assert find(html, "section", id="treff")
    assert find(html, "a", href="#filtre").text.startswith("Filtrer treffene")
