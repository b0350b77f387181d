"""Statuses, the lifecycle's rules, decisions on clusters and their fan-out, the history."""

from __future__ import annotations

import pytest

from cocreate.triage import (
    TriageError,
    change_status,
    decide,
    differing_ideas,
    effective_decisions,
    idea_facts,
    value,
)
from tests.triage.conftest import add_ideas


def test_a_cluster_decision_reaches_its_members_and_ideas_merged_into_them(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", cluster_id=b.cluster_a)
    decision = decide(
        store,
        admin,
        b.workshop_id,
        cluster_id=b.cluster_a,
        outcome="accepted",
        answer_fr="Oui",
        answer_en="Yes",
    )
    effective = effective_decisions(store, b.workshop_id)
    reached = {i for i, d in effective.items() if d is not None}
    assert reached == {*b.ideas[:4], b.merged_outside}
    assert all(effective[i].decision_id == decision for i in reached)
    assert {effective[i].source for i in reached} == {"cluster"}
    facts = idea_facts(store, b.workshop_id).set_index("idea_id")
    assert (facts.loc[sorted(reached), "status"] == "decided").all()
    assert (facts.loc[b.ideas[4:7], "status"] == "received").all()


def test_an_ideas_own_decision_wins_taken_before_or_after(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", cluster_id=b.cluster_a)
    before = decide(store, admin, b.workshop_id, idea_id=b.ideas[1], outcome="out_of_scope")
    decide(store, admin, b.workshop_id, cluster_id=b.cluster_a, outcome="accepted")
    after = decide(
        store,
        admin,
        b.workshop_id,
        idea_id=b.ideas[2],
        outcome="not_retained",
        answer_fr="Non",
        answer_en="No",
    )
    effective = effective_decisions(store, b.workshop_id)
    assert (effective[b.ideas[1]].decision_id, effective[b.ideas[1]].source) == (before, "idea")
    assert (effective[b.ideas[2]].decision_id, effective[b.ideas[2]].source) == (after, "idea")
    assert effective[b.ideas[0]].outcome == "accepted"
    differing = {d["idea_id"]: d for d in differing_ideas(store, b.cluster_a)}
    assert set(differing) == {b.ideas[1], b.ideas[2]}
    assert all(d["differs"] and d["cluster_outcome"] == "accepted" for d in differing.values())


def test_an_idea_added_to_a_decided_cluster_later_gets_its_decision(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", cluster_id=b.cluster_b)
    decide(store, admin, b.workshop_id, cluster_id=b.cluster_b, outcome="partly_accepted")
    [late] = add_ideas(store, b.workshop_id, ["Une idée arrivée plus tard"])
    assert effective_decisions(store, b.workshop_id, [late])[late] is None
    store.add_assignments([{"idea_id": late, "cluster": b.cluster_b, "similarity": 0.5}])
    assert effective_decisions(store, b.workshop_id, [late])[late].outcome == "partly_accepted"
    assert store.get_cluster(b.cluster_b)["pinned"] == 1


def test_a_new_decision_supersedes_the_previous_one_on_the_same_target(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", cluster_id=b.cluster_b)
    decide(store, admin, b.workshop_id, cluster_id=b.cluster_b, outcome="accepted")
    second = decide(store, admin, b.workshop_id, cluster_id=b.cluster_b, outcome="not_retained")
    assert store.current_decision(cluster_id=b.cluster_b)["id"] == second
    assert effective_decisions(store, b.workshop_id)[b.ideas[4]].outcome == "not_retained"


def test_each_status_change_has_its_history_line(store, backlog, admin, staff_member):
    b = backlog
    member, _ = staff_member
    change_status(store, member, b.workshop_id, "under_review", idea_ids=b.ideas[:2], note="lu")
    change_status(store, admin, b.workshop_id, "shortlisted", idea_ids=[b.ideas[0]])
    history = store.triage_history(b.workshop_id, idea_id=b.ideas[0])
    assert [(h["staff_name"], h["from_status"], h["to_status"], h["note"]) for h in history] == [
        ("Alice Admin", "under_review", "shortlisted", ""),
        ("Sam Staff", "received", "under_review", "lu"),
    ]
    assert history[1]["staff_id"] == member.id


def test_a_refused_transition_names_the_idea_and_states_and_stores_nothing(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", idea_ids=[b.ideas[0]])
    revision = store.get_workshop(b.workshop_id)["revision"]
    with pytest.raises(TriageError) as refused:
        change_status(store, admin, b.workshop_id, "done", idea_ids=b.ideas[:2])
    assert str(b.ideas[0]) in str(refused.value)
    assert "under_review" in str(refused.value) and "done" in str(refused.value)
    assert "Rien n'a été modifié" in refused.value.message("fr")
    assert store.get_workshop(b.workshop_id)["revision"] == revision
    assert len(store.triage_history(b.workshop_id)) == 1


def test_deciding_a_received_idea_is_refused_when_review_is_required(store, backlog, admin):
    b = backlog
    with pytest.raises(TriageError, match="review it before deciding"):
        decide(store, admin, b.workshop_id, idea_id=b.ideas[0], outcome="accepted")
    with pytest.raises(TriageError, match="review it before deciding"):
        decide(store, admin, b.workshop_id, cluster_id=b.cluster_a, outcome="accepted")
    assert store.workshop_decisions(b.workshop_id) == []
    assert store.triage_history(b.workshop_id) == []


def test_not_feasible_without_a_reason_is_refused(store, backlog, admin):
    b = backlog
    with pytest.raises(TriageError, match="written reason"):
        value(store, admin, b.workshop_id, idea_id=b.ideas[0], feasible=False, reason="  ")
    assert store.current_valuation(idea_id=b.ideas[0]) is None
    value(
        store,
        admin,
        b.workshop_id,
        idea_id=b.ideas[0],
        feasible=False,
        reason="Trop cher",
        cost=12000,
        department="Voirie",
    )
    valuation = store.current_valuation(idea_id=b.ideas[0])
    assert (valuation["reason"], valuation["cost"]) == ("Trop cher", 12000)


def test_work_states_need_an_accepting_decision(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", cluster_id=b.cluster_a)
    decide(store, admin, b.workshop_id, cluster_id=b.cluster_a, outcome="not_retained")
    with pytest.raises(TriageError, match="does not accept it"):
        change_status(store, admin, b.workshop_id, "in_progress", idea_ids=[b.ideas[0]])
    decide(store, admin, b.workshop_id, idea_id=b.ideas[0], outcome="accepted")
    assert change_status(store, admin, b.workshop_id, "in_progress", idea_ids=[b.ideas[0]]) == 1
    with pytest.raises(TriageError, match="by a decision"):
        change_status(store, admin, b.workshop_id, "decided", idea_ids=[b.ideas[1]])
