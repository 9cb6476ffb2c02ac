"""The parser on the real 2025 report: kinds, tags, pages, and no text lost."""
import re
from collections import Counter

import pytest

from indexer.extract import extract
from indexer.parse import parse


def find(records, start):
    matches = [r for r in records if r.text.startswith(start)]
    assert len(matches) == 1, f"{len(matches)} records start with {start!r}"
    return matches[0]


def test_counts_per_kind(records_2025):
    assert Counter(r.kind for r in records_2025) == {
        "sammendrag": 5, "program": 14, "tale": 20, "konferansen": 8, "figur": 1,
        "tekst": 2, "tema": 3, "innlegg": 11, "spørsmål": 6, "innspill": 75, "panel": 6,
    }


def test_inputs_per_bolk_and_question(records_2025):
    inputs = Counter((r.session, r.question_no) for r in records_2025 if r.kind == "innspill")
    assert inputs == {("Bolk 1", 1): 19, ("Bolk 1", 2): 14, ("Bolk 1", 3): 14,
                      ("Bolk 2", 1): 10, ("Bolk 2", 2): 12, ("Bolk 2", 3): 6}


@pytest.mark.parametrize("start, session, theme, number, category, subcategory, page", [
    ("Høye og ofte rigide språkkrav (f.eks. B2-nivå).", "Bolk 1", "Inkluderende arbeidsliv",
     1, "Språk og kommunikasjon", None, 13),
    ("Ubevisste og strukturelle fordommer knyttet til navn, utseende, religion (f.eks. hijab), og "
     "etnisk bakgrunn.", "Bolk 1", "Inkluderende arbeidsliv", 1, "Diskriminering og fordommer",
     None, 13),
    ("Manglende fleksibilitet i ansettelsesprosesser.", "Bolk 1", "Inkluderende arbeidsliv", 1,
     "Systemiske og strukturelle barrierer", None, 14),
    ("Bydelsmødrene, Mamas Mat", "Bolk 1", "Inkluderende arbeidsliv", 2, "Eksempler på tiltak",
     None, 14),
    ("F.eks. Trumfkortet i Skien", "Bolk 1", "Inkluderende arbeidsliv", 3, "Effektive tiltak",
     "Traineeprogrammer og praksisplasser", 14),
    ("Raskere og bedre godkjenning av utenlandsk utdanning.", "Bolk 1", "Inkluderende arbeidsliv",
     3, "Effektive tiltak", "Godkjenning og kvalifisering", 15),
    ("Kvoter for innvandrere og ungdom i offentlig sektor.", "Bolk 1", "Inkluderende arbeidsliv",
     3, "Savnede tiltak", "Kvoteordninger og målrettet rekruttering", 15),
    ("Lite variasjon i aktiviteter – ikke alle passer til fotball", "Bolk 2", "Trygge nabolag", 1,
     "Mangel på møteplasser og ressurser", None, 16),
    ("Bruke skoler, moskeer, bibliotek og idrettslag", "Bolk 2", "Trygge nabolag", 2,
     "Skape møteplasser og fellesskap", None, 17),
    ("Inkludere frivilligheten i etablerte samarbeidsfora (f.eks. SLT/SaLTo).", "Bolk 2",
     "Trygge nabolag", 3, "Bedre koordinering og kommunikasjon", None, 17),
])
def test_named_inputs_are_tagged(records_2025, start, session, theme, number, category,
                                 subcategory, page):
    record = find(records_2025, start)
    assert (record.kind, record.session, record.theme, record.question_no, record.category,
            record.subcategory, record.page) == (
        "innspill", session, theme, number, category, subcategory, page)


def test_wrapped_bullet_is_joined_and_keeps_its_question(records_2025):
    record = find(records_2025, "I staten er hovedregelen")
    assert record.text.endswith("Det samme gjelder i KS-området og deler av Spekter-området.")
    assert record.question == ("Hva er de største utfordringene innvandrere møter når de søker "
                               "jobb i offentlig sektor?")
    assert record.category == "Rammebetingelser i offentlig sektor"


def test_question_with_two_sentences_over_two_lines(records_2025):
    record = find(records_2025, "Språkpraksis kombinert med arbeid.")
    assert record.question == ("Hvilke tiltak har vært mest effektive for å øke mangfoldet i "
                               "offentlig sektor? Hvilke tiltak savnes?")


