"""The layouts of other years, from synthetic fixtures, parsed to the right tags."""
from pathlib import Path

import pytest

from indexer.errors import IngestError
from indexer.load import prepare, report_files, store
from kb.index import open_index, rebuild
from kb.search import SearchRequest, search

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".pdf", ".docx"))


def inputs(name):
    return [r for r in prepare(FIXTURES / name).records if r.kind == "innspill"]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_fixture_says_first_that_it_is_synthetic(path):
    record = prepare(path).records[0]
    assert record.text.startswith("SYNTETISK TESTRAPPORT")


def test_inputs_attributed_to_organisations_and_sessions_named_in_headings():
    found = inputs("2016-syntetisk-dialogkonferanse.txt")
    assert [(r.session, r.theme, r.organisation, r.text) for r in found[:3]] == [
        ("Sesjon 1", "Fattigdom i innvandrerbefolkningen", "Somalisk Testforening Oslo",
         "Mange familier har ikke råd til fritidsaktiviteter for barna."),
        ("Sesjon 1", "Fattigdom i innvandrerbefolkningen", "Testforum for innvandrerkvinner",
         "Det trengs flere gratis møteplasser for mødre."),
        ("Sesjon 1", "Fattigdom i innvandrerbefolkningen", "Afghansk Kulturforening Test",
         "Språkkrav i arbeidslivet stenger mange ute fra jobb."),
    ]


def test_inputs_given_as_prose_are_one_per_sentence():
    prose = [r for r in inputs("2016-syntetisk-dialogkonferanse.txt") if r.session == "Sesjon 2"]
    assert [r.text for r in prose] == [
        "Deltakerne mente at skolen må samarbeide tettere med foreldrene.",
        "Flere ønsket leksehjelp på morsmål.",
        "Det ble også pekt på behovet for flere minoritetsrådgivere i videregående skole."]


def test_talk_under_an_unnumbered_heading():
    talk = [r for r in prepare(FIXTURES / "2016-syntetisk-dialogkonferanse.txt").records
            if r.kind == "innlegg"]
    assert [(t.speaker, t.organisation, t.session) for t in talk] == [
        ("Kari Testesen", "Barne- og likestillingsdepartementet", "Sesjon 1")]


def test_parallel_sessions_led_by_ministries_with_bullets_of_every_kind():
    found = inputs("2018-syntetisk-parallellsesjoner.txt")
    assert [(r.section, r.session, r.theme, r.question_no, r.category) for r in found] == [
        ("Parallellsesjon I", "Sesjon 1 (KD)", "Foreldresamarbeid", 1, None),
        ("Parallellsesjon I", "Sesjon 1 (KD)", "Foreldresamarbeid", 1, None),
        ("Parallellsesjon I", "Sesjon 1 (KD)", "Foreldresamarbeid", 2, None),
        ("Parallellsesjon I", "Sesjon 1 (KD)", "Foreldresamarbeid", 2, None),
        ("Parallellsesjon I", "Sesjon 2 (KUD)", "Hverdagsintegrering", None, "Møteplasser"),
        ("Parallellsesjon I", "Sesjon 2 (KUD)", "Hverdagsintegrering", None, "Møteplasser"),
        ("Parallellsesjon II", "Sesjon 3 (BLD)", "Toleranse for mangfold", None, None),
        ("Parallellsesjon II", "Sesjon 3 (BLD)", "Toleranse for mangfold", None, None),
        ("Parallellsesjon II", "Sesjon 4 (KD)", "Språkkompetanse", None, None),
        ("Parallellsesjon II", "Sesjon 4 (KD)", "Språkkompetanse", None, None),
        ("Parallellsesjon II", "Sesjon 4 (KD)", "Språkkompetanse", None, None),
    ]
    assert found[2].question == "Hva kan organisasjonene bidra med?"
    assert found[2].text == "Foreldreveiledere fra egne miljøer."   # a numbered list item


def test_nynorsk_workshops_from_a_pdf_with_a_sidecar():
    prepared = prepare(FIXTURES / "2014-syntetisk-workshopar.pdf")
    assert (prepared.metadata.year, prepared.document.format) == (2014, "pdf")
    assert prepared.metadata.title == "Nasjonal dialogkonferanse 2014 (syntetisk testrapport)"
    found = [r for r in prepared.records if r.kind == "innspill"]
    assert [(r.session, r.theme, r.canonical_theme, r.text) for r in found] == [
        ("Workshop 1", "Arbeid", "arbeid og kvalifisering", "Fleire må få praksisplass i kommunen."),
        ("Workshop 1", "Arbeid", "arbeid og kvalifisering",
         "Språkkrav må vere rimelege og tilpassa stillinga."),
        ("Workshop 2", "Oppvekst – barn og unge", None, "Barnehagen er viktig for språket til borna."),
        ("Workshop 2", "Oppvekst – barn og unge", None,
         "Foreldre treng meir informasjon om fritidstilbod."),
    ]


