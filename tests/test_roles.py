"""Heading roles and why: literal reports in, roles and reasons out."""
from indexer.extract import number_pages
from indexer.extract.text import split_pages
from indexer.parse import parse
from indexer.records import PARAGRAPH_BREAK, Document, Page, Style


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


def typed(*lines):
    """Parse (text, level) paragraphs as from a Word file: a level marks a heading style."""
    page = Page(number=1, lines=[])
    for text, level in lines:
        if level:
            page.levels[len(page.lines)] = level
        page.lines += [text, PARAGRAPH_BREAK]
    return parse(Document("docx", [page]))


def test_headings_side_by_side_over_inputs_are_sessions():
    result = typed(("Integreringskonferansen 2018", 1), ("Runde 1", 2), ("Foreldresamarbeid", 2),
                   ("- Skolen bør sende beskjeder på flere språk.", None), ("Hverdagsintegrering", 2),
                   ("- Biblioteket må være åpent om kvelden.", None))
    assert [(h.text, h.role) for h in result.headings] == [
        ("Integreringskonferansen 2018", "tittel"), ("Runde 1", "annet"),
        ("Foreldresamarbeid", "bolk"), ("Hverdagsintegrering", "bolk")]
    assert [(r.kind, r.session, r.theme) for r in result.records] == [
        ("innspill", "Bolk 1", "Foreldresamarbeid"), ("innspill", "Bolk 2", "Hverdagsintegrering")]


def test_ministry_named_in_full_after_a_dash_makes_a_session_and_leaves_the_theme():
    result = typed(("Integreringskonferansen 2018", 1),
                   ("Toleranse for mangfold – Barne- og likestillingsdepartementet", 2),
                   ("Flere deltakere mente at skolene må lære elevene å si fra.", None))
    assert [(h.text, h.role) for h in result.headings] == [
        ("Integreringskonferansen 2018", "tittel"), ("Toleranse for mangfold", "bolk")]
    assert [(r.kind, r.theme) for r in result.records] == [("innspill", "Toleranse for mangfold")]


def test_panel_heading_with_a_colon_is_a_panel_of_its_own():
    result = typed(("Panel: Hva har vi lært?", 1),
                   ("Kari Testesen, Testvik kommune: Vi ringte alle. Det virket.", None),
                   ("Parallelle sesjoner", 1), ("Digitalt utenforskap", 2), ("- Hjelp med BankID.", None))
    assert [(r.kind, r.session, r.theme, r.speaker, r.organisation, r.text) for r in result.records] == [
        ("panel", "Panel 1", "Hva har vi lært?", "Kari Testesen", "Testvik kommune", "Vi ringte alle."),
        ("panel", "Panel 1", "Hva har vi lært?", "Kari Testesen", "Testvik kommune", "Det virket."),
        ("innspill", "Sesjon 1", "Digitalt utenforskap", None, None, "Hjelp med BankID.")]


def test_dated_line_under_the_title_is_part_of_it():
    """Regression: «Rapport fra konferansen 20. oktober 2015» under the title was a
    section «konferansen», so the introduction below it was filed as «Om konferansen»."""
    lines = [("Dialogkonferansen 2015", 18.0, True), ("Rapport fra konferansen 20. oktober 2015", 12.0, False),
             ("Dagen samlet mange organisasjoner og kommuner fra hele landet.", 10.0, False),
             ("Tema 1 – Arbeid", 11.0, False), ("- Flere praksisplasser.", 10.0, False)]
    page = Page(number=1, lines=[text for text, *_ in lines],
                styles={i: Style(size, bold) for i, (_, size, bold) in enumerate(lines)})
    result = parse(Document("pdf", [page]))
    assert [(h.text, h.role) for h in result.headings] == [
        ("Dialogkonferansen 2015", "tittel"), ("Rapport fra konferansen 20. oktober 2015", "tittel"),
        ("Arbeid", "bolk")]
    assert [(r.kind, r.session) for r in result.records] == [("tekst", None), ("innspill", "Tema 1")]


def test_prose_naming_who_led_a_session_is_text_not_its_theme():
    """Regression: «Sesjonen ble ledet av …» alone under a session was filed as its theme."""
    result = parsed("Sesjon 1: Foreldresamarbeid", "Sesjonen ble ledet av avdelingsdirektør Testhild Rønning.",
                    "- Tolk må bestilles i god tid.")
    assert [r.kind for r in result.records] == ["tekst", "innspill"]


