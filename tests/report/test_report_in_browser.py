"""The report in Debian's chromium, opened as a file: it draws, fits the window, prints to
PDF, and asks for nothing over the network (every request is routed and recorded)."""

from __future__ import annotations

import os
import re

import pytest

from cocreate.i18n import t
from cocreate.report import SECTIONS, write_report
from cocreate.server import CHROMIUM, chromium_launch_options
from cocreate.store import Store


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian chromium is missing: `make test` installs it")
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**chromium_launch_options())
        yield launched
        launched.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_opens_draws_and_prints_offline(
    staged_report, browser, tmp_path, output_dir, lang
):
    path = tmp_path / f"report-{lang}.html"
    with Store(staged_report.path) as store:
        write_report(store, staged_report.workshop_id, path, lang)
    requested: list[str] = []

    def record(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.route("**/*", record)
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)

    assert {url for url in requested} == {path.as_uri()}
    for section in SECTIONS:
        heading = page.locator(f"#{section} > h2")
        assert heading.inner_text() == t(f"report.section.{section}", lang)
    drawings = page.locator("figure svg")
    assert drawings.count() == 4
    for index in range(4):
        box = drawings.nth(index).bounding_box()
        assert box["width"] > 300 and box["height"] > 150, box
    # nothing wider than the window: no sideways scrolling on a laptop
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=output_dir / f"report-{lang}.png", full_page=True)

    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # a cover, then themes, scores, stakeholders and decisions each from a new page
    assert pages >= 5
    page.close()
