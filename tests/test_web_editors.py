"""The editors' area through the Flask test client: upload, preview, a role changed, publish;
corrections seen at once by search, facets, export and the API; the log and undo; escaping."""
import csv
import io
from pathlib import Path

import pytest

from pages import find, find_all
from report_2025 import SPRAKKRAV

KAFEBORD = Path(__file__).resolve().parent / "fixtures" / "editors" / "2017-syntetisk-kafebord.txt"
CHAT = "Flere kommuner bør dele kvalifiserte kafétolker."
SCRIPT = "<script>alert(1)</script>"


def sprakkrav(client) -> str:
    hits = client.get("/api/search", query_string={"q": "språkkrav"}).get_json()["results"]
    return next(hit["id"] for hit in hits if hit["text"] == SPRAKKRAV)


def upload(client, data: bytes, name: str, year="2017", **form):
    return client.post("/redaksjon/last-opp", content_type="multipart/form-data", data=dict(
        form, csrf_token=client.token, year=year, rapport=(io.BytesIO(data), name)))


def correct(client, item_id, **form):
    return client.post(f"/redaksjon/innspill/{item_id}", data=dict(form, csrf_token=client.token))


def test_the_area_sends_anyone_not_signed_in_to_sign_in_and_back(editable):
    client = editable.test_client()
    response = client.get("/redaksjon/rettinger")
    assert response.status_code == 302 and response.location == "/logg-inn?neste=/redaksjon/rettinger"
    page = client.get(response.location).get_data(as_text=True)
    assert find(page, "input", id="brukernavn") and find(page, "input", id="passord")
    assert 'name="neste" value="/redaksjon/rettinger"' in page


def test_the_overview_lists_the_reports_and_links_the_area(editor_client):
    page = editor_client.get("/redaksjon").get_data(as_text=True)
    assert "2025-integreringskonferansen.txt" in page and "Publisert" in page
    assert "Logget inn som anne" in page
    nav = [a.attrs["href"] for a in find_all(page, "a") if a.attrs.get("href", "").startswith(
        "/redaksjon")]
    assert {"/redaksjon/last-opp", "/redaksjon/logg", "/redaksjon/rettinger"} <= set(nav)


def test_upload_preview_change_a_role_and_publish(editor_client):
    response = upload(editor_client, KAFEBORD.read_bytes(), "../../kafébord 2017.txt")
    assert response.status_code == 302
    preview = response.location
    page = editor_client.get(preview).get_data(as_text=True)
    assert "Sjekk rapporten før du publiserer" in page and "../../kafébord 2017.txt" in page
    assert find(page, "select", id="rolle-6")
    assert find(page, "th", id="heading-6").text.startswith("Fra chatten")
    assert 'value="annet" selected' in page.split('id="rolle-6"')[1].split("</select>")[0]
    form = {"csrf_token": editor_client.token, "antall": "7"}
    for number in range(7):
        form[f"tekst-{number}"] = "Fra chatten" if number == 6 else f"Overskrift {number}"
        form[f"rolle-{number}"] = form[f"var-{number}"] = "annet"
    form["rolle-6"] = "bolk"
    response = editor_client.post(preview + "/roller", data=form)
    assert response.status_code == 302
    page = editor_client.get(preview).get_data(as_text=True)
    assert "lest på nytt med 1 endret rolle" in page and "«Fra chatten»: bolk" in page
    assert 'value="bolk" selected' in page.split('id="rolle-6"')[1].split("</select>")[0]
    assert editor_client.get("/api/search", query_string={"q": "kafétolker"}).get_json()[
        "total"] == 0                                  # nothing stored before publishing
    response = editor_client.post(preview + "/publiser", data={"csrf_token": editor_client.token})
    assert response.status_code == 302 and response.location == "/konferanser/2017"
    [hit] = editor_client.get("/api/search", query_string={"q": "kafétolker"}).get_json()["results"]
    assert (hit["kind"], hit["session"], hit["theme"], hit["year"]) == (
        "innspill", "Bolk 3", "Fra chatten", 2017)
    assert editor_client.get(preview).status_code == 404
    log = editor_client.get("/redaksjon/logg").get_data(as_text=True)
    assert "Publiserte rapport" in log and "Lastet opp rapport" in log


