"""The input page: full text, tags as links, its heading's inputs, source, citation, similar."""
from urllib.parse import parse_qs, urlsplit
from report_2025 import CITATION, SPRAKKRAV
from pages import find, find_all


SAME_CATEGORY = [SPRAKKRAV,
                 "Vanskeligheter med å forstå stillingsannonser og norsk arbeidskultur.",
                 "Manglende mulighet til å lære språk i praksis."]


def input_page(client, input_id):
    response = client.get(f"/innspill/{input_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def filters_of(href):
    return {name: values for name, values in parse_qs(urlsplit(href).query).items()}


def test_input_page_shows_the_full_text_and_the_question_it_answers(client, sprakkrav_id):
    html = input_page(client, sprakkrav_id)
    assert find(html, "h1").text == "Innspill: Språk og kommunikasjon"
    assert find(html, "div", "detail__text").text == SPRAKKRAV
    question = find(html, "div", "question").text
    assert "spørsmål 1 i Bolk 1 – Inkluderende arbeidsliv" in question
    assert "Hva er de største utfordringene innvandrere møter når de søker jobb i offentlig sektor?" in question
    assert "Kategori: Språk og kommunikasjon" in question
    assert "<title>Innspill: Språk og kommunikasjon (2025) – Innspillsbasen</title>" in html


def test_every_tag_links_to_the_filtered_search(client, sprakkrav_id):
    html = input_page(client, sprakkrav_id)
    tags = {row.text.split(" ", 1)[0]: find("".join(row.html), "a").attrs["href"]
            for row in find_all(html, "div", "tags__row")}
    assert {"År", "Bolk", "Tema", "Spørsmål", "Kategori", "Type"} <= set(tags)
    assert filters_of(tags["Kategori"]) == {"category": ["Språk og kommunikasjon"]}
    assert filters_of(tags["Bolk"]) == {"year": ["2025"], "session": ["Bolk 1"]}
    assert filters_of(tags["Type"]) == {"kind": ["innspill"]}
    for href in tags.values():
        found = client.get("/api/search", query_string={**filters_of(href), "per_page": 100})
        assert sprakkrav_id in [hit["id"] for hit in found.get_json()["results"]]


def test_breadcrumb_links_narrow_step_by_step(client, sprakkrav_id):
    html = input_page(client, sprakkrav_id)
    crumbs = find_all("".join(find(html, "nav", "breadcrumbs").html), "a")
    assert [c.text for c in crumbs] == ["2025", "Bolk 1 Inkluderende arbeidsliv", "Spørsmål 1",
                                        "Språk og kommunikasjon"]
    last = filters_of(crumbs[-1].attrs["href"])
    assert last["year"] == ["2025"] and last["session"] == ["Bolk 1"]
    assert last["category"] == ["Språk og kommunikasjon"] and len(last["question"]) == 1
    listed = client.get(crumbs[-1].attrs["href"]).get_data(as_text=True)
    assert sorted(p.text for p in find_all(listed, "p", "hit__text")) == sorted(SAME_CATEGORY)


def test_neighbours_are_the_inputs_under_the_same_heading_in_report_order(client, sprakkrav_id):
    html = input_page(client, sprakkrav_id)
    section = "".join(find(html, "section", "neighbours").html)
    assert find(section, "h2").text == "Alle innspill under «Språk og kommunikasjon» (3)"
    items = find_all(section, "li", "item")
    assert [find("".join(i.html), "p", "item__text").text.replace(" (denne teksten)", "")
            for i in items] == SAME_CATEGORY
    assert items[0].attrs.get("aria-current") == "true"
    assert find(section, "a", rel="next").attrs["href"].startswith("/innspill/")


def test_a_talk_lists_the_other_talks_under_its_heading(client):
    hit = client.get("/api/search", query_string={"q": "kommunesektoren", "kind": "innlegg"}
                     ).get_json()["results"][0]
    html = input_page(client, hit["id"])
    assert find(html, "h1").text == "Innlegg av Siri Klevstrand"
    section = "".join(find(html, "section", "neighbours").html)
    assert find(section, "h2").text.startswith("Samme overskrift: Innledere (")
    texts = [i.text for i in find_all(section, "p", "item__text")]
    assert any("Bernt Apeland" in t for t in texts) and len(texts) == 4


def test_citation_is_visible_text_ready_to_copy(client, sprakkrav_id):
    html = input_page(client, sprakkrav_id)
    assert find(html, "p", id="citation").text == CITATION
    permalink = find(html, "a", id="permalink")
    assert permalink.attrs["href"] == f"http://localhost/innspill/{sprakkrav_id}"
    buttons = find_all(html, "button", "js-copy")
    assert [b.attrs["data-copy"] for b in buttons] == ["citation", "permalink"]
    assert all("hidden" in b.attrs for b in buttons)  # shown by app.js, useless without it


def test_source_names_the_report_file_and_page(client, sprakkrav_id):
    source = find(input_page(client, sprakkrav_id), "dl", "facts").text
    assert "Regjeringens nasjonale integreringskonferanse 2025" in source
    assert "2025-integreringskonferansen.txt" in source
    assert "13 av 15" in source and "13. mai 2025" in source


def test_similar_inputs_exclude_itself(client, sprakkrav_id):
    section = "".join(find(input_page(client, sprakkrav_id), "section", "similar").html)
    links = [a.attrs["href"] for a in find_all(section, "a")]
    assert 1 <= len(links) <= 5
    assert f"/innspill/{sprakkrav_id}" not in links
    for href in links:
        assert client.get(href).status_code == 200


def test_unknown_input_is_a_norwegian_404(client):
    response = client.get("/innspill/2025-finnesikke")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert find(html, "h1").text == "Vi finner ikke siden"
    assert "Vi finner ikke noe innspill med denne adressen" in html
    assert find(html, "input", id="q")
