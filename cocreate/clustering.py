"""Cluster a workshop's ideas and keep the facilitator's edits: the pipeline
store -> embed -> cluster -> label -> store, new ideas on a live wall, and the editing actions.

Edits and re-clustering:

- A **renamed** cluster keeps its label: after a re-clustering, the new group that shares the
  most ideas with it (at least half of either) takes the edited label.
- **Pinned** clusters are left alone by a re-clustering: their ideas stay, their label stays.
  Structural edits pin what they touch, so they survive too: **merging** clusters pins the
  result, **splitting** pins both parts, **moving** an idea pins the cluster it goes to.
- **New ideas** are put in the nearest existing cluster at once (``assign_new_ideas``),
  without reshuffling the wall, until the facilitator re-clusters.
- **Merging near-duplicate ideas** records which idea repeats which; every idea, author and
  vote stays stored and counted, and a merge can be undone.

What a re-run reuses: vectors from the embedding cache (by model and text), the fit from the
fit cache (by a digest of the vectors and the settings: the fit is deterministic) and the map
(when the model, seed and texts are unchanged). Edits are applied on top each time.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import numpy as np

from cocreate.cluster import (
    IdeaClusterer,
    assign_to_centroids,
    map_coordinates,
    near_duplicate_groups,
    normalise_rows,
)
from cocreate.embed import Embedder, EmbedStats, Progress, embed_texts, resolve_embedder
from cocreate.labels import cluster_keywords, label_from_keywords, representative_members

__all__ = [
    "TextClustering",
    "cluster_texts",
    "ClusteringSummary",
    "idea_text_for_embedding",
    "cluster_workshop",
    "assign_new_ideas",
    "rename_cluster",
    "pin_cluster",
    "merge_clusters",
    "split_cluster",
    "move_idea",
    "merge_ideas",
    "undo_merge",
    "cluster_cards",
    "DEFAULT_DUPLICATE_THRESHOLD",
    "duplicate_threshold_for",
    "GRANULARITIES",
]

# cosine above which two ideas say the same thing; each model spreads similarities its own
# way. Read off pairs of the demo and of Paris BP / Actons / NNV: with USE, pairs at
# 0.72-0.78 are related projects, at 0.78-0.85 mostly the same project twice.
DEFAULT_DUPLICATE_THRESHOLD = 0.85
DUPLICATE_THRESHOLD_BY_MODEL = {"use-multilingual-v3": 0.80}


def duplicate_threshold_for(model_id: str | None) -> float:
    """The near-duplicate threshold that suits the model that made the vectors."""
    return DUPLICATE_THRESHOLD_BY_MODEL.get(model_id or "", DEFAULT_DUPLICATE_THRESHOLD)


LABEL_CARRY_OVERLAP = 0.5
# the granularities a facilitator picks from (much fewer ... much more groups)
GRANULARITIES = (0.5, 0.75, 1.0, 1.5, 2.0)
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
    store, X: np.ndarray, n_clusters: int | None, granularity: float, seed: int
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


@dataclass
class ClusteringSummary:
    clustering_id: int
    model_id: str
    seed: int
    n_ideas: int
    n_clusters: int
    n_pinned: int
    n_loose: int
    n_duplicate_groups: int
    embed_stats: EmbedStats
    params: dict[str, Any] = field(default_factory=dict)
    # the fit came from the store's fit cache (same vectors, same settings)
    fit_reused: bool = False
    # the granularity asked would have crumbled the ideas: a coarser one was used
    finest_reached: bool = False


@dataclass
class TextClustering:
    """Clusters of a plain list of texts (or vectors): per text, its cluster, similarity to
    the cluster centre, loose flag and map position; per cluster, keywords, a label and
    the row numbers of its most representative texts."""

    labels: np.ndarray
    similarity: np.ndarray
    loose: np.ndarray
    keywords: dict[int, list[str]]
    cluster_labels: dict[int, str]
    representatives: dict[int, list[int]]
    duplicate_groups: list[list[int]]
    coordinates: np.ndarray | None
    model_id: str | None
    seed: int

    @property
    def n_clusters(self) -> int:
        return len(self.cluster_labels)

    def rows(self, texts: list[str] | None = None) -> list[dict[str, Any]]:
        """One dict per text, ready for ``pandas.DataFrame``."""
        group_of = {i: n for n, members in enumerate(self.duplicate_groups, 1) for i in members}
        rows = []
        for i, label in enumerate(self.labels):
            row = {
                "cluster": int(label),
                "cluster_label": self.cluster_labels[int(label)],
                "similarity": float(self.similarity[i]),
                "loose": bool(self.loose[i]),
                "duplicate_group": group_of.get(i),
            }
            if texts is not None:
                row = {"text": texts[i], **row}
            if self.coordinates is not None:
                row["x"], row["y"] = map(float, self.coordinates[i])
            rows.append(row)
        return rows


def cluster_texts(
    texts: list[str] | None = None,
    *,
    embeddings: np.ndarray | None = None,
    n_clusters: int | None = None,
    granularity: float = 1.0,
    seed: int = 0,
    model: str | Embedder | None = None,
    language: str | None = None,
    duplicate_threshold: float | None = None,
    with_map: bool = True,
    store=None,
    progress: Progress | None = None,
) -> TextClustering:
    """Cluster texts without a workshop, from Python.

    Give ``texts`` (embedded with ``model``, or the default for ``language``), or
    precomputed ``embeddings`` (one row per text; ``texts`` then only feed the keywords and
    may be omitted). A ``store`` caches the embeddings between calls.

    Example: ``cluster_texts(texts, language="fr").rows(texts)`` gives one dict per text
    with its cluster, label, similarity, loose flag, duplicate group and map position.
    """
    if embeddings is None and texts is None:
        raise ValueError("Give texts, embeddings, or both.")
    model_id = None
    if embeddings is None:
        embedder = model if model is not None and not isinstance(model, str) else None
        embedder = embedder or resolve_embedder(model, language=language)
        embeddings, _ = embed_texts(list(texts), embedder, store=store, progress=progress)
        model_id = embedder.model_id
    X = normalise_rows(np.asarray(embeddings, dtype=np.float32))
    if texts is not None and len(texts) != len(X):
        raise ValueError(f"{len(texts)} texts but {len(X)} embeddings: give one row per text.")
    clusterer = IdeaClusterer(n_clusters, granularity=granularity, random_state=seed).fit(X)
    labels = clusterer.labels_
    if texts is not None:
        languages = [language] * len(texts) if language else None
        keywords = cluster_keywords(list(texts), labels, languages=languages)
    else:
        keywords = {group: [] for group in range(clusterer.n_clusters_)}
    return TextClustering(
        labels=labels,
        similarity=clusterer.similarity_,
        loose=clusterer.loose_,
        keywords=keywords,
        cluster_labels={g: label_from_keywords(words) for g, words in keywords.items()},
        representatives=representative_members(X, labels, clusterer.cluster_centers_),
        duplicate_groups=near_duplicate_groups(
            X, labels, threshold=duplicate_threshold or duplicate_threshold_for(model_id)
        ),
        coordinates=map_coordinates(X, random_state=seed) if with_map else None,
        model_id=model_id,
        seed=seed,
    )


def idea_text_for_embedding(idea: dict[str, Any]) -> str:
    """Title and text together: a title often names the idea better than its body."""
    title = (idea.get("title") or "").strip()
    text = idea["text"].strip()
    if title and not text.lower().startswith(title.lower()):
        return f"{title}. {text}"
    return text


def _embed_ideas(store, ideas, embedder: Embedder, progress: Progress | None):
    texts = [idea_text_for_embedding(i) for i in ideas]
    return embed_texts(texts, embedder, store=store, progress=progress)


def _embedder_for(store, workshop: dict[str, Any], model: str | Embedder | None) -> Embedder:
    if model is not None and not isinstance(model, str):
        return model
    return resolve_embedder(model, language=workshop["language"])


def cluster_workshop(
    store,
    workshop: int | str,
    *,
    n_clusters: int | None = None,
    granularity: float = 1.0,
    seed: int = 0,
    model: str | Embedder | None = None,
    duplicate_threshold: float | None = None,
    progress: Progress | None = None,
) -> ClusteringSummary:
    """(Re-)cluster every idea of a workshop, keeping pinned clusters and edited labels.

    ``n_clusters`` counts all clusters, pinned ones included. The result (clusters,
    keywords, labels, each idea's cluster, similarity, looseness, near-duplicate group and
    map position) is stored, with the model id, seed and parameters.
    """
    target = store.get_workshop(workshop)
    ideas = store.list_ideas(target["id"])
    if not ideas:
        raise ValueError(f"Workshop {target['slug']!r} has no ideas to cluster.")
    embedder = _embedder_for(store, target, model)
    X, stats = _embed_ideas(store, ideas, embedder, progress)
    X = normalise_rows(X)
    previous = store.active_clusters(target["id"])
    current = {a["idea_id"]: a for a in store.assignments(target["id"]) if a["cluster_id"]}
    pinned = [c for c in previous if c["pinned"]]
    pinned_ids = {c["id"] for c in pinned}
    kept = [
        i
        for i, idea in enumerate(ideas)
        if current.get(idea["id"], {}).get("cluster_id") in pinned_ids
    ]
    free = np.setdiff1d(np.arange(len(ideas)), kept)

    clusters: list[dict[str, Any]] = []
    labels = np.full(len(ideas), -1, dtype=object)
    similarity = np.zeros(len(ideas))
    loose = np.zeros(len(ideas), dtype=bool)
    for i in kept:
        labels[i] = current[ideas[i]["id"]]["cluster_id"]
    fit_reused = finest_reached = False
    if len(free):
        wanted = None if n_clusters is None else max(1, n_clusters - len(pinned))
        fit, fit_reused = fit_with_cache(store, X[free], wanted, granularity, seed)
        carried = _carry_labels(previous, current, ideas, free, fit.labels)
        for group in range(len(fit.centers)):
            clusters.append(
                {
                    "ref": f"new-{group}",
                    "centroid": fit.centers[group],
                    "label": carried.get(group, ""),
                    "label_edited": group in carried,
                }
            )
        labels[free] = [f"new-{g}" for g in fit.labels]
        similarity[free] = fit.similarity
        loose[free] = fit.loose
        finest_reached = bool(fit.finest_reached)
    for cluster in pinned:
        members = [i for i in kept if labels[i] == cluster["id"]]
        if members:
            centre = normalise_rows(X[members].mean(axis=0, keepdims=True))[0]
            similarity[members] = X[members] @ centre
    _name_clusters(store, ideas, labels, clusters, pinned)

    map_key = _map_key(embedder.model_id, seed, ideas)
    coordinates = _previous_map(store, target["id"], map_key, ideas)
    if coordinates is None:
        coordinates = map_coordinates(X, random_state=seed)
    refs = list(labels)
    duplicate_threshold = duplicate_threshold or duplicate_threshold_for(embedder.model_id)
    duplicate_of = _duplicate_groups(X, refs, duplicate_threshold)
    assignments = [
        {
            "idea_id": idea["id"],
            "cluster": refs[i],
            "similarity": similarity[i],
            "loose": bool(loose[i]),
            "manual": bool(current.get(idea["id"], {}).get("manual")) and i in kept,
            "duplicate_group": duplicate_of.get(i),
            "x": coordinates[i, 0],
            "y": coordinates[i, 1],
        }
        for i, idea in enumerate(ideas)
    ]
    params = {
        "n_clusters": n_clusters,
        "granularity": granularity,
        "duplicate_threshold": duplicate_threshold,
        "algorithm": "spherical k-means"
        if n_clusters is not None
        else (
            "Leiden communities of the cosine neighbour graph (igraph; CPM at resolution x"
            f" graph density, fit version {FIT_VERSION})"
        ),
        "map_key": map_key,
        "finest_reached": finest_reached,
    }
    clustering_id = store.save_clustering(
        target["id"],
        model_id=embedder.model_id,
        seed=seed,
        params=params,
        clusters=clusters,
        assignments=assignments,
        keep_cluster_ids=pinned_ids,
    )
    return ClusteringSummary(
        clustering_id=clustering_id,
        model_id=embedder.model_id,
        seed=seed,
        n_ideas=len(ideas),
        n_clusters=len(clusters) + len(pinned),
        n_pinned=len(pinned),
        n_loose=int(loose.sum()),
        n_duplicate_groups=len(set(duplicate_of.values())),
        embed_stats=stats,
        params=params,
        fit_reused=fit_reused,
        finest_reached=finest_reached,
    )


def _map_key(model_id: str, seed: int, ideas: list[dict[str, Any]]) -> str:
    """What the map depends on: the model, the seed and the ideas' texts."""
    digest = hashlib.sha256(f"{model_id}\n{seed}".encode())
    for idea in ideas:
        digest.update(f"\n{idea['id']}:{idea['text_hash']}:{idea.get('title') or ''}".encode())
    return digest.hexdigest()