def test_a_year_with_a_report_is_replaced_only_after_confirmation(editor_client):
    preview = upload(editor_client, KAFEBORD.read_bytes(), "2025.txt", year="2025").location
    page = editor_client.get(preview).get_data(as_text=True)
    assert "Erstatt rapporten fra 2025" in page and find(page, "input", id="erstatt")
    response = editor_client.post(preview + "/publiser", data={"csrf_token": editor_client.token},
                                  follow_redirects=True)
    assert "Kryss av for at den skal erstattes" in response.get_data(as_text=True)
    assert editor_client.get("/api/search", query_string={"q": "språkkrav"}).get_json()["total"] > 0


@pytest.mark.parametrize("name, data, message", [
    ("rapport.exe", b"MZ", "Filtypen «.exe» kan ikke leses"),
    ("rapport.pdf", b"ikke en pdf", "ikke en PDF"),
    ("rapport.txt", b"", "tom"),
])
def test_a_bad_upload_gets_a_norwegian_message_and_nothing_is_stored(editor_client, editable,
                                                                    name, data, message):
    response = upload(editor_client, data, name)
    assert response.status_code == 400
    alert = find(response.get_data(as_text=True), "div", id="upload-error")
    assert message in alert.text
    assert editable.extensions["kb_config"].drafts_dir.exists() is False or not any(
        editable.extensions["kb_config"].drafts_dir.iterdir())


def test_an_upload_over_the_limit_is_refused_in_norwegian(editable):
    from editing import sign_in
    editable.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    client = editable.test_client()
    client.token = sign_in(client)
    response = upload(client, b"x" * (2 * 1024 * 1024), "stor.txt")
    response.request.environ["wsgi.input"].close()  # the test client's spooled body, unread
    assert response.status_code == 413
    assert "Filen er større enn 1 MB" in response.get_data(as_text=True)


def test_a_corrected_theme_is_seen_at_once_by_facets_export_and_the_api(editor_client):
    item_id = sprakkrav(editor_client)
    page = editor_client.get(f"/innspill/{item_id}").get_data(as_text=True)
    assert find(page, "h2", id="correct-title").text == "Rett merkene"
    response = correct(editor_client, item_id, canonical="Helse")
    assert response.status_code == 302
    facets = editor_client.get("/api/search", query_string={"q": "språkkrav"}).get_json()["facets"]
    assert {"value": "helse", "count": 1} in facets["canonical"]
    [hit] = editor_client.get("/api/search", query_string={"canonical": "helse"}).get_json()[
        "results"]
    assert hit["id"] == item_id and hit["set_by_hand"] == ["canonical"]
    detail = editor_client.get(f"/api/inputs/{item_id}").get_json()
    assert detail["canonical"] == "helse" and detail["set_by_hand"] == ["canonical"]
    rows = list(csv.reader(io.StringIO(editor_client.get(
        "/eksport/csv", query_string={"canonical": "helse"}).get_data(as_text=True).lstrip(
        "\ufeff")), delimiter=";"))
    assert rows[1][rows[0].index("Tema")] == "helse"
    page = editor_client.get(f"/innspill/{item_id}").get_data(as_text=True)
    assert "Rettet for hånd" in page
    table = editor_client.get("/api/compare", query_string={"q": "språkkrav"}).get_json()["matrix"]
    assert {"theme": "helse", "year": 2025, "count": 1} in [
        {k: cell[k] for k in ("theme", "year", "count")} for cell in table["cells"]]


def test_readers_see_the_mark_and_no_form(editable, editor_client):
    item_id = sprakkrav(editor_client)
    correct(editor_client, item_id, speaker="Kari Test")
    page = editable.test_client().get(f"/innspill/{item_id}").get_data(as_text=True)
    assert "Kari Test" in page and "Rettet for hånd" in page
    assert "Rett merkene" not in page and "csrf_token" not in page


def test_a_hidden_input_leaves_search_and_shows_why_on_its_page(editor_client):
    item_id = sprakkrav(editor_client)
    total = editor_client.get("/api/search", query_string={"q": "språkkrav"}).get_json()["total"]
    correct(editor_client, item_id, hidden=["", "ja"])
    answer = editor_client.get("/api/search", query_string={"q": "språkkrav"}).get_json()
    assert answer["total"] == total - 1 and item_id not in {h["id"] for h in answer["results"]}
    page = editor_client.get(f"/innspill/{item_id}").get_data(as_text=True)
    assert "tatt ut av søket" in page
    assert editor_client.get(f"/api/inputs/{item_id}").get_json()["hidden"] is True


