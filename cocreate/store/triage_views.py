"""What the triage pages read besides the listing: the choices their filters offer
(departments, sources, languages, clusters with their size) and the workshops a public
follow-up can show. Reads only; the triage writes live in :mod:`cocreate.store.triage`."""

from __future__ import annotations

from typing import Any

from cocreate.store.connection import StoreConnection


class TriageViewsMixin(StoreConnection):
    def triage_choices(self, workshop_id: int) -> dict[str, list[Any]]:
        """The values the triage filters offer: ``departments``, ``sources``, ``languages``
        (each sorted, empty values left out) and ``clusters`` (id, label, size; largest
        first)."""

        def distinct(sql: str) -> list[Any]:
            return [row[0] for row in self.db.execute(sql, [workshop_id]).fetchall()]

        return {
            "departments": distinct(
                "SELECT DISTINCT department FROM triage_assignees"
                " WHERE workshop_id = ? AND department IS NOT NULL ORDER BY 1"
            ),
            "sources": distinct(
                "SELECT DISTINCT source FROM ideas WHERE workshop_id = ? AND source IS NOT NULL"
                " AND source <> '' ORDER BY 1"
            ),
            "languages": distinct(
                "SELECT DISTINCT language FROM ideas WHERE workshop_id = ?"
                " AND language IS NOT NULL AND language <> '' ORDER BY 1"
            ),
            "clusters": list(
                self.db.query(
                    "SELECT c.id, c.label, (SELECT count(*) FROM assignments a"
                    " WHERE a.cluster_id = c.id) AS size FROM clusters c"
                    " WHERE c.workshop_id = ? AND c.retired_at IS NULL"
                    " ORDER BY size DESC, c.id",
                    [workshop_id],
                )
            ),
        }

    def workshops_with_decisions(self) -> list[dict[str, Any]]:
        """Workshops with at least one decision (what a public follow-up can show), newest
        first: id, slug, title."""
        return list(
            self.db.query(
                "SELECT w.id, w.slug, w.title FROM workshops w"
                " WHERE EXISTS (SELECT 1 FROM decisions d WHERE d.workshop_id = w.id)"
                " ORDER BY w.id DESC"
            )
        )

    def idea_created_dates(self, workshop_id: int) -> dict[int, str | None]:
        """Each idea's own date (``YYYY-MM-DD``) or None when its row had none: never the
        day it was stored (decision 0042's "not in this data")."""
        return {
            row[0]: (row[1] or "")[:10] or None
            for row in self.db.execute(
                "SELECT id, created FROM ideas WHERE workshop_id = ?", [workshop_id]
            )
        }
