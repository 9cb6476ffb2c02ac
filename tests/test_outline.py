"""What `kb ingest --dry-run` shows: the outline, and each heading's role and why."""
from indexer.outline import explain
from indexer.roles import Heading


def test_explanation_gives_each_heading_its_page_role_reason_and_count():
    headings = [Heading("Konferanserapport", 1, 1, "tittel", "typografi", 9),
                Heading("Sosial mobilitet", 2, 2, "bolk", "mønster", 8, session="Sesjon 1"),
                Heading("Fra chatten", 2, 3, "kategori", "profil", 1)]
    lines = explain(headings, ["Profilregelen «Bolig: bolk» traff ingen overskrift."])
    assert lines[1:4] == [
        "s.   1  Konferanserapport" + " " * 39 + "  tittel (typografi) – 9 deler",
        "s.   2    Sosial mobilitet" + " " * 38 + "  bolk «Sesjon 1» (mønster) – 8 deler",
        "s.   2      Fra chatten" + " " * 41 + "  kategori (profil) – 1 del"]
    assert lines[4] == "Advarsel: Profilregelen «Bolig: bolk» traff ingen overskrift."
    assert "profile: headings" in lines[-1]


def test_explanation_of_a_report_without_headings():
    assert explain([]) == ["Fant ingen overskrifter."]
