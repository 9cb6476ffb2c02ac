"""Lines into blocks: literal text in, literal blocks out."""
from indexer.blocks import body_lines, build_blocks
from indexer.extract import number_pages
from indexer.extract.text import split_pages
from indexer.records import Document


def blocks(*lines):
    pages = split_pages(list(lines))
    number_pages(pages)
    return [(b.type, b.text, b.organisation)
            for b in build_blocks(body_lines(Document("text", pages)))]


def test_organisation_in_parentheses_or_after_a_dash_at_the_end_of_an_input():
    assert blocks(
        "- Mange jobber turnus og skiftarbeid. (Somalisk foreldreforening Drammen)",
        "- Bostøtten må følge antall barn – Kurdisk testforening",
        "- Tolk må brukes oftere. – Norsk Folkehjelp",
    ) == [("bullet", "Mange jobber turnus og skiftarbeid.", "Somalisk foreldreforening Drammen"),
          ("bullet", "Bostøtten må følge antall barn", "Kurdisk testforening"),
          ("bullet", "Tolk må brukes oftere.", "Norsk Folkehjelp")]


def test_words_in_parentheses_or_after_a_dash_that_go_on_with_the_input_stay():
    assert blocks(
        "- Høye og ofte rigide språkkrav (f.eks. B2-nivå).",
        "- Lite variasjon i aktiviteter – ikke alle passer til fotball",
        "- Samarbeid med NAV – Arbeid og velferd",
    ) == [("bullet", "Høye og ofte rigide språkkrav (f.eks. B2-nivå).", None),
          ("bullet", "Lite variasjon i aktiviteter – ikke alle passer til fotball", None),
          ("bullet", "Samarbeid med NAV – Arbeid og velferd", None)]


def test_organisation_wrapped_onto_the_next_line_is_cut_from_both_lines():
    found = build_blocks(body_lines(Document("text", split_pages([
        "- Arbeidsgivere bør tilby mentorordninger for nyansatte. (Testnettverket",
        "for likestilling)"]))))
    assert (found[0].text, found[0].organisation, len(found[0].lines)) == (
        "Arbeidsgivere bør tilby mentorordninger for nyansatte.", "Testnettverket for likestilling", 2)


def test_role_line_names_people_not_an_organisation():
    assert blocks("Innleder: Statssekretær Kari Testesen, Kunnskapsdepartementet",
                  "Somalisk Testforening: Mange familier bor trangt.") == [
        ("role", "Statssekretær Kari Testesen, Kunnskapsdepartementet", None),
        ("attributed", "Mange familier bor trangt.", "Somalisk Testforening")]


def test_input_led_by_its_kind_is_not_attributed_to_an_organisation():
    assert blocks("Barriere: Mange mangler barnehageplass.") == [
        ("attributed", "Mange mangler barnehageplass.", None)]


def test_list_numbered_with_a_parenthesis_is_items():
    assert blocks("1) Barn må få barnehageplass raskt.", "2) Flere lærere med morsmål") == [
        ("item", "Barn må få barnehageplass raskt.", None), ("item", "Flere lærere med morsmål", None)]


def test_heading_numbered_without_a_full_stop():
    assert blocks("1 Innledning", "Konferansen samlet 200 deltakere.") == [
        ("heading", "Innledning", None), ("prose", "Konferansen samlet 200 deltakere.", None)]


def test_numbered_session_heading_keeps_its_label_apart_from_its_title():
    found = build_blocks(body_lines(Document("text", split_pages([
        "2.2 Sesjon 2: Hverdagsintegrering i idrett og kultur (KUD)"]))))
    assert (found[0].number, found[0].label, found[0].text, found[0].led_by) == (
        "2.2", "Sesjon 2", "Hverdagsintegrering i idrett og kultur", "KUD")


def test_opening_lines_of_a_text_file_are_not_one_paragraph():
    """Regression: a notice, a title and a subtitle on lines of their own were joined."""
    assert [text for _, text, _ in blocks(
        "SYNTETISK TESTRAPPORT – oppdikta for automatiske testar. Ikkje ein ekte rapport.",
        "Dialogkonferansen 2015",
        "Rapport frå Dialogkonferansen 20. oktober 2015",
        "",
        "Ein lang avsnittstekst som går over fleire linjer, slik tekst henta ut av ein PDF gjer,",
        "og som held fram her.")] == [
        "SYNTETISK TESTRAPPORT – oppdikta for automatiske testar. Ikkje ein ekte rapport.",
        "Dialogkonferansen 2015 Rapport frå Dialogkonferansen 20. oktober 2015",
        "Ein lang avsnittstekst som går over fleire linjer, slik tekst henta ut av ein PDF gjer, "
        "og som held fram her."]


