"""The fit cache: an unchanged re-run reuses the stored fit, any change fits again."""

from cocreate.clustering.pipeline import cluster_workshop
from cocreate.ingest import submit_idea

from .conftest import partition


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
