"""The triage listing at both levels: a theme (cluster of level 1) keeps its groups' ideas,
with or without the ideas whose secondary theme it is; the filters offer themes and groups
apart; the CLI's ``triage list --theme``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.triage import triage_list
from cocreate.triage.views import triage_choices

from .conftest import add_ideas


def make_tree(store, workshop_id):
    """Two themes: "Vélo" over two groups (3 + 2 ideas), "Parcs" over one (2 ideas); one idea
    of "Parcs" has "Vélo" as its secondary theme; one idea in no group."""
    ids = add_ideas(
        store,
        workshop_id,
        [f"Piste {n}" for n in range(3)]
        + ["Parking vélo 1", "Parking vélo 2", "Bancs au parc", "Vélos au parc", "Seule"],
        language="fr",
    )
    velo = store.create_cluster(
        workshop_id, label="Vélo", keywords=["vélo"], centroid=[0.0, 1.0], pinned=False, level=1
    )
    parcs = store.create_cluster(
        workshop_id, label="Parcs", keywords=["parc"], centroid=[1.0, 0.0], pinned=False, level=1
    )
    groups = {}
    for label, parent, members in (
        ("Pistes", velo, ids[:3]),
        ("Parkings", velo, ids[3:5]),
        ("Jardins", parcs, ids[5:7]),
    ):
        groups[label] = store.create_cluster(
            workshop_id,
            label=label,
            keywords=[label],
            centroid=[0.0, 1.0],
            pinned=False,
            parent_id=parent,
        )
        store.add_assignments(
            [
                {
                    "idea_id": i,
                    "cluster": groups[label],
                    "similarity": 0.9,
                    "secondary": velo if i == ids[6] else None,
                    "secondary_similarity": 0.8 if i == ids[6] else None,
                }
                for i in members
            ]
        )
    return ids, velo, parcs, groups


def test_a_theme_keeps_its_groups_ideas_and_on_request_its_second_theme_ideas(
    store, workshop, admin
):
    ids, velo, parcs, _ = make_tree(store, workshop["id"])
    rows, total = store.triage_page(workshop["id"], {"theme_id": velo})
    assert (sorted(r["id"] for r in rows), total) == (ids[:5], 5)
    rows, total = store.triage_page(workshop["id"], {"theme_id": velo, "with_secondary": True})
    assert (sorted(r["id"] for r in rows), total) == ([*ids[:5], ids[6]], 6)
    page = triage_list(store, admin, workshop["id"], {"theme_id": parcs, "search": "vélos"})
    assert [r["id"] for r in page.rows] == [ids[6]]


def test_the_filters_offer_themes_and_groups_apart_with_their_sizes(store, workshop, admin):
    _, velo, parcs, groups = make_tree(store, workshop["id"])
    choices = triage_choices(store, admin, workshop["id"])
    assert [(c["id"], c["size"]) for c in choices["themes"]] == [(velo, 5), (parcs, 2)]
    assert {c["id"] for c in choices["clusters"]} == set(groups.values())


def test_cli_lists_a_theme(db_path, store, workshop):
    ids, velo, _, _ = make_tree(store, workshop["id"])
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "triage", "list", workshop["slug"], "--theme", str(velo)]
    )
    assert result.exit_code == 0, result.output
    listed = sorted(int(line.split("\t")[0]) for line in result.output.splitlines() if "\t" in line)
    assert listed == ids[:5]
    wider = CliRunner().invoke(
        cli,
        ["--db", str(db_path), "triage", "list", workshop["slug"], "--theme", str(velo)]
        + ["--with-secondary"],
    )
    assert ids[6] in [int(x.split("\t")[0]) for x in wider.output.splitlines() if "\t" in x]


def test_a_decision_on_a_theme_reaches_every_group_and_a_refusal_stores_nothing(
    store, workshop, admin
):
    from cocreate.triage import TriageError, change_status, decide_theme, effective_decisions

    ids, velo, parcs, groups = make_tree(store, workshop["id"])
    # the default lifecycle wants a review first: refused for the theme, nothing stored
    with pytest.raises(TriageError):
        decide_theme(store, admin, workshop["id"], velo, outcome="accepted")
    assert store.workshop_decisions(workshop["id"]) == []
    change_status(store, admin, workshop["id"], "under_review", idea_ids=ids[:5])
    decisions = decide_theme(
        store, admin, workshop["id"], velo, outcome="accepted", answer_fr="Oui", answer_en="Yes"
    )
    assert len(decisions) == 2
    reached = effective_decisions(store, workshop["id"], ids)
    assert {i for i, d in reached.items() if d is not None} == set(ids[:5])
    assert {reached[i].cluster_id for i in ids[:5]} == {groups["Pistes"], groups["Parkings"]}
    before = len(store.workshop_decisions(workshop["id"]))
    with pytest.raises(TriageError):
        decide_theme(store, admin, workshop["id"], parcs, outcome="no-such-outcome")
    with pytest.raises(TriageError):
        decide_theme(store, admin, workshop["id"], 10_000, outcome="accepted")
    assert len(store.workshop_decisions(workshop["id"])) == before
