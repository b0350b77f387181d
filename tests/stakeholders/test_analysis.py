"""Graph analysis on small hand-computed graphs: brokers, the power/interest grid,
communities, isolated actors, who must say yes to a cluster, the seeded layout."""

import networkx as nx
import pytest

from cocreate.stakeholders import (
    Actor,
    Link,
    Relation,
    brokers,
    build_graph,
    cluster_view,
    communities,
    isolated_actors,
    layout,
    power_interest_grid,
)


def actors(*keys, group="city"):
    return [Actor(key, key.upper(), group) for key in keys]


def by_node(rows):
    return {row["node"]: row for row in rows}


# centralities --------------------------------------------------------------------------------


def test_star_centre_is_the_only_broker():
    # hub informs four leaves: every leaf-leaf shortest path goes through the hub
    G = build_graph(
        actors("hub", "a", "b", "c", "d"),
        [Relation("hub", leaf, "informs") for leaf in "abcd"],
    )
    rows = brokers(G)
    assert rows[0]["node"] == "actor:hub"
    assert rows[0]["degree"] == pytest.approx(1.0)
    assert rows[0]["betweenness"] == pytest.approx(1.0)
    for row in rows[1:]:
        assert row["degree"] == pytest.approx(0.25)
        assert row["betweenness"] == pytest.approx(0.0)


def test_path_centralities_ignore_direction_and_parallel_relations():
    # a - b - c - d - e; the a-b tie is two relations pointing opposite ways
    G = build_graph(
        actors(*"abcde"),
        [
            Relation("a", "b", "funds"),
            Relation("b", "a", "informs"),
            Relation("c", "b", "regulates"),
            Relation("c", "d", "collaborates", direction="mutual"),
            Relation("e", "d", "uses"),
        ],
    )
    rows = by_node(brokers(G))
    # pairs through c: {a,b} x {d,e} = 4 of the C(4,2) = 6 pairs not involving c
    assert rows["actor:c"]["betweenness"] == pytest.approx(4 / 6)
    assert rows["actor:b"]["betweenness"] == pytest.approx(3 / 6)
    assert rows["actor:d"]["betweenness"] == pytest.approx(3 / 6)
    assert rows["actor:a"]["betweenness"] == pytest.approx(0.0)
    assert rows["actor:c"]["degree"] == pytest.approx(2 / 4)
    assert rows["actor:a"]["degree"] == pytest.approx(1 / 4)
    assert [r["node"] for r in brokers(G)][:3] == ["actor:c", "actor:b", "actor:d"]


def test_links_to_clusters_do_not_make_brokers():
    G = build_graph(
        actors("a", "b"),
        links=[Link("a", "cluster", 1, "owner"), Link("b", "cluster", 1, "partner")],
    )
    assert all(row["betweenness"] == 0 and row["degree"] == 0 for row in brokers(G))
    assert isolated_actors(G) == ["actor:a", "actor:b"]


# power / interest grid -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (3, 3, "manage_closely"),
        (5, 5, "manage_closely"),
        (3, 2, "keep_satisfied"),
        (5, 1, "keep_satisfied"),
        (2, 3, "keep_informed"),
        (1, 5, "keep_informed"),
        (2, 2, "monitor"),
        (1, 1, "monitor"),
    ],
)
def test_quadrant_boundaries_count_the_midpoint_as_high(power, interest, expected):
    G = build_graph([Actor("x", "X", "city", power=power, interest=interest)])
    assert power_interest_grid(G) == {"actor:x": expected}


def test_grid_covers_actors_only():
    G = build_graph(actors("a"), links=[Link("a", "cluster", 4, "owner")])
    assert list(power_interest_grid(G)) == ["actor:a"]


# communities, isolated actors ----------------------------------------------------------------


