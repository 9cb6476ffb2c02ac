"""Headings from type: literal lines in, heading levels out."""
from indexer.records import Line
from indexer.typography import body_size, with_heading_levels

BODY = "Deltakerne diskuterte hvordan skolen kan samarbeide bedre med foreldrene i hverdagen."


def line(number, text, size, bold=False, breaks=False, level=None):
    return Line(number, text, 1, breaks, level, size, bold)


def levels(lines, body=None):
    return [(found.text, found.level) for found in with_heading_levels(lines, body)]


def test_body_size_is_the_size_most_characters_are_set_in():
    lines = [line(0, "Konferanserapport", 18, True), line(1, BODY, 10), line(2, BODY, 10),
             line(3, "Sosial mobilitet", 14, True)]
    assert body_size(lines) == 10


def test_larger_or_bold_short_lines_are_headings_ranked_by_size_then_weight():
    lines = [line(0, "Konferanserapport", 18, True), line(1, "Sosial mobilitet", 14, True),
             line(2, BODY, 10), line(3, "Spørsmål til gruppene", 12), line(4, BODY, 10),
             line(5, "Utdanning", 10, True), line(6, "• " + BODY, 10), line(7, BODY, 10)]
    assert levels(lines) == [
        ("Konferanserapport", 1), ("Sosial mobilitet", 2), (BODY, None),
        ("Spørsmål til gruppene", 3), (BODY, None), ("Utdanning", 4), ("• " + BODY, None),
        (BODY, None)]


def test_bold_sentence_in_body_size_is_emphasis_not_a_heading():
    lines = [line(0, BODY, 10), line(1, "Merk at alle innspill er gjengitt uten navn.", 10, True),
             line(2, BODY, 10)]
    assert levels(lines)[1] == ("Merk at alle innspill er gjengitt uten navn.", None)


def test_heading_wrapped_over_two_lines_is_one_heading_of_one_level():
    lines = [line(0, BODY, 10), line(1, "Barrierer for deltakelse i fritidsaktiviteter", 14, True, True),
             line(2, "for barn og unge", 14, True), line(3, BODY, 10), line(4, BODY, 10)]
    assert levels(lines)[1:3] == [("Barrierer for deltakelse i fritidsaktiviteter", 1),
                                  ("for barn og unge", 1)]


def test_bullets_programme_lines_and_questions_in_bold_are_not_headings():
    lines = [line(0, BODY, 10), line(1, "• Flere møteplasser i nabolaget.", 10, True),
             line(2, "Kl. 10:00 Åpning", 10, True), line(3, "Spørsmål 1: Hva hindrer deltakelse?", 10, True),
             line(4, BODY, 10)]
    assert [level for _, level in levels(lines)] == [None] * 5


def test_report_set_in_one_type_has_no_headings_by_type():
    lines = [line(0, "1. Sammendrag", 9), line(1, BODY, 9), line(2, BODY, 9)]
    assert [level for _, level in levels(lines)] == [None, None, None]


def test_lines_without_sizes_keep_the_levels_their_format_gave():
    lines = [Line(0, "Innspill", 1, level=3), Line(1, BODY, 1)]
    assert levels(lines) == [("Innspill", 3), (BODY, None)]


def test_word_heading_style_is_ranked_by_its_type_with_the_other_headings():
    lines = [line(0, "Integreringskonferansen 2019", 26, level=1), line(1, BODY, 11),
             line(2, "Parallellsesjon I", 14, True, level=1), line(3, BODY, 11),
             line(4, "Integrering i skolen", 13, True), line(5, BODY, 11)]
    assert [level for _, level in levels(lines)] == [1, None, 2, None, 3, None]


def test_body_size_given_by_the_profile_wins():
    lines = [line(0, "Innledning", 12), line(1, BODY, 10), line(2, BODY, 12), line(3, BODY, 12)]
    assert levels(lines)[0] == ("Innledning", None)
    assert levels(lines, body=10)[0] == ("Innledning", 1)


def test_short_italic_line_is_a_heading_ranked_below_bold_ones():
    lines = [line(0, "Tema 1 – Entreprenørskap", 10, True), line(1, BODY, 10),
             Line(2, "Forslag fra gruppen", 1, size=10, italic=True), line(3, BODY, 10)]
    assert [level for _, level in levels(lines)] == [1, None, 2, None]


def test_italic_quote_or_sentence_is_not_a_heading():
    lines = [line(0, BODY, 10), Line(1, "«Vi må bli sett som en ressurs»", 1, size=10, italic=True),
             Line(2, "Alle sitater er gjengitt med tillatelse.", 1, size=10, italic=True),
             line(3, BODY, 10)]
    assert [level for _, level in levels(lines)] == [None] * 4


def test_line_opening_with_a_bold_lead_in_is_not_a_heading():
    """Regression: «Kari Testesen, KS: Kommunen måtte …», its name set in bold, was
    bold by most of its letters and made a heading of each speaker in a panel."""
    lines = [line(0, BODY, 10), Line(1, "Kari Testesen, Testforeningen Ressurs: Mange mistet", 1,
                                     size=10, lead="Kari Testesen, Testforeningen Ressurs:"),
             line(2, BODY, 10)]
    assert [level for _, level in levels(lines)] == [None] * 3
