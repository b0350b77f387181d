"""Caches that outlive a workshop: embedding vectors by model and text hash, and clustering
fits by the digest of their vectors and settings (only the newest ``FITS_KEPT`` stay)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from cocreate.store.connection import SQL_CHUNK, StoreConnection, now_iso

# clustering fits kept in the fit cache (the newest ones)
FITS_KEPT = 16


class CachesMixin(StoreConnection):
    """The embedding cache and the fit cache of :class:`cocreate.store.Store`."""

    def get_vectors(self, model_id: str, text_hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Cached vectors of ``model_id`` for the hashes it holds."""
        hashes = list(text_hashes)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), SQL_CHUNK):
            chunk = hashes[start : start + SQL_CHUNK]
            marks = ",".join("?" * len(chunk))
            for text_hash, vector in self.db.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model_id = ?"
                f" AND text_hash IN ({marks})",
                [model_id, *chunk],
            ):
                found[text_hash] = np.frombuffer(vector, dtype=np.float32)
        return found

    def put_vectors(self, model_id: str, vectors: dict[str, np.ndarray]) -> None:
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings (model_id, text_hash, dim, vector)"
                " VALUES (?, ?, ?, ?)",
                [
                    (model_id, h, len(v), np.asarray(v, dtype=np.float32).tobytes())
                    for h, v in vectors.items()
                ],
            )

    def get_fit(self, key: str) -> bytes | None:
        """A clustering fit stored under ``key`` (see :func:`cocreate.clustering`)."""
        row = self.db.execute("SELECT result FROM fit_cache WHERE key = ?", [key]).fetchone()
        return None if row is None else bytes(row[0])

    def put_fit(self, key: str, result: bytes, *, keep: int = FITS_KEPT) -> None:
        """Store a fit; only the ``keep`` newest stay (a fit of 100k ideas takes ~2 MB)."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO fit_cache (key, result, stored_at) VALUES (?, ?, ?)",
                [key, result, now_iso()],
            )
            conn.execute(
                "DELETE FROM fit_cache WHERE key NOT IN"
                " (SELECT key FROM fit_cache ORDER BY stored_at DESC, rowid DESC LIMIT ?)",
                [keep],
            )

    def count_vectors(self, model_id: str | None = None) -> int:
        if model_id is None:
            return self.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
        return self.db.execute(
            "SELECT count(*) FROM embeddings WHERE model_id = ?", [model_id]
        ).fetchone()[0]
