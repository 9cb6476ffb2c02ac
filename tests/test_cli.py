"""The kb command, run as a user would, on a data folder of its own."""
import json
import shutil
import sys

import pytest
from click.testing import CliRunner

from cli import main
from databases import fresh_url
from report_2025 import INNSPILL, INPUTS, PAGES


@pytest.fixture
def kb(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "data"))
    url = fresh_url()
    if url:
        monkeypatch.setenv("KB_DATABASE_URL", url)
    else:
        monkeypatch.delenv("KB_DATABASE_URL", raising=False)
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), catch_exceptions=False, prog_name="kb",
                             input=input)
    return invoke


def test_help_lists_the_commands(kb):
    result = kb("--help")
    assert result.exit_code == 0
    for command in ("ingest", "search", "serve", "reindex", "stats"):
        assert command in result.output
    assert "KB_DATA_DIR" in result.output


def test_ingest_then_search(kb, report_path):
    result = kb("ingest", str(report_path.parent))
    assert result.exit_code == 0, result.output
    assert f"2025-integreringskonferansen.txt: 2025, {INPUTS} tekster – lagt inn" in result.stdout
    result = kb("search", "språkkrav")
    assert result.exit_code == 0
    assert result.stdout.startswith("3 treff for «språkkrav»")
    assert "Høye og ofte rigide språkkrav (f.eks. B2-nivå)." in result.stdout
    assert "Bolk 1 Inkluderende arbeidsliv › spørsmål 1 › Språk og kommunikasjon" in result.stdout
    assert "s. 13" in result.stdout


def test_reingest_reports_unchanged(kb, report_path):
    kb("ingest", str(report_path))
    result = kb("ingest", str(report_path))
    assert result.exit_code == 0
    assert "uendret" in result.stdout and "bygget på nytt" not in result.stdout


def test_search_json_and_filters(kb, report_path):
    kb("ingest", str(report_path))
    result = kb("search", "frivillige", "--session", "Bolk 2", "--kind", "innspill", "--json",
                "--limit", "50")
    data = json.loads(result.stdout)
    assert data["total"] == len(data["hits"]) > 0
    assert {h["session"] for h in data["hits"]} == {"Bolk 2"}
    assert set(data["facets"]) >= {"year", "theme", "session", "question", "category", "kind"}


def test_dry_run_prints_outline_and_stores_nothing(kb, report_path):
    result = kb("ingest", "--dry-run", str(report_path))
    assert result.exit_code == 0
    out = result.stdout
    assert f"2025, {PAGES} sider, {INPUTS} tekster (ikke lagret)" in out
    assert "Bolk 1 › Inkluderende arbeidsliv" in out
    assert "Effektive tiltak › Traineeprogrammer og praksisplasser" in out
    assert "3 × innspill" in out
    assert "(mønster) –" in out and "deler" in out  # each heading's role and why
    assert "Databasen er tom" in kb("stats").stdout


def test_stats_and_reindex(kb, report_path):
    kb("ingest", str(report_path))
    stats = kb("stats").stdout
    assert f"2025: 2025-integreringskonferansen.txt, {PAGES} sider, {INPUTS} tekster" in stats
    assert f"innspill: {INNSPILL}" in stats and f"Søkeindeks: {INPUTS} tekster" in stats
    assert "Redaktører: 0; rettinger for hånd: 0" in stats
    assert f"{INPUTS} tekster" in kb("reindex").stdout


def test_reindex_of_a_large_base_shows_the_index_being_written_part_by_part(
        kb, report_path, monkeypatch):
    from kb import segments

    kb("ingest", str(report_path))
    monkeypatch.setattr(segments, "SEGMENT_INPUTS", 50)  # the report's 151 texts: 4 parts
    monkeypatch.setenv("KB_INDEX_WORKERS", "1")
    result = kb("reindex")
    assert result.exit_code == 0, result.output
    assert "Skriver søkeindeksen, del for del" in result.stderr
    assert f"Søkeindeksen er bygget på nytt ({INPUTS} tekster)." in result.stdout
    found = kb("search", "språkkrav").stdout
    assert "2025-" in found


