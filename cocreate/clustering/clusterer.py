"""Group ideas by meaning: the clusterer (a scikit-learn estimator), its graph and k-means
math, incremental assignment and near-duplicates.

Pure functions of vectors (and a seed): no store, no model. ``labels.py`` names the groups,
``maps.py`` draws the 2-D map.

Choices, measured in ``bench/quality.py`` and ``bench/speed.py``:

- Without a number of groups: communities of the cosine k-nearest-neighbour graph
  (``clip(2 sqrt(n), 5, 45)`` neighbours, igraph's Leiden). A community must be ``2.5 x
  granularity`` times denser in similarity than the whole set (modularity against a random
  graph of the same density), a demand capped at ``DENSITY_CAP`` of the mean similarity of
  linked ideas; where more than ``MAX_CRUMB_SHARE`` of the ideas still end in groups of one
  or two, the resolution steps down on a fixed grid; the remaining groups under
  ``MIN_GROUP_SIZE`` join their nearest group. On the 22 labelled French sets of
  ``bench/quality.py`` (mean of seeds 0-2): NMI 0.423 / ARI 0.230 / AMI 0.276, no idea on a
  card of one or two; plain modularity (the former default) 0.433 / 0.175 / 0.256 with 3.4%
  of ideas on such cards; k-means told the human number of groups 0.418 / 0.157 / 0.236.
  ARI reaches the best baseline on 19 sets, NMI on 11: the misses are small Grand Débat
  questions whose coders made a group per 3-10 answers, where NMI (unlike AMI and ARI)
  grows with the number of groups even by chance and so favours splitting them into ones
  and twos. ``bench/quality.py --sweep``: on 10 sets no granularity reaches both the NMI and
  the ARI of the best baseline; ``--reach``: on two of them only k-means at exactly the
  coders' number of groups does (no other k, no Ward clustering at any k up to 3 sqrt(n)).
  Rejected: Ward's clustering at 2 sqrt(n) groups below 150 ideas meets both on 5 more
  Grand Débat sets (those coders made a group per 3-6 answers), but on the held-out samples
  of 60 ideas (Paris titles, Polis; a group per 4-12 ideas) it lowers ARI on all four, by
  half or more on three (0.267 -> 0.122, 0.305 -> 0.078, 0.167 -> 0.054): how finely coders
  split is not in the ideas. Above ``GRAPH_SAMPLE`` ideas the graph is built on a seeded
  sample and the other ideas join the nearest group, which keeps time and memory linear.
  ``granularity`` below 1 gives fewer, larger groups.
- With a number of groups: spherical k-means (k-means on unit vectors, so distances follow
  cosine similarity), linear in the number of ideas (100k ideas in about 20-45 s on two
  cores, under 1 GiB). BLAS runs on one thread during the fit: k-means++ start-up makes many
  small matrix products that two BLAS threads slow down 5-7x on a busy machine (same labels).
- Every idea gets a group (no outlier bin); agglomerative clustering and HDBSCAN, quadratic
  in time or memory, are not used.
- Ideas far from their group's centre (robust z-score of their similarity within the group)
  are flagged ``loose``: still in the group, marked for a human look.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

__all__ = [
    "IdeaClusterer",
    "graph_communities",
    "graph_partition",
    "normalise_rows",
    "assign_to_centroids",
    "near_duplicate_groups",
]

# above this many ideas, mini-batch k-means keeps time and memory linear and small
MINIBATCH_ABOVE = 20_000
# the graph communities: a group is this many times denser in similarity than the whole set;
# one setting for every set of bench/quality.py (22 sets, 3 seeds, with cap and crumb guard:
# 2.5 gave ARI 0.230 / AMI 0.276, 3.0 gave 0.220 / 0.275)
GRAPH_RESOLUTION = 2.5
# ...and at most this share of the mean similarity of linked ideas (see ``leiden``); on the
# 22 sets 0.5 gave NMI 0.407 / ARI 0.222 (small sets in few groups), 0.65 0.423 / 0.230,
# 0.8 0.425 / 0.229 but less room for "more groups" before the demand reaches the typical
# similarity, where sets of 100-200 ideas shatter
DENSITY_CAP = 0.65
# chosen under plain modularity on the 22 sets (3 seeds: NMI 0.425 -> 0.433, ARI 0.171 ->
# 0.175 against 1.5 and 30) and checked on 4 labelled sets left out of that choice (Paris BP
# titles twice, Polis comments in English and German: within 0.005 either way); with the
# density objective 1.5 sqrt(n) was worse, 2.5-3 sqrt(n) shattered the smallest sets
NEIGHBOURS_PER_SQRT_N = 2.0
MIN_NEIGHBOURS, MAX_NEIGHBOURS = 5, 45
# the graph is built on at most this many ideas; the others join the nearest group (the 7
# NNV questions pooled, 8,837 answers: NMI 0.412 on the whole graph, 0.385 on 6,000)
GRAPH_SAMPLE = 10_000
# rows of the similarity matrix computed at once while looking for neighbours
NEIGHBOUR_BLOCK = 1024
# threads that look for neighbours side by side (one per core, at most 4)
WORKERS = max(1, min(4, os.cpu_count() or 1))
# a community smaller than this joins its nearest group (a card of one or two ideas is
# noise on a wall), once there are enough ideas for groups of that size
MIN_GROUP_SIZE = 3
MIN_IDEAS_FOR_MIN_GROUP = 20
# more than this share of the ideas in groups under MIN_GROUP_SIZE: the resolution steps down
# (joining them all would leave a small set at a fine granularity with a few large groups)
MAX_CRUMB_SHARE = 0.25
# the grid the resolution steps down on while a set shatters into crumbs (x 1/1.1 a step,
# 20 steps: down to 0.15 x the asked resolution)
RESOLUTION_STEP = 1.1
RESOLUTION_STEPS = 20
# robust z-score under which an idea fits its group loosely
LOOSE_Z = -2.5


def normalise_rows(X: np.ndarray) -> np.ndarray:
    """Unit-length rows; an all-zero row stays zero (cosine with it is 0, not NaN)."""
    X = np.asarray(X, dtype=np.float32)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)


class IdeaClusterer(ClusterMixin, BaseEstimator):
    """Cluster idea embeddings; same input and ``random_state`` give the same labels.

    Parameters
    ----------
    n_clusters : int or None
        Number of groups (spherical k-means); ``None``: the communities of the similarity
        graph, as many as the ideas form.
    granularity : float
        Without ``n_clusters``: multiplies the graph's resolution (below 1, fewer and
        larger groups; above 1, more and smaller ones).
    random_state : int
        Seed of the communities' search, or of the k-means initialisation.
    n_init : int
        k-means restarts; the best (lowest inertia) wins.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        Group of each idea, numbered by decreasing size (0 is the largest group).
    cluster_centers_ : ndarray of shape (n_clusters_, n_features)
        Unit-length centre of each group.
    similarity_ : ndarray of shape (n_samples,)
        Cosine similarity of each idea to its group's centre.
    loose_ : ndarray of bool
        Ideas that fit their group loosely.
    finest_reached_ : bool
        Without ``n_clusters``: the granularity asked would have left over a quarter of the
        ideas in groups of one or two, so a coarser one was used (these ideas split no
        finer; ``n_clusters`` still gives any number of groups). False with ``n_clusters``.
    n_clusters_ : int
    """

    def __init__(
        self,
        n_clusters: int | None = None,
        *,
        granularity: float = 1.0,
        random_state: int = 0,
        n_init: int = 4,
    ) -> None:
        self.n_clusters = n_clusters
        self.granularity = granularity
        self.random_state = random_state
        self.n_init = n_init

    def fit(self, X, y=None):
        X = validate_data(self, X, dtype=[np.float32, np.float64])
        unit = normalise_rows(X)
        n = len(unit)
        if self.n_clusters is not None:
            if self.n_clusters < 1:
                raise ValueError(f"n_clusters must be at least 1, got {self.n_clusters}")
            raw, centers = self._kmeans(unit, min(int(self.n_clusters), n))
            self.finest_reached_ = False
        else:
            if self.granularity <= 0:
                raise ValueError(f"granularity must be positive, got {self.granularity}")
            raw, self.finest_reached_ = graph_partition(
                unit, resolution=GRAPH_RESOLUTION * self.granularity, seed=self.random_state
            )
            centers = group_centres(unit, raw)
        k = len(centers)
        # number groups by decreasing size (ties by first member) so group 0 is the largest
        sizes = np.bincount(raw, minlength=k)
        first = np.array([np.argmax(raw == c) if sizes[c] else n for c in range(k)])
        order = sorted((c for c in range(k) if sizes[c]), key=lambda c: (-sizes[c], first[c]))
        remap = np.full(k, -1)
        remap[order] = np.arange(len(order))
        self.labels_ = remap[raw]
        self.cluster_centers_ = centers[order]
        self.n_clusters_ = len(order)
        self.similarity_ = np.einsum("ij,ij->i", unit, self.cluster_centers_[self.labels_])
        self.loose_ = loose_members(self.similarity_, self.labels_)
        return self

    def _kmeans(self, unit: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        # identical rows cannot make more groups than distinct rows
        k = min(k, len(np.unique(unit, axis=0)))
        if len(unit) > MINIBATCH_ABOVE:
            model = MiniBatchKMeans(
                n_clusters=k,
                random_state=self.random_state,
                n_init=self.n_init,
                batch_size=4096,
                max_no_improvement=20,
            )
        else:
            model = KMeans(n_clusters=k, random_state=self.random_state, n_init=self.n_init)
        with threadpool_limits(limits=1, user_api="blas"):
            raw = model.fit_predict(unit)
        return raw, normalise_rows(model.cluster_centers_)

    def predict(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, dtype=[np.float32, np.float64], reset=False)
        return assign_to_centroids(X, self.cluster_centers_)[0]


def neighbour_count(n_ideas: int) -> int:
    """Neighbours per idea in the similarity graph: more for larger sets, within 5-30."""
    wanted = round(NEIGHBOURS_PER_SQRT_N * math.sqrt(n_ideas))
    return int(min(MAX_NEIGHBOURS, max(MIN_NEIGHBOURS, wanted), n_ideas - 1))


def neighbour_graph(unit: np.ndarray):
    """The undirected cosine k-nearest-neighbour graph of unit rows (igraph), with the
    similarity as weight; the exact neighbours, found a block of rows at a time."""
    import igraph

    n = len(unit)
    k = neighbour_count(n)
    neighbours = np.empty((n, k), dtype=np.int64)
    similarity = np.empty((n, k), dtype=np.float32)

    def block(start: int) -> None:
        scores = unit[start : start + NEIGHBOUR_BLOCK] @ unit.T
        rows = np.arange(len(scores))
        scores[rows, start + rows] = -np.inf  # not its own neighbour
        # the k largest, partitioned in place of a negated copy (2x faster at 10k ideas)
        found = np.argpartition(scores, -k, axis=1)[:, -k:]
        neighbours[start : start + len(scores)] = found
        similarity[start : start + len(scores)] = np.take_along_axis(scores, found, axis=1)

    # blocks side by side, one BLAS thread each: numpy partitions without holding the GIL,
    # so both cores work on the partitions too (the larger part of the time)
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(block, range(0, n, NEIGHBOUR_BLOCK)))
    a, b = np.repeat(np.arange(n), k), neighbours.ravel()
    # one edge per pair, whichever side found the other, with its similarity (at least
    # slightly positive: Leiden needs positive weights)
    pair = np.minimum(a, b) * n + np.maximum(a, b)
    # rounded: the last bits of a similarity depend on BLAS threads and block sizes, and
    # Leiden's greedy moves follow them; rounding keeps those bits from changing the groups
    weight = np.clip(np.round(similarity.ravel().astype(np.float64), 4), 1e-4, None)
    order = np.lexsort((-weight, pair))
    pair, weight = pair[order], weight[order]
    first = np.r_[True, pair[1:] != pair[:-1]]
    graph = igraph.Graph(n=n)
    # add_edges reads the array at half the time the constructor takes (0.1 s at 10k ideas)
    graph.add_edges(np.column_stack([pair[first] // n, pair[first] % n]))
    return graph, weight[first]


# igraph draws from one process-wide random generator: one seeded fit at a time
_IGRAPH_RANDOM = threading.Lock()


def leiden(graph, weights: np.ndarray, *, resolution: float, seed: int) -> np.ndarray:
    """igraph's Leiden, seeded through igraph's random generator (put back after).

    The objective is modularity against a random graph of the same density (Reichardt and
    Bornholdt's Potts model with an Erdős-Rényi null model: igraph's CPM at ``resolution``
    times the graph's density), so a group must be ``resolution`` times denser in similarity
    than the whole set. Against the configuration null model (plain modularity, the former
    default) it lets groups differ in size, as human themes do (a set's main theme often
    holds a fifth to a half of its answers). The demand is capped at ``DENSITY_CAP`` x the mean edge
    weight (scaled like the resolution): on a small set, where each idea is linked to a
    large part of the set, the density is high and a demand above the typical similarity
    shatters the set into ones and twos. Two iterations, leidenalg's default (to
    convergence moved the mean NMI by <= 0.001). 0.1 s at 10k ideas."""
    import random

    import igraph

    n = graph.vcount()
    density = float(np.sum(weights)) / (n * (n - 1) / 2) if n > 1 else 0.0
    scale = resolution / GRAPH_RESOLUTION
    demand = scale * min(GRAPH_RESOLUTION * density, DENSITY_CAP * float(np.mean(weights)))
    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = graph.community_leiden(
                objective_function="CPM", weights=weights, resolution=demand, n_iterations=2
            )
        finally:
            igraph.set_random_number_generator(random)
    return np.asarray(found.membership, dtype=np.int64)


def graph_communities(unit: np.ndarray, *, resolution: float, seed: int) -> np.ndarray:
    """Leiden communities of the neighbour graph (deterministic for a seed); above
    ``GRAPH_SAMPLE`` ideas, of a seeded sample, the others joining the nearest community.
    See :func:`graph_partition`."""
    return graph_partition(unit, resolution=resolution, seed=seed)[0]


def graph_partition(unit: np.ndarray, *, resolution: float, seed: int) -> tuple[np.ndarray, bool]:
    """The communities of :func:`graph_communities`, and whether ``resolution`` was lowered
    because these ideas split no finer without crumbling.

    Where the communities leave more than ``MAX_CRUMB_SHARE`` of the ideas in crumbs (groups
    under ``MIN_GROUP_SIZE``), the resolution steps down until they do not: past a point that
    depends on the set, a finer resolution shatters a small set into ones and twos (186
    answers into 107 groups). The steps lie on one fixed grid, so a finer granularity never
    ends on a lower resolution than a coarser one (the number of groups found can still be
    one lower: Leiden's moves differ)."""
    n = len(unit)
    if n < 3:
        return np.zeros(n, dtype=np.int64), False
    sample = np.arange(n)
    if n > GRAPH_SAMPLE:
        sample = np.sort(np.random.default_rng(seed).choice(n, GRAPH_SAMPLE, replace=False))
    graph, weights = neighbour_graph(unit[sample])
    steps = resolution_steps(resolution)
    for candidate in steps:
        found = leiden(graph, weights, resolution=candidate, seed=seed)
        if len(sample) < MIN_IDEAS_FOR_MIN_GROUP or crumb_share(found) <= MAX_CRUMB_SHARE:
            break
    lowered = candidate < steps[0]
    found = absorb_small_groups(unit[sample], found)
    if len(sample) == n:
        return found, lowered
    labels = assign_to_centroids(unit, group_centres(unit[sample], found))[0]
    labels[sample] = found
    return labels, lowered


def resolution_steps(resolution: float) -> list[float]:
    """``resolution`` snapped down to the grid ``GRAPH_RESOLUTION x RESOLUTION_STEP^i``,
    then the grid's next ``RESOLUTION_STEPS - 1`` values below it."""
    if resolution <= 0:
        raise ValueError(f"resolution must be positive, got {resolution}")
    # the small epsilon keeps exact grid values (1.0 x the default) on their own step
    top = math.floor(math.log(resolution / GRAPH_RESOLUTION, RESOLUTION_STEP) + 1e-9)
    return [GRAPH_RESOLUTION * RESOLUTION_STEP ** (top - i) for i in range(RESOLUTION_STEPS)]


def crumb_share(labels: np.ndarray) -> float:
    """Share of the ideas in groups under ``MIN_GROUP_SIZE``."""
    sizes = np.bincount(labels)
    return float(np.mean(sizes[labels] < MIN_GROUP_SIZE))


def absorb_small_groups(unit: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Members of groups under ``MIN_GROUP_SIZE`` join the nearest group of at least that
    size; groups renumbered 0..k-1. Left as they are for sets under
    ``MIN_IDEAS_FOR_MIN_GROUP`` ideas or when no group is large enough. (The resolution has
    already stepped down until at most ``MAX_CRUMB_SHARE`` of the ideas are in such groups.)"""
    if len(unit) < MIN_IDEAS_FOR_MIN_GROUP:
        return labels
    sizes = np.bincount(labels)
    large = np.flatnonzero(sizes >= MIN_GROUP_SIZE)
    if len(large) == 0 or len(large) == len(sizes):
        return labels
    small = ~np.isin(labels, large)
    centres = group_centres(unit, labels)[large]
    labels = labels.copy()
    labels[small] = large[assign_to_centroids(unit[small], centres)[0]]
    return np.unique(labels, return_inverse=True)[1]


def group_centres(unit: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Unit-length mean of each group's rows, groups numbered 0..max(labels)."""
    from scipy.sparse import csr_matrix

    # a sparse group-by-idea matrix sums the rows 10x faster than np.add.at
    membership = csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))),
        shape=(int(labels.max()) + 1, len(labels)),
    )
    return normalise_rows(membership @ unit.astype(np.float64))


