"""Scoring, Ballot and Results pages: a facilitator copies and edits a rubric and opens rounds,
participants score on the ballot (each AppTest session is one phone), the results screen keeps
a blind round hidden until the facilitator reveals it, then ranks the targets."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from cocreate.clustering import cluster_workshop
from cocreate.scoring import copy_rubric_to_workshop, open_round, submit_score
from cocreate.store import Store
from cocreate.templates import load_demo
from cocreate.ui.wall import shorten

from .conftest import APP

SCORING_PAGE = "cocreate/ui/pages/scoring.py"
BALLOT_PAGE = "cocreate/ui/pages/ballot.py"
RESULTS_PAGE = "cocreate/ui/pages/results.py"
DONT_KNOW = "dont-know"
CRITERIA = ("wanted", "doable", "lasting")


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def new_session(page: str, workshop_id: int) -> AppTest:
    """Another browser (a participant's phone, the projector) on ``page``."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["workshop_id"] = workshop_id
    at.run()
    return open_page(at, page)


def submit(at: AppTest, label: str) -> None:
    [button] = [b for b in at.button if b.label == label]
    button.click().run()


def answer_key(round_id: int, target_id: int, criterion: str) -> str:
    return f"ballot_{round_id}_{target_id}_{criterion}"


def score_target(ballot: AppTest, round_id: int, target_id: int, values) -> None:
    """Tap one choice per criterion of the target on screen; each tap is stored at once."""
    for criterion, value in zip(CRITERIA, values, strict=True):
        ballot.button_group(key=answer_key(round_id, target_id, criterion)).set_value(value).run()
        assert not ballot.exception, ballot.exception


@pytest.fixture(scope="module")
def clustered_demo_file(tmp_path_factory, minilm):
    """The demo clustered once with the session's MiniLM; each test copies it."""
    path = tmp_path_factory.mktemp("scoring") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2)
    return path


@pytest.fixture
def demo(db_path):
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
    return workshop


@pytest.fixture
def quick_round(demo, db_path):
    """A blind dvf-quick round on the two first ideas of the demo, opened by the library."""
    with Store(db_path) as store:
        copy_rubric_to_workshop(store, demo["id"], "dvf-quick")
        ideas = store.list_ideas(demo["id"], limit=2)
        scoring_round = open_round(store, demo["id"], [("idea", i["id"]) for i in ideas])
        targets = store.round_targets(scoring_round["id"])
    return scoring_round, targets


def test_blind_round_three_raters_hidden_until_reveal_then_ranked(
    app, db_path, clustered_demo_file
):
    shutil.copyfile(clustered_demo_file, db_path)
    with Store(db_path) as store:
        demo = store.get_workshop("demo")
        first, second = store.active_clusters(demo["id"])[:2]
    app.session_state["workshop_id"] = demo["id"]

    # the facilitator copies the quick rubric and opens a blind round on two groups
    facilitator = open_page(app, SCORING_PAGE)
    facilitator.selectbox(key="scoring_rubric_pick").set_value("dvf-quick").run()
    facilitator.button(key="scoring_copy_rubric").click().run()
    facilitator.multiselect(key="scoring_pick_clusters").set_value(
        [first["id"], second["id"]]
    ).run()
    facilitator.text_input(key="scoring_round_title").set_value("Premier tri")
    assert facilitator.checkbox(key="scoring_blind").value is True
    facilitator.button(key="scoring_open_round").click().run()
    assert not facilitator.exception, facilitator.exception
    with Store(db_path) as store:
        [scoring_round] = store.list_rounds(demo["id"])
        targets = store.round_targets(scoring_round["id"])
    assert (scoring_round["title"], scoring_round["blind"]) == ("Premier tri", True)
    assert [t["cluster_id"] for t in targets] == [first["id"], second["id"]]
    round_id, (target_a, target_b) = scoring_round["id"], targets

    # three phones: each opens the ballot as its own anonymous rater and scores both groups
    answers = {  # D, F, V on 1-5; the second group is the better one
        "a": [(2, 3, 1), (1, 2, 2), (3, 2, 1)],
        "b": [(5, 4, 4), (4, 4, 5), (5, 5, 4)],
    }
    tokens = []
    for rater in range(3):
        ballot = new_session(BALLOT_PAGE, demo["id"])
        assert ballot.subheader[0].value == "Premier tri"
        assert "1 sur 2" in ballot.get("progress")[0].proto.text
        assert ballot.markdown[0].value == f"### {first['label']}"
        score_target(ballot, round_id, target_a["id"], answers["a"][rater])
        ballot.button(key="ballot_next").click().run()
        assert "2 sur 2" in ballot.get("progress")[0].proto.text
        score_target(ballot, round_id, target_b["id"], answers["b"][rater])
        assert ballot.success[0].value.startswith("Les 2 sont notés")
        tokens.append(ballot.session_state["access"].rater_tokens[demo["id"]])
    assert len(set(tokens)) == 3
    with Store(db_path) as store:
        assert len(store.round_scores(round_id)) == 3 * 2 * 3

    # the projected screen: who answered, nothing of the scores
    screen = new_session(RESULTS_PAGE, demo["id"])
    assert screen.info[0].value.startswith("Tour à l'aveugle")
    assert [m.value for m in screen.metric] == ["3"]
    assert [p.proto.text for p in screen.get("progress")] == [
        f"{first['label']} : 3 votants",
        f"{second['label']} : 3 votants",
    ]
    assert not screen.table
    assert not screen.get("vega_lite_chart")

    # the facilitator reveals through the Scoring page; the round closes
    facilitator.run()
    facilitator.button(key=f"scoring_reveal_{round_id}").click().run()
    assert not facilitator.exception, facilitator.exception
    assert facilitator.success[0].value == "Tour « Premier tri » révélé (et fermé)."
    with Store(db_path) as store:
        revealed = store.get_round(round_id)
    assert (revealed["status"], revealed["revealed"]) == ("closed", True)

    screen.run()
    assert not screen.exception, screen.exception
    assert not screen.info
    [ranking] = screen.table
    table = ranking.value
    # by hand, on 0-100: b = D (100+75+100)/3, F (75+75+100)/3, V (75+100+75)/3 -> 86.1;
    # a = D (25+0+50)/3, F (50+25+25)/3, V (0+25+0)/3 -> 22.2
    assert list(table["Rang"]) == ["1", "2"]
    assert list(table["Élément"]) == [second["label"], first["label"]]
    assert list(table["Note globale"].round(1)) == [86.1, 22.2]
    assert list(table["Désirabilité"].round(1)) == [91.7, 25.0]
    assert list(table["Votants"]) == [3, 3]
    assert list(table["Zone idéale"]) == ["★", ""]
    assert len(screen.get("vega_lite_chart")) == 2


