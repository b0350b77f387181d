"""The 2-D map of ideas, on synthetic vectors."""

import numpy as np

from cocreate.clustering.maps import map_coordinates

from .conftest import blobs


def test_map_is_stable_for_a_seed_and_keeps_groups_apart():
    X, truth = blobs(n_per_group=30, groups=3)
    first = map_coordinates(X, random_state=3)
    again = map_coordinates(X, random_state=3)
    assert first.shape == (90, 2)
    assert np.allclose(first, again)
    centres = np.array([first[truth == g].mean(axis=0) for g in range(3)])
    within = np.mean(
        [np.linalg.norm(first[truth == g] - centres[g], axis=1).mean() for g in range(3)]
    )
    between = np.min(
        [np.linalg.norm(centres[a] - centres[b]) for a in range(3) for b in range(a + 1, 3)]
    )
    assert between > 2 * within
    assert map_coordinates(X[:3]).shape == (3, 2)


def test_a_sampled_map_repeats_exactly_with_its_threads(monkeypatch):
    import cocreate.clustering.maps as maps

    # above MAP_SAMPLE the map is fitted on a sample by MAP_THREADS threads and the rest
    # placed into it: the same seed must give the same positions, bit for bit
    monkeypatch.setattr(maps, "MAP_SAMPLE", 120)
    X, truth = blobs(n_per_group=100, groups=3)
    first = map_coordinates(X, random_state=5)
    assert np.array_equal(first, map_coordinates(X, random_state=5))
    # ideas placed into the sampled map still land nearest their own group's centre
    centres = np.array([first[truth == g].mean(axis=0) for g in range(3)])
    nearest = np.argmin(np.linalg.norm(first[:, None] - centres[None], axis=2), axis=1)
    assert np.mean(nearest == truth) > 0.95
