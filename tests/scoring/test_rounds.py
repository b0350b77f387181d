"""Scoring rounds against the store: a blind round with three raters, don't know stored as
null, closed rounds, foreign targets and raters, rubric snapshots, deleting a workshop, and
the projected board."""

import shutil
import sqlite3

import pytest

from cocreate.records import IdeaRecord
from cocreate.scoring.rounds import (
    copy_rubric_to_workshop,
    open_round,
    rater_view,
    round_board,
    round_citizen_support,
    round_results,
    round_rubric,
    submit_score,
    workshop_rubric,
)
from cocreate.scoring.rubrics import ScoringError, edit_rubric, get_rubric, rubrics_dir
from cocreate.store import StoreError

# stored rounds -----------------------------------------------------------------------------


def add_idea(store, workshop, text, votes):
    record = IdeaRecord(text=text, source_key=text, votes=votes, original={"text": text})
    report = store.add_ideas(workshop["id"], [record], source="test")
    return report.idea_ids[0]


@pytest.fixture
def shortlist(store, workshop):
    """A cluster of two ideas (12 and 30 votes) and a lone idea (5 votes)."""
    first = add_idea(store, workshop, "Des arceaux vélo devant les écoles", 12)
    second = add_idea(store, workshop, "Plus de stationnement vélo près des écoles", 30)
    lone = add_idea(store, workshop, "Une rue piétonne le dimanche", 5)
    cluster = store.create_cluster(
        workshop["id"],
        label="Stationnement vélo",
        keywords=["vélo"],
        centroid=[1.0, 0.0],
        pinned=False,
    )
    store.add_assignments(
        [{"idea_id": i, "cluster": cluster, "similarity": 0.9} for i in (first, second)]
    )
    return [("cluster", cluster), ("idea", lone)]


def test_blind_round_with_three_raters_on_two_targets(store, workshop, shortlist):
    copy = copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    assert (copy["rubric_id"], copy["version"], copy["edited"]) == ("dvf-quick", 1, False)
    scoring_round = open_round(store, workshop["id"], shortlist, title="Tour 1")
    assert scoring_round["blind"] and not scoring_round["revealed"]
    assert scoring_round["status"] == "open"
    targets = store.round_targets(scoring_round["id"])
    assert [(t["kind"], t["label"]) for t in targets] == [
        ("cluster", "Stationnement vélo"),
        ("idea", "Une rue piétonne le dimanche"),
    ]
    cluster_target, idea_target = (t["id"] for t in targets)
    lea = store.add_rater(workshop["id"])
    sam = store.add_rater(workshop["id"])
    agnes = store.add_rater(workshop["id"], staff_name="Agnès, service voirie")
    assert (lea["kind"], lea["name"], agnes["kind"]) == ("participant", None, "staff")
    assert store.get_rater(lea["token"])["id"] == lea["id"]
    answers = {
        lea["id"]: {cluster_target: (5, 4, 3), idea_target: (2, 2, 2)},
        sam["id"]: {cluster_target: (4, 4, 3), idea_target: (4, None, 2)},
        agnes["id"]: {cluster_target: (1, 4, 3), idea_target: (3, 2, 2)},
    }
    for rater, by_target in answers.items():
        for target, values in by_target.items():
            for criterion, value in zip(("wanted", "doable", "lasting"), values, strict=True):
                submit_score(store, scoring_round["id"], target, rater, criterion, value)
    # Léa changes her mind before the round closes: the answer is replaced, not added
    submit_score(store, scoring_round["id"], cluster_target, lea["id"], "wanted", 4)
    assert len(store.round_scores(scoring_round["id"])) == 18

    hidden = round_results(store, scoring_round["id"])
    assert hidden.hidden and hidden.targets == []
    assert hidden.progress == {cluster_target: 3, idea_target: 3}
    own = rater_view(store, scoring_round["id"], sam["id"])
    assert {s.rater for s in own} == {sam["id"]} and len(own) == 6

    revealed = store.reveal_round(scoring_round["id"])
    assert (revealed["status"], revealed["revealed"]) == ("closed", True)
    shown = round_results(store, scoring_round["id"])
    assert not shown.hidden
    assert len(rater_view(store, scoring_round["id"], sam["id"])) == 18
    by_target = {t.target: t for t in shown.targets}
    cluster = by_target[cluster_target]
    # wanted 4, 4, 1 -> .75, .75, 0; doable 4 x3 -> .75; lasting 3 x3 -> .5
    assert cluster.dimensions["desirability"].summary.mean == 0.5
    assert cluster.dimensions["desirability"].summary.median == 0.75
    assert cluster.dimensions["feasibility"].summary.std == 0.0
    assert cluster.overall == pytest.approx((0.5 + 0.75 + 0.5) / 3)
    idea = by_target[idea_target]
    assert idea.dimensions["feasibility"].dont_know == 1
    assert idea.dimensions["feasibility"].summary.n == 2
    assert [t.target for t in shown.targets] == [cluster_target, idea_target]
    assert shown.agreement.raters == 3

    support = round_citizen_support(store, scoring_round["id"])
    assert (support[cluster_target].votes, support[cluster_target].ideas) == (42, 2)
    assert support[idea_target].votes == 5


def test_dont_know_is_stored_as_null_never_zero(store, workshop, shortlist, db_path):
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    scoring_round = open_round(store, workshop["id"], shortlist)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    rater = store.add_rater(workshop["id"])
    submit_score(store, scoring_round["id"], target, rater["id"], "doable", None)
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT value, dont_know FROM scores").fetchall() == [(None, 1)]
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("UPDATE scores SET value = 0")