def _previous_map(store, workshop_id: int, map_key: str, ideas) -> np.ndarray | None:
    """The stored map when nothing it depends on changed (a re-clustering with other groups
    or pins does not move the ideas on the map), else ``None``."""
    previous = store.latest_clustering(workshop_id)
    if previous is None or previous["params"].get("map_key") != map_key:
        return None
    placed = {a["idea_id"]: (a["x"], a["y"]) for a in store.assignments(workshop_id)}
    if any(placed.get(i["id"], (None, None))[0] is None for i in ideas):
        return None
    return np.array([placed[i["id"]] for i in ideas], dtype=float)


def _carry_labels(previous, current, ideas, free, new_labels) -> dict[int, str]:
    """Edited labels of unpinned clusters go to the new group sharing most of their ideas."""
    carried: dict[int, str] = {}
    edited = {c["id"]: c for c in previous if c["label_edited"] and not c["pinned"]}
    if not edited:
        return carried
    members_old: dict[int, set[int]] = {cid: set() for cid in edited}
    members_new: dict[int, set[int]] = {}
    for position, i in enumerate(free):
        idea_id = ideas[i]["id"]
        members_new.setdefault(int(new_labels[position]), set()).add(idea_id)
        old = current.get(idea_id, {}).get("cluster_id")
        if old in members_old:
            members_old[old].add(idea_id)
    for cid, old_members in members_old.items():
        if not old_members:
            continue
        best, best_overlap = None, 0.0
        for group, new_members in members_new.items():
            shared = len(old_members & new_members)
            overlap = max(shared / len(old_members), shared / len(new_members))
            if overlap > best_overlap:
                best, best_overlap = group, overlap
        if best is not None and best_overlap >= LABEL_CARRY_OVERLAP and best not in carried:
            carried[best] = edited[cid]["label"]
    return carried


