"""A staged demo workshop (grouped, a revealed round on groups, a map) plus a revealed round
on single ideas and a decision, built once per session and copied for each test."""

from __future__ import annotations

import shutil

import pytest

from cocreate.demo import stage_demo
from cocreate.scoring import open_round, submit_score
from cocreate.store import Store
from cocreate.templates import load_demo
from cocreate.triage import change_status, decide, local_admin

# ideas scored one by one, so the Polis vote matrix has something to hold
IDEA_ROUND_IDEAS = 3


@pytest.fixture(scope="session")
def staged_demo_file(tmp_path_factory, minilm):
    path = tmp_path_factory.mktemp("staged") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        stage_demo(store, workshop["id"], model=minilm)
        ideas = store.list_ideas(workshop["id"])[:IDEA_ROUND_IDEAS]
        scoring_round = open_round(
            store, workshop["id"], [("idea", i["id"]) for i in ideas], title="Idées"
        )
        rubric = store.get_round(scoring_round["id"])["rubric"]
        criteria = [c["id"] for d in rubric["dimensions"] for c in d["criteria"]]
        targets = store.round_targets(scoring_round["id"])
        for position, _ in enumerate(("a", "b")):
            rater = store.add_rater(workshop["id"])
            for index, target in enumerate(targets):
                for criterion in criteria:
                    # rater a likes the first idea, rater b the last: both agree and disagree
                    high = (index == 0) if position == 0 else (index == len(targets) - 1)
                    submit_score(
                        store,
                        scoring_round["id"],
                        target["id"],
                        rater["id"],
                        criterion,
                        5 if high else 1,
                    )
        store.reveal_round(scoring_round["id"])
        biggest = store.active_clusters(workshop["id"])[0]
        admin = local_admin("Léa Martin")
        change_status(store, admin, workshop["id"], "under_review", cluster_id=biggest["id"])
        decide(
            store,
            admin,
            workshop["id"],
            outcome="accepted",
            cluster_id=biggest["id"],
            answer_fr="Accepté",
            answer_en="Accepted",
        )
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def staged(staged_demo_file, tmp_path, monkeypatch):
    """An open store on a copy of the staged demo, and its workshop."""
    path = tmp_path / "cocreate.db"
    shutil.copy(staged_demo_file, path)
    monkeypatch.setenv("COCREATE_DB", str(path))
    with Store(path) as store:
        yield store, store.get_workshop("demo")
