"""A decision or a valuation on several ideas: one per idea, in one transaction, refused
whole with a message naming the idea."""

from __future__ import annotations

import pytest

from cocreate.triage import (
    TriageAccessDenied,
    TriageError,
    add_staff_member,
    assign,
    change_status,
    decide,
    decide_ideas,
    effective_decisions,
    value_ideas,
)
from tests.triage.conftest import add_ideas


def test_each_idea_gets_its_own_decision_in_one_go(store, backlog, admin):
    b = backlog
    chosen = [b.ideas[4], b.ideas[5], b.ideas[6]]
    change_status(store, admin, b.workshop_id, "under_review", idea_ids=chosen)
    lines_before = len(store.triage_history(b.workshop_id))
    decision_ids = decide_ideas(
        store, admin, b.workshop_id, chosen, outcome="not_retained", answer_fr="Non", answer_en="No"
    )
    assert len(set(decision_ids)) == len(chosen)
    effective = effective_decisions(store, b.workshop_id, chosen)
    assert {effective[i].source for i in chosen} == {"idea"}
    assert {effective[i].decision_id for i in chosen} == set(decision_ids)
    assert {effective[i].answer_en for i in chosen} == {"No"}
    decided_lines = store.triage_history(b.workshop_id)[: len(chosen)]
    assert {line["idea_id"] for line in decided_lines} == set(chosen)
    assert len(store.triage_history(b.workshop_id)) == lines_before + len(chosen)
    # deciding them again supersedes each idea's own decision only
    again = decide_ideas(store, admin, b.workshop_id, chosen, outcome="accepted")
    assert len(store.workshop_decisions(b.workshop_id)) == len(again)


def test_one_unreviewed_idea_refuses_them_all_and_names_it(store, backlog, admin):
    b = backlog
    reviewed, unreviewed = b.ideas[4], b.ideas[6]
    change_status(store, admin, b.workshop_id, "under_review", idea_ids=[reviewed])
    history = store.triage_history(b.workshop_id)
    with pytest.raises(TriageError) as refused:
        decide_ideas(store, admin, b.workshop_id, [reviewed, unreviewed], outcome="accepted")
    assert refused.value.key == "triage.review_first"
    assert str(unreviewed) in refused.value.message("fr")
    assert store.workshop_decisions(b.workshop_id) == []
    assert store.triage_history(b.workshop_id) == history


def test_an_idea_decided_at_work_goes_back_to_decided_with_the_others(store, backlog, admin):
    b = backlog
    wid = b.workshop_id
    chosen = [b.ideas[4], b.ideas[5]]
    change_status(store, admin, wid, "under_review", idea_ids=chosen)
    decide_ideas(store, admin, wid, chosen, outcome="accepted")
    change_status(store, admin, wid, "in_progress", idea_ids=[chosen[0]])
    decide_ideas(store, admin, wid, chosen, outcome="not_retained", answer_fr="Finalement non")
    states = {s["idea_id"]: s["status"] for s in store.triage_states(wid, chosen)}
    assert states == {chosen[0]: "decided", chosen[1]: "decided"}


