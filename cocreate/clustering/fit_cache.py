"""The fit cache: a clusterer's fit stored under a digest of everything it depends on.

The fit is deterministic (same vectors, settings and seed give the same groups), so a re-run
on unchanged input reads the stored fit back instead of fitting again. The key covers the
vectors themselves, the settings, ``FIT_VERSION`` and the versions of the libraries the
clusterer calls: a database made before a change of any of them simply fits again.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING

import numpy as np

from cocreate.clustering.clusterer import IdeaClusterer

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["FIT_VERSION", "FIT_LIBRARIES", "Fit", "fit_key", "fit_with_cache"]

# part of the fit cache key: bump it when IdeaClusterer gives other groups for the same input
FIT_VERSION = 8
FIT_LIBRARIES = ("scikit-learn", "igraph")


@dataclass
class Fit:
    """What the pipeline keeps of an :class:`IdeaClusterer` fit."""

    labels: np.ndarray
    centers: np.ndarray
    similarity: np.ndarray
    loose: np.ndarray
    # 0-d bool: IdeaClusterer.finest_reached_ (the granularity asked was lowered)
    finest_reached: np.ndarray

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, **vars(self))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Fit:
        with np.load(io.BytesIO(data)) as saved:
            return cls(**{name: saved[name] for name in saved.files})


def fit_key(X: np.ndarray, n_clusters: int | None, granularity: float, seed: int) -> str:
    """Everything a fit depends on: the vectors themselves, the settings and the versions
    of the clusterer and of the libraries it calls."""
    versions = ",".join(metadata.version(name) for name in FIT_LIBRARIES)
    digest = hashlib.sha256(
        f"{FIT_VERSION}\n{versions}\n{n_clusters}\n{granularity!r}\n{seed}\n{X.shape}".encode()
    )
    digest.update(np.ascontiguousarray(X, dtype=np.float32).tobytes())
    return digest.hexdigest()


def fit_with_cache(
    store: Store, X: np.ndarray, n_clusters: int | None, granularity: float, seed: int
) -> tuple[Fit, bool]:
    """The clusterer's fit of ``X``, from the store when these vectors were fitted with
    these settings before (the fit is deterministic, so the stored one is the same);
    returns the fit and whether it was reused."""
    key = fit_key(X, n_clusters, granularity, seed)
    stored = store.get_fit(key)
    if stored is not None:
        return Fit.from_bytes(stored), True
    clusterer = IdeaClusterer(n_clusters, granularity=granularity, random_state=seed).fit(X)
    fit = Fit(
        labels=clusterer.labels_,
        centers=clusterer.cluster_centers_,
        similarity=clusterer.similarity_,
        loose=clusterer.loose_,
        finest_reached=np.asarray(clusterer.finest_reached_),
    )
    store.put_fit(key, fit.to_bytes())
    return fit, False
