"""Ideas and their imports: storing a batch of ideas idempotently with exact duplicates
marked, the import log, and reading ideas back with full-text search, filters and facets."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from cocreate.records import IdeaRecord, ImportReport
from cocreate.store.connection import StoreConnection, StoreError, now_iso


class IdeasMixin(StoreConnection):
    """The ideas and imports of :class:`cocreate.store.Store`."""

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
