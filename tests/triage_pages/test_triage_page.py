"""The Triage page on a real SQLite file: filters, a bulk status change, a cluster decision
with its answers, a refused move that stores nothing, the staff sign-in with roles on."""

from __future__ import annotations

from cocreate.i18n import t
from cocreate.triage import add_staff_member, effective_decisions, local_admin

from .conftest import TRIAGE_PAGE


def listed_ids(at, lang: str = "fr") -> list[int]:
    [table] = at.dataframe[:1]
    return [int(i) for i in table.value[t("triage_pages.col_id", lang)]]


def press(at, label: str):
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def history_lines(store, workshop_id) -> int:
    return len(store.triage_history(workshop_id))


def test_filters_narrow_the_listing_and_the_progress_count_shows(backlog, open_page):
    at = open_page(TRIAGE_PAGE)
    assert sorted(listed_ids(at)) == sorted(backlog.ideas)
    assert "0 sur 10 traitées" in at.get("progress")[0].proto.text
    at.selectbox(key="tf_cluster").set_value(backlog.parking).run()
    assert sorted(listed_ids(at)) == backlog.ideas[6:9]
    at.selectbox(key="tf_cluster").set_value(None).run()
    at.text_input(key="tf_search").input("bancs").run()
    assert listed_ids(at) == [backlog.ideas[9]]
    at.text_input(key="tf_search").input("").run()
    # the imported theme
    assert at.selectbox(key="tf_category").options == ["Espaces verts", "Mobilité"]
    at.selectbox(key="tf_category").set_value("Espaces verts").run()
    assert listed_ids(at) == [backlog.ideas[9]]


def test_a_bulk_status_change_moves_every_idea_typed_and_writes_who(store, backlog, open_page):
    at = open_page(TRIAGE_PAGE)
    at.radio(key="triage_target").set_value("numbers").run()
    first, last = backlog.ideas[6], backlog.ideas[9]
    at.text_input(key="triage_numbers").input(f"{first}-{last}").run()
    at.selectbox(key="ta_to").set_value("under_review")
    at.text_input(key="ta_status_note").input("première lecture")
    at = press(at, t("triage_pages.move", "fr"))
    assert not at.exception, at.exception
    assert any("4 idées passées à « En cours d'examen »" in s.value for s in at.success)
    rows = store.triage_rows(backlog.workshop["id"], backlog.ideas)
    moved = {r["id"] for r in rows if r["status"] == "under_review"}
    assert moved == set(backlog.ideas[6:10])
    lines = store.triage_history(backlog.workshop["id"])
    assert {line["staff_name"] for line in lines} == {"Alice"}
    assert "4 sur 10 traitées" in at.get("progress")[0].proto.text
    # the status filter now finds them
    at.multiselect(key="tf_status").set_value(["under_review"]).run()
    assert sorted(listed_ids(at)) == backlog.ideas[6:10]


def test_a_decision_on_a_cluster_reaches_every_member_with_both_answers(store, backlog, open_page):
    wid = backlog.workshop["id"]
    admin = local_admin("Setup")
    from cocreate.triage import change_status

    change_status(store, admin, wid, "under_review", cluster_id=backlog.cycling)
    at = open_page(TRIAGE_PAGE, "en")
    at.radio(key="triage_target").set_value("cluster").run()
    at.selectbox(key="triage_target_cluster").set_value(backlog.cycling).run()
    at.selectbox(key="td_outcome").set_value("accepted")
    at.text_area(key="td_answer_fr").input("Les pistes seront tracées en 2027.")
    at.text_area(key="td_answer_en").input("The lanes will be drawn in 2027.")
    at = press(at, t("triage_pages.decide", "en"))
    assert not at.exception, at.exception
    assert any("Decision 'Accepted' taken." in s.value for s in at.success)
    decisions = effective_decisions(store, wid, backlog.ideas)
    reached = {i for i, d in decisions.items() if d is not None}
    assert reached == set(backlog.ideas[:6])
    assert {d.answer_en for i, d in decisions.items() if d} == {"The lanes will be drawn in 2027."}
    # the listing says the decision comes from the cluster
    at.selectbox(key="tf_cluster").set_value(backlog.cycling).run()
    decision_column = at.dataframe[0].value[t("triage_pages.col_decision", "en")]
    assert set(decision_column) == {"Accepted (cluster's)"}


