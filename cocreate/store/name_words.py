"""Words never to use in a group or theme name, added and removed by staff for the whole
database (the installed list, ``templates/stopwords/never-in-names.txt``, stays beside it).
The caller folds each word (``cocreate.clustering.labels.fold``); a removed word is kept with
who removed it and when."""

from __future__ import annotations

from typing import Any

from cocreate.store.connection import StoreConnection, StoreError, now_iso

_FIELDS = "id, word, written, added_by, added_at"


class NameWordsMixin(StoreConnection):
    """The words never in names of :class:`cocreate.store.Store`."""

    def words_never_in_names(self) -> list[dict[str, Any]]:
        """The words in force, in the order they were added."""
        return list(
            self.db.query(
                f"SELECT {_FIELDS} FROM words_never_in_names WHERE removed_at IS NULL ORDER BY id"
            )
        )

    def add_word_never_in_names(self, word: str, written: str, *, by: str) -> dict[str, Any]:
        """Forbid ``word`` (folded) in names; ``written`` is the form staff typed. Adding a word
        in force again returns it unchanged."""
        by = " ".join(by.split())
        if not word.strip() or not written.strip() or not by:
            raise StoreError("A word never to use in names needs the word and who adds it.")
        with self._write() as conn:
            found = conn.execute(
                f"SELECT {_FIELDS} FROM words_never_in_names WHERE word = ? AND removed_at IS NULL",
                [word],
            ).fetchone()
            if found is None:
                conn.execute(
                    "INSERT INTO words_never_in_names (word, written, added_by, added_at)"
                    " VALUES (?, ?, ?, ?)",
                    [word, written.strip(), by, now_iso()],
                )
        return next(w for w in self.words_never_in_names() if w["word"] == word)

    def remove_word_never_in_names(self, word_id: int, *, by: str) -> dict[str, Any]:
        """Allow a word in names again; returns it as it was."""
        by = " ".join(by.split())
        if not by:
            raise StoreError("Removing a word never to use in names needs who removes it.")
        with self._write() as conn:
            found = conn.execute(
                f"SELECT {_FIELDS} FROM words_never_in_names WHERE id = ? AND removed_at IS NULL",
                [word_id],
            ).fetchone()
            if found is None:
                raise StoreError(f"No word n°{word_id} in force among the words never in names.")
            conn.execute(
                "UPDATE words_never_in_names SET removed_by = ?, removed_at = ? WHERE id = ?",
                [by, now_iso(), word_id],
            )
        return dict(zip(_FIELDS.split(", "), found, strict=True))
