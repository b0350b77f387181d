"""Maps the stakeholder tests share: the bike-lane cluster of hand-computed
who-must-say-yes rules, the same map with every attribute set, and a clustered workshop."""

import pytest

from cocreate.ingest import submit_idea
from cocreate.stakeholders import (
    Actor,
    Link,
    Relation,
    Target,
    build_graph,
    map_from_graph,
)


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
