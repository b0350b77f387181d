"""The facilitator's edits of a wall: rename, pin, merge, split and move clusters, and merge
near-duplicate ideas (and undo it), all of a suggested group or the ideas chosen in it, and
take an idea out of its suggested group ("not a duplicate", undoable).

Structural edits pin what they touch, so a re-clustering leaves them in place (see
``pipeline.py``): merging clusters pins the result, splitting pins both parts, moving an idea
pins the cluster it goes to. A renamed cluster keeps its label. Merging near-duplicate ideas
records which idea repeats which; nothing is deleted and a merge can be undone. A "not a
duplicate" mark belongs to the idea, not to its group, so it holds through re-clusterings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from cocreate.clustering.clusterer import IdeaClusterer
from cocreate.clustering.embed import (
    Embedder,
    _embed_ideas,
    _embedder_for,
    idea_text_for_embedding,
    model_spec_for,
)
from cocreate.clustering.labels import cluster_keywords, label_from_keywords

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "rename_cluster",
    "pin_cluster",
    "merge_clusters",
    "split_cluster",
    "move_idea",
    "merge_ideas",
    "undo_merge",
    "open_duplicate_group",
    "merge_chosen_duplicates",
    "mark_not_duplicate",
    "undo_not_duplicate",
]


def rename_cluster(store: Store, cluster_id: int, label: str) -> None:
    """Give a cluster a label of one's own; it survives re-clustering."""
    label = " ".join(label.split())
    if not label:
        raise ValueError("A cluster label cannot be empty.")
    store.update_cluster(cluster_id, label=label, label_edited=True)


def pin_cluster(store: Store, cluster_id: int, pinned: bool = True) -> None:
    store.update_cluster(cluster_id, pinned=pinned)


def _members(store: Store, workshop_id: int, cluster_id: int) -> list[int]:
    return [a["idea_id"] for a in store.assignments(workshop_id) if a["cluster_id"] == cluster_id]


def merge_clusters(store: Store, cluster_ids: list[int], *, label: str | None = None) -> int:
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
    store: Store,
    cluster_id: int,
    *,
    parts: int = 2,
    seed: int = 0,
    model: str | Embedder | None = None,
) -> list[int]:
    """Cut a cluster in ``parts`` by meaning; all parts are pinned. Returns their ids."""
    cluster = store.get_cluster(cluster_id)
    workshop = store.get_workshop(cluster["workshop_id"])
    member_ids = set(_members(store, workshop["id"], cluster_id))
    if len(member_ids) < parts:
        raise ValueError(f"A cluster of {len(member_ids)} ideas cannot be cut in {parts}.")
    ideas = [i for i in store.list_ideas(workshop["id"]) if i["id"] in member_ids]
    clustering = store.latest_clustering(workshop["id"])
    spec = model or (
        model_spec_for(clustering["model_id"], only_installed=False) if clustering else None
    )
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


def move_idea(store: Store, idea_id: int, cluster_id: int) -> None:
    """Put one idea in another cluster by hand; that cluster is pinned so the move stays."""
    idea = store.get_idea(idea_id)
    cluster = store.get_cluster(cluster_id)
    if idea["workshop_id"] != cluster["workshop_id"] or cluster["retired_at"]:
        raise ValueError("An idea can only move to an active cluster of its workshop.")
    store.move_ideas([idea_id], cluster_id, manual=True)
    store.update_cluster(cluster_id, pinned=True)


def _refresh_cluster(store: Store, workshop_id: int, cluster_id: int) -> None:
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


def merge_ideas(store: Store, primary_id: int, other_ids: list[int]) -> list[int]:
    """Mark ``other_ids`` as repeating ``primary_id``; nothing is deleted, authors and votes
    stay with each idea and are shown together. Returns merge ids (for undo)."""
    primary = store.get_idea(primary_id)
    for other in other_ids:
        if store.get_idea(other)["workshop_id"] != primary["workshop_id"]:
            raise ValueError("Ideas of different workshops cannot be merged.")
    return store.merge_ideas(primary["workshop_id"], primary_id, other_ids)


def undo_merge(store: Store, merge_ids: list[int]) -> None:
    store.undo_merges(merge_ids)


def open_duplicate_group(store: Store, idea_id: int) -> list[int]:
    """The ideas suggested together with ``idea_id`` (itself included), by id: its
    near-duplicate group without the ideas merged into another or marked "not a duplicate";
    empty when the idea is in no group still open."""
    workshop_id = store.get_idea(idea_id)["workshop_id"]
    assignments = store.assignments(workshop_id)
    group = next((a["duplicate_group"] for a in assignments if a["idea_id"] == idea_id), None)
    left_out = {m["merged_idea_id"] for m in store.active_merges(workshop_id)}
    left_out |= store.not_duplicate_idea_ids(workshop_id)
    if group is None or idea_id in left_out:
        return []
    members = [
        a["idea_id"]
        for a in assignments
        if a["duplicate_group"] == group and a["idea_id"] not in left_out
    ]
    return members if len(members) > 1 else []


def merge_chosen_duplicates(store: Store, primary_id: int, chosen_ids: list[int]) -> list[int]:
    """Merge the ideas chosen in a suggested group into the one kept (``primary_id``); the
    group's other ideas stay suggested. Returns merge ids (for undo)."""
    chosen = list(dict.fromkeys(i for i in chosen_ids if i != primary_id))
    if not chosen:
        raise ValueError("Choose at least one idea to merge into the one kept.")
    group = set(open_duplicate_group(store, primary_id))
    outside = [i for i in chosen if i not in group]
    if outside:
        listed = ", ".join(f"n°{i}" for i in outside)
        raise ValueError(f"Ideas {listed} are not suggested with idea n°{primary_id}.")
    return merge_ideas(store, primary_id, chosen)


def mark_not_duplicate(store: Store, idea_id: int, *, by: str) -> int:
    """Take one idea out of its suggested group ("not a duplicate"): it is not suggested
    again in any group, even after a re-clustering, until the mark is undone. ``by`` says
    who (one history line). Returns the mark's id."""
    group = open_duplicate_group(store, idea_id)
    if not group:
        raise ValueError(f"Idea n°{idea_id} is in no near-duplicate group still open.")
    workshop_id = store.get_idea(idea_id)["workshop_id"]
    # the note keeps which ideas it was suggested with, read back in the history
    others = " ".join(f"n°{i}" for i in group if i != idea_id)
    return store.mark_not_duplicate(workshop_id, idea_id, by=by, note=f"group: {others}")


def undo_not_duplicate(store: Store, mark_id: int, *, by: str) -> None:
    """Put a marked idea back among the near-duplicate suggestions (one history line)."""
    store.undo_not_duplicate(mark_id, by=by)
