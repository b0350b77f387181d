"""The demo workshop at work: ideas grouped, a revealed scoring round and a starter map
linked to the groups, staged from templates/demo/ and idempotent."""

import csv

import pytest

from cocreate.demo import stage_demo
from cocreate.scoring import round_results
from cocreate.stakeholders import workshop_graph
from cocreate.store import Store
from cocreate.templates import load_demo, templates_dir


@pytest.fixture(scope="module")
def staged_demo(tmp_path_factory, use_model):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        first = stage_demo(store, workshop["id"], model=use_model)
        again = stage_demo(store, workshop["id"], model=use_model)
    return path, workshop["id"], first, again


def test_the_demo_round_is_revealed_and_ranks_the_groups_of_its_named_ideas(staged_demo):
    path, wid, first, _ = staged_demo
    with Store(path) as store:
        [scoring_round] = store.list_rounds(wid)
        assert scoring_round["revealed"] and scoring_round["blind"]
        targets = store.round_targets(scoring_round["id"])
        cluster_of = {a["idea_id"]: a["cluster_id"] for a in store.assignments(wid)}
        by_key = {i["source_key"]: cluster_of[i["id"]] for i in store.list_ideas(wid)}
        named = ["demo-001", "demo-012", "demo-007", "demo-006", "demo-014"]
        assert [t["cluster_id"] for t in targets] == list(dict.fromkeys(by_key[k] for k in named))
        results = round_results(store, scoring_round["id"])
    with (templates_dir() / "demo" / "scores.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert first.clustered and first.round_id == scoring_round["id"]
    assert first.scores == 3 * sum(1 for row in rows if by_key[row["target"]] in by_key.values())
    assert not results.hidden and results.raters == 8
    assert sorted(t.rank for t in results.targets) == list(range(1, len(targets) + 1))
    assert any(t.sweet_spot for t in results.targets)
    assert any(t.controversial for t in results.targets)


def test_the_demo_map_links_actors_to_groups_and_staging_twice_adds_nothing(staged_demo):
    path, wid, first, again = staged_demo
    with Store(path) as store:
        graph = workshop_graph(store, wid)
        links = store.list_stakeholder_links(wid)
        actors = store.list_actors(wid)
    assert len(actors) == 12 and first.map_counts["actors"]["added"] == 12
    assert len(links) == 7 and all(link["target_kind"] == "cluster" for link in links)
    assert graph.number_of_edges() >= 15 + 7
    assert not again.clustered and again.round_id is None and again.scores == 0
    assert all(counts["added"] == 0 for counts in again.map_counts.values())
