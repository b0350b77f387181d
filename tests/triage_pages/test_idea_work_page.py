"""The Triage page's idea detail (edit keeping the original, redact, hide and show, delete
after the confirm, a milestone on an accepted idea), saved views (save, open, delete) and a
decision or valuation on several ideas, on a real SQLite file."""

from __future__ import annotations

import pytest

from cocreate.i18n import t
from cocreate.store import StoreError
from cocreate.triage import change_status, decide, effective_decisions, local_admin

from .conftest import TRIAGE_PAGE

LANG = "en"


def press(at, label: str):
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def opened_on(open_page, idea_id: int):
    at = open_page(TRIAGE_PAGE, LANG)
    at.number_input(key="triage_open_0").set_value(idea_id).run()
    assert not at.exception, at.exception
    return at


def succeeded(at, key: str, **values) -> bool:
    return any(s.value == t(key, LANG, **values) for s in at.success)


def test_an_edit_keeps_the_original_text(store, backlog, open_page):
    idea_id = backlog.ideas[9]
    before = store.get_idea(idea_id)["text"]
    at = opened_on(open_page, idea_id)
    at.text_area(key=f"tw_text_{idea_id}").input("Plus de bancs au parc Monceau")
    at = press(at, t("triage_pages.save_edit", LANG))
    assert succeeded(at, "triage_pages.edited")
    assert store.get_idea(idea_id)["text"] == "Plus de bancs au parc Monceau"
    [edit] = store.idea_edits(idea_id)
    assert (edit["kind"], edit["before_text"], edit["staff_name"]) == ("edit", before, "Alice")


def test_a_redaction_removes_the_passage_from_text_and_original(store, backlog, open_page):
    idea_id = backlog.ideas[0]
    at = opened_on(open_page, idea_id)
    at.text_area(key=f"tw_redact_{idea_id}").input("auteur0@exemple.fr\nnuméro 0")
    at = press(at, t("triage_pages.redact", LANG))
    assert not at.exception, at.exception
    idea = store.get_idea(idea_id)
    assert "numéro 0" not in idea["text"]
    assert "auteur0@exemple.fr" not in str(idea["original"])
    assert [e["kind"] for e in store.idea_edits(idea_id)] == ["redact"]


def test_hide_then_show_again(store, backlog, open_page):
    idea_id = backlog.ideas[9]
    at = opened_on(open_page, idea_id)
    at = press(at, t("triage_pages.hide", LANG))
    assert succeeded(at, "triage_pages.hidden")
    assert store.get_idea(idea_id)["hidden_at"]
    assert t("triage_pages.is_hidden", LANG) in [w.value for w in at.warning]
    at = press(at, t("triage_pages.unhide", LANG))
    assert succeeded(at, "triage_pages.shown")
    assert store.get_idea(idea_id)["hidden_at"] is None


def test_delete_waits_for_the_confirm_and_leaves_a_trace(store, backlog, open_page):
    idea_id = backlog.ideas[9]
    at = opened_on(open_page, idea_id)
    [delete] = [b for b in at.button if b.label == t("triage_pages.delete", LANG)]
    assert delete.disabled
    at.checkbox(key=f"tw_sure_{idea_id}").check().run()
    at = press(at, t("triage_pages.delete", LANG))
    assert succeeded(at, "triage_pages.deleted")
    with pytest.raises(StoreError):
        store.get_idea(idea_id)
    [tombstone] = store.tombstones(backlog.workshop["id"])
    assert (tombstone["idea_id"], tombstone["staff_name"]) == (idea_id, "Alice")


def test_a_milestone_on_an_accepted_idea(store, backlog, open_page):
    wid, idea_id = backlog.workshop["id"], backlog.ideas[9]
    admin = local_admin("Setup")
    change_status(store, admin, wid, "under_review", idea_ids=[idea_id])
    decide(store, admin, wid, idea_id=idea_id, outcome="accepted", answer_en="Yes")
    at = opened_on(open_page, idea_id)
    [text] = [w for w in at.text_input if w.label == t("triage_pages.milestone_text", LANG)]
    text.input("Six benches installed")
    at = press(at, t("triage_pages.add_milestone", LANG))
    assert succeeded(at, "triage_pages.milestone_added")
    [milestone] = store.milestones_for([idea_id], [])
    assert (milestone["text"], milestone["staff_name"]) == ("Six benches installed", "Alice")


