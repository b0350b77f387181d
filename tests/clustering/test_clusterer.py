"""The clusterer and its math, on synthetic vectors and on the demo's real vectors."""

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from cocreate.clustering.clusterer import (
    IdeaClusterer,
    assign_to_centroids,
    graph_communities,
    near_duplicate_groups,
    neighbour_count,
    normalise_rows,
)
from cocreate.clustering.embed import embed_texts

from .conftest import blobs


@parametrize_with_checks([IdeaClusterer(n_clusters=3), IdeaClusterer()])
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)


def test_same_input_and_seed_give_identical_labels():
    X, _ = blobs()
    first = IdeaClusterer(random_state=7).fit(X)
    second = IdeaClusterer(random_state=7).fit(X.copy())
    assert np.array_equal(first.labels_, second.labels_)
    assert np.allclose(first.cluster_centers_, second.cluster_centers_)


def test_recovers_well_separated_groups_and_numbers_them_by_size():
    from sklearn.metrics import adjusted_rand_score

    X, truth = blobs()
    X = np.vstack([X, X[:10]])  # group 0 becomes the largest
    truth = np.concatenate([truth, truth[:10]])
    model = IdeaClusterer(n_clusters=4).fit(X)
    assert adjusted_rand_score(truth, model.labels_) == 1.0
    sizes = np.bincount(model.labels_)
    assert list(sizes) == sorted(sizes, reverse=True)
    assert np.allclose(np.linalg.norm(model.cluster_centers_, axis=1), 1)
    assert model.similarity_.min() > 0.8


def test_every_idea_gets_a_cluster_and_outliers_are_flagged_loose():
    X, _ = blobs(groups=3)
    rng = np.random.default_rng(1)
    odd = rng.normal(size=(1, X.shape[1])).astype(np.float32)
    X = np.vstack([X, odd])
    model = IdeaClusterer(n_clusters=3).fit(X)
    assert (model.labels_ >= 0).all()
    assert model.loose_[-1]
    assert model.loose_.sum() <= 3


def test_without_a_count_the_graph_finds_the_groups_and_granularity_moves_it():
    from sklearn.metrics import adjusted_rand_score

    X, truth = blobs(n_per_group=50, groups=5)
    model = IdeaClusterer().fit(X)
    assert model.n_clusters_ == 5
    assert adjusted_rand_score(truth, model.labels_) == 1.0
    texts, _ = blobs(n_per_group=60, groups=3, spread=0.6, seed=3)
    fewer = IdeaClusterer(granularity=0.5).fit(texts).n_clusters_
    more = IdeaClusterer(granularity=2).fit(texts).n_clusters_
    assert fewer < more
    assert [neighbour_count(n) for n in (4, 50, 500, 5000)] == [3, 14, 45, 45]


def test_resolutions_step_down_on_one_grid_so_finer_never_lands_lower():
    from cocreate.clustering.clusterer import GRAPH_RESOLUTION, resolution_steps

    assert resolution_steps(GRAPH_RESOLUTION)[0] == GRAPH_RESOLUTION
    asked = [GRAPH_RESOLUTION * g for g in (0.5, 0.75, 1.0, 1.5, 2.0, 4.0)]
    tops = [resolution_steps(r)[0] for r in asked]
    assert tops == sorted(tops) and all(t <= r for t, r in zip(tops, asked, strict=True))
    # a coarser ask's steps are the tail of a finer one's: where the finer scan goes past
    # the coarser ask, it meets the same resolutions and so the same groups
    fine, coarse = resolution_steps(asked[-1]), resolution_steps(asked[2])
    assert np.allclose(
        fine[fine.index(min(fine, key=lambda r: abs(r - coarse[0]))) :][:5], coarse[:5]
    )
    with pytest.raises(ValueError):
        resolution_steps(0)


def test_a_granularity_that_would_crumble_the_ideas_is_lowered_and_says_so():
    from cocreate.clustering.clusterer import (
        GRAPH_RESOLUTION,
        MAX_CRUMB_SHARE,
        crumb_share,
        leiden,
        neighbour_graph,
        resolution_steps,
    )

    # 60 ideas with no structure: past some granularity they only fall apart into ones and twos
    noise = np.random.default_rng(0).normal(size=(60, 20)).astype(np.float32)
    usual = IdeaClusterer().fit(noise)
    finer = IdeaClusterer(granularity=2.0).fit(noise)
    assert not usual.finest_reached_ and finer.finest_reached_
    assert finer.n_clusters_ >= usual.n_clusters_ and np.bincount(finer.labels_).min() >= 3
    # the flag tells the truth: at the resolution asked, Leiden leaves too many crumbs
    graph, weights = neighbour_graph(normalise_rows(noise))
    asked = resolution_steps(GRAPH_RESOLUTION * 2.0)[0]
    assert crumb_share(leiden(graph, weights, resolution=asked, seed=0)) > MAX_CRUMB_SHARE
    # separated groups split finer without crumbling; a count of groups is never lowered
    X, _ = blobs()
    assert not IdeaClusterer(granularity=2.0).fit(X).finest_reached_
    assert not IdeaClusterer(n_clusters=30).fit(noise).finest_reached_


