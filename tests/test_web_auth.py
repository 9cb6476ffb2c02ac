"""Security of the editors' area: every state-changing route refuses anonymous requests and
requests without or with a wrong CSRF token, changing nothing; cookie flags; sign-in answers
that tell nothing; failed sign-ins slowed down; the secret key."""
import io
import os
import re

import pytest

from editing import EDITOR, PASSWORD, TOKEN, sign_in, state, token
from indexer import drafts
from kb import editing
from kb.config import load_config, secret_key
from kb.database import transaction
from kb.users import remove
from report_2025 import SPRAKKRAV
from web import create_app

KAFEBORD = os.path.join(os.path.dirname(__file__), "fixtures", "editors",
                        "2017-syntetisk-kafebord.txt")


@pytest.fixture
def prepared(editable):
    """The editable app with something every route can act on: a draft, a correction."""
    config, engine = editable.extensions["kb_config"], editable.extensions["kb_engine"]
    with open(KAFEBORD, "rb") as upload:
        draft = drafts.create(engine, config, upload, "kafebord.txt",
                              drafts.metadata_of({"year": "2017"}), {}, EDITOR)
    item_id = editable.test_client().get("/api/search", query_string={"q": "språkkrav"}) \
        .get_json()["results"][0]["id"]
    [entry] = editing.set_tags(engine, config, item_id, {"speaker": "Ola Test"}, EDITOR)
    return editable, draft, item_id, entry.id, _correction_id(engine)


def _correction_id(engine):
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT id FROM correction").scalar()


def routes(draft, item_id, entry_id, correction_id) -> list[tuple[str, dict]]:
    """Every route that changes something, with a form that would do it."""
    return [
        ("/logg-ut", {}),
        ("/redaksjon/last-opp", {"year": "2017", "rapport": (io.BytesIO(b"x"), "r.txt")}),
        (f"/redaksjon/utkast/{draft.id}/roller", {"antall": "1", "tekst-0": "Fra chatten",
                                                  "rolle-0": "bolk", "var-0": "annet"}),
        (f"/redaksjon/utkast/{draft.id}/publiser", {"erstatt": "ja"}),
        (f"/redaksjon/utkast/{draft.id}/forkast", {}),
        (f"/redaksjon/innspill/{item_id}", {"canonical": "helse", "hidden": ["", "ja"]}),
        (f"/redaksjon/logg/{entry_id}/angre", {}),
        (f"/redaksjon/rettinger/{correction_id}/fjern", {}),
    ]


def test_every_state_changing_route_is_covered(prepared):
    app, *rest = prepared
    posted = {re.sub(r"<[^>]+>", "X", rule.rule) for rule in app.url_map.iter_rules()
              if "POST" in rule.methods}
    covered = {re.sub(r"/([0-9a-f]{16}|\d+|2025-[0-9a-f]{12})(?=/|$)", "/X", path)
               for path, _ in routes(*rest)}
    assert posted - {"/logg-inn"} == covered


def refused(client, app, path, form, expected):
    settings = state(app)
    data = {k: (io.BytesIO(b"x"), v[1]) if isinstance(v, tuple) else v for k, v in form.items()}
    response = client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code in expected, (path, response.status_code)
    assert state(app) == settings, path
    body = response.get_data(as_text=True)
    if response.status_code == 403:
        assert '<html lang="nb">' in body and "Ikke tillatt" in body


def test_anonymous_requests_are_refused_and_change_nothing(prepared):
    app, *rest = prepared
    client = app.test_client()
    anonymous = token(client.get("/logg-inn").get_data(as_text=True))  # a valid token, no editor
    for path, form in routes(*rest):
        if path == "/logg-ut":
            continue
        refused(client, app, path, form, {403})
        refused(client, app, path, dict(form, csrf_token=anonymous), {403})


def test_requests_without_or_with_a_wrong_token_are_refused_and_change_nothing(prepared):
    app, *rest = prepared
    client = app.test_client()
    right = sign_in(client)
    other = app.test_client()
    foreign = sign_in(other)          # a real token, of another session
    for path, form in routes(*rest):
        refused(client, app, path, form, {403})
        refused(client, app, path, dict(form, csrf_token="feil" + right[4:]), {403})
        refused(client, app, path, dict(form, csrf_token=foreign), {403})
    assert client.get("/redaksjon").status_code == 200  # still signed in


def test_sign_in_needs_a_token_too(editable):
    client = editable.test_client()
    response = client.post("/logg-inn", data={"brukernavn": EDITOR, "passord": PASSWORD})
    assert response.status_code == 403
    assert client.get("/redaksjon").status_code == 302


