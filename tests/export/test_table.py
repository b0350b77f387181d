"""Clustering from the command line, and the clustered export."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.clustering import cluster_workshop, merge_ideas
from cocreate.export import export_bytes, export_rows, format_for_path
from cocreate.store import Store
from cocreate.templates import load_demo


def run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


@pytest.fixture
def clustered_demo(store, minilm):
    workshop, _ = load_demo(store)
    cluster_workshop(store, workshop["id"], model=minilm, seed=7)
    return workshop


def test_cli_clusters_with_k_seed_and_model_then_exports_csv_and_jsonl(db_path, tmp_path):
    assert run(db_path, "demo", "--ideas-only").exit_code == 0
    result = run(db_path, "cluster", "-w", "demo", "--k", "6", "--seed", "2", "--model", "use")
    assert result.exit_code == 0, result.output
    assert "122 ideas -> 6 clusters" in result.output
    assert "model use-multilingual-v3, seed 2; embedded 122, from cache 0" in result.output
    again = run(db_path, "cluster", "-w", "demo", "--k", "6", "--seed", "2", "--model", "use")
    assert "embedded 0, from cache 122" in again.output
    assert "split no finer" not in again.output
    # "much more groups" past what these 122 ideas allow: a coarser one is used, and said
    finest = run(db_path, "cluster", "-w", "demo", "--granularity", "2", "--model", "use")
    assert finest.exit_code == 0, finest.output
    assert "these ideas split no finer" in finest.output and "--k N" in finest.output
    with Store(db_path) as store:
        latest = store.latest_clustering(store.get_workshop("demo")["id"])
    assert latest["params"]["finest_reached"] is True
    # the export below is of the --k 6 wall
    rerun = run(db_path, "cluster", "-w", "demo", "--k", "6", "--seed", "2", "--model", "use")
    assert rerun.exit_code == 0, rerun.output

    out = tmp_path / "demo.csv"
    exported = run(db_path, "export", "-w", "demo", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert "122 ideas written" in exported.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 122
    assert {r["model_id"] for r in rows} == {"use-multilingual-v3"}
    assert {r["seed"] for r in rows} == {"2"}
    assert len({r["cluster_id"] for r in rows}) == 6
    assert all(r["cluster_label"] and r["cluster_keywords"] and r["x"] for r in rows)
    # the imported row is kept whole beside the cluster fields
    assert rows[0]["original.id"] == rows[0]["source_id"] == "demo-001"

    out_jsonl = tmp_path / "demo.jsonl"
    assert run(db_path, "export", "-w", "demo", "-o", str(out_jsonl)).exit_code == 0
    records = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 122
    assert isinstance(records[0]["cluster_keywords"], list)
    assert records[0]["original"]["votes"] == "22"


def test_cli_cluster_errors_are_clean(db_path, tmp_path):
    assert run(db_path, "demo", "--ideas-only").exit_code == 0
    missing = run(db_path, "cluster", "-w", "nowhere")
    assert missing.exit_code == 1 and "No workshop named 'nowhere'" in missing.output
    bad_model = run(db_path, "cluster", "-w", "demo", "--model", "no-such-model")
    assert bad_model.exit_code == 1 and "Models are never downloaded" in bad_model.output
    bad_name = run(db_path, "export", "-w", "demo", "-o", str(tmp_path / "out.xlsx"))
    assert bad_name.exit_code == 1 and "name it .csv or .jsonl" in bad_name.output


def test_export_before_clustering_has_every_idea_and_empty_cluster_fields(store):
    workshop, _ = load_demo(store)
    rows = export_rows(store, workshop["id"])
    assert len(rows) == 122
    assert all(r["cluster_id"] is None and r["model_id"] is None for r in rows)


def test_export_shows_merges_and_duplicate_groups(store, clustered_demo):
    rows = export_rows(store, clustered_demo["id"])
    grouped = [r for r in rows if r["duplicate_group"]]
    assert grouped, "the demo holds reworded ideas that should be flagged"
    first, second = [r for r in grouped if r["duplicate_group"] == grouped[0]["duplicate_group"]][
        :2
    ]
    merge_ideas(store, first["idea_id"], [second["idea_id"]])
    after = {r["idea_id"]: r for r in export_rows(store, clustered_demo["id"])}
    assert after[second["idea_id"]]["merged_into"] == first["idea_id"]
    # merged ideas stay in the export with their author and votes
    assert after[second["idea_id"]]["votes"] == second["votes"]
    assert after[second["idea_id"]]["author"] == second["author"]


def test_csv_export_opens_in_excel_and_escapes_text(store, clustered_demo):
    data = export_bytes(store, clustered_demo["id"], "csv")
    assert data.startswith("\ufeff".encode())
    assert len(list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))) == 122
    with pytest.raises(ValueError, match="Unknown export format"):
        export_bytes(store, clustered_demo["id"], "xml")


def test_format_from_file_name(tmp_path):
    assert format_for_path(tmp_path / "a.CSV") == "csv"
    assert format_for_path(tmp_path / "a.ndjson") == "jsonl"


def test_store_file_reopens_with_the_export(db_path, clustered_demo):
    # a second connection (another process in real use) reads the same clustered rows
    with Store(db_path) as other:
        assert len(export_rows(other, clustered_demo["id"])) == 122
