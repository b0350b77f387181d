"""Opening a cocreate database and writing to it: the core every part of ``Store`` shares.

One SQLite file per installation (``default_db_path``), in WAL mode with a busy timeout and
foreign keys on; the schema is brought up to date on opening (:mod:`cocreate.store.schema`),
under the write lock so that processes opening a new file at once apply each migration once.
:class:`StoreConnection` holds the one connection and the write transaction (``_write``) the
noun mixins write through: it takes the write lock first (``BEGIN IMMEDIATE``), retrying with
jittered backoff while another connection holds it, and commits once. This module also owns
:class:`StoreError`, ``now_iso`` and the constants every query shares.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
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
# how long a read (or a statement inside a write transaction) lets SQLite wait for a lock
BUSY_TIMEOUT_MS = 10_000
# a write keeps trying to take the write lock this long before the caller is told: far longer
# than any transaction holds it (an import commits in chunks), shorter than a person waits
WRITE_DEADLINE_S = 30.0
# each try lets SQLite's busy handler poll this long (after 1, 2 and 5 ms); left alone it
# would poll every 100 ms after 0.3 s, so newcomers take the lock and the oldest waiters
# starve: past this the retries below wait instead, each for a random time
WRITE_ATTEMPT_BUSY_MS = 10
# the first retry waits up to this long, each next one up to twice as long, up to the cap
WRITE_RETRY_FIRST_S = 0.002
# the longest pause between two tries: a waiting write does not miss the gap between two
# import chunks
WRITE_RETRY_CAP_S = 0.05
# SQLite's default limit on bound parameters is 999 in old builds
SQL_CHUNK = 900


class StoreError(Exception):
    """A request the store cannot satisfy (unknown workshop, duplicate slug...)."""


class StoreBusyError(StoreError):
    """The database stayed locked by other writes past the deadline; nothing was written."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """SQLite's "database is locked": another connection holds the lock (worth waiting for)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "database is locked" in str(exc)
    return code & 0xFF == sqlite3.SQLITE_BUSY


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

    # seconds a write waits for the write lock in all (an instance may set its own)
    write_deadline_s: float = WRITE_DEADLINE_S

    def __init__(self, path: str | Path | None = None, *, migrate: bool = True) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        self.db = sqlite_utils.Database(conn)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA foreign_keys = ON")
        if str(self.path) != ":memory:":
            self._retry_busy(self.db.enable_wal, time.monotonic() + self.write_deadline_s)
        if migrate:
            self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Apply the pending migrations in one transaction that holds the write lock, reading
        again once it is held what is applied: of processes opening a new file at once, the
        first applies each migration and the others find nothing left to do."""
        if not migrations.pending(self.db):
            return
        with self._write("BEGIN EXCLUSIVE"):
            # each migration in a savepoint of this transaction (sqlite-utils nests them)
            migrations.apply(self.db)

    @contextmanager
    def _write(self, begin: str = "BEGIN IMMEDIATE") -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock first, so ids read inside it
        stay valid; committed once, rolled back whole on any error.

        While another connection holds the write lock, the start is retried with jittered
        backoff up to ``write_deadline_s``, then :class:`StoreBusyError` says so. The lock is
        taken at the start because SQLite's busy timeout does not help a deferred transaction
        that reads first and upgrades to writing after another write: that fails at once.
        """
        conn = self.db.conn
        deadline = time.monotonic() + self.write_deadline_s
        conn.execute(f"PRAGMA busy_timeout = {WRITE_ATTEMPT_BUSY_MS}")
        try:
            self._retry_busy(lambda: conn.execute(begin), deadline)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            yield conn
            self._retry_busy(conn.commit, deadline)
        except BaseException:
            conn.rollback()
            raise

    def _retry_busy(self, attempt: Callable[[], object], deadline: float) -> None:
        """Run ``attempt`` until SQLite stops answering "database is locked" (full jitter:
        each pause is random, up to a bound that doubles), or raise past ``deadline``."""
        bound = WRITE_RETRY_FIRST_S
        while True:
            try:
                attempt()
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise StoreBusyError(
                        f"The database {self.path} stayed locked by other writes for"
                        f" {self.write_deadline_s:g} s (a large import, or another program"
                        " holding it?); nothing was written, try again."
                    ) from exc
                time.sleep(min(remaining, random.uniform(0, bound)))
                bound = min(2 * bound, WRITE_RETRY_CAP_S)

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]
