"""The theme tree: a readable number of top-level themes over the groups found, and each
idea's secondary theme.

Pure functions of vectors and a seed (no store, no model), like ``clusterer.py``:

- :func:`theme_count`: how many themes by default, ``clip(round(THEMES_PER_LOG_IDEA x
  ln(ideas)), 6, 15)`` (never more than the groups): 7 themes for 40 ideas, 11 for 200,
  13 for 800, 15 from 1,800 ideas. Human coders of the labelled sets used 5 to 18
  themes, more for larger sets; see decision 0045 for the rule and its check on all sets.
- :func:`theme_tree`: spherical k-means over the groups' centres, each weighted by its size
  (so a theme is about as k-means of the ideas would find it, at the cost of the groups), best
  of ``n_init`` seeded starts; every group sits under exactly one theme, so both levels agree.
- :func:`theme_cards`: what the wall shows of each stored theme (its groups, size, votes,
  the ideas of other themes that touch it).
- :func:`secondary_themes`: per idea, the best other theme and its similarity; stored when
  it comes within ``SECONDARY_MARGIN`` of the idea's own theme (the idea sits between two).
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

from cocreate.clustering.clusterer import normalise_rows

__all__ = [
    "theme_count",
    "theme_tree",
    "secondary_themes",
    "theme_cards",
    "theme_members",
    "MIN_THEMES",
    "MAX_THEMES",
    "SECONDARY_MARGIN",
]

MIN_THEMES, MAX_THEMES = 6, 15
# 2 ln(n) met the coders' counts best of 1, 1.5, 2 ln(n) and a constant 10 on all 26 sets
THEMES_PER_LOG_IDEA = 2.0
# an idea whose second-best theme is this close (cosine) to its own theme sits between two
SECONDARY_MARGIN = 0.05
KMEANS_STARTS = 10


def theme_count(n_ideas: int, n_groups: int) -> int:
    """The default number of top-level themes for ``n_ideas`` ideas in ``n_groups`` groups."""
    if n_groups <= 1:
        return max(1, n_groups)
    wanted = round(THEMES_PER_LOG_IDEA * math.log(max(2, n_ideas)))
    return int(min(n_groups, max(MIN_THEMES, min(MAX_THEMES, wanted))))


def theme_tree(
    centres: np.ndarray,
    sizes: np.ndarray,
    *,
    n_themes: int | None = None,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """(theme of each group, unit centre of each theme); themes numbered by decreasing size.
    ``n_themes`` None: :func:`theme_count`. Deterministic for a seed."""
    centres = normalise_rows(np.asarray(centres, dtype=np.float64))
    sizes = np.asarray(sizes, dtype=np.float64)
    n_groups = len(centres)
    k = theme_count(int(sizes.sum()), n_groups) if n_themes is None else int(n_themes)
    if k < 1:
        raise ValueError(f"The number of themes must be at least 1, got {k}.")
    k = min(k, n_groups, len(np.unique(np.round(centres, 6), axis=0)))
    if k == n_groups:
        raw = np.arange(n_groups)
    else:
        model = KMeans(n_clusters=k, random_state=seed, n_init=KMEANS_STARTS)
        with threadpool_limits(limits=1, user_api="blas"):
            raw = model.fit_predict(centres, sample_weight=sizes)
    weight = np.bincount(raw, weights=sizes, minlength=raw.max() + 1)
    first = [int(np.argmax(raw == t)) for t in range(len(weight))]
    order = sorted(range(len(weight)), key=lambda t: (-weight[t], first[t]))
    remap = np.empty(len(weight), dtype=np.int64)
    remap[order] = np.arange(len(order))
    parent = remap[raw]
    theme_centres = normalise_rows(
        np.vstack(
            [(centres[parent == t] * sizes[parent == t, None]).sum(0) for t in range(len(order))]
        )
    )
    return parent, theme_centres


def secondary_themes(
    X: np.ndarray,
    themes: np.ndarray,
    theme_centres: np.ndarray,
    *,
    margin: float = SECONDARY_MARGIN,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per idea: its best other theme (-1 with a single theme), that theme's similarity, and
    whether it is a secondary theme worth showing (within ``margin`` of the own theme's)."""
    unit = normalise_rows(X)
    scores = unit @ normalise_rows(theme_centres).T
    rows = np.arange(len(unit))
    if scores.shape[1] < 2:
        return np.full(len(unit), -1), np.zeros(len(unit)), np.zeros(len(unit), dtype=bool)
    own = scores[rows, themes]
    others = scores.copy()
    others[rows, themes] = -np.inf
    second = np.argmax(others, axis=1)
    similarity = others[rows, second]
    return second, similarity, similarity >= own - margin


def theme_cards(themes: list[dict], cards: list[dict], assignments: list[dict]) -> list[dict]:
    """Each stored theme (``Store.active_themes`` rows) with its group ``cards`` (largest
    first), its size and votes, and ``secondary``: the ideas of other themes whose secondary
    theme it is, closest first (idea id, similarity). Largest theme first."""
    by_theme: dict[int, list[dict]] = {theme["id"]: [] for theme in themes}
    for card in cards:
        if card.get("parent_id") in by_theme:
            by_theme[card["parent_id"]].append(card)
    touching: dict[int, list[tuple[int, float]]] = {theme["id"]: [] for theme in themes}
    for a in assignments:
        if a.get("secondary_theme_id") in touching:
            touching[a["secondary_theme_id"]].append(
                (a["idea_id"], float(a["secondary_similarity"] or 0.0))
            )
    shown = []
    for theme in themes:
        groups = sorted(by_theme[theme["id"]], key=lambda c: (-c["size"], c["id"]))
        shown.append(
            {
                **theme,
                "groups": groups,
                "size": sum(c["size"] for c in groups),
                "votes": sum(c.get("votes") or 0 for c in groups),
                "secondary": sorted(touching[theme["id"]], key=lambda r: (-r[1], r[0])),
            }
        )
    return sorted(shown, key=lambda c: (-c["size"], c["id"]))


def theme_members(groups: list[dict]) -> list[dict]:
    """A theme's ideas for its examples (a ballot card): each group's closest member in turn,
    largest group first, then the next ones, so three examples come from three groups."""
    ordered = sorted(groups, key=lambda c: (-c["size"], c["id"]))
    lists = [list(g.get("members") or []) for g in ordered]
    members = []
    for rank in range(max((len(m) for m in lists), default=0)):
        members += [m[rank] for m in lists if rank < len(m)]
    return members
