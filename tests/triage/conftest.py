"""A small backlog on a real SQLite file: ideas, two clusters, a near-duplicate merge."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cocreate.records import IdeaRecord
from cocreate.triage import add_staff_member, local_admin


@dataclass
class Backlog:
    workshop_id: int
    ideas: list[int]
    cluster_a: int
    cluster_b: int
    # an idea assigned to no cluster, merged into a member of cluster A
    merged_outside: int


def make_cluster(store, workshop_id, idea_ids, label):
    cluster_id = store.create_cluster(
        workshop_id, label=label, keywords=[label], centroid=[0.0, 1.0], pinned=False
    )
    store.add_assignments(
        [{"idea_id": i, "cluster": cluster_id, "similarity": 0.9} for i in idea_ids]
    )
    return cluster_id


def add_ideas(store, workshop_id, texts, *, source="platform.csv", originals=None, **fields):
    records = [
        IdeaRecord(
            text=text,
            source_key=f"k{n}-{text}",
            original=(originals[n] if originals else {"texte": text}),
            **fields,
        )
        for n, text in enumerate(texts)
    ]
    return store.add_ideas(workshop_id, records, source=source).idea_ids


@pytest.fixture
def admin():
    return local_admin("Alice Admin")


@pytest.fixture
def backlog(store, workshop):
    wid = workshop["id"]
    ids = add_ideas(
        store,
        wid,
        [f"Idée numéro {n} pour le vélo" for n in range(8)],
        author="Camille",
        language="fr",
    )
    cluster_a = make_cluster(store, wid, ids[:4], "Pistes")
    cluster_b = make_cluster(store, wid, ids[4:7], "Parkings")
    # ids[7] is in no cluster, merged into ids[0] (a member of A)
    store.merge_ideas(wid, ids[0], [ids[7]])
    return Backlog(wid, ids, cluster_a, cluster_b, ids[7])


@pytest.fixture
def staff_member(store, admin):
    member, secret = add_staff_member(store, admin, "Sam Staff", "staff")
    return member, secret
