"""Safety: escaping, security headers, friendly errors and never a 500."""
import pytest

from web import create_app
from web.export import _csv_safe
from pages import find, find_all
from hostile import NASTY

SCRIPT = "<script>alert(1)</script>"


def urls(sprakkrav_id):
    return ["/", "/sok?q=språkkrav", "/hjelp", f"/innspill/{sprakkrav_id}", "/konferanser",
            "/konferanser/2025", "/api/search?q=språkkrav", f"/api/inputs/{sprakkrav_id}",
            "/api/openapi.json", "/eksport/csv?q=språkkrav", "/eksport/xlsx?q=språkkrav",
            "/static/style.css", "/static/app.js", "/sok?kind=foo", "/innspill/nope",
            "/api/inputs/nope", "/finnes-ikke"]


def fetch(client, url):
    """Get a response and close it (static files are streamed from an open file)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def test_every_response_has_the_security_headers(client, sprakkrav_id):
    for url in urls(sprakkrav_id):
        response = fetch(client, url)
        policy = response.headers["Content-Security-Policy"]
        for part in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                     "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"):
            assert part in policy, url
        assert "unsafe-inline" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client, sprakkrav_id):
    for url in urls(sprakkrav_id):
        response = fetch(client, url)
        if "text/html" not in response.headers["Content-Type"]:
            continue
        html = response.get_data(as_text=True)
        scripts = find_all(html, "script")
        assert scripts and all(s.attrs.get("src", "").startswith("/static/") and not s.text
                               for s in scripts), url
        assert not find_all(html, "style"), url
        assert " style=" not in html and " on" + "click=" not in html, url
        assert '<html lang="nb">' in html


def test_a_script_in_the_query_is_shown_never_run(client):
    for url in ("/sok", "/eksport/csv"):
        response = client.get(url, query_string={"q": SCRIPT})
        body = response.get_data(as_text=True)
        assert SCRIPT not in body
    html = client.get("/sok", query_string={"q": SCRIPT}).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert find(html, "input", id="q").attrs["value"] == SCRIPT


def test_markup_in_a_query_that_matches_is_escaped_around_the_marks(client):
    html = client.get("/sok", query_string={"q": "<b>språkkrav</b>"}).get_data(as_text=True)
    assert "<b>" not in html
    snippet = "".join(find(html, "p", "hit__text").html)
    assert "<mark>språkkrav</mark>" in snippet


def test_a_script_in_a_filter_value_is_refused_and_escaped(client):
    response = client.get("/sok", query_string={"theme": SCRIPT})
    assert response.status_code == 400
    assert SCRIPT not in response.get_data(as_text=True)
    response = client.get("/api/search", query_string={"kind": SCRIPT})
    assert response.status_code == 400 and response.is_json




@pytest.mark.parametrize("query", NASTY)
def test_no_query_breaks_the_app(client, query):
    for url in ("/sok", "/api/search", "/eksport/csv"):
        response = client.get(url, query_string={"q": query}, follow_redirects=True)
        assert response.status_code in (200, 400), (url, query, response.status_code)
    response = client.get("/api/search", query_string={"q": query})
    if response.status_code == 400:
        assert response.get_json()["error"]


@pytest.mark.parametrize("args", [
    {"page": "-1"}, {"page": "1.5"}, {"page": "１"}, {"page": " "}, {"per_page": "0"},
    {"per_page": "1e3"}, {"year": "abc"}, {"year": ""}, {"kind": ""}, {"unknown": "x"},
    {"q": "frivillige", "page": "10001"},
])
def test_odd_parameters_answer_200_or_400(client, args):
    for url in ("/sok", "/api/search"):
        response = client.get(url, query_string=args, follow_redirects=True)
        assert response.status_code in (200, 400), (url, args)


def test_unknown_pages_are_norwegian_404s_and_posts_405s(client):
    response = client.get("/finnes-ikke")
    assert response.status_code == 404
    assert find(response.get_data(as_text=True), "h1").text == "Vi finner ikke siden"
    response = client.post("/sok")
    assert response.status_code == 405
    assert "Denne handlingen støttes ikke" in response.get_data(as_text=True)


def test_without_an_index_pages_say_so_and_the_api_answers_503(tmp_path):
    app = create_app({"KB_DATA_DIR": str(tmp_path), "TESTING": True})
    try:
        client = app.test_client()
        response = client.get("/")
        assert response.status_code == 503
        assert "Søkeindeksen er ikke bygget" in response.get_data(as_text=True)
        response = client.get("/api/search")
        assert response.status_code == 503 and "kb ingest" in response.get_json()["error"]
        assert client.get("/eksport/csv").status_code == 503
        empty = client.get("/konferanser")
        assert empty.status_code == 200 and "Basen er tom" in empty.get_data(as_text=True)
        assert client.get("/hjelp").status_code == 200
    finally:
        app.extensions["kb_engine"].dispose()


def test_csv_cells_never_start_a_formula():
    assert _csv_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _csv_safe("+47 22 00 00 00") == "'+47 22 00 00 00"
    assert _csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_safe("Språk – og arbeid") == "Språk – og arbeid"
    assert _csv_safe(None) == "" and _csv_safe(13) == 13
