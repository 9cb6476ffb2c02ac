"""Lead-ins of inputs: literal lines in, who or what each names out."""
from indexer.blocks import body_lines, build_blocks
from indexer.leads import role_kind, role_line
from indexer.extract import number_pages
from indexer.extract.text import split_pages
from indexer.profile import Profile
from indexer.records import Document, Line


def leads(*lines, profile=None):
    pages = split_pages(list(lines))
    number_pages(pages)
    return [(b.text, b.speaker, b.organisation, b.topic)
            for b in build_blocks(body_lines(Document("text", pages)), profile)]


def test_lead_in_names_a_person_an_organisation_or_a_topic():
    assert leads(
        "- Kari Testesen, Testvik kommune: Kommunen ringte alle familiene.",
        "- Testforbundet for innvandrerbedrifter: Små bedrifter trenger hjelp.",
        "- Skolevei og tilhørighet: Faddere gjør overgangen lettere.",
        "- Barriere: Mange mangler barnehageplass.",
    ) == [("Kommunen ringte alle familiene.", "Kari Testesen", "Testvik kommune", None),
          ("Små bedrifter trenger hjelp.", None, "Testforbundet for innvandrerbedrifter", None),
          ("Faddere gjør overgangen lettere.", None, None, "Skolevei og tilhørighet"),
          ("Mange mangler barnehageplass.", None, None, "Barriere")]


def test_single_word_lead_in_is_a_topic_among_topics_or_when_it_recurs():
    """Regression: «Språk: …» in a bullet was read as an organisation called Språk."""
    assert [topic for *_, topic in leads(
        "- Språk: Barna trenger morsmålsstøtte.", "- Språk: Norskkurs må være intensive.",
        "- Foreldre: Foreldre trenger informasjon.")] == ["Språk", "Språk", "Foreldre"]
    assert [topic for *_, topic in leads("- Fritid: Gratis aktiviteter.")] == ["Fritid"]


def test_single_word_lead_in_among_organisations_is_an_organisation():
    assert [(org, topic) for _, _, org, topic in leads(
        "- Testforeningen Nord: Kursene må være gratis.", "- Caritas: Flere trenger tolk.")] == [
        ("Testforeningen Nord", None), ("Caritas", None)]


def test_profile_without_kolon_reads_no_lead_in_as_an_organisation():
    found = leads("- Testforeningen Nord: Kursene må være gratis.",
                  profile=Profile.from_dict({"organisations": ["parentes"]}))
    assert found == [("Kursene må være gratis.", None, None, "Testforeningen Nord")]


def test_organisation_in_brackets_before_a_numbered_input():
    """Regression: «1) [Forening] …» was no list item (it starts with a bracket) and
    ran together with the items after it as one paragraph."""
    assert leads("1) [Testbeboerforeningen Holmlia] Borettslagene bør oversette innkallingen.",
                 "2) [Testrådet for kvinner] Kvinner må bli spurt direkte.") == [
        ("Borettslagene bør oversette innkallingen.", None, "Testbeboerforeningen Holmlia", None),
        ("Kvinner må bli spurt direkte.", None, "Testrådet for kvinner", None)]


def test_lead_in_set_apart_by_type_may_be_long():
    lead = "Testnettverket for gründere med minoritetsbakgrunn i Groruddalen og Søndre Nordstrand:"
    line = Line(0, f"1) {lead} Kursene må tilbys på engelsk.", 1, size=10, lead=lead)
    found = build_blocks([line])
    assert (found[0].text, found[0].organisation) == ("Kursene må tilbys på engelsk.", lead[:-1])


def test_lead_in_set_apart_by_type_before_a_dash():
    """Regression: «**Polsk testforum** – Arbeidsinnvandrere …» kept the organisation in the text."""
    lead = "Polsk testforum –"
    found = build_blocks([Line(0, f"{lead} Arbeidsinnvandrere vet for lite.", 1, size=10, lead=lead)])
    assert (found[0].text, found[0].organisation) == ("Arbeidsinnvandrere vet for lite.", "Polsk testforum")


def test_role_line_with_a_compound_label_or_whom_it_served_names_people():
    """Regression: «Leder for gruppen: Kari Nordmann» was an input by «Leder for gruppen»."""
    found = [(match.group("label"), role_kind(match.group("label")), match.group("text"))
             for match in map(role_line, [
                 "Leder for gruppen: Kari Nordmann", "Referent fra gruppen: Testsigrid Lie",
                 "Gruppeleder: Testolav Haugen, Utdanningsdirektoratet",
                 "Leiar for verkstaden: Testkjell Vik, Bergen kommune",
                 "Sekretær: Ola Testesen", "Hovedinnleder: Kari Testesen, KD"])]
    assert found == [
        ("Leder for gruppen", "tekst", "Kari Nordmann"),
        ("Referent fra gruppen", "tekst", "Testsigrid Lie"),
        ("Gruppeleder", "tekst", "Testolav Haugen, Utdanningsdirektoratet"),
        ("Leiar for verkstaden", "tekst", "Testkjell Vik, Bergen kommune"),
        ("Sekretær", "tekst", "Ola Testesen"),
        ("Hovedinnleder", "innlegg", "Kari Testesen, KD")]


def test_label_ending_like_a_role_word_opens_an_input_unless_a_name_follows():
    assert role_line("Veileder: Alle må få hjelp til å søke jobb.") is None
    assert role_line("Somalisk forening: Mange familier bor trangt.") is None
    assert leads("Leder for gruppen: Kari Nordmann") == [("Kari Nordmann", None, None, None)]
