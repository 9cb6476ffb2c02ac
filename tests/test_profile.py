"""The layout profile: built from plain data or the sidecar, validated, one clear line."""
import pytest

from indexer.errors import IngestError
from indexer.metadata import read_sidecar
from indexer.profile import Profile


def test_profile_from_a_plain_dict():
    profile = Profile.from_dict({
        "headings": {"Sosial mobilitet": "bolk", "/^Gruppe \\d+$/": "kategori",
                     "Vedlegg": "hopp over", "Fra chatten": "inputs"},
        "body_size": 10.5, "session_label": "Workshop", "organisations": ["parentes"]})
    assert [(rule.text, rule.role) for rule in profile.rules] == [
        ("Sosial mobilitet", "bolk"), ("/^Gruppe \\d+$/", "kategori"), ("Vedlegg", "hopp over"),
        ("Fra chatten", "innspill")]
    assert (profile.body_size, profile.session_label, profile.organisations) == (
        10.5, "Workshop", frozenset({"parentes"}))


def test_exact_rule_ignores_case_numbering_and_a_final_colon():
    rule = Profile.from_dict({"headings": {"Dette sa deltakerne": "innspill"}}).rules[0]
    assert rule.matches("3.2 DETTE SA  deltakerne:")
    assert not rule.matches("Dette sa deltakerne i gruppe 2")


def test_regular_expression_rule_searches_the_heading():
    profile = Profile.from_dict({"headings": {"/^Gruppe \\d+$/": "kategori"}})
    assert profile.rule_for("Gruppe 12").role == "kategori"
    assert profile.rule_for("Gruppe tolv") is None


def test_with_rule_is_tried_first_and_leaves_the_profile_as_it_was():
    profile = Profile.from_dict({"headings": {"Innvandrerhelse": "kategori"}})
    changed = profile.with_rule("Innvandrerhelse", "bolk")
    assert changed.rule_for("Innvandrerhelse").role == "bolk"
    assert profile.rule_for("Innvandrerhelse").role == "kategori"


def test_no_profile_recognises_every_way_of_naming_an_organisation():
    assert Profile().organisations == {"kolon", "parentes", "tankestrek"}
    assert Profile.from_dict({"organisations": []}).organisations == frozenset()


@pytest.mark.parametrize("data, message", [
    ({"headers": {"A": "bolk"}}, "ukjent felt i «profile»: headers"),
    ({"headings": {"/[/": "bolk"}}, "«/\\[/» er ikke et gyldig regulært uttrykk"),
    ({"headings": {"Sosial mobilitet": "sesjonen"}}, "ukjent rolle «sesjonen» for «Sosial mobilitet»"),
    ({"headings": ["Sosial mobilitet"]}, "«headings» må være par"),
    ({"body_size": "stor"}, "«body_size» må være en skriftstørrelse"),
    ({"organisations": ["komma"]}, "«organisations» kan være"),
    ({"session_label": ["Sesjon"]}, "«session_label» må være et ord"),
    ("bolk", "«profile» må være felt"),
])
def test_bad_profile_is_refused_with_one_clear_line(data, message):
    with pytest.raises(IngestError, match=message) as caught:
        Profile.from_dict(data, "rapport.yaml")
    assert str(caught.value).startswith("rapport.yaml: ") and "\n" not in str(caught.value)


def test_sidecar_profile_is_read(tmp_path):
    (tmp_path / "rapport-2023.yaml").write_text(
        "year: 2023\nprofile:\n  headings:\n    Sosial mobilitet: bolk\n"
        "    '/^Gruppe \\d+$/': kategori\n  body_size: 11\n", "utf-8")
    metadata = read_sidecar(tmp_path / "rapport-2023.pdf")
    assert metadata.year == 2023
    assert [rule.role for rule in metadata.profile.rules] == ["bolk", "kategori"]
    assert metadata.profile.body_size == 11.0


def test_sidecar_with_a_bad_regular_expression_names_the_file(tmp_path):
    (tmp_path / "rapport-2023.yaml").write_text("profile:\n  headings:\n    '/(Gruppe/': bolk\n",
                                                "utf-8")
    with pytest.raises(IngestError, match="rapport-2023.yaml: «/\\(Gruppe/» er ikke et gyldig"):
        read_sidecar(tmp_path / "rapport-2023.pdf")


def test_example_profile_in_the_readme_is_valid():
    import re
    import textwrap
    from pathlib import Path

    import yaml
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    block = re.search(r"```yaml\n(\s*year: 2023\n.*?)\s*```", readme, re.DOTALL).group(1)
    profile = Profile.from_dict(yaml.safe_load(textwrap.dedent(block))["profile"], "README")
    assert profile.rule_for("Gruppe 3").role == "kategori"
    assert profile.rule_for("3.1 Sosial mobilitet:").role == "bolk"
    assert (profile.session_label, profile.body_size) == ("Sesjon", 10.5)