def test_copy_edit_rubric_and_open_a_round_on_ideas(app, db_path, demo):
    app.session_state["workshop_id"] = demo["id"]
    page = open_page(app, SCORING_PAGE)
    assert page.info[0].value.startswith("Cet atelier n'a pas encore de grille")
    page.selectbox(key="scoring_rubric_pick").set_value("dvf-city").run()
    page.button(key="scoring_copy_rubric").click().run()
    assert page.success[0].value == "Grille dvf-city (version 1) copiée dans l'atelier."
    with Store(db_path) as store:
        [copied] = store.workshop_rubrics(demo["id"])
    assert (copied["rubric_id"], copied["version"], copied["edited"]) == ("dvf-city", 1, False)

    page.text_input(key="scoring_edit_title_fr").set_value("Notre grille")
    page.number_input(key="scoring_edit_weight_support").set_value(2.0)
    page.checkbox(key="scoring_edit_keep_delivery-time").uncheck()
    page.text_input(key="scoring_edit_question_citizen-need_fr").set_value(
        "Est-ce un vrai besoin ?"
    )
    submit(page, "Enregistrer la grille modifiée")
    assert not page.exception, page.exception
    with Store(db_path) as store:
        edited, original = store.workshop_rubrics(demo["id"])
    assert original["id"] == copied["id"]
    assert (edited["rubric_id"], edited["version"], edited["edited"]) == ("dvf-city", 1, True)
    definition = edited["definition"]
    assert definition["title"]["fr"] == "Notre grille"
    criteria = {c["id"]: c for d in definition["dimensions"] for c in d["criteria"]}
    assert "delivery-time" not in criteria
    assert criteria["support"]["weight"] == 2.0
    assert criteria["citizen-need"]["question"]["fr"] == "Est-ce un vrai besoin ?"
    assert "modifiée pour cet atelier" in page.markdown[0].value

    # no clusters yet: the shortlist is made of ideas found by a search
    page.text_input(key="scoring_search").set_value("velo").run()
    with Store(db_path) as store:
        found = store.list_ideas(demo["id"], search="velo", limit=30)
        assert 2 <= len(found) < store.count_ideas(demo["id"])
    options = page.multiselect(key="scoring_pick_ideas").options
    assert options == [f"Idée {i['id']} · {shorten(i['title'] or i['text'], 90)}" for i in found]
    bikes = [i["id"] for i in found[:2]]
    page.multiselect(key="scoring_pick_ideas").set_value(bikes).run()
    page.text_input(key="scoring_round_title").set_value("Vélo")
    page.checkbox(key="scoring_blind").uncheck()
    page.button(key="scoring_open_round").click().run()
    assert not page.exception, page.exception
    with Store(db_path) as store:
        [scoring_round] = store.list_rounds(demo["id"])
        targets = store.round_targets(scoring_round["id"])
    assert (scoring_round["title"], scoring_round["blind"], scoring_round["status"]) == (
        "Vélo",
        False,
        "open",
    )
    assert [(t["kind"], t["idea_id"]) for t in targets] == [("idea", i) for i in bikes]
    # the round keeps the edited rubric
    assert "delivery-time" not in {
        c["id"] for d in scoring_round["rubric"]["dimensions"] for c in d["criteria"]
    }
    assert "0 votants · 0 de leurs 0 réponses données" in page.get("progress")[0].proto.text


