"""Who said it: literal lead-ins in, what each names out."""
import pytest

from indexer.people import lead_kind, organisation_at_end, speaker_and_organisation


@pytest.mark.parametrize("label, kind", [
    ("Testmira Haddad, Testforeningen Ressursfamilier", "person"),
    ("Statssekretær Kari Testesen", "person"),
    ("Testeva Lunde, IMDi", "person"),
    ("Somalisk Testforening Oslo", "organisation"),
    ("Testforum for innvandrerkvinner", "organisation"),
    ("Norsk Folkehjelp", "organisation"),
    ("NAV", "organisation"),
    ("Skolevei og tilhørighet", "topic"),
    ("Arbeid for foreldrene", "topic"),
    ("Løsning", "topic"),
    ("Språk", None),
])
def test_lead_kind(label, kind):
    assert lead_kind(label) == kind


@pytest.mark.parametrize("text, split", [
    ("Mange jobber skift. (Somalisk foreldreforening Drammen)",
     ("Mange jobber skift.", "Somalisk foreldreforening Drammen")),
    ("Det mangler praksisplasser i private bedrifter. [Innvandrernes landsorganisasjon]",
     ("Det mangler praksisplasser i private bedrifter.", "Innvandrernes landsorganisasjon")),
    ("Flere trenger kurs på dagtid – Norsk Folkehjelp",
     ("Flere trenger kurs på dagtid", "Norsk Folkehjelp")),
    ("Tilskuddet bør økes [sic] for alle.", ("Tilskuddet bør økes [sic] for alle.", None)),
    ("Godkjenning tar for lang tid [se vedlegg]", ("Godkjenning tar for lang tid [se vedlegg]", None)),
])
def test_organisation_at_the_end_of_an_input(text, split):
    assert organisation_at_end(text) == split


def test_hospital_or_university_named_after_a_speaker_is_the_whole_body():
    """Regression: «… fra Oslo universitetssykehus innledet …» gave the body «Oslo»."""
    assert speaker_and_organisation(
        "Testali Noor fra Oslo universitetssykehus innledet om bruk av tolk.") == (
        "Testali Noor", "Oslo universitetssykehus")
