"""The editors' area in headless Chromium against the real server (`kb serve`): sign in, upload
a report in an unseen layout, change a heading's role, publish and find it; correct a theme and
see it in facets and export; read the report again and keep the correction; undo it from the
log. Then axe-core and screenshots at desktop and phone width. The tests run in order."""
from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from browsing import AXE, DESKTOP, PHONE, ROOT, Watched, serve
from editing import EDITOR, PASSWORD, editable_base

KAFEBORD = ROOT / "tests" / "fixtures" / "editors" / "2017-syntetisk-kafebord.txt"
REPORT_2025 = ROOT / "corpus" / "2025-integreringskonferansen.txt"
CHAT = "Flere kommuner bør dele kvalifiserte kafétolker."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`kb serve` over a base of its own: the 2025 report and one editor."""
    config = editable_base(tmp_path_factory.mktemp("editors"), REPORT_2025)
    yield from serve(config, tmp_path_factory.mktemp("editors-server"))


@pytest.fixture(scope="module")
def signed_in(browser, site):
    """The cookies of a signed-in editor, to open new pages and contexts with."""
    context = browser.new_context(viewport=DESKTOP, locale="nb-NO")
    page = context.new_page()
    page.goto(f"{site}/redaksjon")
    expect(page).to_have_url(re.compile(r"/logg-inn\?neste=/redaksjon$"))
    page.fill("#brukernavn", EDITOR)
    page.fill("#passord", PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(f"{site}/redaksjon")
    expect(page.locator(".flash")).to_have_text(f"Du er logget inn som {EDITOR}.")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def editor_page(browser, signed_in):
    context = browser.new_context(viewport=DESKTOP, locale="nb-NO", accept_downloads=True,
                                  storage_state=signed_in)
    watched = Watched(context.new_page())
    yield watched.page
    assert watched.errors == [], watched.errors
    context.close()


def role_of(page, heading: str):
    row = page.locator("table.headings tr", has=page.locator("th", has_text=heading))
    return row.locator("select")


def upload(page, site: str, year: str = "2017") -> None:
    page.goto(f"{site}/redaksjon")
    page.get_by_role("link", name="Last opp rapport").first.click()
    page.set_input_files("#rapport", str(KAFEBORD))
    page.fill("#year", year)
    page.get_by_role("button", name="Last opp og les rapporten").click()
    expect(page.locator("h1")).to_have_text("Sjekk rapporten før du publiserer")


def test_sign_in_upload_change_a_role_publish_and_find_it(editor_page, site):
    page = editor_page
    upload(page, site)
    expect(role_of(page, "Fra chatten")).to_have_value("annet")
    expect(page.locator(".facts")).to_contain_text("2017-syntetisk-kafebord.txt")
    role_of(page, "Fra chatten").select_option("bolk")
    page.get_by_role("button", name="Les rapporten på nytt med disse rollene").click()
    expect(page.locator(".flash")).to_contain_text("lest på nytt med 1 endret rolle")
    expect(role_of(page, "Fra chatten")).to_have_value("bolk")
    expect(page.locator("table.headings tr", has_text="Fra chatten")).to_contain_text("profil")
    page.get_by_role("button", name="Publiser rapporten").click()
    expect(page).to_have_url(f"{site}/konferanser/2017")
    expect(page.locator(".flash")).to_contain_text("Rapporten fra 2017 er publisert med 13 tekster")

    page.goto(f"{site}/sok?q=kafétolker")
    hit = page.locator(".hit").first
    expect(hit.locator(".hit__text")).to_have_text(re.compile("kafétolker"))
    expect(hit.locator(".tag")).to_have_text("Innspill")
    expect(hit).to_contain_text("Bolk 3")


def tag_row(page, label: str):
    """Return the row of a tag in the input page's list «Merket med»."""
    return page.locator(".tags__row", has=page.locator("dt", has_text=re.compile(f"^{label}$")))


def input_page(page, site: str) -> str:
    page.goto(f"{site}/sok?q=kafétolker")
    page.locator(".hit__text a").first.click()
    expect(page.locator("h1")).to_have_text(CHAT)
    return page.url


