"""Stakeholder maps: graph analysis on small hand-computed graphs, who must say yes to a
cluster, exchange formats round trips and bad input, storage, starter maps."""

import io
import json

import networkx as nx
import pandas as pd
import pytest
from openpyxl import load_workbook

from cocreate.ingest import submit_idea
from cocreate.stakeholder_formats import (
    MAP_FORMATS,
    import_stakeholder_file,
    kumu_tables,
    read_gexf,
    read_graphml,
    read_kumu_csv,
    read_kumu_xlsx,
    read_map,
    read_node_link,
    write_gexf,
    write_graphml,
    write_kumu_csv,
    write_kumu_xlsx,
    write_map,
    write_node_link,
)
from cocreate.stakeholders import (
    Actor,
    Link,
    Relation,
    RelationType,
    StakeholderMap,
    StakeholderMapError,
    Target,
    brokers,
    build_graph,
    cluster_view,
    communities,
    import_map,
    isolated_actors,
    layout,
    list_starter_maps,
    load_starter_map,
    load_vocabulary,
    map_from_graph,
    power_interest_grid,
    starter_map,
    workshop_graph,
)
from cocreate.store import StoreError


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


@pytest.fixture
def bike_lane_map():
    """Cluster 1 "protected bike lanes", idea 7 inside it.

    roads owns it; the bank funds it (role); the council funds roads and the prefecture
    regulates the council (a chain); social services fund the shops, who are only affected
    (no say); the lab informs roads (no say); the shops oppose roads; the bank opposes the
    project; no citizens' group is linked.
    """
    return build_graph(
        [
            Actor("roads", "Roads department", "city", 4, 4),
            Actor("council", "City council", "city", 5, 3),
            Actor("prefecture", "Prefecture", "state", 4, 2),
            Actor("social", "Social services", "city", 3, 2),
            Actor("shops", "Shopkeepers", "industry", 3, 5),
            Actor("bank", "Local bank", "industry", 3, 3, stance="opposes"),
            Actor("lab", "University lab", "academia", 1, 3),
            Actor("residents", "Residents", "citizens", 2, 5),
        ],
        [
            Relation("council", "roads", "funds"),
            Relation("prefecture", "council", "regulates"),
            Relation("social", "shops", "funds"),
            Relation("lab", "roads", "informs"),
            Relation("shops", "roads", "opposes"),
            Relation("residents", "lab", "informs"),
        ],
        [
            Link("roads", "cluster", 1, "owner"),
            Link("bank", "cluster", 1, "funder"),
            Link("shops", "idea", 7, "affected"),
        ],
        [Target("cluster", 1, "Protected bike lanes"), Target("idea", 7, "A lane", cluster=1)],
    )


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


# layout ----------------------------------------------------------------------------------


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


# exchange formats ----------------------------------------------------------------------------


@pytest.fixture
def rich_map(bike_lane_map):
    """Every attribute with a non-default value: notes with commas, quotes and accents,
    weights, a mutual relation, two relations between the same actors, links to a cluster
    and to an idea."""
    smap = map_from_graph(bike_lane_map)
    return build_graph(
        [
            *smap.actors,
            Actor(
                "assoc",
                "Association « Vélo, ville »",
                "civil_society",
                2,
                5,
                "supports",
                'Notes, with "quotes" and é',
            ),
        ],
        [
            *smap.relations,
            Relation("assoc", "roads", "informs", 2.5, "directed", "monthly; by mail"),
            Relation("assoc", "roads", "collaborates", 1.0, "mutual"),
            Relation("council", "assoc", "funds", 0.5, "undirected"),
        ],
        [*smap.links, Link("assoc", "idea", 7, "partner", "brought the idea")],
        smap.targets,
    )


def write_any(fmt, G, folder):
    path = folder / f"map{MAP_FORMATS[fmt]}"
    written = write_map(G, path)
    return path, written


