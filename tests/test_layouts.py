"""The layouts of other years, from synthetic fixtures, parsed to the right tags."""
import importlib.util
import sys
from pathlib import Path

import pytest

from indexer.errors import IngestError
from indexer.load import prepare, report_files, store
from kb.index import open_index, rebuild
from kb.search import SearchRequest, search

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
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


# --- Issue 9: any year's report in, right the first time -------------------------------------

from indexer.extract import extract  # noqa: E402
from indexer.parse import parse  # noqa: E402
from indexer.profile import Profile  # noqa: E402

from pdf_render import render_typeset  # noqa: E402

TYPESET = sorted(FIXTURES.glob("*.pdf.md"))


def typeset(tmp_path, source, name="rapport-2023.pdf"):
    return render_typeset(source, tmp_path / name)


def tags(records, kind="innspill"):
    return [(r.session, r.theme, r.question, r.organisation, r.page, r.text)
            for r in records if r.kind == kind]


@pytest.mark.parametrize("source", TYPESET, ids=lambda p: p.name)
def test_every_typeset_fixture_says_first_that_it_is_synthetic(tmp_path, source):
    path = typeset(tmp_path, source.read_text("utf-8"), source.name[:-len(".md")])
    assert prepare(path).records[0].text.startswith("SYNTETISK TESTRAPPORT")


def test_pdf_with_headings_told_apart_only_by_type(tmp_path):
    path = typeset(tmp_path, "\n".join([
        "=== 3", "SYNTETISK TESTRAPPORT – oppdiktet for automatiske tester.",
        "# Integreringskonferansen 2023",
        "## Sosial mobilitet", "### Spørsmål til gruppene",
        "• Hva hindrer unge i å fullføre utdanning?",
        "### Dette sa deltakerne",
        "• Mange mangler nettverk inn i arbeidslivet.", "• Rådgivningen kommer for sent.",
        "=== 4",
        "## Innvandrerhelse", "### Spørsmål til gruppene",
        "• Hvordan kan helsetjenesten nå flere?",
        "### Dette sa deltakerne", "• Tolk må brukes oftere."]))
    prepared = prepare(path)
    assert tags(prepared.records) == [
        ("Bolk 1", "Sosial mobilitet", "Hva hindrer unge i å fullføre utdanning?", None, 3,
         "Mange mangler nettverk inn i arbeidslivet."),
        ("Bolk 1", "Sosial mobilitet", "Hva hindrer unge i å fullføre utdanning?", None, 3,
         "Rådgivningen kommer for sent."),
        ("Bolk 2", "Innvandrerhelse", "Hvordan kan helsetjenesten nå flere?", None, 4,
         "Tolk må brukes oftere.")]
    assert [(h.text, h.role, h.reason) for h in prepared.headings] == [
        ("Integreringskonferansen 2023", "tittel", "typografi"),
        ("Sosial mobilitet", "bolk", "mønster"),
        ("Spørsmål til gruppene", "spørsmål", "mønster"),
        ("Dette sa deltakerne", "innspill", "mønster"),
        ("Innvandrerhelse", "bolk", "mønster"),
        ("Spørsmål til gruppene", "spørsmål", "mønster"),
        ("Dette sa deltakerne", "innspill", "mønster")]
    assert prepared.warnings == []


