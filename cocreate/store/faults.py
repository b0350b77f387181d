"""What can go wrong with the database file itself, told in one sentence instead of a
traceback: a file that is not a database, a damaged one, a read-only file or folder, a full
disk, a schema written by a newer cocreate.

Each fault is a :class:`DatabaseFault` (a :class:`StoreError`) carrying a translation key
and its values: ``str(fault)`` is the English sentence, ``fault.message(lang)`` the one a
page shows. :func:`fault_from` names the fault behind an ``sqlite3`` error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cocreate.i18n import t
from cocreate.store.errors import StoreError

# the first 16 bytes of every SQLite 3 database file
SQLITE_HEADER = b"SQLite format 3\x00"

__all__ = [
    "DATABASE_ERRORS",
    "SQLITE_HEADER",
    "CannotOpenDatabase",
    "CorruptDatabase",
    "DatabaseFault",
    "DiskFull",
    "NewerSchema",
    "NotADatabase",
    "ReadOnlyDatabase",
    "backups_folder",
    "fault_from",
    "looks_like_sqlite",
]


# what a caller catches to tell a fault of the file (then named by fault_from) without
# importing sqlite3 itself
DATABASE_ERRORS: tuple[type[Exception], ...] = (StoreError, sqlite3.DatabaseError)


def backups_folder(db_path: Path) -> Path:
    """Where the backups of ``db_path`` are kept: a folder beside it."""
    return db_path.with_name(f"{db_path.stem}-backups")


class DatabaseFault(StoreError):
    """The database file cannot be used as asked; :meth:`message` says why and what to do."""

    key = "fault.io"

    def __init__(self, path: Path | str, detail: str = "", **values: object) -> None:
        self.path = Path(path)
        self.values = {
            "path": str(path),
            "detail": detail,
            "backups": str(backups_folder(self.path)),
            **values,
        }
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.values)


class NotADatabase(DatabaseFault):
    key = "fault.not_a_database"


class NotCocreateDatabase(DatabaseFault):
    key = "fault.not_cocreate"


class CorruptDatabase(DatabaseFault):
    key = "fault.corrupt"


class ReadOnlyDatabase(DatabaseFault):
    key = "fault.read_only"


class CannotOpenDatabase(DatabaseFault):
    key = "fault.cannot_open"


class DiskFull(DatabaseFault):
    key = "fault.disk_full"


class NewerSchema(DatabaseFault):
    """A database with a migration this code does not know: written by a newer cocreate."""

    key = "fault.newer_schema"

    def __init__(self, path: Path | str, migration: str, version: str | None, current: str):
        self.migration, self.version = migration, version
        super().__init__(path, migration=migration, made_by=version or "", current=current)

    def message(self, lang: str = "en") -> str:
        made_by = (
            t("fault.newer_version", lang, version=self.version, migration=self.migration)
            if self.version
            else t("fault.unknown_newer_version", lang, migration=self.migration)
        )
        return t(self.key, lang, path=self.values["path"], version=made_by,
                 current=self.values["current"])  # fmt: skip


def looks_like_sqlite(path: Path) -> bool:
    """Whether ``path`` is missing, empty (SQLite makes a database of it) or starts like an
    SQLite database file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True
    return not head or head == SQLITE_HEADER


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def fault_from(exc: BaseException, path: Path | str) -> DatabaseFault | None:
    """The fault behind an ``sqlite3`` (or file system) error on ``path``, or ``None`` when
    it is not one of the file's faults (a constraint, a lock, a programming error)."""
    if isinstance(exc, DatabaseFault):
        return exc
    if isinstance(exc, OSError):
        import errno

        if exc.errno == errno.ENOSPC:
            return DiskFull(path, exc.strerror or str(exc))
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyDatabase(path, exc.strerror or str(exc))
        return CannotOpenDatabase(path, exc.strerror or str(exc))
    if not isinstance(exc, sqlite3.Error):
        return None
    detail = str(exc)
    code = _primary_code(exc)
    faults = {
        sqlite3.SQLITE_NOTADB: NotADatabase,
        sqlite3.SQLITE_CORRUPT: CorruptDatabase,
        sqlite3.SQLITE_READONLY: ReadOnlyDatabase,
        sqlite3.SQLITE_FULL: DiskFull,
        sqlite3.SQLITE_CANTOPEN: CannotOpenDatabase,
        sqlite3.SQLITE_IOERR: DatabaseFault,
    }
    if code in faults:
        return faults[code](path, detail)
    # messages of SQLite builds without error codes on the exception
    for words, fault in (
        ("file is not a database", NotADatabase),
        ("malformed", CorruptDatabase),
        ("readonly database", ReadOnlyDatabase),
        ("disk is full", DiskFull),
        ("unable to open database", CannotOpenDatabase),
        ("disk i/o error", DatabaseFault),
    ):
        if words in detail.lower():
            return fault(path, detail)
    return None
