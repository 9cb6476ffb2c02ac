"""The app in headless Chromium against the real server: flows, keyboard, export, a11y, looks."""
from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from browsing import AXE, DESKTOP, PHONE, Watched, shoot_pages
from report_2025 import CITATION, SPRAKKRAV



def api(server: str, path: str, **args) -> dict:
    url = f"{server}{path}?{urllib.parse.urlencode(args, doseq=True)}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="session")
def sprakkrav_path(server) -> str:
    hits = api(server, "/api/search", q="språkkrav")["results"]
    return next(hit["url"] for hit in hits if hit["text"] == SPRAKKRAV)


def query_of(url: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)


def test_search_pick_a_filter_open_an_input_and_go_back(page, server):
    page.goto(f"{server}/sok?q=frivillige")
    total = api(server, "/api/search", q="frivillige")["total"]
    expect(page.locator("#results-title")).to_have_text(f"{total} treff for «frivillige»")
    with page.expect_navigation():
        page.locator("#facet-kind label", has_text="Innspill").click()  # a mouse click applies it
    assert query_of(page.url) == {"q": ["frivillige"], "kind": ["innspill"]}
    narrowed = api(server, "/api/search", q="frivillige", kind="innspill")["total"]
    expect(page.locator("#results-title")).to_have_text(f"{narrowed} treff for «frivillige»")
    expect(page.locator("a.chip")).to_have_text(re.compile("Type: Innspill"))
    expect(page.locator(".hit .tag")).to_have_text(["Innspill"] * min(narrowed, 20))

    first = page.locator(".hit__text a").first
    text = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(text.split()[0])))
    expect(page.locator(".detail__text")).to_have_text(text.replace("…", "").strip()
                                                       if "…" not in text else re.compile("."))
    page.go_back()
    assert query_of(page.url) == {"q": ["frivillige"], "kind": ["innspill"]}
    expect(page.locator("#facet-kind input[value=innspill]")).to_be_checked()
    expect(page.locator("#results-title")).to_have_text(f"{narrowed} treff for «frivillige»")


def test_removing_a_chip_widens_the_search_again(page, server):
    page.goto(f"{server}/sok?q=frivillige&kind=innspill&session=Bolk+2")
    page.locator("a.chip", has_text="Bolk 2").click()
    assert query_of(page.url) == {"q": ["frivillige"], "kind": ["innspill"]}


