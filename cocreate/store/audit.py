"""The audit log of :class:`cocreate.store.Store`: one entry per export of a workshop's data
(when, who, what, which privacy options), never edited or deleted by the app."""

from __future__ import annotations

import contextlib
import getpass
import json
from pathlib import Path
from typing import Any

import platformdirs

from cocreate.store.connection import StoreConnection, StoreError, now_iso
from cocreate.store.faults import DatabaseFault

# who exported when the caller does not say: the account running the process
UNKNOWN_ACTOR = "unknown"


def default_actor() -> str:
    """The operating-system account at the machine (the CLI's "who")."""
    try:
        return getpass.getuser() or UNKNOWN_ACTOR
    except (KeyError, OSError):
        return UNKNOWN_ACTOR


class AuditMixin(StoreConnection):
    """The audit log (table ``audit_log``, migration ``m011_audit_log``)."""

    def record_export(
        self,
        workshop_id: int | None,
        *,
        actor: str | None,
        action: str = "export",
        target: str = "",
        details: dict[str, Any] | None = None,
        privacy: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Write one entry: ``action`` (``export``, ``bundle``, ``report``...), the file or
        download ``target``, ``details`` (formats, files, counts) and the ``privacy`` options
        applied (``PrivacyOptions.describe()``, never a salt). Returns the entry."""
        title = ""
        if workshop_id is not None:
            title = self.get_workshop(workshop_id)["title"]
        if not action.strip():
            raise StoreError("An audit entry needs an action.")
        entry = {
            "workshop_id": workshop_id,
            "workshop_title": title,
            "action": action,
            "actor": (actor or "").strip() or default_actor(),
            "target": str(target),
            "details": json.dumps(details or {}, ensure_ascii=False, default=str, sort_keys=True),
            "privacy": json.dumps(privacy or {}, ensure_ascii=False, default=str, sort_keys=True),
            "at": now_iso(),
        }
        try:
            with self._write() as conn:
                entry_id = conn.execute(
                    "INSERT INTO audit_log (workshop_id, workshop_title, action, actor, target,"
                    " details, privacy, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    list(entry.values()),
                ).lastrowid
        except DatabaseFault:
            # a read-only, full or newer database still exports (issue 22): the entry
            # goes to a file in the user's data folder instead of being lost
            return self._record_outside(entry)
        return self._audit_rows("WHERE id = ?", [entry_id])[0]

    def _record_outside(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Append ``entry`` to ``audit-unrecorded.jsonl`` in the user's data folder (kept
        when the disk is full too: then the entry is returned only)."""
        row = {**entry, "id": None, "database": str(self.path)}
        row["details"] = json.loads(entry["details"])
        row["privacy"] = json.loads(entry["privacy"])
        side_file = Path(platformdirs.user_data_dir("cocreate")) / "audit-unrecorded.jsonl"
        with contextlib.suppress(OSError):
            side_file.parent.mkdir(parents=True, exist_ok=True)
            with side_file.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            row["recorded_in"] = str(side_file)
        return row

    def audit_entries(self, workshop_id: int | None = None) -> list[dict[str, Any]]:
        """Entries newest first: a workshop's, or all of them."""
        if workshop_id is None:
            return self._audit_rows("", [])
        return self._audit_rows("WHERE workshop_id = ?", [workshop_id])

    def _audit_rows(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        rows = list(self.db.query(f"SELECT * FROM audit_log {where} ORDER BY id DESC", params))
        for row in rows:
            row["details"] = json.loads(row["details"])
            row["privacy"] = json.loads(row["privacy"])
        return rows
