"""A database written by the release before the package split (tests/fixtures/release-0.1.db,
made by fixtures/make_release_db.py with that release) opens with this code, keeps its
ideas, clusters, rounds and map, and re-clustering reuses its cached embeddings and fits."""

import json
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from cocreate.clustering import FIT_LIBRARIES, cluster_workshop
from cocreate.scoring import round_results
from cocreate.stakeholders import workshop_graph
from cocreate.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "release-0.1.json").read_text(encoding="utf-8"))


@pytest.fixture
def release_store(tmp_path):
    path = tmp_path / "release.db"
    shutil.copyfile(FIXTURES / "release-0.1.db", path)
    with Store(path) as store:
        yield store


def test_the_previous_release_database_opens_with_everything_it_held(release_store):
    store = release_store
    assert store.applied_migrations()[: len(EXPECTED["migrations"])] == EXPECTED["migrations"]
    workshop = store.get_workshop(EXPECTED["workshop_slug"])
    wid = workshop["id"]
    assert len(store.list_ideas(wid)) == EXPECTED["n_ideas"]
    clusters = store.active_clusters(wid)
    assert {str(c["id"]): c["label"] for c in clusters} == EXPECTED["clusters"]
    assert sorted(c["id"] for c in clusters if c["pinned"]) == EXPECTED["pinned"]
    assignments = {str(a["idea_id"]): a["cluster_id"] for a in store.assignments(wid)}
    assert assignments == EXPECTED["assignments"]
    assert len(store.active_merges(wid)) == EXPECTED["merges"]
    results = round_results(store, EXPECTED["round_id"])
    assert not results.hidden
    ranking = {str(t.target): [t.rank, t.overall] for t in results.targets}
    assert ranking == EXPECTED["ranking"]
    assert sorted(a["key"] for a in store.list_actors(wid)) == EXPECTED["actors"]
    assert len(store.list_relations(wid)) == EXPECTED["relations"]
    assert workshop_graph(store, wid).number_of_nodes() == EXPECTED["graph_nodes"]


def test_reclustering_the_previous_release_database_reuses_its_cache(release_store, use_model):
    store = release_store
    wid = store.get_workshop(EXPECTED["workshop_slug"])["id"]
    summary = cluster_workshop(store, wid, seed=0, model=use_model)
    assert summary.model_id == EXPECTED["model_id"]
    assert summary.embed_stats.computed == 0
    assert summary.embed_stats.cached == EXPECTED["n_ideas"]
    assert store.count_vectors() == EXPECTED["n_vectors"]
    assert summary.n_clusters == EXPECTED["n_clusters_after_edits"]
    versions = {name: metadata.version(name) for name in FIT_LIBRARIES}
    if versions != EXPECTED["fit_libraries"]:
        pytest.skip(
            f"fit cache keys name library versions: {versions}, fixture has "
            f"{EXPECTED['fit_libraries']} (embeddings were reused, checked above)"
        )
    assert summary.fit_reused
    # a re-clustering stores its groups anew (new ids): the same ideas together; the labels
    # the facilitator edited stay (the others are named anew since issue 20's noun phrases)
    clusters = store.active_clusters(wid)
    labels = {c["id"]: c["label"] for c in clusters}
    now = partition({str(a["idea_id"]): a["cluster_id"] for a in store.assignments(wid)}, labels)
    before = partition(EXPECTED["assignments"], EXPECTED["clusters"])
    assert {members for _, members in now} == {members for _, members in before}
    edited = {c["label"] for c in clusters if c["label_edited"]}
    assert edited and edited <= {label for label, _ in before}


def partition(assignments, labels):
    groups = {}
    for idea, cluster in assignments.items():
        groups.setdefault(cluster, set()).add(idea)
    named = {str(cluster): label for cluster, label in labels.items()}
    return {(named[str(cluster)], frozenset(m)) for cluster, m in groups.items()}