@pytest.mark.parametrize("args, message", [
    (("ingest", "finnes/ikke.txt"), "finnes ikke"),
    (("search", '"halv frase'), "anførselstegn"),
    (("search", "språk", "--year", "tjue"), "årstall"),
])
def test_errors_are_one_line_and_exit_1(kb, report_path, args, message):
    kb("ingest", str(report_path))
    result = kb(*args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Feil: ") and message in lines[-1]
    assert "Traceback" not in result.output


def test_search_before_anything_is_ingested(kb):
    result = kb("search", "språkkrav")
    assert result.exit_code == 1
    assert "kb ingest corpus" in result.stderr


def test_database_url_overrides_the_sqlite_file(kb, report_path, tmp_path):
    other = tmp_path / "annen.sqlite"
    result = kb("--database-url", f"sqlite:///{other}", "ingest", str(report_path))
    assert result.exit_code == 0 and other.exists()
    assert f"{INPUTS} tekster" in kb("--database-url", f"sqlite:///{other}", "stats").stdout
    assert not (tmp_path / "data" / "innspillsbasen.sqlite").exists()


def test_unusable_database_url_is_one_line(kb):
    result = kb("--database-url", "sqlite:////finnes/ikke/mappe/db.sqlite", "stats")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Feil: databasen kan ikke brukes")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [(), ("ingest",), ("search",), ("serve",), ("reindex",),
                                     ("stats",)])
def test_help_is_in_norwegian(kb, command):
    text = kb(*command, "--help").output
    assert text.startswith("Bruk: kb") and "Valg:" in text and "Vis denne hjelpen" in text
    for english in ("Usage:", "Options:", "Show this message", "[default:", "TEXT"):
        assert english not in text, (command, english)


@pytest.mark.parametrize("args, message", [
    (("search", "--limit", "0", "x"), "Feil: ugyldig verdi for '--limit': 0 er ikke mellom 1 og 100."),
    (("serch", "x"), "Feil: kommandoen finnes ikke ('serch')."),
    (("search", "--nope"), "Feil: valget --nope finnes ikke."),
    (("ingest",), "Feil: FIL_ELLER_MAPPE... mangler."),
])
def test_usage_errors_are_one_norwegian_line_and_exit_2(kb, args, message):
    result = kb(*args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message) and "Se «kb" in result.stderr


def test_a_search_without_a_base_names_the_folder_it_looked_in(kb, tmp_path):
    result = kb("search", "språkkrav")
    assert result.exit_code == 1
    assert f"fant ingen søkeindeks i {tmp_path / 'data'}" in result.stderr
    assert "--data-dir" in result.stderr and "KB_DATA_DIR" in result.stderr


def test_an_unknown_filter_value_exits_1_naming_the_values(kb, report_path):
    kb("ingest", str(report_path))
    result = kb("search", "språkkrav", "--year", "1999")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Feil: Filteret år har ingen verdi «1999» i basen. "
                                     "Verdiene som finnes, er «2025».")


def test_search_says_where_the_words_were_found_and_what_was_corrected(kb, report_path):
    kb("ingest", str(report_path))
    out = kb("search", "nabolag").stdout
    assert " i teksten, " in out and "under overskrifter som nevner ordet" in out
    only = kb("search", "nabolag", "--text-only").stdout
    assert int(only.split()[0]) < int(out.split()[0])
    assert "Viser treff for «språkkrav»" in kb("search", "språkrav").stdout
    assert "Mente du: språkkrav?" in kb("search", "språkrav", "--no-correction").stdout


def test_editors_are_added_from_stdin_listed_and_removed(kb):
    result = kb("user", "add", "anne", input="riktig-hest-batteri\n")
    assert result.exit_code == 0 and "Redaktøren «anne» er lagt til" in result.stdout
    assert kb("user", "list").stdout.startswith("anne\t(lagt til ")
    result = kb("user", "add", "anne", input="riktig-hest-batteri\n")
    assert result.exit_code == 1 and result.stderr == "Feil: brukeren «anne» finnes allerede.\n"
    assert kb("user", "remove", "anne").exit_code == 0
    assert "Ingen redaktører ennå" in kb("user", "list").stdout
    result = kb("user", "remove", "anne")
    assert result.exit_code == 1 and result.stderr.startswith("Feil: fant ingen bruker «anne»")


