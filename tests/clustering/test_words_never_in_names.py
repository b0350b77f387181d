"""Words staff forbid in names (issue 20: a historical place name carrying a slur surfaced as
a group name): stored in the database for every workshop, refused when they are not one
word, applied to group and theme names, keywords, split groups and the local model's
proposals, at once through a clustering made again on the same groups."""

import shutil

import pytest

from cocreate.clustering import (
    allow_in_names,
    cluster_workshop_again,
    forbid_in_names,
    name_groups,
    pin_cluster,
    pin_theme,
    rename_cluster,
    split_cluster,
)
from cocreate.clustering.embed import idea_text_for_embedding
from cocreate.clustering.labels import cluster_keywords, fold
from cocreate.clustering.llm_names import name_problem
from cocreate.store import Store, StoreError


def words_in(*phrases: str) -> set[str]:
    return {fold(w) for p in phrases for w in p.replace("·", " ").replace("-", " ").split()}


@pytest.fixture
def clustered_demo(db_path, demo_clustered_file):
    """A copy of the clustered demo at the test's own database path."""
    shutil.copyfile(demo_clustered_file, db_path)
    return db_path


def partition(member_of: dict[int, int]) -> set[frozenset[int]]:
    return {frozenset(i for i, c in member_of.items() if c == g) for g in set(member_of.values())}


def test_a_word_is_stored_once_folded_and_kept_when_allowed_again(db_path):
    with Store(db_path) as store:
        first = forbid_in_names(store, "  Vélo ", by="Ana")
        assert (first["word"], first["written"], first["added_by"]) == ("velo", "Vélo", "Ana")
        assert forbid_in_names(store, "VELO", by="Ben")["id"] == first["id"]
        assert [w["word"] for w in store.words_never_in_names()] == ["velo"]
    with Store(db_path) as store:  # the file keeps it
        assert [w["written"] for w in store.words_never_in_names()] == ["Vélo"]
        allow_in_names(store, first["id"], by="Ana")
        assert store.words_never_in_names() == []
        with pytest.raises(StoreError, match="No word n°"):
            allow_in_names(store, first["id"], by="Ana")
        # the history of the list stays readable
        [row] = store.db.query("SELECT removed_by, removed_at FROM words_never_in_names")
        assert row["removed_by"] == "Ana" and row["removed_at"]
        again = forbid_in_names(store, "vélo", by="Ben")
        assert again["id"] != first["id"] and len(store.words_never_in_names()) == 1


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "deux mots", "<b>gras</b>", "=SUM(A1)", "vélo!", "12", "x" * 61],
)
def test_anything_but_one_word_is_refused_and_nothing_is_stored(db_path, typed):
    with Store(db_path) as store:
        forbid_in_names(store, "Loyers", by="Ana")
        with pytest.raises(ValueError) as refused:
            forbid_in_names(store, typed, by="Ana")
        assert "word" in str(refused.value)
        assert [w["word"] for w in store.words_never_in_names()] == ["loyers"]


def test_no_name_or_keyword_holds_a_forbidden_word():
    texts = [
        "Des pistes de vélo protégées vers les écoles",
        "Plus de vélos en libre-service près des écoles",
        "Un parking vélo sécurisé devant chaque école",
        "Des arceaux pour vélo-cargo devant les écoles",
        "Planter des arbres dans les cours d'école",
        "Des arbres fruitiers dans le parc",
        "Un verger partagé au parc",
        "Des arbres le long du canal",
    ]
    labels = [0, 0, 0, 0, 1, 1, 1, 1]
    free = name_groups(texts, labels, languages=["fr"] * 8)
    assert "velo" in words_in(free[0].label, *free[0].keywords)  # the word is there to lose
    kept = name_groups(texts, labels, languages=["fr"] * 8, never={"velo"})
    for name in kept.values():
        assert "velo" not in words_in(name.label, *name.keywords), name
        assert "velos" not in words_in(name.label, *name.keywords), name
    assert kept[0].label and kept[1] == free[1]
    assert name_problem("Vélo-cargo", "fr", {"velo"}) == "a word never to use"
    assert name_problem("Vélo-cargo", "fr") is None


