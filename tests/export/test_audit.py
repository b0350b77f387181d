"""The audit log: one entry per export (when, who, what, which privacy options), kept when
the workshop goes, readable from the library and the command line."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.export import audit_bytes, download_bytes, export_file
from cocreate.privacy import PrivacyOptions
from cocreate.records import IdeaRecord
from cocreate.store import Store, StoreError, default_actor


@pytest.fixture
def with_ideas(store, workshop):
    store.add_ideas(
        workshop["id"],
        [IdeaRecord(text="Plus de pistes cyclables rue Gambetta", source_key="1", language="fr")],
        source="form",
    )
    return workshop


def test_migration_creates_the_log_once(db_path):
    with Store(db_path) as store:
        assert "m011_audit_log" in store.applied_migrations()
        assert store.audit_entries() == []
    with Store(db_path) as again:
        assert again.applied_migrations().count("m011_audit_log") == 1


def test_every_plain_export_is_recorded_with_who_what_and_privacy(store, with_ideas, tmp_path):
    export_file(store, with_ideas["id"], tmp_path / "a.csv", actor="Léa Martin")
    export_file(
        store,
        with_ideas["id"],
        tmp_path / "b.jsonl",
        privacy=PrivacyOptions(redact=False, keep=("Gambetta",)),
    )
    newest, oldest = store.audit_entries(with_ideas["id"])
    assert (oldest["actor"], oldest["action"], oldest["target"]) == (
        "Léa Martin",
        "export",
        str(tmp_path / "a.csv"),
    )
    assert oldest["details"] == {"format": "csv", "ideas": 1}
    assert oldest["privacy"]["redact"] is True
    # no actor given: the account at the machine
    assert newest["actor"] == default_actor()
    assert newest["privacy"]["redact"] is False
    assert newest["privacy"]["kept_as_written"] == ["Gambetta"]
    assert newest["workshop_title"] == with_ideas["title"]
    assert newest["at"] >= oldest["at"]


def test_entries_outlive_their_workshop_and_filter_by_workshop(store, with_ideas, tmp_path):
    other = store.create_workshop("Autre atelier")
    export_file(store, with_ideas["id"], tmp_path / "a.csv", actor="A")
    export_file(store, other["id"], tmp_path / "b.csv", actor="B")
    assert [e["actor"] for e in store.audit_entries(other["id"])] == ["B"]
    assert [e["actor"] for e in store.audit_entries()] == ["B", "A"]
    store.delete_workshop(with_ideas["id"])
    kept = store.audit_entries()
    assert [e["workshop_title"] for e in kept] == ["Autre atelier", with_ideas["title"]]
    with pytest.raises(StoreError, match="action"):
        store.record_export(other["id"], actor="C", action="  ")


def test_audit_log_exports_safely_and_from_the_cli(store, with_ideas, db_path, tmp_path):
    store.record_export(with_ideas["id"], actor="=cmd|' /C calc'!A0", target="x.csv")
    data = audit_bytes(store.audit_entries(), "csv")
    assert "'=cmd" in data.decode("utf-8-sig")
    runner = CliRunner()
    out = tmp_path / "log.jsonl"
    done = runner.invoke(cli, ["--db", str(db_path), "audit", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "1 audit entries written" in done.output
    [entry] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert entry["actor"] == "=cmd|' /C calc'!A0" and entry["target"] == "x.csv"
    csv_out = tmp_path / "log.csv"
    assert runner.invoke(cli, ["--db", str(db_path), "audit", "-o", str(csv_out)]).exit_code == 0
    assert pd.read_csv(csv_out, encoding="utf-8-sig").loc[0, "actor"] == "'=cmd|' /C calc'!A0"
    empty = runner.invoke(cli, ["--db", str(db_path), "audit", "-w", "velo-en-ville"])
    assert "=cmd" in empty.output


def test_a_download_is_recorded_when_its_bytes_are_made(store, with_ideas):
    data = download_bytes(store, with_ideas["id"], "jsonl", actor="Léa Martin")
    assert json.loads(data.decode().splitlines()[0])["text"].startswith("Plus de pistes")
    [entry] = store.audit_entries(with_ideas["id"])
    assert (entry["action"], entry["actor"]) == ("download", "Léa Martin")
    assert entry["details"] == {"format": "jsonl", "ideas": 1}
