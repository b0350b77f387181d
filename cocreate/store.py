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
# clustering fits kept in the fit cache (the newest ones)
FITS_KEPT = 16

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


@migrations()
def m004_rubrics_rounds_scores(db: sqlite_utils.Database) -> None:
    # a rubric copied into a workshop: an immutable snapshot of the template's id and version
    db.execute(
        """
        CREATE TABLE workshop_rubrics (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            rubric_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
            definition TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX workshop_rubrics_workshop ON workshop_rubrics(workshop_id)")
    # a round keeps its own copy of the rubric: editing the workshop's rubric changes no result
    db.execute(
        """
        CREATE TABLE score_rounds (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            workshop_rubric_id INTEGER REFERENCES workshop_rubrics(id) ON DELETE SET NULL,
            rubric_id TEXT NOT NULL,
            rubric_version INTEGER NOT NULL,
            rubric TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            blind INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),
            revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
            created_at TEXT NOT NULL,
            closed_at TEXT,
            revealed_at TEXT
        )"""
    )
    db.execute("CREATE INDEX score_rounds_workshop ON score_rounds(workshop_id)")
    db.execute(
        """
        CREATE TABLE round_targets (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES score_rounds(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('cluster', 'idea')),
            cluster_id INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            CHECK ((kind = 'cluster') = (cluster_id IS NOT NULL)),
            CHECK ((kind = 'idea') = (idea_id IS NOT NULL)),
            UNIQUE (round_id, cluster_id),
            UNIQUE (round_id, idea_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE raters (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            token TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('participant', 'staff')),
            name TEXT,
            created_at TEXT NOT NULL,
            CHECK ((kind = 'staff') = (name IS NOT NULL))
        )"""
    )
    # "don't know" is a NULL value with dont_know = 1, never a zero
    db.execute(
        """
        CREATE TABLE scores (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES score_rounds(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES round_targets(id) ON DELETE CASCADE,
            rater_id INTEGER NOT NULL REFERENCES raters(id) ON DELETE CASCADE,
            criterion TEXT NOT NULL,
            value REAL,
            dont_know INTEGER NOT NULL DEFAULT 0 CHECK (dont_know IN (0, 1)),
            updated_at TEXT NOT NULL,
            CHECK ((dont_know = 1) = (value IS NULL)),
            UNIQUE (round_id, target_id, rater_id, criterion)
        )"""
    )
    db.execute("CREATE INDEX scores_rater ON scores(rater_id)")


@migrations()
def m005_stakeholders(db: sqlite_utils.Database) -> None:
    # groups, relation types and roles are checked against the vocabulary
    # (templates/stakeholders) by cocreate.stakeholders; the fixed scales are checked here
    db.execute(
        """
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (key <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            actor_group TEXT NOT NULL,
            power INTEGER NOT NULL DEFAULT 3 CHECK (power IN (1, 2, 3, 4, 5)),
            interest INTEGER NOT NULL DEFAULT 3 CHECK (interest IN (1, 2, 3, 4, 5)),
            stance TEXT NOT NULL DEFAULT 'unknown'
                CHECK (stance IN ('supports', 'neutral', 'opposes', 'unknown')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (workshop_id, key)
        )"""
    )
    db.execute(
        """
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
            direction TEXT NOT NULL DEFAULT 'directed'
                CHECK (direction IN ('directed', 'mutual', 'undirected')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (source_id <> target_id),
            UNIQUE (source_id, target_id, type)
        )"""
    )
    db.execute("CREATE INDEX relations_workshop ON relations(workshop_id)")
    db.execute("CREATE INDEX relations_target ON relations(target_id)")
    db.execute(
        """
        CREATE TABLE stakeholder_links (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            cluster_id INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK ((cluster_id IS NULL) <> (idea_id IS NULL)),
            UNIQUE (actor_id, cluster_id, role),
            UNIQUE (actor_id, idea_id, role)
        )"""
    )
    db.execute("CREATE INDEX stakeholder_links_workshop ON stakeholder_links(workshop_id)")
    db.execute("CREATE INDEX stakeholder_links_cluster ON stakeholder_links(cluster_id)")
    db.execute("CREATE INDEX stakeholder_links_idea ON stakeholder_links(idea_id)")
    # relation types a workshop adds to the vocabulary's list
    db.execute(
        """
        CREATE TABLE workshop_relation_types (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            type TEXT NOT NULL CHECK (type <> ''),
            label_fr TEXT NOT NULL,
            label_en TEXT NOT NULL,
            approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1)),
            conflict INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1)),
            direction TEXT NOT NULL DEFAULT 'directed'
                CHECK (direction IN ('directed', 'mutual', 'undirected')),
            created_at TEXT NOT NULL,
            UNIQUE (workshop_id, type)
        )"""
    )


# how each table names the workshop a changed row belongs to (``{row}`` is NEW or OLD)
REVISION_SOURCES = {
    "ideas": "{row}.workshop_id",
    "clusterings": "{row}.workshop_id",
    "clusters": "{row}.workshop_id",
    "assignments": "(SELECT workshop_id FROM ideas WHERE id = {row}.idea_id)",
    "idea_merges": "{row}.workshop_id",
    "workshop_rubrics": "{row}.workshop_id",
    "score_rounds": "{row}.workshop_id",
    "round_targets": "(SELECT workshop_id FROM score_rounds WHERE id = {row}.round_id)",
    "raters": "{row}.workshop_id",
    "scores": "(SELECT workshop_id FROM score_rounds WHERE id = {row}.round_id)",
    "actors": "{row}.workshop_id",
    "relations": "{row}.workshop_id",
    "stakeholder_links": "{row}.workshop_id",
    "workshop_relation_types": "{row}.workshop_id",
}


@migrations()
def m006_workshop_revision(db: sqlite_utils.Database) -> None:
    # a counter every change to a workshop's content bumps, so the app can keep what it
    # computed from a workshop until the workshop changes (triggers: no write path forgets)
    db.execute("ALTER TABLE workshops ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    for table, workshop in REVISION_SOURCES.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(
                f"""
                CREATE TRIGGER {table}_{event.lower()}_revision AFTER {event} ON {table}
                BEGIN
                    UPDATE workshops SET revision = revision + 1
                    WHERE id = {workshop.format(row=row)};
                END"""
            )


@migrations()
def m007_fit_cache(db: sqlite_utils.Database) -> None:
    # a clustering fit is a pure function of the vectors and its settings: kept by a digest
    # of both, so re-clustering unchanged ideas with unchanged settings skips the fit
    db.execute(
        """
        CREATE TABLE fit_cache (
            key TEXT PRIMARY KEY,
            result BLOB NOT NULL,
            stored_at TEXT NOT NULL
        )"""
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

    def find_workshop_by_code(self, code: str) -> dict[str, Any] | None:
        """A workshop by its join code only (participants cannot join by guessing a name)."""
        rows = list(self.db.query("SELECT * FROM workshops WHERE join_code = ?", [code]))
        return rows[0] if rows else None

    def set_facilitator_secret_hash(self, workshop_id: int, secret_hash: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE workshops SET facilitator_secret_hash = ? WHERE id = ?",
                [secret_hash, workshop_id],
            )

    def set_phase(self, workshop_id: int, phase: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE workshops SET phase = ? WHERE id = ?", [phase, workshop_id])

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

    def workshop_revision(self, workshop_id: int) -> str:
        """A token that changes with every change to the workshop's ideas, groups, scores
        or map (not its name or phase): what was computed at one token still holds. The
        random join code is part of it, as a deleted workshop's id can be given again."""
        row = self.db.execute(
            "SELECT join_code, created_at, revision FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()
        if row is None:
            raise StoreError(f"No workshop with id {workshop_id}.")
        return "#".join(map(str, row))

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
            # (idea, its text hash, its row hash): the hashes are computed once each
            fresh: list[tuple[IdeaRecord, str, str]] = []
            # (position in fresh, position of the first idea of this batch with its text)
            repeats_in_batch: list[tuple[int, int]] = []
            first_in_batch: dict[str, int] = {}
            for idea in ideas:
                row = idea.row_hash
                known_hash = stored.get(idea.source_key)
                if known_hash is not None:
                    if known_hash == row:
                        report.already_stored += 1
                    else:
                        report.changed += 1
                    continue
                stored[idea.source_key] = row
                text = idea.text_hash
                if text in first_by_text:
                    report.exact_duplicates += 1
                elif text in first_in_batch:
                    repeats_in_batch.append((len(fresh), first_in_batch[text]))
                    report.exact_duplicates += 1
                else:
                    first_in_batch[text] = len(fresh)
                fresh.append((idea, text, row))
            # one executemany (half the time of a call per row on 10k ideas); the ids are
            # read back in insertion order, which is id order within this transaction
            conn.executemany(
                "INSERT INTO ideas (workshop_id, source, source_key, source_id, text, title,"
                " author, category, votes, created, language, original, row_hash, text_hash,"
                " duplicate_of, import_id, line, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
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
                        row,
                        text,
                        first_by_text.get(text),
                        import_id,
                        idea.line,
                        stamp,
                    ]
                    for idea, text, row in fresh
                ),
            )
            ids = [
                row[0]
                for row in conn.execute(
                    "SELECT id FROM ideas WHERE import_id = ? ORDER BY id", [import_id]
                )
            ]
            if len(ids) != len(fresh):
                raise RuntimeError(f"stored {len(ids)} ideas of {len(fresh)} (import {import_id})")
            conn.executemany(
                "UPDATE ideas SET duplicate_of = ? WHERE id = ?",
                [(ids[first], ids[position]) for position, first in repeats_in_batch],
            )
            report.added += len(fresh)
            report.idea_ids.extend(ids)
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

    def get_fit(self, key: str) -> bytes | None:
        """A clustering fit stored under ``key`` (see :func:`cocreate.clustering`)."""
        row = self.db.execute("SELECT result FROM fit_cache WHERE key = ?", [key]).fetchone()
        return None if row is None else bytes(row[0])

    def put_fit(self, key: str, result: bytes, *, keep: int = FITS_KEPT) -> None:
        """Store a fit; only the ``keep`` newest stay (a fit of 100k ideas takes ~2 MB)."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO fit_cache (key, result, stored_at) VALUES (?, ?, ?)",
                [key, result, now_iso()],
            )
            conn.execute(
                "DELETE FROM fit_cache WHERE key NOT IN"
                " (SELECT key FROM fit_cache ORDER BY stored_at DESC, rowid DESC LIMIT ?)",
                [keep],
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

    # scoring: rubrics copied into workshops, rounds, raters, scores ----------------------------

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
        or every idea assigned to the cluster."""
        return list(
            self.db.query(
                "SELECT t.id AS target_id, i.id AS idea_id, i.votes FROM round_targets t"
                " JOIN ideas i ON i.id = t.idea_id WHERE t.round_id = ?"
                " UNION ALL"
                " SELECT t.id, i.id, i.votes FROM round_targets t"
                " JOIN assignments a ON a.cluster_id = t.cluster_id"
                " JOIN ideas i ON i.id = a.idea_id WHERE t.round_id = ?"
                " ORDER BY 1, 2",
                [round_id, round_id],
            )
        )

    # stakeholder map: actors, relations between them, links to clusters and ideas ------------

    _ACTOR_COLUMNS = (
        'id, workshop_id, key, name, actor_group AS "group", power, interest, stance, notes,'
        " created_at, updated_at"
    )
    _STANCES = ("supports", "neutral", "opposes", "unknown")
    _DIRECTIONS = ("directed", "mutual", "undirected")

    @classmethod
    def _check_actor_fields(cls, fields: dict[str, Any]) -> None:
        for scale in ("power", "interest"):
            if scale in fields:
                value = fields[scale]
                if isinstance(value, bool) or value not in (1, 2, 3, 4, 5):
                    raise StoreError(
                        f"{scale.capitalize()} is a whole number from 1 to 5, not {value!r}."
                    )
        if "stance" in fields and fields["stance"] not in cls._STANCES:
            raise StoreError(
                f"Stance is one of {', '.join(cls._STANCES)}, not {fields['stance']!r}."
            )
        for text in ("key", "name", "group"):
            if text in fields and not str(fields[text]).strip():
                raise StoreError(f"An actor needs a {text}.")

    @classmethod
    def _check_relation_fields(cls, fields: dict[str, Any]) -> None:
        if "weight" in fields and not (
            isinstance(fields["weight"], int | float)
            and not isinstance(fields["weight"], bool)
            and fields["weight"] > 0
        ):
            raise StoreError(f"A relation weight is a number above 0, not {fields['weight']!r}.")
        if "direction" in fields and fields["direction"] not in cls._DIRECTIONS:
            raise StoreError(
                f"Direction is one of {', '.join(cls._DIRECTIONS)}, not {fields['direction']!r}."
            )
        if "type" in fields and not str(fields["type"]).strip():
            raise StoreError("A relation needs a type.")

    def add_actor(
        self,
        workshop_id: int,
        *,
        key: str,
        name: str,
        group: str,
        power: int = 3,
        interest: int = 3,
        stance: str = "unknown",
        notes: str = "",
    ) -> dict[str, Any]:
        """Add an actor to a workshop's stakeholder map; ``key`` is unique in the workshop."""
        self.get_workshop(workshop_id)
        fields = dict(key=key, name=name, group=group, power=power, interest=interest)
        self._check_actor_fields({**fields, "stance": stance})
        stamp = now_iso()
        with self._write() as conn:
            if conn.execute(
                "SELECT 1 FROM actors WHERE workshop_id = ? AND key = ?", [workshop_id, key]
            ).fetchone():
                raise StoreError(f"Workshop {workshop_id} already has an actor {key!r}.")
            actor_id = conn.execute(
                "INSERT INTO actors (workshop_id, key, name, actor_group, power, interest,"
                " stance, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [workshop_id, key, name, group, power, interest, stance, notes, stamp, stamp],
            ).lastrowid
        return self.get_actor(actor_id)

    def get_actor(self, actor_id: int) -> dict[str, Any]:
        rows = list(
            self.db.query(f"SELECT {self._ACTOR_COLUMNS} FROM actors WHERE id = ?", [actor_id])
        )
        if not rows:
            raise StoreError(f"No actor with id {actor_id}.")
        return rows[0]

    def list_actors(self, workshop_id: int) -> list[dict[str, Any]]:
        """Actors of a workshop in the order they were added."""
        return list(
            self.db.query(
                f"SELECT {self._ACTOR_COLUMNS} FROM actors WHERE workshop_id = ? ORDER BY id",
                [workshop_id],
            )
        )

    def update_actor(self, actor_id: int, **fields: Any) -> dict[str, Any]:
        """Change ``key``, ``name``, ``group``, ``power``, ``interest``, ``stance`` or
        ``notes`` of an actor."""
        allowed = {"key", "name", "group", "power", "interest", "stance", "notes"}
        unknown = set(fields) - allowed
        if unknown:
            raise StoreError(f"Cannot update {', '.join(sorted(unknown))} of an actor.")
        actor = self.get_actor(actor_id)
        self._check_actor_fields(fields)
        if not fields:
            return actor
        columns = {("actor_group" if k == "group" else k): v for k, v in fields.items()}
        columns["updated_at"] = now_iso()
        with self._write() as conn:
            if (
                "key" in fields
                and conn.execute(
                    "SELECT 1 FROM actors WHERE workshop_id = ? AND key = ? AND id <> ?",
                    [actor["workshop_id"], fields["key"], actor_id],
                ).fetchone()
            ):
                raise StoreError(f"Another actor of the workshop has the key {fields['key']!r}.")
            conn.execute(
                f"UPDATE actors SET {', '.join(f'{k} = ?' for k in columns)} WHERE id = ?",
                [*columns.values(), actor_id],
            )
        return self.get_actor(actor_id)

    def delete_actor(self, actor_id: int) -> None:
        """Delete an actor with its relations and links."""
        with self._write() as conn:
            conn.execute("DELETE FROM actors WHERE id = ?", [actor_id])

    _RELATION_SELECT = (
        "SELECT r.*, s.key AS source_key, t.key AS target_key FROM relations r"
        " JOIN actors s ON s.id = r.source_id JOIN actors t ON t.id = r.target_id"
    )

    def add_relation(
        self,
        workshop_id: int,
        source_id: int,
        target_id: int,
        type: str,
        *,
        weight: float = 1.0,
        direction: str = "directed",
        notes: str = "",
    ) -> dict[str, Any]:
        """Relate two actors of a workshop (``source`` ``type`` ``target``: "city funds
        association"); one relation per source, target and type."""
        self._check_relation_fields({"type": type, "weight": weight, "direction": direction})
        if source_id == target_id:
            raise StoreError("An actor cannot be related to itself.")
        with self._write() as conn:
            for actor_id in (source_id, target_id):
                row = conn.execute(
                    "SELECT workshop_id FROM actors WHERE id = ?", [actor_id]
                ).fetchone()
                if row is None or row[0] != workshop_id:
                    raise StoreError(f"No actor {actor_id} in workshop {workshop_id}.")
            if conn.execute(
                "SELECT 1 FROM relations WHERE source_id = ? AND target_id = ? AND type = ?",
                [source_id, target_id, type],
            ).fetchone():
                raise StoreError(f"These actors already have a {type!r} relation.")
            relation_id = conn.execute(
                "INSERT INTO relations (workshop_id, source_id, target_id, type, weight,"
                " direction, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    source_id,
                    target_id,
                    type,
                    float(weight),
                    direction,
                    notes,
                    now_iso(),
                ],
            ).lastrowid
        return self.get_relation(relation_id)

    def get_relation(self, relation_id: int) -> dict[str, Any]:
        rows = list(self.db.query(self._RELATION_SELECT + " WHERE r.id = ?", [relation_id]))
        if not rows:
            raise StoreError(f"No relation with id {relation_id}.")
        return rows[0]

    def list_relations(self, workshop_id: int) -> list[dict[str, Any]]:
        """Relations of a workshop with the keys of both actors, in the order added."""
        return list(
            self.db.query(
                self._RELATION_SELECT + " WHERE r.workshop_id = ? ORDER BY r.id", [workshop_id]
            )
        )

    def update_relation(self, relation_id: int, **fields: Any) -> dict[str, Any]:
        """Change ``type``, ``weight``, ``direction`` or ``notes`` of a relation."""
        allowed = {"type", "weight", "direction", "notes"}
        unknown = set(fields) - allowed
        if unknown:
            raise StoreError(f"Cannot update {', '.join(sorted(unknown))} of a relation.")
        relation = self.get_relation(relation_id)
        self._check_relation_fields(fields)
        if not fields:
            return relation
        with self._write() as conn:
            if (
                "type" in fields
                and conn.execute(
                    "SELECT 1 FROM relations WHERE source_id = ? AND target_id = ? AND type = ?"
                    " AND id <> ?",
                    [relation["source_id"], relation["target_id"], fields["type"], relation_id],
                ).fetchone()
            ):
                raise StoreError(f"These actors already have a {fields['type']!r} relation.")
            conn.execute(
                f"UPDATE relations SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                [*fields.values(), relation_id],
            )
        return self.get_relation(relation_id)

    def delete_relation(self, relation_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM relations WHERE id = ?", [relation_id])

    _LINK_SELECT = (
        "SELECT l.*, a.key AS actor_key,"
        " CASE WHEN l.cluster_id IS NOT NULL THEN 'cluster' ELSE 'idea' END AS target_kind,"
        " coalesce(c.label, i.title, i.text) AS target_label,"
        " c.retired_at AS cluster_retired_at, ia.cluster_id AS idea_cluster_id"
        " FROM stakeholder_links l JOIN actors a ON a.id = l.actor_id"
        " LEFT JOIN clusters c ON c.id = l.cluster_id"
        " LEFT JOIN ideas i ON i.id = l.idea_id"
        " LEFT JOIN assignments ia ON ia.idea_id = l.idea_id"
    )

    @staticmethod
    def _check_link_target(
        conn: sqlite3.Connection,
        workshop_id: int,
        cluster_id: int | None,
        idea_id: int | None,
    ) -> None:
        if (cluster_id is None) == (idea_id is None):
            raise StoreError("A link goes to a cluster or to an idea.")
        table, ref = ("clusters", cluster_id) if cluster_id is not None else ("ideas", idea_id)
        row = conn.execute(f"SELECT workshop_id FROM {table} WHERE id = ?", [ref]).fetchone()
        if row is None or row[0] != workshop_id:
            raise StoreError(f"No {table[:-1]} {ref} in workshop {workshop_id}.")

    def add_stakeholder_link(
        self,
        workshop_id: int,
        actor_id: int,
        *,
        role: str,
        cluster_id: int | None = None,
        idea_id: int | None = None,
        notes: str = "",
    ) -> dict[str, Any]:
        """Link an actor to a cluster or an idea of the same workshop with a ``role``."""
        if not role.strip():
            raise StoreError("A link needs a role.")
        with self._write() as conn:
            row = conn.execute("SELECT workshop_id FROM actors WHERE id = ?", [actor_id]).fetchone()
            if row is None or row[0] != workshop_id:
                raise StoreError(f"No actor {actor_id} in workshop {workshop_id}.")
            self._check_link_target(conn, workshop_id, cluster_id, idea_id)
            column, ref = (
                ("cluster_id", cluster_id) if cluster_id is not None else ("idea_id", idea_id)
            )
            if conn.execute(
                f"SELECT 1 FROM stakeholder_links WHERE actor_id = ? AND {column} = ? AND role = ?",
                [actor_id, ref, role],
            ).fetchone():
                raise StoreError(f"This actor is already linked there as {role!r}.")
            link_id = conn.execute(
                "INSERT INTO stakeholder_links (workshop_id, actor_id, cluster_id, idea_id, role,"
                " notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [workshop_id, actor_id, cluster_id, idea_id, role, notes, now_iso()],
            ).lastrowid
        return self.get_stakeholder_link(link_id)

    def get_stakeholder_link(self, link_id: int) -> dict[str, Any]:
        rows = list(self.db.query(self._LINK_SELECT + " WHERE l.id = ?", [link_id]))
        if not rows:
            raise StoreError(f"No stakeholder link with id {link_id}.")
        return rows[0]

    def list_stakeholder_links(self, workshop_id: int) -> list[dict[str, Any]]:
        """Links of a workshop with the actor key, the target's kind and label, whether the
        cluster is retired, and the current cluster of a linked idea."""
        return list(
            self.db.query(
                self._LINK_SELECT + " WHERE l.workshop_id = ? ORDER BY l.id", [workshop_id]
            )
        )

    def update_stakeholder_link(self, link_id: int, **fields: Any) -> dict[str, Any]:
        """Change ``role`` or ``notes`` of a link."""
        unknown = set(fields) - {"role", "notes"}
        if unknown:
            raise StoreError(f"Cannot update {', '.join(sorted(unknown))} of a link.")
        link = self.get_stakeholder_link(link_id)
        if not fields:
            return link
        if "role" in fields and not str(fields["role"]).strip():
            raise StoreError("A link needs a role.")
        with self._write() as conn:
            try:
                conn.execute(
                    f"UPDATE stakeholder_links SET {', '.join(f'{k} = ?' for k in fields)}"
                    " WHERE id = ?",
                    [*fields.values(), link_id],
                )
            except sqlite3.IntegrityError:
                raise StoreError(
                    f"This actor is already linked there as {fields['role']!r}."
                ) from None
        return self.get_stakeholder_link(link_id)

    def delete_stakeholder_link(self, link_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM stakeholder_links WHERE id = ?", [link_id])

    def add_relation_type(
        self,
        workshop_id: int,
        type: str,
        *,
        label_fr: str,
        label_en: str,
        approval: bool = False,
        conflict: bool = False,
        direction: str = "directed",
    ) -> dict[str, Any]:
        """Add a relation type to one workshop's vocabulary (the template's types stay)."""
        self.get_workshop(workshop_id)
        self._check_relation_fields({"type": type, "direction": direction})
        with self._write() as conn:
            if conn.execute(
                "SELECT 1 FROM workshop_relation_types WHERE workshop_id = ? AND type = ?",
                [workshop_id, type],
            ).fetchone():
                raise StoreError(f"Workshop {workshop_id} already has a relation type {type!r}.")
            conn.execute(
                "INSERT INTO workshop_relation_types (workshop_id, type, label_fr, label_en,"
                " approval, conflict, direction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    type,
                    label_fr,
                    label_en,
                    int(approval),
                    int(conflict),
                    direction,
                    now_iso(),
                ],
            )
        return next(r for r in self.list_relation_types(workshop_id) if r["type"] == type)

    def list_relation_types(self, workshop_id: int) -> list[dict[str, Any]]:
        """The relation types a workshop added, in the order added."""
        rows = list(
            self.db.query(
                "SELECT * FROM workshop_relation_types WHERE workshop_id = ? ORDER BY id",
                [workshop_id],
            )
        )
        for row in rows:
            row["approval"], row["conflict"] = bool(row["approval"]), bool(row["conflict"])
        return rows

    def delete_relation_type(self, workshop_id: int, type: str) -> None:
        """Remove a workshop's relation type; refused while a relation uses it."""
        with self._write() as conn:
            used = conn.execute(
                "SELECT count(*) FROM relations WHERE workshop_id = ? AND type = ?",
                [workshop_id, type],
            ).fetchone()[0]
            if used:
                raise StoreError(f"{used} relation(s) of this workshop are of type {type!r}.")
            conn.execute(
                "DELETE FROM workshop_relation_types WHERE workshop_id = ? AND type = ?",
                [workshop_id, type],
            )

    def save_stakeholder_map(
        self,
        workshop_id: int,
        *,
        actors: Iterable[dict[str, Any]] = (),
        relations: Iterable[dict[str, Any]] = (),
        links: Iterable[dict[str, Any]] = (),
        update: bool = False,
    ) -> dict[str, dict[str, int]]:
        """Store a map in one transaction, matching what is already stored so that saving
        the same map twice adds nothing.

        Actors match by ``key``; relations (``source``/``target`` actor keys, ``type``) by
        both actors and type; links (``actor`` key, ``cluster_id`` or ``idea_id``, ``role``)
        by actor, target and role. A match whose other fields differ counts as ``changed``
        and is overwritten only when ``update`` is true. Returns, per kind, the counts
        ``added``, ``already_stored`` and ``changed``."""
        self.get_workshop(workshop_id)
        counts = {
            kind: {"added": 0, "already_stored": 0, "changed": 0}
            for kind in ("actors", "relations", "links")
        }
        actors, relations, links = list(actors), list(relations), list(links)
        for actor in actors:
            self._check_actor_fields(actor)
        for relation in relations:
            self._check_relation_fields(relation)
        stamp = now_iso()
        with self._write() as conn:
            stored = {
                row[1]: row
                for row in conn.execute(
                    "SELECT id, key, name, actor_group, power, interest, stance, notes"
                    " FROM actors WHERE workshop_id = ?",
                    [workshop_id],
                )
            }
            ids = {key: row[0] for key, row in stored.items()}
            for actor in actors:
                values = [
                    actor["name"],
                    actor["group"],
                    actor.get("power", 3),
                    actor.get("interest", 3),
                    actor.get("stance", "unknown"),
                    actor.get("notes", ""),
                ]
                known = stored.get(actor["key"])
                if known is None:
                    ids[actor["key"]] = conn.execute(
                        "INSERT INTO actors (workshop_id, key, name, actor_group, power, interest,"
                        " stance, notes, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [workshop_id, actor["key"], *values, stamp, stamp],
                    ).lastrowid
                    counts["actors"]["added"] += 1
                elif list(known[2:]) == values:
                    counts["actors"]["already_stored"] += 1
                else:
                    counts["actors"]["changed"] += 1
                    if update:
                        conn.execute(
                            "UPDATE actors SET name = ?, actor_group = ?, power = ?,"
                            " interest = ?, stance = ?, notes = ?, updated_at = ? WHERE id = ?",
                            [*values, stamp, known[0]],
                        )
            for relation in relations:
                source, target = (relation["source"], relation["target"])
                for key in (source, target):
                    if key not in ids:
                        raise StoreError(f"No actor {key!r} in workshop {workshop_id}.")
                if source == target:
                    raise StoreError(f"Actor {source!r} cannot be related to itself.")
                values = [
                    float(relation.get("weight", 1.0)),
                    relation.get("direction", "directed"),
                    relation.get("notes", ""),
                ]
                known = conn.execute(
                    "SELECT id, weight, direction, notes FROM relations"
                    " WHERE source_id = ? AND target_id = ? AND type = ?",
                    [ids[source], ids[target], relation["type"]],
                ).fetchone()
                if known is None:
                    conn.execute(
                        "INSERT INTO relations (workshop_id, source_id, target_id, type, weight,"
                        " direction, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [workshop_id, ids[source], ids[target], relation["type"], *values, stamp],
                    )
                    counts["relations"]["added"] += 1
                elif list(known[1:]) == values:
                    counts["relations"]["already_stored"] += 1
                else:
                    counts["relations"]["changed"] += 1
                    if update:
                        conn.execute(
                            "UPDATE relations SET weight = ?, direction = ?, notes = ?"
                            " WHERE id = ?",
                            [*values, known[0]],
                        )
            for link in links:
                if link["actor"] not in ids:
                    raise StoreError(f"No actor {link['actor']!r} in workshop {workshop_id}.")
                cluster_id, idea_id = link.get("cluster_id"), link.get("idea_id")
                self._check_link_target(conn, workshop_id, cluster_id, idea_id)
                column, ref = (
                    ("cluster_id", cluster_id) if cluster_id is not None else ("idea_id", idea_id)
                )
                notes = link.get("notes", "")
                known = conn.execute(
                    f"SELECT id, notes FROM stakeholder_links WHERE actor_id = ? AND {column} = ?"
                    " AND role = ?",
                    [ids[link["actor"]], ref, link["role"]],
                ).fetchone()
                if known is None:
                    conn.execute(
                        "INSERT INTO stakeholder_links (workshop_id, actor_id, cluster_id,"
                        " idea_id, role, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [
                            workshop_id,
                            ids[link["actor"]],
                            cluster_id,
                            idea_id,
                            link["role"],
                            notes,
                            stamp,
                        ],
                    )
                    counts["links"]["added"] += 1
                elif known[1] == notes:
                    counts["links"]["already_stored"] += 1
                else:
                    counts["links"]["changed"] += 1
                    if update:
                        conn.execute(
                            "UPDATE stakeholder_links SET notes = ? WHERE id = ?", [notes, known[0]]
                        )
        return counts
