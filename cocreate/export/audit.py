"""The audit log out of the app: one row per export, as CSV (spreadsheet-safe) or JSONL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cocreate.export.table import format_for_path
from cocreate.spreadsheet import neutralise_formula

__all__ = ["AUDIT_COLUMNS", "audit_bytes", "write_audit_log"]

AUDIT_COLUMNS = ("id", "at", "actor", "action", "workshop_id", "workshop_title", "target")


def audit_bytes(entries: Iterable[dict[str, Any]], fmt: str = "csv") -> bytes:
    """Entries of ``Store.audit_entries`` as CSV (details and privacy as JSON columns, UTF-8
    with a BOM for Excel) or JSONL."""
    entries = list(entries)
    if fmt == "jsonl":
        lines = (json.dumps(e, ensure_ascii=False, default=str) for e in entries)
        return "".join(line + "\n" for line in lines).encode("utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*AUDIT_COLUMNS, "details", "privacy"])
    for entry in entries:
        cells = [entry[c] for c in AUDIT_COLUMNS]
        cells += [
            json.dumps(entry[c], ensure_ascii=False, sort_keys=True) for c in ("details", "privacy")
        ]
        writer.writerow([neutralise_formula(cell) for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_audit_log(entries: Iterable[dict[str, Any]], path: Path) -> int:
    """Write the entries to ``path`` (.csv or .jsonl); returns how many."""
    entries = list(entries)
    path.write_bytes(audit_bytes(entries, format_for_path(path)))
    return len(entries)
