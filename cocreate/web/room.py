"""The database the participant pages use: one connection per request (sqlite3 objects must
not cross threads), migrations applied once per process, the pages' writes one after the
other, and the rater a phone is."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cocreate.access import known_rater
from cocreate.store import Store, default_db_path


class Room:
    """The database the pages use: ``db_path``, else ``$COCREATE_DB`` at each request."""

    def __init__(self, db_path: str | Path | None = None) -> None:
        self._db_path = db_path
        self._migrated: set[str] = set()
        self._lock = threading.Lock()
        self._writing = threading.Lock()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The pages' writes one after the other: fifty phones queue on a lock that wakes
        the next at once, instead of polling SQLite's busy lock with growing sleeps."""
        with self._writing:
            yield

    def participant(self, store: Store, workshop: dict[str, Any], *tokens: str | None) -> dict:
        """The rater one of ``tokens`` names, else a new anonymous one (a known token is
        never replaced by a new rater)."""
        rater = known_rater(store, workshop, *tokens)
        if rater is None:
            with self.writing():
                rater = store.add_rater(workshop["id"])
        return rater

    def store(self) -> Store:
        path = Path(self._db_path) if self._db_path is not None else default_db_path()
        if str(path) not in self._migrated:
            with self._lock:
                if str(path) not in self._migrated:
                    Store(path).close()
                    self._migrated.add(str(path))
        return Store(path, migrate=False)