def test_listed_questions_carry_the_wording_of_their_inputs(records_2025):
    questions = [r for r in records_2025 if r.kind == "spørsmål"]
    assert [(r.session, r.question_no) for r in questions] == [
        ("Bolk 1", 1), ("Bolk 1", 2), ("Bolk 1", 3), ("Bolk 2", 1), ("Bolk 2", 2), ("Bolk 2", 3)]
    listed = questions[3]
    assert listed.text == "Hva er hindringer for å kunne skape trygge nabolag? Del gjerne eksempler."
    assert listed.question == "Hva er hindringer for å kunne skape trygge nabolag?"


@pytest.mark.parametrize("start, speaker, organisation, session, page", [
    ("Konferansens første bolk ble introdusert", "Kjetil Vevle",
     "Arbeids- og inkluderingsdepartementet", "Bolk 1", 12),
    ("I tillegg holdt statssekretær Anette Kristine Davidsen", "Anette Kristine Davidsen",
     "Digitaliserings- og forvaltningsdepartementet", "Bolk 1", 12),
    ("Siri Klevstrand", "Siri Klevstrand", "Kommunesektorens organisasjon", "Bolk 1", 12),
    ("Bernt Apeland", "Bernt Apeland", "Hovedorganisasjonen Virke", "Bolk 1", 12),
    ("Konferansens andre bolk", "Lubna Jaffery", None, "Bolk 2", 15),
    ("Etter dette fulgte", "Synnøve Mjeldheim Skaar", "Kunnskapsdepartementet", "Bolk 2", 15),
    ("John Roger Lund", "John Roger Lund", "Oslopolitiets driftsenhet Øst", "Bolk 2", 16),
    ("Statssekretær Emil Raaen", "Emil Raaen", "Kommunal- og distriktsdepartementet", "Bolk 3", 18),
    ("Øyvind Kleven", "Øyvind Kleven", "Statistisk Sentralbyrå", "Bolk 3", 18),
    ("Rabia Musavi", "Rabia Musavi", "LIN", "Bolk 3", 18),
])
def test_talks_have_speaker_and_organisation(records_2025, start, speaker, organisation,
                                             session, page):
    record = find(records_2025, start)
    assert (record.kind, record.speaker, record.organisation, record.session, record.page) == (
        "innlegg", speaker, organisation, session, page)


def test_speech_is_stored_by_paragraph_with_its_speaker(records_2025):
    speech = [r for r in records_2025 if r.kind == "tale"]
    assert len(speech) == 20
    assert {r.speaker for r in speech} == {"Tonje Brenna"}
    assert speech[0].text.startswith("Livet handler om å høre til.") and speech[0].page == 6
    assert speech[-1].text.startswith("Slik vi alle må gjøre vårt") and speech[-1].page == 9


def test_paragraph_running_over_a_page_break_stays_one_piece(records_2025):
    record = find(records_2025, "Bernt Apeland")
    assert "Handelslappen" in record.text and record.text.endswith("mer systematisk.")
    assert record.page == 12


def test_theme_texts_belong_to_their_bolk(records_2025):
    themes = [(r.session, r.theme, r.page) for r in records_2025 if r.kind == "tema"]
    assert themes == [("Bolk 1", "Inkluderende arbeidsliv", 12), ("Bolk 2", "Trygge nabolag", 15),
                      ("Bolk 3", "Innvandreres deltakelse i valg og hvordan den kan økes", 17)]


def test_panel_summary_is_one_input_per_sentence(records_2025):
    panel = [r for r in records_2025 if r.kind == "panel"]
    assert len(panel) == 6
    assert all(r.session == "Bolk 3" and r.page == 18 for r in panel)
    assert panel[0].text.startswith("Panelsamtalen løftet frem") and panel[0].text.endswith(".")
    assert panel[-1].text == ("Det ble også foreslått å engasjere flere unge som valgmedarbeidere "
                              "for å skape mer aktivitet og eierskap, og å gjøre "
                              "tilskuddsordningene fra Valgdirektoratet bedre kjent.")


def test_prose_after_the_bullets_is_outside_the_last_category(records_2025):
    record = find(records_2025, "Avslutningsvis etter første bolk")
    assert (record.kind, record.session, record.question, record.category) == (
        "tekst", "Bolk 1", None, None)


def test_inconsistent_section_numbering_nests_by_depth(records_2025):
    # The report numbers "4. Konferansen" and then "3.1 Formål": depth decides, not value.
    record = find(records_2025, "Regjeringens nasjonale integreringskonferanse har som mål")
    assert (record.kind, record.section, record.heading, record.page) == (
        "konferansen", "Konferansen", "Formål", 10)


