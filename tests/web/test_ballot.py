"""The ballot of the open round on a phone: every target and question with its anchors and
"don't know", each answer stored (an upsert) and shown again after a reload; a closed
round says so and refuses answers."""

import re

import pytest

from cocreate.ingest import submit_idea
from cocreate.scoring import copy_rubric_to_workshop, open_round
from cocreate.store import Store

from .conftest import joined

IDEAS = ("Des bancs à l'ombre", "Une fontaine à boire", "Un marché le dimanche", "Des arceaux")


@pytest.fixture
def scoring(db_path, workshop):
    """Four ideas in an open round with the three-question rubric; the room on scoring."""
    with Store(db_path) as store:
        ideas = [submit_idea(store, workshop["id"], text) for text in IDEAS]
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        scoring_round = open_round(
            store, workshop["id"], [("idea", i["id"]) for i in ideas], title="Premier tri"
        )
        store.set_phase(workshop["id"], "score")
        targets = [t["id"] for t in store.round_targets(scoring_round["id"])]
    return scoring_round["id"], targets


def answer(client, code, token, round_id, target, ajax=True, **answers):
    data = {"r": token, "round": round_id, "target": target, **answers}
    if ajax:
        data["ajax"] = "1"
    return client.post(f"/room/{code}/score", data=data, follow_redirects=False)


def stored(db_path, round_id):
    with Store(db_path) as store:
        return sorted(
            (s["target_id"], s["criterion"], s["value"], s["dont_know"])
            for s in store.round_scores(round_id)
        )


def checked(html, target):
    """The answers a target's form shows ticked: {criterion: value}."""
    form = re.search(rf'<form[^>]* id="t{target}".*?</form>', html, re.S).group(0)
    return dict(re.findall(r'name="c_([a-z-]+)" value="([^"]+)" checked', form))


def test_the_ballot_shows_every_target_question_and_anchor(phone, workshop, scoring):
    round_id, targets = scoring
    page = phone().get(f"/room/{workshop['join_code']}")
    assert "Premier tri" in page.text
    assert "Étape de la salle : Évaluation" in page.text
    for text in IDEAS:
        assert text.replace("'", "&#39;") in page.text
    # 4 targets x 3 questions x (5 points + don't know)
    assert page.text.count('type="radio"') == 4 * 3 * 6
    assert page.text.count("<form") == 4
    assert "Je ne sais pas" in page.text
    assert "Vous avez tout noté pour 0 sur 4." in page.text


def test_answers_are_stored_once_and_shown_after_a_reload(phone, workshop, scoring, db_path):
    round_id, targets = scoring
    code = workshop["join_code"]
    client = phone()
    url, token = joined(client, code)
    response = answer(client, code, token, round_id, targets[0], wanted="4")
    assert response.status_code == 200 and response.json() == {"ok": True}
    # the script sends the whole form on every tap: sent again, still one answer each
    for _ in range(2):
        answer(client, code, token, round_id, targets[0], c_wanted="4", c_doable="dk")
    answer(client, code, token, round_id, targets[0], c_wanted="5", c_doable="dk", c_lasting="2")
    with Store(db_path) as store:
        rater_id = store.get_rater(token)["id"]
    assert stored(db_path, round_id) == [
        (targets[0], "doable", None, 1),
        (targets[0], "lasting", 2.0, 0),
        (targets[0], "wanted", 5.0, 0),
    ]
    page = client.get(url).text
    assert checked(page, targets[0]) == {"wanted": "5", "doable": "dk", "lasting": "2"}
    assert checked(page, targets[1]) == {}
    assert "Vous avez tout noté pour 1 sur 4." in page
    with Store(db_path) as store:
        assert {s["rater_id"] for s in store.round_scores(round_id)} == {rater_id}


def test_the_form_button_stores_and_comes_back_with_a_confirmation(
    phone, workshop, scoring, db_path
):
    round_id, targets = scoring
    code = workshop["join_code"]
    client = phone()
    _, token = joined(client, code)
    answers = {"c_wanted": "3", "c_doable": "3", "c_lasting": "3"}
    for target in targets:
        response = answer(client, code, token, round_id, target, ajax=False, **answers)
        assert response.status_code == 303
        assert response.headers["location"].endswith(f"saved={target}#t{target}")
    page = client.get(response.headers["location"])
    assert "Réponses enregistrées." in page.text
    assert "Les 4 sont notés, merci !" in page.text
    assert len(stored(db_path, round_id)) == 12


def test_an_answer_off_the_scale_is_refused(phone, workshop, scoring, db_path):
    round_id, targets = scoring
    code = workshop["join_code"]
    client = phone()
    _, token = joined(client, code)
    for bad in ("9", "beaucoup"):
        response = answer(client, code, token, round_id, targets[0], c_wanted=bad)
        assert response.status_code == 400
        assert response.json()["error"].startswith("Cette réponse ne correspond pas")
    assert answer(client, code, token, "x", targets[0], c_wanted="3").status_code == 400
    assert stored(db_path, round_id) == []


def test_a_closed_round_says_so_and_refuses_answers(phone, workshop, scoring, db_path):
    round_id, targets = scoring
    code = workshop["join_code"]
    client = phone()
    url, token = joined(client, code)
    answer(client, code, token, round_id, targets[0], c_wanted="4")
    with Store(db_path) as store:
        store.close_round(round_id)
    refused = answer(client, code, token, round_id, targets[0], c_wanted="1")
    assert refused.status_code == 409 and refused.json()["closed"] is True
    page = answer(client, code, token, round_id, targets[0], ajax=False, c_wanted="1")
    assert page.status_code == 409
    assert "Votre dernière réponse n&#39;a pas été enregistrée : le tour est fermé." in page.text
    page = client.get(url).text
    assert "Ce tour est fermé : vos réponses ne peuvent plus changer." in page
    assert checked(page, targets[0]) == {"wanted": "4"}
    assert "<fieldset disabled>" in page and " data-autosave>" not in page
    assert stored(db_path, round_id) == [(targets[0], "wanted", 4.0, 0)]


def test_no_round_yet_says_to_wait(phone, workshop, db_path):
    with Store(db_path) as store:
        store.set_phase(workshop["id"], "score")
    page = phone().get(f"/room/{workshop['join_code']}").text
    assert "Aucun tour d&#39;évaluation n&#39;est ouvert pour l&#39;instant." in page


def test_a_group_target_shows_its_name_and_example_ideas(phone, workshop, db_path):
    shade = ["Planter des arbres sur la place", "Des voiles d'ombrage l'été", "Une pergola"]
    with Store(db_path) as store:
        ideas = [submit_idea(store, workshop["id"], text) for text in shade]
        store.save_clustering(
            workshop["id"],
            model_id="test",
            seed=0,
            params={},
            clusters=[
                {"ref": 0, "label": "Ombre et fraîcheur", "keywords": ["ombre"], "centroid": [1.0]}
            ],
            assignments=[
                {"idea_id": idea["id"], "cluster": 0, "similarity": 0.9 - n / 10}
                for n, idea in enumerate(ideas)
            ],
        )
        [cluster] = store.active_clusters(workshop["id"])
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        open_round(store, workshop["id"], [("cluster", cluster["id"])])
        store.set_phase(workshop["id"], "score")
    page = phone().get(f"/room/{workshop['join_code']}").text
    assert "<h2>Ombre et fraîcheur</h2>" in page
    assert "Un regroupement de 3 idées, par exemple :" in page
    for text in shade:
        assert f"<li>{text}</li>".replace("'", "&#39;") in page