def test_a_merged_outcome_cannot_join_one_of_the_ideas_it_decides(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", idea_ids=b.ideas[4:6])
    with pytest.raises(TriageError) as refused:
        decide_ideas(
            store, admin, b.workshop_id, b.ideas[4:6], outcome="merged", merged_into=b.ideas[5]
        )
    assert refused.value.key == "triage.merged_needs_target"
    assert store.workshop_decisions(b.workshop_id) == []


def test_each_idea_gets_its_valuation_and_a_missing_reason_stores_none(store, backlog, admin):
    b = backlog
    chosen = b.ideas[4:7]
    ids = value_ideas(store, admin, b.workshop_id, chosen, feasible=True, cost=1200.0)
    assert [store.current_valuation(idea_id=i)["id"] for i in chosen] == ids
    assert {store.current_valuation(idea_id=i)["cost"] for i in chosen} == {1200.0}
    with pytest.raises(TriageError) as refused:
        value_ideas(store, admin, b.workshop_id, chosen, feasible=False)
    assert refused.value.key == "triage.reason_required"
    assert [store.current_valuation(idea_id=i)["id"] for i in chosen] == ids


def test_a_valuator_is_refused_all_when_one_idea_is_outside_their_department(store, backlog, admin):
    b = backlog
    wid = b.workshop_id
    valuator, _ = add_staff_member(store, admin, "Val", "valuator", department="Voirie")
    assign(store, admin, wid, idea_ids=[b.ideas[4]], department="Voirie")
    assign(store, admin, wid, idea_ids=[b.ideas[5]], department="Parcs")
    with pytest.raises(TriageAccessDenied) as refused:
        value_ideas(store, valuator, wid, [b.ideas[4], b.ideas[5]], feasible=True)
    assert str(b.ideas[5]) in refused.value.message("en")
    assert store.current_valuation(idea_id=b.ideas[4]) is None
    [own] = value_ideas(store, valuator, wid, [b.ideas[4]], feasible=True)
    assert store.current_valuation(idea_id=b.ideas[4])["id"] == own


def test_a_single_idea_decision_still_returns_its_id(store, backlog, admin):
    b = backlog
    change_status(store, admin, b.workshop_id, "under_review", idea_ids=[b.ideas[7]])
    decision_id = decide(store, admin, b.workshop_id, idea_id=b.ideas[7], outcome="accepted")
    assert store.current_decision(idea_id=b.ideas[7])["id"] == decision_id


def test_joined_and_set_statuses_agree_on_every_path_a_decision_takes(store, backlog, admin):
    """The per-idea joins (states, rows) and the listing's set agree: a member merged into
    an idea of another cluster follows that one, an idea added to the cluster later is
    reached, an own decision taken later wins."""
    b = backlog
    wid = b.workshop_id
    change_status(store, admin, wid, "under_review", idea_ids=b.ideas)
    # ideas[6] (cluster B) merged into ideas[1] (cluster A): it follows A
    store.merge_ideas(wid, b.ideas[1], [b.ideas[6]])
    decide(store, admin, wid, cluster_id=b.cluster_a, outcome="accepted", answer_fr="Oui")
    decide(store, admin, wid, cluster_id=b.cluster_b, outcome="not_retained", answer_fr="Non")
    [later] = add_ideas(store, wid, ["Une idée arrivée après la décision"])
    store.add_assignments([{"idea_id": later, "cluster": b.cluster_a, "similarity": 0.9}])
    decide(store, admin, wid, idea_id=b.ideas[2], outcome="partly_accepted")
    states = {s["idea_id"]: s for s in store.triage_states(wid)}
    everything = [*b.ideas, later]
    by_id = {s["idea_id"]: s for s in store.triage_states(wid, everything)}
    assert by_id == states
    for cluster_id in (b.cluster_a, b.cluster_b):
        driven = store.triage_states(wid, cluster_id=cluster_id)
        assert driven == store.triage_states(wid, store.fanout_idea_ids(cluster_id))
    decisions = store.get_decisions(
        s["own_decision_id"] or s["cluster_decision_id"] for s in states.values()
    )
    cluster_a_decision = store.current_decision(cluster_id=b.cluster_a)["id"]
    assert states[b.ideas[6]]["cluster_decision_id"] == cluster_a_decision
    assert states[later]["cluster_decision_id"] == cluster_a_decision
    assert states[later]["status"] == "decided"
    assert decisions[states[b.ideas[2]]["own_decision_id"]]["outcome"] == "partly_accepted"
    for status in {s["status"] for s in states.values()}:
        rows, _ = store.triage_page(wid, {"status": status, "hidden": None}, limit=100)
        assert {r["id"] for r in rows} == {i for i, s in states.items() if s["status"] == status}
    rows = {r["id"]: r for r in store.triage_rows(wid, everything)}
    assert {i: r["status"] for i, r in rows.items()} == {i: s["status"] for i, s in states.items()}
