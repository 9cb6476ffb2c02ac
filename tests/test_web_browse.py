"""Browse: the list of conferences and each report's table of contents."""
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from kb.contents import contents, matches
from pages import find, find_all
from report_2025 import INPUTS, INNSPILL


def test_conference_list_links_each_year_with_counts(client):
    for url in ("/konferanser", "/konferanser/"):
        html = client.get(url).get_data(as_text=True)
        entry = find(html, "li", "catalogue__year")
        assert find("".join(entry.html), "a").attrs["href"] == "/konferanser/2025"
        assert f"{INNSPILL} innspill" in entry.text and f"{INPUTS} tekster i alt" in entry.text
        assert "13. mai 2025" in entry.text
    assert find(html, "th", scope="col").text in ("Hovedtema", "Tema")


def test_themes_per_year_count_what_their_links_find(client):
    html = client.get("/konferanser").get_data(as_text=True)
    cells = [a for a in find_all("".join(find(html, "table").html), "a") if "year=" in a.attrs["href"]]
    assert len(cells) >= 3
    for cell in cells:
        args = parse_qs(urlsplit(cell.attrs["href"]).query)
        assert client.get("/api/search", query_string=args).get_json()["total"] == int(cell.text)
    assert sum(int(cell.text) for cell in cells) <= INPUTS


def test_table_of_contents_lists_bolker_questions_and_categories(client):
    html = client.get("/konferanser/2025").get_data(as_text=True)
    assert find(html, "h1").text == "Regjeringens nasjonale integreringskonferanse 2025"
    labels = [find("".join(link.html), "span", "outline__label").text
              for link in find_all(html, "a", "outline__link")]
    for label in ("Bolk 1: Inkluderende arbeidsliv", "Bolk 2: Trygge nabolag",
                  "Spørsmål 1: Hva er hindringer for å kunne skape trygge nabolag?",
                  "Språk og kommunikasjon", "Effektive tiltak", "Traineeprogrammer og praksisplasser",
                  "Siri Klevstrand (Kommunesektorens organisasjon)", "Sammendrag"):
        assert label in labels
    assert labels.index("Bolk 1: Inkluderende arbeidsliv") < labels.index("Bolk 2: Trygge nabolag")


def test_every_count_in_the_table_of_contents_is_what_its_link_finds(client):
    html = client.get("/konferanser/2025").get_data(as_text=True)
    links = find_all(html, "a", "outline__link")
    assert len(links) > 40
    for link in links:
        shown = int(find("".join(link.html), "span", "count").text.split()[0])
        args = parse_qs(urlsplit(link.attrs["href"]).query)
        found = client.get("/api/search", query_string={**args, "per_page": 1}).get_json()
        assert found["total"] == shown, link.text


def test_unknown_year_is_a_404(client):
    response = client.get("/konferanser/1999")
    assert response.status_code == 404
    assert "Basen har ingen rapport fra integreringskonferansen 1999" in response.get_data(as_text=True)
    assert client.get("/konferanser/abc").status_code == 404


def item(**tags):
    defaults = dict(year=2030, kind="innspill", section=None, heading=None, theme=None,
                    session=None, question=None, question_no=None, category=None,
                    subcategory=None, speaker=None, organisation=None)
    return SimpleNamespace(**{**defaults, **tags})


def test_outline_nests_questions_categories_and_subcategories():
    # Synthetic inputs, not from any report: the shape of a bolk with one question.
    inputs = [item(kind="sammendrag", section="Sammendrag"),
              item(kind="innlegg", session="Bolk 1", theme="Tema A", speaker="Kari", organisation="Org"),
              item(session="Bolk 1", theme="Tema A", question="Hva?", question_no=1, category="K1",
                   subcategory="U1"),
              item(session="Bolk 1", theme="Tema A", question="Hva?", question_no=1, category="K2")]
    nodes = contents(inputs)
    assert [n.label for n in nodes] == ["Sammendrag", "Bolk 1: Tema A"]
    assert nodes[0].filters == {"year": ["2030"], "kind": ["sammendrag"]} and nodes[0].count == 1
    bolk = nodes[1]
    assert bolk.count == 3
    assert [c.label for c in bolk.children] == ["Innlegg", "Spørsmål 1: Hva?"]
    assert bolk.children[0].children[0].label == "Kari (Org)"
    question = bolk.children[1]
    assert [(c.label, c.count) for c in question.children] == [("K1", 1), ("K2", 1)]
    assert question.children[0].children[0].filters == {
        "year": ["2030"], "session": ["Bolk 1"], "question": ["Hva?"], "category": ["K1"],
        "subcategory": ["U1"]}
    assert matches(inputs[2], question.filters) and not matches(inputs[1], question.filters)
