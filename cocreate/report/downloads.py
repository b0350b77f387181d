"""What the Export page hands out, each a file's bytes made when someone asks for it, each
leaving one entry in the audit log (who, what, which privacy options): the report, the
research bundle as a ZIP, and the one-table export."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate.export import BundleOptions, export_bytes, write_bundle
from cocreate.privacy import PrivacyOptions
from cocreate.report import build_report

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "report_download",
    "bundle_download",
    "table_download",
    "download_name",
    "audit_rows",
]


def download_name(workshop: dict[str, Any], what: str, extension: str) -> str:
    """``<slug>-<what>.<extension>``: the file name a download gets."""
    return f"{workshop['slug']}-{what}.{extension}"


def report_download(
    store: Store, workshop_id: int, lang: str, privacy: PrivacyOptions, actor: str | None
) -> bytes:
    """The report's HTML, recorded in the audit log as a download."""
    html = build_report(store, workshop_id, lang, privacy).encode("utf-8")
    store.record_export(
        workshop_id,
        actor=actor,
        action="report",
        target="download",
        details={"lang": lang, "bytes": len(html)},
        privacy=privacy.describe(),
    )
    return html


def bundle_download(
    store: Store, workshop_id: int, options: BundleOptions, actor: str | None
) -> bytes:
    """The bundle as ZIP bytes (written in a private scratch folder, removed at once);
    ``write_bundle`` records it in the audit log."""
    with tempfile.TemporaryDirectory(prefix="cocreate-download-") as scratch:
        target = Path(scratch) / "bundle.zip"
        write_bundle(store, workshop_id, target, replace(options, actor=actor))
        return target.read_bytes()


def table_download(
    store: Store, workshop_id: int, fmt: str, privacy: PrivacyOptions, actor: str | None
) -> bytes:
    """The one-table export (CSV or JSONL), recorded in the audit log as a download."""
    data = export_bytes(store, workshop_id, fmt, privacy)
    store.record_export(
        workshop_id,
        actor=actor,
        action="export",
        target="download",
        details={"format": fmt, "bytes": len(data)},
        privacy=privacy.describe(),
    )
    return data


def audit_rows(store: Store, workshop_id: int) -> list[dict[str, Any]]:
    """The workshop's audit entries as table rows, newest first: when, who, what, and
    whether personal data was redacted."""
    rows = []
    for entry in store.audit_entries(workshop_id):
        privacy = entry.get("privacy") or {}
        details = entry.get("details") or {}
        rows.append(
            {
                "at": entry["at"],
                "actor": entry["actor"],
                "action": entry["action"],
                "target": entry["target"],
                "redacted": privacy.get("redact"),
                "kept": ", ".join(privacy.get("kept_as_written") or []),
                "personal_columns": privacy.get("personal_columns", ""),
                "details": ", ".join(
                    f"{key}={value}"
                    for key, value in sorted(details.items())
                    if not isinstance(value, dict | list)
                ),
            }
        )
    return rows
