"""Canonical themes across years and topic tags (kb/themes.py over kb/data/themes.yaml)."""
import pytest

from kb.themes import canonical_theme, themes, topics


@pytest.mark.parametrize("title, theme", [
    ("Inkluderende arbeidsliv", "arbeid og kvalifisering"),   # by its words
    ("Trygge nabolag", "trygghet og nabolag"),
    ("Integrering i skolen", "utdanning og skole"),            # from the crosswalk
    ("Oppvekst – barn og unge", "barn og unge / oppvekst"),
    ("Helse og livskvalitet", "helse"),
    ("INTEGRERING I SKOLEN", "utdanning og skole"),            # case does not matter
    ("Mangfold på arbeidsplassen", "arbeid og kvalifisering"),  # more words of one theme win
])
def test_canonical_theme_of_a_session_title(title, theme):
    assert canonical_theme(title) == theme


@pytest.mark.parametrize("title", [None, "", "Avslutning", "Program"])
def test_a_title_with_no_theme_words_has_none(title):
    assert canonical_theme(title) is None


def test_topics_match_word_starts_from_four_letters_and_short_words_whole():
    assert "språk" in topics("Høye og ofte rigide språkkrav (f.eks. B2-nivå).")
    assert topics("Samarbeid med NAV om praksisplasser.")  # NAV is a whole word
    assert topics("Navnet på skolen.") == topics("på skolen.")  # not NAV inside Navnet


def test_topics_keep_the_order_of_the_list():
    found = topics("Språkkrav i skolen og på jobb.")
    assert len(found) >= 2
    assert found == sorted(found, key=list(themes().topics).index)
