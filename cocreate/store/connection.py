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

import contextlib
import os
import random
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import sqlite_utils

from cocreate.store.backup import backup_before_migration
from cocreate.store.errors import StoreBusyError, StoreError  # noqa: F401 (mixins import it)
from cocreate.store.faults import (
    CannotOpenDatabase,
    DatabaseFault,
    DiskFull,
    ReadOnlyDatabase,
    fault_from,
)
from cocreate.store.schema import migrations
from cocreate.store.versions import VERSIONS_TABLE, newer_schema, record_versions

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


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """SQLite's "database is locked": another connection holds the lock (worth waiting for)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "database is locked" in str(exc)
    return code & 0xFF == sqlite3.SQLITE_BUSY


def _writable(path: Path) -> bool:
    """Whether this process may write ``path`` and make files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


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

    def __init__(
        self, path: str | Path | None = None, *, migrate: bool = True, read_only: bool = False
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        # why writes are refused (a read-only file, a full disk, a newer schema), else None
        self.refusal: DatabaseFault | None = None
        try:
            self._open(migrate, read_only)
        except BaseException as exc:
            self._close_quietly()
            fault = fault_from(exc, self.path)
            if fault is None or fault is exc:
                raise
            raise fault from exc

    def _open(self, migrate: bool, read_only: bool) -> None:
        """Open the file for writing; when it cannot be written (read-only, full disk),
        open it for reading with :attr:`refusal` saying why (decision 0076)."""
        in_memory = str(self.path) == ":memory:"
        # never open the file outside SQLite here: closing any descriptor of it drops every
        # POSIX lock this process holds on it (other threads' connections), which corrupts
        # reads; SQLite itself says "file is not a database" (fault_from: NotADatabase)
        if read_only:
            self._open_for_reading(ReadOnlyDatabase(self.path))
            return
        try:
            if not in_memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connect(str(self.path))
            if not in_memory:
                self._retry_busy(self.db.enable_wal, time.monotonic() + self.write_deadline_s)
            self.refusal = newer_schema(self.db, self.path)
        except (sqlite3.Error, OSError) as exc:
            fault = fault_from(exc, self.path)
            if in_memory or fault is None:
                raise
            if type(fault) in (DatabaseFault, CannotOpenDatabase) and self.path.exists():
                # an I/O error on an existing file while only reading: the disk is full (the
                # WAL index cannot grow) or the folder is read-only (it cannot be made)
                writable = _writable(self.path)
                fault = (DiskFull if writable else ReadOnlyDatabase)(self.path, str(exc))
            if not isinstance(fault, (ReadOnlyDatabase, DiskFull)):
                raise
            self._close_quietly()
            self._open_for_reading(fault)
            return
        if self.refusal is not None:
            self.db.execute("PRAGMA query_only = ON")
        elif migrate:
            try:
                self._migrate()
            except (sqlite3.Error, OSError) as exc:
                fault = fault_from(exc, self.path)
                if not isinstance(fault, (ReadOnlyDatabase, DiskFull)):
                    raise
                # an older schema that cannot be brought up to date is still read
                self.refusal = fault
                self.db.execute("PRAGMA query_only = ON")

    def _connect(self, target: str, *, uri: bool = False) -> None:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, uri=uri)
        self.db = sqlite_utils.Database(conn)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA foreign_keys = ON")

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _open_for_reading(self, refusal: DatabaseFault) -> None:
        """Open the file read-only, writes refused with ``refusal``: first as SQLite reads a
        file it may not write; else without the WAL index (its file cannot be made or grow:
        a read-only folder, a full disk), which SQLite keeps in memory under an exclusive
        lock, or, with no WAL content to read, as an immutable file."""
        uri = "file:" + urllib.parse.quote(str(self.path.resolve()))
        wal = self.path.with_name(self.path.name + "-wal")
        wal_empty = not wal.exists() or wal.stat().st_size == 0
        attempts = [
            (uri + "?mode=ro", False),
            (str(self.path), True),
            *([(uri + "?mode=ro&immutable=1", False)] if wal_empty else []),
        ]
        last: BaseException | None = None
        for target, exclusive in attempts:
            try:
                self._connect(target, uri=target.startswith("file:"))
                if exclusive:
                    self.db.execute("PRAGMA locking_mode = EXCLUSIVE")
                self.db.execute("PRAGMA query_only = ON")
                self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error as exc:
                last = exc
                self._close_quietly()
                continue
            self.refusal = newer_schema(self.db, self.path) or refusal
            return
        raise refusal from last

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
        pending = migrations.pending(self.db)
        if not pending:
            return
        if migrations.applied(self.db):
            # an existing database: a copy of it as it was, before its schema changes
            backup_before_migration(self.db.conn, self.path, pending[0].name)
        with self._write("BEGIN EXCLUSIVE") as conn:
            # each migration in a savepoint of this transaction (sqlite-utils nests them)
            applied = {m.name for m in migrations.applied(self.db)}
            migrations.apply(self.db)
            newly = [m.name for m in migrations.applied(self.db) if m.name not in applied]
            if newly and self.db[VERSIONS_TABLE].exists():
                record_versions(conn, newly, now_iso())

    @contextmanager
    def _write(self, begin: str = "BEGIN IMMEDIATE") -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock first, so ids read inside it
        stay valid; committed once, rolled back whole on any error.

        While another connection holds the write lock, the start is retried with jittered
        backoff up to ``write_deadline_s``, then :class:`StoreBusyError` says so. The lock is
        taken at the start because SQLite's busy timeout does not help a deferred transaction
        that reads first and upgrades to writing after another write: that fails at once.
        """
        if self.refusal is not None:
            raise self.refusal
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
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.rollback()
            fault = fault_from(exc, self.path)
            if fault is not None and fault is not exc:
                raise fault from exc
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