def test_figure_without_data_is_kept_as_caption(records_2025):
    record = find(records_2025, "Tabell 1.")
    assert record.kind == "figur"
    assert record.text.endswith("ledelse eller andre ansatt i departement?")


def test_programme_lines_are_entries(records_2025):
    programme = [r.text for r in records_2025 if r.kind == "program"]
    assert programme[1] == "Kl. 08:30 Registrering"
    assert "Kl. 14:00 Bolk 3: Innvandreres deltakelse i valg og hvordan den kan økes" in programme


def test_page_numbers_are_as_printed(records_2025, document_2025):
    assert [p.number for p in document_2025.pages] == list(range(4, 19))
    assert find(records_2025, "Regjeringens nasjonale integreringskonferanse 2025").page == 4
    assert find(records_2025, "Panelsamtalen løftet frem").page == 18


def test_footer_number_never_becomes_text(parsed_2025):
    assert all(line.text != "9" for line in parsed_2025.lines)
    speech_end = find(parsed_2025.records, "Slik vi alle må gjøre vårt")
    assert speech_end.text.endswith("Og ha tålmodighet med hverandre.")


WORD_NOISE = re.compile(r"^(?:[-•–]|\d+\.|\d+(?:\.\d+)+)$")


def words(text):
    return [w for w in text.split() if not WORD_NOISE.match(w)]


def test_no_text_is_lost_or_doubled(report_path, parsed_2025):
    raw = report_path.read_text("utf-8").splitlines()
    source = Counter(w for line in raw if not re.fullmatch(r"\s*\d{1,3}\s*", line)
                     for w in words(line))
    stored = Counter(w for r in parsed_2025.records for w in words(r.text))
    structure = Counter(w for line in parsed_2025.structure for w in words(line.text))
    assert stored + structure == source


def test_every_line_ends_up_in_a_piece_or_the_outline(parsed_2025):
    covered = Counter(n for r in parsed_2025.records for n in set(r.lines))
    covered.update(line.number for line in parsed_2025.structure)
    assert set(covered) == {line.number for line in parsed_2025.lines}
    shared = {n for n, count in covered.items() if count > 1}
    panel_lines = {n for r in parsed_2025.records if r.kind == "panel" for n in r.lines}
    assert shared <= panel_lines  # only a line holding the end of one sentence and the next


def test_parser_knows_no_heading_of_this_report(tmp_path):
    """A report with other headings, bullets and names parses by layout alone."""
    text = "\n".join([
        "1. Om samlingen",
        "Integreringskonferansen 2031 ble holdt i Bodø.",
        "2. Diskusjoner",
        "2.1 Bolig og nærmiljø",
        "2.1.1 Innspill",
        "Spørsmål 1: Hva hindrer gode bomiljø?",
        "Trangboddhet:",
        "• Dyre leiligheter i byene.",
        "• For små boliger for store familier.",
        "Spørsmål 2: Hva virker?",
        "* Boligsosiale tiltak i kommunen.",
    ])
    path = tmp_path / "rapport.txt"
    path.write_text(text, "utf-8")
    records = parse(extract(path)).records
    inputs = [r for r in records if r.kind == "innspill"]
    assert [(r.theme, r.session, r.question_no, r.category, r.text) for r in inputs] == [
        ("Bolig og nærmiljø", "Bolk 1", 1, "Trangboddhet", "Dyre leiligheter i byene."),
        ("Bolig og nærmiljø", "Bolk 1", 1, "Trangboddhet", "For små boliger for store familier."),
        ("Bolig og nærmiljø", "Bolk 1", 2, None, "Boligsosiale tiltak i kommunen."),
    ]


def test_headings_of_the_report_and_the_roles_they_play(parsed_2025):
    sessions = [(h.text, h.session, h.reason, h.records) for h in parsed_2025.headings
                if h.role == "bolk"]
    assert sessions == [("Inkluderende arbeidsliv", "Bolk 1", "mønster", 56),
                        ("Trygge nabolag", "Bolk 2", "mønster", 36),
                        ("Innvandreres deltakelse i valg og hvordan den kan økes", "Bolk 3",
                         "mønster", 10)]
    roles = {h.text: h.role for h in parsed_2025.headings}
    assert (roles["Konferanseprogram"], roles["Spørsmål til gruppediskusjonen"],
            roles["Innspill fra panelsamtale"], roles["Formål"]) == (
        "program", "spørsmål", "panel", "annet")
    assert parsed_2025.warnings == []
