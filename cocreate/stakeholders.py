"""Stakeholder maps: who is involved, how they relate, and who must say yes to each cluster.

A map is a :class:`networkx.MultiDiGraph` made by :func:`build_graph` (or
:func:`workshop_graph` for a stored workshop); every analysis function takes the graph and
returns plain data. The vocabulary (groups, stances, relation types, roles, quadrants, in
French and English) is data in ``templates/stakeholders/relation-types.toml``; a workshop can
add relation types of its own (:func:`workshop_vocabulary`).

Nodes (ids are strings, so every exchange format keeps them):

- ``actor:<key>``: kind "actor", label, key, group, power, interest, stance, notes;
- ``cluster:<id>`` and ``idea:<id>``: kind "cluster" or "idea", label, ref (the store id).

Edges, keyed so that parallel edges stay apart:

- relation, actor -> actor, key = its type: kind "relation", relation, weight, direction,
  notes, and the type's flags ``approval`` and ``conflict`` copied from the vocabulary;
- link, actor -> cluster or idea, key ``link:<role>``: kind "link", role, notes, and the
  role's flags ``approves`` and ``carries``;
- member, idea -> cluster, key "member": kind "member".

Decisions written down here:

- **Power/interest grid.** Both scales run from 1 to 5; the midpoint 3 counts as *high*.
  power >= 3 and interest >= 3: manage closely; power >= 3, interest < 3: keep satisfied;
  power < 3, interest >= 3: keep informed; both < 3: monitor. In doubt, engage more.
- **Brokers and communities** look at actors and their relations only (links to clusters do
  not count), with direction ignored: a broker connects people whichever way the relation
  points. Centralities are unweighted (a weight is a strength, not a distance). Conflict
  relations (``opposes``) are left out of communities: opposing does not make a group.
- **Isolated actors** have no relation with another actor (links to clusters do not count).
- **Who must say yes to a cluster.** The actors linked to the cluster or to one of its ideas
  are *linked*; those linked with a role that ``carries`` the project (owner, funder, must
  approve, partner; not "affected") are its *carriers*. An actor must say yes if

  1. it is linked with a role that ``approves`` (owner, funder, must approve), or
  2. a chain of ``approval`` relations (funds, regulates, and workshop types so flagged)
     leads from it to a carrier, following each relation from source to target (both ways
     when its direction is mutual or undirected): the region funds the city council, which
     funds the roads department that owns the project.

  Funding or regulating an actor that is only *affected* gives no say over the project.
- **Involved actors** of a cluster are the linked ones and those who must say yes; its
  conflicts are the conflict relations between two involved actors and the involved actors
  whose stance is "opposes". Its missing groups are the vocabulary's groups with no linked
  actor.
- **Layout**: ``networkx.spring_layout`` with a seed, on a copy whose nodes and edges are
  sorted, so the same map gives the same positions whatever order it was built in.
"""

from __future__ import annotations

import functools
import tomllib
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx

from cocreate.records import RowProblem, slugify
from cocreate.store import StoreError
from cocreate.templates import templates_dir

__all__ = [
    "Term",
    "RelationType",
    "Role",
    "Vocabulary",
    "load_vocabulary",
    "workshop_vocabulary",
    "Actor",
    "Relation",
    "Link",
    "Target",
    "StakeholderMap",
    "MapProblem",
    "StakeholderMapError",
    "actor_node",
    "free_actor_key",
    "target_node",
    "check_map",
    "build_graph",
    "map_from_graph",
    "actor_nodes",
    "power_interest_grid",
    "quadrant",
    "brokers",
    "communities",
    "isolated_actors",
    "cluster_view",
    "layout",
    "StarterMap",
    "list_starter_maps",
    "starter_map",
    "import_map",
    "load_starter_map",
    "workshop_graph",
]

TARGET_KINDS = ("cluster", "idea")
NODE_KINDS = ("actor", *TARGET_KINDS)
SCALE = (1, 2, 3, 4, 5)
# the midpoint of the 1-5 scales counts as high
GRID_THRESHOLD = 3
CITIZENS = "citizens"


# vocabulary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """An id stored in the data and its French and English labels."""

    id: str
    label: Mapping[str, str]
    description: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str = "fr") -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


@dataclass(frozen=True)
class RelationType(Term):
    """A relation type; ``approval`` and ``conflict`` drive :func:`cluster_view`."""

    approval: bool = False
    conflict: bool = False
    direction: str = "directed"


