"""The JSON API against the contract in PRODUCT.md and its own OpenAPI document."""
import pytest

from kb.fields import HIDDEN_KINDS
from kb.search import FACETS, FILTERS
from report_2025 import CITATION, SEARCHABLE, SPRAKKRAV, SPRAKKRAV_PAGE
from schema import response_schema, validate

CONTRACT_RESULT_KEYS = {"id", "url", "year", "kind", "theme", "session", "question", "category",
                        "subcategory", "speaker", "organisation", "text", "snippet", "document",
                        "page"}


@pytest.fixture(scope="module")
def openapi(app):
    with app.test_client() as client:
        response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_search_answers_the_contract_shape(client):
    data = client.get("/api/search", query_string={"q": "språkkrav"}).get_json()
    assert {"query", "total", "page", "per_page", "results", "facets", "suggestion"} <= set(data)
    assert data["query"] == "språkkrav" and data["page"] == 1 and data["per_page"] == 20
    first = data["results"][0]
    assert CONTRACT_RESULT_KEYS <= set(first)
    assert first["text"] == SPRAKKRAV and first["page"] == SPRAKKRAV_PAGE and first["year"] == 2025
    assert first["url"] == f"/innspill/{first['id']}"
    assert first["category"] == "Språk og kommunikasjon" and first["session"] == "Bolk 1"
    assert first["snippet"] == "Høye og ofte rigide <mark>språkkrav</mark> (f.eks. B2-nivå)."
    assert set(FACETS) <= set(data["facets"])
    assert data["facets"]["year"] == [{"value": 2025, "count": data["total"]}]


def test_facet_counts_add_up_to_the_total(client):
    for args in ({}, {"q": "frivillige"}, {"q": "nabolag", "kind": "innspill"}):
        data = client.get("/api/search", query_string=args).get_json()
        assert sum(v["count"] for v in data["facets"]["year"]) == data["total"], args
        if "kind" not in args:  # programme lines and figures are counted, but not hits
            shown = [v for v in data["facets"]["kind"] if v["value"] not in HIDDEN_KINDS]
            assert sum(v["count"] for v in shown) == data["total"], args


def test_filters_combine_with_the_query(client):
    everything = client.get("/api/search", query_string={"q": "frivillige", "per_page": 100}).get_json()
    narrowed = client.get("/api/search", query_string={
        "q": "frivillige", "session": "Bolk 2", "kind": "innspill", "per_page": 100}).get_json()
    assert 0 < narrowed["total"] < everything["total"]
    assert all(r["session"] == "Bolk 2" and r["kind"] == "innspill" for r in narrowed["results"])
    ids = {r["id"] for r in everything["results"]}
    assert {r["id"] for r in narrowed["results"]} <= ids
    expected = sum(1 for r in everything["results"]
                   if r["session"] == "Bolk 2" and r["kind"] == "innspill")
    assert narrowed["total"] == expected


def test_repeated_filter_values_mean_any_of_them(client):
    data = client.get("/api/search?kind=innlegg&kind=panel&per_page=100").get_json()
    assert {r["kind"] for r in data["results"]} == {"innlegg", "panel"}
    assert data["total"] == 11 + 6


def test_empty_query_browses_everything(client):
    data = client.get("/api/search", query_string={"per_page": 100, "page": 2}).get_json()
    assert data["total"] == SEARCHABLE and len(data["results"]) == SEARCHABLE - 100


def test_input_answers_the_same_object_plus_its_context(client, sprakkrav_id):
    data = client.get(f"/api/inputs/{sprakkrav_id}").get_json()
    assert CONTRACT_RESULT_KEYS <= set(data)
    assert data["text"] == SPRAKKRAV and data["url"] == f"/innspill/{sprakkrav_id}"
    assert data["citation"] == CITATION + data["permalink"]
    assert data["permalink"] == f"http://localhost/innspill/{sprakkrav_id}"
    assert data["report"]["file_name"] == "2025-integreringskonferansen.txt"
    neighbours = [n["text"] for n in data["context"]["neighbours"]]
    assert neighbours[0] == SPRAKKRAV and len(neighbours) == 3
    assert data["context"]["previous"]["text"] == "Manglende tilbakemelding etter avslag."
    assert sprakkrav_id not in [s["id"] for s in data["context"]["similar"]]


def test_errors_are_json_with_a_norwegian_message(client):
    for url, status in (("/api/search?q=%22open", 400), ("/api/search?kind=foo", 400),
                        ("/api/search?page=0", 400), ("/api/search?per_page=101", 400),
                        ("/api/search?page=x", 400), ("/api/search?sort=best", 400),
                        ("/api/search?page=50", 400), ("/api/inputs/nope", 404),
                        ("/api/finnes-ikke", 404)):
        response = client.get(url)
        assert response.status_code == status, url
        assert response.is_json and set(response.get_json()) == {"error"}, url
    assert "anførselstegn" in client.get("/api/search?q=%22open").get_json()["error"]
    assert client.post("/api/search").status_code == 405


