"""SQLite storage: the only module of cocreate that runs SQL.

One SQLite file per installation (``default_db_path``), in WAL mode with a busy timeout and
foreign keys on. The schema is created and evolved by registered migrations
(``sqlite_utils.Migrations``): add a new function for each change, never edit an applied one.

A :class:`Store` wraps one connection. Streamlit runs each rerun on a new thread, so the app
opens one ``Store`` per script run and only caches "migrations applied for this path".
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
import sqlite_utils
from sqlite_utils import Migrations

from cocreate.records import IdeaRecord, ImportReport, slugify

__all__ = ["Store", "default_db_path", "migrations", "StoreError"]

DB_ENV_VAR = "COCREATE_DB"
BUSY_TIMEOUT_MS = 10_000
# unambiguous characters for codes read aloud or typed on a phone
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
# SQLite's default limit on bound parameters is 999 in old builds
SQL_CHUNK = 900

migrations = Migrations("cocreate")


class StoreError(Exception):
    """A request the store cannot satisfy (unknown workshop, duplicate slug...)."""


def default_db_path() -> Path:
    """``$COCREATE_DB`` if set, else ``cocreate.db`` in the user's data folder
    (``~/.local/share/cocreate/cocreate.db`` on Linux)."""
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("cocreate")) / "cocreate.db"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@migrations()
def m001_workshops_imports_ideas(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            challenge TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'fr',
            template TEXT,
            join_code TEXT NOT NULL UNIQUE,
            facilitator_secret_hash TEXT,
            phase TEXT NOT NULL DEFAULT 'collect',
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            file_name TEXT,
            file_sha256 TEXT,
            format TEXT,
            mapping TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL,
            rows_read INTEGER NOT NULL DEFAULT 0,
            rows_added INTEGER NOT NULL DEFAULT 0,
            rows_already_stored INTEGER NOT NULL DEFAULT 0,
            rows_changed INTEGER NOT NULL DEFAULT 0,
            rows_rejected INTEGER NOT NULL DEFAULT 0,
            problems TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute(
        """
        CREATE TABLE ideas (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            source_id TEXT,
            text TEXT NOT NULL,
            title TEXT,
            author TEXT,
            category TEXT,
            votes INTEGER,
            created TEXT,
            language TEXT,
            original TEXT NOT NULL DEFAULT '{}',
            row_hash TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            duplicate_of INTEGER REFERENCES ideas(id),
            import_id INTEGER REFERENCES imports(id),
            line INTEGER,
            added_at TEXT NOT NULL,
            UNIQUE (workshop_id, source, source_key)
        )"""
    )
    db.execute("CREATE INDEX ideas_workshop_text_hash ON ideas(workshop_id, text_hash)")
    db.execute("CREATE INDEX ideas_duplicate_of ON ideas(duplicate_of)")
    # accent-insensitive search: "velo" finds "vélo"
    db["ideas"].enable_fts(
        ["text", "title", "author", "category"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )


@migrations()
def m002_embedding_cache(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE embeddings (
            model_id TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (model_id, text_hash)
        ) WITHOUT ROWID"""
    )


