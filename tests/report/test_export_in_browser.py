"""The Export page served for real and driven by Debian's chromium: the report downloads as a
file with the phone number redacted, and the export shows up in the page's log."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cocreate.i18n import t
from cocreate.server import start_local_server
from cocreate.store import Store
from tests.report.conftest import PHONE
from tests.report.test_report_in_browser import browser  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 60_000


@pytest.fixture
def served(staged_report, tmp_path):
    # a copy: the session's staged database stays as the other tests read it
    db_path = tmp_path / "served.db"
    shutil.copy(staged_report.path, db_path)
    log = (tmp_path / "streamlit.log").open("w")
    process, url = start_local_server(db_path, log, app=ROOT / "serve_app.py")
    yield url, db_path
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_the_report_downloads_redacted_and_is_logged(served, browser, output_dir):  # noqa: F811
    url, db_path = served
    page = browser.new_page(viewport={"width": 1400, "height": 1500}, accept_downloads=True)
    page.goto(f"{url}/export?w=demo&lang=en")
    button = page.get_by_role("button", name=t("export_page.download_report", "en"))
    expect(button).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("export_page.redact_off_warning", "en"))).to_have_count(0)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        button.click()
    saved = download.value.path()
    html = Path(saved).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "demo-report-en.html"
    assert html.startswith("<!DOCTYPE html>") and PHONE not in html
    with Store(db_path) as store:
        [entry] = [e for e in store.audit_entries() if e["target"] == "download"]
    assert entry["action"] == "report" and entry["privacy"]["redact"] is True
    page.get_by_role("button", name=t("export_page.refresh", "en")).click()
    expect(page.get_by_text(t("export_page.audit_empty", "en"))).to_have_count(0)
    page.screenshot(path=output_dir / "export-page.png", full_page=True)
    page.close()
