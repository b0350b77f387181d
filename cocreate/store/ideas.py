"""Ideas and their imports: storing a batch of ideas idempotently with exact duplicates
marked, the import log, and reading ideas back with full-text search, filters and facets."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from typing import Any, NamedTuple

from cocreate.records import IdeaRecord, ImportReport
from cocreate.store.connection import (
    SQL_CHUNK,
    StoreConnection,
    StoreError,
    now_iso,
)

# ideas an import stores per transaction: each holds the write lock ~0.1 s, so a phone's
# write waits for one chunk at most, not for the whole file (decision 0029)
IMPORT_CHUNK_ROWS = 1000
# after a chunk that added ideas, a gap (beside hashing the next chunk) in which the retry
# of a write waiting for the lock lands
IMPORT_PAUSE_S = 0.01


class _Hashed(NamedTuple):
    """An idea with its text hash and row hash, each computed once."""

    idea: IdeaRecord
    text: str
    row: str


def _lookup(
    conn: sqlite3.Connection, sql: str, params: list[Any], values: set[str]
) -> dict[str, Any]:
    """Pairs of the two-column query ``sql`` whose ``IN ({marks})`` takes ``values``."""
    found: dict[str, Any] = {}
    ordered = sorted(values)
    for start in range(0, len(ordered), SQL_CHUNK):
        part = ordered[start : start + SQL_CHUNK]
        found.update(conn.execute(sql.format(marks=",".join("?" * len(part))), [*params, *part]))
    return found


class IdeasMixin(StoreConnection):
    """The ideas and imports of :class:`cocreate.store.Store`."""

    def add_ideas(
        self,
        workshop_id: int | None,
        ideas: Iterable[IdeaRecord],
        *,
        source: str,
        file_name: str | None = None,
        file_sha256: str | None = None,
        format_name: str | None = None,
        mapping: dict[str, str] | None = None,
        report: ImportReport | None = None,
        new_workshop: dict[str, Any] | None = None,
    ) -> ImportReport:
        """Store ideas of one source; an idea whose (source, source key) is already stored
        is skipped, so repeating an import adds nothing.

        Ideas whose normalised text equals an earlier idea of the workshop are stored too,
        with ``duplicate_of`` pointing at the first one.

        A batch is committed in chunks of ``IMPORT_CHUNK_ROWS`` ideas, so that other writes
        take turns with a large import; an import interrupted between two chunks is
        completed by running it again. Its ``imports`` row is written with the first chunk,
        its counts brought up to date with each.

        With ``workshop_id`` ``None``, the workshop ``new_workshop`` describes (the keyword
        arguments of :meth:`create_workshop`) is created in the first chunk's transaction:
        an import killed before that commit leaves no empty workshop behind.
        """
        if workshop_id is None and not new_workshop:
            raise StoreError("add_ideas needs a workshop id, or a new workshop to create.")
        report = report or ImportReport(source=source)
        ideas = list(ideas)
        report.rows_read = report.rows_read or len(ideas) + len(report.problems)
        stamp = now_iso()
        problems = json.dumps([p.as_dict() for p in report.problems], ensure_ascii=False)
        import_id: int | None = None
        added_before = report.added
        # one pass even for no idea: an import whose rows were all rejected is logged too
        for start in range(0, max(len(ideas), 1), IMPORT_CHUNK_ROWS):
            # hashed before the lock is taken, each once
            chunk = [
                _Hashed(idea, idea.text_hash, idea.row_hash)
                for idea in ideas[start : start + IMPORT_CHUNK_ROWS]
            ]
            if start and report.added > added_before:
                time.sleep(IMPORT_PAUSE_S)
            added_before = report.added
            with self._write() as conn:
                if workshop_id is None:
                    workshop_id = self._insert_workshop(conn, **new_workshop)
                    report.created_workshop = True
                if import_id is None:
                    import_id = conn.execute(
                        "INSERT INTO imports (workshop_id, source, file_name, file_sha256,"
                        " format, mapping, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
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
                self._store_chunk(conn, workshop_id, source, import_id, chunk, report, stamp)
                conn.execute(
                    "UPDATE imports SET rows_read = ?, rows_added = ?, rows_already_stored = ?,"
                    " rows_changed = ?, rows_rejected = ?, problems = ? WHERE id = ?",
                    [
                        report.rows_read,
                        report.added,
                        report.already_stored,
                        report.changed,
                        len(report.problems),
                        problems,
                        import_id,
                    ],
                )
        report.import_id = import_id
        report.workshop_id = workshop_id
        return report

    @staticmethod
    def _store_chunk(
        conn: sqlite3.Connection,
        workshop_id: int,
        source: str,
        import_id: int,
        chunk: list[_Hashed],
        report: ImportReport,
        stamp: str,
    ) -> None:
        """Insert the ideas of ``chunk`` not stored yet, inside the caller's transaction;
        what is already stored (earlier chunks included) is looked up by key and text."""
        stored = _lookup(
            conn,
            "SELECT source_key, row_hash FROM ideas WHERE workshop_id = ? AND source = ?"
            " AND source_key IN ({marks})",
            [workshop_id, source],
            {item.idea.source_key for item in chunk},
        )
        # a key deleted by staff (a tombstone) counts as stored: a re-import does not bring
        # the idea back
        stored.update(
            _lookup(
                conn,
                "SELECT source_key, '' FROM idea_tombstones WHERE workshop_id = ?"
                " AND source = ? AND source_key IN ({marks})",
                [workshop_id, source],
                {item.idea.source_key for item in chunk} - stored.keys(),
            )
        )
        first_by_text = _lookup(
            conn,
            "SELECT text_hash, min(id) FROM ideas WHERE workshop_id = ?"
            " AND text_hash IN ({marks}) GROUP BY text_hash",
            [workshop_id],
            {item.text for item in chunk if item.idea.source_key not in stored},
        )
        fresh: list[_Hashed] = []
        # (position in fresh, position of the first idea of this chunk with its text)
        repeats_in_chunk: list[tuple[int, int]] = []
        first_in_chunk: dict[str, int] = {}
        for item in chunk:
            known_hash = stored.get(item.idea.source_key)
            if known_hash is not None:
                if known_hash in (item.row, ""):
                    report.already_stored += 1
                else:
                    report.changed += 1
                continue
            stored[item.idea.source_key] = item.row
            if item.text in first_by_text:
                report.exact_duplicates += 1
            elif item.text in first_in_chunk:
                repeats_in_chunk.append((len(fresh), first_in_chunk[item.text]))
                report.exact_duplicates += 1
            else:
                first_in_chunk[item.text] = len(fresh)
            fresh.append(item)
        if not fresh:
            return
        before = conn.execute("SELECT coalesce(max(id), 0) FROM ideas").fetchone()[0]
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
                    item.idea.source_key,
                    item.idea.source_id,
                    item.idea.text,
                    item.idea.title,
                    item.idea.author,
                    item.idea.category,
                    item.idea.votes,
                    item.idea.created,
                    item.idea.language,
                    json.dumps(item.idea.original, ensure_ascii=False, default=str),
                    item.row,
                    item.text,
                    first_by_text.get(item.text),
                    import_id,
                    item.idea.line,
                    stamp,
                ]
                for item in fresh
            ),
        )
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM ideas WHERE import_id = ? AND id > ? ORDER BY id",
                [import_id, before],
            )
        ]
        if len(ids) != len(fresh):
            raise RuntimeError(f"stored {len(ids)} ideas of {len(fresh)} (import {import_id})")
        conn.executemany(
            "UPDATE ideas SET duplicate_of = ? WHERE id = ?",
            [(ids[first], ids[position]) for position, first in repeats_in_chunk],
        )
        report.added += len(fresh)
        report.idea_ids.extend(ids)

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

    def find_idea_by_key(
        self, workshop_id: int, source: str, source_key: str
    ) -> dict[str, Any] | None:
        """The idea stored under this (source, source key) in a workshop, or ``None``."""
        row = self.db.execute(
            "SELECT id FROM ideas WHERE workshop_id = ? AND source = ? AND source_key = ?",
            [workshop_id, source, source_key],
        ).fetchone()
        return self.get_idea(row[0]) if row else None

    def ideas_by_key_prefix(
        self, workshop_id: int, source: str, prefix: str
    ) -> list[dict[str, Any]]:
        """Ideas of a workshop and source whose source key starts with ``prefix``, newest
        first: what one device sent, when its submissions carry its own prefix."""
        if not prefix:
            raise StoreError("An empty prefix would match every idea of the source.")
        # a range on the (workshop, source, source key) index, not a scan
        end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return list(
            self.db.query(
                "SELECT * FROM ideas WHERE workshop_id = ? AND source = ?"
                " AND source_key >= ? AND source_key < ? ORDER BY id DESC",
                [workshop_id, source, prefix, end],
            )
        )

    def get_idea(self, idea_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM ideas WHERE id = ?", [idea_id]))
        if not rows:
            raise StoreError(f"No idea with id {idea_id}.")
        return rows[0]
