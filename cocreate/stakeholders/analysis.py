"""What a stakeholder map says, as plain data: the power/interest grid, brokers,
communities, isolated actors, who must say yes to a cluster (approval chains included),
the part of the map worth drawing, and a seeded layout. The rules are written down in the
docstring of :mod:`cocreate.stakeholders`."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

import networkx as nx

from cocreate.stakeholders.graph import target_node
from cocreate.stakeholders.vocabulary import load_vocabulary

# the midpoint of the 1-5 scales counts as high
GRID_THRESHOLD = 3
CITIZENS = "citizens"


def actor_nodes(G: nx.MultiDiGraph) -> list[str]:
    """Actor nodes of the map, sorted."""
    return sorted(n for n, kind in G.nodes(data="kind") if kind == "actor")


def quadrant(power: int, interest: int, *, threshold: int = GRID_THRESHOLD) -> str:
    """The power/interest quadrant; ``threshold`` and above is high.

    >>> quadrant(3, 3), quadrant(3, 2), quadrant(2, 3), quadrant(2, 2)
    ('manage_closely', 'keep_satisfied', 'keep_informed', 'monitor')
    """
    if power >= threshold:
        return "manage_closely" if interest >= threshold else "keep_satisfied"
    return "keep_informed" if interest >= threshold else "monitor"


def power_interest_grid(
    G: nx.MultiDiGraph,
    *,
    power: str = "power",
    interest: str = "interest",
    threshold: int = GRID_THRESHOLD,
) -> dict[str, str]:
    """The quadrant of each actor: power >= 3 and interest >= 3 "manage_closely", power >= 3
    only "keep_satisfied", interest >= 3 only "keep_informed", else "monitor" (the midpoint of
    the 1-5 scales counts as high)."""
    return {
        n: quadrant(G.nodes[n][power], G.nodes[n][interest], threshold=threshold)
        for n in actor_nodes(G)
    }


def _actor_graph(G: nx.MultiDiGraph, *, conflict: bool = True, weight: str = "weight") -> nx.Graph:
    """Actors and their relations as a simple undirected graph (weights of parallel edges
    summed), nodes and edges in sorted order."""
    H = nx.Graph()
    H.add_nodes_from(actor_nodes(G))
    edges: dict[tuple[str, str], float] = {}
    for u, v, d in G.edges(data=True):
        if d.get("kind") != "relation" or u == v or (d.get("conflict") and not conflict):
            continue
        pair = (min(u, v), max(u, v))
        edges[pair] = edges.get(pair, 0.0) + float(d.get(weight, 1.0))
    for (u, v), w in sorted(edges.items()):
        H.add_edge(u, v, weight=w)
    return H


def brokers(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Degree and betweenness centrality of every actor (normalised to 0-1, relations only,
    direction ignored, unweighted), highest betweenness first, then degree, then node.

    Each row: ``node``, ``label``, ``degree``, ``betweenness``.
    """
    H = _actor_graph(G)
    degree = nx.degree_centrality(H) if len(H) > 1 else dict.fromkeys(H, 0.0)
    betweenness = nx.betweenness_centrality(H, normalized=True)
    rows = [
        {
            "node": n,
            "label": G.nodes[n].get("label", n),
            "degree": degree[n],
            "betweenness": betweenness[n],
        }
        for n in H
    ]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["node"]))


def communities(
    G: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0, weight: str = "weight"
) -> list[set[str]]:
    """Groups of actors tied more to each other than to the rest (Louvain, seeded, on the
    relations without conflict relations), largest first; every actor is in exactly one
    (an isolated actor alone)."""
    H = _actor_graph(G, conflict=False, weight=weight)
    if len(H) == 0:
        return []
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def isolated_actors(G: nx.MultiDiGraph) -> list[str]:
    """Actors without any relation to another actor, sorted."""
    H = _actor_graph(G)
    return sorted(n for n in H if H.degree(n) == 0)


def _cluster_node(cluster: str | int) -> str:
    return target_node("cluster", cluster) if isinstance(cluster, int) else cluster


