"""Who said it: literal lead-ins in, what each names out."""
import pytest

from indexer.people import lead_kind


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
