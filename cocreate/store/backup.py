"""Backups of a cocreate database, and restoring one (decision 0074).

A backup is taken with SQLite's online backup API from a connection that reads the
database as it stands: every committed write is in it, those still in the WAL file included
(a plain copy of the ``.db`` file while the app runs misses them). The copy is written
beside its final name, checked, made a single self-contained file (no WAL), readable by its
owner only (it holds citizens' words), then renamed into place: a half-written backup never
carries the final name.

Backups without a chosen file go to a folder beside the database
(``<name>-backups/<name>-<UTC time>-<reason>.db``): one before every migration of an
existing database and, while ``cocreate serve`` runs, one every few minutes when something
was written (:class:`ScheduledBackup`); a bounded number of each kind is kept.

Restoring checks the file first (an SQLite file, undamaged, with a cocreate schema this
version can write), keeps a backup of the current database, then copies the file into the
open database with the same backup API, in one step that other connections see whole.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate.store.faults import (
    CorruptDatabase,
    DatabaseFault,
    NotADatabase,
    NotCocreateDatabase,
    backups_folder,
    fault_from,
    looks_like_sqlite,
)

if TYPE_CHECKING:
    from cocreate.store.connection import StoreConnection

__all__ = [
    "MIGRATION_BACKUPS_KEPT",
    "SCHEDULED_BACKUPS_KEPT",
    "BackupResult",
    "ScheduledBackup",
    "backup_before_migration",
    "backup_database",
    "check_backup_file",
    "default_backup_path",
    "list_backups",
    "prune_backups",
    "restore_database",
]

# backups kept before migrations and on the live schedule (older ones are deleted)
MIGRATION_BACKUPS_KEPT = 5
SCHEDULED_BACKUPS_KEPT = 12
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    ideas: int
    size: int


def default_backup_path(db_path: Path, reason: str) -> Path:
    """``<name>-backups/<name>-<UTC time>-<reason>.db`` beside the database."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return backups_folder(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"


def list_backups(db_path: Path, reason: str | None = None) -> list[Path]:
    """The backups beside ``db_path`` (of one ``reason`` if given), oldest first."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = f"{db_path.stem}-*-{reason}.db" if reason else f"{db_path.stem}-*.db"
    return sorted(folder.glob(pattern))


def prune_backups(db_path: Path, reason: str, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups of ``reason``; return the deleted ones."""
    backups = list_backups(db_path, reason)
    deleted = backups[: max(len(backups) - keep, 0)]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


def _copy(source: sqlite3.Connection, out: Path) -> BackupResult:
    """The online backup of ``source`` into ``out``, through a checked temporary file."""
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    # the copy holds personal data: its owner alone reads it, from its first byte
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            # one self-contained file: no WAL beside it to lose when it is copied away
            target.execute("PRAGMA journal_mode = DELETE")
            check = target.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise CorruptDatabase(out, check)
            ideas = _count_ideas(target)
        finally:
            target.close()
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(out, ideas, out.stat().st_size)


def _count_ideas(conn: sqlite3.Connection) -> int:
    try:
        return conn.execute("SELECT count(*) FROM ideas").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def backup_database(
    store: StoreConnection, out: Path | None = None, *, reason: str = "manual"
) -> BackupResult:
    """Copy the open database of ``store`` to ``out`` (default: the backups folder)."""
    out = Path(out) if out is not None else default_backup_path(store.path, reason)
    if out.resolve() == store.path.resolve():
        raise ValueError(f"{out} is the database itself.")
    try:
        return _copy(store.db.conn, out)
    except (sqlite3.Error, OSError) as exc:
        fault = fault_from(exc, out)
        if fault is None:
            raise
        raise fault from exc


def backup_before_migration(conn: sqlite3.Connection, db_path: Path, migration: str) -> Path:
    """A backup of the database as it is, before ``migration`` and the ones after it."""
    result = _copy(conn, default_backup_path(db_path, f"before-{migration}"))
    # every "before-<migration>" backup counts as one kind: the newest few are kept
    backups = [p for p in list_backups(db_path) if "-before-m" in p.name]
    for path in backups[: max(len(backups) - MIGRATION_BACKUPS_KEPT, 0)]:
        path.unlink(missing_ok=True)
    return result.path