@dataclass(frozen=True)
class Role(Term):
    """A role of an actor towards a cluster or idea (see the module docstring)."""

    approves: bool = False
    carries: bool = False


def _fold(value: str) -> str:
    return slugify(str(value)).replace("-", "_")


@dataclass(frozen=True)
class Vocabulary:
    groups: tuple[Term, ...]
    stances: tuple[Term, ...]
    directions: tuple[Term, ...]
    relation_types: tuple[RelationType, ...]
    roles: tuple[Role, ...]
    quadrants: tuple[Term, ...]

    def ids(self, kind: str) -> tuple[str, ...]:
        """Ids of ``groups``, ``stances``, ``directions``, ``relation_types``, ``roles`` or
        ``quadrants``, in the vocabulary's order."""
        return tuple(term.id for term in getattr(self, kind))

    def term(self, kind: str, term_id: str) -> Term | None:
        return next((term for term in getattr(self, kind) if term.id == term_id), None)

    def label(self, kind: str, term_id: str, lang: str = "fr") -> str:
        term = self.term(kind, term_id)
        return term.text(lang) if term else term_id

    def resolve(self, kind: str, value: Any) -> str | None:
        """The id ``value`` names: the id itself or a French or English label, ignoring case,
        accents and punctuation ("Must approve" -> "must_approve"); None if none matches."""
        if value is None:
            return None
        wanted = _fold(value)
        if not wanted:
            return None
        for term in getattr(self, kind):
            if wanted == _fold(term.id) or any(wanted == _fold(v) for v in term.label.values()):
                return term.id
        return None

    def with_relation_types(self, extra: Iterable[RelationType]) -> Vocabulary:
        """This vocabulary plus relation types of a workshop (an id already known is kept)."""
        known = set(self.ids("relation_types"))
        added = tuple(t for t in extra if t.id not in known)
        return replace(self, relation_types=self.relation_types + added)


def _vocabulary_path() -> Path:
    return templates_dir() / "stakeholders" / "relation-types.toml"


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The vocabulary of ``templates/stakeholders/relation-types.toml`` (or ``path``)."""
    path = Path(path) if path is not None else _vocabulary_path()
    return _read_vocabulary(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read_vocabulary(path: str, mtime_ns: int) -> Vocabulary:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)

    def terms(name: str) -> tuple[Term, ...]:
        return tuple(
            Term(t["id"], dict(t["label"]), dict(t.get("description", {})))
            for t in data.get(name, [])
        )

    return Vocabulary(
        groups=terms("groups"),
        stances=terms("stances"),
        directions=terms("directions"),
        relation_types=tuple(
            RelationType(
                t["id"],
                dict(t["label"]),
                dict(t.get("description", {})),
                approval=bool(t.get("approval", False)),
                conflict=bool(t.get("conflict", False)),
                direction=t.get("direction", "directed"),
            )
            for t in data.get("relation_types", [])
        ),
        roles=tuple(
            Role(
                t["id"],
                dict(t["label"]),
                dict(t.get("description", {})),
                approves=bool(t.get("approves", False)),
                carries=bool(t.get("carries", False)),
            )
            for t in data.get("roles", [])
        ),
        quadrants=terms("quadrants"),
    )


def workshop_vocabulary(store, workshop_id: int) -> Vocabulary:
    """The template vocabulary plus the relation types the workshop added."""
    return load_vocabulary().with_relation_types(
        RelationType(
            row["type"],
            {"fr": row["label_fr"], "en": row["label_en"]},
            approval=row["approval"],
            conflict=row["conflict"],
            direction=row["direction"],
        )
        for row in store.list_relation_types(workshop_id)
    )


# records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """A person or organisation of the map; ``key`` is its id in the workshop."""

    key: str
    name: str
    group: str
    power: int = 3
    interest: int = 3
    stance: str = "unknown"
    notes: str = ""


@dataclass(frozen=True)
class Relation:
    """``source`` ``type`` ``target`` between two actor keys: "city funds association"."""

    source: str
    target: str
    type: str
    weight: float = 1.0
    direction: str = "directed"
    notes: str = ""


@dataclass(frozen=True)
class Link:
    """An actor's ``role`` towards a cluster or idea (``kind``, store id ``ref``)."""

    actor: str
    kind: str
    ref: int
    role: str
    notes: str = ""


@dataclass(frozen=True)
class Target:
    """A cluster or idea shown on the map; an idea may name its ``cluster``."""

    kind: str
    ref: int
    label: str = ""
    cluster: int | None = None


