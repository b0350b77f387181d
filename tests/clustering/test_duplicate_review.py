"""Near-duplicate groups reviewed one idea at a time: "not a duplicate" marks (stored with who
and when, undoable, holding through a re-clustering, one history line each), the merge of the
ideas chosen in a group, and every group listed largest first."""

import shutil

import pytest

from cocreate.clustering import cluster_workshop, undo_merge
from cocreate.clustering.edits import (
    mark_not_duplicate,
    merge_chosen_duplicates,
    open_duplicate_group,
    undo_not_duplicate,
)
from cocreate.clustering.wall import duplicate_suggestions
from cocreate.store import Store, StoreError
from cocreate.templates import load_demo


def regroup(store, workshop_id, groups):
    """Put the given ideas in hand-made near-duplicate groups (1, 2, ...), every other idea
    in none; clusters and map positions stay as they are."""
    group_of = {idea_id: n for n, group in enumerate(groups, start=1) for idea_id in group}
    store.add_assignments(
        [
            {**a, "cluster": a["cluster_id"], "duplicate_group": group_of.get(a["idea_id"])}
            for a in store.assignments(workshop_id)
        ]
    )


def open_groups(store, workshop_id):
    ideas = {i["id"]: i for i in store.list_ideas(workshop_id)}
    return [
        [idea["id"] for idea in group]
        for group in duplicate_suggestions(
            store.assignments(workshop_id),
            store.active_merges(workshop_id),
            ideas,
            store.not_duplicate_idea_ids(workshop_id),
        )
    ]


def by_votes(store, idea_ids):
    """``idea_ids`` as a suggestion lists them: most voted first."""
    votes = {i: store.get_idea(i)["votes"] or 0 for i in idea_ids}
    return sorted(idea_ids, key=lambda i: (-votes[i], i))


@pytest.fixture(scope="module")
def clustered_demo_file(tmp_path_factory, minilm):
    """The demo clustered once with the real model; each test gets its own copy."""
    path = tmp_path_factory.mktemp("clustered") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2, duplicate_threshold=0.8)
    return path


@pytest.fixture
def clustered(tmp_path, clustered_demo_file):
    """A copy of the clustered demo and its workshop."""
    path = tmp_path / "clustered.db"
    shutil.copyfile(clustered_demo_file, path)
    with Store(path) as store:
        yield store, store.get_workshop("demo")


@pytest.fixture
def grouped(clustered):
    """The clustered demo with four hand-made near-duplicate groups of 4, 3, 2 and 2 ideas."""
    store, demo = clustered
    ids = sorted(i["id"] for i in store.list_ideas(demo["id"]))
    groups = [ids[0:4], ids[4:7], ids[7:9], ids[9:11]]
    regroup(store, demo["id"], groups)
    return store, demo, groups


def test_a_mark_takes_the_idea_out_keeps_who_and_when_and_one_history_line(grouped):
    store, demo, groups = grouped
    out = groups[0][2]
    mark_id = mark_not_duplicate(store, out, by="Camille (animation)")
    assert by_votes(store, set(groups[0]) - {out}) in open_groups(store, demo["id"])
    [mark] = store.not_duplicate_marks(demo["id"])
    assert (mark["id"], mark["idea_id"], mark["marked_by"]) == (mark_id, out, "Camille (animation)")
    assert mark["marked_at"] and mark["undone_at"] is None
    [line] = store.triage_history(demo["id"], idea_id=out)
    assert (line["action"], line["staff_name"]) == ("not_duplicate", "Camille (animation)")
    assert all(f"n°{i}" in line["note"] for i in groups[0] if i != out)

    # marking one idea of a pair leaves a group of one: it is done
    mark_not_duplicate(store, groups[3][0], by="Camille (animation)")
    assert sorted(map(sorted, open_groups(store, demo["id"]))) == sorted(
        [sorted(set(groups[0]) - {out}), groups[1], groups[2]]
    )


