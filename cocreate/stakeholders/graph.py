"""A stakeholder map as a :class:`networkx.MultiDiGraph`: node ids, new actor keys, the check
of a map against the vocabulary (:func:`check_map`), and the two ways between records and
graph (:func:`build_graph`, :func:`map_from_graph`). Nodes, edges and their attributes are
described in the docstring of :mod:`cocreate.stakeholders`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from cocreate.stakeholders.problems import MapProblem, StakeholderMapError
from cocreate.stakeholders.records import (
    SCALE,
    TARGET_KINDS,
    Actor,
    Link,
    Relation,
    StakeholderMap,
    Target,
)
from cocreate.stakeholders.vocabulary import Vocabulary, _fold, load_vocabulary


def actor_node(key: str) -> str:
    return f"actor:{key}"


def target_node(kind: str, ref: int) -> str:
    return f"{kind}:{ref}"


def free_actor_key(name: str, taken: Iterable[str]) -> str:
    """A key for a new actor named ``name``, not among ``taken``.

    >>> free_actor_key("Conseil de quartier", ["conseil_de_quartier"])
    'conseil_de_quartier_2'
    """
    base = _fold(name) or "actor"
    taken = set(taken)
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key


def _is_scale(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in SCALE


def _is_weight(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _is_ref(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_map(smap: StakeholderMap, vocabulary: Vocabulary | None = None) -> list[MapProblem]:
    """Every reason ``smap`` is not a valid map: unknown group, stance, relation type,
    direction or role; power or interest outside 1-5; a relation or link to an unknown
    actor; an element twice."""
    vocab = vocabulary or load_vocabulary()
    problems: list[MapProblem] = []

    def add(code: str, element: str, column: str | None = None, **params: Any) -> None:
        problems.append(MapProblem("", code, column=column, element=element, params=params))

    def expect(kind: str) -> str:
        return ", ".join(vocab.ids(kind))

    keys: set[str] = set()
    for actor in smap.actors:
        where = f"actor “{actor.key}”"
        if not str(actor.key).strip():
            add("missing_value", where, "key", field="key")
        elif actor.key in keys:
            add("duplicate_actor", where, "key", value=actor.key)
        keys.add(actor.key)
        if not str(actor.name).strip():
            add("missing_value", where, "name", field="name")
        if actor.group not in vocab.ids("groups"):
            add("unknown_group", where, "group", value=actor.group, expected=expect("groups"))
        for scale in ("power", "interest"):
            if not _is_scale(getattr(actor, scale)):
                add("bad_scale", where, scale, field=scale, value=getattr(actor, scale))
        if actor.stance not in vocab.ids("stances"):
            add("unknown_stance", where, "stance", value=actor.stance, expected=expect("stances"))
    for target in smap.targets:
        where = f"{target.kind} {target.ref}"
        if target.kind not in TARGET_KINDS:
            add("unknown_kind", where, "kind", value=target.kind, expected=", ".join(TARGET_KINDS))
        if not _is_ref(target.ref):
            add("bad_target", where, "ref", value=target.ref)
        if target.cluster is not None and not _is_ref(target.cluster):
            add("bad_target", where, "cluster", value=target.cluster)
    seen_relations: set[tuple[str, str, str]] = set()
    for relation in smap.relations:
        where = f"relation “{relation.source}” → “{relation.target}”"
        for end in (relation.source, relation.target):
            if end not in keys:
                add("unknown_actor", where, value=end)
        if relation.source == relation.target:
            add("self_relation", where)
        if relation.type not in vocab.ids("relation_types"):
            add(
                "unknown_relation_type",
                where,
                "type",
                value=relation.type,
                expected=expect("relation_types"),
            )
        if not _is_weight(relation.weight):
            add("bad_weight", where, "weight", value=relation.weight)
        if relation.direction not in vocab.ids("directions"):
            add(
                "unknown_direction",
                where,
                "direction",
                value=relation.direction,
                expected=expect("directions"),
            )
        triple = (relation.source, relation.target, relation.type)
        if triple in seen_relations:
            add("duplicate_relation", where, value=relation.type)
        seen_relations.add(triple)
    seen_links: set[tuple[str, str, int, str]] = set()
    for link in smap.links:
        where = f"link “{link.actor}” → {link.kind} {link.ref}"
        if link.actor not in keys:
            add("unknown_actor", where, value=link.actor)
        if link.kind not in TARGET_KINDS:
            add("unknown_kind", where, "kind", value=link.kind, expected=", ".join(TARGET_KINDS))
        if not _is_ref(link.ref):
            add("bad_target", where, "ref", value=link.ref)
        if link.role not in vocab.ids("roles"):
            add("unknown_role", where, "role", value=link.role, expected=expect("roles"))
        quad = (link.actor, link.kind, link.ref, link.role)
        if quad in seen_links:
            add("duplicate_link", where, value=link.role)
        seen_links.add(quad)
    return problems


def _target_label(kind: str, ref: int, label: str) -> str:
    # every node has a label: Kumu needs one, and Gephi shows it
    return label.strip() or f"{kind} {ref}"


def build_graph(
    actors: Iterable[Actor],
    relations: Iterable[Relation] = (),
    links: Iterable[Link] = (),
    targets: Iterable[Target] = (),
    *,
    vocabulary: Vocabulary | None = None,
) -> nx.MultiDiGraph:
    """The map as a graph (see the docstring of :mod:`cocreate.stakeholders` for nodes, edges
    and attributes).

    Raises :class:`StakeholderMapError` listing every problem :func:`check_map` finds.
    Nodes and edges are added in sorted order, so a map exports to the same bytes whatever
    order its records came in. A link or an idea's cluster that names a cluster or idea not
    among ``targets`` adds it with a default label.
    """
    vocab = vocabulary or load_vocabulary()
    smap = StakeholderMap(tuple(actors), tuple(relations), tuple(links), tuple(targets))
    problems = check_map(smap, vocab)
    if problems:
        raise StakeholderMapError(problems)
    G = nx.MultiDiGraph()
    for actor in sorted(smap.actors, key=lambda a: a.key):
        G.add_node(
            actor_node(actor.key),
            kind="actor",
            label=actor.name,
            key=actor.key,
            group=actor.group,
            power=actor.power,
            interest=actor.interest,
            stance=actor.stance,
            notes=actor.notes,
        )
    wanted = {(t.kind, t.ref): t for t in smap.targets}
    for t in smap.targets:
        if t.cluster is not None:
            wanted.setdefault(("cluster", t.cluster), Target("cluster", t.cluster))
    for link in smap.links:
        wanted.setdefault((link.kind, link.ref), Target(link.kind, link.ref))
    for (kind, ref), target in sorted(wanted.items()):
        G.add_node(
            target_node(kind, ref), kind=kind, label=_target_label(kind, ref, target.label), ref=ref
        )
    for (kind, ref), target in sorted(wanted.items()):
        if kind == "idea" and target.cluster is not None:
            G.add_edge(
                target_node("idea", ref),
                target_node("cluster", target.cluster),
                key="member",
                kind="member",
            )
    for link in sorted(smap.links, key=lambda x: (x.actor, x.kind, x.ref, x.role)):
        role = vocab.term("roles", link.role)
        G.add_edge(
            actor_node(link.actor),
            target_node(link.kind, link.ref),
            key=f"link:{link.role}",
            kind="link",
            role=link.role,
            notes=link.notes,
            approves=role.approves,
            carries=role.carries,
        )
    for relation in sorted(smap.relations, key=lambda r: (r.source, r.target, r.type)):
        relation_type = vocab.term("relation_types", relation.type)
        G.add_edge(
            actor_node(relation.source),
            actor_node(relation.target),
            key=relation.type,
            kind="relation",
            relation=relation.type,
            weight=float(relation.weight),
            direction=relation.direction,
            notes=relation.notes,
            approval=relation_type.approval,
            conflict=relation_type.conflict,
        )
    return G


def map_from_graph(G: nx.MultiDiGraph) -> StakeholderMap:
    """The records of a graph made by :func:`build_graph`, sorted: two graphs hold the same
    map when their records are equal."""
    nodes = G.nodes
    actors = tuple(
        sorted(
            (
                Actor(
                    key=d["key"],
                    name=d["label"],
                    group=d["group"],
                    power=d["power"],
                    interest=d["interest"],
                    stance=d["stance"],
                    notes=d.get("notes", ""),
                )
                for _, d in G.nodes(data=True)
                if d.get("kind") == "actor"
            ),
            key=lambda a: a.key,
        )
    )
    clusters = {}
    relations, links = [], []
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "member":
            clusters[u] = nodes[v]["ref"]
        elif d.get("kind") == "link":
            links.append(
                Link(nodes[u]["key"], nodes[v]["kind"], nodes[v]["ref"], d["role"], d["notes"])
            )
        elif d.get("kind") == "relation":
            relations.append(
                Relation(
                    nodes[u]["key"],
                    nodes[v]["key"],
                    d["relation"],
                    d["weight"],
                    d["direction"],
                    d["notes"],
                )
            )
    targets = tuple(
        sorted(
            (
                Target(d["kind"], d["ref"], d["label"], clusters.get(n))
                for n, d in G.nodes(data=True)
                if d.get("kind") in TARGET_KINDS
            ),
            key=lambda t: (t.kind, t.ref),
        )
    )
    return StakeholderMap(
        actors,
        tuple(sorted(relations, key=lambda r: (r.source, r.target, r.type))),
        tuple(sorted(links, key=lambda x: (x.actor, x.kind, x.ref, x.role))),
        targets,
    )