def test_keyboard_only_search(page, server):
    page.goto(f"{server}/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    for _ in range(12):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("språkkrav")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert query_of(page.url) == {"q": ["språkkrav"]}
    expect(page.locator(".hit__text").first).to_have_text(SPRAKKRAV)
    # Space on a filter with the keyboard does not reload; the button applies it.
    page.locator("#facet-kind input[value=innspill]").focus()
    page.keyboard.press("Space")
    assert query_of(page.url) == {"q": ["språkkrav"]}
    page.locator(".facets__actions button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert query_of(page.url) == {"q": ["språkkrav"], "kind": ["innspill"]}


def test_slash_jumps_to_the_search_box(page, server):
    page.goto(f"{server}/konferanser/2025")
    assert page.locator("#q").count() == 0
    page.goto(f"{server}/sok?q=nabolag")
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()


def test_csv_export_downloads_every_hit(page, server):
    page.goto(f"{server}/sok?q=frivillige&sort=year")
    total = api(server, "/api/search", q="frivillige")["total"]
    assert total > 20  # more than one page, so the export must not stop at one
    with page.expect_download() as info:
        page.locator(".toolbar__export a", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename == "innspill-frivillige.csv"
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) - 1 == total
    assert all(row[1].startswith(f"{server}/innspill/") for row in rows[1:])


def test_filters_and_paging_work_without_javascript(browser, server):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}/sok?q=nabolag")
        page.locator("#facet-session label", has_text="Bolk 2").click()
        assert query_of(page.url) == {"q": ["nabolag"]}  # nothing happens until the button
        page.locator(".facets__actions button").click()
        assert query_of(page.url) == {"q": ["nabolag"], "session": ["Bolk 2"]}
        page.select_option("#sort", "year")
        page.locator(".toolbar__sort button").click()
        assert query_of(page.url) == {"q": ["nabolag"], "session": ["Bolk 2"], "sort": ["year"]}
        expect(page.locator(".js-copy").first).to_be_hidden()
    finally:
        context.close()


def test_copy_button_puts_the_citation_on_the_clipboard(browser, server, sprakkrav_path):
    context = browser.new_context(viewport=DESKTOP)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        watched = Watched(context.new_page())
        page = watched.page
        page.goto(server + sprakkrav_path)
        citation = CITATION + server + sprakkrav_path
        expect(page.locator("#citation")).to_have_text(citation)
        page.get_by_role("button", name="Kopier kildehenvisningen").click()
        expect(page.locator(".cite__status")).to_have_text("Kildehenvisningen er kopiert.")
        assert page.evaluate("navigator.clipboard.readText()") == citation
        assert watched.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_the_results_come_first_and_the_filters_open_on_request(
        browser, server, javascript):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(f"{server}/sok?q=frivillige")
        expect(page.locator("#facet-kind")).to_be_hidden()
        first_hit = page.locator(".hit").first.bounding_box()["y"]
        assert first_hit < PHONE["height"], first_hit  # the first hit is on the first screen
        page.locator(".results__filters-link a").click()
        expect(page.locator("#facet-kind")).to_be_visible()
        page.locator("#facet-kind label", has_text="Innspill").click()
        if not javascript:
            page.locator(".facets__actions button").click()
        page.wait_for_url(re.compile("kind=innspill"))
        expect(page.locator("#results-title")).to_be_in_viewport()
    finally:
        context.close()


def test_after_the_filters_are_applied_focus_is_on_the_result_heading(page, server):
    page.goto(f"{server}/sok?q=frivillige")
    page.locator("#facet-kind input[value=innspill]").focus()
    page.keyboard.press("Space")
    page.locator(".facets__actions button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_be_focused()


def test_choose_hits_and_copy_their_citations(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        page = context.new_page()
        page.goto(f"{server}/sok?q=språkkrav")
        page.locator(".hit__choose label").nth(0).click()
        page.locator(".hit__choose label").nth(1).click()
        page.get_by_role("button", name="Vis kildehenvisningene").click()
        expect(page.locator(".citations__text")).to_have_count(2)
        expect(page.locator(".citations__text").first).to_have_text(re.compile(
            r"^Arbeids- og inkluderingsdepartementet \(2025\)\. "))
        page.get_by_role("button", name="Kopier alle kildehenvisningene").click()
        copied = page.evaluate("navigator.clipboard.readText()").splitlines()
        assert copied == page.locator(".citations__text").all_inner_texts()
    finally:
        context.close()


A11Y_PAGES = {"search": "/sok?q=frivillige&kind=innspill", "start": "/",
              "headings": "/sok?q=nabolag", "corrected": "/sok?q=spr%C3%A5krav",
              "browse": "/konferanser/2025", "conferences": "/konferanser", "help": "/hjelp",
              "empty": "/sok?q=xyzzyq", "error": "/sok?q=%22open",
              "not-found": "/innspill/finnes-ikke"}


@pytest.mark.parametrize("name", [*A11Y_PAGES, "input", "search-phone", "input-phone"])
def test_no_serious_accessibility_violations(browser, server, sprakkrav_path, name):
    # bypass_csp lets the test inject axe-core; the app itself never allows inline script.
    phone = name.endswith("-phone")
    name = name.removesuffix("-phone")
    context = browser.new_context(viewport=PHONE if phone else DESKTOP, is_mobile=phone,
                                  bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(server + (sprakkrav_path if name == "input" else A11Y_PAGES[name]))
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
        assert result["passes"], "axe ran no rules"
    finally:
        context.close()


SHOTS = {"search": "/sok?q=frivillige", "nabolag": "/sok?q=nabolag", "input": None, "browse": "/konferanser/2025",
         "conferences": "/konferanser", "help": "/hjelp", "empty": "/sok?q=xyzzyq", "start": "/",
         "filtered": "/sok?q=nabolag&kind=innspill&session=Bolk+2", "error": "/sok?q=%22open"}


@pytest.mark.parametrize("size_name, size", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_and_no_sideways_scrolling(browser, server, sprakkrav_path, screenshots,
                                               size_name, size):
    shots = {name: path or sprakkrav_path for name, path in SHOTS.items()}
    shoot_pages(browser, server, shots, screenshots, size_name, size)