def test_no_milestone_form_before_an_accepting_decision(backlog, open_page):
    at = opened_on(open_page, backlog.ideas[9])
    assert t("triage_pages.add_milestone", LANG) not in [b.label for b in at.button]


def test_a_saved_view_is_saved_opened_and_deleted(store, backlog, open_page):
    wid = backlog.workshop["id"]
    at = open_page(TRIAGE_PAGE, LANG)
    at.selectbox(key="tf_cluster").set_value(backlog.parking).run()
    at.text_input(key="triage_view_name").input("Parking")
    at = press(at, t("triage_pages.save_view", LANG))
    assert succeeded(at, "triage_pages.view_saved", name="Parking")
    [view] = store.saved_views(wid, "Alice")
    assert view["filters"] == {"cluster_id": backlog.parking}
    # another listing, then the view brings its filters back
    at.selectbox(key="tf_cluster").set_value(None).run()
    assert at.dataframe[0].value.shape[0] == len(backlog.ideas)
    at.selectbox(key="triage_view").set_value(view["id"]).run()
    assert at.selectbox(key="tf_cluster").value == backlog.parking
    ids = list(at.dataframe[0].value[t("triage_pages.col_id", LANG)])
    assert sorted(ids) == backlog.ideas[6:9]
    at = press(at, t("triage_pages.delete_view", LANG))
    assert succeeded(at, "triage_pages.view_deleted")
    assert store.saved_views(wid, "Alice") == []


def test_a_decision_on_several_typed_ideas_gives_each_its_own(store, backlog, open_page):
    wid = backlog.workshop["id"]
    chosen = backlog.ideas[6:9]
    change_status(store, local_admin("Setup"), wid, "under_review", idea_ids=chosen)
    at = open_page(TRIAGE_PAGE, LANG)
    at.radio(key="triage_target").set_value("numbers").run()
    at.text_input(key="triage_numbers").input(f"{chosen[0]}-{chosen[-1]}").run()
    at.selectbox(key="td_outcome").set_value("not_retained")
    at.text_area(key="td_answer_en").input("Not this year.")
    at = press(at, t("triage_pages.decide", LANG))
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    decisions = effective_decisions(store, wid, chosen)
    assert {d.source for d in decisions.values()} == {"idea"}
    assert len({d.decision_id for d in decisions.values()}) == len(chosen)
    assert {d.answer_en for d in decisions.values()} == {"Not this year."}


def test_a_refused_idea_among_several_stores_nothing_and_is_named(store, backlog, open_page):
    wid = backlog.workshop["id"]
    reviewed, unreviewed = backlog.ideas[6], backlog.ideas[9]
    change_status(store, local_admin("Setup"), wid, "under_review", idea_ids=[reviewed])
    at = open_page(TRIAGE_PAGE, LANG)
    at.radio(key="triage_target").set_value("numbers").run()
    at.text_input(key="triage_numbers").input(f"{reviewed}, {unreviewed}").run()
    at.selectbox(key="td_outcome").set_value("accepted")
    at = press(at, t("triage_pages.decide", LANG))
    [error] = at.error
    assert f"Idea {unreviewed}" in error.value
    assert store.workshop_decisions(wid) == []


def test_a_valuation_on_several_typed_ideas(store, backlog, open_page):
    chosen = backlog.ideas[:3]
    at = open_page(TRIAGE_PAGE, LANG)
    at.radio(key="triage_target").set_value("numbers").run()
    at.text_input(key="triage_numbers").input(", ".join(map(str, chosen))).run()
    at.number_input(key="tv_cost").set_value(2500.0)
    at = press(at, t("triage_pages.value", LANG))
    assert succeeded(at, "triage_pages.valued")
    assert {store.current_valuation(idea_id=i)["cost"] for i in chosen} == {2500.0}
