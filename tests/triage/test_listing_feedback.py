"""The triage listing (filters, sort, pages, progress), the feedback export for authors, the
public follow-up, and the Paris import mapped onto the lifecycle."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from openpyxl import load_workbook

from cocreate.ingest import import_file
from cocreate.triage import (
    add_milestone,
    apply_progress_mapping,
    assign,
    change_status,
    decide,
    idea_facts,
    public_followup,
    triage_list,
    write_feedback,
)
from tests.triage.conftest import add_ideas, make_cluster


def test_filters_sort_pages_and_progress(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", cluster_id=b.cluster_a)
    decide(
        store,
        admin,
        b.workshop_id,
        cluster_id=b.cluster_a,
        outcome="accepted",
        answer_fr="Oui",
        answer_en="Yes",
    )
    change_status(store, admin, b.workshop_id, "under_review", idea_ids=[b.ideas[4]])
    assign(store, admin, b.workshop_id, idea_ids=[b.ideas[5]], department="Parcs")
    wid = b.workshop_id
    decided = triage_list(store, admin, wid, {"status": "decided"})
    assert sorted(r["id"] for r in decided.rows) == sorted([*b.ideas[:4], b.merged_outside])
    assert {r["outcome"] for r in decided.rows} == {"accepted"}
    assert {r["status_name"] for r in decided.rows} == {"Décidée"}
    assert triage_list(store, admin, wid, {"status": ["under_review"]}).matching == 1
    no_answer = triage_list(store, admin, wid, {"no_answer": True})
    assert sorted(r["id"] for r in no_answer.rows) == sorted(b.ideas[4:7])
    by_cluster = triage_list(store, admin, wid, {"cluster_id": b.cluster_b})
    assert {r["cluster_label"] for r in by_cluster.rows} == {"Parkings"}
    assert [r["id"] for r in triage_list(store, admin, wid, {"department": "Parcs"}).rows] == [
        b.ideas[5]
    ]
    assert triage_list(store, admin, wid, {"search": "numero 3"}).rows[0]["id"] == b.ideas[3]
    assert triage_list(store, admin, wid, {"older_than_days": 30}).matching == 0
    store.db.execute("UPDATE ideas SET created = '2020-05-01' WHERE id = ?", [b.ideas[6]])
    store.db.conn.commit()
    old = triage_list(store, admin, wid, {"older_than_days": 30})
    assert [r["id"] for r in old.rows] == [b.ideas[6]]
    first = triage_list(store, admin, wid, sort="added", descending=False, page_size=3)
    second = triage_list(store, admin, wid, sort="added", descending=False, page=1, page_size=3)
    assert [r["id"] for r in first.rows + second.rows] == b.ideas[:6]
    assert (first.matching, first.pages) == (len(b.ideas), 3)
    by_status = triage_list(store, admin, wid, sort="status", descending=True)
    assert by_status.rows[0]["status"] == "decided"
    assert (first.triaged, first.total) == (6, len(b.ideas))


def test_saved_views_belong_to_their_owner(store, backlog, admin, staff_member):
    from cocreate.triage import save_view, saved_views

    member, _ = staff_member
    save_view(store, member, backlog.workshop_id, "Sans réponse", {"no_answer": True})
    save_view(
        store, member, backlog.workshop_id, "Sans réponse", {"no_answer": True, "source": "x"}
    )
    [view] = saved_views(store, member, backlog.workshop_id)
    assert view["filters"] == {"no_answer": True, "source": "x"}
    assert saved_views(store, admin, backlog.workshop_id) == []
    page = triage_list(store, member, backlog.workshop_id, {"no_answer": True})
    assert page.matching == len(backlog.ideas)


def test_votes_sort(store, workshop, admin):
    ids = add_ideas(store, workshop["id"], ["a", "b", "c"])
    for idea_id, votes in zip(ids, (5, 50, 1), strict=True):
        store.db.execute("UPDATE ideas SET votes = ? WHERE id = ?", [votes, idea_id])
    store.db.conn.commit()
    page = triage_list(store, admin, workshop["id"], sort="votes")
    assert [r["votes"] for r in page.rows] == [50, 5, 1]


@pytest.fixture
def answered(store, workshop, admin):
    wid = workshop["id"]
    originals = [
        {"texte": "Plus de bancs", "Courriel": "ana@example.org"},
        {"texte": '=HYPERLINK("http://x")', "Téléphone": "+33 6 00 00 00 00"},
        {"texte": "Sans contact"},
    ]
    ids = add_ideas(store, wid, [o["texte"] for o in originals], originals=originals, author="Ana")
    store.db.execute("UPDATE ideas SET language = 'en' WHERE id = ?", [ids[2]])
    store.db.conn.commit()
    cluster = make_cluster(store, wid, ids, "Bancs")
    change_status(store, admin, wid, "under_review", cluster_id=cluster)
    decision = decide(
        store,
        admin,
        wid,
        cluster_id=cluster,
        outcome="accepted",
        answer_fr="Nous installons des bancs.",
        answer_en="",
    )
    add_milestone(
        store, admin, wid, decision_id=decision, on_date="2026-03-01", text="Bancs commandés"
    )
    return wid, ids


def test_feedback_csv_has_one_row_per_author_neutralised_and_counts_missing_contacts(
    store, answered, tmp_path
):
    wid, ids = answered
    result = write_feedback(store, wid, tmp_path / "retours.csv")
    assert result.missing == 1 and result.without_contact[0].idea_id == ids[2]
    main, second = result.paths
    assert main.read_bytes().startswith(b"\xef\xbb\xbf")
    with main.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Contact"] for r in rows] == ["ana@example.org", "'+33 6 00 00 00 00"]
    assert rows[1]["Texte de l'idée"].startswith("'=")
    assert {r["Réponse"] for r in rows} == {"Nous installons des bancs."}
    assert {r["Étapes"] for r in rows} == {"2026-03-01: Bancs commandés"}
    with second.open(encoding="utf-8-sig") as handle:
        [missing] = list(csv.DictReader(handle))
    # the author writes English; the answer falls back to French, the decision's name is English
    assert (missing["Langue"], missing["Décision"]) == ("en", "Accepted")
    assert missing["Réponse"] == "Nous installons des bancs."


def test_feedback_xlsx_reads_back_with_a_sheet_for_authors_without_contact(
    store, answered, tmp_path
):
    wid, _ = answered
    write_feedback(store, wid, tmp_path / "retours.xlsx")
    book = load_workbook(tmp_path / "retours.xlsx")
    answers, missing = book.worksheets
    assert answers.max_row == 3 and missing.max_row == 2
    cells = [c.value for row in answers.iter_rows(min_row=2) for c in row]
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in cells)
    assert answers.cell(row=3, column=5).data_type == "s"


def test_public_followup_has_no_author_or_contact(store, answered):
    wid, ids = answered
    public = public_followup(store, wid, "en")
    assert {i["idea_id"] for i in public["ideas"]} == set(ids)
    flat = repr(public)
    assert "Ana" not in flat and "example.org" not in flat and "+33" not in flat
    assert public["counts"] == {"decided": 3}
    assert public["by_cluster"][0]["label"] == "Bancs"
    assert public["ideas"][0]["answer"] == "Nous installons des bancs."
    assert public["ideas"][0]["milestones"][0]["text"] == "Bancs commandés"


PARIS = "paris-bp-laureats/bp_projets_gagnants_opendata_2024.csv"


def test_paris_progress_mapping_matches_pandas(data_dir, store, workshop, admin):
    report = import_file(store, workshop["id"], data_dir / PARIS)
    result = apply_progress_mapping(store, workshop["id"], "progress-paris-bp", admin)
    frame = pd.read_csv(data_dir / PARIS, sep=";", encoding="utf-8-sig", dtype=str)
    # the rows the importer rejected (reported by line) are not ideas
    rejected_lines = {p.line for p in report.problems}
    frame = frame[~(frame.index + 2).isin(rejected_lines)]
    status_of = {
        "FIN": "done",
        "LIVRAISON": "in_progress",
        "TRAVAUX": "in_progress",
        "PROCEDURES": "in_progress",
        "ETUDES": "in_progress",
        "(non démarré)": "decided",
        "ABANDONNÉ": "decided",
    }
    expected = frame["Avancement du projet"].map(status_of).value_counts().to_dict()
    facts = idea_facts(store, workshop["id"])
    assert facts["status"].value_counts().to_dict() == expected
    assert dict(result.counts) == expected
    abandoned = (frame["Avancement du projet"] == "ABANDONNÉ").sum()
    assert (facts["outcome"] == "not_retained").sum() == abandoned
    budgets = pd.to_numeric(frame["Budget global du projet lauréat"], errors="coerce")
    assert facts["cost"].sum() == pytest.approx(budgets.sum())
    assert facts["department"].nunique() == frame["Direction pilote du projet lauréat"].nunique()
    assert facts["answered_at"].isna().all()


def test_idea_facts_date_an_idea_by_its_own_date_only(store, workshop):
    """An idea whose row had no date stays undated (decision 0042's "not in this data"),
    never dated by the day it was stored."""
    wid = workshop["id"]
    dated = add_ideas(store, wid, ["Un banc daté"], created="2024-03-09T10:00:00")
    undated = add_ideas(store, wid, ["Un banc sans date"], source="papier.csv")
    facts = idea_facts(store, wid).set_index("idea_id")
    assert facts.loc[dated[0], "created"] == "2024-03-09"
    assert store.get_idea(undated[0])["added_at"]
    assert pd.isna(facts.loc[undated[0], "created"])
