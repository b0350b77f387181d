"""The bundle of a real dataset (Actons.fr, 187 labelled French proposals, CC0): imported,
grouped, mapped, exported; it opens in pandas, networkx reads its map back, frictionless
validates it, and its Polis files have the columns of real Polis exports."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from cocreate.clustering import cluster_workshop
from cocreate.export import BundleOptions, import_bundle, write_bundle
from cocreate.ingest import import_file
from cocreate.stakeholders import load_starter_map
from cocreate.store import Store

ACTONS = "actons-postcovid/actons_items.csv"
POLIS = "polis-opendata/scoop-hivemind.ubi"


def test_real_dataset_bundle_opens_everywhere(data_dir, store, tmp_path, minilm):
    workshop = store.create_workshop("Actons", language="fr")
    report = import_file(
        store,
        workshop["id"],
        data_dir / ACTONS,
        mapping={"text": "text", "title": "title", "category": "category", "source_id": "id"},
        source="actons",
    )
    assert report.added == 187
    cluster_workshop(store, workshop["id"], model=minilm, seed=3)
    load_starter_map(store, workshop["id"], "city-project")
    result = write_bundle(store, workshop["id"], tmp_path / "actons", BundleOptions())

    ideas = pd.read_parquet(result.path / "ideas.parquet")
    assert len(ideas) == 187 and ideas["group_id"].notna().all()
    assert pd.read_csv(result.path / "ideas.csv")["idea_id"].tolist() == list(range(1, 188))
    assert (
        len(pd.read_json(result.path / "clusters.jsonl", lines=True)) == result.counts["clusters"]
    )
    for reader, name in (
        (nx.read_graphml, "stakeholders.graphml"),
        (nx.read_gexf, "stakeholders.gexf"),
    ):
        graph = reader(result.path / name)
        assert graph.number_of_nodes() >= result.counts["actors"] > 0

    # the same columns as a real Polis export
    real = pd.read_csv(data_dir / POLIS / "comments.csv", nrows=1)
    ours = pd.read_csv(result.path / "comments.csv")
    assert list(ours.columns) == list(real.columns)
    assert len(ours) == 187

    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(result.path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    readme = (result.path / "README.md").read_text(encoding="utf-8")
    assert "actons" in readme and "sentence-transformers/all-MiniLM-L6-v2" in readme

    # and back into an empty database: the same groups
    with Store(tmp_path / "empty.db") as fresh:
        restored = import_bundle(fresh, result.path)
        assert fresh.count_ideas(restored) == 187
        assert sorted(c["label"] for c in fresh.active_clusters(restored)) == sorted(
            c["label"] for c in store.active_clusters(workshop["id"])
        )