def test_dont_know_on_the_ballot_is_stored_as_dont_know(app, db_path, demo, quick_round):
    scoring_round, (target, _) = quick_round
    app.session_state["workshop_id"] = demo["id"]
    ballot = open_page(app, BALLOT_PAGE)
    key = answer_key(scoring_round["id"], target["id"], "wanted")
    assert ballot.button_group(key=key).options[-1] == "_Je ne sais pas_"
    ballot.button_group(key=key).set_value(DONT_KNOW).run()
    assert not ballot.exception, ballot.exception
    with Store(db_path) as store:
        [row] = store.round_scores(scoring_round["id"])
    assert (row["criterion"], row["value"], row["dont_know"]) == ("wanted", None, 1)
    # a reload of the phone (new session, token in the URL) shows the rater's answer again
    token = ballot.session_state["access"].rater_tokens[demo["id"]]
    reloaded = AppTest.from_file(str(APP), default_timeout=60)
    reloaded.query_params.update({"w": "demo", "r": token})
    reloaded.run()
    open_page(reloaded, BALLOT_PAGE)
    assert reloaded.button_group(key=key).value == DONT_KNOW
    # another phone is another rater, who sees nothing of it
    other = new_session(BALLOT_PAGE, demo["id"])
    assert other.session_state["access"].rater_tokens[demo["id"]] != token
    assert other.button_group(key=key).value is None


def test_a_closed_round_refuses_changes_on_the_ballot(app, db_path, demo, quick_round):
    scoring_round, (target, _) = quick_round
    app.session_state["workshop_id"] = demo["id"]
    ballot = open_page(app, BALLOT_PAGE)
    key = answer_key(scoring_round["id"], target["id"], "doable")
    ballot.button_group(key=key).set_value(4).run()
    with Store(db_path) as store:
        store.close_round(scoring_round["id"])

    # the phone still shows the open ballot when its rater taps another answer
    ballot.button_group(key=key).set_value(2).run()
    assert not ballot.exception, ballot.exception
    assert ballot.error[0].value.startswith("Votre dernière réponse n'a pas été enregistrée")
    assert ballot.warning[0].value == "Ce tour est fermé : vos réponses ne peuvent plus changer."
    assert ballot.button_group(key=key).value == 4
    assert ballot.button_group(key=key).disabled
    assert ballot.button(key="ballot_next").disabled is False  # still free to look around
    with Store(db_path) as store:
        assert [r["value"] for r in store.round_scores(scoring_round["id"])] == [4.0]
    ballot.run()
    assert not ballot.error
    assert ballot.warning[0].value.startswith("Ce tour est fermé")


def test_staff_member_scores_under_a_name(app, db_path, demo, quick_round):
    scoring_round, (target, _) = quick_round
    app.session_state["workshop_id"] = demo["id"]
    page = open_page(app, SCORING_PAGE)
    page.text_input(key="scoring_staff_name").set_value("Léa (voirie)")
    submit(page, "Ouvrir mon bulletin")
    assert not page.exception, page.exception
    assert page.caption[0].value.startswith("Vous notez en tant que Léa (voirie)")
    page.button_group(key=answer_key(scoring_round["id"], target["id"], "wanted")).set_value(
        5
    ).run()
    with Store(db_path) as store:
        [row] = store.round_scores(scoring_round["id"])
        rater = store.get_rater(row["rater_id"])
    assert (rater["kind"], rater["name"], row["value"]) == ("staff", "Léa (voirie)", 5.0)


def test_results_show_shared_ranks_and_imported_votes_apart(app, db_path, demo):
    with Store(db_path) as store:
        copy_rubric_to_workshop(store, demo["id"], "dvf-quick")
        ideas = store.list_ideas(demo["id"], limit=2)
        scoring_round = open_round(
            store, demo["id"], [("idea", i["id"]) for i in ideas], title="Ouvert", blind=False
        )
        targets = store.round_targets(scoring_round["id"])
        for _ in range(2):
            rater = store.add_rater(demo["id"])
            for target in targets:
                for criterion in CRITERIA:
                    submit_score(
                        store, scoring_round["id"], target["id"], rater["id"], criterion, 4
                    )
    app.session_state["workshop_id"] = demo["id"]
    screen = open_page(app, RESULTS_PAGE)
    table = screen.table[0].value
    assert list(table["Rang"]) == ["1=", "1="]
    assert list(table["Votes citoyens importés"]) == [i["votes"] for i in ideas]
    assert "Note globale" in table
    assert any(c.value.startswith("Les votes citoyens importés") for c in screen.caption)