def test_lettered_questions_listed_and_the_inputs_that_answer_each():
    """Regression: «B: …?» ran on with «Spørsmål A: …?», and neither was stored as a question."""
    result = parsed("Verkstad 1 – Arbeid", "Spørsmål A: Kva gjer godkjenning vanskeleg?",
                    "B: Korleis kan arbeidsgjevarar hjelpe?", "Svar på A",
                    "Mange fortalde at det tek lang tid.", "– Éin stad for all godkjenning.",
                    "Svar på B", "– Mentorordningar fungerer godt.")
    assert [(r.kind, r.question_no, r.question, r.text) for r in result.records] == [
        ("spørsmål", 1, "Kva gjer godkjenning vanskeleg?", "Kva gjer godkjenning vanskeleg?"),
        ("spørsmål", 2, "Korleis kan arbeidsgjevarar hjelpe?", "Korleis kan arbeidsgjevarar hjelpe?"),
        ("innspill", 1, "Kva gjer godkjenning vanskeleg?", "Mange fortalde at det tek lang tid."),
        ("innspill", 1, "Kva gjer godkjenning vanskeleg?", "Éin stad for all godkjenning."),
        ("innspill", 2, "Korleis kan arbeidsgjevarar hjelpe?", "Mentorordningar fungerer godt.")]


def test_question_over_its_inputs_is_stored_once_and_answered_by_them():
    """Regression: a question given only as «Spørsmål: …?» over its inputs was no question
    of the session (only a list of questions was), and without a number it was a category."""
    result = parsed("Sesjon 1: Arbeid", "Spørsmål: Hva hindrer arbeid?", "- Språkkrav.")
    assert [(r.kind, r.question_no, r.question) for r in result.records] == [
        ("spørsmål", 1, "Hva hindrer arbeid?"), ("innspill", 1, "Hva hindrer arbeid?")]


def test_question_listed_before_is_not_stored_again_where_it_heads_its_inputs():
    result = parsed("Sesjon 1: Arbeid", "Spørsmål til gruppene", "1. Hva hindrer arbeid?",
                    "Innspill", "Spørsmål 1: Hva hindrer arbeid?", "- Språkkrav.")
    assert [(r.kind, r.question) for r in result.records] == [
        ("spørsmål", "Hva hindrer arbeid?"), ("innspill", "Hva hindrer arbeid?")]


def test_session_named_in_capitals_and_a_role_label_in_nynorsk():
    """Regression: «Ordleiar: Testgunn Sæbø, IMDi» was an input by the organisation «Ordleiar»."""
    result = parsed("TEMA 2 – Bolig og nærmiljø", "Ordleiar: Testgunn Sæbø, IMDi",
                    "- Fleire store bustader.")
    assert [(r.kind, r.session, r.theme, r.organisation) for r in result.records] == [
        ("tekst", "Tema 2", "Bolig og nærmiljø", "IMDi"),
        ("innspill", "Tema 2", "Bolig og nærmiljø", None)]


def test_table_of_contents_is_no_text():
    result = parsed("Innhold", "Om konferansen ........ 3", "Sesjon 1: Arbeid ........ 4",
                    "Sesjon 1: Arbeid", "- Flere praksisplasser.")
    assert [(r.kind, r.text) for r in result.records] == [("innspill", "Flere praksisplasser.")]


def test_category_bullet_over_sub_bullets_and_a_bullet_after_them():
    """Regression: «• Språk» over «o …» sub-bullets was an input «Språk» with the
    sub-bullets joined into it."""
    result = parsed("Sesjon 1: Skole", "• Språk", "o Barna må begynne i barnehagen tidlig.",
                    "o Morsmålsassistenter bør følge barna.", "• Skolen må få ekstra ressurser.")
    assert [(r.category, r.text) for r in result.records] == [
        ("Språk", "Barna må begynne i barnehagen tidlig."),
        ("Språk", "Morsmålsassistenter bør følge barna."),
        (None, "Skolen må få ekstra ressurser.")]


def test_headings_in_capitals_and_a_summary_right_under_a_session():
    """Regression: «Oppsummering» right under a session was a section of the report that
    ended the session, so its summary lost the session and was one piece."""
    result = parsed("SESJON 3: FRIVILLIGHET OG MOTTAK (KUD)", "Oppsummering",
                    "Frivillige tok et stort ansvar. Deltakerne etterlyste faste tilskudd.")
    assert [(r.kind, r.session, r.theme, r.text) for r in result.records] == [
        ("innspill", "Sesjon 3 (KUD)", "Frivillighet og mottak", "Frivillige tok et stort ansvar."),
        ("innspill", "Sesjon 3 (KUD)", "Frivillighet og mottak",
         "Deltakerne etterlyste faste tilskudd.")]


def test_talk_introduced_by_ved_names_the_speaker_and_the_body_after_the_comma():
    result = parsed("Sesjon 2: Skolen", "Innledning ved rektor Testine Vold, Testbakken skole.",
                    "- Morsmål for alle.")
    assert [(r.kind, r.speaker, r.organisation) for r in result.records][0] == (
        "innlegg", "Testine Vold", "Testbakken skole")


REPORT_2012 = """Rapport fra Nasjonal integreringskonferanse 2012

Arbeidsgruppe A: Arbeid og kvalifisering
Leder for gruppen: Kari Nordmann

Hva hindrer innvandrere i å få relevant arbeid?

• Godkjenning av utdanning tar for lang tid, ofte over ett år.
• Arbeidsgivere ber om norsk på høyt nivå også der det ikke trengs.
• Mange får ikke brukt fagbrevet sitt fra hjemlandet (Somalisk forening Oslo).

Arbeidsgruppe B: Barn og unge

Hvordan kan skolen samarbeide bedre med foreldrene?

• Skolen bør bruke tolk på alle foreldremøter.
• Leksehjelp på biblioteket gir barna et trygt sted etter skoletid.
"""


