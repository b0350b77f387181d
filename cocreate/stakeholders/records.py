"""The records of a stakeholder map before it is a graph: actors, relations between them,
links from actors to clusters or ideas, the clusters and ideas shown (targets), and the
:class:`StakeholderMap` that holds them (as read from a file, a template or an edited
table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from cocreate.stakeholders.vocabulary import Vocabulary

TARGET_KINDS = ("cluster", "idea")
NODE_KINDS = ("actor", *TARGET_KINDS)
SCALE = (1, 2, 3, 4, 5)


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
        # graph.py imports these records: build_graph is imported when a map is drawn
        from cocreate.stakeholders.graph import build_graph

        return build_graph(
            self.actors, self.relations, self.links, self.targets, vocabulary=vocabulary
        )