def _read_only_uri(path: Path) -> str:
    return "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"


def check_backup_file(path: Path) -> int:
    """Refuse (raise a :class:`DatabaseFault`) a file that is not an undamaged cocreate
    database this version can write; return its number of ideas."""
    from cocreate.store.versions import newer_schema

    path = Path(path)
    if not path.is_file() or not looks_like_sqlite(path) or path.stat().st_size == 0:
        raise NotADatabase(path)
    import sqlite_utils

    conn = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise CorruptDatabase(path, check)
        db = sqlite_utils.Database(conn)
        from cocreate.store.schema import migrations

        if not migrations.applied(db):
            raise NotCocreateDatabase(path)
        refusal = newer_schema(db, path)
        if refusal is not None:
            raise refusal
        return _count_ideas(conn)
    except sqlite3.Error as exc:
        raise (fault_from(exc, path) or NotADatabase(path, str(exc))) from exc
    finally:
        conn.close()


def restore_database(store: StoreConnection, source: Path) -> tuple[BackupResult, int]:
    """Replace the content of ``store``'s database with the backup ``source``: the current
    content is kept first as a backup (returned), then ``source`` is copied in."""
    source = Path(source)
    if source.resolve() == store.path.resolve():
        raise ValueError(f"{source} is the database itself.")
    ideas = check_backup_file(source)
    if store.refusal is not None:
        raise store.refusal
    kept = backup_database(store, reason="before-restore")
    incoming = sqlite3.connect(_read_only_uri(source), uri=True)
    try:
        incoming.backup(store.db.conn)
    except sqlite3.Error as exc:
        raise (fault_from(exc, store.path) or DatabaseFault(store.path, str(exc))) from exc
    finally:
        incoming.close()
    return kept, ideas


class ScheduledBackup:
    """A backup every ``interval_s`` seconds while something is written to the database
    (a live workshop), for the serving process; call :meth:`run_if_due` often.

    What was written is told by the workshops' revisions (every idea, group, score and map
    change moves them) and the newest idea: an idle database gets no new backups."""

    def __init__(
        self,
        db_path: Path | str,
        interval_s: float,
        *,
        keep: int = SCHEDULED_BACKUPS_KEPT,
        opener: Callable[[Path], StoreConnection] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db_path = Path(db_path)
        self.interval_s = interval_s
        self.keep = keep
        self._opener = opener
        self._clock = clock
        self._next = clock() + interval_s
        self._last_seen: tuple | None = None
        self.made: list[Path] = []

    def _open(self) -> StoreConnection:
        if self._opener is not None:
            return self._opener(self.db_path)
        from cocreate.store.connection import StoreConnection

        return StoreConnection(self.db_path, migrate=False)

    @staticmethod
    def _activity(store: StoreConnection) -> tuple:
        return store.db.execute(
            "SELECT (SELECT count(*) FROM workshops),"
            " (SELECT coalesce(sum(revision), 0) FROM workshops),"
            " (SELECT coalesce(max(id), 0) FROM ideas)"
        ).fetchone()

    def start(self) -> None:
        """Note what the database holds now: the first backup waits for a change."""
        with contextlib.suppress(sqlite3.Error, DatabaseFault, OSError):
            store = self._open()
            try:
                self._last_seen = self._activity(store)
            finally:
                store.close()

    def run_if_due(self) -> Path | None:
        """Back up when the interval has passed and something was written since the last
        look; return the new backup's path. Never raises: a failed backup is logged and
        tried again at the next interval (serving goes on)."""
        now = self._clock()
        if now < self._next:
            return None
        self._next = now + self.interval_s
        try:
            store = self._open()
            try:
                seen = self._activity(store)
                if seen == self._last_seen:
                    return None
                result = backup_database(store, reason="scheduled")
            finally:
                store.close()
        except (sqlite3.Error, DatabaseFault, OSError):
            log.exception("scheduled backup of %s failed", self.db_path)
            return None
        self._last_seen = seen
        prune_backups(self.db_path, "scheduled", self.keep)
        self.made.append(result.path)
        return result.path
