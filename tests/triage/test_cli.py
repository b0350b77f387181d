"""The backlog from the command line: staff, statuses, a cluster decision, the list, feedback."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.store import Store
from tests.triage.conftest import add_ideas, make_cluster


def run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def test_cli_round_trip(db_path, tmp_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Bancs publics", language="fr")
        ids = add_ideas(
            store,
            workshop["id"],
            ["Un banc", "Deux bancs", "Ombre"],
            originals=[{"t": "a", "mail": "a@example.org"}, {"t": "b"}, {"t": "c"}],
        )
        cluster = make_cluster(store, workshop["id"], ids[:2], "Bancs")
    slug = workshop["slug"]
    added = run(db_path, "staff", "add", "Sam", "--role", "staff")
    assert added.exit_code == 0, added.output
    assert "shown only now" in added.output
    assert "Sam\tstaff" in run(db_path, "staff", "list").output

    refused = run(
        db_path,
        "triage",
        "decide",
        slug,
        "--cluster",
        str(cluster),
        "--outcome",
        "accepted",
        "--as",
        "Sam",
    )
    assert refused.exit_code == 1
    assert "examinez-la avant de décider" in refused.output

    moved = run(
        db_path,
        "triage",
        "status",
        slug,
        "--to",
        "under_review",
        "--cluster",
        str(cluster),
        "--note",
        "vu",
        "--as",
        "Sam",
    )
    assert moved.exit_code == 0, moved.output
    assert "2 idée(s)" in moved.output
    decided = run(
        db_path,
        "triage",
        "decide",
        slug,
        "--cluster",
        str(cluster),
        "--outcome",
        "accepted",
        "--answer-fr",
        "Oui",
        "--answer-en",
        "Yes",
        "--as",
        "Sam",
    )
    assert decided.exit_code == 0, decided.output
    assert "2 idée(s)" in decided.output

    listed = run(db_path, "triage", "list", slug, "--status", "decided", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(listed.output)))
    assert sorted(int(r["id"]) for r in rows) == sorted(ids[:2])
    assert {r["outcome"] for r in rows} == {"accepted"}
    table = run(db_path, "triage", "list", slug)
    assert "2 sur 3 traitées" in table.output

    out = tmp_path / "retours.xlsx"
    written = run(db_path, "feedback", slug, "--out", str(out))
    assert written.exit_code == 0, written.output
    assert out.exists() and "1 auteur(s) sans contact" in written.output

    with Store(db_path) as store:
        history = store.triage_history(workshop["id"], cluster_id=cluster)
    assert {h["staff_name"] for h in history} == {"Sam"}


def test_cli_refuses_an_unknown_state_in_the_workshop_language(db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Parks", language="en")
        add_ideas(store, workshop["id"], ["A park"])
    result = run(db_path, "triage", "status", workshop["slug"], "--to", "nowhere", "--ideas", "1")
    assert result.exit_code == 1
    assert "Unknown status nowhere" in result.output