def test_groups_of_one_or_two_ideas_join_their_nearest_group_however_many():
    from cocreate.clustering.clusterer import absorb_small_groups

    X, truth = blobs(n_per_group=10, groups=4)
    unit = normalise_rows(X)
    # the first group's ideas each alone, the second's in pairs: 40% of the ideas in crumbs
    labels = truth.copy() + 20
    labels[:10] = np.arange(10)
    labels[10:20] = 10 + np.arange(10) // 2
    joined = absorb_small_groups(unit, labels)
    sizes = np.bincount(joined)
    assert sizes.min() >= 3 and len(sizes) == 2
    assert len(set(joined[20:30])) == 1 and len(set(joined[30:])) == 1


def test_above_the_graph_sample_the_other_ideas_join_the_nearest_group(monkeypatch):
    import cocreate.clustering.clusterer as cluster

    X, truth = blobs(n_per_group=100, groups=4)
    unit = normalise_rows(X)
    whole = graph_communities(unit, resolution=2.5, seed=0)
    monkeypatch.setattr(cluster, "GRAPH_SAMPLE", 120)
    sampled = graph_communities(unit, resolution=2.5, seed=0)
    from sklearn.metrics import adjusted_rand_score

    assert adjusted_rand_score(truth, whole) == 1.0
    assert adjusted_rand_score(truth, sampled) == 1.0


def test_zero_vectors_do_not_break_cosine():
    X = np.zeros((6, 4), dtype=np.float32)
    X[3:] = [1, 0, 0, 0]
    assert np.array_equal(normalise_rows(X)[0], np.zeros(4))
    model = IdeaClusterer(n_clusters=2).fit(X)
    assert len(set(model.labels_)) == 2
    assert not np.isnan(model.similarity_).any()


def test_new_points_go_to_the_nearest_centre():
    centres = np.eye(3, dtype=np.float32)
    labels, scores = assign_to_centroids(np.array([[0.1, 0.9, 0], [0, 0, 2]]), centres)
    assert labels.tolist() == [1, 2]
    assert scores[1] == pytest.approx(1.0)


def test_near_duplicates_chain_into_groups_within_clusters():
    base = np.eye(4, dtype=np.float32)
    X = np.vstack([base[0], base[0] + 0.01, base[0] + 0.02, base[1], base[2], base[2] + 0.01])
    groups = near_duplicate_groups(X, threshold=0.95)
    assert groups == [[0, 1, 2], [4, 5]]
    # pairs in different clusters are not compared
    assert near_duplicate_groups(X, [0, 1, 0, 0, 1, 1], threshold=0.95) == [[0, 2], [4, 5]]


def test_asking_for_more_groups_never_gives_fewer(store, demo, minilm):
    # fine granularities split a small set into many tiny communities: joining them all to
    # the few larger ones used to leave 2-3 groups where "more groups" was asked
    from cocreate.clustering.pipeline import GRANULARITIES

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])]
    X, _ = embed_texts(texts, minilm, store=store)
    counts = [IdeaClusterer(granularity=g).fit(X).n_clusters_ for g in GRANULARITIES]
    assert counts == sorted(counts), counts
    assert counts[-1] > counts[GRANULARITIES.index(1.0)]


def test_a_very_fine_granularity_steps_back_instead_of_shattering(store, demo, minilm):
    # past a point that depends on the set, a finer resolution splits a small workshop into
    # ones and twos; the resolution steps down until at most a quarter of the ideas are in
    # such crumbs, and those join their nearest group: no card of one or two ideas
    from cocreate.clustering.clusterer import crumb_share

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])]
    X, _ = embed_texts(texts, minilm, store=store)
    for granularity in (2.0, 4.0, 8.0):
        model = IdeaClusterer(granularity=granularity).fit(X)
        assert crumb_share(model.labels_) == 0.0, granularity
        assert model.n_clusters_ < len(texts) / 3
