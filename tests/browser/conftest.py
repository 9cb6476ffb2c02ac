"""Browser fixtures: the real server (`kb serve`, waitress) and headless Chromium via Playwright."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, SCREENSHOTS, Watched, serve


@pytest.fixture(scope="session")
def server(kb_2025, tmp_path_factory):
    """Start `kb serve` on a free port over the ingested 2025 report; stop it afterwards."""
    yield from serve(kb_2025, tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="session")
def years_server(several_years_kb, tmp_path_factory):
    """`kb serve` over the 2025 report plus the synthetic years 2014, 2016, 2018 and 2019."""
    yield from serve(several_years_kb, tmp_path_factory.mktemp("years-server"))


def pytest_runtest_setup(item):
    """Skip the browser tests where Chromium is missing on a developer's machine; in CI
    (CI set in the environment, as .ci/run does) a missing Chromium is a failure."""
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium finnes ikke på {CHROMIUM}: installer den med «apt-get install chromium»."
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="nb-NO")
    yield context
    context.close()


@pytest.fixture
def watched(context):
    """A desktop page; the test fails if the page logs an error (a blocked script or style)."""
    watched = Watched(context.new_page())
    yield watched
    assert watched.errors == [], watched.errors


@pytest.fixture
def page(watched):
    return watched.page


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
