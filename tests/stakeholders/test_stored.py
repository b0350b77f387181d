"""The map in and out of the store: round trip, idempotent imports of every format,
links pinning their cluster, edits and cascades, workshop relation types."""

import pytest

from cocreate.stakeholders import (
    MAP_FORMATS,
    Actor,
    Link,
    Relation,
    StakeholderMap,
    StakeholderMapError,
    Target,
    build_graph,
    cluster_view,
    import_map,
    import_stakeholder_file,
    map_from_graph,
    workshop_graph,
    write_gexf,
    write_graphml,
)
from cocreate.store import StoreError

from .helpers import write_any


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