def test_inputs_to_question_n_with_the_organisation_in_parentheses(tmp_path):
    path = tmp_path / "rapport-2024.txt"
    path.write_text("\n".join([
        "SYNTETISK TESTRAPPORT – oppdiktet for automatiske tester.",
        "Sesjon 1: Arbeid og familieliv",
        "Spørsmål til gruppene:",
        "1. Hva gjør det vanskelig å kombinere jobb og familie?",
        "2. Hva kan arbeidsgiverne gjøre?",
        "Innspill til spørsmål 1:",
        "- Mange foreldre jobber turnus og skiftarbeid. (Somalisk foreldreforening Drammen)",
        "- Barnehagene stenger for tidlig for dem som jobber kveld.",
        "Innspill til spørsmål 2:",
        "- Fleksibel arbeidstid bør være et tilbud til alle. (Afghansk kulturforening)"]), "utf-8")
    records = prepare(path).records
    assert [(r.question_no, r.question, r.organisation, r.text) for r in records
            if r.kind == "innspill"] == [
        (1, "Hva gjør det vanskelig å kombinere jobb og familie?",
         "Somalisk foreldreforening Drammen", "Mange foreldre jobber turnus og skiftarbeid."),
        (1, "Hva gjør det vanskelig å kombinere jobb og familie?", None,
         "Barnehagene stenger for tidlig for dem som jobber kveld."),
        (2, "Hva kan arbeidsgiverne gjøre?", "Afghansk kulturforening",
         "Fleksibel arbeidstid bør være et tilbud til alle.")]
    assert [r.text for r in records if r.kind == "spørsmål"] == [
        "Hva gjør det vanskelig å kombinere jobb og familie?", "Hva kan arbeidsgiverne gjøre?"]


def test_numbered_session_heading_followed_only_by_prose_keeps_its_theme(tmp_path):
    path = tmp_path / "rapport-2018.txt"
    path.write_text("\n".join([
        "SYNTETISK TESTRAPPORT – oppdiktet for automatiske tester.",
        "2. Sesjonene",
        "2.1 Sesjon 1: Språk og arbeid",
        "- Norskopplæring må kunne kombineres med jobb.",
        "2.2 Sesjon 2: Hverdagsintegrering i idrett og kultur",
        "Idrettslagene er viktige møteplasser. Deltakerne mente at kontingenten stenger mange "
        "ute. Flere ønsket at kommunen dekker utstyr for barn i familier med lav inntekt.",
        "2.3 Sesjon 3: Helse",
        "- Tolk må brukes oftere hos fastlegen."]), "utf-8")
    prose = [r for r in prepare(path).records if r.session == "Sesjon 2"]
    assert [(r.kind, r.theme, r.text) for r in prose] == [
        ("innspill", "Hverdagsintegrering i idrett og kultur", "Idrettslagene er viktige møteplasser."),
        ("innspill", "Hverdagsintegrering i idrett og kultur",
         "Deltakerne mente at kontingenten stenger mange ute."),
        ("innspill", "Hverdagsintegrering i idrett og kultur",
         "Flere ønsket at kommunen dekker utstyr for barn i familier med lav inntekt.")]


def test_report_with_headings_but_no_inputs_is_kept_as_text_with_a_warning(tmp_path):
    path = typeset(tmp_path, "\n".join([
        "=== 1", "# Årsmelding", "## Om året som gikk",
        "Styret møttes seks ganger. Økonomien er god.",
        "## Planer for neste år", "Vi vil arrangere flere kurs i hele landet."]),
        "rapport-2024.pdf")
    prepared = prepare(path)
    assert {r.kind for r in prepared.records} == {"tekst"}
    assert [r.section for r in prepared.records] == ["Om året som gikk", "Planer for neste år"]
    assert len(prepared.warnings) == 1
    assert prepared.warnings[0].startswith("Fant ingen innspill, spørsmål, innlegg eller taler")
    assert "profile" in prepared.warnings[0]


SESSIONS_AS_PLAIN_LINES = "\n".join([
    "SYNTETISK TESTRAPPORT – oppdiktet for automatiske tester.",
    "",
    "Bolig og nærmiljø",
    "- Flere kommunale boliger for store familier.",
    "",
    "Eldre innvandrere",
    "- Eldre trenger informasjon om helsetjenester på sitt eget språk.",
    "",
    "Vedlegg",
    "Deltakerliste: Kari Testesen, Ola Prøvestad."])


