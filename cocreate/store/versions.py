"""Which cocreate wrote a database: the version that applied each migration is recorded
(table ``schema_versions``, from ``m012_schema_versions``), and a database holding a
migration this code does not know was written by a newer cocreate (decision 0075)."""

from __future__ import annotations

import sqlite3
import urllib.parse
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sqlite_utils

from cocreate.store.faults import NewerSchema
from cocreate.store.schema import migrations

VERSIONS_TABLE = "schema_versions"


def cocreate_version() -> str:
    try:
        return version("cocreate")
    except PackageNotFoundError:
        return "unknown"


def known_migrations() -> list[str]:
    """The names of every migration of this code, in order (all pending on an empty db)."""
    return [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]


def unknown_migrations(db: sqlite_utils.Database) -> list[str]:
    """Migrations applied to ``db`` that this code does not have: a newer cocreate's."""
    known = set(known_migrations())
    return [m.name for m in migrations.applied(db) if m.name not in known]


def newer_schema(db: sqlite_utils.Database, path: Path | str) -> NewerSchema | None:
    """The refusal to write to ``db`` when a newer cocreate wrote its schema, else ``None``."""
    unknown = unknown_migrations(db)
    if not unknown:
        return None
    made_by = None
    if db[VERSIONS_TABLE].exists():
        marks = ",".join("?" * len(unknown))
        rows = db.execute(
            f"SELECT migration, cocreate_version FROM {VERSIONS_TABLE}"
            f" WHERE migration IN ({marks}) ORDER BY rowid DESC",
            unknown,
        ).fetchall()
        if rows:
            unknown = [rows[0][0]]
            made_by = rows[0][1]
    return NewerSchema(path, unknown[-1], made_by, cocreate_version())


def newer_schema_of(path: Path | str) -> NewerSchema | None:
    """:func:`newer_schema` of the database file ``path``, read without writing anything;
    ``None`` when it cannot be told (no such file, not a database)."""
    uri = "file:" + urllib.parse.quote(str(Path(path).resolve())) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        return newer_schema(sqlite_utils.Database(conn), path)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def record_versions(conn: sqlite3.Connection, names: list[str], applied_at: str) -> None:
    """Note that this cocreate applied the migrations ``names`` (inside their transaction)."""
    conn.executemany(
        f"INSERT OR IGNORE INTO {VERSIONS_TABLE} (migration, cocreate_version, applied_at)"
        " VALUES (?, ?, ?)",
        [(name, cocreate_version(), applied_at) for name in names],
    )
