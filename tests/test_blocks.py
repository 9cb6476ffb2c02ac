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
