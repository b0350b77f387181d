"""The research bundle of the staged demo: its files open in pandas, networkx and numpy, the
data card validates with frictionless and says what a researcher needs, the Polis files
have Polis's columns, and the privacy defaults hold."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.clustering import idea_text_for_embedding
from cocreate.export import (
    BundleError,
    BundleOptions,
    read_bundle,
    write_bundle,
)
from cocreate.privacy import PrivacyOptions
from cocreate.records import IdeaRecord

POLIS_COMMENT_COLUMNS = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]


@pytest.fixture
def bundle(staged, tmp_path):
    store, workshop = staged
    result = write_bundle(
        store,
        workshop["id"],
        tmp_path / "bundle",
        BundleOptions(embeddings=True, actor="Léa Martin"),
    )
    return store, workshop, result


def test_every_table_opens_in_pandas_in_each_format_and_agrees(bundle):
    store, workshop, result = bundle
    folder = result.path
    for table in ("ideas", "clusters", "rounds", "scores"):
        csv = pd.read_csv(folder / f"{table}.csv")
        parquet = pd.read_parquet(folder / f"{table}.parquet")
        jsonl = pd.read_json(folder / f"{table}.jsonl", lines=True)
        assert len(csv) == len(parquet) == len(jsonl) > 0, table
        assert list(csv.columns) == list(parquet.columns) == list(jsonl.columns)
    ideas = pd.read_parquet(folder / "ideas.parquet")
    assert len(ideas) == store.count_ideas(workshop["id"]) == 122
    assert list(ideas["idea_id"]) == list(range(1, 123))
    # groups 1..k, then themes; every idea points at a group and a theme of the table
    clusters = pd.read_parquet(folder / "clusters.parquet")
    groups = clusters[clusters["level"] == "group"]
    themes = clusters[clusters["level"] == "theme"]
    assert sorted(groups["cluster_id"]) == list(range(1, len(groups) + 1))
    assert set(ideas["group_id"]) <= set(groups["cluster_id"])
    assert set(ideas["theme_id"]) <= set(themes["cluster_id"])
    assert set(groups["parent_id"]) <= set(themes["cluster_id"])
    # keywords stay lists in Parquet, labels and sizes match the store
    assert all(len(k) > 0 for k in groups["keywords"])
    stored = {c["label"]: c["size"] for c in store.active_clusters(workshop["id"])}
    assert dict(zip(groups["label"], groups["size"], strict=True)) == stored
    # DVF aggregates of the revealed round, the decision on the biggest group
    assert ideas["dvf_overall"].notna().any()
    assert set(ideas["dvf_target"].dropna()) >= {"group", "idea"}
    decided = ideas[ideas["decision"] == "accepted"]
    assert len(decided) >= groups["size"].iloc[0]
    assert set(decided["decision_answer_en"]) == {"Accepted"}
    # raw scores: pseudonymous raters only
    scores = pd.read_parquet(folder / "scores.parquet")
    tokens = {row["token"] for row in store.db.query("SELECT token FROM raters")}
    assert not set(scores["rater"]) & tokens
    assert scores["rater"].str.startswith("anon-").all()


def test_stakeholder_map_reads_back_in_networkx(bundle):
    store, workshop, result = bundle
    for name, reader in (
        ("stakeholders.graphml", nx.read_graphml),
        ("stakeholders.gexf", nx.read_gexf),
    ):
        graph = reader(result.path / name)
        actors = [n for n, d in graph.nodes(data=True) if d.get("kind") == "actor"]
        assert len(actors) == len(store.list_actors(workshop["id"])) == 12, name
        # links name the bundle's cluster numbers, which the clusters table holds
        clusters = {n for n, d in graph.nodes(data=True) if d.get("kind") == "cluster"}
        numbers = set(pd.read_csv(result.path / "clusters.csv")["cluster_id"])
        assert clusters and {int(n.split(":")[1]) for n in clusters} <= numbers


def test_embeddings_are_in_the_ideas_order(bundle, minilm):
    store, workshop, result = bundle
    vectors = np.load(result.path / "embeddings.npy")
    ideas = pd.read_parquet(result.path / "ideas.parquet")
    assert vectors.shape == (len(ideas), 384)
    # row i is idea i+1: the first stored idea's text, embedded again, is row 0
    first = store.list_ideas(workshop["id"])[0]
    again = minilm.encode([idea_text_for_embedding(first)])
    similarity = float(
        vectors[0] @ again[0] / np.linalg.norm(vectors[0]) / np.linalg.norm(again[0])
    )
    others = vectors[1:] @ again[0] / np.linalg.norm(vectors[1:], axis=1) / np.linalg.norm(again[0])
    assert similarity > others.max()


def test_datapackage_validates_with_frictionless_and_catches_a_broken_file(bundle):
    frictionless = pytest.importorskip("frictionless")
    _, _, result = bundle
    report = frictionless.validate(result.path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    descriptor = json.loads((result.path / "datapackage.json").read_text(encoding="utf-8"))
    ideas = next(r for r in descriptor["resources"] if r["name"] == "ideas-csv")
    assert all(f["description"] for f in ideas["schema"]["fields"])
    assert {f["name"] for f in ideas["schema"]["fields"]} >= {"cluster_id", "x", "dvf_overall"}
    # the validator reads the CSVs against their schema: a word in a number column fails
    broken = pd.read_csv(result.path / "clusters.csv", dtype=str)
    broken.loc[0, "size"] = "many"
    broken.to_csv(result.path / "clusters.csv", index=False)
    assert not frictionless.validate(result.path / "datapackage.json").valid


def test_data_card_names_model_seed_parameters_versions_sources_and_privacy(bundle):
    store, workshop, result = bundle
    descriptor = json.loads((result.path / "datapackage.json").read_text(encoding="utf-8"))
    clustering = store.latest_clustering(workshop["id"])
    card = descriptor["cocreate"]
    assert card["model_id"] == clustering["model_id"]
    assert card["seed"] == clustering["seed"]
    assert card["clustering_params"] == clustering["params"]
    assert card["package_versions"]["pyarrow"] and card["package_versions"]["cocreate"]
    assert card["privacy"]["redact"] is True
    assert card["privacy"]["salt"] == "random, not kept"
    assert descriptor["sources"][0]["title"] == "demo"
    readme = (result.path / "README.md").read_text(encoding="utf-8")
    assert clustering["model_id"] in readme
    assert f"Seed: {clustering['seed']}" in readme
    for key in clustering["params"]:
        assert f"`{key}`" in readme
    assert "Free-text redaction: on" in readme
    assert "embeddings.npy" in readme and "row i is idea i+1" in readme


def test_polis_files_have_polis_columns_and_the_vote_matrix(bundle):
    _, _, result = bundle
    comments = pd.read_csv(result.path / "comments.csv")
    assert list(comments.columns) == POLIS_COMMENT_COLUMNS
    assert list(comments["comment-id"]) == list(range(122))
    matrix = pd.read_csv(result.path / "participants-votes.csv")
    assert list(matrix.columns[:6]) == [
        "participant",
        "group-id",
        "n-comments",
        "n-votes",
        "n-agree",
        "n-disagree",
    ]
    assert len(matrix) == 2
    votes = matrix[["0", "1", "2"]].to_numpy()
    # one rater agrees with the first idea only, the other with the third only
    assert sorted(map(tuple, votes.tolist())) == [(-1, -1, 1), (1, -1, -1)]
    assert list(comments.loc[:2, "agrees"]) == [1, 0, 1]
    assert list(comments.loc[:2, "disagrees"]) == [1, 2, 1]
    assert matrix["n-votes"].tolist() == [3, 3]


def test_zip_bundle_holds_the_same_files_and_reads_back(staged, tmp_path):
    store, workshop = staged
    options = BundleOptions(formats=("csv",), excel_bom=True, level="theme")
    result = write_bundle(store, workshop["id"], tmp_path / "out" / "bundle.zip", options)
    with zipfile.ZipFile(result.path) as archive:
        names = set(archive.namelist())
        ideas_csv = archive.read("ideas.csv")
        comments_csv = archive.read("comments.csv")
    assert names == set(result.files)
    assert "ideas.parquet" not in names and "embeddings.npy" not in names
    # the BOM for Excel on cocreate's tables, never on Polis's own files
    assert ideas_csv.startswith("\ufeff".encode())
    assert not comments_csv.startswith("\ufeff".encode())
    ideas = pd.read_csv(io.BytesIO(ideas_csv), encoding="utf-8-sig")
    # the theme level: the ideas' cluster columns are their themes
    assert (ideas["cluster_id"] == ideas["theme_id"]).all()
    back = read_bundle(result.path)
    assert len(back.ideas) == 122
    assert back.ideas["cluster_keywords"].map(len).gt(0).all()


def test_privacy_defaults_redact_pseudonymise_and_drop_personal_columns(staged, tmp_path):
    store, workshop = staged
    store.add_ideas(
        workshop["id"],
        [
            IdeaRecord(
                text="Appelez-moi au 06 12 34 56 78 ou lea.martin@example.org pour le jardin",
                source_key="p1",
                author="Léa Martin",
                language="fr",
                original={
                    "Prénom": "Léa",
                    "Âge": "34",
                    "E-mail": "lea.martin@example.org",
                    "Quartier": "Centre",
                },
            )
        ],
        source="form",
    )
    result = write_bundle(store, workshop["id"], tmp_path / "b", BundleOptions(formats=("jsonl",)))
    ideas = pd.read_json(result.path / "ideas.jsonl", lines=True)
    row = ideas.iloc[-1]
    assert "[PHONE]" in row["text"] and "[EMAIL]" in row["text"]
    assert "06 12 34 56 78" not in row["text"]
    assert row["author"].startswith("anon-") and "Léa" not in row["author"]
    assert row["original"] == {"age_band": "25-34", "Quartier": "Centre"}
    everything = "".join(p.read_text(encoding="utf-8") for p in result.path.iterdir())
    assert "lea.martin@example.org" not in everything and "06 12 34 56 78" not in everything
    assert result.privacy["personal_columns_dropped"] == ["E-mail", "Prénom"]
    assert result.privacy["personal_columns_generalised"] == {"Âge": "age_band"}
    # two exports cannot be joined on pseudonyms; a kept salt joins them
    again = write_bundle(store, workshop["id"], tmp_path / "c", BundleOptions(formats=("jsonl",)))
    other = pd.read_json(again.path / "ideas.jsonl", lines=True).iloc[-1]["author"]
    assert other != row["author"]
    salted = BundleOptions(formats=("jsonl",), privacy=PrivacyOptions(salt="s3cret"))
    first = write_bundle(store, workshop["id"], tmp_path / "d", salted)
    second = write_bundle(store, workshop["id"], tmp_path / "e", salted)
    authors = [pd.read_json(r.path / "ideas.jsonl", lines=True)["author"] for r in (first, second)]
    assert authors[0].equals(authors[1])
    assert "s3cret" not in (first.path / "datapackage.json").read_text(encoding="utf-8")


def test_no_redact_and_kept_columns_are_explicit_and_recorded(staged, tmp_path):
    store, workshop = staged
    store.add_ideas(
        workshop["id"],
        [
            IdeaRecord(
                text="Écrivez à lea.martin@example.org",
                source_key="p2",
                language="fr",
                original={"Prénom": "Léa"},
            )
        ],
        source="form",
    )
    options = BundleOptions(
        formats=("jsonl",),
        privacy=PrivacyOptions(redact=False, keep_personal_columns=True),
        actor="Chercheuse",
    )
    result = write_bundle(store, workshop["id"], tmp_path / "b", options)
    row = pd.read_json(result.path / "ideas.jsonl", lines=True).iloc[-1]
    assert "lea.martin@example.org" in row["text"] and row["original"]["Prénom"] == "Léa"
    readme = (result.path / "README.md").read_text(encoding="utf-8")
    assert "OFF (explicitly turned off)" in readme and "KEPT (explicit option)" in readme
    entry = store.audit_entries(workshop["id"])[0]
    assert entry["actor"] == "Chercheuse" and entry["action"] == "bundle"
    assert entry["privacy"]["redact"] is False
    assert entry["privacy"]["personal_columns"] == "kept"


def test_bad_options_and_targets_are_refused_clearly(staged, tmp_path):
    store, workshop = staged
    with pytest.raises(BundleError, match="Unknown bundle format xml"):
        write_bundle(store, workshop["id"], tmp_path / "x", BundleOptions(formats=("xml",)))
    with pytest.raises(BundleError, match="Unknown level"):
        write_bundle(store, workshop["id"], tmp_path / "x", BundleOptions(level="city"))
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    with pytest.raises(BundleError, match="not an empty folder"):
        write_bundle(store, workshop["id"], taken, BundleOptions())
    assert (taken / "notes.txt").read_text() == "mine"
    with pytest.raises(BundleError, match="not a cocreate bundle"):
        read_bundle(taken)
    assert store.audit_entries(workshop["id"]) == []


def test_cli_writes_a_bundle_and_the_audit_log(staged, tmp_path):
    store, workshop = staged
    runner = CliRunner()
    out = tmp_path / "cli-bundle.zip"
    result = runner.invoke(
        cli,
        [
            "export",
            "-w",
            "demo",
            "--bundle",
            str(out),
            "--format",
            "csv",
            "--format",
            "parquet",
            "--keep",
            "Gambetta",
            "--as",
            "Léa Martin",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "122 ideas" in result.output and "texts redacted" in result.output
    with zipfile.ZipFile(out) as archive:
        assert {"ideas.csv", "ideas.parquet", "datapackage.json"} <= set(archive.namelist())
        assert "ideas.jsonl" not in archive.namelist()
        card = json.loads(archive.read("datapackage.json"))
    assert card["cocreate"]["privacy"]["kept_as_written"] == ["Gambetta"]
    neither = runner.invoke(cli, ["export", "-w", "demo"])
    assert neither.exit_code == 2 and "--bundle" in neither.output
    log = tmp_path / "audit.csv"
    listed = runner.invoke(cli, ["audit", "--workshop", "demo", "--out", str(log)])
    assert listed.exit_code == 0, listed.output
    rows = pd.read_csv(log, encoding="utf-8-sig")
    assert rows.loc[0, "actor"] == "Léa Martin" and rows.loc[0, "action"] == "bundle"
    assert json.loads(rows.loc[0, "privacy"])["kept_as_written"] == ["Gambetta"]
    printed = runner.invoke(cli, ["audit"])
    assert "Léa Martin\tbundle" in printed.output
