"""Uploaded reports as drafts: safe names, read as `kb ingest` reads them, heading roles changed
and read again, published in one step or discarded; bad files leave nothing behind."""
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from indexer import drafts
from indexer.errors import IngestError
from kb.audit import entries
from kb.database import session_for
from kb.index import open_index
from kb.models import Input
from kb.search import SearchRequest, search
from pdf_render import render_encrypted

KAFEBORD = Path(__file__).resolve().parent / "fixtures" / "editors" / "2017-syntetisk-kafebord.txt"
CHAT = "Flere kommuner bør dele kvalifiserte kafétolker."


@pytest.mark.parametrize("given, kept", [
    ("rapport.pdf", "rapport.pdf"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\rapport.docx", "rapport.docx"),
    ("/tmp/../innspillsbasen.sqlite.txt", "innspillsbasen.sqlite.txt"),
    ("Rapport 2023 – endelig versjon.PDF", "Rapport-2023-endelig-versjon.pdf"),
    (".skjult.txt", "skjult.txt"),
    ("<script>alert(1)</script>.txt", "script.txt"),
    ('rapport <2023> & "co"; rm -rf.txt', "rapport-2023-co-rm--rf.txt"),
    ("nul\x00byte.txt", "nul-byte.txt"),
    ("Årsrapport fra Ålesund.docx", "Årsrapport-fra-Ålesund.docx"),
    ("...txt", "rapport.txt"),
    ("x" * 300 + ".txt", "x" * 80 + ".txt"),
])
def test_uploaded_names_are_made_harmless(given, kept):
    assert drafts.safe_name(given) == kept


@pytest.mark.parametrize("given", ["rapport.exe", "rapport", "rapport.txt.exe", "rapport.yaml",
                                   "../draft.json"])
def test_other_file_types_are_refused_in_norwegian(given):
    with pytest.raises(IngestError, match="Filtypen"):
        drafts.safe_name(given)


def upload(fresh_kb, data: bytes, name: str, year: str = "2017", profile: dict | None = None):
    config, engine = fresh_kb
    return drafts.create(engine, config, io.BytesIO(data), name,
                         drafts.metadata_of({"year": year, "title": "Testkonferansen 2017"}),
                         profile or {}, "anne")


def nothing_stored(fresh_kb):
    config, engine = fresh_kb
    assert drafts.every(config) == []
    assert not config.drafts_dir.exists() or not any(config.drafts_dir.iterdir())
    with session_for(engine) as session:
        assert session.scalar(select(func.count()).select_from(Input)) == 0
        assert entries(session) == []


@pytest.mark.parametrize("name, data, message", [
    ("rapport.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF", "skadet"),
    ("rapport.pdf", b"Dette er ikke en PDF.", "ikke en PDF"),
    ("rapport.docx", b"PK\x03\x04 ikke en ekte Word-fil", "Word-filen er skadet"),
    ("rapport.txt", b"", "tom"),
    ("rapport.txt", b"\x00\x01\x02" * 100, "binære data"),
    ("rapport.txt", "Bare én linje uten overskrifter.".encode(), "konferanserapport"),
])
def test_a_broken_file_is_refused_and_nothing_is_kept(fresh_kb, name, data, message):
    with pytest.raises(IngestError, match=message):
        upload(fresh_kb, data, name)
    nothing_stored(fresh_kb)


def test_an_encrypted_pdf_is_refused_and_nothing_is_kept(fresh_kb, tmp_path):
    locked = render_encrypted(tmp_path / "låst.pdf")
    with pytest.raises(IngestError, match="kryptert"):
        upload(fresh_kb, locked.read_bytes(), "låst.pdf")
    nothing_stored(fresh_kb)


@pytest.mark.parametrize("form, message", [
    ({"year": ""}, "konferanseåret"), ({"year": "17"}, "konferanseåret"),
    ({"year": "2017", "title": "x" * 301}, "Tittel"),
])
def test_the_metadata_form_is_checked(form, message):
    with pytest.raises(IngestError, match=message):
        drafts.metadata_of(form)


@pytest.mark.parametrize("text, message", [
    ("headings: [", "YAML"), ("headings: {Fra chatten: hemmelig}", "ukjent rolle"),
    ("farge: blå", "ukjent felt"),
])
def test_a_bad_profile_is_refused(text, message):
    with pytest.raises(IngestError, match=message):
        drafts.profile_of(text)


def test_a_profile_may_be_written_with_or_without_its_heading():
    assert drafts.profile_of("profile:\n  headings: {Fra chatten: bolk}") == \
        drafts.profile_of("headings: {Fra chatten: bolk}") == {"headings": {"Fra chatten": "bolk"}}
    assert drafts.profile_of("  ") == {}


def test_preview_change_a_role_read_again_publish_and_search(fresh_kb):
    config, engine = fresh_kb
    draft = upload(fresh_kb, KAFEBORD.read_bytes(), "../kafébord 2017.txt")
    assert draft.file_name == "kafébord-2017.txt" and draft.uploaded_name == "../kafébord 2017.txt"
    found = drafts.preview(engine, draft)
    chat = next(h for h in found.prepared.headings if h.text == "Fra chatten")
    assert chat.role == "annet" and found.existing is None
    assert {r.kind for r in found.prepared.records if r.text == CHAT} == {"tekst"}
    drafts.with_roles(draft, {"Fra chatten": "bolk"})
    found = drafts.preview(engine, draft)
    assert found.rules == {"Fra chatten": "bolk"}
    [record] = [r for r in found.prepared.records if r.text == CHAT]
    assert (record.kind, record.session, record.theme) == ("innspill", "Bolk 3", "Fra chatten")
    prepared, status = drafts.publish(engine, config, draft, "anne")
    assert status == "new" and drafts.every(config) == []
    [hit] = search(open_index(config), SearchRequest("kafétolker")).hits
    assert (hit.kind, hit.session, hit.year) == ("innspill", "Bolk 3", 2017)
    assert (config.originals_dir / f"2017-{prepared.sha256[:16]}.txt").exists()
    with session_for(engine) as session:
        assert [e.action for e in entries(session)] == ["publish", "upload"]


def test_a_year_with_a_report_is_replaced_only_when_confirmed(fresh_kb):
    config, engine = fresh_kb
    drafts.publish(engine, config, upload(fresh_kb, KAFEBORD.read_bytes(), "a.txt"), "anne")
    again = upload(fresh_kb, KAFEBORD.read_bytes(), "a.txt")
    found = drafts.preview(engine, again)
    assert found.existing.file_name == "a.txt" and found.same_file and found.existing_count == 13
    with pytest.raises(drafts.ReplaceNeeded, match="Kryss av"):
        drafts.publish(engine, config, again, "anne")
    assert drafts.publish(engine, config, again, "anne", replace=True)[1] == "replaced"


def test_a_report_uploaded_again_starts_with_the_roles_it_was_published_with(fresh_kb):
    config, engine = fresh_kb
    first = upload(fresh_kb, KAFEBORD.read_bytes(), "a.txt")
    drafts.with_roles(first, {"Fra chatten": "bolk"})
    drafts.publish(engine, config, first, "anne")
    again = upload(fresh_kb, KAFEBORD.read_bytes(), "b.txt")
    assert again.profile_from == "a.txt"
    found = drafts.preview(engine, again)
    assert found.rules == {"Fra chatten": "bolk"}
    assert {r.kind for r in found.prepared.records if r.text == CHAT} == {"innspill"}
    own = upload(fresh_kb, KAFEBORD.read_bytes(), "c.txt", profile={"session_label": "Bord"})
    assert own.profile_from is None and drafts.preview(engine, own).rules == {}


def test_a_draft_discarded_leaves_a_record_and_nothing_else(fresh_kb):
    config, engine = fresh_kb
    draft = upload(fresh_kb, KAFEBORD.read_bytes(), "a.txt")
    drafts.discard(engine, draft, "anne")
    assert drafts.load(config, draft.id) is None and drafts.every(config) == []
    with session_for(engine) as session:
        assert [e.action for e in entries(session)] == ["discard", "upload"]


@pytest.mark.parametrize("draft_id", ["../../etc", "", "ABCDEF0123456789", "0" * 17])
def test_only_draft_ids_open_a_draft(fresh_kb, draft_id):
    assert drafts.load(fresh_kb[0], draft_id) is None
