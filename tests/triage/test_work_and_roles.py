"""Staff roles and secrets, and the work on one idea: edit, redact, hide, delete."""

from __future__ import annotations

import pytest

from cocreate.access import Access
from cocreate.records import IdeaRecord
from cocreate.triage import (
    TriageAccessDenied,
    TriageError,
    acting_staff,
    add_staff_member,
    assign,
    change_status,
    delete_idea,
    edit_idea,
    hide_idea,
    idea_detail,
    public_followup,
    redact_idea,
    sign_in,
    sign_in_session,
    triage_list,
    value,
)


def test_a_wrong_secret_is_refused_and_the_right_one_signs_in(store, admin):
    member, secret = add_staff_member(store, admin, "Lou", "staff")
    assert sign_in(store, "Lou", "wrong-secret") is None
    assert sign_in(store, "nobody", secret) is None
    assert sign_in(store, "lou", secret) == member
    assert "secret" not in secret and store.find_staff_member("Lou")["secret_hash"] != secret


def test_a_signed_in_session_acts_under_its_own_name(store, admin, monkeypatch):
    monkeypatch.setenv("COCREATE_ACCESS", "secret")
    member, secret = add_staff_member(store, admin, "Noé", "readonly")
    access = Access()
    assert acting_staff(access) is None
    assert sign_in_session(store, access, "Noé", secret) == member
    assert acting_staff(access) == member
    monkeypatch.setenv("COCREATE_ACCESS", "open")
    assert acting_staff(Access(), "Zoé").role == "admin"


def test_readonly_cannot_write_and_only_admins_add_staff(store, backlog, admin):
    reader, _ = add_staff_member(store, admin, "Rita", "readonly")
    with pytest.raises(TriageAccessDenied):
        change_status(store, reader, backlog.workshop_id, "under_review", idea_ids=[1])
    with pytest.raises(TriageAccessDenied):
        add_staff_member(store, reader, "Other", "admin")
    assert store.triage_history(backlog.workshop_id) == []
    assert triage_list(store, reader, backlog.workshop_id).matching == len(backlog.ideas)


def test_a_valuator_sees_and_values_only_their_department(store, backlog, admin):
    b = backlog
    valuator, _ = add_staff_member(store, admin, "Val", "valuator", department="Voirie")
    assign(store, admin, b.workshop_id, cluster_id=b.cluster_a, department="Voirie")
    assign(store, admin, b.workshop_id, idea_ids=[b.ideas[5]], department="Parcs")
    page = triage_list(store, valuator, b.workshop_id)
    assert sorted(r["id"] for r in page.rows) == sorted(b.ideas[:4])
    value(store, valuator, b.workshop_id, cluster_id=b.cluster_a, feasible=True, cost=500.0)
    with pytest.raises(TriageAccessDenied):
        value(store, valuator, b.workshop_id, idea_id=b.ideas[5], feasible=True)
    with pytest.raises(TriageAccessDenied):
        idea_detail(store, valuator, b.workshop_id, b.ideas[5])
    assert store.current_valuation(idea_id=b.ideas[5]) is None


def test_an_edit_keeps_the_original_and_search_follows(store, backlog, admin):
    b = backlog
    edit_idea(store, admin, b.workshop_id, b.ideas[0], "Des pistes cyclabes sécurisées")
    idea = store.get_idea(b.ideas[0])
    assert idea["text"] == "Des pistes cyclabes sécurisées"
    assert "Idée numéro 0" in idea["original"]
    [edit] = store.idea_edits(b.ideas[0])
    assert edit["before_text"] == "Idée numéro 0 pour le vélo"
    assert [i["id"] for i in store.list_ideas(b.workshop_id, search="cyclabes")] == [b.ideas[0]]
    assert store.triage_history(b.workshop_id, idea_id=b.ideas[0])[0]["action"] == "edit"


def test_a_redaction_leaves_the_removed_text_nowhere_in_the_database_file(
    store, workshop, admin, db_path
):
    wid = workshop["id"]
    secret_bits = "Jeanne Zyxwvut 0612345678"
    [idea_id] = store.add_ideas(
        wid,
        [
            IdeaRecord(
                text=f"Appelez {secret_bits} pour le banc",
                source_key="r1",
                author="Jeanne Zyxwvut",
                original={"texte": f"Appelez {secret_bits} pour le banc", "nom": "Jeanne Zyxwvut"},
            )
        ],
        source="form.csv",
    ).idea_ids
    edit_idea(store, admin, wid, idea_id, f"Appelez {secret_bits} pour un banc")
    removed = redact_idea(store, admin, wid, idea_id, ["Jeanne Zyxwvut", "0612345678"])
    assert removed == len("Jeanne Zyxwvut") + len("0612345678")
    idea = store.get_idea(idea_id)
    assert "[retiré]" in idea["text"] and "Zyxwvut" not in idea["original"]
    trace = store.idea_edits(idea_id)[-1]
    assert (trace["kind"], trace["chars"], trace["staff_name"]) == (
        "redact",
        removed,
        "Alice Admin",
    )
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("cocreate.db*"))
    assert b"Zyxwvut" not in raw and b"0612345678" not in raw
    assert b"pour un banc" in raw


def test_a_deleted_idea_leaves_a_tombstone_a_reimport_respects(store, backlog, admin):
    b = backlog
    gone = store.get_idea(b.ideas[6])
    delete_idea(store, admin, b.workshop_id, b.ideas[6])
    assert store.tombstones(b.workshop_id)[0]["source_key"] == gone["source_key"]
    again = store.add_ideas(
        b.workshop_id,
        [IdeaRecord(text=gone["text"], source_key=gone["source_key"], original={"x": 1})],
        source=gone["source"],
    )
    assert (again.added, again.already_stored) == (0, 1)
    assert store.count_ideas(b.workshop_id) == len(b.ideas) - 1
    assert store.triage_history(b.workshop_id, idea_id=b.ideas[6])[0]["action"] == "delete"


def test_only_admins_delete(store, backlog, staff_member):
    member, _ = staff_member
    with pytest.raises(TriageAccessDenied):
        delete_idea(store, member, backlog.workshop_id, backlog.ideas[0])


def test_hidden_spam_leaves_counts_and_public_view_but_staff_can_filter_it(store, backlog, admin):
    from cocreate.triage import decide

    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", cluster_id=b.cluster_a)
    decide(store, admin, b.workshop_id, cluster_id=b.cluster_a, outcome="accepted")
    hide_idea(store, admin, b.workshop_id, b.ideas[1])
    page = triage_list(store, admin, b.workshop_id)
    assert b.ideas[1] not in {r["id"] for r in page.rows}
    assert page.total == len(b.ideas) - 1
    hidden = triage_list(store, admin, b.workshop_id, {"hidden": True})
    assert [r["id"] for r in hidden.rows] == [b.ideas[1]]
    public = public_followup(store, b.workshop_id, "fr")
    assert b.ideas[1] not in {i["idea_id"] for i in public["ideas"]}


def test_a_redaction_of_absent_text_is_refused(store, backlog, admin):
    with pytest.raises(TriageError, match="None of the passages"):
        redact_idea(store, admin, backlog.workshop_id, backlog.ideas[0], ["absent"])
