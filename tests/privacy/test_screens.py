"""Personal data a participant typed stays off the screens others see: the projected wall
(on by default, the facilitator may turn it off), the public follow-up page and the ideas on
a participant's ballot. The texts stored are unchanged."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from cocreate.ingest import submit_idea
from cocreate.scoring import copy_rubric_to_workshop, open_round
from cocreate.store import Store
from cocreate.triage import change_status, decide, local_admin
from cocreate.web import web_routes

APP = Path(__file__).resolve().parents[2] / "app.py"
PRESENT_PAGE = "cocreate/ui/pages/present.py"
FOLLOWUP_PAGE = "cocreate/ui/pages/followup.py"
PHONE = "06 12 34 56 78"
EMAIL = "lea.martin@example.org"
TYPED = f"Des bancs devant l'école, appelez-moi au {PHONE} ou écrivez à {EMAIL}"


def open_page(page: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def markdown_of(at) -> str:
    return " ".join(e.value for e in at.markdown)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_phone_number_typed_by_a_participant_is_not_projected(store, workshop, lang):
    submit_idea(store, workshop["id"], TYPED)
    at = open_page(PRESENT_PAGE, lang)
    # what the browser shows: character references read back as characters
    shown = html.unescape(markdown_of(at))
    assert "Des bancs devant l'école" in shown
    assert PHONE not in shown and EMAIL not in shown
    assert "[PHONE]" in shown and "[EMAIL]" in shown
    assert at.toggle(key="present_hide_personal").value is True
    # the stored text is unchanged
    assert store.list_ideas(workshop["id"])[0]["text"] == TYPED


def test_the_facilitator_may_show_the_texts_as_typed(store, workshop):
    submit_idea(store, workshop["id"], TYPED)
    at = open_page(PRESENT_PAGE)
    at.toggle(key="present_hide_personal").set_value(False).run()
    assert not at.exception
    assert PHONE in markdown_of(at)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_public_follow_up_hides_personal_data_of_decided_ideas(store, workshop, lang):
    idea = submit_idea(store, workshop["id"], TYPED)
    admin = local_admin("Setup")
    change_status(store, admin, workshop["id"], "under_review", idea_ids=[idea["id"]])
    decide(store, admin, workshop["id"], outcome="accepted", idea_id=idea["id"], answer_fr="Oui")
    at = open_page(FOLLOWUP_PAGE, lang)
    html = " ".join(str(e.proto.body) for e in at.get("html"))
    assert "Des bancs devant" in html
    assert PHONE not in html and EMAIL not in html
    assert "[PHONE]" in html


def test_a_participants_ballot_hides_other_peoples_personal_data(db_path, workshop, store):
    ideas = [submit_idea(store, workshop["id"], text) for text in (TYPED, "Une fontaine")]
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    open_round(store, workshop["id"], [("idea", i["id"]) for i in ideas], title="Tri")
    store.set_phase(workshop["id"], "score")
    with TestClient(Starlette(routes=web_routes(db_path))) as client:
        page = client.get(f"/room/{workshop['join_code']}").text
    assert "Des bancs devant" in page and "Une fontaine" in page
    assert PHONE not in page and EMAIL not in page
    assert "[PHONE]" in page
    with Store(db_path) as fresh:
        assert fresh.get_idea(ideas[0]["id"])["text"] == TYPED