@dataclass(frozen=True)
class StakeholderMap:
    """The records of a map, as read from a file or a template, before it is a graph."""

    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    links: tuple[Link, ...] = ()
    targets: tuple[Target, ...] = ()

    def graph(self, vocabulary: Vocabulary | None = None) -> nx.MultiDiGraph:
        return build_graph(
            self.actors, self.relations, self.links, self.targets, vocabulary=vocabulary
        )


# problems ----------------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "unreadable": {"en": "cannot be read ({reason})", "fr": "illisible ({reason})"},
    "missing_column": {"en": "no “{value}” column", "fr": "pas de colonne « {value} »"},
    "missing_value": {"en": "{field} is empty", "fr": "{field} est vide"},
    "duplicate_element": {
        "en": "the ID “{value}” appears twice",
        "fr": "l'identifiant « {value} » apparaît deux fois",
    },
    "duplicate_actor": {
        "en": "actor “{value}” appears twice",
        "fr": "l'acteur « {value} » apparaît deux fois",
    },
    "unknown_kind": {
        "en": "unknown element type “{value}” (expected one of: {expected})",
        "fr": "type d'élément inconnu « {value} » (valeurs possibles : {expected})",
    },
    "unknown_group": {
        "en": "unknown group “{value}” (expected one of: {expected})",
        "fr": "groupe inconnu « {value} » (valeurs possibles : {expected})",
    },
    "unknown_stance": {
        "en": "unknown stance “{value}” (expected one of: {expected})",
        "fr": "position inconnue « {value} » (valeurs possibles : {expected})",
    },
    "unknown_relation_type": {
        "en": "unknown relation type “{value}” (expected one of: {expected}; a workshop can"
        " add its own types)",
        "fr": "type de relation inconnu « {value} » (valeurs possibles : {expected} ; un"
        " atelier peut ajouter ses propres types)",
    },
    "unknown_role": {
        "en": "unknown role “{value}” (expected one of: {expected})",
        "fr": "rôle inconnu « {value} » (valeurs possibles : {expected})",
    },
    "unknown_direction": {
        "en": "unknown direction “{value}” (expected one of: {expected})",
        "fr": "direction inconnue « {value} » (valeurs possibles : {expected})",
    },
    "bad_scale": {
        "en": "{field} must be a whole number from 1 to 5, not “{value}”",
        "fr": "{field} doit être un nombre entier de 1 à 5, et non « {value} »",
    },
    "bad_weight": {
        "en": "the weight must be a number above 0, not “{value}”",
        "fr": "le poids doit être un nombre supérieur à 0, et non « {value} »",
    },
    "bad_target": {
        "en": "“{value}” is not a cluster or idea id (cluster:<number> or idea:<number>)",
        "fr": "« {value} » n'est pas un identifiant de groupe ou d'idée"
        " (cluster:<nombre> ou idea:<nombre>)",
    },
    "unknown_actor": {
        "en": "no actor “{value}” in this map",
        "fr": "aucun acteur « {value} » dans cette carte",
    },
    "unknown_element": {
        "en": "no element “{value}” in this map",
        "fr": "aucun élément « {value} » dans cette carte",
    },
    "ambiguous_element": {
        "en": "several elements are labelled “{value}”: give them an ID",
        "fr": "plusieurs éléments s'appellent « {value} » : donnez-leur un identifiant (ID)",
    },
    "bad_connection": {
        "en": "a {kind} cannot go from a {source} to a {target}",
        "fr": "un lien de type {kind} ne peut pas aller d'un élément {source} à un élément"
        " {target}",
    },
    "self_relation": {
        "en": "an actor cannot be related to itself",
        "fr": "un acteur ne peut pas être relié à lui-même",
    },
    "duplicate_relation": {
        "en": "the “{value}” relation between these two actors appears twice",
        "fr": "la relation « {value} » entre ces deux acteurs apparaît deux fois",
    },
    "duplicate_link": {
        "en": "this actor is linked there as “{value}” twice",
        "fr": "cet acteur y est relié deux fois comme « {value} »",
    },
    "idea_in_two_clusters": {
        "en": "idea {value} is put in two clusters",
        "fr": "l'idée {value} est placée dans deux groupes",
    },
    "unknown_cluster": {
        "en": "no cluster {value} in this workshop",
        "fr": "aucun groupe {value} dans cet atelier",
    },
    "unknown_idea": {
        "en": "no idea {value} in this workshop",
        "fr": "aucune idée {value} dans cet atelier",
    },
}
WHERE = {
    "en": {"line": "line", "row": "row", "column": "column", "sheet": "sheet"},
    "fr": {"line": "ligne", "row": "ligne", "column": "colonne", "sheet": "feuille"},
}


