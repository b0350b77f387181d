"""Phones follow the room: /state tells the phase and the open round, waiting until the room
moves (a long poll over one shared read per room); the page shows what the phase wants, and
pages without a form refresh themselves without JavaScript."""

import json
import re
import threading
import time

from cocreate.ingest import submit_idea
from cocreate.scoring import copy_rubric_to_workshop, open_round
from cocreate.store import Store
from cocreate.web.state import READ_SECONDS

from .conftest import joined


def state(client, code):
    time.sleep(READ_SECONDS)  # a state read this long ago may be answered again
    response = client.get(f"/room/{code}/state")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    return response.json()


def follow(html):
    """What the page's script compares with /state."""
    return json.loads(re.search(r'<script id="cc-follow"[^>]*>(.*?)</script>', html, re.S)[1])


def test_state_follows_the_phase_and_the_open_round(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    first = state(client, code)
    assert (first["phase"], first["round"]) == ("collect", None)
    with Store(db_path) as store:
        idea = submit_idea(store, workshop["id"], "Des bancs")
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        scoring_round = open_round(store, workshop["id"], [("idea", idea["id"])])
        store.set_phase(workshop["id"], "score")
    now = state(client, code)
    assert (now["phase"], now["round"]) == ("score", scoring_round["id"])
    assert now["revision"] > first["revision"]
    with Store(db_path) as store:
        store.close_round(scoring_round["id"])
    assert state(client, code)["round"] is None
    assert client.get("/room/ZZZ999/state").status_code == 404


def test_each_phase_shows_its_page(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    url, _ = joined(client, code)
    expected = {
        "collect": "Envoyer mon idée",
        "cluster": "L&#39;animation regroupe les idées. Regardez l&#39;écran !",
        "score": "Aucun tour d&#39;évaluation n&#39;est ouvert",
        "map": "La salle dessine la carte des acteurs.",
        "decide": "La salle décide. Merci de votre participation !",
    }
    for phase, shown in expected.items():
        with Store(db_path) as store:
            store.set_phase(workshop["id"], phase)
        page = client.get(url).text
        assert shown in page, phase
        assert follow(page)["phase"] == phase
        # a page with a form never reloads by itself (it would wipe what is typed)
        refreshes = '<meta http-equiv="refresh"' in page
        assert refreshes == (phase not in ("collect",)), phase
        assert page.count("<form") == (1 if phase == "collect" else 0)


def test_the_page_follows_the_round_only_while_scoring(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    url, token = joined(client, code)
    assert "round" not in follow(client.get(url).text)
    with Store(db_path) as store:
        idea = submit_idea(store, workshop["id"], "Des bancs")
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        scoring_round = open_round(store, workshop["id"], [("idea", idea["id"])])
    # a round opened during the collect does not reload the idea form
    assert "round" not in follow(client.get(url).text)
    with Store(db_path) as store:
        store.set_phase(workshop["id"], "score")
    watched = follow(client.get(url).text)
    assert watched["round"] == scoring_round["id"]
    assert watched["state"] == f"/room/{code}/state"
    assert watched["here"] == f"/room/{code}?r={token}"


def test_a_look_at_the_state_waits_until_the_room_moves(phone, workshop, db_path, monkeypatch):
    code = workshop["join_code"]
    client = phone()
    monkeypatch.setattr("cocreate.web.state.LONG_POLL_SECONDS", 0.6)
    started = time.monotonic()
    unchanged = client.get(f"/room/{code}/state", params={"phase": "collect"}).json()
    assert unchanged["phase"] == "collect"
    assert time.monotonic() - started >= 0.6  # nothing moved: answered at the end
    monkeypatch.setattr("cocreate.web.state.LONG_POLL_SECONDS", 20)

    def move_the_room():
        time.sleep(0.5)
        with Store(db_path) as store:
            store.set_phase(workshop["id"], "cluster")

    mover = threading.Thread(target=move_the_room)
    mover.start()
    started = time.monotonic()
    moved = client.get(f"/room/{code}/state", params={"phase": "collect"}).json()
    waited = time.monotonic() - started
    mover.join()
    assert moved["phase"] == "cluster"
    assert 0.4 <= waited <= 2.0
    # a page that scores also follows the round: a round opening answers at once
    assert (
        client.get(f"/room/{code}/state", params={"phase": "cluster", "round": "1"}).json()["round"]
        is None
    )
