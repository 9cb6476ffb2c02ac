"""Fixtures for the web tests: the app on the ingested 2025 report, and a client.

Import them into a test module with `from web_fixtures import app, client`.
"""
from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import pytest

from web import create_app

SPRAKKRAV = "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."
CITATION = ("Regjeringens nasjonale integreringskonferanse 2025, rapport s. 13, "
            "Bolk 1 Inkluderende arbeidsliv, spørsmål 1")


@pytest.fixture(scope="session")
def app(kb_2025):
    """The app on a data folder where the real 2025 report is ingested (read only)."""
    app = create_app({"KB_DATA_DIR": str(kb_2025.data_dir), "TESTING": True})
    yield app
    app.extensions["kb_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def sprakkrav_id(app):
    """The id of the innspill «Høye og ofte rigide språkkrav», found by searching for it."""
    with app.test_client() as client:
        hits = client.get("/api/search", query_string={"q": "språkkrav"}).get_json()["results"]
    return next(hit["id"] for hit in hits if hit["text"] == SPRAKKRAV)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Element:
    """An element found in a page: its tag, attributes, text and inner HTML."""

    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.parts, self.html = tag, attrs, [], []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}: {self.text[:60]!r}>"


class _Finder(HTMLParser):
    def __init__(self, match):
        super().__init__(convert_charrefs=True)
        self.match, self.open, self.found = match, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for element, _ in self.open:
            if element is not None:
                element.html.append(self.get_starttag_text())
        if self.match(tag, attrs):
            element = Element(tag, attrs)
            self.found.append(element)
            if tag not in VOID:
                self.open.append((element, tag))
        elif tag not in VOID:
            self.open.append((None, tag))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][1] == tag:
                del self.open[index:]
                break
        for element, _ in self.open:
            if element is not None:
                element.html.append(f"</{tag}>")

    def handle_data(self, data):
        for element, _ in self.open:
            if element is not None:
                element.parts.append(data)
                element.html.append(escape(data, quote=False))


def find_all(page: str, tag: str | None = None, cls: str | None = None, **attrs) -> list[Element]:
    """Return the elements of an HTML page with this tag, class and attributes."""
    def match(found_tag, found_attrs):
        classes = (found_attrs.get("class") or "").split()
        return ((tag is None or found_tag == tag) and (cls is None or cls in classes)
                and all(found_attrs.get(name.rstrip("_").replace("_", "-")) == value
                        for name, value in attrs.items()))
    finder = _Finder(match)
    finder.feed(page)
    finder.close()
    return finder.found


def find(page: str, tag: str | None = None, cls: str | None = None, **attrs) -> Element:
    """Return the one element that matches; fail the test if there is none."""
    found = find_all(page, tag, cls, **attrs)
    assert found, f"no <{tag or '*'} class={cls} {attrs}> in the page"
    return found[0]
