"""The audit log of :class:`cocreate.store.Store`: one entry per export of a workshop's data
(when, who, what, which privacy options), never edited or deleted by the app."""

from __future__ import annotations

import getpass
import json
from typing import Any

from cocreate.store.connection import StoreConnection, StoreError, now_iso

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
        with self._write() as conn:
            entry_id = conn.execute(
                "INSERT INTO audit_log (workshop_id, workshop_title, action, actor, target,"
                " details, privacy, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    title,
                    action,
                    (actor or "").strip() or default_actor(),
                    str(target),
                    json.dumps(details or {}, ensure_ascii=False, default=str, sort_keys=True),
                    json.dumps(privacy or {}, ensure_ascii=False, default=str, sort_keys=True),
                    now_iso(),
                ],
            ).lastrowid
        return self._audit_rows("WHERE id = ?", [entry_id])[0]

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