def test_report_of_working_groups_is_read_without_a_profile(tmp_path):
    """Regression: a 2012 report of «Arbeidsgruppe A: …» groups, question lines ending in «?»
    and a «Leder for gruppen:» line was refused without a profile (no structure found)."""
    from indexer.load import prepare
    path = tmp_path / "2012-integreringskonferansen.txt"
    path.write_text(REPORT_2012, "utf-8")
    prepared = prepare(path)
    assert [(h.session, h.text, h.role) for h in prepared.headings] == [
        ("Arbeidsgruppe A", "Arbeid og kvalifisering", "bolk"),
        ("Arbeidsgruppe B", "Barn og unge", "bolk")]
    first, second = ("Hva hindrer innvandrere i å få relevant arbeid?",
                     "Hvordan kan skolen samarbeide bedre med foreldrene?")
    assert [(r.kind, r.session, r.question, r.organisation, r.speaker, r.text)
            for r in prepared.records if r.session] == [
        ("tekst", "Arbeidsgruppe A", None, None, "Kari Nordmann", "Kari Nordmann"),
        ("spørsmål", "Arbeidsgruppe A", first, None, None, first),
        ("innspill", "Arbeidsgruppe A", first, None, None,
         "Godkjenning av utdanning tar for lang tid, ofte over ett år."),
        ("innspill", "Arbeidsgruppe A", first, None, None,
         "Arbeidsgivere ber om norsk på høyt nivå også der det ikke trengs."),
        ("innspill", "Arbeidsgruppe A", first, "Somalisk forening Oslo", None,
         "Mange får ikke brukt fagbrevet sitt fra hjemlandet."),
        ("spørsmål", "Arbeidsgruppe B", second, None, None, second),
        ("innspill", "Arbeidsgruppe B", second, None, None,
         "Skolen bør bruke tolk på alle foreldremøter."),
        ("innspill", "Arbeidsgruppe B", second, None, None,
         "Leksehjelp på biblioteket gir barna et trygt sted etter skoletid.")]
    assert prepared.warnings == []


def test_numbered_bold_question_over_dash_lines_is_the_question_they_answer():
    """Regression: a question set as a bold «1. Hva …?» paragraph over «– …» lines was a
    heading by its type, so it was stored nowhere and its answers were filed under it as
    a category."""
    lines = [("Integreringskonferansen 2017", 18.0, True), ("Gruppe 1 – Bolig", 14.0, True),
             ("Referent: Testingrid Myhre, IMDi", 11.0, False),
             ("1. Hva gjør det vanskelig å finne bolig?", 11.0, True),
             ("– Utleiere leier sjelden ut til dem som får stønad.", 11.0, False),
             ("– Depositumsgaranti blir ikke godtatt.", 11.0, False),
             ("2. Hvordan kan kommunene bosette raskere?", 11.0, True),
             ("– Kommunene bør samarbeide i regioner.", 11.0, False)]
    page = Page(number=1, lines=[text for text, *_ in lines],
                styles={i: Style(size, bold) for i, (_, size, bold) in enumerate(lines)})
    result = parse(Document("docx", [page]))
    assert [(r.kind, r.session, r.question_no, r.question, r.category, r.text)
            for r in result.records] == [
        ("tekst", "Gruppe 1", None, None, None, "Testingrid Myhre, IMDi"),
        ("spørsmål", "Gruppe 1", 1, "Hva gjør det vanskelig å finne bolig?", None,
         "Hva gjør det vanskelig å finne bolig?"),
        ("innspill", "Gruppe 1", 1, "Hva gjør det vanskelig å finne bolig?", None,
         "Utleiere leier sjelden ut til dem som får stønad."),
        ("innspill", "Gruppe 1", 1, "Hva gjør det vanskelig å finne bolig?", None,
         "Depositumsgaranti blir ikke godtatt."),
        ("spørsmål", "Gruppe 1", 2, "Hvordan kan kommunene bosette raskere?", None,
         "Hvordan kan kommunene bosette raskere?"),
        ("innspill", "Gruppe 1", 2, "Hvordan kan kommunene bosette raskere?", None,
         "Kommunene bør samarbeide i regioner.")]


def test_profile_rule_naming_a_session_heading_by_its_label_is_no_unmatched_rule():
    """Regression: a rule «/^Arbeidsgruppe [A-Z]:/: bolk» was reported as matching no heading,
    since the heading's text is its title without the label."""
    from indexer.profile import Profile
    result = parsed("Arbeidsgruppe A: Arbeid", "- Flere praksisplasser.",
                    profile=Profile.from_dict({"headings": {"/^Arbeidsgruppe [A-Z]:/": "bolk"}}))
    assert [(h.text, h.role, h.reason) for h in result.headings] == [("Arbeid", "bolk", "profil")]
    assert result.warnings == []