def _name_clusters(store, ideas, labels, clusters, pinned) -> None:
    """Keywords for every cluster; a label for those without an edited one."""
    texts = [idea_text_for_embedding(i) for i in ideas]
    languages = [i["language"] for i in ideas]
    keys = sorted({str(ref) for ref in labels})
    number = {key: n for n, key in enumerate(keys)}
    keywords = cluster_keywords(texts, [number[str(ref)] for ref in labels], languages=languages)
    for cluster in clusters:
        words = keywords.get(number.get(cluster["ref"], -1), [])
        cluster["keywords"] = words
        if not cluster["label_edited"]:
            cluster["label"] = label_from_keywords(words)
    for cluster in pinned:
        words = keywords.get(number.get(str(cluster["id"]), -1), cluster["keywords"])
        fields: dict[str, Any] = {"keywords": words}
        if not cluster["label_edited"]:
            fields["label"] = label_from_keywords(words)
        store.update_cluster(cluster["id"], **fields)


def _duplicate_groups(X: np.ndarray, refs: list, threshold: float) -> dict[int, int]:
    """Row index -> near-duplicate group number (1-based), for rows in a group."""
    numbering = {ref: n for n, ref in enumerate(dict.fromkeys(str(r) for r in refs))}
    groups = near_duplicate_groups(X, [numbering[str(r)] for r in refs], threshold=threshold)
    return {i: n for n, members in enumerate(groups, start=1) for i in members}