def test_a_forbidden_word_leaves_every_name_at_once_and_comes_back_when_allowed(
    clustered_demo, minilm
):
    with Store(clustered_demo) as store:
        workshop = store.get_workshop("demo")
        before = store.active_clusters(workshop["id"])
        members = {a["idea_id"]: a["cluster_id"] for a in store.assignments(workshop["id"])}
        largest = max((c for c in before if c["level"] == 0), key=lambda c: c["size"])
        word = largest["label"].replace("·", " ").split()[0]
        # a name the facilitator typed is theirs: it stays
        edited = next(c for c in before if c["level"] == 0 and c["id"] != largest["id"])
        rename_cluster(store, edited["id"], f"{word} et compagnie")

        stored = forbid_in_names(store, word, by="Ana")
        summary = cluster_workshop_again(store, workshop["id"], model=minilm)
        assert summary.fit_reused and summary.seed == 2
        after = store.active_clusters(workshop["id"])
        for cluster in after:
            shown = words_in(cluster["label"], *cluster["keywords"])
            if cluster["label_edited"]:
                assert cluster["label"] == f"{word} et compagnie"
                continue
            assert fold(word) not in shown, cluster
        # the same groups, named again
        regrouped = {a["idea_id"]: a["cluster_id"] for a in store.assignments(workshop["id"])}
        assert len(set(regrouped.values())) == len(set(members.values()))
        assert partition(members) == partition(regrouped)

        allow_in_names(store, stored["id"], by="Ana")
        cluster_workshop_again(store, workshop["id"], model=minilm)
        labels = {c["label"] for c in store.active_clusters(workshop["id"])}
        assert largest["label"] in labels


def test_a_group_split_by_hand_is_not_named_by_a_forbidden_word(clustered_demo, minilm):
    with Store(clustered_demo) as store:
        workshop = store.get_workshop("demo")
        groups = [c for c in store.active_clusters(workshop["id"]) if c["level"] == 0]
        largest = max(groups, key=lambda c: c["size"])
        banned = fold(largest["keywords"][0].split()[0])
        forbid_in_names(store, banned, by="Ana")
        parts = split_cluster(store, largest["id"], seed=2, model=minilm)[:2]
        ideas = store.list_ideas(workshop["id"])
        texts = [idea_text_for_embedding(i) for i in ideas]
        languages = [i["language"] for i in ideas]
        member_of = {a["idea_id"]: a["cluster_id"] for a in store.assignments(workshop["id"])}
        unfiltered = set()
        for part in parts:
            flags = [1 if member_of.get(i["id"]) == part else 0 for i in ideas]
            unfiltered |= words_in(*cluster_keywords(texts, flags, languages=languages)[1])
            cluster = store.get_cluster(part)
            assert banned not in words_in(cluster["label"], *cluster["keywords"]), cluster
        assert banned in unfiltered  # the word would have named a part


def test_pinned_groups_and_themes_lose_a_forbidden_word_unless_someone_typed_it(
    clustered_demo, minilm
):
    with Store(clustered_demo) as store:
        workshop = store.get_workshop("demo")
        groups = [c for c in store.active_clusters(workshop["id"]) if c["level"] == 0]
        largest = max(groups, key=lambda c: c["size"])
        word = fold(largest["label"].replace("·", " ").split()[0])
        pin_theme(store, largest["parent_id"])  # the theme and the groups under it
        store.update_cluster(largest["parent_id"], label=f"{word.capitalize()} et autres")
        typed = next(c for c in groups if c["id"] != largest["id"])
        pin_cluster(store, typed["id"])
        rename_cluster(store, typed["id"], f"{word.capitalize()} à garder")

        forbid_in_names(store, word, by="Ana")
        cluster_workshop_again(store, workshop["id"], model=minilm)
        after = {
            c["id"]: c
            for c in [*store.active_clusters(workshop["id"]), *store.active_themes(workshop["id"])]
        }
        assert largest["id"] in after and largest["parent_id"] in after  # still pinned, kept
        for kept in (after[largest["id"]], after[largest["parent_id"]]):
            assert kept["label"] and word not in words_in(kept["label"]), kept
        assert after[typed["id"]]["label"] == f"{word.capitalize()} à garder"
