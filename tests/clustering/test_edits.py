"""The facilitator's edits survive re-clustering; merging near-duplicate ideas keeps every
author and vote and can be undone."""

import json

from cocreate.clustering.edits import (
    merge_clusters,
    merge_ideas,
    move_idea,
    pin_cluster,
    rename_cluster,
    split_cluster,
    undo_merge,
)
from cocreate.clustering.pipeline import cluster_workshop
from cocreate.clustering.wall import cluster_cards

from .conftest import labels_by_idea


def test_renamed_and_pinned_clusters_survive_reclustering(store, demo, minilm):
    cluster_workshop(store, demo["id"], model=minilm, seed=0)
    cards = cluster_cards(store, demo["id"])
    renamed, pinned = cards[0], cards[1]
    rename_cluster(store, renamed["id"], "Le vélo au quotidien")
    pin_cluster(store, pinned["id"])
    pinned_members = {m["id"] for m in pinned["members"]}
    cluster_workshop(store, demo["id"], model=minilm, seed=5, n_clusters=8)
    after = {c["id"]: c for c in cluster_cards(store, demo["id"])}
    assert pinned["id"] in after
    assert {m["id"] for m in after[pinned["id"]]["members"]} == pinned_members
    assert after[pinned["id"]]["label"] == pinned["label"]
    assert "Le vélo au quotidien" in [c["label"] for c in after.values()]
    assert len(after) == 8


def test_merge_split_and_move_survive_reclustering(store, demo, minilm):
    cluster_workshop(store, demo["id"], model=minilm, seed=0)
    cards = cluster_cards(store, demo["id"])
    merged = merge_clusters(store, [cards[2]["id"], cards[3]["id"]], label="Fusion")
    merged_members = set(_members(store, demo, merged))
    assert len(merged_members) == cards[2]["size"] + cards[3]["size"]
    left, right = split_cluster(store, cards[0]["id"], model=minilm)
    split_members = (set(_members(store, demo, left)), set(_members(store, demo, right)))
    assert split_members[0] and split_members[1]
    idea = cards[4]["members"][0]["id"]
    move_idea(store, idea, cards[5]["id"])
    cluster_workshop(store, demo["id"], model=minilm, seed=9)
    assert set(_members(store, demo, merged)) == merged_members
    assert (set(_members(store, demo, left)), set(_members(store, demo, right))) == split_members
    assert labels_by_idea(store, demo)[idea] == cards[5]["id"]
    assert store.get_cluster(merged)["label"] == "Fusion"


def _members(store, workshop, cluster_id):
    return [i for i, c in labels_by_idea(store, workshop).items() if c == cluster_id]


def test_near_duplicates_found_and_merge_keeps_authors_and_votes(store, demo, minilm):
    cluster_workshop(store, demo["id"], model=minilm, duplicate_threshold=0.8)
    assignments = store.assignments(demo["id"])
    groups = {}
    for a in assignments:
        if a["duplicate_group"]:
            groups.setdefault(a["duplicate_group"], []).append(a["idea_id"])
    assert groups, "the demo holds reworded ideas"
    ideas = {i["id"]: i for i in store.list_ideas(demo["id"])}
    exact = [i for i in ideas.values() if i["duplicate_of"]]
    # exact duplicates (same text) always land in one near-duplicate group
    for idea in exact:
        group = [g for g in groups.values() if idea["id"] in g]
        assert group and idea["duplicate_of"] in group[0]
    members = sorted(next(iter(groups.values())))
    primary, others = members[0], members[1:]
    merge_ids = merge_ideas(store, primary, others)
    card_row = next(
        m for c in cluster_cards(store, demo["id"]) for m in c["members"] if m["id"] == primary
    )
    assert card_row["support"] == sum(ideas[i]["votes"] or 0 for i in members)
    expected_authors = sorted({ideas[i]["author"] for i in members if ideas[i]["author"]})
    assert card_row["authors"] == expected_authors
    assert store.count_ideas(demo["id"]) == 122  # nothing deleted
    for other in others:
        assert json.loads(store.get_idea(other)["original"])  # originals intact
    undo_merge(store, merge_ids)
    assert store.active_merges(demo["id"]) == []