def assign_new_ideas(
    store, workshop: int | str, *, model: str | Embedder | None = None, progress=None
) -> int:
    """Put ideas that have no cluster yet into the nearest existing cluster; the wall does
    not move. Returns how many ideas were placed (0 when nothing is clustered yet)."""
    target = store.get_workshop(workshop)
    clustering = store.latest_clustering(target["id"])
    clusters = [c for c in store.active_clusters(target["id"]) if c["centroid"] is not None]
    if clustering is None or not clusters:
        return 0
    assigned = store.assignments(target["id"])
    waiting = {a["idea_id"] for a in assigned if a["cluster_id"] is None}
    if not waiting:
        return 0
    ideas = [i for i in store.list_ideas(target["id"]) if i["id"] in waiting]
    embedder = _embedder_for(store, target, model or _model_spec(clustering["model_id"]))
    X, _ = _embed_ideas(store, ideas, embedder, progress)
    centers = np.vstack([c["centroid"] for c in clusters])
    nearest, scores = assign_to_centroids(X, centers)
    placed = [a for a in assigned if a["x"] is not None]
    rng = np.random.default_rng(len(assigned))
    rows = []
    for idea, group, score in zip(ideas, nearest, scores, strict=True):
        cluster_id = clusters[int(group)]["id"]
        # beside a member of its cluster on the map, until the next re-clustering
        anchor = next((a for a in placed if a["cluster_id"] == cluster_id), None)
        x, y = (anchor["x"], anchor["y"]) if anchor else (0.0, 0.0)
        jitter = rng.normal(0, 0.5, 2)
        rows.append(
            {
                "idea_id": idea["id"],
                "cluster": cluster_id,
                "similarity": float(score),
                "x": x + jitter[0],
                "y": y + jitter[1],
            }
        )
    store.add_assignments(rows)
    return len(rows)