def test_a_mark_is_refused_twice_outside_any_group_and_without_who(grouped):
    store, demo, groups = grouped
    mark_not_duplicate(store, groups[1][0], by="Camille")
    history = store.triage_history(demo["id"])
    with pytest.raises(ValueError, match="no near-duplicate group"):
        mark_not_duplicate(store, groups[1][0], by="Camille")
    lonely = max(i["id"] for i in store.list_ideas(demo["id"]))
    with pytest.raises(ValueError, match="no near-duplicate group"):
        mark_not_duplicate(store, lonely, by="Camille")
    with pytest.raises(StoreError, match="who"):
        mark_not_duplicate(store, groups[1][1], by="  ")
    with pytest.raises(StoreError, match="already marked"):
        store.mark_not_duplicate(demo["id"], groups[1][0], by="Camille")
    # nothing stored by the refused marks
    assert store.triage_history(demo["id"]) == history
    assert [m["idea_id"] for m in store.not_duplicate_marks(demo["id"])] == [groups[1][0]]


def test_a_mark_holds_through_a_re_clustering_until_undone(clustered, minilm):
    store, demo = clustered
    before = open_groups(store, demo["id"])
    assert before, "the demo holds reworded ideas"
    out = before[0][-1]
    mark_id = mark_not_duplicate(store, out, by="Camille")

    cluster_workshop(store, demo["id"], model=minilm, seed=2, duplicate_threshold=0.8)
    in_a_group = {a["idea_id"] for a in store.assignments(demo["id"]) if a["duplicate_group"]}
    assert out in in_a_group  # the clustering still finds it a near-duplicate ...
    after = open_groups(store, demo["id"])
    assert all(out not in group for group in after)  # ... but it is not suggested
    assert open_duplicate_group(store, out) == []

    undo_not_duplicate(store, mark_id, by="Dominique")
    assert any(out in group for group in open_groups(store, demo["id"]))
    [mark] = store.not_duplicate_marks(demo["id"], include_undone=True)
    assert (mark["undone_by"], mark["marked_by"]) == ("Dominique", "Camille")
    assert store.not_duplicate_marks(demo["id"]) == []
    actions = [(h["action"], h["staff_name"]) for h in store.triage_history(demo["id"])]
    assert actions == [("not_duplicate_undone", "Dominique"), ("not_duplicate", "Camille")]
    with pytest.raises(StoreError, match="in force"):
        undo_not_duplicate(store, mark_id, by="Dominique")


def test_merge_the_ideas_chosen_in_a_group_the_rest_stay_suggested(grouped):
    store, demo, groups = grouped
    first, second, third, fourth = groups[0]
    merge_ids = merge_chosen_duplicates(store, second, [third, second])
    merges = store.active_merges(demo["id"])
    assert [(m["primary_idea_id"], m["merged_idea_id"]) for m in merges] == [(second, third)]
    assert by_votes(store, [first, second, fourth]) in open_groups(store, demo["id"])
    assert store.count_ideas(demo["id"]) == 122  # nothing deleted

    undo_merge(store, merge_ids)
    assert store.active_merges(demo["id"]) == []
    assert open_groups(store, demo["id"])[0] == by_votes(store, groups[0])  # largest


def test_a_merge_outside_the_group_or_of_nothing_is_refused(grouped):
    store, demo, groups = grouped
    with pytest.raises(ValueError, match="at least one"):
        merge_chosen_duplicates(store, groups[0][0], [groups[0][0]])
    with pytest.raises(ValueError, match=f"n°{groups[1][0]} are not suggested"):
        merge_chosen_duplicates(store, groups[0][0], [groups[0][1], groups[1][0]])
    # a marked idea is out of its group: it cannot be merged as one of it
    mark_not_duplicate(store, groups[0][1], by="Camille")
    with pytest.raises(ValueError, match="not suggested"):
        merge_chosen_duplicates(store, groups[0][0], [groups[0][1]])
    assert store.active_merges(demo["id"]) == []


def test_every_group_is_listed_largest_then_most_voted_first():
    ideas = {i: {"id": i, "votes": v} for i, v in enumerate([1, 1, 9, 9, 0, 5, 5, 3, 3], 1)}
    assignments = [
        {"idea_id": i, "duplicate_group": g}
        for i, g in zip(range(1, 10), [1, 1, 2, 2, 3, 3, 3, 4, 4], strict=True)
    ]
    groups = duplicate_suggestions(assignments, [], ideas)
    assert [[i["id"] for i in g] for g in groups] == [[6, 7, 5], [3, 4], [8, 9], [1, 2]]
    # ideas marked "not a duplicate" are left out; a group left with one idea is done
    groups = duplicate_suggestions(assignments, [], ideas, not_duplicates=[5, 3])
    assert [[i["id"] for i in g] for g in groups] == [[6, 7], [8, 9], [1, 2]]