@dataclass
class MapProblem(RowProblem):
    """Why a map (or a file holding one) was refused, and where: file, sheet, line or row,
    column, or the element (node or edge) of a graph file."""

    sheet: str | None = None
    element: str | None = None
    unit: str = "line"

    def message(self, lang: str = "en") -> str:
        words = WHERE.get(lang, WHERE["en"])
        where = [self.file] if self.file else []
        if self.sheet:
            where.append(f"{words['sheet']} {self.sheet}")
        if self.line is not None:
            where.append(f"{words[self.unit]} {self.line}")
        if self.element:
            where.append(self.element)
        if self.column:
            where.append(f"{words['column']} {self.column}")
        texts = MESSAGES[self.code]
        text = (texts.get(lang) or texts["en"]).format(**self.params)
        return f"{', '.join(where)}: {text}" if where else text


class StakeholderMapError(ValueError):
    """A map was refused; ``problems`` lists every reason with its place."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def messages(self, lang: str = "en") -> list[str]:
        return [p.message(lang) for p in self.problems]


# graph -------------------------------------------------------------------------------------


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
    """The map as a graph (see the module docstring for nodes, edges and attributes).

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


# analysis ----------------------------------------------------------------------------------


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
    conflicts (rules in the module docstring).

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


# starter maps, store -----------------------------------------------------------------------


@dataclass(frozen=True)
class StarterMap:
    """A map to start from (``templates/stakeholders/<slug>.toml``), names in FR and EN."""

    slug: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    path: Path

    def text(self, part: str, lang: str = "fr") -> str:
        values = getattr(self, part)
        return values.get(lang) or values.get("en") or ""


def _starter_folder() -> Path:
    return templates_dir() / "stakeholders"


def list_starter_maps() -> list[StarterMap]:
    """The starter maps of ``templates/stakeholders``, by slug."""
    found = []
    for path in sorted(_starter_folder().glob("*.toml")):
        if path == _vocabulary_path():
            continue
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        found.append(
            StarterMap(
                data.get("slug", path.stem),
                data.get("title", {}),
                data.get("description", {}),
                path,
            )
        )
    return found


def _localised(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return value.get(lang) or value.get("en") or next(iter(value.values()), "")
    return "" if value is None else str(value)


def starter_map(slug: str, language: str = "fr") -> StakeholderMap:
    """The actors and relations of a starter map, names and notes in ``language``."""
    starter = next((s for s in list_starter_maps() if s.slug == slug), None)
    if starter is None:
        raise KeyError(f"No starter map {slug!r} in {_starter_folder()}.")
    vocab = load_vocabulary()
    with starter.path.open("rb") as handle:
        data = tomllib.load(handle)
    actors = tuple(
        Actor(
            key=a["key"],
            name=_localised(a["name"], language),
            group=a["group"],
            power=a.get("power", 3),
            interest=a.get("interest", 3),
            stance=a.get("stance", "unknown"),
            notes=_localised(a.get("notes"), language),
        )
        for a in data.get("actors", [])
    )
    relations = []
    for r in data.get("relations", []):
        kind = vocab.term("relation_types", r["type"])
        default = kind.direction if isinstance(kind, RelationType) else "directed"
        relations.append(
            Relation(
                r["source"],
                r["target"],
                r["type"],
                weight=r.get("weight", 1.0),
                direction=r.get("direction", default),
                notes=_localised(r.get("notes"), language),
            )
        )
    smap = StakeholderMap(actors, tuple(relations))
    problems = check_map(smap, vocab)
    if problems:
        for problem in problems:
            problem.file = starter.path.name
        raise StakeholderMapError(problems)
    return smap


def import_map(
    store,
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
    store, workshop_id: int, template_slug: str, language: str = "fr"
) -> dict[str, dict[str, int]]:
    """Add a starter map's actors and relations to a workshop (idempotent)."""
    return import_map(store, workshop_id, starter_map(template_slug, language))


def _idea_label(idea: dict[str, Any]) -> str:
    text = idea.get("target_label") or ""
    return text if len(text) <= 80 else text[:79] + "…"


def workshop_graph(store, workshop_id: int, *, include_retired: bool = False) -> nx.MultiDiGraph:
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
