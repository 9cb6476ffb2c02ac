"""No 500 anywhere: the issue's inputs, an index that is stale or damaged, a search out of
time, integers out of range, control characters in exports, and links that never take
the Host header's word."""
import shutil
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import update
from sqlalchemy.orm import Session

from kb import budget, fingerprint
from kb.config import load_config
from kb.database import make_engine
from kb.index import live_dir
from kb.models import Input
from web import create_app

ISSUE_QUERIES = ["språk NOT AND x", "x NOT NOT språk", "språk NOT OR x", "språk - + frivillig",
                 '""{TO}', "språkkravene~9", "\x00", "a\x01b"]


@pytest.fixture
def copy_of_base(kb_2025, tmp_path):
    """A data folder of the test's own, holding the 2025 report and its index."""
    folder = tmp_path / "data"
    shutil.copytree(kb_2025.data_dir, folder)
    return folder


def app_for(folder, **settings):
    return create_app({"KB_DATA_DIR": str(folder), "TESTING": True, **settings})


@pytest.mark.parametrize("query", ISSUE_QUERIES)
@pytest.mark.parametrize("path", ["/api/search", "/sok", "/sammenlign", "/api/compare",
                                  "/eksport/csv", "/eksport/xlsx"])
def test_the_issues_queries_answer_without_a_500(client, path, query):
    response = client.get(path, query_string={"q": query}, follow_redirects=True)
    assert response.status_code in (200, 400), (path, query, response.status_code)
    if path.startswith("/api/") and response.status_code == 400:
        assert response.get_json()["error"]


def test_fuzzy_edits_are_capped_at_two(client):
    nine = client.get("/api/search", query_string={"q": "språkkravene~9"}).get_json()
    two = client.get("/api/search", query_string={"q": "språkkravene~2"}).get_json()
    assert nine["total"] == two["total"] > 0
    assert [hit["id"] for hit in nine["results"]] == [hit["id"] for hit in two["results"]]


def test_a_query_of_too_many_words_is_a_400(client):
    response = client.get("/api/search", query_string={"q": " ".join(["ord"] * 33)})
    assert response.status_code == 400
    assert "for mange ord" in response.get_json()["error"]


@pytest.mark.parametrize("path", ["/konferanser/9223372036854775808",
                                  "/konferanser/9223372036854775808/rapport",
                                  "/konferanser/0", "/konferanser/99999"])
def test_a_year_out_of_range_in_the_path_is_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path, args", [
    ("/api/search", {"page": "99999999999999999999"}),
    ("/api/search", {"year": "99999999999999999999"}), ("/api/search", {"per_page": "-5"}),
    ("/api/compare", {"year": "99999999999999999999"}),
    ("/api/compare", {"per_year": "10000000000000"})])
def test_integers_out_of_range_in_the_query_are_a_400(client, path, args):
    response = client.get(path, query_string=args)
    assert response.status_code == 400, (path, args)
    assert response.get_json()["error"]


# A search out of time: 503, in Norwegian, and a comparison's searches share one budget.

def test_a_search_out_of_time_is_a_503_saying_what_to_do(copy_of_base, monkeypatch):
    monkeypatch.setenv("KB_SEARCH_SECONDS", "0.001")
    app = app_for(copy_of_base)
    client = app.test_client()
    response = client.get("/api/search", query_string={"q": "språkkravene~2"})
    assert response.status_code == 503
    assert response.get_json()["error"].startswith("Søket tok for lang tid – gjør det smalere")
    page = client.get("/sok", query_string={"q": "språkkravene~2"})
    assert page.status_code == 503 and "Søket tok for lang tid" in page.get_data(as_text=True)
    assert client.get("/sammenlign", query_string={"q": "språk*"}).status_code == 503
    assert client.get("/eksport/xlsx", query_string={"q": "språk*"}).status_code == 503
    app.extensions["kb_engine"].dispose()


def test_a_comparison_runs_all_its_searches_in_one_budget(client, monkeypatch):
    deadlines = []
    original = budget.check

    def spy():
        deadlines.append(budget._deadline.get())
        original()
    monkeypatch.setattr(budget, "check", spy)
    assert client.get("/api/compare", query_string={"q": "språk"}).status_code == 200
    assert len(deadlines) > 3 and len(set(deadlines)) == 1


# The index: stale or damaged is a 503 naming the fix, never a 500 or a silent stale answer.

