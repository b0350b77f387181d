"""A stakeholder map in and out of the store: :func:`import_map` checks a whole map against
the workshop's vocabulary, clusters and ideas and stores it (idempotent, pinning the linked
clusters), :func:`load_starter_map` adds a starter map, and :func:`workshop_graph` reads a
workshop's stored map back as a graph."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from cocreate.stakeholders.graph import _is_ref, build_graph, check_map, map_from_graph
from cocreate.stakeholders.problems import MapProblem, StakeholderMapError
from cocreate.stakeholders.records import (
    TARGET_KINDS,
    Actor,
    Link,
    Relation,
    StakeholderMap,
    Target,
)
from cocreate.stakeholders.starters import starter_map
from cocreate.stakeholders.vocabulary import workshop_vocabulary
from cocreate.store import StoreError

if TYPE_CHECKING:
    from cocreate.store import Store


def import_map(
    store: Store,
    workshop_id: int,
    source: StakeholderMap | nx.MultiDiGraph,
    *,
    update: bool = False,
    file_name: str = "",
) -> dict[str, dict[str, int]]:
    """Store a map in a workshop; storing the same map twice adds nothing.

    Actors match stored ones by key, relations by both actors and type, links by actor,
    target and role (see ``Store.save_stakeholder_map``); a match that differs is counted
    as changed and kept as stored unless ``update``. The whole map is checked first against
    the workshop's vocabulary and its clusters and ideas: on any problem nothing is stored
    and :class:`StakeholderMapError` lists them all. Clusters that receive a link are pinned,
    so a re-clustering does not dissolve them and lose the link.
    """
    smap = map_from_graph(source) if isinstance(source, nx.MultiDiGraph) else source
    vocab = workshop_vocabulary(store, workshop_id)
    stored_keys = {a["key"] for a in store.list_actors(workshop_id)}
    # a relation or link may name an actor stored earlier and absent from this map
    problems = [
        p
        for p in check_map(smap, vocab)
        if not (p.code == "unknown_actor" and p.params["value"] in stored_keys)
    ]
    for kind, ref in sorted({(link.kind, link.ref) for link in smap.links}):
        if kind not in TARGET_KINDS or not _is_ref(ref):
            continue
        getter = store.get_cluster if kind == "cluster" else store.get_idea
        try:
            found = getter(ref)
        except StoreError:
            found = None
        if found is None or found["workshop_id"] != workshop_id:
            problems.append(
                MapProblem("", f"unknown_{kind}", element=f"{kind} {ref}", params={"value": ref})
            )
    if problems:
        for problem in problems:
            problem.file = problem.file or file_name
        raise StakeholderMapError(problems)
    counts = store.save_stakeholder_map(
        workshop_id,
        actors=[asdict(a) for a in smap.actors],
        relations=[asdict(r) for r in smap.relations],
        links=[
            {
                "actor": link.actor,
                "cluster_id": link.ref if link.kind == "cluster" else None,
                "idea_id": link.ref if link.kind == "idea" else None,
                "role": link.role,
                "notes": link.notes,
            }
            for link in smap.links
        ],
        update=update,
    )
    for cluster_id in sorted({link.ref for link in smap.links if link.kind == "cluster"}):
        if not store.get_cluster(cluster_id)["pinned"]:
            store.update_cluster(cluster_id, pinned=True)
    return counts


def load_starter_map(
    store: Store, workshop_id: int, template_slug: str, language: str = "fr"
) -> dict[str, dict[str, int]]:
    """Add a starter map's actors and relations to a workshop (idempotent)."""
    return import_map(store, workshop_id, starter_map(template_slug, language))


def _idea_label(idea: dict[str, Any]) -> str:
    text = idea.get("target_label") or ""
    return text if len(text) <= 80 else text[:79] + "…"


def workshop_graph(
    store: Store, workshop_id: int, *, include_retired: bool = False
) -> nx.MultiDiGraph:
    """The stored map of a workshop: its actors and relations, its current clusters, and
    the ideas actors are linked to. Links to retired clusters are left out unless
    ``include_retired``."""
    vocab = workshop_vocabulary(store, workshop_id)
    actors = [
        Actor(a["key"], a["name"], a["group"], a["power"], a["interest"], a["stance"], a["notes"])
        for a in store.list_actors(workshop_id)
    ]
    relations = [
        Relation(
            r["source_key"], r["target_key"], r["type"], r["weight"], r["direction"], r["notes"]
        )
        for r in store.list_relations(workshop_id)
    ]
    clusters = {c["id"]: c["label"] for c in store.active_clusters(workshop_id)}
    targets = {("cluster", cid): Target("cluster", cid, label) for cid, label in clusters.items()}
    links = []
    for row in store.list_stakeholder_links(workshop_id):
        if row["target_kind"] == "cluster":
            if row["cluster_retired_at"] and not include_retired:
                continue
            targets.setdefault(
                ("cluster", row["cluster_id"]),
                Target("cluster", row["cluster_id"], row["target_label"] or ""),
            )
            links.append(
                Link(row["actor_key"], "cluster", row["cluster_id"], row["role"], row["notes"])
            )
        else:
            cluster = row["idea_cluster_id"]
            targets[("idea", row["idea_id"])] = Target(
                "idea",
                row["idea_id"],
                _idea_label(row),
                cluster if (cluster in clusters or include_retired) else None,
            )
            links.append(Link(row["actor_key"], "idea", row["idea_id"], row["role"], row["notes"]))
    return build_graph(actors, relations, links, targets.values(), vocabulary=vocab)