def _model_spec(model_id: str) -> str | None:
    """The resolver name of a recorded model id, so new ideas use the wall's model."""
    known = {
        "sentence-transformers/all-MiniLM-L6-v2": "minilm",
        "use-multilingual-v3": "use",
        "use-multilingual-v3+sentence-transformers/all-MiniLM-L6-v2": "use+minilm",
    }
    if model_id in known:
        return known[model_id]
    if model_id.startswith("local:"):
        return model_id.removeprefix("local:")
    return None


# editing actions ---------------------------------------------------------------------------


def rename_cluster(store, cluster_id: int, label: str) -> None:
    """Give a cluster a label of one's own; it survives re-clustering."""
    label = " ".join(label.split())
    if not label:
        raise ValueError("A cluster label cannot be empty.")
    store.update_cluster(cluster_id, label=label, label_edited=True)


def pin_cluster(store, cluster_id: int, pinned: bool = True) -> None:
    store.update_cluster(cluster_id, pinned=pinned)


def _members(store, workshop_id: int, cluster_id: int) -> list[int]:
    return [a["idea_id"] for a in store.assignments(workshop_id) if a["cluster_id"] == cluster_id]


def merge_clusters(store, cluster_ids: list[int], *, label: str | None = None) -> int:
    """Put the ideas of several clusters into the first one, pinned; returns its id."""
    if len(cluster_ids) < 2:
        raise ValueError("Merging needs at least two clusters.")
    target, *others = cluster_ids
    workshop_id = store.get_cluster(target)["workshop_id"]
    for other in others:
        if store.get_cluster(other)["workshop_id"] != workshop_id:
            raise ValueError("Clusters of different workshops cannot be merged.")
        store.move_ideas(_members(store, workshop_id, other), target, manual=False)
        store.retire_cluster(other)
    fields: dict[str, Any] = {"pinned": True}
    if label:
        fields.update(label=" ".join(label.split()), label_edited=True)
    store.update_cluster(target, **fields)
    _refresh_cluster(store, workshop_id, target)
    return target


def split_cluster(
    store, cluster_id: int, *, parts: int = 2, seed: int = 0, model: str | Embedder | None = None
) -> list[int]:
    """Cut a cluster in ``parts`` by meaning; all parts are pinned. Returns their ids."""
    cluster = store.get_cluster(cluster_id)
    workshop = store.get_workshop(cluster["workshop_id"])
    member_ids = set(_members(store, workshop["id"], cluster_id))
    if len(member_ids) < parts:
        raise ValueError(f"A cluster of {len(member_ids)} ideas cannot be cut in {parts}.")
    ideas = [i for i in store.list_ideas(workshop["id"]) if i["id"] in member_ids]
    clustering = store.latest_clustering(workshop["id"])
    spec = model or (_model_spec(clustering["model_id"]) if clustering else None)
    X, _ = _embed_ideas(store, ideas, _embedder_for(store, workshop, spec), None)
    sub = IdeaClusterer(parts, random_state=seed).fit(X)
    ids = [cluster_id]
    store.update_cluster(cluster_id, pinned=True, centroid=sub.cluster_centers_[0])
    for part in range(1, sub.n_clusters_):
        ids.append(
            store.create_cluster(
                workshop["id"],
                label="",
                keywords=[],
                centroid=sub.cluster_centers_[part],
                pinned=True,
            )
        )
        moved = [ideas[i]["id"] for i in np.flatnonzero(sub.labels_ == part)]
        store.move_ideas(moved, ids[-1], manual=False)
    for part_id in ids:
        _refresh_cluster(store, workshop["id"], part_id)
    return ids