def cluster_view(
    G: nx.MultiDiGraph,
    cluster: str | int,
    *,
    groups: Iterable[str] | None = None,
    max_hops: int | None = None,
) -> dict[str, Any]:
    """Who is linked to a cluster, who must say yes, which groups are missing, and the
    conflicts (rules in the docstring of :mod:`cocreate.stakeholders`).

    ``cluster`` is a node (``"cluster:12"``) or a cluster id. ``groups`` defaults to the
    vocabulary's six groups; ``max_hops`` bounds the length of approval chains.

    Returns a dict with ``cluster``; ``linked`` (rows ``actor``, ``roles``, ``via``: the
    cluster or idea nodes the links go to); ``must_say_yes`` (rows ``actor``, ``roles``:
    the approving roles it holds, ``path``: the shortest approval chain from it to a carrier
    or None, ``relations``: the relation types along that chain); ``missing_groups``;
    ``citizens_missing``; ``conflicts`` (rows ``kind`` "relation" with ``source``,
    ``target``, ``relation``, ``weight``, or ``kind`` "stance" with ``actor``).
    """
    node = _cluster_node(cluster)
    if node not in G or G.nodes[node].get("kind") != "cluster":
        raise KeyError(f"No cluster {cluster!r} in this map.")
    group_ids = list(groups) if groups is not None else list(load_vocabulary().ids("groups"))
    places = {node} | {u for u, _, kind in G.in_edges(node, data="kind") if kind == "member"}
    roles: dict[str, set[str]] = {}
    via: dict[str, set[str]] = {}
    approving: dict[str, set[str]] = {}
    carriers: set[str] = set()
    for place in places:
        for actor, _, d in G.in_edges(place, data=True):
            if d.get("kind") != "link":
                continue
            roles.setdefault(actor, set()).add(d["role"])
            via.setdefault(actor, set()).add(place)
            if d.get("approves"):
                approving.setdefault(actor, set()).add(d["role"])
            if d.get("carries"):
                carriers.add(actor)
    linked = [{"actor": a, "roles": sorted(roles[a]), "via": sorted(via[a])} for a in sorted(roles)]
    chains = _approval_chains(G, carriers, max_hops)
    must = sorted(set(approving) | set(chains))
    must_say_yes = [
        {
            "actor": a,
            "roles": sorted(approving.get(a, ())),
            "path": chains[a][0] if a in chains else None,
            "relations": chains[a][1] if a in chains else [],
        }
        for a in must
    ]
    present = {G.nodes[a]["group"] for a in roles}
    missing = [g for g in group_ids if g not in present]
    involved = set(roles) | set(must)
    conflicts: list[dict[str, Any]] = []
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation"))):
        if d.get("kind") == "relation" and d.get("conflict") and u in involved and v in involved:
            conflicts.append(
                {
                    "kind": "relation",
                    "source": u,
                    "target": v,
                    "relation": d["relation"],
                    "weight": d["weight"],
                }
            )
    for actor in sorted(involved):
        if G.nodes[actor].get("stance") == "opposes":
            conflicts.append({"kind": "stance", "actor": actor})
    return {
        "cluster": node,
        "linked": linked,
        "must_say_yes": must_say_yes,
        "missing_groups": missing,
        "citizens_missing": CITIZENS in missing,
        "conflicts": conflicts,
    }


def _approval_chains(
    G: nx.MultiDiGraph, carriers: set[str], max_hops: int | None
) -> dict[str, tuple[list[str], list[str]]]:
    """For each actor with a chain of approval relations to a carrier: the shortest chain
    (actor first, carrier last) and the relation types along it."""
    # over[b][a] = approval relation types by which a has a say over b
    over: dict[str, dict[str, set[str]]] = {}
    for u, v, d in G.edges(data=True):
        if d.get("kind") != "relation" or not d.get("approval"):
            continue
        over.setdefault(v, {}).setdefault(u, set()).add(d["relation"])
        if d.get("direction", "directed") != "directed":
            over.setdefault(u, {}).setdefault(v, set()).add(d["relation"])
    found: dict[str, tuple[list[str], list[str]]] = {}
    queue: deque[tuple[list[str], list[str]]] = deque(([c], []) for c in sorted(carriers))
    while queue:
        path, kinds = queue.popleft()
        if max_hops is not None and len(kinds) >= max_hops:
            continue
        for actor in sorted(over.get(path[0], {})):
            if actor in path or actor in found:
                continue
            relation = "+".join(sorted(over[path[0]][actor]))
            chain = ([actor, *path], [relation, *kinds])
            found[actor] = chain
            queue.append(chain)
    return found


def layout(G: nx.Graph, *, seed: int = 0, scale: float = 1.0) -> dict[str, tuple[float, float]]:
    """Positions of every node (``networkx.spring_layout`` seeded, on a sorted undirected
    copy): the same map gives the same positions, whatever order it was built in."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes))
    H.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v in G.edges() if u != v}))
    if len(H) == 0:
        return {}
    positions = nx.spring_layout(H, seed=seed, scale=scale)
    return {n: (float(positions[n][0]), float(positions[n][1])) for n in H}


def shown_graph(G: nx.MultiDiGraph, *, targets: bool) -> nx.MultiDiGraph:
    """The actors, and with ``targets`` the clusters and ideas someone is linked to (a map
    with every cluster of the workshop would drown the actors)."""
    keep = set(actor_nodes(G))
    if targets:
        linked = {v for _, v, kind in G.edges(data="kind") if kind == "link"}
        clusters = {v for u, v, kind in G.edges(data="kind") if kind == "member" and u in linked}
        keep |= linked | clusters
    return G.subgraph(sorted(keep)).copy()
