"""The JSON API against the contract in PRODUCT.md and its own OpenAPI document."""
import pytest

from kb.search import FACETS, FILTERS
from report_2025 import CITATION, INPUTS, SPRAKKRAV, SPRAKKRAV_PAGE
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
        if "kind" not in args:
            assert sum(v["count"] for v in data["facets"]["kind"]) == data["total"], args


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
    assert data["total"] == INPUTS and len(data["results"]) == 51


def test_input_answers_the_same_object_plus_its_context(client, sprakkrav_id):
    data = client.get(f"/api/inputs/{sprakkrav_id}").get_json()
    assert CONTRACT_RESULT_KEYS <= set(data)
    assert data["text"] == SPRAKKRAV and data["url"] == f"/innspill/{sprakkrav_id}"
    assert data["citation"] == CITATION
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
    assert set(names) == {"q", "page", "per_page", "sort", "synonymer", *FILTERS}
    valid = {"q": "frivillige", "page": "1", "per_page": "5", "sort": "year", "year": "2025",
             "synonymer": "av",
             "theme": "Trygge nabolag", "session": "Bolk 2", "question":
             "Hvordan kan frivillige organisasjoner bidra til å skape trygge nabolag?",
             "category": "Bygge bro mellom grupper", "subcategory": "Traineeprogrammer og praksisplasser",
             "kind": "innspill", "speaker": "Siri Klevstrand",
             "organisation": "Kommunesektorens organisasjon"}
    facets = client.get("/api/search").get_json()["facets"]
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
