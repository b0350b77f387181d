"""Roles through the real app with roles on (``COCREATE_ACCESS=secret``): a visitor only
joins, a participant sends ideas and cannot reach facilitator pages, a facilitator unlocks
with the secret and moves the room through the phases."""

import pytest
from streamlit.testing.v1 import AppTest

from cocreate.access import Access, reset_facilitator_secret, unlock_facilitator
from cocreate.store import Store

from .conftest import APP, CLUSTERS_PAGE, WORKSHOP_PAGE

ROOT = APP.parent
REFUSED = (
    "Cette page est réservée à l'animation de l'atelier. Rejoignez-le avec son code, "
    "ou donnez le secret d'animation."
)
JOIN_PAGE = "cocreate/ui/pages/join.py"
PARTICIPATE_PAGE = "cocreate/ui/pages/participate.py"
PRESENT_PAGE = "cocreate/ui/pages/present.py"


@pytest.fixture
def live(db_path, monkeypatch):
    monkeypatch.setenv("COCREATE_ACCESS", "secret")
    with Store(db_path) as store:
        workshop = store.create_workshop("Place du marché", challenge="Que faire ?")
        secret = reset_facilitator_secret(store, workshop["id"])
    return workshop, secret


def fresh_session():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at):
    return " ".join(
        e.value
        for kind in ("markdown", "info", "error", "success", "caption")
        for e in at.get(kind)
    )


def join(at, code):
    at.text_input(key="join_code").input(code)
    at.button[0].click().run()
    assert not at.exception, at.exception


def test_a_visitor_sees_only_the_join_page(live):
    workshop, _ = live
    at = fresh_session()
    assert at.header[0].value == "Rejoindre un atelier"
    assert workshop["title"] not in texts(at)
    join(at, "ZZZZZZ")
    assert "Aucun atelier n'a le code « ZZZZZZ »" in at.error[0].value


def test_a_participant_sends_an_idea_and_cannot_reach_facilitator_pages(live, db_path):
    workshop, _ = live
    at = fresh_session()
    join(at, workshop["join_code"].lower())
    assert "Bienvenue dans « Place du marché »" in texts(at)
    at.text_area(key="participate_text").input("Des bancs à l'ombre des platanes")
    at.text_input(key="participate_pseudonym").input("Mila")
    at.button[0].click().run()
    assert not at.exception, at.exception
    with Store(db_path) as store:
        ideas = store.list_ideas(workshop["id"])
        raters = [r for r in store.db["raters"].rows if r["workshop_id"] == workshop["id"]]
    assert [(i["text"], i["author"]) for i in ideas] == [
        ("Des bancs à l'ombre des platanes", "Mila")
    ]
    assert [r["kind"] for r in raters] == ["participant"]
    # facilitator pages are not in a participant's navigation: no URL leads to them
    for facilitator_page in (WORKSHOP_PAGE, CLUSTERS_PAGE, PRESENT_PAGE):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(facilitator_page)
    # and a page script run by a participant's session refuses before drawing anything
    access = at.session_state["access"]
    for facilitator_page in (WORKSHOP_PAGE, CLUSTERS_PAGE, PRESENT_PAGE):
        page = AppTest.from_file(str(ROOT / facilitator_page), default_timeout=60)
        page.session_state["access"] = access
        page.session_state["workshop_id"] = workshop["id"]
        page.run()
        assert not page.exception, page.exception
        assert [e.value for e in page.error] == [REFUSED]
        assert not page.get("metric") and not page.get("button")
    # and facilitator actions never ran
    with Store(db_path) as store:
        assert store.get_workshop(workshop["id"])["phase"] == "collect"


def test_the_facilitator_unlocks_with_the_secret_and_moves_the_phase(live, db_path):
    workshop, secret = live
    at = fresh_session()
    at.text_input(key="join_facilitator_code").input(workshop["join_code"])
    at.text_input(key="join_secret").input("not-the-secret")
    at.button[1].click().run()
    assert "Code ou secret incorrect." in texts(at)
    at.text_input(key="join_secret").input(secret)
    at.button[1].click().run()
    assert not at.exception, at.exception
    assert at.header[0].value == "Atelier"
    at.segmented_control(key=f"workshop_phase_{workshop['id']}").set_value("score").run()
    with Store(db_path) as store:
        assert store.get_workshop(workshop["id"])["phase"] == "score"


def test_a_participant_screen_follows_the_phase(live, db_path):
    workshop, _ = live
    at = fresh_session()
    join(at, workshop["join_code"])
    assert at.text_area(key="participate_text")
    with Store(db_path) as store:
        store.set_phase(workshop["id"], "cluster")
    at.run()
    assert "Regardez l'écran" in texts(at)
    assert not at.get("text_area")


def test_the_presenter_view_shows_the_code_and_new_ideas(live, db_path, monkeypatch):
    workshop, secret = live
    monkeypatch.setenv("COCREATE_PUBLIC_URL", "http://10.0.0.5:8501")
    at = fresh_session()
    at.session_state["access"].roles[workshop["id"]] = "facilitator"
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    at.switch_page(PRESENT_PAGE).run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert workshop["join_code"] in shown
    # phones join on the light room page, not on a Streamlit page
    assert f"http://10.0.0.5:8501/room/{workshop['join_code']}" in shown
    assert at.get("image")  # the QR code
    from cocreate.ingest import submit_idea

    with Store(db_path) as store:
        submit_idea(store, workshop["id"], "Un kiosque à musique rénové", author="Jo")
    at.run()
    assert "Un kiosque à musique rénové" in texts(at)


def test_a_new_workshop_made_from_the_join_page_is_facilitated_by_its_maker(
    live, db_path, monkeypatch
):
    # open to the room, the facilitator allowed it (cocreate serve --allow-new-workshops)
    monkeypatch.setenv("COCREATE_ALLOW_NEW_WORKSHOPS", "1")
    at = fresh_session()
    at.text_input(key="join_new_title").input("Square Lamartine")
    at.text_area(key="join_new_challenge").input("Comment rendre le square plus vivant ?")
    at.button[2].click().run()
    assert not at.exception, at.exception
    assert at.header[0].value == "Atelier"
    assert "Secret d'animation" in at.warning[0].value
    secret = at.warning[0].value.split("**")[1]
    with Store(db_path) as store:
        created = store.find_workshop("square-lamartine")
        # the secret shown once is the one that unlocks the workshop, and only its hash is kept
        assert unlock_facilitator(store, Access(), created["id"], secret)
        assert secret not in created["facilitator_secret_hash"]
