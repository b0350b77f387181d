"""Scoring rounds and raters: rubrics copied into workshops, rounds with their own copy of
the rubric and a shortlist of targets, raters (anonymous participants or named staff), their
scores ("don't know" is NULL, never zero), and the citizen votes of each target."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable
from typing import Any

from cocreate.store.connection import StoreConnection, StoreError, now_iso


class RoundsMixin(StoreConnection):
    """Scoring: rubrics copied into workshops, rounds, raters, scores, of
    :class:`cocreate.store.Store` (``get_workshop`` comes from the workshops mixin beside it)."""

    def add_workshop_rubric(
        self,
        workshop_id: int,
        *,
        rubric_id: str,
        version: int,
        definition: dict[str, Any],
        edited: bool = False,
    ) -> dict[str, Any]:
        """Store a snapshot of a rubric for a workshop; the newest one is the workshop's."""
        self.get_workshop(workshop_id)
        with self._write() as conn:
            row_id = conn.execute(
                "INSERT INTO workshop_rubrics (workshop_id, rubric_id, version, edited,"
                " definition, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    rubric_id,
                    version,
                    int(edited),
                    json.dumps(definition, ensure_ascii=False),
                    now_iso(),
                ],
            ).lastrowid
        return self.get_workshop_rubric(row_id)

    @staticmethod
    def _decode_rubric_row(row: dict[str, Any]) -> dict[str, Any]:
        row["definition"] = json.loads(row["definition"])
        row["edited"] = bool(row["edited"])
        return row

    def get_workshop_rubric(self, workshop_rubric_id: int) -> dict[str, Any]:
        rows = list(
            self.db.query("SELECT * FROM workshop_rubrics WHERE id = ?", [workshop_rubric_id])
        )
        if not rows:
            raise StoreError(f"No workshop rubric with id {workshop_rubric_id}.")
        return self._decode_rubric_row(rows[0])

    def workshop_rubrics(self, workshop_id: int) -> list[dict[str, Any]]:
        """Rubric snapshots of a workshop, newest first."""
        return [
            self._decode_rubric_row(row)
            for row in self.db.query(
                "SELECT * FROM workshop_rubrics WHERE workshop_id = ? ORDER BY id DESC",
                [workshop_id],
            )
        ]

    def create_round(
        self,
        workshop_id: int,
        *,
        workshop_rubric_id: int,
        targets: Iterable[tuple[str, int]] = (),
        title: str = "",
        blind: bool = True,
    ) -> dict[str, Any]:
        """Open a scoring round on ``targets`` (``("cluster", id)`` or ``("idea", id)``) with
        a copy of the workshop rubric ``workshop_rubric_id``."""
        rubric = self.get_workshop_rubric(workshop_rubric_id)
        if rubric["workshop_id"] != workshop_id:
            raise StoreError(
                f"Rubric {workshop_rubric_id} belongs to another workshop than {workshop_id}."
            )
        with self._write() as conn:
            round_id = conn.execute(
                "INSERT INTO score_rounds (workshop_id, workshop_rubric_id, rubric_id,"
                " rubric_version, rubric, title, blind, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    workshop_rubric_id,
                    rubric["rubric_id"],
                    rubric["version"],
                    json.dumps(rubric["definition"], ensure_ascii=False),
                    title,
                    int(blind),
                    now_iso(),
                ],
            ).lastrowid
            self._insert_round_targets(conn, round_id, workshop_id, targets)
        return self.get_round(round_id)

    @staticmethod
    def _insert_round_targets(
        conn: sqlite3.Connection, round_id: int, workshop_id: int, targets: Iterable
    ) -> None:
        position = conn.execute(
            "SELECT coalesce(max(position), 0) FROM round_targets WHERE round_id = ?", [round_id]
        ).fetchone()[0]
        for kind, ref in targets:
            if kind == "cluster":
                row = conn.execute(
                    "SELECT workshop_id FROM clusters WHERE id = ? AND retired_at IS NULL", [ref]
                ).fetchone()
            elif kind == "idea":
                row = conn.execute("SELECT workshop_id FROM ideas WHERE id = ?", [ref]).fetchone()
            else:
                raise StoreError(f"A round target is a cluster or an idea, not {kind!r}.")
            if row is None or row[0] != workshop_id:
                raise StoreError(f"No current {kind} {ref} in workshop {workshop_id}.")
            exists = conn.execute(
                f"SELECT 1 FROM round_targets WHERE round_id = ? AND {kind}_id = ?",
                [round_id, ref],
            ).fetchone()
            if exists:
                continue
            position += 1
            conn.execute(
                f"INSERT INTO round_targets (round_id, kind, {kind}_id, position)"
                " VALUES (?, ?, ?, ?)",
                [round_id, kind, ref, position],
            )

    def add_round_targets(self, round_id: int, targets: Iterable[tuple[str, int]]) -> None:
        """Add clusters or ideas to the shortlist of an open round (already listed: skipped)."""
        with self._write() as conn:
            scoring_round = self._open_round_row(conn, round_id)
            self._insert_round_targets(conn, round_id, scoring_round["workshop_id"], targets)

    @staticmethod
    def _open_round_row(conn: sqlite3.Connection, round_id: int) -> dict[str, Any]:
        row = conn.execute(
            "SELECT id, workshop_id, title, status FROM score_rounds WHERE id = ?", [round_id]
        ).fetchone()
        if row is None:
            raise StoreError(f"No scoring round with id {round_id}.")
        if row[3] != "open":
            name = f" “{row[2]}”" if row[2] else ""
            raise StoreError(f"Scoring round {round_id}{name} is closed: it can no longer change.")
        return {"id": row[0], "workshop_id": row[1], "title": row[2]}

    @staticmethod
    def _decode_round_row(row: dict[str, Any]) -> dict[str, Any]:
        row["rubric"] = json.loads(row["rubric"])
        for flag in ("blind", "revealed"):
            row[flag] = bool(row[flag])
        return row

    def get_round(self, round_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM score_rounds WHERE id = ?", [round_id]))
        if not rows:
            raise StoreError(f"No scoring round with id {round_id}.")
        return self._decode_round_row(rows[0])

    def list_rounds(self, workshop_id: int) -> list[dict[str, Any]]:
        """Scoring rounds of a workshop, newest first."""
        return [
            self._decode_round_row(row)
            for row in self.db.query(
                "SELECT * FROM score_rounds WHERE workshop_id = ? ORDER BY id DESC", [workshop_id]
            )
        ]

    def open_round_id(self, workshop_id: int) -> int | None:
        """The newest open scoring round of a workshop, or ``None``: what phones poll."""
        row = self.db.execute(
            "SELECT max(id) FROM score_rounds WHERE workshop_id = ? AND status = 'open'",
            [workshop_id],
        ).fetchone()
        return row[0]

    def round_targets(self, round_id: int) -> list[dict[str, Any]]:
        """The shortlist of a round in its order, with the cluster label or idea title/text."""
        return list(
            self.db.query(
                "SELECT t.*, CASE t.kind WHEN 'cluster' THEN c.label"
                " ELSE coalesce(i.title, i.text) END AS label"
                " FROM round_targets t LEFT JOIN clusters c ON c.id = t.cluster_id"
                " LEFT JOIN ideas i ON i.id = t.idea_id"
                " WHERE t.round_id = ? ORDER BY t.position",
                [round_id],
            )
        )

    def close_round(self, round_id: int) -> dict[str, Any]:
        """Close a round: its scores are final. Closing a closed round changes nothing."""
        self.get_round(round_id)
        with self._write() as conn:
            conn.execute(
                "UPDATE score_rounds SET status = 'closed', closed_at = ?"
                " WHERE id = ? AND status = 'open'",
                [now_iso(), round_id],
            )
        return self.get_round(round_id)

    def reveal_round(self, round_id: int) -> dict[str, Any]:
        """Show a blind round's scores; it closes the round, since a seen score must not move."""
        self.close_round(round_id)
        with self._write() as conn:
            conn.execute(
                "UPDATE score_rounds SET revealed = 1, revealed_at = ?"
                " WHERE id = ? AND revealed = 0",
                [now_iso(), round_id],
            )
        return self.get_round(round_id)

    def add_rater(self, workshop_id: int, *, staff_name: str | None = None) -> dict[str, Any]:
        """A new rater with a random token: an anonymous participant, or a staff member
        known by ``staff_name``."""
        self.get_workshop(workshop_id)
        name = staff_name.strip() if staff_name is not None else None
        if staff_name is not None and not name:
            raise StoreError("A staff rater needs a name.")
        with self._write() as conn:
            rater_id = conn.execute(
                "INSERT INTO raters (workshop_id, token, kind, name, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    secrets.token_urlsafe(16),
                    "staff" if name else "participant",
                    name,
                    now_iso(),
                ],
            ).lastrowid
        return self.get_rater(rater_id)

    def get_rater(self, ref: int | str) -> dict[str, Any]:
        """A rater by id or token."""
        column = "id" if isinstance(ref, int) else "token"
        rows = list(self.db.query(f"SELECT * FROM raters WHERE {column} = ?", [ref]))
        if not rows:
            raise StoreError("No such rater.")
        return rows[0]

    def put_score(
        self,
        round_id: int,
        target_id: int,
        rater_id: int,
        criterion: str,
        value: float | None,
    ) -> None:
        """Record or change one answer; ``value=None`` records "don't know". Refused once
        the round is closed."""
        with self._write() as conn:
            scoring_round = self._open_round_row(conn, round_id)
            if not conn.execute(
                "SELECT 1 FROM round_targets WHERE id = ? AND round_id = ?", [target_id, round_id]
            ).fetchone():
                raise StoreError(f"Target {target_id} is not on the shortlist of round {round_id}.")
            rater = conn.execute(
                "SELECT workshop_id FROM raters WHERE id = ?", [rater_id]
            ).fetchone()
            if rater is None or rater[0] != scoring_round["workshop_id"]:
                raise StoreError(f"Rater {rater_id} does not take part in this workshop.")
            conn.execute(
                "INSERT INTO scores (round_id, target_id, rater_id, criterion, value, dont_know,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (round_id, target_id, rater_id, criterion) DO UPDATE SET"
                " value = excluded.value, dont_know = excluded.dont_know,"
                " updated_at = excluded.updated_at",
                [
                    round_id,
                    target_id,
                    rater_id,
                    criterion,
                    None if value is None else float(value),
                    int(value is None),
                    now_iso(),
                ],
            )

    def round_scores(self, round_id: int, *, rater_id: int | None = None) -> list[dict[str, Any]]:
        """Every answer of a round (or of one rater), unfiltered: apply the blind rule
        (``cocreate.scoring.visible_scores``) before showing them."""
        sql = "SELECT * FROM scores WHERE round_id = ?"
        params: list[Any] = [round_id]
        if rater_id is not None:
            sql += " AND rater_id = ?"
            params.append(rater_id)
        return list(self.db.query(sql + " ORDER BY id", params))

    def round_target_votes(self, round_id: int) -> list[dict[str, Any]]:
        """Imported citizen votes (``ideas.votes``) of each target's ideas: the idea itself,
        or every idea assigned to the cluster (a theme: to its groups)."""
        return list(
            self.db.query(
                "SELECT t.id AS target_id, i.id AS idea_id, i.votes FROM round_targets t"
                " JOIN ideas i ON i.id = t.idea_id WHERE t.round_id = ?"
                " UNION ALL"
                " SELECT t.id, i.id, i.votes FROM round_targets t"
                " JOIN clusters g ON g.id = t.cluster_id OR g.parent_id = t.cluster_id"
                " JOIN assignments a ON a.cluster_id = g.id"
                " JOIN ideas i ON i.id = a.idea_id WHERE t.round_id = ?"
                " ORDER BY 1, 2",
                [round_id, round_id],
            )
        )