def move_idea(store, idea_id: int, cluster_id: int) -> None:
    """Put one idea in another cluster by hand; that cluster is pinned so the move stays."""
    idea = store.get_idea(idea_id)
    cluster = store.get_cluster(cluster_id)
    if idea["workshop_id"] != cluster["workshop_id"] or cluster["retired_at"]:
        raise ValueError("An idea can only move to an active cluster of its workshop.")
    store.move_ideas([idea_id], cluster_id, manual=True)
    store.update_cluster(cluster_id, pinned=True)


def _refresh_cluster(store, workshop_id: int, cluster_id: int) -> None:
    """Keywords (and label, unless edited) of one cluster from its current members."""
    members = set(_members(store, workshop_id, cluster_id))
    ideas = store.list_ideas(workshop_id)
    texts = [idea_text_for_embedding(i) for i in ideas]
    groups = [1 if i["id"] in members else 0 for i in ideas]
    words = cluster_keywords(texts, groups, languages=[i["language"] for i in ideas]).get(1, [])
    cluster = store.get_cluster(cluster_id)
    fields: dict[str, Any] = {"keywords": words}
    if not cluster["label_edited"]:
        fields["label"] = label_from_keywords(words)
    store.update_cluster(cluster_id, **fields)


def merge_ideas(store, primary_id: int, other_ids: list[int]) -> list[int]:
    """Mark ``other_ids`` as repeating ``primary_id``; nothing is deleted, authors and votes
    stay with each idea and are shown together. Returns merge ids (for undo)."""
    primary = store.get_idea(primary_id)
    for other in other_ids:
        if store.get_idea(other)["workshop_id"] != primary["workshop_id"]:
            raise ValueError("Ideas of different workshops cannot be merged.")
    return store.merge_ideas(primary["workshop_id"], primary_id, other_ids)


def undo_merge(store, merge_ids: list[int]) -> None:
    store.undo_merges(merge_ids)


def cluster_cards(store, workshop: int | str, *, top: int = 3) -> list[dict[str, Any]]:
    """What a cluster card shows: label, keywords, size, pinned, its most representative
    ideas, its members (closest first), and the votes and authors merged ideas bring."""
    target = store.get_workshop(workshop)
    clusters = store.active_clusters(target["id"])
    ideas = {i["id"]: i for i in store.list_ideas(target["id"])}
    assignments = store.assignments(target["id"])
    merges = store.active_merges(target["id"])
    merged_into = {m["merged_idea_id"]: m["primary_idea_id"] for m in merges}
    merged_from: dict[int, list[int]] = {}
    for m in merges:
        merged_from.setdefault(m["primary_idea_id"], []).append(m["merged_idea_id"])
    by_cluster: dict[int, list[dict[str, Any]]] = {}
    for a in assignments:
        if a["cluster_id"] is not None:
            by_cluster.setdefault(a["cluster_id"], []).append(a)
    cards = []
    for cluster in clusters:
        members = sorted(by_cluster.get(cluster["id"], []), key=lambda a: -(a["similarity"] or 0))
        rows = []
        for a in members:
            idea = ideas[a["idea_id"]]
            group = [idea["id"], *merged_from.get(idea["id"], [])]
            rows.append(
                {
                    **idea,
                    "similarity": a["similarity"],
                    "loose": bool(a["loose"]),
                    "manual": bool(a["manual"]),
                    "duplicate_group": a["duplicate_group"],
                    "merged_into": merged_into.get(idea["id"]),
                    "merged_ideas": merged_from.get(idea["id"], []),
                    "support": sum(ideas[i]["votes"] or 0 for i in group if i in ideas),
                    "authors": sorted({ideas[i]["author"] for i in group if ideas[i]["author"]}),
                }
            )
        visible = [r for r in rows if r["merged_into"] is None]
        cards.append(
            {
                **cluster,
                "size": len(rows),
                "members": rows,
                "representatives": visible[:top],
                "votes": sum(r["votes"] or 0 for r in rows),
                "loose": sum(r["loose"] for r in rows),
                "languages": dict(Counter(r["language"] for r in rows)),
            }
        )
    return cards
