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
from cocreate.clustering.labels import WORD, cluster_keywords, fold, label_from_keywords
from cocreate.clustering.names import forbidden_in_names, holds_forbidden

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
    "pin_theme",
    "move_group",
    "merge_themes",
    "split_theme",
    "forbid_in_names",
    "allow_in_names",
]

# a word staff forbid in names: one word as people write it, of a reasonable length
MAX_FORBIDDEN_CHARS = 60


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
    never = forbidden_in_names(store)
    words = [w for w in words if not holds_forbidden(w, never)]
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


# the theme tree (top level): a theme is a cluster of level 1; renaming one is
# ``rename_cluster``. Pinning a theme pins the groups under it, so a re-clustering keeps the
# theme with those groups; moving a group or merging themes pins what they touch.


def _theme(store: Store, theme_id: int) -> dict[str, Any]:
    theme = store.get_cluster(theme_id)
    if theme["level"] != 1 or theme["retired_at"]:
        raise ValueError(f"Cluster {theme_id} is not an active theme.")
    return theme


def _groups_under(store: Store, theme: dict[str, Any]) -> list[int]:
    return [
        c["id"]
        for c in store.active_clusters(theme["workshop_id"])
        if c["parent_id"] == theme["id"]
    ]


def pin_theme(store: Store, theme_id: int, pinned: bool = True) -> None:
    """Pin (or unpin) a theme and the groups under it: a re-clustering keeps them together."""
    theme = _theme(store, theme_id)
    for group in _groups_under(store, theme):
        store.update_cluster(group, pinned=pinned)
    store.update_cluster(theme_id, pinned=pinned)


def move_group(store: Store, cluster_id: int, theme_id: int) -> None:
    """Put a group under another theme of its workshop; both stay as they are (pinned)."""
    theme = _theme(store, theme_id)
    group = store.get_cluster(cluster_id)
    if group["level"] != 0 or group["retired_at"] or group["workshop_id"] != theme["workshop_id"]:
        raise ValueError("Only an active group of the theme's workshop can move under it.")
    store.update_cluster(cluster_id, parent_id=theme_id, pinned=True)
    pin_theme(store, theme_id)


def merge_themes(store: Store, theme_ids: list[int], *, label: str | None = None) -> int:
    """Put the groups of several themes under the first one, pinned; returns its id."""
    if len(theme_ids) < 2:
        raise ValueError("Merging needs at least two themes.")
    target, *others = (_theme(store, t) for t in theme_ids)
    for other in others:
        if other["workshop_id"] != target["workshop_id"]:
            raise ValueError("Themes of different workshops cannot be merged.")
        for group in _groups_under(store, other):
            store.update_cluster(group, parent_id=target["id"])
        store.retire_cluster(other["id"])
    if label:
        rename_cluster(store, target["id"], label)
    pin_theme(store, target["id"])
    return target["id"]


def split_theme(store: Store, theme_id: int, *, seed: int = 0) -> list[int]:
    """Cut a theme in two by its groups' centres (the tree's weighted k-means); both themes
    and their groups are pinned. The new theme is named after its largest group until the
    facilitator renames it. Returns (the theme's id, the new theme's id)."""
    from cocreate.clustering.tree import theme_tree

    theme = _theme(store, theme_id)
    groups = [c for c in store.active_clusters(theme["workshop_id"]) if c["parent_id"] == theme_id]
    if len(groups) < 2:
        raise ValueError(f"A theme of {len(groups)} group cannot be cut in two: split a group.")
    centres = np.vstack([g["centroid"] for g in groups])
    sizes = np.array([max(1, g["size"]) for g in groups])
    parent, theme_centres = theme_tree(centres, sizes, n_themes=2, seed=seed)
    moving = [g for g, part in zip(groups, parent, strict=True) if part == 1]
    new_id = store.create_cluster(
        theme["workshop_id"],
        label=max(moving, key=lambda g: g["size"])["label"],
        keywords=[],
        centroid=theme_centres[1],
        pinned=True,
        level=1,
    )
    for group in moving:
        store.update_cluster(group["id"], parent_id=new_id)
    store.update_cluster(theme_id, centroid=theme_centres[0])
    pin_theme(store, theme_id)
    pin_theme(store, new_id)
    return [theme_id, new_id]


def forbid_in_names(store: Store, word: str, *, by: str) -> dict[str, Any]:
    """Never use ``word`` in a group or theme name again, in any workshop of the database
    (beside the installed list); compared without case or accents, in each part of a
    hyphenated word. The names change at the next clustering
    (:func:`~cocreate.clustering.pipeline.cluster_workshop_again`). Returns the stored word."""
    written = " ".join(word.split())
    if not written:
        raise ValueError("Type the word never to use in names.")
    if len(written) > MAX_FORBIDDEN_CHARS or not WORD.fullmatch(written):
        raise ValueError(
            f"{written[:MAX_FORBIDDEN_CHARS]!r}: one word at a time (letters, with hyphens or"
            f" apostrophes inside), at most {MAX_FORBIDDEN_CHARS} characters."
        )
    return store.add_word_never_in_names(fold(written), written, by=by)


def allow_in_names(store: Store, word_id: int, *, by: str) -> dict[str, Any]:
    """Allow a word staff forbade in names again (kept in the list's history)."""
    return store.remove_word_never_in_names(word_id, by=by)