def two_cliques_and_a_bridge(order=1):
    left, right = ["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]
    relations = [
        Relation(x, y, "collaborates", direction="mutual")
        for clique in (left, right)
        for i, x in enumerate(clique)
        for y in clique[i + 1 :]
    ]
    relations.append(Relation("a4", "b1", "informs"))
    return actors(*left, *right)[::order], relations[::order]


def test_two_cliques_joined_by_a_bridge_make_two_communities():
    G = build_graph(*two_cliques_and_a_bridge())
    expected = [{"actor:a1", "actor:a2", "actor:a3", "actor:a4"}, {f"actor:b{i}" for i in "1234"}]
    assert communities(G, seed=0) == expected
    # any seed and any build order give the same answer on so clear a structure
    assert communities(build_graph(*two_cliques_and_a_bridge(order=-1)), seed=7) == expected


def test_opposition_does_not_make_a_community():
    G = build_graph(
        actors("a", "b", "c", "d"),
        [Relation("a", "b", "opposes"), Relation("c", "d", "collaborates")],
    )
    found = communities(G)
    assert {"actor:c", "actor:d"} in found
    assert {"actor:a"} in found and {"actor:b"} in found


def test_isolated_actors_have_no_relation_to_another_actor():
    G = build_graph(
        actors("a", "b", "alone", "only_linked"),
        [Relation("a", "b", "opposes")],
        [Link("only_linked", "cluster", 1, "affected")],
    )
    assert isolated_actors(G) == ["actor:alone", "actor:only_linked"]


# who must say yes ----------------------------------------------------------------------------


def test_must_say_yes_by_role_and_by_approval_chain(bike_lane_map):
    view = cluster_view(bike_lane_map, 1)
    must = {row["actor"]: row for row in view["must_say_yes"]}
    assert set(must) == {"actor:roads", "actor:bank", "actor:council", "actor:prefecture"}
    assert must["actor:roads"]["roles"] == ["owner"] and must["actor:roads"]["path"] is None
    assert must["actor:bank"]["roles"] == ["funder"]
    assert must["actor:council"]["path"] == ["actor:council", "actor:roads"]
    assert must["actor:council"]["relations"] == ["funds"]
    assert must["actor:prefecture"]["path"] == ["actor:prefecture", "actor:council", "actor:roads"]
    assert must["actor:prefecture"]["relations"] == ["regulates", "funds"]


def test_funding_an_affected_actor_or_informing_gives_no_say(bike_lane_map):
    must = {row["actor"] for row in cluster_view(bike_lane_map, "cluster:1")["must_say_yes"]}
    assert "actor:social" not in must
    assert "actor:lab" not in must


def test_approval_chains_can_be_bounded(bike_lane_map):
    must = {row["actor"] for row in cluster_view(bike_lane_map, 1, max_hops=1)["must_say_yes"]}
    assert "actor:council" in must and "actor:prefecture" not in must


def test_linked_actors_include_those_linked_to_ideas_of_the_cluster(bike_lane_map):
    linked = {row["actor"]: row for row in cluster_view(bike_lane_map, 1)["linked"]}
    assert linked["actor:shops"] == {
        "actor": "actor:shops",
        "roles": ["affected"],
        "via": ["idea:7"],
    }
    assert set(linked) == {"actor:roads", "actor:bank", "actor:shops"}


def test_missing_groups_flag_citizens(bike_lane_map):
    view = cluster_view(bike_lane_map, 1)
    assert view["missing_groups"] == ["citizens", "civil_society", "academia", "state"]
    assert view["citizens_missing"] is True


def test_conflicts_are_opposition_among_involved_actors_and_opposing_stances(bike_lane_map):
    assert cluster_view(bike_lane_map, 1)["conflicts"] == [
        {
            "kind": "relation",
            "source": "actor:shops",
            "target": "actor:roads",
            "relation": "opposes",
            "weight": 1.0,
        },
        {"kind": "stance", "actor": "actor:bank"},
    ]


def test_mutual_approval_relations_count_both_ways():
    G = build_graph(
        actors("owner", "twin"),
        [Relation("owner", "twin", "funds", direction="mutual")],
        [Link("owner", "cluster", 1, "partner")],
    )
    must = cluster_view(G, 1)["must_say_yes"]
    assert [row["actor"] for row in must] == ["actor:twin"]


def test_unknown_cluster_is_an_error(bike_lane_map):
    with pytest.raises(KeyError):
        cluster_view(bike_lane_map, 99)


# layout --------------------------------------------------------------------------------------


def test_layout_is_seeded_and_ignores_insertion_order(bike_lane_map):
    first = layout(bike_lane_map, seed=3)
    assert set(first) == set(bike_lane_map.nodes)
    assert layout(bike_lane_map, seed=3) == first
    reversed_graph = nx.MultiDiGraph()
    reversed_graph.add_nodes_from(reversed(list(bike_lane_map.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(bike_lane_map.edges(keys=True, data=True))))
    assert list(reversed_graph.nodes) != list(bike_lane_map.nodes)
    assert layout(reversed_graph, seed=3) == first
    assert layout(bike_lane_map, seed=4) != first