def test_undo_from_the_log(editor_client):
    item_id = sprakkrav(editor_client)
    before = editor_client.get(f"/api/inputs/{item_id}").get_json()["canonical"]
    correct(editor_client, item_id, canonical="helse")
    log = editor_client.get("/redaksjon/logg").get_data(as_text=True)
    [form] = [f for f in find_all(log, "form") if f.attrs["action"].endswith("/angre")]
    response = editor_client.post(form.attrs["action"], data={"csrf_token": editor_client.token})
    assert response.status_code == 302
    detail = editor_client.get(f"/api/inputs/{item_id}").get_json()
    assert detail["canonical"] == before and detail["set_by_hand"] == []
    log = editor_client.get("/redaksjon/logg").get_data(as_text=True)
    assert "Angret endring" in log and "Angret</span>" in log
    again = editor_client.post(form.attrs["action"], data={"csrf_token": editor_client.token},
                               follow_redirects=True)
    assert "allerede angret" in again.get_data(as_text=True)


def test_values_from_editors_are_escaped_everywhere(editor_client):
    item_id = sprakkrav(editor_client)
    correct(editor_client, item_id, organisation=SCRIPT, category=SCRIPT)
    for url in (f"/innspill/{item_id}", "/redaksjon/logg", "/redaksjon/rettinger",
                "/redaksjon", "/sok?q=språkkrav"):
        body = editor_client.get(url).get_data(as_text=True)
        assert SCRIPT not in body, url
    assert "&lt;script&gt;" in editor_client.get("/redaksjon/logg").get_data(as_text=True)


def test_a_correction_of_an_unknown_kind_is_refused(editor_client):
    item_id = sprakkrav(editor_client)
    response = correct(editor_client, item_id, kind="hemmelig")
    page = editor_client.get(response.location).get_data(as_text=True)
    assert "Ukjent teksttype" in page


def test_corrections_of_inputs_that_are_gone_are_listed(editor_client, editable, tmp_path):
    item_id = sprakkrav(editor_client)
    correct(editor_client, item_id, canonical="helse")
    changed = Path(__file__).resolve().parent.parent / "corpus" / "2025-integreringskonferansen.txt"
    text = changed.read_text("utf-8").replace(SPRAKKRAV, "Krav om B2-nivå i norsk.")
    preview = upload(editor_client, text.encode("utf-8"), "2025-ny.txt", year="2025").location
    editor_client.post(preview + "/publiser", data={"csrf_token": editor_client.token,
                                                    "erstatt": "ja"})
    overview = editor_client.get("/redaksjon").get_data(as_text=True)
    assert "1 retting uten tekst" in overview
    listed = editor_client.get("/redaksjon/rettinger").get_data(as_text=True)
    assert "Teksten finnes ikke lenger" in listed and item_id in listed


def test_report_text_is_escaped_in_the_preview(editor_client):
    text = KAFEBORD.read_text("utf-8").replace("Fra chatten", f"Fra chatten {SCRIPT}").replace(
        "Skjermtolking sparer", f"{SCRIPT} Skjermtolking sparer")
    preview = upload(editor_client, text.encode("utf-8"), f"{SCRIPT}.txt").location
    page = editor_client.get(preview).get_data(as_text=True)
    assert SCRIPT not in page and "&lt;script&gt;" in page


def test_a_correction_while_another_process_writes_is_refused_in_one_line(editor_client,
                                                                          editable):
    import dataclasses
    import subprocess
    import sys

    config = editable.extensions["kb_config"]
    editable.extensions["kb_config"] = dataclasses.replace(config, lock_seconds=0.2)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from filelock import FileLock; "
        f"lock = FileLock({str(config.data_dir / 'writer.lock')!r}); lock.acquire(); "
        "print('holding', flush=True); time.sleep(30)")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        item_id = sprakkrav(editor_client)
        response = correct(editor_client, item_id, canonical="Helse")
        assert response.status_code == 302 and response.location == "/redaksjon"
        page = editor_client.get(response.location).get_data(as_text=True)
        assert "Endringen ble ikke lagret: en annen prosess skriver til basen" in page
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
        editable.extensions["kb_config"] = config
    assert editor_client.get(f"/api/inputs/{item_id}").get_json()["set_by_hand"] == []