def test_correct_a_theme_and_see_it_in_facets_and_export(editor_page, site):
    page = editor_page
    input_page(page, site)
    page.fill("#rett-canonical", "helse")
    page.get_by_role("button", name="Lagre merkene").click()
    expect(page.locator(".flash")).to_contain_text("Lagret: tema.")
    expect(tag_row(page, "Tema")).to_contain_text("Helse")
    expect(tag_row(page, "Tema").locator(".by-hand")).to_have_text(
        re.compile(r"Rettet for hånd \d\d\.\d\d\.\d{4}"))

    page.goto(f"{site}/sok?q=kafétolker")
    expect(page.locator("#facet-canonical")).to_contain_text("Helse")
    with page.expect_download() as info:
        page.locator(".toolbar__export a", has_text="CSV").click()
    rows = list(csv.reader(io.StringIO(info.value.path().read_bytes().decode("utf-8-sig"),
                                       newline=""), delimiter=";"))
    [row] = [r for r in rows[1:] if r[rows[0].index("Tekst")] == CHAT]
    assert row[rows[0].index("Tema")] == "helse"


def test_read_the_report_again_and_the_correction_stays(editor_page, site):
    page = editor_page
    upload(page, site)
    expect(role_of(page, "Fra chatten")).to_have_value("bolk")   # the roles it was published with
    page.get_by_label("Erstatt rapporten fra 2017").check()
    page.get_by_role("button", name="Publiser rapporten").click()
    expect(page.locator(".flash")).to_contain_text("erstattet den som lå inne")
    input_page(page, site)
    expect(tag_row(page, "Tema")).to_contain_text("Helse")
    expect(tag_row(page, "Tema").locator(".by-hand")).to_be_visible()


def test_undo_the_correction_from_the_log(editor_page, site):
    page = editor_page
    page.goto(f"{site}/redaksjon/logg")
    row = page.locator("tr", has_text="Rettet merke: tema")
    expect(row).to_contain_text("helse")
    row.get_by_role("button", name=re.compile("^Angre")).click()
    expect(page.locator(".flash")).to_contain_text("Endringen er angret")
    expect(page.locator("tr", has_text="Rettet merke: tema")).to_contain_text("Angret")
    input_page(page, site)
    expect(page.locator(".by-hand")).to_have_count(0)
    page.goto(f"{site}/sok?q=kafétolker")
    expect(page.locator("#facet-canonical", has_text="Helse")).to_have_count(0)


PAGES = {"sign-in": "/logg-inn", "overview": "/redaksjon", "upload": "/redaksjon/last-opp",
         "log": "/redaksjon/logg", "corrections": "/redaksjon/rettinger"}


def editors_pages(page, site: str) -> dict[str, str]:
    """Return the editors' pages to check, a preview and a corrected input page among them."""
    upload(page, site)
    preview = page.url.removeprefix(site)
    url = input_page(page, site).removeprefix(site)
    page.fill("#rett-organisation", "Testforeningen <b>for</b> tolker")
    page.get_by_role("button", name="Lagre merkene").click()
    expect(page.locator(".flash")).to_contain_text("Lagret")
    return dict(PAGES, preview=preview, input=url)


def test_the_editors_pages_pass_axe_and_look_right_on_desktop_and_phone(browser, site, signed_in,
                                                                        editor_page, screenshots):
    shots = editors_pages(editor_page, site)
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        # bypass_csp lets the test inject axe-core; the app itself never allows inline script.
        context = browser.new_context(viewport=size, is_mobile=size is PHONE, bypass_csp=True,
                                      storage_state=signed_in)
        try:
            watched = Watched(context.new_page())
            page = watched.page
            for name, path in shots.items():
                page.goto(site + path)
                page.add_script_tag(path=str(AXE))
                result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
                serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                           for v in result["violations"] if v["impact"] in ("serious", "critical")]
                assert serious == [], (name, size_name, serious)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= size["width"], f"{name} is {width}px wide at {size['width']}px"
                page.screenshot(path=str(screenshots / f"editors-{name}-{size_name}.png"),
                                full_page=True)
            assert watched.errors == []
        finally:
            context.close()


def test_the_forms_work_without_javascript(browser, site, signed_in):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False,
                                  storage_state=signed_in)
    try:
        page = context.new_page()
        input_page(page, site)
        page.fill("#rett-speaker", "Kari Uten Skript")
        page.get_by_role("button", name="Lagre merkene").click()
        expect(tag_row(page, "Taler")).to_contain_text("Kari Uten Skript")
    finally:
        context.close()