@pytest.mark.parametrize("fmt", sorted(MAP_FORMATS))
def test_round_trip_gives_the_same_graph(fmt, rich_map, tmp_path):
    path, written = write_any(fmt, rich_map, tmp_path)
    assert all(p.stat().st_size > 0 for p in written)
    back = read_map(path)
    assert sorted(back.nodes(data=True)) == sorted(rich_map.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(rich_map.edges(keys=True, data=True))
    assert map_from_graph(back) == map_from_graph(rich_map)


@pytest.mark.parametrize(
    ("writer", "reader", "suffix"),
    [
        (write_graphml, read_graphml, ".graphml"),
        (write_gexf, read_gexf, ".gexf"),
        (write_node_link, read_node_link, ".json"),
        (write_kumu_xlsx, read_kumu_xlsx, ".xlsx"),
    ],
)
def test_writers_accept_a_binary_buffer(writer, reader, suffix, rich_map, tmp_path):
    # what a download button needs
    buffer = io.BytesIO()
    writer(rich_map, buffer)
    path = tmp_path / f"download{suffix}"
    path.write_bytes(buffer.getvalue())
    assert map_from_graph(reader(path)) == map_from_graph(rich_map)


def test_kumu_csv_pair_round_trip(rich_map, tmp_path):
    elements, connections = tmp_path / "elements.csv", tmp_path / "connections.csv"
    write_kumu_csv(rich_map, elements, connections)
    assert map_from_graph(read_kumu_csv(elements, connections)) == map_from_graph(rich_map)


def test_kumu_tables_have_kumu_headers(rich_map, tmp_path):
    elements, connections = kumu_tables(rich_map)
    assert list(elements.columns)[:4] == ["ID", "Label", "Type", "Description"]
    assert list(connections.columns)[:3] == ["ID", "From", "To"]
    write_kumu_xlsx(rich_map, tmp_path / "map.xlsx")
    workbook = load_workbook(tmp_path / "map.xlsx")
    assert workbook.sheetnames == ["Elements", "Connections"]
    assert [c.value for c in workbook["Connections"][1]][:5] == ["ID", "From", "To", "Type", "Kind"]


def test_node_link_json_from_older_networkx_with_links_is_read(rich_map, tmp_path):
    data = nx.node_link_data(rich_map, edges="links")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert map_from_graph(read_node_link(path)) == map_from_graph(rich_map)


def test_hand_made_kumu_sheet_with_labels_and_french_terms(tmp_path):
    # what a facilitator types in French Excel: no ID column, labels, ";" and cp1252
    elements = tmp_path / "acteurs.csv"
    elements.write_bytes(
        "Label;Type;Group;Power;Interest;Stance;Description\n"
        "Mairie;;Services de la ville et élus;5;4;Favorable;\n"
        "Comité de quartier;actor;Habitants et collectifs d'habitants;2;5;;Très actif\n"
        "Bailleur social;;state;3;3;neutre;\n".encode("cp1252")
    )
    connections = tmp_path / "liens.csv"
    connections.write_bytes(
        "From;To;Type;Weight\n"
        "Mairie;Bailleur social;finance;2\n"
        "Comité de quartier;mairie;informe;\n".encode("cp1252")
    )
    smap = map_from_graph(read_kumu_csv(elements, connections))
    assert smap.actors == (
        Actor("bailleur-social", "Bailleur social", "state", 3, 3, "neutral"),
        Actor(
            "comite-de-quartier", "Comité de quartier", "citizens", 2, 5, "unknown", "Très actif"
        ),
        Actor("mairie", "Mairie", "city", 5, 4, "supports"),
    )
    assert smap.relations == (
        Relation("comite-de-quartier", "mairie", "informs"),
        Relation("mairie", "bailleur-social", "funds", 2.0),
    )


# bad input -----------------------------------------------------------------------------------


def write_elements(path, rows):
    header = "ID,Label,Type,Group,Power,Interest,Stance\n"
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")


def test_bad_kumu_csv_names_file_line_and_column(tmp_path):
    elements, connections = tmp_path / "elements.csv", tmp_path / "connections.csv"
    write_elements(
        elements,
        [
            "actor:mayor,Mayor,actor,city,5,4,supports",
            "actor:martians,Martians,actor,martians,1,1,",
            "actor:lobby,Lobby,actor,industry,7,3,",
        ],
    )
    connections.write_text("From,To,Type\nactor:mayor,actor:ghost,funds\n", encoding="utf-8")
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_csv(elements, connections)
    assert caught.value.messages() == [
        "elements.csv, line 3, column Group: unknown group “martians” (expected one of:"
        " citizens, civil_society, city, industry, academia, state)",
        "elements.csv, line 4, column Power: Power must be a whole number from 1 to 5, not “7”",
        "connections.csv, line 2, column To: no actor “actor:ghost” in this map",
    ]
    assert caught.value.messages("fr")[1] == (
        "elements.csv, ligne 4, colonne Power: Power doit être un nombre entier de 1 à 5,"
        " et non « 7 »"
    )


def test_bad_xlsx_names_the_sheet_and_row(rich_map, tmp_path):
    path = tmp_path / "map.xlsx"
    write_kumu_xlsx(rich_map, path)
    workbook = load_workbook(path)
    sheet = workbook["Elements"]
    power_column = [c.value for c in sheet[1]].index("Power") + 1
    sheet.cell(row=3, column=power_column, value=0)
    workbook.save(path)
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_xlsx(path)
    assert caught.value.messages() == [
        "map.xlsx, sheet Elements, row 3, column Power: Power must be a whole number from 1"
        " to 5, not “0”"
    ]


def test_missing_label_column_and_missing_sheet(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_text("Name,Group\nMayor,city\n", encoding="utf-8")
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_csv(path)
    assert caught.value.messages() == ["elements.csv: no “Label” column"]
    workbook = tmp_path / "one-sheet.xlsx"
    pd.DataFrame({"Label": ["Mayor"], "Group": ["city"]}).to_excel(workbook, index=False)
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_xlsx(workbook)
    assert "Elements" in str(caught.value)


def test_bad_graphml_names_the_node_and_attribute(rich_map, tmp_path):
    rich_map.nodes["actor:bank"]["group"] = "banks"
    rich_map.add_edge("actor:bank", "actor:nobody", key="funds", kind="relation", relation="funds")
    path = tmp_path / "map.graphml"
    write_graphml(rich_map, path)
    with pytest.raises(StakeholderMapError) as caught:
        read_graphml(path)
    assert caught.value.messages() == [
        "map.graphml, node “actor:bank”, column group: unknown group “banks” (expected one of:"
        " citizens, civil_society, city, industry, academia, state)",
        "map.graphml, edge “actor:bank” → “actor:nobody”, column to: no actor “actor:nobody”"
        " in this map",
    ]


def test_relation_to_an_unknown_actor_in_json(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(
        '{"nodes": [{"id": "actor:a", "label": "A", "group": "city"}],'
        ' "edges": [{"source": "actor:a", "target": "Ghost", "relation": "funds"}]}',
        encoding="utf-8",
    )
    with pytest.raises(StakeholderMapError) as caught:
        read_node_link(path)
    assert caught.value.messages() == [
        "map.json, edge “actor:a” → “Ghost”, column to: no actor “Ghost” in this map"
    ]


def test_unreadable_files_are_reported_with_their_name(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(StakeholderMapError) as caught:
        read_node_link(broken)
    assert caught.value.messages()[0].startswith("broken.json: cannot be read (")
    bad_xml = tmp_path / "broken.gexf"
    bad_xml.write_text("<gexf><graph>", encoding="utf-8")
    with pytest.raises(StakeholderMapError, match="broken.gexf: cannot be read"):
        read_gexf(bad_xml)


def test_build_graph_lists_every_problem():
    with pytest.raises(StakeholderMapError) as caught:
        build_graph(
            [Actor("a", "A", "city", power=6), Actor("a", "A again", "city")],
            [Relation("a", "ghost", "bribes")],
            [Link("a", "cluster", 1, "boss")],
        )
    codes = [p.code for p in caught.value.problems]
    assert codes == [
        "bad_scale",
        "duplicate_actor",
        "unknown_actor",
        "unknown_relation_type",
        "unknown_role",
    ]


# store ---------------------------------------------------------------------------------------


@pytest.fixture
def clustered(store, workshop):
    """Two ideas of the workshop in one cluster, plus a second empty cluster."""
    first = submit_idea(store, workshop["id"], "Des pistes cyclables protégées")
    second = submit_idea(store, workshop["id"], "Un parking vélo à la gare", title="Parking vélo")
    lanes = store.create_cluster(
        workshop["id"], label="Pistes cyclables", keywords=[], centroid=[0.0], pinned=False
    )
    other = store.create_cluster(
        workshop["id"], label="Stationnement", keywords=[], centroid=[0.0], pinned=False
    )
    store.add_assignments(
        [
            {"idea_id": first["id"], "cluster": lanes, "similarity": 1.0},
            {"idea_id": second["id"], "cluster": lanes, "similarity": 0.9},
        ]
    )
    return {"workshop": workshop["id"], "lanes": lanes, "other": other, "idea": second["id"]}


def stored_map(store, ids):
    return build_graph(
        [
            Actor("roads", "Voirie", "city", 4, 4, "supports", "maître d'ouvrage"),
            Actor("shops", "Commerçants", "industry", 3, 5, "opposes"),
        ],
        [Relation("shops", "roads", "opposes", 2.0)],
        [
            Link("roads", "cluster", ids["lanes"], "owner"),
            Link("shops", "idea", ids["idea"], "affected", "livraisons"),
        ],
    )


def test_store_round_trip_and_links_pin_their_cluster(store, clustered):
    ids = clustered
    counts = import_map(store, ids["workshop"], stored_map(store, ids))
    assert counts["actors"]["added"] == 2 and counts["links"]["added"] == 2
    G = workshop_graph(store, ids["workshop"])
    got = map_from_graph(G)
    expected = map_from_graph(stored_map(store, ids))
    assert got.actors == expected.actors
    assert got.relations == expected.relations
    assert got.links == expected.links
    assert Target("cluster", ids["lanes"], "Pistes cyclables") in got.targets
    assert Target("cluster", ids["other"], "Stationnement") in got.targets
    assert Target("idea", ids["idea"], "Parking vélo", ids["lanes"]) in got.targets
    assert store.get_cluster(ids["lanes"])["pinned"] == 1
    assert store.get_cluster(ids["other"])["pinned"] == 0
    view = cluster_view(G, ids["lanes"])
    assert [row["actor"] for row in view["linked"]] == ["actor:roads", "actor:shops"]
    assert view["conflicts"][0]["relation"] == "opposes"


def test_import_twice_adds_nothing_and_changes_are_kept_unless_asked(store, clustered, tmp_path):
    ids = clustered
    path = tmp_path / "map.graphml"
    write_graphml(stored_map(store, ids), path)
    first = import_stakeholder_file(store, ids["workshop"], path)
    again = import_stakeholder_file(store, ids["workshop"], path)
    assert {kind: c["added"] for kind, c in first.items()} == {
        "actors": 2,
        "relations": 1,
        "links": 2,
    }
    assert {kind: c["added"] for kind, c in again.items()} == dict.fromkeys(first, 0)
    assert again["actors"]["already_stored"] == 2 and again["links"]["already_stored"] == 2
    assert len(store.list_actors(ids["workshop"])) == 2
    assert len(store.list_relations(ids["workshop"])) == 1
    assert len(store.list_stakeholder_links(ids["workshop"])) == 2

    edited = stored_map(store, ids)
    edited.nodes["actor:shops"]["power"] = 5
    write_graphml(edited, path)
    changed = import_stakeholder_file(store, ids["workshop"], path)
    assert changed["actors"] == {"added": 0, "already_stored": 1, "changed": 1}
    shops = next(a for a in store.list_actors(ids["workshop"]) if a["key"] == "shops")
    assert shops["power"] == 3
    import_stakeholder_file(store, ids["workshop"], path, update=True)
    shops = next(a for a in store.list_actors(ids["workshop"]) if a["key"] == "shops")
    assert shops["power"] == 5


def test_each_format_imports_idempotently(store, clustered, tmp_path):
    ids = clustered
    G = stored_map(store, ids)
    for fmt in sorted(MAP_FORMATS):
        path, _ = write_any(fmt, G, tmp_path)
        import_stakeholder_file(store, ids["workshop"], path)
    assert (
        map_from_graph(workshop_graph(store, ids["workshop"])).relations
        == map_from_graph(G).relations
    )
    assert len(store.list_actors(ids["workshop"])) == 2
    assert len(store.list_stakeholder_links(ids["workshop"])) == 2


def test_links_to_another_workshops_cluster_are_refused(store, clustered):
    other = store.create_workshop("Autre atelier")
    with pytest.raises(StakeholderMapError) as caught:
        import_map(store, other["id"], stored_map(store, clustered))
    assert [p.code for p in caught.value.problems] == ["unknown_cluster", "unknown_idea"]
    assert store.list_actors(other["id"]) == []


def test_store_edits_and_cascades(store, clustered):
    w = clustered["workshop"]
    mayor = store.add_actor(w, key="mayor", name="Maire", group="city", power=5)
    lab = store.add_actor(w, key="lab", name="Labo", group="academia")
    relation = store.add_relation(w, lab["id"], mayor["id"], "informs", weight=2)
    link = store.add_stakeholder_link(
        w, mayor["id"], role="must_approve", cluster_id=clustered["lanes"]
    )
    assert relation["source_key"] == "lab" and relation["target_key"] == "mayor"
    assert link["target_kind"] == "cluster" and link["target_label"] == "Pistes cyclables"

    assert store.update_actor(mayor["id"], stance="supports", interest=5)["interest"] == 5
    assert store.update_relation(relation["id"], type="collaborates")["type"] == "collaborates"
    assert store.update_stakeholder_link(link["id"], role="owner")["role"] == "owner"

    with pytest.raises(StoreError, match="from 1 to 5"):
        store.update_actor(mayor["id"], power=7)
    with pytest.raises(StoreError, match="already has an actor"):
        store.add_actor(w, key="mayor", name="Other", group="city")
    with pytest.raises(StoreError, match="already have"):
        store.add_relation(w, lab["id"], mayor["id"], "collaborates")
    with pytest.raises(StoreError, match="itself"):
        store.add_relation(w, lab["id"], lab["id"], "informs")
    stranger = store.add_actor(
        store.create_workshop("Autre")["id"], key="x", name="X", group="city"
    )
    with pytest.raises(StoreError, match="No actor"):
        store.add_relation(w, lab["id"], stranger["id"], "informs")

    store.delete_actor(mayor["id"])
    assert store.list_relations(w) == []
    assert store.list_stakeholder_links(w) == []
    store.delete_workshop(w)
    assert (
        store.db.execute("SELECT count(*) FROM actors WHERE workshop_id = ?", [w]).fetchone()[0]
        == 0
    )


def test_workshop_relation_types_extend_the_vocabulary(store, clustered, tmp_path):
    w = clustered["workshop"]
    store.add_relation_type(
        w, "licenses", label_fr="délivre une licence à", label_en="licenses", approval=True
    )
    smap = StakeholderMap(
        actors=(Actor("agency", "Agence", "state"), Actor("operator", "Opérateur", "industry")),
        relations=(Relation("agency", "operator", "licenses"),),
        links=(Link("operator", "cluster", clustered["lanes"], "partner"),),
    )
    import_map(store, w, smap)
    G = workshop_graph(store, w)
    must = cluster_view(G, clustered["lanes"])["must_say_yes"]
    assert [row["actor"] for row in must] == ["actor:agency"]
    assert must[0]["relations"] == ["licenses"]

    # another workshop does not know the type
    path = tmp_path / "map.gexf"
    write_gexf(G, path)
    other = store.create_workshop("Autre")["id"]
    with pytest.raises(StakeholderMapError, match="unknown relation type “licenses”"):
        import_stakeholder_file(store, other, path)
    with pytest.raises(StoreError, match="are of type"):
        store.delete_relation_type(w, "licenses")


def test_links_to_retired_clusters_are_left_out_unless_asked(store, clustered):
    ids = clustered
    import_map(store, ids["workshop"], stored_map(store, ids))
    store.retire_cluster(ids["lanes"])
    G = workshop_graph(store, ids["workshop"])
    assert f"cluster:{ids['lanes']}" not in G
    assert f"cluster:{ids['lanes']}" in workshop_graph(store, ids["workshop"], include_retired=True)


# starter maps, vocabulary --------------------------------------------------------------------


def test_vocabulary_has_every_term_in_both_languages():
    vocab = load_vocabulary()
    assert vocab.ids("groups") == (
        "citizens",
        "civil_society",
        "city",
        "industry",
        "academia",
        "state",
    )
    assert set(vocab.ids("relation_types")) == {
        "funds",
        "regulates",
        "delivers",
        "uses",
        "represents",
        "informs",
        "collaborates",
        "opposes",
    }
    assert vocab.ids("roles") == ("affected", "owner", "funder", "must_approve", "partner")
    for kind in ("groups", "stances", "directions", "relation_types", "roles", "quadrants"):
        for term in getattr(vocab, kind):
            assert term.label["fr"].strip() and term.label["en"].strip(), term.id
    assert vocab.resolve("roles", "Must approve") == "must_approve"
    assert vocab.resolve("groups", "ENTREPRISES ET INDUSTRIE") == "industry"
    assert vocab.resolve("groups", "martians") is None
    assert isinstance(vocab.term("relation_types", "funds"), RelationType)


@pytest.mark.parametrize("slug", ["trio", "city-project"])
def test_starter_maps_load_in_both_languages(store, slug):
    assert slug in {s.slug for s in list_starter_maps()}
    french, english = starter_map(slug, "fr"), starter_map(slug, "en")
    assert [a.key for a in french.actors] == [a.key for a in english.actors]
    assert all(f.name != e.name for f, e in zip(french.actors, english.actors, strict=True))
    for language, smap in (("fr", french), ("en", english)):
        workshop = store.create_workshop(f"{slug} {language}", language=language)
        counts = load_starter_map(store, workshop["id"], slug, language)
        assert counts["actors"]["added"] == len(smap.actors)
        assert counts["relations"]["added"] == len(smap.relations)
        again = load_starter_map(store, workshop["id"], slug, language)
        assert again["actors"]["added"] == 0 and again["relations"]["added"] == 0
        stored = {a["key"]: a["name"] for a in store.list_actors(workshop["id"])}
        assert stored == {a.key: a.name for a in smap.actors}


def test_trio_names_citizens_city_and_industry():
    smap = starter_map("trio", "en")
    assert sorted(a.group for a in smap.actors) == ["citizens", "city", "industry"]
    assert {a.name for a in smap.actors} >= {"Residents", "Companies"}


def test_city_project_has_the_usual_actors_and_no_isolated_one():
    smap = starter_map("city-project", "fr")
    names = {a.name for a in smap.actors}
    assert {"Conseil de quartier", "Cabinet du maire", "Préfecture"} <= names
    assert {a.group for a in smap.actors} == set(load_vocabulary().ids("groups"))
    G = smap.graph()
    assert isolated_actors(G) == []
    # the prefecture reviews the council that funds the roads department
    G.add_node("cluster:1", kind="cluster", label="Rue apaisée", ref=1)
    G.add_edge(
        "actor:roads_department",
        "cluster:1",
        key="link:owner",
        kind="link",
        role="owner",
        notes="",
        approves=True,
        carries=True,
    )
    must = {row["actor"] for row in cluster_view(G, 1)["must_say_yes"]}
    assert {"actor:mayor_office", "actor:city_council", "actor:prefecture"} <= must


def test_one_link_to_a_stored_actor_goes_through_import_map(store, clustered):
    # what a "link this actor" form does: checked against the vocabulary, pins the cluster
    ids = clustered
    import_map(store, ids["workshop"], stored_map(store, ids))
    counts = import_map(
        store,
        ids["workshop"],
        StakeholderMap(links=(Link("shops", "cluster", ids["other"], "partner"),)),
    )
    assert counts["links"]["added"] == 1
    assert store.get_cluster(ids["other"])["pinned"] == 1
    with pytest.raises(StakeholderMapError, match="unknown role “boss”"):
        import_map(
            store,
            ids["workshop"],
            StakeholderMap(links=(Link("shops", "cluster", ids["other"], "boss"),)),
        )
