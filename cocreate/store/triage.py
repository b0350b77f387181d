"""The backlog of a workshop: staff members, the lifecycle snapshot, idea statuses and their
history, decisions (on an idea or a cluster, resolved for each idea at read time), valuations,
assignees, milestones, staff edits of ideas (edit, redact, hide, delete with a tombstone),
saved views, the paginated triage listing and the per-idea facts the indicators read."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from cocreate.store.connection import SQL_CHUNK, StoreConnection, StoreError, now_iso

# the built-in lifecycle's terms, for a workshop that has no snapshot yet (no triage action)
DEFAULT_INITIAL = "received"
DEFAULT_DECIDED = "decided"
DEFAULT_ORDERS = {
    "received": 10,
    "under_review": 20,
    "shortlisted": 30,
    "decided": 40,
    "in_progress": 50,
    "done": 60,
}
# sources of ideas typed in the room (the /room pages, the Participate page)
WORKSHOP_SOURCES = ("participants", "room", "web", "participate", "facilitator", "manual")
PAPER_WORDS = ("paper", "papier", "formulaire")
LIST_SORTS = {
    # ideas without a date of their own come after the dated ones, by when they were added
    "date": "i.created {dir}, i.added_at {dir}, i.id {dir}",
    "added": "i.id {dir}",
    "votes": "i.votes {dir}, i.id {dir}",
    "status": "status_order {dir}, i.id {dir}",
    "cluster": "coalesce(a.cluster_id, 1e18) {dir}, i.id {dir}",
}

# the cluster whose decision reaches an idea: its primary's cluster when it is merged into
# another idea as a near-duplicate, else its own
DECISION_CLUSTER = (
    "coalesce((SELECT pa.cluster_id FROM idea_merges m JOIN assignments pa"
    " ON pa.idea_id = m.primary_idea_id WHERE m.merged_idea_id = {i}.id"
    " AND m.undone_at IS NULL), (SELECT ca.cluster_id FROM assignments ca"
    " WHERE ca.idea_id = {i}.id))"
)
OWN_DECISION = (
    "(SELECT od.id FROM decisions od WHERE od.idea_id = {i}.id AND od.superseded_at IS NULL)"
)
CLUSTER_DECISION = (
    "(SELECT cd.id FROM decisions cd WHERE cd.cluster_id = " + DECISION_CLUSTER + ""
    " AND cd.superseded_at IS NULL)"
)
EFFECTIVE_DECISION = f"coalesce({OWN_DECISION}, {CLUSTER_DECISION})"
# the same for a few ideas looked up by id, as joins (one index lookup each) instead of
# subqueries per column: ``od`` its own decision, ``cd`` its decision cluster's (``a`` is
# the idea's assignment)
DECISION_JOINS = (
    " LEFT JOIN idea_merges dm ON dm.merged_idea_id = i.id AND dm.undone_at IS NULL"
    " LEFT JOIN assignments dpa ON dpa.idea_id = dm.primary_idea_id"
    " LEFT JOIN decisions od ON od.idea_id = i.id AND od.superseded_at IS NULL"
    " LEFT JOIN decisions cd ON cd.cluster_id = coalesce(dpa.cluster_id, a.cluster_id)"
    " AND cd.superseded_at IS NULL"
)
JOINED_DECISION_CLUSTER = "coalesce(dpa.cluster_id, a.cluster_id)"
# ideas merged into an idea that has a cluster: they follow their primary's cluster
MERGED_FOLLOWING = (
    "SELECT m.merged_idea_id FROM idea_merges m JOIN assignments pa"
    " ON pa.idea_id = m.primary_idea_id WHERE m.undone_at IS NULL"
)


def reached_ids_sql(workshop_id: int, condition: str = "1") -> str:
    """The ideas a live decision meeting ``condition`` applies to, as one set driven from
    the workshop's decisions (their own ideas, their clusters' members, the ideas merged
    into those members): its cost follows the decided ideas, not the backlog (decision
    0035). An idea with its own decision is reached only by its own."""
    live = f"superseded_at IS NULL AND workshop_id = {int(workshop_id)}"
    own_any = f"SELECT idea_id FROM decisions WHERE idea_id IS NOT NULL AND {live}"
    own = f"{own_any} AND ({condition})"
    clusters = (
        f"SELECT cluster_id FROM decisions WHERE cluster_id IS NOT NULL AND {live}"
        f" AND ({condition})"
    )
    members = (
        f"SELECT ca.idea_id FROM assignments ca WHERE ca.cluster_id IN ({clusters})"
        f" AND ca.idea_id NOT IN ({MERGED_FOLLOWING})"
    )
    merged = f"{MERGED_FOLLOWING} AND pa.cluster_id IN ({clusters})"
    return f"{own} UNION SELECT * FROM ({members} UNION {merged} EXCEPT {own_any})"


def reached_sql(workshop_id: int, condition: str = "1") -> str:
    """Whether a decision meeting ``condition`` applies to idea ``i``."""
    return f"(i.id IN ({reached_ids_sql(workshop_id, condition)}))"


ANSWERED = "answer_fr <> '' OR answer_en <> ''"


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class TriageMixin(StoreConnection):
    """The triage tables of :class:`cocreate.store.Store`."""

    # staff ------------------------------------------------------------------------------------

    def add_staff_member(
        self, name: str, role: str, department: str | None, secret_hash: str
    ) -> dict[str, Any]:
        name = name.strip()
        try:
            with self._write() as conn:
                member_id = conn.execute(
                    "INSERT INTO staff_members (name, role, department, secret_hash, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [name, role, department, secret_hash, now_iso()],
                ).lastrowid
        except sqlite3.IntegrityError as error:
            raise StoreError(f"A staff member named {name!r} already exists.") from error
        return self.get_staff_member(member_id)

    def get_staff_member(self, member_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM staff_members WHERE id = ?", [member_id]))
        if not rows:
            raise StoreError(f"No staff member with id {member_id}.")
        return rows[0]

    def find_staff_member(self, name: str) -> dict[str, Any] | None:
        """The active staff member of this name (case-insensitive), or ``None``."""
        rows = list(
            self.db.query(
                "SELECT * FROM staff_members WHERE name = ? COLLATE NOCASE AND retired_at IS NULL",
                [name.strip()],
            )
        )
        return rows[0] if rows else None

    def list_staff_members(self, *, include_retired: bool = False) -> list[dict[str, Any]]:
        where = "" if include_retired else " WHERE retired_at IS NULL"
        return list(self.db.query(f"SELECT * FROM staff_members{where} ORDER BY name"))

    def retire_staff_member(self, member_id: int) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE staff_members SET retired_at = ? WHERE id = ? AND retired_at IS NULL",
                [now_iso(), member_id],
            )

    # lifecycle snapshot -------------------------------------------------------------------------

    def workshop_lifecycle(self, workshop_id: int) -> dict[str, Any] | None:
        rows = list(
            self.db.query("SELECT * FROM workshop_lifecycles WHERE workshop_id = ?", [workshop_id])
        )
        if not rows:
            return None
        row = rows[0]
        row["definition"] = json.loads(row["definition"])
        return row

    def snapshot_lifecycle(
        self, workshop_id: int, lifecycle_id: str, version: int, definition: str
    ) -> None:
        """Keep the workshop's lifecycle; a workshop that has one keeps it."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO workshop_lifecycles (workshop_id, lifecycle_id, version,"
                " definition, created_at) VALUES (?, ?, ?, ?, ?)",
                [workshop_id, lifecycle_id, version, definition, now_iso()],
            )

    def _lifecycle_orders(self, workshop_id: int | None) -> tuple[str, str, dict[str, int]]:
        """(initial state, decided state, order of each state) of a workshop's snapshot."""
        snapshot = self.workshop_lifecycle(workshop_id) if workshop_id is not None else None
        if snapshot is None:
            return DEFAULT_INITIAL, DEFAULT_DECIDED, dict(DEFAULT_ORDERS)
        definition = snapshot["definition"]
        states = definition["states"]
        orders = {s["key"]: s["order"] for s in states}
        initial = definition.get("initial", min(orders, key=orders.get))
        return initial, definition.get("decided", DEFAULT_DECIDED), orders

    def _lifecycle_terms(self, workshop_id: int | None) -> tuple[str, str, tuple[str, ...]]:
        """(initial state, decided state, states before decided) of a workshop's snapshot."""
        initial, decided, orders = self._lifecycle_orders(workshop_id)
        return initial, decided, tuple(k for k, o in orders.items() if o < orders[decided])

    def _status_sql(self, workshop_id: int) -> str:
        """The effective status of idea ``i`` (stored status ``s``, assignment ``a``): its
        stored status (or the initial one), moved to "decided" when a decision reaches it
        while it is before that state."""
        initial, decided, before = self._lifecycle_terms(workshop_id)
        stored = f"coalesce(s.status, {_quote(initial)})"
        return (
            f"CASE WHEN {stored} IN ({','.join(_quote(k) for k in before)})"
            f" AND {reached_sql(workshop_id)} THEN {_quote(decided)} ELSE {stored} END"
        )

    def _joined_status_sql(self, workshop_id: int) -> str:
        """:meth:`_status_sql` for a query that has :data:`DECISION_JOINS`: a decision
        reaches the idea when it has its own (``od``) or its decision cluster's (``cd``)."""
        initial, decided, before = self._lifecycle_terms(workshop_id)
        stored = f"coalesce(s.status, {_quote(initial)})"
        return (
            f"CASE WHEN {stored} IN ({','.join(_quote(k) for k in before)})"
            f" AND coalesce(od.id, cd.id) IS NOT NULL THEN {_quote(decided)} ELSE {stored} END"
        )

    # reading the state of ideas ---------------------------------------------------------------

    def fanout_idea_ids(self, cluster_id: int) -> list[int]:
        """The ideas a decision on ``cluster_id`` reaches: its members and the ideas merged
        (active merges) into its members."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT idea_id FROM assignments WHERE cluster_id = ? UNION"
                " SELECT m.merged_idea_id FROM idea_merges m JOIN assignments a"
                " ON a.idea_id = m.primary_idea_id WHERE a.cluster_id = ?"
                " AND m.undone_at IS NULL ORDER BY 1",
                [cluster_id, cluster_id],
            )
        ]

    def triage_states(
        self,
        workshop_id: int,
        idea_ids: Iterable[int] | None = None,
        *,
        cluster_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """For each idea (all of the workshop's, ``idea_ids``, or every idea a decision on
        ``cluster_id`` reaches: :meth:`fanout_idea_ids`): its stored and effective status,
        own decision id, the cluster whose decision reaches it and that decision's id."""
        status = self._joined_status_sql(workshop_id)
        sql = (
            f"SELECT i.id AS idea_id, i.workshop_id, i.hidden_at, s.status AS stored_status,"
            f" {status} AS status, od.id AS own_decision_id,"
            f" {JOINED_DECISION_CLUSTER} AS decision_cluster_id, cd.id AS cluster_decision_id"
            " FROM ideas i LEFT JOIN idea_status s ON s.idea_id = i.id"
            " LEFT JOIN assignments a ON a.idea_id = i.id"
            f"{DECISION_JOINS} WHERE {{workshop}} = ?"
        )
        if cluster_id is not None:
            # one query driven from the cluster's members and the ideas merged into them
            fanout = (
                "SELECT idea_id FROM assignments WHERE cluster_id = ? UNION"
                " SELECT m.merged_idea_id FROM idea_merges m JOIN assignments ma"
                " ON ma.idea_id = m.primary_idea_id WHERE ma.cluster_id = ?"
                " AND m.undone_at IS NULL"
            )
            sql = sql.replace("{workshop}", "+i.workshop_id")
            return list(
                self.db.query(
                    f"{sql} AND i.id IN ({fanout}) ORDER BY i.id",
                    [workshop_id, cluster_id, cluster_id],
                )
            )
        if idea_ids is None:
            sql = sql.replace("{workshop}", "i.workshop_id")
            return list(self.db.query(sql + " ORDER BY i.id", [workshop_id]))
        # driven from the ids (rowid lookups): "+" keeps SQLite off the workshop's index, which
        # would read all its ideas to keep the few asked for
        sql = sql.replace("{workshop}", "+i.workshop_id")
        ids = sorted(set(idea_ids))
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), SQL_CHUNK):
            part = ids[start : start + SQL_CHUNK]
            found.extend(
                self.db.query(
                    sql + f" AND i.id IN ({_marks(part)}) ORDER BY i.id", [workshop_id, *part]
                )
            )
        return found

    def get_decisions(self, decision_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        ids = sorted({d for d in decision_ids if d is not None})
        found: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), SQL_CHUNK):
            part = ids[start : start + SQL_CHUNK]
            for row in self.db.query(f"SELECT * FROM decisions WHERE id IN ({_marks(part)})", part):
                found[row["id"]] = row
        return found

    def _live_row(
        self, table: str, idea_id: int | None, cluster_id: int | None
    ) -> dict[str, Any] | None:
        """The row of ``table`` (decisions, valuations) in force on an idea or a cluster."""
        column, value = ("idea_id", idea_id) if idea_id is not None else ("cluster_id", cluster_id)
        rows = list(
            self.db.query(
                f"SELECT * FROM {table} WHERE {column} = ? AND superseded_at IS NULL", [value]
            )
        )
        return rows[0] if rows else None

    def current_decision(
        self, *, idea_id: int | None = None, cluster_id: int | None = None
    ) -> dict[str, Any] | None:
        return self._live_row("decisions", idea_id, cluster_id)

    def workshop_decisions(self, workshop_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT * FROM decisions WHERE workshop_id = ? AND superseded_at IS NULL"
                " ORDER BY id",
                [workshop_id],
            )
        )

    # writing statuses and decisions ------------------------------------------------------------

    @staticmethod
    def _history(
        conn: sqlite3.Connection,
        workshop_id: int,
        rows: Iterable[Sequence[Any]],
        staff_id: int | None,
        staff_name: str,
        stamp: str,
    ) -> None:
        """History lines: each row is (idea_id, cluster_id, action, from, to, note)."""
        conn.executemany(
            "INSERT INTO triage_history (workshop_id, idea_id, cluster_id, action, from_status,"
            " to_status, note, staff_id, staff_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ([workshop_id, *row, staff_id, staff_name, stamp] for row in rows),
        )

    @staticmethod
    def _set_statuses(
        conn: sqlite3.Connection, workshop_id: int, changes: Sequence[Sequence[Any]], stamp: str
    ) -> None:
        conn.executemany(
            "INSERT INTO idea_status (idea_id, workshop_id, status, changed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (idea_id) DO UPDATE SET status = excluded.status,"
            " changed_at = excluded.changed_at",
            ((idea_id, workshop_id, target, stamp) for idea_id, _, target in changes),
        )

    def write_statuses(
        self,
        workshop_id: int,
        changes: Sequence[tuple[int, str, str]],
        *,
        note: str,
        staff_id: int | None,
        staff_name: str,
        cluster_id: int | None = None,
    ) -> None:
        """Store (idea_id, from, to) status changes in one transaction, one history line each."""
        stamp = now_iso()
        with self._write() as conn:
            self._set_statuses(conn, workshop_id, changes, stamp)
            self._history(
                conn,
                workshop_id,
                ((i, cluster_id, "status", a, b, note) for i, a, b in changes),
                staff_id,
                staff_name,
                stamp,
            )

    def write_decision(
        self,
        workshop_id: int,
        *,
        idea_id: int | None,
        cluster_id: int | None,
        outcome: str,
        answer_fr: str,
        answer_en: str,
        merged_into: int | None,
        staff_id: int | None,
        staff_name: str,
        note: str,
        from_status: str | None,
        to_status: str,
        status_changes: Sequence[tuple[int, str, str]] = (),
    ) -> int:
        """Supersede the target's decision and store the new one, with one history line for
        the target and one per idea whose stored status the decision resets."""
        [decision_id] = self.write_decisions(
            workshop_id,
            [
                {
                    "idea_id": idea_id,
                    "cluster_id": cluster_id,
                    "from_status": from_status,
                    "status_changes": status_changes,
                }
            ],
            outcome=outcome,
            answer_fr=answer_fr,
            answer_en=answer_en,
            merged_into=merged_into,
            staff_id=staff_id,
            staff_name=staff_name,
            note=note,
            to_status=to_status,
        )
        return decision_id

    def write_decisions(
        self,
        workshop_id: int,
        targets: Sequence[dict[str, Any]],
        *,
        outcome: str,
        answer_fr: str,
        answer_en: str,
        merged_into: int | None,
        staff_id: int | None,
        staff_name: str,
        note: str,
        to_status: str,
    ) -> list[int]:
        """The same decision on each target (``idea_id`` or ``cluster_id``, ``from_status``,
        ``status_changes``), all in one transaction: one decision each, superseding the
        target's previous one. Returns the decision ids in the targets' order."""
        stamp = now_iso()
        decision_ids = []
        with self._write() as conn:
            for target in targets:
                idea_id, cluster_id = target["idea_id"], target["cluster_id"]
                column, key = (
                    ("idea_id", idea_id) if idea_id is not None else ("cluster_id", cluster_id)
                )
                conn.execute(
                    f"UPDATE decisions SET superseded_at = ? WHERE {column} = ?"
                    " AND superseded_at IS NULL",
                    [stamp, key],
                )
                decision_ids.append(
                    conn.execute(
                        "INSERT INTO decisions (workshop_id, idea_id, cluster_id, outcome,"
                        " answer_fr, answer_en, merged_into, staff_id, staff_name, decided_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            workshop_id,
                            idea_id,
                            cluster_id,
                            outcome,
                            answer_fr,
                            answer_en,
                            merged_into,
                            staff_id,
                            staff_name,
                            stamp,
                        ],
                    ).lastrowid
                )
                if cluster_id is not None:
                    # a cluster decided is pinned: re-clustering keeps its members, so its
                    # answer keeps reaching them
                    conn.execute("UPDATE clusters SET pinned = 1 WHERE id = ?", [cluster_id])
                changes = target.get("status_changes") or ()
                self._set_statuses(conn, workshop_id, changes, stamp)
                history = [
                    (
                        idea_id,
                        cluster_id,
                        f"decision:{outcome}",
                        target.get("from_status"),
                        to_status,
                        note,
                    )
                ]
                history += [(i, cluster_id, "status", a, b, note) for i, a, b in changes]
                self._history(conn, workshop_id, history, staff_id, staff_name, stamp)
        return decision_ids

    def write_mapped_progress(
        self,
        workshop_id: int,
        entries: Sequence[dict[str, Any]],
        *,
        note: str,
        staff_id: int | None,
        staff_name: str,
    ) -> None:
        """Record what an imported progress column says, in one transaction: for each entry
        (idea_id, from, status, outcome, cost, department) the idea's own decision (empty
        answer), its status, a valuation when a cost or department is known, history lines."""
        stamp = now_iso()
        ids = [e["idea_id"] for e in entries]
        with self._write() as conn:
            for start in range(0, len(ids), SQL_CHUNK):
                part = ids[start : start + SQL_CHUNK]
                for table in ("decisions", "valuations"):
                    conn.execute(
                        f"UPDATE {table} SET superseded_at = ? WHERE superseded_at IS NULL"
                        f" AND idea_id IN ({_marks(part)})",
                        [stamp, *part],
                    )
            conn.executemany(
                "INSERT INTO decisions (workshop_id, idea_id, outcome, staff_id, staff_name,"
                " decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (workshop_id, e["idea_id"], e["outcome"], staff_id, staff_name, stamp)
                    for e in entries
                ],
            )
            conn.executemany(
                "INSERT INTO valuations (workshop_id, idea_id, feasible, cost, department,"
                " staff_id, staff_name, valued_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
                [
                    (
                        workshop_id,
                        e["idea_id"],
                        e["cost"],
                        e["department"],
                        staff_id,
                        staff_name,
                        stamp,
                    )
                    for e in entries
                    if e["cost"] is not None or e["department"]
                ],
            )
            changes = [(e["idea_id"], e["from"], e["status"]) for e in entries]
            self._set_statuses(conn, workshop_id, changes, stamp)
            history = [
                (e["idea_id"], None, f"decision:{e['outcome']}", e["from"], e["status"], note)
                for e in entries
            ]
            self._history(conn, workshop_id, history, staff_id, staff_name, stamp)

    def triage_history(
        self,
        workshop_id: int,
        *,
        idea_id: int | None = None,
        cluster_id: int | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """History lines of a workshop, an idea (its own lines and its cluster's) or a cluster,
        newest first."""
        where, params = ["workshop_id = ?"], [workshop_id]
        if idea_id is not None:
            where.append(
                "(idea_id = ? OR (idea_id IS NULL AND cluster_id IN"
                " (SELECT cluster_id FROM assignments WHERE idea_id = ?)))"
            )
            params += [idea_id, idea_id]
        if cluster_id is not None:
            where.append("cluster_id = ?")
            params.append(cluster_id)
        sql = f"SELECT * FROM triage_history WHERE {' AND '.join(where)} ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return list(self.db.query(sql, params))

    # valuations, assignees, milestones ---------------------------------------------------------

    def write_valuation(
        self,
        workshop_id: int,
        *,
        idea_id: int | None,
        cluster_id: int | None,
        **valuation: Any,
    ) -> int:
        """Supersede the target's valuation and store the new one (see
        :meth:`write_valuations`)."""
        [valuation_id] = self.write_valuations(workshop_id, [(idea_id, cluster_id)], **valuation)
        return valuation_id

    def write_valuations(
        self,
        workshop_id: int,
        targets: Sequence[tuple[int | None, int | None]],
        *,
        feasible: bool,
        reason: str,
        cost: float | None,
        department: str | None,
        due_date: str | None,
        staff_id: int | None,
        staff_name: str,
    ) -> list[int]:
        """The same valuation on each target (idea_id, cluster_id), in one transaction, one
        history line each. Returns the valuation ids in the targets' order."""
        stamp = now_iso()
        note = reason if not feasible else ""
        action = "valuation:feasible" if feasible else "valuation:not_feasible"
        valuation_ids = []
        with self._write() as conn:
            for idea_id, cluster_id in targets:
                column, key = (
                    ("idea_id", idea_id) if idea_id is not None else ("cluster_id", cluster_id)
                )
                conn.execute(
                    f"UPDATE valuations SET superseded_at = ? WHERE {column} = ?"
                    " AND superseded_at IS NULL",
                    [stamp, key],
                )
                valuation_ids.append(
                    conn.execute(
                        "INSERT INTO valuations (workshop_id, idea_id, cluster_id, feasible,"
                        " reason, cost, department, due_date, staff_id, staff_name, valued_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            workshop_id,
                            idea_id,
                            cluster_id,
                            int(feasible),
                            reason,
                            cost,
                            department,
                            due_date,
                            staff_id,
                            staff_name,
                            stamp,
                        ],
                    ).lastrowid
                )
            self._history(
                conn,
                workshop_id,
                [(i, c, action, None, None, note) for i, c in targets],
                staff_id,
                staff_name,
                stamp,
            )
        return valuation_ids

    def current_valuation(
        self, *, idea_id: int | None = None, cluster_id: int | None = None
    ) -> dict[str, Any] | None:
        return self._live_row("valuations", idea_id, cluster_id)

    def write_assignee(
        self,
        workshop_id: int,
        *,
        idea_ids: Sequence[int] = (),
        cluster_id: int | None = None,
        department: str | None,
        assignee_id: int | None,
        staff_id: int | None,
        staff_name: str,
    ) -> None:
        """Hand ideas (each) or a cluster to a department and/or a staff member."""
        stamp = now_iso()
        targets = [(i, None) for i in idea_ids] or [(None, cluster_id)]
        note = " / ".join(str(v) for v in (department, assignee_id) if v is not None)
        with self._write() as conn:
            for idea_id, cluster in targets:
                column = "idea_id" if idea_id is not None else "cluster_id"
                conn.execute(
                    f"DELETE FROM triage_assignees WHERE {column} = ?", [idea_id or cluster]
                )
                conn.execute(
                    "INSERT INTO triage_assignees (workshop_id, idea_id, cluster_id, department,"
                    " staff_id, assigned_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [workshop_id, idea_id, cluster, department, assignee_id, stamp],
                )
            self._history(
                conn,
                workshop_id,
                ((i, c, "assign", None, None, note) for i, c in targets),
                staff_id,
                staff_name,
                stamp,
            )

    def assignee_of(self, idea_id: int) -> dict[str, Any] | None:
        """The idea's own assignee, else its cluster's."""
        rows = list(
            self.db.query(
                "SELECT * FROM triage_assignees WHERE idea_id = ? UNION ALL"
                " SELECT t.* FROM triage_assignees t JOIN assignments a"
                " ON a.cluster_id = t.cluster_id WHERE a.idea_id = ? LIMIT 1",
                [idea_id, idea_id],
            )
        )
        return rows[0] if rows else None

    def cluster_assignee(self, cluster_id: int) -> dict[str, Any] | None:
        rows = list(
            self.db.query("SELECT * FROM triage_assignees WHERE cluster_id = ?", [cluster_id])
        )
        return rows[0] if rows else None

    def write_milestone(
        self,
        workshop_id: int,
        *,
        decision_id: int | None,
        idea_id: int | None,
        on_date: str,
        text: str,
        photo_path: str | None,
        staff_id: int | None,
        staff_name: str,
        history_cluster_id: int | None = None,
    ) -> int:
        stamp = now_iso()
        with self._write() as conn:
            milestone_id = conn.execute(
                "INSERT INTO milestones (workshop_id, decision_id, idea_id, on_date, text,"
                " photo_path, staff_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [workshop_id, decision_id, idea_id, on_date, text, photo_path, staff_name, stamp],
            ).lastrowid
            self._history(
                conn,
                workshop_id,
                [(idea_id, history_cluster_id, "milestone", None, None, f"{on_date} {text}")],
                staff_id,
                staff_name,
                stamp,
            )
        return milestone_id

    def milestones_for(
        self, idea_ids: Iterable[int], decision_ids: Iterable[int]
    ) -> list[dict[str, Any]]:
        """Milestones on these ideas or decisions, by date."""
        ideas, decisions = sorted(set(idea_ids)), sorted(set(decision_ids))
        found: dict[int, dict[str, Any]] = {}
        for column, values in (("idea_id", ideas), ("decision_id", decisions)):
            for start in range(0, len(values), SQL_CHUNK):
                part = values[start : start + SQL_CHUNK]
                for row in self.db.query(
                    f"SELECT * FROM milestones WHERE {column} IN ({_marks(part)})", part
                ):
                    found[row["id"]] = row
        return sorted(found.values(), key=lambda m: (m["on_date"], m["id"]))

    # staff edits of ideas ---------------------------------------------------------------------

    def write_idea_text(
        self,
        idea: dict[str, Any],
        *,
        kind: str,
        new_text: str,
        new_original: dict[str, Any] | None,
        chars: int,
        staff_id: int | None,
        staff_name: str,
    ) -> None:
        """Change an idea's shown text (the full-text index follows by trigger), keeping the
        text it replaces in the edit row."""
        stamp = now_iso()
        with self._write() as conn:
            before = idea["text"] if kind == "edit" else None
            conn.execute(
                "INSERT INTO idea_edits (workshop_id, idea_id, kind, before_text, chars,"
                " staff_id, staff_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [idea["workshop_id"], idea["id"], kind, before, chars, staff_id, staff_name, stamp],
            )
            if new_original is not None:
                conn.execute(
                    "UPDATE ideas SET text = ?, original = ? WHERE id = ?",
                    [new_text, json.dumps(new_original, ensure_ascii=False), idea["id"]],
                )
            else:
                conn.execute("UPDATE ideas SET text = ? WHERE id = ?", [new_text, idea["id"]])
            self._history(
                conn,
                idea["workshop_id"],
                [(idea["id"], None, kind, None, None, f"{chars}")],
                staff_id,
                staff_name,
                stamp,
            )

    def redact_idea_text(
        self,
        idea: dict[str, Any],
        *,
        new_text: str,
        fields: dict[str, Any],
        new_original: dict[str, Any],
        replacements: Sequence[tuple[str, str]],
        chars: int,
        staff_id: int | None,
        staff_name: str,
    ) -> None:
        """Redact an idea in place in one transaction: its text, title/author/category, its
        original row and its earlier edits; the trace keeps how many characters, never which.
        Then the full-text index is rebuilt and freed pages zeroed, so that no removed text
        stays anywhere in the database file (its WAL included)."""
        stamp = now_iso()
        # freed pages (the old row, old index segments) are overwritten with zeros
        self.db.execute("PRAGMA secure_delete = ON")
        with self._write() as conn:
            conn.execute(
                "UPDATE ideas SET text = ?, title = ?, author = ?, category = ?, original = ?"
                " WHERE id = ?",
                [
                    new_text,
                    fields["title"],
                    fields["author"],
                    fields["category"],
                    json.dumps(new_original, ensure_ascii=False),
                    idea["id"],
                ],
            )
            rows = conn.execute(
                "SELECT id, before_text FROM idea_edits WHERE idea_id = ?"
                " AND before_text IS NOT NULL",
                [idea["id"]],
            ).fetchall()
            for edit_id, text in rows:
                for old, new in replacements:
                    text = text.replace(old, new)
                conn.execute("UPDATE idea_edits SET before_text = ? WHERE id = ?", [text, edit_id])
            conn.execute(
                "INSERT INTO idea_edits (workshop_id, idea_id, kind, chars, staff_id, staff_name,"
                " at) VALUES (?, ?, 'redact', ?, ?, ?, ?)",
                [idea["workshop_id"], idea["id"], chars, staff_id, staff_name, stamp],
            )
            self._history(
                conn,
                idea["workshop_id"],
                [(idea["id"], None, "redact", None, None, str(chars))],
                staff_id,
                staff_name,
                stamp,
            )
            conn.execute("INSERT INTO ideas_fts(ideas_fts) VALUES ('rebuild')")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def idea_edits(self, idea_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query("SELECT * FROM idea_edits WHERE idea_id = ? ORDER BY id", [idea_id])
        )

    def set_hidden(
        self, idea: dict[str, Any], hidden: bool, *, staff_id: int | None, staff_name: str
    ) -> None:
        stamp = now_iso()
        kind = "hide" if hidden else "show"
        with self._write() as conn:
            conn.execute(
                "UPDATE ideas SET hidden_at = ? WHERE id = ?",
                [stamp if hidden else None, idea["id"]],
            )
            conn.execute(
                "INSERT INTO idea_edits (workshop_id, idea_id, kind, staff_id, staff_name, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [idea["workshop_id"], idea["id"], kind, staff_id, staff_name, stamp],
            )
            self._history(
                conn,
                idea["workshop_id"],
                [(idea["id"], None, kind, None, None, "")],
                staff_id,
                staff_name,
                stamp,
            )

    def delete_idea(self, idea: dict[str, Any], *, staff_id: int | None, staff_name: str) -> None:
        """Delete an idea, keeping a tombstone of its key (a re-import does not bring it back)
        and a trace; its text is not kept."""
        stamp = now_iso()
        # the deleted row's pages are overwritten with zeros
        self.db.execute("PRAGMA secure_delete = ON")
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO idea_tombstones (workshop_id, source, source_key, idea_id,"
                " staff_name, deleted_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    idea["workshop_id"],
                    idea["source"],
                    idea["source_key"],
                    idea["id"],
                    staff_name,
                    stamp,
                ],
            )
            conn.execute(
                "INSERT INTO idea_edits (workshop_id, idea_id, kind, chars, staff_id, staff_name,"
                " at) VALUES (?, ?, 'delete', ?, ?, ?, ?)",
                [idea["workshop_id"], idea["id"], len(idea["text"]), staff_id, staff_name, stamp],
            )
            conn.execute(
                "UPDATE ideas SET duplicate_of = NULL WHERE duplicate_of = ?", [idea["id"]]
            )
            conn.execute(
                "UPDATE decisions SET merged_into = NULL WHERE merged_into = ?", [idea["id"]]
            )
            conn.execute("DELETE FROM ideas WHERE id = ?", [idea["id"]])
            self._history(
                conn,
                idea["workshop_id"],
                [(idea["id"], None, "delete", None, None, "")],
                staff_id,
                staff_name,
                stamp,
            )

    def tombstones(self, workshop_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT * FROM idea_tombstones WHERE workshop_id = ? ORDER BY deleted_at",
                [workshop_id],
            )
        )

    # saved views ------------------------------------------------------------------------------

    def save_view(self, workshop_id: int, name: str, filters: dict[str, Any], owner: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO saved_views (workshop_id, name, filters, owner, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (workshop_id, owner, name)"
                " DO UPDATE SET filters = excluded.filters",
                [
                    workshop_id,
                    name.strip(),
                    json.dumps(filters, ensure_ascii=False),
                    owner,
                    now_iso(),
                ],
            )

    def saved_views(self, workshop_id: int, owner: str | None = None) -> list[dict[str, Any]]:
        where, params = "workshop_id = ?", [workshop_id]
        if owner is not None:
            where += " AND owner = ?"
            params.append(owner)
        rows = list(self.db.query(f"SELECT * FROM saved_views WHERE {where} ORDER BY name", params))
        for row in rows:
            row["filters"] = json.loads(row["filters"])
        return rows

    def delete_saved_view(self, view_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM saved_views WHERE id = ?", [view_id])

    # the triage listing -----------------------------------------------------------------------

    def _triage_where(
        self,
        workshop_id: int,
        filters: dict[str, Any],
        status_sql: str,
    ) -> tuple[str, list[Any]]:
        search = (filters.get("search") or "").strip()
        # a cluster's members or a search's matches drive the query (rowid lookups); "+" keeps
        # SQLite from reading the whole workshop's index instead
        theme_id = filters.get("theme_id")
        driven = filters.get("cluster_id") is not None or theme_id is not None or bool(search)
        where = ["+i.workshop_id = ?" if driven else "i.workshop_id = ?"]
        params: list[Any] = [workshop_id]
        hidden = filters.get("hidden", False)
        if hidden is False:
            where.append("i.hidden_at IS NULL")
        elif hidden is True:
            where.append("i.hidden_at IS NOT NULL")
        statuses = filters.get("status")
        if statuses:
            statuses = [statuses] if isinstance(statuses, str) else list(statuses)
            where.append(f"({status_sql}) IN ({_marks(statuses)})")
            params += statuses
        if filters.get("cluster_id") is not None:
            # driven from the cluster's members (an index), not a join on every idea
            where.append("i.id IN (SELECT idea_id FROM assignments WHERE cluster_id = ?)")
            params.append(int(filters["cluster_id"]))
        if theme_id is not None:
            # a theme (cluster of level 1) holds the ideas of its groups; an idea whose
            # SECONDARY theme it is comes along when ``with_secondary`` is set
            members = (
                "SELECT a2.idea_id FROM assignments a2 JOIN clusters g ON g.id = a2.cluster_id"
                " WHERE g.parent_id = ?"
            )
            params.append(int(theme_id))
            if filters.get("with_secondary"):
                members += " UNION SELECT idea_id FROM assignments WHERE secondary_theme_id = ?"
                params.append(int(theme_id))
            where.append(f"i.id IN ({members})")
        if filters.get("department"):
            where.append("coalesce(ti.department, tc.department) = ?")
            params.append(filters["department"])
        if filters.get("assignee_id") is not None:
            where.append("coalesce(ti.staff_id, tc.staff_id) = ?")
            params.append(int(filters["assignee_id"]))
        for column in ("source", "language", "category"):
            if filters.get(column):
                where.append(f"i.{column} = ?")
                params.append(filters[column])
        if filters.get("no_answer"):
            where.append(f"NOT {reached_sql(workshop_id, ANSWERED)}")
        if filters.get("older_than_days") is not None:
            where.append("substr(coalesce(i.created, i.added_at), 1, 10) < date('now', ?)")
            params.append(f"-{int(filters['older_than_days'])} days")
        if search:
            where.append("i.id IN (SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH ?)")
            params.append(self.db.quote_fts(search))
        return " AND ".join(where), params

    def triage_page(
        self,
        workshop_id: int,
        filters: dict[str, Any] | None = None,
        *,
        sort: str = "date",
        descending: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of a workshop's backlog and the number of ideas the filters keep.

        Filters: ``status`` (a state or a list), ``cluster_id`` (a group), ``theme_id`` (a
        theme: its groups' ideas; ``with_secondary`` adds the ideas whose secondary theme it
        is), ``department``,
        ``assignee_id``, ``source``, ``language``, ``category``, ``no_answer``,
        ``older_than_days``, ``hidden`` (False: shown ideas, True: hidden ones, None: all),
        ``search`` (full text). Sorts: date, added, votes, status, cluster."""
        filters = filters or {}
        if sort not in LIST_SORTS:
            raise StoreError(f"Unknown sort {sort!r}: sorts are {', '.join(LIST_SORTS)}.")
        status_sql = self._status_sql(workshop_id)
        where, params = self._triage_where(workshop_id, filters, status_sql)
        status_used = bool(filters.get("status")) or sort == "status"
        # the effective status reads the stored one; which decision reaches an idea is a set
        joins = ""
        by_assignee = bool(filters.get("department")) or filters.get("assignee_id") is not None
        if by_assignee:
            joins += " LEFT JOIN assignments a ON a.idea_id = i.id"
        if status_used:
            joins += " LEFT JOIN idea_status s ON s.idea_id = i.id"
        if by_assignee:
            joins += (
                " LEFT JOIN triage_assignees ti ON ti.idea_id = i.id"
                " LEFT JOIN triage_assignees tc ON tc.cluster_id = a.cluster_id"
            )
        total = self.db.execute(
            f"SELECT count(*) FROM ideas i{joins} WHERE {where}", params
        ).fetchone()[0]
        order = LIST_SORTS[sort].format(dir="DESC" if descending else "ASC")
        extra = ""
        if sort == "status":
            _, _, orders = self._lifecycle_orders(workshop_id)
            cases = " ".join(f"WHEN {_quote(k)} THEN {int(o)}" for k, o in orders.items())
            extra = f", CASE ({status_sql}) {cases} ELSE 0 END AS status_order"
        if sort == "cluster" and not by_assignee:
            # only the sort needs the cluster: the count above went without it
            joins += " LEFT JOIN assignments a ON a.idea_id = i.id"
        ids = [
            row[0]
            for row in self.db.execute(
                f"SELECT i.id{extra} FROM ideas i{joins} WHERE {where} ORDER BY {order}"
                " LIMIT ? OFFSET ?",
                [*params, int(limit), int(offset)],
            )
        ]
        return self.triage_rows(workshop_id, ids), total

    def triage_rows(self, workshop_id: int, idea_ids: Sequence[int]) -> list[dict[str, Any]]:
        """The triage view's columns for these ideas, in the order given."""
        if not idea_ids:
            return []
        status_sql = self._joined_status_sql(workshop_id)
        latest_closed = (
            "(SELECT max(r.id) FROM score_rounds r JOIN round_targets rt ON rt.round_id = r.id"
            " WHERE r.status = 'closed' AND (rt.idea_id = i.id OR rt.cluster_id = a.cluster_id))"
        )
        score = (
            "(SELECT avg(sc.value) FROM round_targets rt JOIN scores sc ON sc.target_id = rt.id"
            f" WHERE rt.round_id = {latest_closed} AND (rt.idea_id = i.id"
            " OR rt.cluster_id = a.cluster_id) AND sc.value IS NOT NULL)"
        )
        select = (
            "SELECT i.id, i.workshop_id, i.text, i.title, i.author, i.source, i.language,"
            " i.category, i.votes, i.created, i.added_at, i.hidden_at, i.duplicate_of,"
            f" a.cluster_id, c.label AS cluster_label, {status_sql} AS status,"
            " od.id AS own_decision_id, cd.id AS cluster_decision_id,"
            " coalesce(ti.department, tc.department) AS department,"
            " coalesce(ti.staff_id, tc.staff_id) AS assignee_id,"
            f" {score} AS score"
            " FROM ideas i LEFT JOIN idea_status s ON s.idea_id = i.id"
            " LEFT JOIN assignments a ON a.idea_id = i.id"
            " LEFT JOIN clusters c ON c.id = a.cluster_id"
            " LEFT JOIN triage_assignees ti ON ti.idea_id = i.id"
            " LEFT JOIN triage_assignees tc ON tc.cluster_id = a.cluster_id"
            f"{DECISION_JOINS}"
            # "+": looked up by id, not by reading the workshop's index (see triage_states)
            " WHERE +i.workshop_id = ?"
        )
        found: dict[int, dict[str, Any]] = {}
        ids = list(idea_ids)
        for start in range(0, len(ids), SQL_CHUNK):
            part = ids[start : start + SQL_CHUNK]
            for row in self.db.query(
                f"{select} AND i.id IN ({_marks(part)})", [workshop_id, *part]
            ):
                found[row["id"]] = row
        decisions = self.get_decisions(
            r["own_decision_id"] or r["cluster_decision_id"] for r in found.values()
        )
        rows = []
        for idea_id in ids:
            row = found.get(idea_id)
            if row is None:
                continue
            decision_id = row["own_decision_id"] or row["cluster_decision_id"]
            decision = decisions.get(decision_id)
            row["decision_id"] = decision_id
            row["decision_from"] = (
                None if decision is None else ("idea" if row["own_decision_id"] else "cluster")
            )
            row["outcome"] = decision["outcome"] if decision else None
            row["answer_fr"] = decision["answer_fr"] if decision else None
            row["answer_en"] = decision["answer_en"] if decision else None
            rows.append(row)
        return rows

    def triage_progress(self, workshop_id: int) -> tuple[int, int]:
        """(ideas past the initial state, shown ideas): "312 of 18,690 triaged". Counted from
        the stored statuses and the decided ideas, not by reading every idea."""
        initial, _, _ = self._lifecycle_orders(workshop_id)
        total = self.db.execute(
            "SELECT count(*) FROM ideas WHERE workshop_id = ? AND hidden_at IS NULL",
            [workshop_id],
        ).fetchone()[0]
        triaged = self.db.execute(
            "SELECT count(*) FROM ideas i WHERE i.id IN (SELECT idea_id FROM idea_status"
            f" WHERE workshop_id = ? AND status <> ? UNION {reached_ids_sql(workshop_id)})"
            " AND i.hidden_at IS NULL",
            [workshop_id, initial],
        ).fetchone()[0]
        return triaged, total

    # facts for indicators, feedback and the public view ---------------------------------------

    def _fact_rows(self, workshop_id: int | None, *, decided_only: bool) -> list[dict[str, Any]]:
        """Shown ideas with their effective status and decision, cost and department,
        resolved here from the workshop's (few) decisions, valuations and assignees."""
        scope, params = "", []
        if workshop_id is not None:
            scope, params = " AND workshop_id = ?", [workshop_id]
        rows = list(
            self.db.query(
                "SELECT i.id, i.workshop_id, i.text, i.title, i.author, i.source, i.language,"
                " i.created, i.added_at, i.original, s.status AS stored_status, a.cluster_id,"
                " pa.cluster_id AS primary_cluster_id, im.file_name, c.label AS cluster_label"
                " FROM ideas i LEFT JOIN idea_status s ON s.idea_id = i.id"
                " LEFT JOIN assignments a ON a.idea_id = i.id"
                " LEFT JOIN idea_merges m ON m.merged_idea_id = i.id AND m.undone_at IS NULL"
                " LEFT JOIN assignments pa ON pa.idea_id = m.primary_idea_id"
                " LEFT JOIN imports im ON im.id = i.import_id"
                " LEFT JOIN clusters c ON c.id = a.cluster_id"
                f" WHERE i.hidden_at IS NULL{scope.replace('workshop_id', 'i.workshop_id')}"
                " ORDER BY i.id",
                params,
            )
        )
        live: dict[tuple[str, int], dict[str, Any]] = {}
        first_answer: dict[tuple[str, int], str] = {}
        for d in self.db.query(f"SELECT * FROM decisions WHERE 1{scope} ORDER BY id", params):
            key = (
                ("idea", d["idea_id"]) if d["idea_id"] is not None else ("cluster", d["cluster_id"])
            )
            if d["superseded_at"] is None:
                live[key] = d
            if (d["answer_fr"] or d["answer_en"]) and key not in first_answer:
                first_answer[key] = d["decided_at"]
        valuations = {
            ("idea", v["idea_id"]) if v["idea_id"] is not None else ("cluster", v["cluster_id"]): v
            for v in self.db.query(
                f"SELECT * FROM valuations WHERE superseded_at IS NULL{scope}", params
            )
        }
        assignees = {
            ("idea", t["idea_id"]) if t["idea_id"] is not None else ("cluster", t["cluster_id"]): t
            for t in self.db.query(f"SELECT * FROM triage_assignees WHERE 1{scope}", params)
        }
        terms: dict[int, tuple[str, str, tuple[str, ...]]] = {}
        found = []
        for row in rows:
            own_key = ("idea", row["id"])
            decision_cluster = row["primary_cluster_id"] or row["cluster_id"]
            cluster_key = ("cluster", decision_cluster)
            decision = live.get(own_key) or live.get(cluster_key)
            if decided_only and decision is None:
                continue
            wid = row["workshop_id"]
            if wid not in terms:
                terms[wid] = self._lifecycle_terms(wid)
            initial, decided, before = terms[wid]
            status = row["stored_status"] or initial
            if decision is not None and status in before:
                status = decided
            answers = [first_answer[k] for k in (own_key, cluster_key) if k in first_answer]
            valuation = valuations.get(own_key) or valuations.get(("cluster", row["cluster_id"]))
            assignee = assignees.get(own_key) or assignees.get(("cluster", row["cluster_id"]))
            row.update(
                status=status,
                original=json.loads(row["original"] or "{}"),
                decision_cluster_id=decision_cluster,
                decision_id=decision["id"] if decision else None,
                decision_from=None
                if decision is None
                else ("idea" if own_key in live else "cluster"),
                outcome=decision["outcome"] if decision else None,
                answer_fr=decision["answer_fr"] if decision else None,
                answer_en=decision["answer_en"] if decision else None,
                decided_at=decision["decided_at"] if decision else None,
                merged_into=decision["merged_into"] if decision else None,
                answered_at=min(answers) if answers else None,
                cost=valuation["cost"] if valuation else None,
                department=(valuation or {}).get("department")
                or (assignee or {}).get("department"),
            )
            found.append(row)
        return found

    def idea_facts(self, workshop_id: int | None = None) -> list[dict[str, Any]]:
        """One row per shown idea (hidden and deleted ideas left out), the shape the
        indicators read: idea_id, workshop_id, created (the idea's own date, None when its row
        had none), source, channel, author, language,
        status, outcome, decided_at, answered_at, cost, department, cluster_id, original."""
        facts = []
        for row in self._fact_rows(workshop_id, decided_only=False):
            # the idea's own date only: an import without dates is "not in this data" (0042)
            created = row["created"]
            facts.append(
                {
                    "idea_id": row["id"],
                    "workshop_id": row["workshop_id"],
                    "created": created[:10] if created else None,
                    "source": row["source"],
                    "channel": _channel(row["source"], row["file_name"]),
                    "author": row["author"] or None,
                    "language": row["language"],
                    "status": row["status"],
                    "outcome": row["outcome"],
                    "decided_at": row["decided_at"],
                    "answered_at": row["answered_at"],
                    "cost": float(row["cost"]) if row["cost"] is not None else None,
                    "department": row["department"],
                    "cluster_id": row["cluster_id"],
                    "original": row["original"],
                }
            )
        return facts

    def decided_idea_rows(self, workshop_id: int) -> list[dict[str, Any]]:
        """Shown ideas a decision reaches, with the decision, status, cluster and text."""
        return self._fact_rows(workshop_id, decided_only=True)


def _channel(source: str | None, file_name: str | None) -> str:
    """How an idea came in: typed in the room, a paper form, or a platform's export."""
    name = f"{source or ''} {file_name or ''}".lower()
    if (source or "").lower() in WORKSHOP_SOURCES:
        return "workshop"
    if any(word in name for word in PAPER_WORDS):
        return "paper"
    return "platform"
