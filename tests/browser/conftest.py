"""The real app served by Streamlit on a free port, driven by Debian's chromium."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cocreate.server import CHROMIUM, chromium_launch_options, start_local_server

ROOT = Path(__file__).resolve().parents[2]
EXPECT_TIMEOUT_MS = 30_000


@pytest.fixture
def serve(tmp_path):
    """Start `streamlit run serve_app.py` (the Streamlit pages and the light participant
    pages at /room, as `cocreate serve` does) on a database file; returns a function giving
    the URL.
    ``env`` adds to the server's environment, e.g. ``{"COCREATE_ACCESS": "secret"}`` for a
    server with roles on (the suite runs with ``open``)."""
    processes = []

    def start(db_path: Path, env: dict[str, str] | None = None) -> str:
        log = (tmp_path / f"streamlit-{len(processes)}.log").open("w")
        process, url = start_local_server(db_path, log, env=env, app=ROOT / "serve_app.py")
        processes.append(process)
        return url

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "Debian chromium is missing: `make test` installs it (apt-get install chromium)"
            )
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # a first page load imports pandas and altair: seconds on a busy 2-core CI machine
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**chromium_launch_options())
        yield launched
        launched.close()


def open_expander(page, expander, title: str, field, attempts: int = 3) -> None:
    """Open ``expander`` until ``field`` inside it shows, as a person clicks again on a
    heading that did not open: in CI a click made while the page was still drawing left the
    field hidden for 30 s, twice (the presenter-contrast test, then the live workshop's
    "create a workshop"); it never happened on an idle machine (18 tries, 10 under load)."""
    for attempt in range(attempts):
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
        if not field.is_visible():
            expander.get_by_text(title).click()
        try:
            expect(field).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise
