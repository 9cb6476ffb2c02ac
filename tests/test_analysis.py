"""Norwegian analysis: literal text in, literal tokens out (Whoosh style)."""
import pytest

from kb.analysis import (chained_analyzer, exact_analyzer, fold, norwegian_analyzer, stem,
                         tokens)


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


def stream(analyzer, text, **options):
    return [(t.text, getattr(t, "pos", None), getattr(t, "startchar", None),
             getattr(t, "endchar", None), t.stopped) for t in analyzer(text, **options)]


OPTIONS = [dict(mode="index", positions=True, chars=True), dict(mode="query", positions=True),
           dict(mode="index", positions=True, chars=True, removestops=False),
           dict(mode="query", tokenize=False)]


def test_the_cached_analysis_gives_the_tokens_of_the_chain_of_filters(report_path):
    lines = report_path.read_text("utf-8").splitlines() + ["og i på", "", "B2-nivå og SLT/SaLTo"]
    for line in lines:
        for options in OPTIONS:
            assert stream(exact_analyzer(), line, **options) == stream(
                chained_analyzer(stemmed=False), line, **options), (line, options)
            if not any(joiner in line for joiner in "-/.'’"):
                assert stream(norwegian_analyzer(), line, **options) == stream(
                    chained_analyzer(), line, **options), (line, options)


def test_parts_of_a_joined_word_are_stemmed_from_the_word_as_written():
    # The chain of filters split the already stemmed word (MiRa-Senter → senter → sent).
    assert tokens("MiRa-Senteret", mode="index") == ["mira-senter", "mir", "senter"]


def test_postings_at_index_time_are_those_of_the_fields_analyzers(report_path):
    # SegmentBuilder takes the text fields' postings from analysis.postings, not from Whoosh.
    from kb.analysis import postings
    from kb.index import ANALYSED, schema

    fields = schema()
    lines = report_path.read_text("utf-8").splitlines() + [
        "og i på", "", "B2-nivå og SLT/SaLTo", "krav krav krav og krav", "f.eks. 2025-rapporten",
        "Aasmund, MiRa-Senteret og O'Connor’s l'école", "i B2-nivå-krav", "B2-nivå"]
    for line in lines:
        for name, how in ANALYSED.items():
            assert sorted(postings(line, *how)) == sorted(fields[name].index(line)), (name, line)
    assert postings("krav og krav stiller", True, False)[0][:3] == (b"krav", 2, 2.0)
    assert [term.decode() for term, *_ in postings("B2-nivå krav", True, True)] == [
        "b2-nivå krav", "b2 krav", "nivå krav"]
