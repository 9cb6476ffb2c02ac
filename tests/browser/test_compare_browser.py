"""The compare view in headless Chromium against `kb serve` on several years.

The years other than 2025 are synthetic test reports; they stand in for real ones only here.
"""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from browsing import AXE, DESKTOP, PHONE, shoot_pages

NEW_2025 = "Manglende tilbakemelding etter avslag."
OLD_2018 = "Manglende tilbakemelding etter avslag på jobbsøknader."


def api(server: str, path: str, **args) -> dict:
    url = f"{server}{path}?{urllib.parse.urlencode(args, doseq=True)}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def query_of(url: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)


def test_from_the_search_to_the_comparison_and_to_the_earlier_input(page, years_server):
    page.goto(f"{years_server}/sok?q=tilbakemelding&kind=innspill")
    page.get_by_role("link", name="Sammenlign år").click()
    assert urllib.parse.urlsplit(page.url).path == "/sammenlign"
    assert query_of(page.url) == {"q": ["tilbakemelding"], "kind": ["innspill"]}
    total = api(years_server, "/api/search", q="tilbakemelding", kind="innspill")["total"]
    expect(page.locator("#summary-title")).to_have_text(re.compile(f"^{total} treff for «tilbakemelding»"))
    expect(page.get_by_role("img", name=re.compile("Treff per år"))).to_be_visible()
    expect(page.locator("a.chip")).to_have_text(re.compile("Type: Innspill"))

    column = page.locator("section.column", has=page.locator("#column-2025"))
    entry = column.locator(".entry", has_text=NEW_2025)
    expect(entry.locator(".badge")).to_have_text("Tatt opp før")
    entry.locator(".earlier a").click()
    expect(page.locator(".detail__text")).to_have_text(OLD_2018)
    page.go_back()
    expect(page.locator("#summary-title")).to_be_visible()


def test_choosing_a_theme_for_the_columns_works_without_javascript(browser, years_server):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{years_server}/sammenlign?q=språk")
        expect(page.locator("svg.chart__svg")).to_be_visible()
        page.select_option("#vis", "språk")
        page.get_by_role("button", name="Vis", exact=True).click()
        assert query_of(page.url) == {"q": ["språk"], "vis": ["språk"]}
        expect(page.locator("#columns-title")).to_have_text("Innspillene side om side: Språk")
        page.select_option("#vis", "")
        page.get_by_role("button", name="Vis", exact=True).click()
        assert query_of(page.url) == {"q": ["språk"]}
    finally:
        context.close()


def test_a_matrix_cell_opens_the_search_it_counts(page, years_server):
    page.goto(f"{years_server}/sammenlign?q=språk")
    cell = page.locator("table.matrix tbody tr", has_text="Arbeid og kvalifisering").locator(
        "td a").first
    shown = int(cell.inner_text().split()[0])
    cell.click()
    assert urllib.parse.urlsplit(page.url).path == "/sok"
    expect(page.locator("#results-title")).to_have_text(f"{shown} treff for «språk»")


PAGES = {"compare": "/sammenlign?q=språk", "compare-theme": "/sammenlign?q=språk&vis=språk",
         "compare-empty": "/sammenlign?q=xyzzyq", "compare-error": "/sammenlign?q=%22open",
         "catalogue": "/konferanser"}


def serious_violations(browser, url: str, phone: bool = False) -> list:
    """Scan a page with axe-core; return its serious and critical violations."""
    context = browser.new_context(viewport=PHONE if phone else DESKTOP, is_mobile=phone,
                                  bypass_csp=True)  # lets the test inject axe-core
    try:
        page = context.new_page()
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
        assert result["passes"], "axe ran no rules"
        return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in result["violations"] if v["impact"] in ("serious", "critical")]
    finally:
        context.close()


@pytest.mark.parametrize("name", [*PAGES, "compare-phone"])
def test_no_serious_accessibility_violations(browser, years_server, name):
    path = PAGES[name.removesuffix("-phone")]
    assert serious_violations(browser, years_server + path, name.endswith("-phone")) == []


def test_one_year_comparison_has_no_serious_accessibility_violations(browser, server):
    assert serious_violations(browser, f"{server}/sammenlign?q=språk") == []


SHOTS = {"compare": "/sammenlign?q=språk", "compare-tatt-opp-for": "/sammenlign?q=tilbakemelding",
         "compare-empty": "/sammenlign?q=xyzzyq", "catalogue-years": "/konferanser"}


@pytest.mark.parametrize("size_name, size", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_and_no_sideways_scrolling(browser, years_server, screenshots, size_name,
                                               size):
    shoot_pages(browser, years_server, SHOTS, screenshots, size_name, size)
