"""The 2-D map of ideas: openTSNE positions of the vectors, stable for a seed.

Pure functions of vectors (and a seed), like the clusterer: no store, no model. The map only
places ideas for the eye; the groups come from :mod:`cocreate.clustering.clusterer`.
"""

from __future__ import annotations

import numpy as np

from cocreate.clustering.clusterer import normalise_rows

__all__ = ["map_coordinates"]

# the map is fitted on this many ideas and the others placed into it (bench/speed.py: at
# 10k ideas 14 s instead of 39 s for a full fit, and the same groups on screen)
MAP_SAMPLE = 3_000
# openTSNE threads: fixed, not the core count, since the map differs by thread count (the same
# for a seed at any one count: tested); two halve the 10k-idea map on two cores (17 -> 10 s)
MAP_THREADS = 2


def map_coordinates(X: np.ndarray, *, random_state: int = 0) -> np.ndarray:
    """2-D positions for a map of ideas, stable for a seed (openTSNE, PCA-initialised).

    Above ``MAP_SAMPLE`` ideas, the map is fitted on a seeded sample and the other ideas
    are placed into it, which keeps the time linear.
    """
    unit = normalise_rows(X)
    n = len(unit)
    if n == 0:
        return np.zeros((0, 2))
    if n < 5:
        # too few points for t-SNE: spread them on a circle, in order
        angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
        return np.column_stack([np.cos(angles), np.sin(angles)])
    from openTSNE import TSNE

    rng = np.random.default_rng(random_state)
    sample = np.sort(rng.choice(n, MAP_SAMPLE, replace=False)) if n > MAP_SAMPLE else np.arange(n)
    perplexity = float(min(30, max(2, (len(sample) - 1) / 3)))
    embedding = TSNE(
        n_components=2,
        perplexity=perplexity,
        metric="cosine",
        initialization="pca",
        random_state=random_state,
        n_jobs=MAP_THREADS,
        verbose=False,
    ).fit(unit[sample])
    coordinates = np.zeros((n, 2))
    coordinates[sample] = np.asarray(embedding)
    rest = np.setdiff1d(np.arange(n), sample)
    if len(rest):
        coordinates[rest] = np.asarray(embedding.transform(unit[rest]))
    return coordinates
