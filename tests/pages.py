"""Find elements in HTML pages, for the web tests."""
from __future__ import annotations

from html import escape
from html.parser import HTMLParser

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