def headings(*lines):
    pages = split_pages(list(lines))
    number_pages(pages)
    return [(b.type, b.label, b.text) for b in build_blocks(body_lines(Document("text", pages)))]


def test_session_named_by_a_compound_unit_word_and_a_letter_or_number():
    """Regression: «Arbeidsgruppe A: Arbeid» was an input attributed to «Arbeidsgruppe A»."""
    assert headings("Arbeidsgruppe A: Arbeid og kvalifisering", "Parallellsesjon B: Skole",
                    "Temagruppe 3 – Helse", "Verksted 2: Bolig", "Workshop 1: Arbeid",
                    "Gruppe 2 – Fritid") == [
        ("heading", "Arbeidsgruppe A", "Arbeid og kvalifisering"),
        ("heading", "Parallellsesjon B", "Skole"), ("heading", "Temagruppe 3", "Helse"),
        ("heading", "Verksted 2", "Bolig"), ("heading", "Workshop 1", "Arbeid"),
        ("heading", "Gruppe 2", "Fritid")]


def test_question_standing_alone_over_bullets_is_a_question():
    assert blocks("Hva hindrer innvandrere i å få arbeid?", "• Godkjenning tar for lang tid.",
                  "Gruppediskusjon: Hvordan kan skolen nå foreldrene?", "• Tolk på foreldremøter.") == [
        ("question", "Hva hindrer innvandrere i å få arbeid?", None),
        ("bullet", "Godkjenning tar for lang tid.", None),
        ("question", "Hvordan kan skolen nå foreldrene?", None),
        ("bullet", "Tolk på foreldremøter.", None)]


def test_numbered_questions_in_a_list_stay_items_and_a_discussion_topic_no_question():
    assert blocks("1. Hva hindrer arbeid?", "2. Hva kan kommunen gjøre?", "• Tolk hos fastlegen.",
                  "Gruppediskusjon: Arbeid og helse må ses sammen.") == [
        ("item", "Hva hindrer arbeid?", None), ("item", "Hva kan kommunen gjøre?", None),
        ("bullet", "Tolk hos fastlegen.", None),
        ("attributed", "Arbeid og helse må ses sammen.", None)]


def test_organisation_in_parentheses_before_the_full_stop_leaves_the_stop():
    """Regression: «… hjemlandet (Somalisk forening Oslo).» lost its full stop with the giver."""
    assert blocks("- Mange får ikke brukt fagbrevet sitt fra hjemlandet (Somalisk forening Oslo).") == [
        ("bullet", "Mange får ikke brukt fagbrevet sitt fra hjemlandet.", "Somalisk forening Oslo")]
    found = build_blocks(body_lines(Document("text", split_pages([
        "- Arbeidsgivere bør tilby mentorordninger for nyansatte (Testnettverket",
        "for likestilling)."]))))
    assert (found[0].text, found[0].parts) == (
        "Arbeidsgivere bør tilby mentorordninger for nyansatte.",
        ["Arbeidsgivere bør tilby mentorordninger for nyansatte."])


def test_title_under_a_sentence_is_not_joined_to_it():
    """Regression: the title under an opening sentence ran on with it when it was longer than
    three fifths of the text width, though it neither ended a sentence nor reached the margin."""
    found = [text for _, text, _ in blocks(
        "SYNTETISK TESTRAPPORT – oppdiktet for automatiske tester. Ikke en ekte konferanserapport.",
        "Rapport fra Nasjonal integreringskonferanse 2012",
        "",
        *[f"• Innspill nummer {n} om arbeid, bolig og skole, skrevet ned av referenten." for n in range(10)])]
    assert found[:2] == [
        "SYNTETISK TESTRAPPORT – oppdiktet for automatiske tester. Ikke en ekte konferanserapport.",
        "Rapport fra Nasjonal integreringskonferanse 2012"]
