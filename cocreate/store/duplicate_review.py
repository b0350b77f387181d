"""The review of near-duplicate suggestions one idea at a time: "not a duplicate" marks (an
idea taken out of the suggestions, by whom and when, undoable, kept when undone), each mark
and each undo written with one line of the workshop's triage history."""

from __future__ import annotations

from typing import Any

from cocreate.store.connection import StoreConnection, StoreError, now_iso

# the actions the marks write in triage_history
MARK_ACTION = "not_duplicate"
UNDO_ACTION = "not_duplicate_undone"


class DuplicateReviewMixin(StoreConnection):
    """The "not a duplicate" marks of :class:`cocreate.store.Store`."""

    def mark_not_duplicate(self, workshop_id: int, idea_id: int, *, by: str, note: str = "") -> int:
        """Take ``idea_id`` out of the near-duplicate suggestions until the mark is undone;
        one history line says who. Returns the mark's id."""
        by = " ".join(by.split())
        if not by:
            raise StoreError("A 'not a duplicate' mark needs who made it.")
        stamp = now_iso()
        with self._write() as conn:
            found = conn.execute("SELECT workshop_id FROM ideas WHERE id = ?", [idea_id]).fetchone()
            if found is None or found[0] != workshop_id:
                raise StoreError(f"No idea n°{idea_id} in workshop {workshop_id}.")
            active = conn.execute(
                "SELECT id FROM duplicate_exclusions WHERE idea_id = ? AND undone_at IS NULL",
                [idea_id],
            ).fetchone()
            if active is not None:
                raise StoreError(f"Idea n°{idea_id} is already marked as not a duplicate.")
            mark_id = conn.execute(
                "INSERT INTO duplicate_exclusions (workshop_id, idea_id, marked_by, marked_at)"
                " VALUES (?, ?, ?, ?)",
                [workshop_id, idea_id, by, stamp],
            ).lastrowid
            self._duplicate_history(conn, workshop_id, idea_id, MARK_ACTION, note, by, stamp)
        return mark_id

    def undo_not_duplicate(self, mark_id: int, *, by: str, note: str = "") -> dict[str, Any]:
        """Put a marked idea back among the suggestions; one history line says who.
        Returns the mark as it was."""
        by = " ".join(by.split())
        if not by:
            raise StoreError("Undoing a 'not a duplicate' mark needs who undoes it.")
        stamp = now_iso()
        with self._write() as conn:
            found = conn.execute(
                "SELECT id, workshop_id, idea_id, marked_by, marked_at FROM duplicate_exclusions"
                " WHERE id = ? AND undone_at IS NULL",
                [mark_id],
            ).fetchone()
            if found is None:
                raise StoreError(f"No 'not a duplicate' mark n°{mark_id} in force.")
            fields = ("id", "workshop_id", "idea_id", "marked_by", "marked_at")
            mark = dict(zip(fields, found, strict=True))
            conn.execute(
                "UPDATE duplicate_exclusions SET undone_by = ?, undone_at = ? WHERE id = ?",
                [by, stamp, mark_id],
            )
            self._duplicate_history(
                conn, mark["workshop_id"], mark["idea_id"], UNDO_ACTION, note, by, stamp
            )
        return mark

    @staticmethod
    def _duplicate_history(conn, workshop_id, idea_id, action, note, by, stamp) -> None:
        conn.execute(
            "INSERT INTO triage_history (workshop_id, idea_id, cluster_id, action, from_status,"
            " to_status, note, staff_id, staff_name, at)"
            " VALUES (?, ?, NULL, ?, NULL, NULL, ?, NULL, ?, ?)",
            [workshop_id, idea_id, action, note, by, stamp],
        )

    def not_duplicate_marks(
        self, workshop_id: int, *, include_undone: bool = False
    ) -> list[dict[str, Any]]:
        """The workshop's marks (those in force unless ``include_undone``), newest first."""
        in_force = "" if include_undone else " AND undone_at IS NULL"
        return list(
            self.db.query(
                "SELECT * FROM duplicate_exclusions WHERE workshop_id = ?"
                + in_force
                + " ORDER BY id DESC",
                [workshop_id],
            )
        )

    def not_duplicate_idea_ids(self, workshop_id: int) -> set[int]:
        """The ideas a mark in force keeps out of the near-duplicate suggestions."""
        return {
            row["idea_id"]
            for row in self.db.query(
                "SELECT idea_id FROM duplicate_exclusions"
                " WHERE workshop_id = ? AND undone_at IS NULL",
                [workshop_id],
            )
        }