def test_a_refused_move_shows_the_message_and_stores_nothing(store, backlog, open_page):
    wid = backlog.workshop["id"]
    before = history_lines(store, wid)
    at = open_page(TRIAGE_PAGE)
    at.radio(key="triage_target").set_value("numbers").run()
    at.text_input(key="triage_numbers").input(f"{backlog.ideas[0]}, {backlog.ideas[1]}").run()
    at.selectbox(key="ta_to").set_value("done")
    at = press(at, t("triage_pages.move", "fr"))
    assert not at.exception, at.exception
    [error] = at.error
    assert str(backlog.ideas[0]) in error.value and "done" in error.value
    assert history_lines(store, wid) == before
    rows = store.triage_rows(wid, backlog.ideas)
    assert {r["status"] for r in rows} == {"received"}


def test_a_decision_on_an_unreviewed_cluster_is_refused_in_english(store, backlog, open_page):
    wid = backlog.workshop["id"]
    at = open_page(TRIAGE_PAGE, "en")
    at.radio(key="triage_target").set_value("cluster").run()
    at.selectbox(key="triage_target_cluster").set_value(backlog.parking).run()
    at.selectbox(key="td_outcome").set_value("not_retained")
    at = press(at, t("triage_pages.decide", "en"))
    [error] = at.error
    expected = t("triage.review_first", "en", idea=backlog.ideas[6], count=3, state="received")
    assert error.value == expected
    assert store.workshop_decisions(wid) == []


def test_roles_on_a_staff_member_signs_in_with_their_own_secret(store, backlog, open_page):
    member, secret = add_staff_member(store, local_admin("Setup"), "Sam Agent", "staff")
    at = open_page(TRIAGE_PAGE, "en", name=None, COCREATE_ACCESS="secret")
    assert not at.dataframe  # nothing of the backlog before signing in
    at.text_input(key="triage_sign_in_name").input("Sam Agent")
    at.text_input(key="triage_sign_in_secret").input("wrong-secret")
    at = press(at, t("triage_pages.sign_in", "en"))
    assert [e.value for e in at.error] == [t("triage_pages.wrong_secret", "en")]
    assert not at.dataframe
    at.text_input(key="triage_sign_in_secret").input(secret)
    at = press(at, t("triage_pages.sign_in", "en"))
    assert not at.exception, at.exception
    assert sorted(listed_ids(at, "en")) == sorted(backlog.ideas)
    assert t("triage_pages.acting_as", "en", name="Sam Agent") in [c.value for c in at.caption]
    # the action is written under the staff member's name
    at.radio(key="triage_target").set_value("numbers").run()
    at.text_input(key="triage_numbers").input(str(backlog.ideas[9])).run()
    at.selectbox(key="ta_to").set_value("under_review")
    at = press(at, t("triage_pages.move", "en"))
    [line] = store.triage_history(backlog.workshop["id"])
    assert (line["staff_id"], line["staff_name"]) == (member.id, "Sam Agent")


def test_a_read_only_member_is_refused_a_status_change(store, backlog, open_page):
    _, secret = add_staff_member(store, local_admin("Setup"), "Rita Reader", "readonly")
    at = open_page(TRIAGE_PAGE, "fr", name=None, COCREATE_ACCESS="secret")
    at.text_input(key="triage_sign_in_name").input("Rita Reader")
    at.text_input(key="triage_sign_in_secret").input(secret)
    at = press(at, t("triage_pages.sign_in", "fr"))
    at.radio(key="triage_target").set_value("numbers").run()
    at.text_input(key="triage_numbers").input(str(backlog.ideas[0])).run()
    at.selectbox(key="ta_to").set_value("under_review")
    at = press(at, t("triage_pages.move", "fr"))
    [error] = at.error
    assert error.value == t("triage.denied.role", "fr", name="Rita Reader", role="readonly")
    assert store.triage_history(backlog.workshop["id"]) == []
