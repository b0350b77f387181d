"""The Triage page filters by theme (the clustering's top level) apart from the imported
category, labelled apart in both languages."""

from __future__ import annotations

from cocreate.i18n import t

from .conftest import TRIAGE_PAGE
from .test_triage_page import listed_ids, press


def test_the_theme_filter_keeps_its_groups_ideas_beside_the_imported_category(
    store, backlog, open_page
):
    wid = backlog.workshop["id"]
    theme = store.create_cluster(
        wid, label="Vélo en ville", keywords=["vélo"], centroid=[0.0, 1.0], pinned=False, level=1
    )
    store.update_cluster(backlog.parking, parent_id=theme)
    at = open_page(TRIAGE_PAGE)
    themes = at.selectbox(key="tf_theme")
    assert themes.label == "Thème (regroupement)"
    assert at.selectbox(key="tf_category").label == "Catégorie importée"
    assert themes.options == ["Vélo en ville (3)"]
    themes.set_value(theme).run()
    assert not at.exception, at.exception
    assert sorted(listed_ids(at)) == backlog.ideas[6:9]
    # the cycling group joins the theme: the listing follows
    store.update_cluster(backlog.cycling, parent_id=theme)
    at = open_page(TRIAGE_PAGE, "en")
    assert at.selectbox(key="tf_theme").label == t("triage_pages.f_theme", "en")
    at.selectbox(key="tf_theme").set_value(theme).run()
    assert sorted(listed_ids(at, "en")) == sorted(backlog.ideas[:9])


def theme_over_both_groups(store, backlog) -> int:
    wid = backlog.workshop["id"]
    theme = store.create_cluster(
        wid, label="Vélo en ville", keywords=["vélo"], centroid=[0.0, 1.0], pinned=False, level=1
    )
    store.update_cluster(backlog.cycling, parent_id=theme)
    store.update_cluster(backlog.parking, parent_id=theme)
    return theme


def fill_theme_decision(at, theme: int):
    at.radio(key="triage_target").set_value("theme").run()
    at.selectbox(key="triage_target_theme").set_value(theme).run()
    at.selectbox(key="tt_outcome").set_value("accepted")
    at.text_area(key="tt_answer_fr").input("Le plan vélo couvre ces idées.")
    at.text_area(key="tt_answer_en").input("The cycling plan covers these ideas.")
    return at


def test_a_whole_theme_is_decided_once_confirmed_one_decision_per_group(store, backlog, open_page):
    from cocreate.triage import change_status, effective_decisions, local_admin

    wid = backlog.workshop["id"]
    theme = theme_over_both_groups(store, backlog)
    admin = local_admin("Setup")
    for group in (backlog.cycling, backlog.parking):
        change_status(store, admin, wid, "under_review", cluster_id=group)
    at = fill_theme_decision(open_page(TRIAGE_PAGE), theme)
    confirm = at.checkbox(key="tt_confirm")
    # 9 ideas: the merged one counts in its group's size
    assert confirm.label == t("triage_pages.theme_confirm", "fr", groups=2, ideas=9)
    # not confirmed: nothing stored, the page says why
    at = press(at, t("triage_pages.decide_theme", "fr"))
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [t("triage_pages.theme_confirm_first", "fr")]
    assert store.workshop_decisions(wid) == []
    at.checkbox(key="tt_confirm").check()
    at = press(at, t("triage_pages.decide_theme", "fr"))
    assert not at.exception, at.exception
    [success] = at.success
    assert success.value.startswith("Décision « Retenue » prise sur « Vélo en ville")
    assert success.value.endswith(": 2 regroupements.")
    decisions = store.workshop_decisions(wid)
    assert sorted(d["cluster_id"] for d in decisions) == sorted([backlog.cycling, backlog.parking])
    reached = effective_decisions(store, wid, backlog.ideas)
    assert {i for i, d in reached.items() if d is not None} == set(backlog.ideas[:9])
    assert {d.answer_en for d in reached.values() if d} == {"The cycling plan covers these ideas."}
    # the idea outside the theme is untouched
    assert reached[backlog.ideas[9]] is None


def test_a_theme_decision_is_refused_to_a_read_only_member_and_stores_nothing(
    store, backlog, open_page
):
    from cocreate.triage import add_staff_member, local_admin

    wid = backlog.workshop["id"]
    theme = theme_over_both_groups(store, backlog)
    _, secret = add_staff_member(store, local_admin("Setup"), "Rita Reader", "readonly")
    at = open_page(TRIAGE_PAGE, "en", name=None, COCREATE_ACCESS="secret")
    at.text_input(key="triage_sign_in_name").input("Rita Reader")
    at.text_input(key="triage_sign_in_secret").input(secret)
    at = press(at, t("triage_pages.sign_in", "en"))
    at = fill_theme_decision(at, theme)
    at.checkbox(key="tt_confirm").check()
    at = press(at, t("triage_pages.decide_theme", "en"))
    assert not at.exception, at.exception
    [error] = at.error
    assert error.value == t("triage.denied.role", "en", name="Rita Reader", role="readonly")
    assert store.workshop_decisions(wid) == []


def test_an_unreviewed_theme_is_refused_whole_in_english(store, backlog, open_page):
    from cocreate.triage import change_status, local_admin

    wid = backlog.workshop["id"]
    theme = theme_over_both_groups(store, backlog)
    # one group reviewed, the other not: the theme's decision is refused for both
    change_status(store, local_admin("Setup"), wid, "under_review", cluster_id=backlog.cycling)
    at = fill_theme_decision(open_page(TRIAGE_PAGE, "en"), theme)
    at.checkbox(key="tt_confirm").check()
    at = press(at, t("triage_pages.decide_theme", "en"))
    [error] = at.error
    assert error.value == t(
        "triage.review_first", "en", idea=backlog.ideas[6], count=3, state="received"
    )
    assert store.workshop_decisions(wid) == []