def test_at_a_terminal_the_password_is_asked_twice(kb, monkeypatch):
    monkeypatch.setattr(sys.modules["cli.main"], "at_terminal", lambda: True)
    result = kb("user", "add", "per", input="riktig-hest-batteri\nriktig-hest-batteri\n")
    assert result.exit_code == 0, result.output
    assert "Passord" in result.stderr and "Gjenta passordet" in result.stderr
    assert "riktig-hest-batteri" not in result.output
    result = kb("user", "add", "kari", input="riktig-hest-batteri\nannet-passord-xyz\n"
                                              "riktig-hest-batteri\nriktig-hest-batteri\n")
    assert result.exit_code == 0 and "passordene er ikke like" in result.stderr


@pytest.mark.parametrize("args, given, message", [
    (("user", "add", "anne"), "kort\n", "Feil: passordet må ha minst 10 tegn."),
    (("user", "add", "a b"), "riktig-hest-batteri\n", "Feil: brukernavnet kan ha"),
    (("user", "add"), "", "Feil: NAVN mangler."),
])
def test_bad_editor_commands_are_one_line(kb, args, given, message):
    result = kb(*args, input=given)
    assert result.exit_code in (1, 2) and result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_ingest_is_on_record(kb, report_path):
    kb("ingest", str(report_path))
    from kb.audit import entries
    from kb.config import load_config
    from kb.database import make_engine, session_for
    engine = make_engine(load_config())
    with session_for(engine) as session:
        [entry] = entries(session)
    engine.dispose()
    assert (entry.action, entry.editor, entry.target) == ("publish", "kommandolinjen", "2025")


def test_stats_says_plainly_when_the_index_is_not_built(kb, report_path, tmp_path):
    kb("ingest", str(report_path))
    shutil.rmtree(tmp_path / "data" / "index")
    stats = kb("stats").stdout
    assert "Søkeindeksen er ikke bygget – kjør «kb reindex»" in stats
    assert "deler" not in stats.splitlines()[-1]


@pytest.fixture
def served(monkeypatch):
    """Start `kb serve` without serving: the arguments waitress would have got."""
    import waitress
    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kwargs: calls.append((app, kwargs)))
    return calls


def test_serve_rebuilds_a_stale_index_before_it_serves(kb, report_path, tmp_path, served):
    kb("ingest", str(report_path))
    (tmp_path / "data" / "index" / "CURRENT").write_text("")
    result = kb("serve", "--port", "5099")
    assert result.exit_code == 0, result.output
    assert "Søkeindeksen er skadet" in result.stderr and "bygget på nytt" in result.stderr
    [(app, options)] = served
    assert options == {"host": "127.0.0.1", "port": 5099, "threads": 16}
    assert app.extensions["kb_config"].base_url == "http://127.0.0.1:5099"
    assert f"Søkeindeks: {INPUTS} tekster, i takt med databasen" in kb("stats").stdout
    app.extensions["kb_engine"].dispose()


def test_serve_on_an_open_address_warns_when_kb_base_url_is_not_set(kb, report_path, served,
                                                                       monkeypatch):
    kb("ingest", str(report_path))
    result = kb("serve", "--host", "0.0.0.0")
    assert "Advarsel: KB_BASE_URL er ikke satt" in result.stderr
    served[0][0].extensions["kb_engine"].dispose()
    monkeypatch.setenv("KB_BASE_URL", "https://innspill.example.no")
    result = kb("serve", "--host", "0.0.0.0")
    assert "Advarsel" not in result.stderr
    assert served[1][0].extensions["kb_config"].base_url == "https://innspill.example.no"
    served[1][0].extensions["kb_engine"].dispose()