@pytest.mark.parametrize("recorded", [True, False])
def test_a_stale_index_is_a_503_naming_kb_reindex(copy_of_base, recorded):
    app = app_for(copy_of_base)
    client = app.test_client()
    assert client.get("/api/search?q=språkkrav").status_code == 200
    engine = make_engine(load_config(copy_of_base))
    with Session(engine) as session:  # as if an ingest died after its commit
        session.execute(update(Input).where(Input.position == 0).values(text="Endret."))
        if recorded:  # as every writer does; one that does not is found by a full check
            fingerprint.record(session)
        session.commit()
    engine.dispose()
    fresh = app_for(copy_of_base).test_client()  # a server started after the change
    for each in (client, fresh) if recorded else (fresh,):
        response = each.get("/api/search?q=språkkrav")
        assert response.status_code == 503
        assert "utdatert" in response.get_json()["error"]
        assert "kb reindex" in response.get_json()["error"]
    app.extensions["kb_engine"].dispose()


@pytest.mark.parametrize("damage", ["empty", "garbage", "missing generation"])
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_pointer_is_a_503_on_every_page(copy_of_base, damage, sprakkrav_id):
    config = load_config(copy_of_base)
    if damage == "missing generation":
        shutil.rmtree(live_dir(config))
    else:
        (config.index_dir / "CURRENT").write_bytes(b"" if damage == "empty" else b"\x00\x9f..")
    app = app_for(copy_of_base)
    client = app.test_client()
    for path in ("/", "/sok?q=språk", "/api/search?q=språk", "/sammenlign", "/api/compare",
                 "/eksport/csv", "/konferanser", "/konferanser/2025",
                 f"/innspill/{sprakkrav_id}", f"/api/inputs/{sprakkrav_id}"):
        response = client.get(path)
        assert response.status_code in (200, 503), (path, response.status_code)
        if response.status_code == 503:
            assert "skadet" in response.get_data(as_text=True) and "kb reindex" in \
                response.get_data(as_text=True)
    assert client.get("/api/search?q=språk").status_code == 503
    app.extensions["kb_engine"].dispose()


# Exports: control characters never reach a cell.

def test_exports_drop_control_characters_in_the_query_and_the_texts(copy_of_base):
    engine = make_engine(load_config(copy_of_base))
    with Session(engine) as session:  # stored before ingest removed them
        session.execute(update(Input).where(Input.text.like("Høye og ofte rigide%")).values(
            text="Høye og ofte rigide\x01 språkkrav\x0b (f.eks. B2-nivå)."))
        session.commit()
    engine.dispose()
    from kb.index import rebuild
    rebuild(make_engine(load_config(copy_of_base)), load_config(copy_of_base))
    app = app_for(copy_of_base)
    client = app.test_client()
    response = client.get("/eksport/xlsx", query_string={"q": "rigide\x00"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.data))
    rows = list(book["Treff"].iter_rows(values_only=True))
    texts = [row[rows[0].index("Tekst")] for row in rows[1:]]
    assert "Høye og ofte rigide språkkrav (f.eks. B2-nivå)." in texts
    csv = client.get("/eksport/csv", query_string={"q": "rigide\x01"}).get_data(as_text=True)
    assert "\x01" not in csv and "\x0b" not in csv and "rigide språkkrav" in csv
    app.extensions["kb_engine"].dispose()


# Links: from KB_BASE_URL, never from the Host header.

def test_links_never_take_the_host_header(client, sprakkrav_id):
    evil = {"Host": "angriper.example"}
    data = client.get(f"/api/inputs/{sprakkrav_id}", headers=evil).get_json()
    assert data["permalink"] == f"http://localhost/innspill/{sprakkrav_id}"
    assert "angriper" not in data["citation"]
    page = client.get(f"/innspill/{sprakkrav_id}", headers=evil).get_data(as_text=True)
    assert "angriper" not in page
    csv = client.get("/eksport/csv?q=språkkrav", headers=evil).get_data(as_text=True)
    assert "angriper" not in csv and "http://localhost/innspill/" in csv


def test_links_are_built_from_kb_base_url(kb_2025, sprakkrav_id, monkeypatch):
    monkeypatch.setenv("KB_BASE_URL", "https://innspill.example.no/")
    app = app_for(kb_2025.data_dir)
    client = app.test_client()
    data = client.get(f"/api/inputs/{sprakkrav_id}", headers={"Host": "x.example"}).get_json()
    assert data["permalink"] == f"https://innspill.example.no/innspill/{sprakkrav_id}"
    assert data["citation"].endswith(data["permalink"])
    app.extensions["kb_engine"].dispose()


def test_trusted_hosts_refuse_other_host_headers(kb_2025, monkeypatch):
    monkeypatch.setenv("KB_TRUSTED_HOSTS", "innspill.example.no, localhost")
    app = app_for(kb_2025.data_dir)
    client = app.test_client()
    assert client.get("/api/search?q=språk").status_code == 200
    refused = client.get("/api/search?q=språk", headers={"Host": "angriper.example"})
    assert refused.status_code == 400 and refused.get_json()["error"]
    page = client.get("/sok", headers={"Host": "angriper.example"})
    assert page.status_code == 400 and "angriper" not in page.get_data(as_text=True)
    app.extensions["kb_engine"].dispose()
