"""Export page through the real app (AppTest): three downloads, redaction on unless turned
off with a warning, the audit log of the workshop's exports, and nothing for a participant.
The files themselves come from cocreate.report.downloads, tested here on the same database."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cocreate.access import Access, join_workshop
from cocreate.export import BundleOptions
from cocreate.i18n import t
from cocreate.ingest import submit_idea
from cocreate.privacy import PrivacyOptions
from cocreate.report.downloads import bundle_download, report_download, table_download
from cocreate.store import Store

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
EXPORT_PAGE = "cocreate/ui/pages/export.py"
PHONE = "07 98 76 54 32"


@pytest.fixture
def workshop(db_path):
    with Store(db_path) as store:
        created = store.create_workshop("Place du marché", challenge="Que faire ?")
        submit_idea(store, created["id"], f"Des bancs sous les platanes, appelez le {PHONE}")
        submit_idea(store, created["id"], "Un marché le dimanche matin", author="Mila")
    return created


def open_page(workshop, lang="fr"):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.session_state["workshop_id"] = workshop["id"]
    at.switch_page(EXPORT_PAGE).run()
    assert not at.exception, at.exception
    return at


def download_labels(at):
    return [button.proto.label for button in at.get("download_button")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_offers_the_three_downloads_with_redaction_on(workshop, lang):
    at = open_page(workshop, lang)
    assert at.title[0].value == t("export_page.header", lang)
    assert download_labels(at) == [
        t("export_page.download_report", lang),
        t("export_page.download_bundle", lang),
        t("export_page.download_table", lang),
    ]
    assert at.toggle(key="export_redact").value is True
    assert at.checkbox(key="export_keep_personal").value is False
    assert not at.warning
    assert at.info[0].value == t("export_page.audit_empty", lang)


def test_turning_redaction_off_warns_and_no_format_disables_the_bundle(workshop):
    at = open_page(workshop, "en")
    at.toggle(key="export_redact").set_value(False).run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [t("export_page.redact_off_warning", "en")]
    assert at.text_input(key="export_keep").disabled
    at.multiselect(key="export_formats").set_value([]).run()
    [bundle] = [b for b in at.get("download_button") if "bundle" in b.proto.label]
    assert bundle.proto.disabled


def test_downloads_apply_the_privacy_chosen_and_fill_the_log_the_page_shows(workshop, db_path):
    with Store(db_path) as store:
        html = report_download(store, workshop["id"], "fr", PrivacyOptions(), "Camille").decode()
        table = table_download(store, workshop["id"], "csv", PrivacyOptions(), "Camille")
        plain = table_download(
            store, workshop["id"], "jsonl", PrivacyOptions(redact=False), "Camille"
        )
        archive = bundle_download(store, workshop["id"], BundleOptions(formats=("csv",)), "Camille")
    assert PHONE not in html and "[PHONE]" in html
    assert PHONE not in table.decode("utf-8-sig") and PHONE in plain.decode()
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        names = bundle.namelist()
        texts = "".join(bundle.read(n).decode("utf-8", "replace") for n in names)
    assert "datapackage.json" in names and PHONE not in texts

    at = open_page(workshop, "en")
    [log] = at.dataframe
    shown = log.value
    assert list(shown[t("export_page.col.action", "en")]) == [
        "bundle",
        "export",
        "export",
        "report",
    ]
    assert set(shown[t("export_page.col.actor", "en")]) == {"Camille"}
    assert list(shown[t("export_page.col.redacted", "en")]) == ["yes", "NO", "yes", "yes"]
    assert t("export_page.download_audit", "en") in download_labels(at)


def test_a_participant_gets_no_export(workshop, db_path, monkeypatch):
    monkeypatch.setenv("COCREATE_ACCESS", "secret")
    access = Access()
    with Store(db_path) as store:
        assert join_workshop(store, access, workshop["join_code"]) is not None
    page = AppTest.from_file(str(ROOT / EXPORT_PAGE), default_timeout=60)
    page.session_state["access"] = access
    page.session_state["workshop_id"] = workshop["id"]
    page.run()
    assert not page.exception, page.exception
    assert [e.value for e in page.error] == [t("live.refused", "fr")]
    assert not page.get("download_button")
