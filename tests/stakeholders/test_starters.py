"""Starter maps: both languages, stored idempotently, the usual actors."""

import pytest

from cocreate.stakeholders import (
    cluster_view,
    isolated_actors,
    list_starter_maps,
    load_starter_map,
    load_vocabulary,
    starter_map,
)


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