def test_openapi_documents_every_parameter_and_each_one_is_accepted(client, openapi):
    assert openapi["openapi"].startswith("3.")
    parameters = openapi["paths"]["/api/search"]["get"]["parameters"]
    names = [p["name"] for p in parameters]
    assert set(names) == {"q", "page", "per_page", "sort", "synonymer", "retting", "felt",
                          "mening", *FILTERS}
    valid = {"q": "frivillige", "page": "1", "per_page": "5", "sort": "year", "year": "2025",
             "synonymer": "av", "retting": "av", "felt": "tekst", "mening": "av",
             "theme": "Trygge nabolag", "session": "Bolk 2", "question":
             "Hvordan kan frivillige organisasjoner bidra til å skape trygge nabolag?",
             "category": "Bygge bro mellom grupper", "subcategory": "Traineeprogrammer og praksisplasser",
             "kind": "innspill", "speaker": "Siri Klevstrand",
             "organisation": "Kommunesektorens organisasjon"}
    browse = client.get("/api/search").get_json()
    facets = browse["facets"]
    valid["id"] = browse["results"][0]["id"]
    for name in set(names) - set(valid):  # filters added later: take a value from the facets
        valid[name] = str(facets[name][0]["value"])
    schema = response_schema(openapi, "/api/search", 200)
    for name in names:
        response = client.get("/api/search", query_string={name: valid[name]})
        assert response.status_code == 200, name
        validate(response.get_json(), schema, openapi)


def test_synonyms_are_listed_and_can_be_switched_off(client):
    on = client.get("/api/search", query_string={"q": "kvotering"}).get_json()
    assert "kvoter" in on["expansions"] and on["total"] > 0
    off = client.get("/api/search", query_string={"q": "kvotering", "synonymer": "av"}).get_json()
    assert off["expansions"] == [] and off["total"] < on["total"]
    assert client.get("/api/search?q=kvotering&synonymer=kanskje").status_code == 400


def test_search_responses_match_the_schema(client, openapi):
    schema = response_schema(openapi, "/api/search", 200)
    for args in ({}, {"q": "språkkrav"}, {"q": "språkkraav"}, {"q": "nabolag", "kind": "innspill",
                                                               "sort": "year", "per_page": 100}):
        validate(client.get("/api/search", query_string=args).get_json(), schema, openapi)
    error = response_schema(openapi, "/api/search", 400)
    validate(client.get("/api/search?kind=foo").get_json(), error, openapi)


def test_input_responses_match_the_schema(client, openapi, sprakkrav_id):
    schema = response_schema(openapi, "/api/inputs/{id}", 200)
    every = client.get("/api/search?per_page=100&page=1").get_json()["results"]
    for input_id in [sprakkrav_id] + [r["id"] for r in every[::10]]:
        validate(client.get(f"/api/inputs/{input_id}").get_json(), schema, openapi)
    validate(client.get("/api/inputs/nope").get_json(),
             response_schema(openapi, "/api/inputs/{id}", 404), openapi)


def test_the_validator_catches_what_it_should(openapi):
    schema = openapi["components"]["schemas"]["Hit"]
    with pytest.raises(AssertionError, match="missing"):
        validate({"id": "x"}, schema, openapi)
    with pytest.raises(AssertionError, match="undocumented"):
        validate({"error": "x", "extra": 1}, openapi["components"]["schemas"]["Error"], openapi)
    with pytest.raises(AssertionError, match="is not"):
        validate({"error": 3}, openapi["components"]["schemas"]["Error"], openapi)


def test_every_hit_says_where_the_words_matched_text_matches_first(client):
    data = client.get("/api/search", query_string={"q": "nabolag", "per_page": 100}).get_json()
    matched = [hit["matched"] for hit in data["results"]]
    assert all(matched) and len(matched) == data["total"]
    in_text = ["text" in m for m in matched]
    assert in_text == sorted(in_text, reverse=True)  # every text match before any other
    assert sum(in_text) == data["total_text"] < data["total"]
    heading_only = next(h for h in data["results"] if "text" not in h["matched"])
    assert "nabolag" not in heading_only["text"].lower()
    assert {"theme", "question"} & set(heading_only["matched"])


def test_felt_tekst_keeps_only_the_hits_with_the_word_in_the_text(client):
    everything = client.get("/api/search", query_string={"q": "nabolag", "per_page": 100}).get_json()
    only = client.get("/api/search", query_string={"q": "nabolag", "felt": "tekst",
                                                    "per_page": 100}).get_json()
    assert only["total"] == only["total_text"] == everything["total_text"]
    assert all("text" in hit["matched"] for hit in only["results"])
    assert client.get("/api/search?q=nabolag&felt=overalt").status_code == 400


def test_a_phrase_from_the_synonym_list_gets_no_suggestion(client):
    data = client.get("/api/search", query_string={"q": "krav til norsk"}).get_json()
    assert data["suggestion"] is None and data["corrected"] is None and data["total"] > 0


def test_an_unknown_filter_value_is_a_400_naming_the_values(client):
    for args in ({"year": "1999"}, {"q": "språkkrav år:1999"}):
        response = client.get("/api/search", query_string=args)
        assert response.status_code == 400
        assert response.get_json()["error"] == ("Filteret år har ingen verdi «1999» i basen. "
                                                "Verdiene som finnes, er «2025».")


def test_the_citation_names_publisher_title_page_session_and_permalink(client, sprakkrav_id):
    data = client.get(f"/api/inputs/{sprakkrav_id}").get_json()
    assert data["citation"].startswith("Arbeids- og inkluderingsdepartementet (2025). ")
    assert ", s. 13. Bolk 1: Inkluderende arbeidsliv, spørsmål 1." in data["citation"]
    assert data["citation"].endswith(f"/innspill/{sprakkrav_id}")
    assert data["report"]["publisher"] == "Arbeids- og inkluderingsdepartementet"
