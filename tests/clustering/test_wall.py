"""What the wall shows: cluster cards from the store, the near-duplicate groups still open,
merge batches, each card's distinct representatives."""

from cocreate.clustering.labels import fold, stop_words
from cocreate.clustering.pipeline import cluster_workshop
from cocreate.clustering.wall import (
    cluster_cards,
    distinct_representatives,
    duplicate_suggestions,
    merge_batches,
    wall_rows,
)


def test_cards_have_labels_keywords_and_representatives_without_stop_words(store, demo, minilm):
    cluster_workshop(store, demo["id"], model=minilm)
    cards = cluster_cards(store, demo["id"])
    stops = stop_words()
    for card in cards:
        assert card["label"] and card["keywords"]
        assert len(card["representatives"]) == min(3, card["size"])
        for keyword in card["keywords"]:
            assert not all(fold(word) in stops for word in keyword.split()), keyword
    assert sum(card["size"] for card in cards) == 122


def test_near_duplicate_groups_stay_open_until_merged_most_voted_first():
    ideas = {
        1: {"id": 1, "votes": 2},
        2: {"id": 2, "votes": 9},
        3: {"id": 3, "votes": None},
        4: {"id": 4, "votes": 1},
        5: {"id": 5, "votes": 0},
    }
    assignments = [
        {"idea_id": 1, "duplicate_group": 1},
        {"idea_id": 2, "duplicate_group": 1},
        {"idea_id": 3, "duplicate_group": 1},
        {"idea_id": 4, "duplicate_group": 2},
        {"idea_id": 5, "duplicate_group": 2},
        {"idea_id": 6, "duplicate_group": 2},  # not among the ideas shown
    ]
    open_groups = duplicate_suggestions(assignments, [], ideas)
    assert [[idea["id"] for idea in group] for group in open_groups] == [[2, 1, 3], [4, 5]]
    # a group whose repeats were merged into one idea is done
    merges = [{"merged_idea_id": 5, "primary_idea_id": 4}]
    open_groups = duplicate_suggestions(assignments, merges, ideas)
    assert [[idea["id"] for idea in group] for group in open_groups] == [[2, 1, 3]]


def test_merges_are_grouped_as_made_newest_first():
    merges = [
        {"id": 1, "primary_idea_id": 10, "merged_idea_id": 11, "created_at": "t1"},
        {"id": 2, "primary_idea_id": 10, "merged_idea_id": 12, "created_at": "t1"},
        {"id": 3, "primary_idea_id": 20, "merged_idea_id": 21, "created_at": "t2"},
        {"id": 4, "primary_idea_id": 10, "merged_idea_id": 13, "created_at": "t3"},
    ]
    assert merge_batches(merges) == [
        {"primary": 10, "merged": [13], "merge_ids": [4]},
        {"primary": 20, "merged": [21], "merge_ids": [3]},
        {"primary": 10, "merged": [11, 12], "merge_ids": [1, 2]},
    ]


def test_a_card_shows_each_wording_once_and_no_merged_idea():
    members = [
        {"id": 1, "text": "Plus de bancs", "merged_into": None},
        {"id": 2, "text": "plus  de BANCS", "merged_into": None},
        {"id": 3, "text": "Des arbres", "merged_into": 1},
        {"id": 4, "text": "Un marché", "merged_into": None},
        {"id": 5, "text": "Une fontaine", "merged_into": None},
    ]
    assert [m["id"] for m in distinct_representatives(members, 2)] == [1, 4]
    assert [m["id"] for m in distinct_representatives(members, 9)] == [1, 4, 5]


def test_the_wall_rows_are_the_cards_the_assignments_and_the_merges(store, demo, minilm):
    cluster_workshop(store, demo["id"], model=minilm)
    cards, assignments, merges = wall_rows(store, demo["id"])
    # the cards hold numpy centroids: compared by what a card shows
    shown = ("id", "label", "keywords", "size", "representatives")
    assert [{k: c[k] for k in shown} for c in cards] == [
        {k: c[k] for k in shown} for c in cluster_cards(store, demo["id"])
    ]
    assert assignments == store.assignments(demo["id"])
    assert merges == store.active_merges(demo["id"]) == []