def test_the_pdf_and_its_text_give_the_same_inputs():
    from_pdf = prepare(FIXTURES / "2014-syntetisk-workshopar.pdf").records
    from_text = prepare(FIXTURES / "2014-syntetisk-workshopar.txt").records
    assert [(r.kind, r.session, r.text) for r in from_pdf] == [
        (r.kind, r.session, r.text) for r in from_text]


def test_word_report_with_heading_styles_and_lists():
    prepared = prepare(FIXTURES / "2019-syntetisk-parallellsesjoner.docx")
    assert (prepared.metadata.year, prepared.document.format) == (2019, "docx")
    records = prepared.records
    talk = next(r for r in records if r.kind == "innlegg")
    assert (talk.speaker, talk.organisation, talk.session, talk.theme) == (
        "Per Prøvesen", "Kunnskapsdepartementet", "Sesjon 1 (KD)",
        "Foreldresamarbeid i barnehage og skole")
    found = [r for r in records if r.kind == "innspill"]
    assert [(r.session, r.organisation, r.text) for r in found] == [
        ("Sesjon 1 (KD)", None, "Foreldremøter må holdes med tolk når det trengs."),
        ("Sesjon 1 (KD)", "Testforeningen for foreldre", "Barnehagen bør invitere til åpne dager."),
        ("Sesjon 2 (KUD)", None, "Flere felles møteplasser i nabolaget."),
        ("Sesjon 2 (KUD)", None, "Språkkafeer på biblioteket."),
    ]


def test_sidecar_skips_headings(tmp_path):
    report = tmp_path / "rapport-2018.txt"
    report.write_text((FIXTURES / "2018-syntetisk-parallellsesjoner.txt").read_text("utf-8"),
                      "utf-8")
    (tmp_path / "rapport-2018.yaml").write_text("skip: [Parallellsesjon II]\n", "utf-8")
    sessions = {r.session for r in prepare(report).records if r.session}
    assert sessions == {"Sesjon 1 (KD)", "Sesjon 2 (KUD)"}


@pytest.mark.parametrize("sidecar, message", [
    ("year: tjue\n", "årstall"),
    ("farge: blå\n", "ukjente felt"),
    ("themes: [a, b]\n", "themes"),
    ("year: [\n", "YAML"),
])
def test_bad_sidecar_is_refused(tmp_path, sidecar, message):
    report = tmp_path / "rapport-2018.txt"
    report.write_text((FIXTURES / "2018-syntetisk-parallellsesjoner.txt").read_text("utf-8"),
                      "utf-8")
    (tmp_path / "rapport-2018.yaml").write_text(sidecar, "utf-8")
    with pytest.raises(IngestError, match=message):
        prepare(report)


def test_broken_word_file_is_refused(tmp_path):
    broken = tmp_path / "rapport-2019.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a real docx")
    with pytest.raises(IngestError, match="Word-filen"):
        prepare(broken)


def test_crosswalk_puts_differently_named_sessions_under_one_theme(several_years):
    def themes_of(canonical):
        result = search(several_years, SearchRequest(
            filters={"canonical": [canonical], "kind": ["innspill"]}, per_page=100))
        return {(h.year, h.theme) for h in result.hits}
    assert themes_of("foreldre") == {(2018, "Foreldresamarbeid"),
                                     (2019, "Foreldresamarbeid i barnehage og skole")}
    assert themes_of("arbeid og kvalifisering") == {(2014, "Arbeid"),
                                                    (2025, "Inkluderende arbeidsliv")}
    assert themes_of("språk") == {(2018, "Språkkompetanse")}


def test_topics_find_language_inputs_under_any_theme(several_years):
    result = search(several_years, SearchRequest(filters={"topic": ["språk"]}, per_page=100))
    themes = {h.theme for h in result.hits}
    assert {"Inkluderende arbeidsliv", "Fattigdom i innvandrerbefolkningen",
            "Språkkompetanse"} <= themes
    assert all("språk" in h.topics for h in result.hits)


def test_organisation_is_a_facet_and_a_filter(several_years):
    result = search(several_years, SearchRequest("møteplasser"))
    organisations = {v.value for v in result.facets["organisation"]}
    assert "Testforum for innvandrerkvinner" in organisations
    only = search(several_years, SearchRequest(
        filters={"organisation": ["Somalisk Testforening Oslo"]}))
    assert only.total == 1 and only.hits[0].year == 2016
