"""Opening a cocreate database and writing to it: the core every part of ``Store`` shares.

One SQLite file per installation (``default_db_path``), in WAL mode with a busy timeout and
foreign keys on; the schema is brought up to date on opening (:mod:`cocreate.store.schema`).
:class:`StoreConnection` holds the one connection and the write transaction (``_write``) the
noun mixins write through; this module also owns :class:`StoreError`, ``now_iso`` and the
constants every query shares.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import sqlite_utils

from cocreate.store.schema import migrations

if TYPE_CHECKING:
    from cocreate.store import Store

DB_ENV_VAR = "COCREATE_DB"
BUSY_TIMEOUT_MS = 10_000
# SQLite's default limit on bound parameters is 999 in old builds
SQL_CHUNK = 900


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


class StoreConnection:
    """One connection to a cocreate database file, opened in WAL mode with a busy timeout
    and foreign keys on, migrated unless ``migrate=False``; the base of every noun mixin
    of :class:`cocreate.store.Store`."""

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