@migrations()
def m003_clusters_assignments_merges(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE clusterings (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            model_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            params TEXT NOT NULL DEFAULT '{}',
            n_ideas INTEGER NOT NULL,
            n_clusters INTEGER NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE clusters (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            clustering_id INTEGER REFERENCES clusterings(id) ON DELETE SET NULL,
            label TEXT NOT NULL DEFAULT '',
            label_edited INTEGER NOT NULL DEFAULT 0,
            keywords TEXT NOT NULL DEFAULT '[]',
            pinned INTEGER NOT NULL DEFAULT 0,
            centroid BLOB,
            created_at TEXT NOT NULL,
            retired_at TEXT
        )"""
    )
    db.execute("CREATE INDEX clusters_workshop ON clusters(workshop_id, retired_at)")
    db.execute(
        """
        CREATE TABLE assignments (
            idea_id INTEGER PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
            cluster_id INTEGER NOT NULL REFERENCES clusters(id),
            similarity REAL,
            loose INTEGER NOT NULL DEFAULT 0,
            manual INTEGER NOT NULL DEFAULT 0,
            duplicate_group INTEGER,
            x REAL,
            y REAL,
            assigned_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX assignments_cluster ON assignments(cluster_id)")
    db.execute(
        """
        CREATE TABLE idea_merges (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            primary_idea_id INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
            merged_idea_id INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            undone_at TEXT
        )"""
    )
    # an idea is merged into at most one other at a time
    db.execute(
        "CREATE UNIQUE INDEX idea_merges_active ON idea_merges(merged_idea_id)"
        " WHERE undone_at IS NULL"
    )


class Store:
    """One connection to a cocreate database file.

    >>> store = Store(":memory:")
    >>> store.create_workshop("Vélo en ville")["slug"]
    'velo-en-ville'
    """

    def __init__(self, path: str | Path | None = None, *, migrate: bool = True) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        self.db = sqlite_utils.Database(conn)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA foreign_keys = ON")
        if str(self.path) != ":memory:":
            self.db.enable_wal()
        if migrate:
            migrations.apply(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock first, so ids read inside it
        stay valid; rolled back whole on any error."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]

    # workshops -----------------------------------------------------------------------

    def create_workshop(
        self,
        title: str,
        *,
        challenge: str = "",
        description: str = "",
        language: str = "fr",
        template: str | None = None,
        slug: str | None = None,
    ) -> dict[str, Any]:
        """Create a workshop with a unique slug and join code; return it as a dict."""
        title = title.strip()
        if not title:
            raise StoreError("A workshop needs a title.")
        base = slug or slugify(title) or "workshop"
        with self._write() as conn:
            candidate, n = base, 1
            while conn.execute("SELECT 1 FROM workshops WHERE slug = ?", [candidate]).fetchone():
                n += 1
                candidate = f"{base}-{n}"
            code = self._new_join_code(conn)
            cursor = conn.execute(
                "INSERT INTO workshops (slug, title, challenge, description, language, template,"
                " join_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [candidate, title, challenge, description, language, template, code, now_iso()],
            )
            workshop_id = cursor.lastrowid
        return self.get_workshop(workshop_id)

    @staticmethod
    def _new_join_code(conn: sqlite3.Connection) -> str:
        while True:
            code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
            if not conn.execute("SELECT 1 FROM workshops WHERE join_code = ?", [code]).fetchone():
                return code

    def find_workshop(self, ref: int | str) -> dict[str, Any] | None:
        """A workshop by id, slug, join code or exact title (case-insensitive)."""
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            rows = list(self.db.query("SELECT * FROM workshops WHERE id = ?", [int(ref)]))
            if rows:
                return rows[0]
        ref = str(ref).strip()
        for sql in (
            "SELECT * FROM workshops WHERE slug = ?",
            "SELECT * FROM workshops WHERE join_code = upper(?)",
        ):
            rows = list(self.db.query(sql, [ref]))
            if rows:
                return rows[0]
        # SQLite's lower() folds ASCII only: compare titles in Python ("Vélo" == "VÉLO")
        wanted = ref.casefold()
        return next(
            (
                w
                for w in self.db.query("SELECT * FROM workshops ORDER BY id")
                if w["title"].casefold() == wanted
            ),
            None,
        )

    def get_workshop(self, ref: int | str) -> dict[str, Any]:
        workshop = self.find_workshop(ref)
        if workshop is None:
            raise StoreError(f"No workshop named {ref!r}.")
        return workshop

    def delete_workshop(self, workshop_id: int) -> None:
        """Delete a workshop with everything it holds (ideas, imports)."""
        with self._write() as conn:
            conn.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])

    def list_workshops(self) -> list[dict[str, Any]]:
        """Every workshop with its number of ideas, newest first."""
        return list(
            self.db.query(
                "SELECT w.*, (SELECT count(*) FROM ideas i WHERE i.workshop_id = w.id) AS ideas"
                " FROM workshops w ORDER BY w.id DESC"
            )
        )

    # ideas ---------------------------------------------------------------------------

    def add_ideas(
        self,
        workshop_id: int,
        ideas: Iterable[IdeaRecord],
        *,
        source: str,
        file_name: str | None = None,
        file_sha256: str | None = None,
        format_name: str | None = None,
        mapping: dict[str, str] | None = None,
        report: ImportReport | None = None,
    ) -> ImportReport:
        """Store ideas of one source in one transaction; an idea whose (source, source key)
        is already stored is skipped, so repeating an import adds nothing.

        Ideas whose normalised text equals an earlier idea of the workshop are stored too,
        with ``duplicate_of`` pointing at the first one.
        """
        report = report or ImportReport(source=source)
        ideas = list(ideas)
        report.rows_read = report.rows_read or len(ideas) + len(report.problems)
        stamp = now_iso()
        with self._write() as conn:
            stored = dict(
                conn.execute(
                    "SELECT source_key, row_hash FROM ideas WHERE workshop_id = ? AND source = ?",
                    [workshop_id, source],
                ).fetchall()
            )
            first_by_text = dict(
                conn.execute(
                    "SELECT text_hash, min(id) FROM ideas WHERE workshop_id = ? GROUP BY text_hash",
                    [workshop_id],
                ).fetchall()
            )
            import_id = conn.execute(
                "INSERT INTO imports (workshop_id, source, file_name, file_sha256, format,"
                " mapping, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    source,
                    file_name,
                    file_sha256,
                    format_name,
                    json.dumps(mapping or {}, ensure_ascii=False),
                    stamp,
                ],
            ).lastrowid
            for idea in ideas:
                known_hash = stored.get(idea.source_key)
                if known_hash is not None:
                    if known_hash == idea.row_hash:
                        report.already_stored += 1
                    else:
                        report.changed += 1
                    continue
                cursor = conn.execute(
                    "INSERT INTO ideas (workshop_id, source, source_key, source_id, text, title,"
                    " author, category, votes, created, language, original, row_hash, text_hash,"
                    " duplicate_of, import_id, line, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        workshop_id,
                        source,
                        idea.source_key,
                        idea.source_id,
                        idea.text,
                        idea.title,
                        idea.author,
                        idea.category,
                        idea.votes,
                        idea.created,
                        idea.language,
                        json.dumps(idea.original, ensure_ascii=False, default=str),
                        idea.row_hash,
                        idea.text_hash,
                        first_by_text.get(idea.text_hash),
                        import_id,
                        idea.line,
                        stamp,
                    ],
                )
                stored[idea.source_key] = idea.row_hash
                first_by_text.setdefault(idea.text_hash, cursor.lastrowid)
                report.added += 1
                report.idea_ids.append(cursor.lastrowid)
                if first_by_text[idea.text_hash] != cursor.lastrowid:
                    report.exact_duplicates += 1
            conn.execute(
                "UPDATE imports SET rows_read = ?, rows_added = ?, rows_already_stored = ?,"
                " rows_changed = ?, rows_rejected = ?, problems = ? WHERE id = ?",
                [
                    report.rows_read,
                    report.added,
                    report.already_stored,
                    report.changed,
                    len(report.problems),
                    json.dumps([p.as_dict() for p in report.problems], ensure_ascii=False),
                    import_id,
                ],
            )
        report.import_id = import_id
        return report

    # embedding cache -------------------------------------------------------------------

    def get_vectors(self, model_id: str, text_hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Cached vectors of ``model_id`` for the hashes it holds."""
        hashes = list(text_hashes)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), SQL_CHUNK):
            chunk = hashes[start : start + SQL_CHUNK]
            marks = ",".join("?" * len(chunk))
            for text_hash, vector in self.db.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model_id = ?"
                f" AND text_hash IN ({marks})",
                [model_id, *chunk],
            ):
                found[text_hash] = np.frombuffer(vector, dtype=np.float32)
        return found

    def put_vectors(self, model_id: str, vectors: dict[str, np.ndarray]) -> None:
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings (model_id, text_hash, dim, vector)"
                " VALUES (?, ?, ?, ?)",
                [
                    (model_id, h, len(v), np.asarray(v, dtype=np.float32).tobytes())
                    for h, v in vectors.items()
                ],
            )

    def count_vectors(self, model_id: str | None = None) -> int:
        if model_id is None:
            return self.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
        return self.db.execute(
            "SELECT count(*) FROM embeddings WHERE model_id = ?", [model_id]
        ).fetchone()[0]

    # clusters ----------------------------------------------------------------------------

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
            marks = ",".join("?" * len(keep)) or "NULL"
            conn.execute(
                f"UPDATE clusters SET retired_at = ? WHERE workshop_id = ? AND retired_at IS NULL"
                f" AND id NOT IN ({marks})",
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

    def _idea_filters(
        self,
        workshop_id: int,
        search: str | None,
        source: str | None,
        category: str | None,
        language: str | None,
        duplicates_only: bool,
    ) -> tuple[str, list[Any]]:
        where, params = ["i.workshop_id = ?"], [workshop_id]
        if search and search.strip():
            where.append("i.id IN (SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH ?)")
            params.append(self.db.quote_fts(search.strip()))
        for column, value in (("source", source), ("category", category), ("language", language)):
            if value:
                where.append(f"i.{column} = ?")
                params.append(value)
        if duplicates_only:
            where.append(
                "(i.duplicate_of IS NOT NULL OR EXISTS"
                " (SELECT 1 FROM ideas d WHERE d.duplicate_of = i.id))"
            )
        return " AND ".join(where), params

    def list_ideas(
        self,
        workshop_id: int,
        *,
        search: str | None = None,
        source: str | None = None,
        category: str | None = None,
        language: str | None = None,
        duplicates_only: bool = False,
        newest_first: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Ideas of a workshop in the order they were stored, filtered; ``search`` is a
        full-text query that ignores accents and case."""
        where, params = self._idea_filters(
            workshop_id, search, source, category, language, duplicates_only
        )
        order = "DESC" if newest_first else "ASC"
        sql = f"SELECT i.* FROM ideas i WHERE {where} ORDER BY i.id {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return list(self.db.query(sql, params))

    def count_ideas(
        self,
        workshop_id: int,
        *,
        search: str | None = None,
        source: str | None = None,
        category: str | None = None,
        language: str | None = None,
        duplicates_only: bool = False,
    ) -> int:
        where, params = self._idea_filters(
            workshop_id, search, source, category, language, duplicates_only
        )
        return self.db.execute(f"SELECT count(*) FROM ideas i WHERE {where}", params).fetchone()[0]

    def idea_facets(self, workshop_id: int) -> dict[str, Any]:
        """Counts a facilitator reads at a glance: total, exact duplicates, and ideas per
        source, category and language."""
        facets: dict[str, Any] = {
            "total": self.count_ideas(workshop_id),
            "exact_duplicates": self.db.execute(
                "SELECT count(*) FROM ideas WHERE workshop_id = ? AND duplicate_of IS NOT NULL",
                [workshop_id],
            ).fetchone()[0],
        }
        for column in ("source", "category", "language"):
            facets[column] = dict(
                self.db.execute(
                    f"SELECT coalesce({column}, ''), count(*) FROM ideas WHERE workshop_id = ?"
                    f" GROUP BY 1 ORDER BY 2 DESC, 1",
                    [workshop_id],
                ).fetchall()
            )
        return facets

    def list_imports(self, workshop_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT * FROM imports WHERE workshop_id = ? ORDER BY id DESC", [workshop_id]
            )
        )

    def get_idea(self, idea_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM ideas WHERE id = ?", [idea_id]))
        if not rows:
            raise StoreError(f"No idea with id {idea_id}.")
        return rows[0]
