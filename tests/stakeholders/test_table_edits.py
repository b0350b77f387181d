"""Saving an edited table of the map: which rows are added, updated and deleted, and how a
bad row is named (row and column as the table shows them) with nothing stored."""

import pandas as pd
import pytest

from cocreate.stakeholders import (
    Link,
    StakeholderMap,
    StakeholderMapError,
    actors_table,
    import_map,
    links_table,
    load_starter_map,
    load_vocabulary,
    relations_table,
    save_actors,
    save_links,
    save_relations,
)

ACTOR_HEADERS = {
    "name": "Name",
    "group": "Group",
    "power": "Power",
    "interest": "Interest",
    "stance": "Stance",
    "notes": "Notes",
}
RELATION_HEADERS = {
    "source": "Source",
    "target": "Target",
    "type": "Relation",
    "weight": "Weight",
    "direction": "Direction",
    "notes": "Notes",
}
LINK_HEADERS = {"actor": "Actor", "cluster": "Cluster", "role": "Role"}


@pytest.fixture
def trio(store, workshop):
    load_starter_map(store, workshop["id"], "trio", "en")
    return workshop["id"]


def test_actors_table_added_changed_and_deleted_rows(store, trio):
    table = actors_table(store.list_actors(trio))
    assert list(table.columns) == ["key", "name", "group", "power", "interest", "stance", "notes"]
    table.loc[table["key"] == "residents", "power"] = 4
    table = table[table["key"] != "companies"]
    new = {"name": "University", "group": "academia", "power": 2, "interest": 3}
    table = pd.concat([table, pd.DataFrame([new])], ignore_index=True)

    counts = save_actors(store, trio, table, load_vocabulary(), ACTOR_HEADERS)

    assert counts["actors"] == {"added": 1, "already_stored": 1, "changed": 1, "removed": 1}
    stored = {a["key"]: a for a in store.list_actors(trio)}
    assert {key: a["power"] for key, a in stored.items()} == {
        "residents": 4,
        "city": 5,
        "university": 2,
    }
    assert stored["university"]["stance"] == "unknown"
    # the deleted actor's relations went with it
    ends = {end for r in store.list_relations(trio) for end in (r["source_key"], r["target_key"])}
    assert "companies" not in ends and ends


def test_a_bad_actor_row_is_named_and_nothing_changes(store, trio):
    before = store.list_actors(trio)
    table = actors_table(before)
    table.loc[0, "name"] = "  "
    table.loc[1, "power"] = 7
    with pytest.raises(StakeholderMapError) as caught:
        save_actors(store, trio, table, load_vocabulary(), ACTOR_HEADERS)
    assert caught.value.messages() == [
        "row 1, column Name: Name is empty",
        "row 2, column Power: power must be a whole number from 1 to 5, not “7”",
    ]
    assert store.list_actors(trio) == before


def test_relations_table_saved_as_edited(store, trio):
    before = store.list_relations(trio)
    table = relations_table(before)
    assert list(table.columns) == ["source", "target", "type", "weight", "direction", "notes"]
    kept = table.iloc[:1]
    new = {"source": "companies", "target": "residents", "type": "collaborates"}
    table = pd.concat([kept, pd.DataFrame([new])], ignore_index=True)

    counts = save_relations(store, trio, table, load_vocabulary(), RELATION_HEADERS)

    first = kept.iloc[0]
    assert counts["relations"]["added"] == 1
    assert counts["relations"]["removed"] == len(before) - 1
    stored = {(r["source_key"], r["target_key"], r["type"]): r for r in store.list_relations(trio)}
    assert set(stored) == {
        (first["source"], first["target"], first["type"]),
        ("companies", "residents", "collaborates"),
    }
    # an empty direction takes the relation type's own
    assert stored[("companies", "residents", "collaborates")]["direction"] == "mutual"


def test_a_relation_row_twice_or_without_type_is_refused(store, trio):
    before = store.list_relations(trio)
    table = relations_table(before)
    twice = pd.concat([table, table.iloc[:1]], ignore_index=True)
    with pytest.raises(StakeholderMapError) as caught:
        save_relations(store, trio, twice, load_vocabulary(), RELATION_HEADERS)
    assert [p.code for p in caught.value.problems] == ["duplicate_relation"]
    assert caught.value.problems[0].line == len(twice)

    untyped = pd.concat(
        [table, pd.DataFrame([{"source": "city", "target": "companies"}])], ignore_index=True
    )
    with pytest.raises(StakeholderMapError) as caught:
        save_relations(store, trio, untyped, load_vocabulary(), RELATION_HEADERS)
    assert caught.value.messages() == [f"row {len(untyped)}, column Relation: Relation is empty"]
    assert store.list_relations(trio) == before


def test_links_table_deletes_only_links_to_current_clusters(store, clustered):
    w = clustered["workshop"]
    load_starter_map(store, w, "trio", "en")
    import_map(
        store,
        w,
        StakeholderMap(
            links=(
                Link("city", "cluster", clustered["lanes"], "owner"),
                Link("residents", "cluster", clustered["other"], "affected"),
                Link("companies", "idea", clustered["idea"], "affected"),
            )
        ),
    )
    active = [clustered["lanes"], clustered["other"]]
    table = links_table(store.list_stakeholder_links(w), active)
    assert list(table.columns) == ["actor", "cluster", "role"]
    # links to single ideas are kept but not listed
    assert sorted(zip(table["actor"], table["role"], strict=True)) == [
        ("city", "owner"),
        ("residents", "affected"),
    ]
    table = table[table["actor"] != "residents"]
    new = {"actor": "companies", "cluster": clustered["other"], "role": "partner"}
    table = pd.concat([table, pd.DataFrame([new, new])], ignore_index=True)

    counts = save_links(store, w, table, active, load_vocabulary(), LINK_HEADERS)

    assert counts["links"]["added"] == 1 and counts["links"]["removed"] == 1
    kept = {
        (row["actor_key"], row["target_kind"], row["role"])
        for row in store.list_stakeholder_links(w)
    }
    assert kept == {
        ("city", "cluster", "owner"),
        ("companies", "cluster", "partner"),
        ("companies", "idea", "affected"),
    }
    # the newly linked cluster is pinned, so a re-clustering keeps the link
    assert store.get_cluster(clustered["other"])["pinned"] == 1


def test_a_link_row_without_a_cluster_is_named(store, clustered):
    w = clustered["workshop"]
    load_starter_map(store, w, "trio", "en")
    table = pd.DataFrame([{"actor": "city", "cluster": None, "role": "boss"}])
    with pytest.raises(StakeholderMapError) as caught:
        save_links(store, w, table, [clustered["lanes"]], load_vocabulary(), LINK_HEADERS)
    assert caught.value.messages() == ["row 1, column Cluster: Cluster is empty"]
    table = pd.DataFrame([{"actor": "city", "cluster": clustered["lanes"], "role": "boss"}])
    with pytest.raises(StakeholderMapError, match="row 1, column Role: unknown role “boss”"):
        save_links(store, w, table, [clustered["lanes"]], load_vocabulary(), LINK_HEADERS)
    assert store.list_stakeholder_links(w) == []
