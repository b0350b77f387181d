"""Workshops: creating one with a unique slug and join code, finding it by id, slug, code
or title, its phase and facilitator secret, the revision token of its content, deleting it."""

from __future__ import annotations

import secrets
import sqlite3
from typing import Any

from cocreate.records import slugify
from cocreate.store.connection import StoreConnection, StoreError, now_iso

# unambiguous characters for codes read aloud or typed on a phone
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class WorkshopsMixin(StoreConnection):
    """The workshops of :class:`cocreate.store.Store`."""

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
        with self._write() as conn:
            workshop_id = self._insert_workshop(
                conn,
                title,
                challenge=challenge,
                description=description,
                language=language,
                template=template,
                slug=slug,
            )
        return self.get_workshop(workshop_id)

    def _insert_workshop(
        self,
        conn: sqlite3.Connection,
        title: str,
        *,
        challenge: str = "",
        description: str = "",
        language: str = "fr",
        template: str | None = None,
        slug: str | None = None,
    ) -> int:
        """Insert a workshop inside the caller's write transaction (an import creates its
        workshop in its own first transaction); return its id."""
        title = title.strip()
        if not title:
            raise StoreError("A workshop needs a title.")
        base = slug or slugify(title) or "workshop"
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
        return cursor.lastrowid

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
