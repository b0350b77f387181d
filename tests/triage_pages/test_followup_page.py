"""The public follow-up page: the decided ideas with their answer on every member of a decided
cluster, in French and in English, no author and no contact; open to a visitor without any
role; the Indicators page open to a signed-in staff member."""

from __future__ import annotations

from html import escape

import pytest
from streamlit.testing.v1 import AppTest

from cocreate.i18n import t
from cocreate.records import IdeaRecord
from cocreate.triage import add_milestone, add_staff_member, change_status, decide, local_admin

from .conftest import APP, FOLLOWUP_PAGE, INDICATORS_PAGE, make_cluster

ANSWERS = {"fr": "Les pistes seront tracées en 2027.", "en": "The lanes will be drawn in 2027."}


@pytest.fixture
def decided(store, backlog):
    admin = local_admin("Setup")
    wid = backlog.workshop["id"]
    change_status(store, admin, wid, "under_review", cluster_id=backlog.cycling)
    decision = decide(
        store,
        admin,
        wid,
        outcome="accepted",
        cluster_id=backlog.cycling,
        answer_fr=ANSWERS["fr"],
        answer_en=ANSWERS["en"],
    )
    add_milestone(store, admin, wid, decision_id=decision, on_date="2027-03-01", text="Études")
    return backlog


def page_html(at) -> str:
    return " ".join(str(e.proto.body) for e in at.get("html"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_answer_reaches_every_member_and_no_author_shows(decided, open_page, lang):
    at = open_page(FOLLOWUP_PAGE, lang, name=None)
    html = page_html(at)
    # the six cycling ideas (one merged into another) share the cluster's answer: it is
    # written once above them, and each idea carries the milestone
    assert html.count(ANSWERS[lang]) == 1
    assert escape(t("followup.shared_answer", lang)) in html
    assert html.count("Études") == 6
    for n in range(6):
        assert f"Piste cyclable rue numéro {n}" in html
    assert "Parking vélo" not in html  # not decided: not in the follow-up
    assert "Auteur" not in html and "@exemple.fr" not in html
    assert t("followup.header", lang) in [h.value for h in at.header]
    at.radio(key="fu_view").set_value("status").run()
    assert page_html(at).count(ANSWERS[lang]) == 1
    assert page_html(at).count("Piste cyclable rue numéro") == 6


def test_a_visitor_without_a_role_opens_it_by_link(decided, db_path, monkeypatch):
    monkeypatch.setenv("COCREATE_ACCESS", "secret")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["w"] = decided.workshop["slug"]
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(FOLLOWUP_PAGE).run()
    assert not at.exception, at.exception
    assert page_html(at).count(ANSWERS["en"]) == 1
    assert page_html(at).count("Études") == 6


def test_a_large_follow_up_is_read_a_page_at_a_time(store, workshop, open_page):
    """650 decided ideas: 300 drawn at a time, every one reachable; one theme chosen."""
    records = [
        IdeaRecord(text=f"Idée décidée numéro {n:03d}", source_key=f"big-{n}", language="fr")
        for n in range(650)
    ]
    ids = store.add_ideas(workshop["id"], records, source="plateforme.csv").idea_ids
    big = make_cluster(store, workshop["id"], ids[:600], "Grand thème")
    small = make_cluster(store, workshop["id"], ids[600:], "Petit thème")
    admin = local_admin("Setup")
    for cluster in (big, small):
        change_status(store, admin, workshop["id"], "under_review", cluster_id=cluster)
        decide(store, admin, workshop["id"], outcome="accepted", cluster_id=cluster,
               answer_fr=f"Réponse {cluster}", answer_en=f"Answer {cluster}")  # fmt: skip
    at = open_page(FOLLOWUP_PAGE, "fr", name=None)
    seen = set()
    for page in (1, 2, 3):
        if page > 1:
            at.number_input(key="fu_page_cluster_None").set_value(page).run()
        html = page_html(at)
        shown = {n for n in range(650) if f"Idée décidée numéro {n:03d}" in html}
        assert len(shown) == (300 if page < 3 else 50)
        seen |= shown
    assert seen == set(range(650))
    assert any("Idées 601 à 650 sur 650." in c.value for c in at.caption)
    at.selectbox(key="fu_group_cluster").set_value(1).run()
    html = page_html(at)
    assert html.count("Idée décidée numéro") == 50 and f"Réponse {small}" in html


def test_a_signed_in_staff_member_reads_the_indicators(store, decided, open_page):
    _, secret = add_staff_member(store, local_admin("Setup"), "Vera Valuator", "readonly")
    from .conftest import TRIAGE_PAGE

    at = open_page(TRIAGE_PAGE, "en", name=None, COCREATE_ACCESS="secret")
    at.text_input(key="triage_sign_in_name").input("Vera Valuator")
    at.text_input(key="triage_sign_in_secret").input(secret)
    [button] = [b for b in at.button if b.label == t("triage_pages.sign_in", "en")]
    button.click().run()
    at.switch_page(INDICATORS_PAGE).run()
    assert not at.exception, at.exception
    assert not at.error
    assert t("indicators.counted", "en", count="10") in [c.value for c in at.caption]
