"""Clustering a workshop end to end with the real models (cache, determinism, live
assignment, the map, the recorded algorithm), and plain texts from Python."""

import numpy as np
import pytest

from cocreate.clustering.pipeline import assign_new_ideas, cluster_texts, cluster_workshop
from cocreate.clustering.wall import cluster_cards
from cocreate.ingest import submit_idea

from .conftest import labels_by_idea, partition


def test_cache_second_run_embeds_nothing(store, demo, minilm):
    first = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    assert first.embed_stats.computed == first.n_ideas == 122
    assert store.count_vectors(minilm.model_id) == 122
    second = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    assert (second.embed_stats.computed, second.embed_stats.cached) == (0, 122)
    submit_idea(store, demo["id"], "Un composteur collectif au pied de chaque immeuble")
    third = cluster_workshop(store, demo["id"], model=minilm, seed=1)
    assert third.embed_stats.computed == 1


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


def test_new_ideas_join_the_nearest_cluster_without_moving_the_wall(store, demo, use_model):
    # the demo workshop is French: its default model (MiniLM reads French too poorly to
    # say which card a French bike idea belongs to)
    cluster_workshop(store, demo["id"], model=use_model)
    wall = labels_by_idea(store, demo)
    bikes = next(
        c
        for c in cluster_cards(store, demo["id"])
        if any("vélo" in k or "cycl" in k for k in c["keywords"])
    )
    idea = submit_idea(store, demo["id"], "Un garage à vélos sécurisé près de la gare")
    assert assign_new_ideas(store, demo["id"], model=use_model) == 1
    after = labels_by_idea(store, demo)
    assert {k: v for k, v in after.items() if k != idea["id"]} == wall
    assert after[idea["id"]] == bikes["id"]
    assert assign_new_ideas(store, demo["id"], model=use_model) == 0


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


def test_the_recorded_algorithm_is_the_one_that_ran(store, demo, use_model):
    from cocreate.clustering.fit_cache import FIT_VERSION

    cluster_workshop(store, demo["id"], model=use_model)
    algorithm = store.latest_clustering(demo["id"])["params"]["algorithm"]
    assert "Leiden" in algorithm and "CPM" in algorithm
    assert f"fit version {FIT_VERSION}" in algorithm
    cluster_workshop(store, demo["id"], model=use_model, n_clusters=6)
    recorded = store.latest_clustering(demo["id"])
    assert recorded["params"]["algorithm"] == "spherical k-means"
    assert recorded["params"]["n_clusters"] == 6


def test_cluster_texts_from_python_with_the_real_model(minilm):
    texts = [
        "More bike lanes on the main road",
        "Protected cycle lanes to school",
        "Safe cycling paths for children",
        "Plant trees along the avenue",
        "More trees and shade in the park",
        "Green the schoolyards with trees",
    ]
    result = cluster_texts(texts, model=minilm, n_clusters=2, seed=0)
    assert result.model_id == minilm.model_id
    assert result.n_clusters == 2
    assert len(set(result.labels[:3])) == 1 and len(set(result.labels[3:])) == 1
    assert result.labels[0] != result.labels[3]
    rows = result.rows(texts)
    assert [r["text"] for r in rows] == texts
    assert all(r["cluster_label"] for r in rows)
    assert result.coordinates.shape == (6, 2)
    again = cluster_texts(texts, model=minilm, n_clusters=2, seed=0)
    assert np.array_equal(result.labels, again.labels)


def test_cluster_texts_on_precomputed_embeddings():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 16))
    X = np.vstack([c + 0.05 * rng.normal(size=(20, 16)) for c in centres])
    X[1] = X[0]  # an exact repeat is a near-duplicate
    result = cluster_texts(embeddings=X, n_clusters=3, with_map=False)
    assert result.model_id is None and result.coordinates is None
    truth = np.repeat(np.arange(3), 20)
    # one cluster per synthetic centre
    assert len({(a, b) for a, b in zip(truth, result.labels, strict=True)}) == 3
    assert any({0, 1} <= set(group) for group in result.duplicate_groups)
    with pytest.raises(ValueError, match="one row per text"):
        cluster_texts(["a", "b"], embeddings=X)
