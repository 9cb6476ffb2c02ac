"""Heading roles and why: literal reports in, roles and reasons out."""
from indexer.extract import number_pages
from indexer.extract.text import split_pages
from indexer.parse import parse
from indexer.records import Document


def parsed(*lines, profile=None):
    pages = split_pages(list(lines))
    number_pages(pages)
    return parse(Document("text", pages), profile)


def roles(result):
    return [(h.text, h.role, h.reason, h.session) for h in result.headings]


def test_plural_unit_word_in_a_part_heading_is_not_a_group():
    """Regression: "Innspel frå workshopane" inside a workshop was read as a group of workshops."""
    result = parsed("Workshop 2: Oppvekst", "Innspel frå workshopane", "– Barnehagen er viktig.")
    assert roles(result) == [("Oppvekst", "bolk", "mønster", "Workshop 2"),
                             ("Innspel frå workshopane", "innspill", "mønster", None)]
    assert [(r.kind, r.theme) for r in result.records] == [("innspill", "Oppvekst")]


def test_group_of_sessions_says_nothing_of_their_kind_by_its_unit_word():
    """Regression: "Workshopane" made every paragraph under its workshops an input."""
    result = parsed("2. Workshopane", "2.1 Kultur", "Temaet for workshopen var kulturlivet.")
    assert roles(result) == [("Workshopane", "gruppe", "mønster", None),
                             ("Kultur", "bolk", "mønster", "Workshop 1")]
    assert [(r.kind, r.session) for r in result.records] == [("tema", "Workshop 1")]


def test_headings_beside_sessions_are_sessions_and_over_bullets_in_them_categories():
    result = parsed(
        "1. Sesjonene", "1.1 Bolig", "1.1.1 Innspill", "1.1.1.1 Trangboddhet", "- For små boliger.",
        "1.2 Helse", "- Tolk hos fastlegen.", "2. Vedlegg", "Deltakerliste.")
    assert roles(result) == [
        ("Sesjonene", "gruppe", "mønster", None), ("Bolig", "bolk", "mønster", "Sesjon 1"),
        ("Innspill", "innspill", "mønster", None), ("Trangboddhet", "kategori", "mønster", None),
        ("Helse", "bolk", "mønster", "Sesjon 2"), ("Vedlegg", "annet", "mønster", None)]
    assert [(r.session, r.category, r.kind) for r in result.records] == [
        ("Sesjon 1", "Trangboddhet", "innspill"), ("Sesjon 2", None, "innspill"), (None, None, "tekst")]


def test_talk_discussion_and_theme_under_a_session_without_parts():
    result = parsed(
        "Sesjon 1: Arbeid",
        "Statssekretær Kari Testesen fra Kunnskapsdepartementet innledet om arbeid.",
        "",
        "Deltakerne mente at språkkravene er for høye. Sesjonen ble ledet av KD.",
        "Sesjon 2: Helse",
        "Temaet var helsetjenester for eldre.")
    assert [(r.kind, r.session, r.speaker) for r in result.records] == [
        ("innlegg", "Sesjon 1", "Kari Testesen"), ("innspill", "Sesjon 1", None),
        ("tekst", "Sesjon 1", None), ("tema", "Sesjon 2", None)]


def test_closing_of_the_conference_set_under_the_last_session_ends_it():
    result = parsed("Sesjon 3: Helse", "- Tolk må brukes oftere.", "Avslutning",
                    "Statsråden takket for innspillene.")
    assert [(r.kind, r.session) for r in result.records] == [("innspill", "Sesjon 3"),
                                                            ("avslutning", None)]


def test_only_question_of_a_session_is_the_question_its_inputs_answer():
    result = parsed("Sesjon 1: Arbeid", "Spørsmål til diskusjon",
                    "Hvordan kan flere komme i arbeid?", "Innspill", "- Flere praksisplasser.")
    assert [(r.kind, r.question, r.question_no) for r in result.records] == [
        ("spørsmål", "Hvordan kan flere komme i arbeid?", 1),
        ("innspill", "Hvordan kan flere komme i arbeid?", 1)]


def test_bullets_outside_any_session_are_text_with_a_warning():
    result = parsed("Sesjon 1 og 2 ble slått sammen.", "", "Innspill", "- Flere møteplasser.")
    assert [(r.kind, r.text) for r in result.records][-1] == ("tekst", "Flere møteplasser.")
    assert [w[:40] for w in result.warnings] == ["Fant ingen innspill, spørsmål, innlegg e"]
