"""Each built-in indicator on a hand-built store: the five ideas of conftest.py imported from
three files (a workshop's sheet, a platform export, paper forms), moved through the lifecycle
and decided with the triage library; the store's facts give every built-in the same figures
as the hand-built frame, whose figures test_builtins.py counts by hand."""

import pandas as pd
import pytest

from cocreate.indicators import compute_all
from cocreate.ingest import import_file
from cocreate.triage import change_status, decide, idea_facts, local_admin, value

from .conftest import FIVE_IDEAS

COLUMNS = ("Proposition", "Auteur", "Date", "Quartier", "Âge")


def write_sheet(path, rows):
    frame = pd.DataFrame(
        [
            {
                "Proposition": f"Idée numéro {row['idea_id']} pour le quartier",
                "Auteur": row["author"] or "",
                "Date": row["created"] or "",
                "Quartier": row["original"].get("Quartier", ""),
                "Âge": row["original"].get("Âge", ""),
            }
            for row in rows
        ],
        columns=COLUMNS,
    )
    frame.to_csv(path, index=False)
    return path


@pytest.fixture
def stored_facts(store, workshop, tmp_path):
    """The five ideas, stored as a staff member would have worked them; the decisions' dates
    set to the hand-built frame's (a decision is stamped with the moment it is taken)."""
    mapping = {"text": "Proposition", "author": "Auteur", "created": "Date"}
    files = {"workshop": "atelier.csv", "platform": "plateforme.csv", "paper": "papier.csv"}
    ids = {}
    for channel, name in files.items():
        rows = [row for row in FIVE_IDEAS if row["channel"] == channel]
        source = "participants" if channel == "workshop" else None
        report = import_file(
            store,
            workshop["id"],
            write_sheet(tmp_path / name, rows),
            mapping=mapping,
            source=source,
        )
        assert report.added == len(rows)
        for row in rows:
            [stored] = store.list_ideas(workshop["id"], search=f"numéro {row['idea_id']}")
            ids[row["idea_id"]] = stored["id"]
    staff = local_admin("Agent du service")
    decisions = {}
    for row in FIVE_IDEAS:
        idea_id = ids[row["idea_id"]]
        if row["status"] == "received":
            continue
        change_status(store, staff, workshop["id"], "under_review", idea_ids=[idea_id])
        if row["status"] == "shortlisted":
            change_status(store, staff, workshop["id"], "shortlisted", idea_ids=[idea_id])
            continue
        decisions[row["idea_id"]] = decide(
            store,
            staff,
            workshop["id"],
            outcome=row["outcome"],
            idea_id=idea_id,
            answer_fr="Merci, voici notre réponse.",
            answer_en="Thank you, here is our answer.",
        )
        if row["cost"] is not None:
            value(
                store,
                staff,
                workshop["id"],
                feasible=True,
                idea_id=idea_id,
                cost=row["cost"],
                department=row["department"],
            )
        for state in ("in_progress", "done"):
            if row["status"] in ("in_progress", "done") and (
                state == "in_progress" or row["status"] == "done"
            ):
                change_status(store, staff, workshop["id"], state, idea_ids=[idea_id])
    for hand_id, decision_id in decisions.items():
        [row] = [r for r in FIVE_IDEAS if r["idea_id"] == hand_id]
        store.db.execute(
            "UPDATE decisions SET decided_at = ? WHERE id = ?",
            [row["answered_at"] + "T00:00:00+00:00", decision_id],
        )
    store.db.conn.commit()
    facts = idea_facts(store, workshop["id"])
    by_hand_id = {stored: hand for hand, stored in ids.items()}
    return facts.assign(idea_id=facts["idea_id"].map(by_hand_id)).sort_values("idea_id")


def values(column) -> list:
    return [None if pd.isna(value) else value for value in column]


def test_the_store_facts_are_the_hand_built_ones(stored_facts, facts):
    for column in ("channel", "status", "outcome", "cost", "department"):
        assert values(stored_facts[column]) == values(facts[column]), column
    assert [a.strip().lower() if a else None for a in values(stored_facts["author"])] == [
        a.strip().lower() if a else None for a in values(facts["author"])
    ]
    for column in ("created", "answered_at"):
        found = [c[:10] if c else None for c in values(stored_facts[column])]
        assert found == values(facts[column]), column


def test_every_built_in_gives_the_hand_built_figures(stored_facts, facts, builtins):
    expected = {r.indicator.key: r for r in compute_all(builtins.values(), facts, "fr")}
    found = {r.indicator.key: r for r in compute_all(builtins.values(), stored_facts, "fr")}
    assert found.keys() == expected.keys() == builtins.keys()
    for key, result in found.items():
        wanted = expected[key]
        assert (result.available, result.reason) == (wanted.available, wanted.reason), key
        assert result.headline == pytest.approx(wanted.headline, nan_ok=True), key
        assert result.missing == wanted.missing, key
        pd.testing.assert_frame_equal(
            result.raw.reset_index(drop=True),
            wanted.raw.reset_index(drop=True),
            check_dtype=False,
            obj=key,
        )