def test_scores_are_refused_after_the_round_closes(store, workshop, shortlist):
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    scoring_round = open_round(store, workshop["id"], shortlist, title="Vote rapide", blind=False)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    rater = store.add_rater(workshop["id"])
    submit_score(store, scoring_round["id"], target, rater["id"], "wanted", 4)
    with pytest.raises(ScoringError, match="from 1 to 5"):
        submit_score(store, scoring_round["id"], target, rater["id"], "wanted", 6)
    with pytest.raises(ScoringError, match="no criterion 'beauty'"):
        submit_score(store, scoring_round["id"], target, rater["id"], "beauty", 3)
    assert store.close_round(scoring_round["id"])["status"] == "closed"
    with pytest.raises(StoreError, match="“Vote rapide” is closed"):
        submit_score(store, scoring_round["id"], target, rater["id"], "wanted", 2)
    with pytest.raises(StoreError, match="closed"):
        store.add_round_targets(scoring_round["id"], shortlist)
    assert [s["value"] for s in store.round_scores(scoring_round["id"])] == [4.0]
    # not blind: results are live, no reveal needed
    assert not round_results(store, scoring_round["id"]).hidden


def test_round_refuses_foreign_targets_and_raters(store, workshop, shortlist):
    other = store.create_workshop("Autre atelier")
    foreign_idea = add_idea(store, other, "Un marché de nuit", 3)
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    with pytest.raises(StoreError, match="No current idea"):
        open_round(store, workshop["id"], [*shortlist, ("idea", foreign_idea)])
    assert store.list_rounds(workshop["id"]) == []
    scoring_round = open_round(store, workshop["id"], shortlist)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    stranger = store.add_rater(other["id"])
    with pytest.raises(StoreError, match="does not take part"):
        submit_score(store, scoring_round["id"], target, stranger["id"], "wanted", 3)
    with pytest.raises(ScoringError, match="Copy a rubric"):
        open_round(store, other["id"], [])


def test_rubric_snapshots_keep_past_rounds_unchanged(
    store, workshop, shortlist, tmp_path, monkeypatch
):
    folder = tmp_path / "templates"
    shutil.copytree(rubrics_dir(), folder / "rubrics")
    monkeypatch.setenv("COCREATE_TEMPLATES", str(folder))
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    first = open_round(store, workshop["id"], shortlist)
    # the template file changes afterwards: a new version with other weights
    path = folder / "rubrics" / "dvf-quick.toml"
    text = path.read_text(encoding="utf-8").replace("version = 1", "version = 2", 1)
    path.write_text(text.replace("weight = 1.0", "weight = 4.0", 1), encoding="utf-8")
    assert get_rubric("dvf-quick").version == 2
    assert round_rubric(store, first["id"]).version == 1
    assert round_rubric(store, first["id"]).dimension("desirability").weight == 1.0
    # the facilitator edits the workshop's copy: later rounds use it, the first does not
    edited = edit_rubric(get_rubric("dvf-quick"), dimension_weights={"viability": 3})
    copy = copy_rubric_to_workshop(store, workshop["id"], edited)
    assert (copy["rubric_id"], copy["version"], copy["edited"]) == ("dvf-quick", 2, True)
    assert workshop_rubric(store, workshop["id"]).dimension("viability").weight == 3
    second = open_round(store, workshop["id"], shortlist)
    assert (second["rubric_id"], second["rubric_version"]) == ("dvf-quick", 2)
    assert round_rubric(store, second["id"]).dimension("viability").weight == 3
    assert round_rubric(store, first["id"]).dimension("viability").weight == 1.0
    assert [r["id"] for r in store.list_rounds(workshop["id"])] == [second["id"], first["id"]]


def test_deleting_a_workshop_deletes_its_rounds_and_scores(store, workshop, shortlist):
    copy_rubric_to_workshop(store, workshop["id"], "pb-screening")
    scoring_round = open_round(store, workshop["id"], shortlist)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    rater = store.add_rater(workshop["id"], staff_name="Service des finances")
    submit_score(store, scoring_round["id"], target, rater["id"], "cost-estimate", 25_000)
    store.delete_workshop(workshop["id"])
    for table in ("score_rounds", "round_targets", "raters", "scores", "workshop_rubrics"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_the_projected_board_shows_no_score_of_a_blind_round_until_it_is_revealed(
    store, workshop, shortlist
):
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    scoring_round = open_round(store, workshop["id"], shortlist)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    for value in (2, 5):
        rater = store.add_rater(workshop["id"])
        submit_score(store, scoring_round["id"], target, rater["id"], "wanted", value)
    shown_round, rubric, targets, outcome, scores, support = round_board(
        store, workshop["id"], scoring_round["id"]
    )
    assert (shown_round["id"], rubric.id, len(targets)) == (scoring_round["id"], "dvf-quick", 2)
    assert outcome.hidden and outcome.targets == [] and scores == []
    assert outcome.progress[target] == 2 and support[target].votes == 42
    store.reveal_round(scoring_round["id"])
    _, _, _, outcome, scores, _ = round_board(store, workshop["id"], scoring_round["id"])
    assert not outcome.hidden and sorted(s.value for s in scores) == [2, 5]
    other = store.create_workshop("Autre atelier")
    with pytest.raises(ValueError) as error:
        round_board(store, other["id"], scoring_round["id"])
    assert str(error.value) == (
        f"Round {scoring_round['id']} is not a round of workshop {other['id']}."
    )
