"""The demo workshop staged once for the report's tests, with what a report must survive: a
phone number in an idea, markup in a group's name and an idea, and a decision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cocreate.clustering import cluster_cards, rename_cluster
from cocreate.demo import stage_demo
from cocreate.store import Store
from cocreate.templates import load_demo
from cocreate.triage import change_status, decide, edit_idea, local_admin

PHONE = "06 12 34 56 78"
HOSTILE_LABEL = '<script>alert("label")</script> ![pic](https://evil.example/pic.png)'
HOSTILE_IDEA = (
    f"Appelez-moi au {PHONE} pour en parler <img src=https://evil.example/x.png> "
    "![tracker](http://evil.example/t.gif) <script>alert('idea')</script>"
)
ANSWER_FR = "La ville ouvre trois pistes en 2027."
ANSWER_EN = "The city opens three lanes in 2027."


@dataclass(frozen=True)
class StagedReport:
    path: Path
    workshop_id: int
    renamed_group: int
    edited_idea: int
    decided_group: int


@pytest.fixture(scope="session")
def staged_report(tmp_path_factory, use_model) -> StagedReport:
    path = tmp_path_factory.mktemp("report") / "demo.db"
    admin = local_admin("Camille")
    with Store(path) as store:
        workshop, _ = load_demo(store)
        wid = workshop["id"]
        stage_demo(store, wid, model=use_model)
        cards = cluster_cards(store, wid, top=3)
        renamed, edited, decided = cards[-1], cards[1], cards[0]
        rename_cluster(store, renamed["id"], HOSTILE_LABEL)
        # the closest idea of a group: one of its representatives in the report
        idea = edited["representatives"][0]
        edit_idea(store, admin, wid, idea["id"], HOSTILE_IDEA)
        change_status(store, admin, wid, "under_review", cluster_id=decided["id"])
        decide(
            store,
            admin,
            wid,
            cluster_id=decided["id"],
            outcome="accepted",
            answer_fr=ANSWER_FR,
            answer_en=ANSWER_EN,
        )
    return StagedReport(path, wid, renamed["id"], idea["id"], decided["id"])