def test_the_session_cookie_is_httponly_and_samesite_lax(editable):
    client = editable.test_client()
    form = token(client.get("/logg-inn").get_data(as_text=True))
    response = client.post("/logg-inn", data={"brukernavn": EDITOR, "passord": PASSWORD,
                                              "csrf_token": form})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("innspillsbasen=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert PASSWORD not in cookie and EDITOR not in cookie


def test_behind_https_the_cookie_is_secure(editable, monkeypatch):
    monkeypatch.setenv("KB_SECURE_COOKIES", "ja")
    config = editable.extensions["kb_config"]
    app = create_app({"KB_DATA_DIR": str(config.data_dir),
                      "KB_DATABASE_URL": config.database_url, "TESTING": True})
    try:
        client = app.test_client()
        form = token(client.get("/logg-inn", base_url="https://localhost").get_data(as_text=True))
        response = client.post("/logg-inn", base_url="https://localhost",
                               headers={"Referer": "https://localhost/logg-inn"},
                               data={"brukernavn": EDITOR, "passord": PASSWORD,
                                     "csrf_token": form})
        assert response.status_code == 302
        assert "Secure" in response.headers["Set-Cookie"]
    finally:
        app.extensions["kb_engine"].dispose()


def test_reading_sets_no_cookie(editable):
    client = editable.test_client()
    for url in ("/", "/sok?q=språkkrav", "/konferanser", "/api/search?q=språkkrav",
                "/eksport/csv?q=språkkrav"):
        response = client.get(url)
        assert response.status_code == 200 and "Set-Cookie" not in response.headers, url


def answer(client, name, password):
    form = token(client.get("/logg-inn").get_data(as_text=True))
    response = client.post("/logg-inn", data={"brukernavn": name, "passord": password,
                                              "csrf_token": form})
    body = TOKEN.sub("TOKEN", response.get_data(as_text=True)).replace(
        f'value="{name}"', 'value="NAME"')  # a token holds the time it was made
    return response.status_code, body


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(editable):
    client = editable.test_client()
    wrong_password = answer(client, EDITOR, "feil-passord-helt")
    unknown_user = answer(client, "finnes-ikke", "feil-passord-helt")
    assert wrong_password == unknown_user
    assert wrong_password[0] == 401 and "Feil brukernavn eller passord." in wrong_password[1]


def test_repeated_failures_from_one_address_are_slowed_down(editable):
    client = editable.test_client()
    for _ in range(5):
        assert answer(client, EDITOR, "feil-passord-helt")[0] == 401
    status, body = answer(client, EDITOR, PASSWORD)   # even the right password must wait
    assert status == 429 and "For mange mislykkede forsøk" in body and "Vent 15 minutter" in body
    other = editable.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert sign_in(other)


def test_signing_in_leads_back_only_to_this_site(editable):
    client = editable.test_client()
    response = client.get("/redaksjon/logg")
    assert response.status_code == 302 and "neste=/redaksjon/logg" in response.location
    for target, expected in (("/redaksjon/logg", "/redaksjon/logg"),
                             ("https://example.org/", "/redaksjon"),
                             ("//example.org/", "/redaksjon"), ("/\\example.org", "/redaksjon")):
        client = editable.test_client()
        form = token(client.get("/logg-inn").get_data(as_text=True))
        response = client.post("/logg-inn", data={"brukernavn": EDITOR, "passord": PASSWORD,
                                                  "csrf_token": form, "neste": target})
        assert response.location == expected


def test_a_removed_editor_is_signed_out_at_once(editor_client, editable):
    with transaction(editable.extensions["kb_engine"]) as session:
        remove(session, EDITOR, by="test")
    response = editor_client.get("/redaksjon")
    assert response.status_code == 302 and "/logg-inn" in response.location


def test_signing_out_ends_the_session(editor_client):
    response = editor_client.post("/logg-ut", data={"csrf_token": editor_client.token})
    assert response.status_code == 302
    assert editor_client.get("/redaksjon").status_code == 302


def test_the_secret_key_is_made_once_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("KB_SECRET_KEY", raising=False)
    config = load_config(data_dir=tmp_path)
    first = secret_key(config)
    assert len(first) == 64 and secret_key(config) == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("KB_SECRET_KEY", "fra-miljøet")
    assert secret_key(load_config(data_dir=tmp_path / "annen")) == "fra-miljøet"
    assert not (tmp_path / "annen" / "secret_key").exists()


def test_the_editors_area_pages_are_not_cached(editor_client):
    assert editor_client.get("/redaksjon").headers["Cache-Control"] == "no-store"
