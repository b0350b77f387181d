"""What the wall shows, as plain data from the store's rows: the cluster cards (members,
representatives, the votes and authors merged ideas bring), the near-duplicate groups still
open, the merges that can be undone, and the rows the Clusters page reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "cluster_cards",
    "distinct_representatives",
    "duplicate_suggestions",
    "merge_batches",
    "wall_rows",
]


def cluster_cards(store: Store, workshop: int | str, *, top: int = 3) -> list[dict[str, Any]]:
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


def distinct_representatives(members: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    """The ``top`` members closest to the centre, one per wording: an idea merged into
    another or repeating a text already chosen would say the same thing twice on a card."""
    chosen: list[dict[str, Any]] = []
    seen: set[str] = set()
    for member in members:
        wording = " ".join(member["text"].casefold().split())
        if member["merged_into"] is None and wording not in seen:
            chosen.append(member)
            seen.add(wording)
            if len(chosen) == top:
                break
    return chosen


def duplicate_suggestions(
    assignments: Iterable[dict[str, Any]],
    merges: Iterable[dict[str, Any]],
    ideas: dict[int, dict[str, Any]],
    not_duplicates: Iterable[int] = (),
) -> list[list[dict[str, Any]]]:
    """Groups of near-duplicate ideas still shown apart: per ``duplicate_group``, the ideas
    neither merged into another one nor marked "not a duplicate" (``not_duplicates``), most
    voted first; groups left with one idea are done. Largest groups first, then most voted."""
    left_out = {m["merged_idea_id"] for m in merges} | set(not_duplicates)
    groups: dict[int, list[dict[str, Any]]] = {}
    for row in assignments:
        group = row["duplicate_group"]
        if group is not None and row["idea_id"] not in left_out and row["idea_id"] in ideas:
            groups.setdefault(group, []).append(ideas[row["idea_id"]])
    open_groups = [
        (group_id, sorted(members, key=lambda idea: (-(idea["votes"] or 0), idea["id"])))
        for group_id, members in groups.items()
        if len(members) > 1
    ]
    open_groups.sort(
        key=lambda pair: (-len(pair[1]), -sum(i["votes"] or 0 for i in pair[1]), pair[0])
    )
    return [members for _, members in open_groups]


def merge_batches(merges: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Active merges grouped as they were made (one primary, one moment), newest first."""
    batches: dict[tuple[int, str], dict[str, Any]] = {}
    for merge in merges:
        key = (merge["primary_idea_id"], merge["created_at"])
        batch = batches.setdefault(
            key, {"primary": merge["primary_idea_id"], "merged": [], "merge_ids": []}
        )
        batch["merged"].append(merge["merged_idea_id"])
        batch["merge_ids"].append(merge["id"])
    return sorted(batches.values(), key=lambda b: -max(b["merge_ids"]))


def wall_rows(store: Store, workshop_id: int) -> tuple[list, list, list]:
    """What the Clusters page reads: the cluster cards, the assignments, the active merges."""
    return (
        cluster_cards(store, workshop_id),
        store.assignments(workshop_id),
        store.active_merges(workshop_id),
    )
