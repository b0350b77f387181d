"""What the triage pages read besides the listing: the choices their filters offer
(departments, sources, languages, clusters with their size) and the workshops a public
follow-up can show. Reads only; the triage writes live in :mod:`cocreate.store.triage`."""

from __future__ import annotations

from typing import Any

from cocreate.store.connection import StoreConnection


class TriageViewsMixin(StoreConnection):
    def triage_choices(self, workshop_id: int) -> dict[str, list[Any]]:
        """The values the triage filters offer: ``departments``, ``sources``, ``languages``,
        ``categories`` (the imported categories; each sorted, empty values left out),
        ``clusters`` (the groups: id, label, size; largest first) and ``themes`` (the top-level
        themes over them: id, label, size = their groups' ideas; largest first)."""

        # sources, languages and themes in one pass over the triage index (it holds the
        # three columns), not a read of every idea row per column
        triples = self.db.execute(
            "SELECT DISTINCT source, language, category FROM ideas INDEXED BY ideas_triage"
            " WHERE workshop_id = ?",
            [workshop_id],
        ).fetchall()

        def present(values: Any) -> list[Any]:
            return sorted({v for v in values if v is not None and v != ""})

        return {
            "departments": [
                row[0]
                for row in self.db.execute(
                    "SELECT DISTINCT department FROM triage_assignees"
                    " WHERE workshop_id = ? AND department IS NOT NULL ORDER BY 1",
                    [workshop_id],
                )
            ],
            "sources": present(source for source, _, _ in triples),
            "languages": present(language for _, language, _ in triples),
            "categories": present(category for _, _, category in triples),
            "clusters": list(
                self.db.query(
                    "SELECT c.id, c.label, (SELECT count(*) FROM assignments a"
                    " WHERE a.cluster_id = c.id) AS size FROM clusters c"
                    " WHERE c.workshop_id = ? AND c.retired_at IS NULL AND c.level = 0"
                    " ORDER BY size DESC, c.id",
                    [workshop_id],
                )
            ),
            "themes": list(
                self.db.query(
                    "SELECT t.id, t.label, (SELECT count(*) FROM assignments a"
                    " JOIN clusters g ON g.id = a.cluster_id WHERE g.parent_id = t.id) AS size"
                    " FROM clusters t WHERE t.workshop_id = ? AND t.retired_at IS NULL"
                    " AND t.level = 1 ORDER BY size DESC, t.id",
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
