"""Clusters of a workshop: clusterings, their clusters (retired, never deleted), each
idea's assignment and map position, the facilitator's edits, and merges of near-duplicate
ideas (recorded, undoable, nothing deleted or moved)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import numpy as np

from cocreate.store.connection import StoreConnection, StoreError, now_iso


class ClustersMixin(StoreConnection):
    """The clusterings, clusters, assignments and merges of :class:`cocreate.store.Store`."""

    def active_clusters(self, workshop_id: int, *, level: int = 0) -> list[dict[str, Any]]:
        """Current clusters with their size (ideas), largest first: the groups (level 0), or
        the top-level themes over them (level 1, see :meth:`active_themes`)."""
        size = (
            "(SELECT count(*) FROM assignments a WHERE a.cluster_id = c.id)"
            if level == 0
            else "(SELECT count(*) FROM assignments a JOIN clusters g ON g.id = a.cluster_id"
            " WHERE g.parent_id = c.id AND g.retired_at IS NULL)"
        )
        rows = list(
            self.db.query(
                f"SELECT c.*, {size} AS size FROM clusters c WHERE c.workshop_id = ?"
                " AND c.retired_at IS NULL AND c.level = ? ORDER BY size DESC, c.id",
                [workshop_id, level],
            )
        )
        for row in rows:
            row["keywords"] = json.loads(row["keywords"])
            row["centroid"] = (
                np.frombuffer(row["centroid"], dtype=np.float32) if row["centroid"] else None
            )
        return rows

    def active_themes(self, workshop_id: int) -> list[dict[str, Any]]:
        """Current top-level themes (clusters of level 1) with their size, largest first."""
        return self.active_clusters(workshop_id, level=1)

    def get_cluster(self, cluster_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM clusters WHERE id = ?", [cluster_id]))
        if not rows:
            raise StoreError(f"No cluster with id {cluster_id}.")
        row = rows[0]
        row["keywords"] = json.loads(row["keywords"])
        return row

    def assignments(self, workshop_id: int) -> list[dict[str, Any]]:
        """Each idea of the workshop with its cluster (or None) and map position."""
        return list(
            self.db.query(
                "SELECT i.id AS idea_id, a.cluster_id, a.similarity, a.loose, a.manual,"
                " a.duplicate_group, a.x, a.y, a.secondary_theme_id, a.secondary_similarity"
                " FROM ideas i"
                " LEFT JOIN assignments a ON a.idea_id = i.id"
                " WHERE i.workshop_id = ? ORDER BY i.id",
                [workshop_id],
            )
        )

    def latest_clustering(self, workshop_id: int) -> dict[str, Any] | None:
        rows = list(
            self.db.query(
                "SELECT * FROM clusterings WHERE workshop_id = ? ORDER BY id DESC LIMIT 1",
                [workshop_id],
            )
        )
        if not rows:
            return None
        rows[0]["params"] = json.loads(rows[0]["params"])
        return rows[0]

    def save_clustering(
        self,
        workshop_id: int,
        *,
        model_id: str,
        seed: int,
        params: dict[str, Any],
        clusters: list[dict[str, Any]],
        assignments: list[dict[str, Any]],
        keep_cluster_ids: Iterable[int] = (),
        parents_of_kept: dict[int, Any] | None = None,
    ) -> int:
        """Replace a workshop's clusters in one transaction: clusters not in
        ``keep_cluster_ids`` are retired (kept for history), new ``clusters`` inserted
        (each with a ``ref`` that ``assignments`` use as ``cluster``), and every idea in
        ``assignments`` (re)assigned. A cluster of ``level`` 1 is a theme; a group names its
        theme by ``parent`` (a ref, or the id of a kept theme); ``parents_of_kept`` puts kept
        groups under a theme (id -> ref or id). An assignment's ``secondary`` (a ref or id)
        and ``secondary_similarity`` give the idea's secondary theme. Returns the id."""
        stamp = now_iso()
        keep = list(keep_cluster_ids)
        with self._write() as conn:
            clustering_id = conn.execute(
                "INSERT INTO clusterings (workshop_id, model_id, seed, params, n_ideas,"
                " n_clusters, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    model_id,
                    seed,
                    json.dumps(params),
                    len(assignments),
                    len(clusters) + len(keep),
                    stamp,
                ],
            ).lastrowid
            # "NOT IN (NULL)" is never true: without pins, no id list at all
            kept = f" AND id NOT IN ({','.join('?' * len(keep))})" if keep else ""
            conn.execute(
                "UPDATE clusters SET retired_at = ? WHERE workshop_id = ? AND retired_at IS NULL"
                + kept,
                [stamp, workshop_id, *keep],
            )
            ids: dict[Any, int] = {cid: cid for cid in keep}
            # themes (level 1) before the groups that name them as parent
            for cluster in sorted(clusters, key=lambda c: -c.get("level", 0)):
                parent = cluster.get("parent")
                ids[cluster["ref"]] = conn.execute(
                    "INSERT INTO clusters (workshop_id, clustering_id, label, label_edited,"
                    " keywords, pinned, centroid, created_at, level, parent_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        workshop_id,
                        clustering_id,
                        cluster["label"],
                        int(cluster.get("label_edited", False)),
                        json.dumps(cluster["keywords"], ensure_ascii=False),
                        int(cluster.get("pinned", False)),
                        np.asarray(cluster["centroid"], dtype=np.float32).tobytes(),
                        stamp,
                        int(cluster.get("level", 0)),
                        ids[parent] if parent is not None else None,
                    ],
                ).lastrowid
            for cluster_id, cluster in ((ids[c["ref"]], c) for c in clusters):
                cluster["id"] = cluster_id
            # kept (pinned) clusters under a theme of this clustering
            conn.executemany(
                "UPDATE clusters SET parent_id = ? WHERE id = ?",
                [(ids[parent], cid) for cid, parent in (parents_of_kept or {}).items()],
            )
            self._write_assignments(conn, assignments, ids, stamp)
        return clustering_id

    @staticmethod
    def _write_assignments(conn, assignments, ids, stamp) -> None:
        def secondary(a):
            ref = a.get("secondary")
            if ref is None:
                return None
            return ids[ref] if ids is not None else ref

        conn.executemany(
            "INSERT OR REPLACE INTO assignments (idea_id, cluster_id, similarity, loose, manual,"
            " duplicate_group, x, y, assigned_at, secondary_theme_id, secondary_similarity)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a["idea_id"],
                    ids[a["cluster"]] if ids is not None else a["cluster"],
                    float(a["similarity"]),
                    int(a.get("loose", False)),
                    int(a.get("manual", False)),
                    a.get("duplicate_group"),
                    float(a["x"]) if a.get("x") is not None else None,
                    float(a["y"]) if a.get("y") is not None else None,
                    stamp,
                    secondary(a),
                    float(a["secondary_similarity"]) if secondary(a) is not None else None,
                )
                for a in assignments
            ],
        )

    def add_assignments(self, assignments: list[dict[str, Any]]) -> None:
        """Assign ideas to existing clusters (``cluster`` holds the cluster id)."""
        with self._write() as conn:
            self._write_assignments(conn, assignments, None, now_iso())

    def update_cluster(self, cluster_id: int, **fields: Any) -> None:
        """Change ``label``, ``label_edited``, ``keywords``, ``pinned``, ``centroid`` or
        ``parent_id`` (the theme a group sits under)."""
        allowed = {"label", "label_edited", "keywords", "pinned", "centroid", "parent_id"}
        unknown = set(fields) - allowed
        if unknown:
            raise StoreError(f"Cannot update {', '.join(sorted(unknown))} of a cluster.")
        values = dict(fields)
        if "keywords" in values:
            values["keywords"] = json.dumps(values["keywords"], ensure_ascii=False)
        if "centroid" in values:
            values["centroid"] = np.asarray(values["centroid"], dtype=np.float32).tobytes()
        for flag in ("label_edited", "pinned"):
            if flag in values:
                values[flag] = int(values[flag])
        with self._write() as conn:
            conn.execute(
                f"UPDATE clusters SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                [*values.values(), cluster_id],
            )

    def create_cluster(
        self,
        workshop_id: int,
        *,
        label: str,
        keywords: list[str],
        centroid,
        pinned: bool,
        level: int = 0,
        parent_id: int | None = None,
    ) -> int:
        with self._write() as conn:
            return conn.execute(
                "INSERT INTO clusters (workshop_id, label, label_edited, keywords, pinned,"
                " centroid, created_at, level, parent_id) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    label,
                    json.dumps(keywords, ensure_ascii=False),
                    int(pinned),
                    np.asarray(centroid, dtype=np.float32).tobytes(),
                    now_iso(),
                    level,
                    parent_id,
                ],
            ).lastrowid

    def retire_cluster(self, cluster_id: int) -> None:
        with self._write() as conn:
            conn.execute("UPDATE clusters SET retired_at = ? WHERE id = ?", [now_iso(), cluster_id])

    def move_ideas(self, idea_ids: Iterable[int], cluster_id: int, *, manual: bool) -> None:
        ids = list(idea_ids)
        with self._write() as conn:
            conn.executemany(
                "UPDATE assignments SET cluster_id = ?, manual = ? WHERE idea_id = ?",
                [(cluster_id, int(manual), i) for i in ids],
            )

    # merges of near-duplicate ideas -----------------------------------------------------------

    def merge_ideas(
        self, workshop_id: int, primary_id: int, merged_ids: Iterable[int]
    ) -> list[int]:
        """Record that ``merged_ids`` repeat ``primary_id``; nothing is deleted or moved.
        Returns the merge ids."""
        stamp = now_iso()
        created = []
        with self._write() as conn:
            for merged in merged_ids:
                if merged == primary_id:
                    continue
                created.append(
                    conn.execute(
                        "INSERT INTO idea_merges (workshop_id, primary_idea_id, merged_idea_id,"
                        " created_at) VALUES (?, ?, ?, ?)",
                        [workshop_id, primary_id, merged, stamp],
                    ).lastrowid
                )
        return created

    def undo_merges(self, merge_ids: Iterable[int]) -> None:
        ids = list(merge_ids)
        with self._write() as conn:
            conn.executemany(
                "UPDATE idea_merges SET undone_at = ? WHERE id = ? AND undone_at IS NULL",
                [(now_iso(), i) for i in ids],
            )

    def active_merges(self, workshop_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT * FROM idea_merges WHERE workshop_id = ? AND undone_at IS NULL ORDER BY id",
                [workshop_id],
            )
        )
