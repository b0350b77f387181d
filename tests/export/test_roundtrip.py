"""A bundle imported into an empty database gives back the same ideas, clusters (same
partition and labels), scores and stakeholder map."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.export import BundleError, BundleOptions, import_bundle, read_bundle, write_bundle
from cocreate.privacy import PrivacyOptions
from cocreate.stakeholders import workshop_graph
from cocreate.stakeholders.graph import map_from_graph
from cocreate.store import Store

# texts as written: the round trip is then comparable with the source database itself
AS_WRITTEN = PrivacyOptions(redact=False, keep_personal_columns=True, salt="round-trip")


def partition(store, workshop_id, level=0):
    """Each cluster as (label, keywords, the set of its ideas' texts)."""
    members = defaultdict(set)
    texts = {i["id"]: i["text"] for i in store.list_ideas(workshop_id)}
    themes = {c["id"]: c for c in store.active_themes(workshop_id)}
    for a in store.assignments(workshop_id):
        if a["cluster_id"] is None:
            continue
        if level == 0:
            members[a["cluster_id"]].add(texts[a["idea_id"]])
        else:
            parent = store.get_cluster(a["cluster_id"])["parent_id"]
            members[parent].add(texts[a["idea_id"]])
    clusters = store.active_clusters(workshop_id, level=level)
    assert set(members) == {c["id"] for c in clusters} or level == 1
    return sorted(
        (c["label"], tuple(c["keywords"]), frozenset(members[c["id"]]))
        for c in clusters
        if level == 0 or c["id"] in themes
    )


def scores_by_text(store, workshop_id):
    """Every answer as (round title, target text or label, criterion, value), raters as the
    multiset of their answer sets (raters have no name to compare)."""
    texts = {i["id"]: i["text"] for i in store.list_ideas(workshop_id)}
    found = []
    for scoring_round in store.list_rounds(workshop_id):
        targets = {t["id"]: t for t in store.round_targets(scoring_round["id"])}
        by_rater = defaultdict(list)
        for s in store.round_scores(scoring_round["id"]):
            target = targets[s["target_id"]]
            what = texts[target["idea_id"]] if target["kind"] == "idea" else target["label"]
            # "don't know" (None) sorts before every value
            value = -1.0 if s["value"] is None else s["value"]
            by_rater[s["rater_id"]].append((what, s["criterion"], value, s["dont_know"]))
        found.append(
            (
                scoring_round["title"],
                scoring_round["status"],
                scoring_round["revealed"],
                sorted(tuple(sorted(answers)) for answers in by_rater.values()),
            )
        )
    return sorted(found)


def map_records(store, workshop_id):
    """The map with clusters and ideas named by label and text instead of ids."""
    smap = map_from_graph(workshop_graph(store, workshop_id))
    texts = {i["id"]: i["text"] for i in store.list_ideas(workshop_id)}
    labels = {c["id"]: c["label"] for c in store.active_clusters(workshop_id)}
    name = {"cluster": labels, "idea": texts}
    links = sorted((x.actor, x.kind, name[x.kind][x.ref], x.role, x.notes) for x in smap.links)
    return smap.actors, smap.relations, links


# Parquet is read first when present; a bundle of JSONL or CSV alone reads as well
@pytest.mark.parametrize("formats", [("csv", "parquet", "jsonl"), ("jsonl",), ("csv",)])
def test_round_trip_gives_back_ideas_clusters_scores_and_map(staged, tmp_path, formats):
    store, workshop = staged
    source = workshop["id"]
    options = BundleOptions(formats=formats, embeddings=True, privacy=AS_WRITTEN)
    result = write_bundle(store, source, tmp_path / "bundle.zip", options)
    with Store(tmp_path / "empty.db") as fresh:
        assert fresh.list_workshops() == []
        restored = import_bundle(fresh, result.path)

        ideas_before = store.list_ideas(source)
        ideas_after = fresh.list_ideas(restored)
        fields = ("text", "title", "category", "votes", "created", "language", "source_id")
        assert [tuple(i[f] for f in fields) for i in ideas_after] == [
            tuple(i[f] for f in fields) for i in ideas_before
        ]
        # authors come back as their pseudonyms: the same people wrote the same ideas
        same_author = defaultdict(set)
        for before, after in zip(ideas_before, ideas_after, strict=True):
            same_author[before["author"]].add(after["author"])
        assert all(len(pseudonyms) == 1 for pseudonyms in same_author.values())

        assert partition(fresh, restored) == partition(store, source)
        assert partition(fresh, restored, level=1) == partition(store, source, level=1)
        assert scores_by_text(fresh, restored) == scores_by_text(store, source)
        assert map_records(fresh, restored) == map_records(store, source)
        assert len(fresh.active_merges(restored)) == len(store.active_merges(source))

        # exported again, the restored workshop gives the same tables
        options = BundleOptions(formats=("parquet",), privacy=AS_WRITTEN)
        again = write_bundle(fresh, restored, tmp_path / "again", options)
    original, copied = read_bundle(result.path), read_bundle(again.path)
    columns = [
        "idea_id",
        "text",
        "cluster_id",
        "cluster_label",
        "theme_id",
        "x",
        "y",
        "dvf_overall",
    ]
    pd.testing.assert_frame_equal(original.ideas[columns], copied.ideas[columns], check_dtype=False)
    pd.testing.assert_frame_equal(original.clusters, copied.clusters, check_dtype=False)


def test_import_refuses_a_bundle_pointing_nowhere_and_stores_nothing(staged, tmp_path):
    store, workshop = staged
    result = write_bundle(
        store, workshop["id"], tmp_path / "b", BundleOptions(formats=("csv",), privacy=AS_WRITTEN)
    )
    ideas = pd.read_csv(result.path / "ideas.csv", dtype=str, keep_default_na=False)
    ideas.loc[2, "merged_into"] = "9999"
    ideas.to_csv(result.path / "ideas.csv", index=False)
    with Store(tmp_path / "empty.db") as fresh:
        with pytest.raises(BundleError, match="row 4, column merged_into: no idea 9999"):
            import_bundle(fresh, result.path)
        assert fresh.list_workshops() == []


def test_cli_import_bundle(staged, tmp_path):
    store, workshop = staged
    result = write_bundle(store, workshop["id"], tmp_path / "b.zip", BundleOptions())
    db = tmp_path / "other.db"
    done = CliRunner().invoke(cli, ["--db", str(db), "import-bundle", str(result.path)])
    assert done.exit_code == 0, done.output
    assert "122 ideas" in done.output
    with Store(db) as other:
        [restored] = other.list_workshops()
        assert restored["title"] == workshop["title"]
