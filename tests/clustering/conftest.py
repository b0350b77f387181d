"""Shared by the clustering tests: the demo workshop, synthetic vectors, who sits where."""

import numpy as np
import pytest

from cocreate.templates import load_demo


def blobs(n_per_group=40, groups=4, dim=16, spread=0.15, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(groups, dim))
    X = np.vstack([c + spread * rng.normal(size=(n_per_group, dim)) for c in centres])
    truth = np.repeat(np.arange(groups), n_per_group)
    return X.astype(np.float32), truth


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
