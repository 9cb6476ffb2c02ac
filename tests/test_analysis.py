"""Norwegian analysis: literal text in, literal tokens out (Whoosh style)."""
import pytest

from kb.analysis import fold, stem, tokens


@pytest.mark.parametrize("text, expected", [
    ("Høye og ofte rigide språkkrav (f.eks. B2-nivå).",
     ["høy", "oft", "rigid", "språkkrav", "f.eks", "eks", "b2-nivå", "b2", "nivå"]),
    ("SLT/SaLTo", ["slt/salto", "slt", "salto"]),
    ("språkkrav språkkravene", ["språkkrav", "språkkrav"]),
    ("moské moskeer Moske", ["mosk", "mosk", "mosk"]),
    ("Aasmund Hoeyre Aerlig", ["åsmund", "høyr", "ærl"]),
    # Ordinary words keep their oe and ae; stopwords stay stopwords.
    ("naboer naboene temaer arenaer noe noen", ["nabo", "nabo", "tem", "aren"]),
    ("tema temaer arena arenaer moske moskeer", ["tem", "tem", "aren", "aren", "mosk", "mosk"]),
    ("og i på å det som", []),
    ("Innspel til spørsmåla", ["innspel", "spørsmål"]),
    ("«best kvalifisert»", ["best", "kvalifiser"]),
    ("2025 13. mai", ["2025", "13", "mai"]),
])
def test_index_tokens(text, expected):
    assert tokens(text, mode="index") == expected


@pytest.mark.parametrize("text, expected", [
    ("B2-nivå", ["b2-nivå"]),
    ("SLT/SaLTo", ["slt/salto"]),
    ("f.eks.", ["f.eks"]),
    ("Språkkravene", ["språkkrav"]),
])
def test_query_tokens_keep_joined_words_whole(text, expected):
    assert tokens(text, mode="query") == expected


@pytest.mark.parametrize("word, expected", [
    ("moské", "moske"), ("café", "cafe"), ("Müller", "Muller"), ("blåbær", "blåbær"),
    ("Aase", "Åse"), ("saerlig", "særlig"), ("naboer", "naboer"), ("noen", "noen"),
    ("Moeller", "Møller"), ("spra\u030akkrav", "språkkrav"), ("oekonomi", "økonomi"), ("aere", "ære"), ("Øst", "Øst"),
])
def test_fold(word, expected):
    assert fold(word) == expected


def test_stem_drops_e_the_snowball_stemmer_leaves():
    assert stem("moskeer") == stem("moske") == "mosk"
    assert stem("b2-nivå") == "b2-nivå"