def test_profile_in_the_sidecar_names_what_detection_cannot_know(tmp_path):
    path = tmp_path / "rapport-2024.txt"
    path.write_text(SESSIONS_AS_PLAIN_LINES, "utf-8")
    unaided = prepare(path)  # short lines over bullets are read as categories outside any session
    assert [(r.kind, r.category) for r in unaided.records if r.text.startswith(("Flere", "Eldre"))] == [
        ("tekst", "Bolig og nærmiljø"), ("tekst", "Eldre innvandrere")]
    assert unaided.warnings[0].startswith("Fant ingen innspill")
    (tmp_path / "rapport-2024.yaml").write_text(
        "profile:\n  headings:\n    Bolig og nærmiljø: bolk\n    Eldre innvandrere: bolk\n"
        "    Vedlegg: hopp over\n", "utf-8")
    profiled = prepare(path)
    assert [(r.session, r.theme, r.category) for r in profiled.records if r.kind == "innspill"] == [
        ("Bolk 1", "Bolig og nærmiljø", None), ("Bolk 2", "Eldre innvandrere", None)]
    assert not any("Deltakerliste" in r.text for r in profiled.records)
    assert [(h.text, h.role, h.reason) for h in profiled.headings] == [
        ("Bolig og nærmiljø", "bolk", "profil"), ("Eldre innvandrere", "bolk", "profil"),
        ("Vedlegg", "hopp over", "profil")]
    assert profiled.warnings == []


def test_profile_rule_that_matches_no_heading_is_reported(tmp_path):
    path = tmp_path / "rapport-2024.txt"
    path.write_text(SESSIONS_AS_PLAIN_LINES, "utf-8")
    parsed = parse(extract(path), Profile.from_dict({"headings": {"Bolig": "bolk"}}))
    assert "Profilregelen «Bolig: bolk» traff ingen overskrift." in parsed.warnings


def test_editor_changes_a_heading_role_and_reads_the_report_again(tmp_path):
    source = (FIXTURES / "2021-syntetisk-digital-konferanse.pdf.md").read_text("utf-8")
    document = extract(typeset(tmp_path, source, "rapport-2021.pdf"))
    chat = "Vi trenger opplæring i digitale ferdigheter før norskkurset starter."
    first = next(r for r in parse(document).records if r.text == chat)
    again = parse(document, Profile().with_rule("Fra chatten", "kategori"))
    second = next(r for r in again.records if r.text == chat)
    assert (first.category, second.category) == (None, "Fra chatten")
    assert next(h for h in again.headings if h.text == "Fra chatten").reason == "profil"


def load_bench():
    spec = importlib.util.spec_from_file_location("layouts", ROOT / "bench" / "layouts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_fidelity_on_the_synthetic_reports_stays_above_the_floor():
    """Floor set from bench/layouts.py (99.7 % of expected tags of 25 reports when set), with margin."""
    bench = load_bench()
    scores = bench.measure()
    assert len(scores) >= 25
    assert bench.total(scores).share >= 0.97
    assert all(score.share >= 0.9 for score in scores), [(s.report, s.share) for s in scores]
    assert [score.lost for score in scores] == [0] * len(scores)
    assert [score.extra for score in scores] == [0] * len(scores)


def report_copy(tmp_path, name):
    """Copy a fixture report into tmp_path, typesetting it first if it is a *.pdf.md source."""
    source = FIXTURES / f"{name}.md"
    if source.exists():
        return typeset(tmp_path, source.read_text("utf-8"), name)
    (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    return tmp_path / name


@pytest.mark.parametrize("name, text, kind", [
    ("2015-syntetisk-temagrupper.pdf", "IMDi sender rapporten til departementene", "avslutning"),
    ("2018-syntetisk-tabellrapport.docx", "Konferansen var delt i to runder", "konferansen"),
])
def test_profile_written_after_a_dry_run_fixes_what_detection_misses(tmp_path, name, text, kind):
    path = report_copy(tmp_path, name)
    assert next(r for r in prepare(path).records if r.text.startswith(text)).kind != kind
    profile = FIXTURES / "profiles" / f"{path.stem}.yaml"
    path.with_suffix(".yaml").write_text(profile.read_text("utf-8"), "utf-8")
    assert next(r for r in prepare(path).records if r.text.startswith(text)).kind == kind
