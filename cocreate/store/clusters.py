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

    def active_clusters(self, workshop_id: int) -> list[dict[str, Any]]:
        """Current clusters with their size, largest first."""
        rows = list(
            self.db.query(
                "SELECT c.*, (SELECT count(*) FROM assignments a WHERE a.cluster_id = c.id)"
                " AS size FROM clusters c WHERE c.workshop_id = ? AND c.retired_at IS NULL"
                " ORDER BY size DESC, c.id",
                [workshop_id],
            )
        )
        for row in rows:
            row["keywords"] = json.loads(row["keywords"])
            row["centroid"] = (
                np.frombuffer(row["centroid"], dtype=np.float32) if row["centroid"] else None
            )
        return rows

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
                " a.duplicate_group, a.x, a.y FROM ideas i"
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
    ) -> int:
        """Replace a workshop's clusters in one transaction: clusters not in
        ``keep_cluster_ids`` are retired (kept for history), new ``clusters`` inserted
        (each with a ``ref`` that ``assignments`` use as ``cluster``), and every idea in
        ``assignments`` (re)assigned. Returns the clustering id."""
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
            for cluster in clusters:
                ids[cluster["ref"]] = conn.execute(
                    "INSERT INTO clusters (workshop_id, clustering_id, label, label_edited,"
                    " keywords, pinned, centroid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        workshop_id,
                        clustering_id,
                        cluster["label"],
                        int(cluster.get("label_edited", False)),
                        json.dumps(cluster["keywords"], ensure_ascii=False),
                        int(cluster.get("pinned", False)),
                        np.asarray(cluster["centroid"], dtype=np.float32).tobytes(),
                        stamp,
                    ],
                ).lastrowid
            for cluster_id, cluster in ((ids[c["ref"]], c) for c in clusters):
                cluster["id"] = cluster_id
            self._write_assignments(conn, assignments, ids, stamp)
        return clustering_id

    @staticmethod
    def _write_assignments(conn, assignments, ids, stamp) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO assignments (idea_id, cluster_id, similarity, loose, manual,"
            " duplicate_group, x, y, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                )
                for a in assignments
            ],
        )

    def add_assignments(self, assignments: list[dict[str, Any]]) -> None:
        """Assign ideas to existing clusters (``cluster`` holds the cluster id)."""
        with self._write() as conn:
            self._write_assignments(conn, assignments, None, now_iso())

    def update_cluster(self, cluster_id: int, **fields: Any) -> None:
        """Change ``label``, ``label_edited``, ``keywords``, ``pinned`` or ``centroid``."""
        allowed = {"label", "label_edited", "keywords", "pinned", "centroid"}
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
        self, workshop_id: int, *, label: str, keywords: list[str], centroid, pinned: bool
    ) -> int:
        with self._write() as conn:
            return conn.execute(
                "INSERT INTO clusters (workshop_id, label, label_edited, keywords, pinned,"
                " centroid, created_at) VALUES (?, ?, 0, ?, ?, ?, ?)",
                [
                    workshop_id,
                    label,
                    json.dumps(keywords, ensure_ascii=False),
                    int(pinned),
                    np.asarray(centroid, dtype=np.float32).tobytes(),
                    now_iso(),
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