def loose_members(similarity: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Ideas whose similarity to their centre is an outlier low within their own group."""
    loose = np.zeros(len(labels), dtype=bool)
    for group in np.unique(labels):
        members = np.flatnonzero(labels == group)
        if len(members) < 5:
            continue
        values = similarity[members]
        median = np.median(values)
        spread = 1.4826 * np.median(np.abs(values - median)) or 1e-6
        loose[members] = (values - median) / spread < LOOSE_Z
    return loose


def assign_to_centroids(X: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nearest group of each new idea and its similarity, groups left as they are."""
    unit = normalise_rows(X)
    scores = unit @ normalise_rows(centers).T
    labels = np.argmax(scores, axis=1)
    return labels, scores[np.arange(len(unit)), labels]


def near_duplicate_groups(
    X: np.ndarray, labels: Sequence[int] | None = None, *, threshold: float = 0.9
) -> list[list[int]]:
    """Groups of ideas every two of which are at least ``threshold`` similar (pairs above the
    threshold are linked, then each linked set is cut by complete linkage: no chaining).

    With ``labels``, pairs are looked for inside each cluster only (near-identical texts
    share a cluster), which keeps the cost at the sum of squared cluster sizes instead of
    n squared. Groups are lists of row indices, largest first.
    """
    unit = normalise_rows(X)
    n = len(unit)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if labels is None:
        blocks = [np.arange(n)]
    else:
        labels = np.asarray(labels)
        blocks = [np.flatnonzero(labels == g) for g in np.unique(labels)]
    # many small products: two BLAS threads on a busy machine make them 100x slower
    with threadpool_limits(limits=1, user_api="blas"):
        for members in blocks:
            for start in range(0, len(members), 2048):
                rows = members[start : start + 2048]
                scores = unit[rows] @ unit[members].T
                left, right = np.nonzero(scores >= threshold)
                for a, b in zip(rows[left], members[right], strict=True):
                    if a < b:
                        root_a, root_b = find(int(a)), find(int(b))
                        if root_a != root_b:
                            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    found = []
    for members in groups.values():
        found.extend(tight_groups(unit, members, threshold) if len(members) > 2 else [members])
    found = [members for members in found if len(members) > 1]
    return sorted(found, key=lambda members: (-len(members), members[0]))


def tight_groups(unit: np.ndarray, members: list[int], threshold: float) -> list[list[int]]:
    """Cut a chain of linked ideas into groups where every pair is at least ``threshold``
    similar (complete linkage: a group of 137 ideas linked pair by pair mixed topics)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    rows = np.asarray(members)
    with threadpool_limits(limits=1, user_api="blas"):
        similarity = unit[rows].astype(np.float64) @ unit[rows].T.astype(np.float64)
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="complete")
    # a hair under the threshold's distance: pairs exactly at the threshold stay together
    cut = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    parts: dict[int, list[int]] = {}
    for row, part in zip(rows.tolist(), cut.tolist(), strict=True):
        parts.setdefault(part, []).append(row)
    return [sorted(part) for part in parts.values()]
