"""Where things go on the report's two drawings: the stakeholder map (networkx positions) and
the power/interest grid. Plain numbers in SVG user units; the template draws them, so every
name is escaped by Jinja like any other text of the report."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from cocreate.stakeholders import GRID_THRESHOLD, actor_nodes, layout, quadrant, shown_graph

__all__ = ["MapDrawing", "GridDrawing", "map_drawing", "grid_drawing", "GROUP_COLOURS"]

# Okabe-Ito, as on the Stakeholders page: readable by the common colour blindnesses
GROUP_COLOURS = {
    "citizens": "#E69F00",
    "civil_society": "#CC79A7",
    "city": "#0072B2",
    "industry": "#009E73",
    "academia": "#56B4E9",
    "state": "#555555",
}
OTHER_GROUP_COLOUR = "#999999"
MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 760, 520, 70
GRID_SIZE, GRID_MARGIN = 420, 46
LABEL_CHARS = 28


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class MapNode:
    key: str
    x: float
    y: float
    label: str
    kind: str  # "actor" or "cluster"
    colour: str
    group: str


@dataclass(frozen=True)
class MapEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # "relation" or "link"
    conflict: bool


@dataclass(frozen=True)
class MapDrawing:
    width: int
    height: int
    nodes: list[MapNode]
    edges: list[MapEdge]
    groups: list[str]


def map_drawing(G: nx.MultiDiGraph, *, cluster_label=None, seed: int = 0) -> MapDrawing:
    """The actors, their relations, and the groups of ideas someone is linked to, placed by
    the seeded spring layout the Stakeholders page uses, scaled into the drawing."""
    shown = shown_graph(G, targets=True)
    positions = layout(shown, seed=seed)
    if not positions:
        return MapDrawing(MAP_WIDTH, MAP_HEIGHT, [], [], [])
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def place(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return (
            round(MAP_MARGIN + (x - min(xs)) / span_x * (MAP_WIDTH - 2 * MAP_MARGIN), 1),
            round(MAP_MARGIN / 2 + (y - min(ys)) / span_y * (MAP_HEIGHT - 1.5 * MAP_MARGIN), 1),
        )

    nodes = []
    for node, data in sorted(shown.nodes(data=True)):
        kind = data.get("kind")
        if kind not in ("actor", "cluster"):
            continue
        x, y = place(node)
        label = data.get("label") or ""
        if kind == "cluster" and cluster_label is not None:
            label = cluster_label(data.get("ref"), label)
        group = data.get("group") or ""
        nodes.append(
            MapNode(
                node,
                x,
                y,
                _short(label),
                kind,
                GROUP_COLOURS.get(group, OTHER_GROUP_COLOUR) if kind == "actor" else "#ffffff",
                group,
            )
        )
    drawn = {n.key for n in nodes}
    edges = []
    for u, v, data in sorted(shown.edges(data=True), key=lambda e: (e[0], e[1])):
        if u == v or not {u, v} <= drawn or data.get("kind") not in ("relation", "link"):
            continue
        (x1, y1), (x2, y2) = place(u), place(v)
        edges.append(MapEdge(x1, y1, x2, y2, data["kind"], bool(data.get("conflict"))))
    groups = sorted({n.group for n in nodes if n.kind == "actor"})
    return MapDrawing(MAP_WIDTH, MAP_HEIGHT, nodes, edges, groups)


@dataclass(frozen=True)
class GridActor:
    number: int
    x: float
    y: float
    name: str
    colour: str
    quadrant: str


@dataclass(frozen=True)
class GridDrawing:
    size: int
    margin: int
    threshold_x: float
    threshold_y: float
    actors: list[GridActor]

    def in_quadrant(self, quadrant_id: str) -> list[GridActor]:
        return [a for a in self.actors if a.quadrant == quadrant_id]


QUADRANT_ORDER = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
DOT_SPACING, DOTS_PER_ROW = 24, 3


def grid_drawing(G: nx.MultiDiGraph, *, threshold: int = GRID_THRESHOLD) -> GridDrawing:
    """Each actor a numbered dot at (interest, power) on the 1-5 scales, interest across and
    power up; names go in the lists beside the grid (by number), as names would overlap in
    a cell shared by several actors."""
    cell = GRID_SIZE / 5

    def to_x(interest: float) -> float:
        return GRID_MARGIN + (interest - 0.5) * cell

    def to_y(power: float) -> float:
        return GRID_MARGIN + (5.5 - power) * cell

    def order(node: str) -> tuple:
        data = G.nodes[node]
        where = quadrant(data["power"], data["interest"], threshold=threshold)
        return QUADRANT_ORDER.index(where), str(data.get("label") or node).casefold()

    numbered = {node: n for n, node in enumerate(sorted(actor_nodes(G), key=order), start=1)}
    by_cell: dict[tuple[int, int], list[str]] = {}
    for node in sorted(numbered, key=numbered.get):
        data = G.nodes[node]
        by_cell.setdefault((int(data["interest"]), int(data["power"])), []).append(node)
    actors = []
    for (interest, power), nodes in sorted(by_cell.items()):
        rows = (len(nodes) + DOTS_PER_ROW - 1) // DOTS_PER_ROW
        for rank, node in enumerate(nodes):
            data = G.nodes[node]
            row, column = divmod(rank, DOTS_PER_ROW)
            in_row = min(DOTS_PER_ROW, len(nodes) - row * DOTS_PER_ROW)
            actors.append(
                GridActor(
                    numbered[node],
                    round(to_x(interest) + (column - (in_row - 1) / 2) * DOT_SPACING, 1),
                    round(to_y(power) + (row - (rows - 1) / 2) * DOT_SPACING, 1),
                    str(data.get("label") or node),
                    GROUP_COLOURS.get(data.get("group") or "", OTHER_GROUP_COLOUR),
                    quadrant(power, interest, threshold=threshold),
                )
            )
    edge = threshold - 0.5
    return GridDrawing(
        GRID_SIZE,
        GRID_MARGIN,
        round(to_x(edge), 1),
        round(to_y(edge), 1),
        sorted(actors, key=lambda a: a.number),
    )
