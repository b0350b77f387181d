"""What the Stakeholders page draws: the network and the power/interest grid as Altair charts
(and their Vega-Lite specs), and the map as a file to download. The rules (quadrants, brokers,
who must say yes, what a valid map is, which part of the map is drawn, how an edited table is
saved) stay in :mod:`cocreate.stakeholders`; this module only turns them into pictures."""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import altair as alt
import networkx as nx
import pandas as pd

from cocreate.i18n import t
from cocreate.stakeholders import (
    Vocabulary,
    actor_nodes,
    brokers,
    layout,
    power_interest_grid,
    shown_graph,
    workshop_graph,
    workshop_vocabulary,
    write_gexf,
    write_graphml,
    write_kumu_xlsx,
    write_node_link,
)
from cocreate.ui.cache import vega_spec

if TYPE_CHECKING:
    from cocreate.store import Store

# Okabe-Ito, safe for the common colour blindnesses; its yellow is left out (unreadable on a
# projected white background) and vermillion is kept for opposition
GROUP_COLOURS = {
    "citizens": "#E69F00",
    "civil_society": "#CC79A7",
    "city": "#0072B2",
    "industry": "#009E73",
    "academia": "#56B4E9",
    "state": "#555555",
}
GROUP_SHAPES = {
    "citizens": "circle",
    "civil_society": "diamond",
    "city": "square",
    "industry": "triangle-up",
    "academia": "cross",
    "state": "triangle-down",
}
STANCE_SHAPES = {
    "supports": "triangle-up",
    "neutral": "circle",
    "opposes": "triangle-down",
    "unknown": "diamond",
}
CONFLICT_COLOUR = "#D55E00"
APPROVAL_COLOUR = "#222222"
OTHER_COLOUR = "#808080"
LINK_COLOUR = "#A8A8A8"
RELATION_DASHES = {
    "funds": [1, 0],
    "regulates": [12, 5],
    "delivers": [6, 4],
    "uses": [2, 4],
    "represents": [12, 4, 2, 4],
    "informs": [3, 3],
    "collaborates": [1, 0],
    "opposes": [1, 0],
}
# for relation types a workshop adds
EXTRA_DASHES = [[8, 3, 2, 3, 2, 3], [16, 4], [4, 2], [10, 2, 2, 2]]
QUADRANT_SHADES = {
    "manage_closely": "#F6D7C3",
    "keep_satisfied": "#DCE8F5",
    "keep_informed": "#E3F1E0",
    "monitor": "#EFEFEF",
}
FONT_SIZE = 18
LEGEND = {
    "labelFontSize": 16,
    "titleFontSize": 16,
    "symbolSize": 420,
    "labelLimit": 420,
    "orient": "bottom",
    "direction": "horizontal",
    "labelColor": "#1F1F1F",
    "titleColor": "#1F1F1F",
}
AXIS = {
    "labelFontSize": 16,
    "titleFontSize": 18,
    "labelColor": "#1F1F1F",
    "titleColor": "#1F1F1F",
}
LABEL_WIDTH = 20
# the angle of a line on screen, whatever the chart's width: computed by Vega from the scales
SCREEN_ANGLE = (
    "atan2(scale('y', datum.y2) - scale('y', datum.y), scale('x', datum.x2) - scale('x', datum.x))"
    " * 180 / PI"
)
BROKERS_SHOWN = 3

# the usual size of the map's plot on a wide page projected at 1600x900: labels are placed
# for it (a narrower screen squeezes them a little, it does not make them collide much more)
PLOT_WIDTH, PLOT_HEIGHT = 1100, 500
LINE_HEIGHT = FONT_SIZE * 1.2
CHAR_WIDTH = FONT_SIZE * 0.58
NOTE_FONT_SIZE = 15
NOTE_CHAR_WIDTH = NOTE_FONT_SIZE * 0.55
LABEL_GAP = 5
# pixels between two relations of the same pair of actors
PARALLEL_GAP = 9
TARGET_RADIUS = 13
# names are written where place_labels put them, on a white halo that hides the lines below
PLACED_LABEL = {
    "align": alt.expr("datum.align"),
    "baseline": alt.expr("datum.baseline"),
    "dx": alt.expr("datum.dx"),
    "dy": alt.expr("datum.dy"),
    "lineBreak": "\n",
    "lineHeight": LINE_HEIGHT,
}
HALO = {"stroke": "white", "strokeWidth": 6, "strokeOpacity": 0.95, "strokeJoin": "round"}
# where a name may go around its point, in order of preference
PLACES = (
    "below",
    "right",
    "above",
    "left",
    "below_right",
    "above_right",
    "below_left",
    "above_left",
)
# interest runs wider than 5.5 to leave room for the names written right of the points
GRID_X = (0.5, 6.4)
# how far from their cell's centre actors sharing it are moved, up and down (less than half
# a step: they stay nearer their own cell than any other)
CELL_SPREAD = 0.38
GRID_Y = (0.5, 5.5)


CHART_WORDS = (
    "name",
    "group",
    "power",
    "interest",
    "stance",
    "notes",
    "source",
    "target",
    "weight",
    "direction",
    "role",
    "cluster",
    "quadrant",
)


def chart_titles(lang: str) -> dict[str, str]:
    """The translated column and legend words the charts and tables use."""
    titles = {word: t(f"stakeholders.col_{word}", lang) for word in CHART_WORDS}
    titles["relation"] = t("stakeholders.col_type", lang)
    titles["hint"] = t("stakeholders.col_hint", lang)
    return titles


def wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """A name on a few short lines (the charts break lines at "\\n")."""
    return "\n".join(textwrap.wrap(" ".join(str(text).split()), width, break_long_words=False))


def relation_style(vocab: Vocabulary) -> dict[str, dict[str, Any]]:
    """Colour and dash pattern of each relation type: opposition in vermillion, approval
    (money, rules) in near black, the rest grey; one dash pattern per type."""
    styles = {}
    extra = iter(EXTRA_DASHES * len(vocab.relation_types))
    for kind in vocab.relation_types:
        if kind.conflict:
            colour = CONFLICT_COLOUR
        elif kind.approval:
            colour = APPROVAL_COLOUR
        else:
            colour = OTHER_COLOUR
        styles[kind.id] = {"colour": colour, "dash": RELATION_DASHES.get(kind.id) or next(extra)}
    return styles


# the network --------------------------------------------------------------------------------


def _overlap(a: tuple, b: tuple) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _crosses(segment: tuple, box: tuple) -> bool:
    """Whether a line segment passes through a box (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low > high:
            return False
    return True


def _label_box(place: str, cx: float, cy: float, r: float, w: float, h: float):
    """The box of a label put at ``place`` around a point, and the text mark's properties
    (align, baseline, dx, dy) that draw it there. Vega sets the baseline of a multi-line
    text on its first line, so every label hangs from the top of its box."""
    gap = r + LABEL_GAP
    diagonal = gap * 0.75
    vertical, _, horizontal = place.partition("_")
    if place in ("right", "left"):
        top = cy - h / 2
    elif vertical == "below":
        top = cy + (diagonal if horizontal else gap)
    else:
        top = cy - (diagonal if horizontal else gap) - h
    if place == "right" or horizontal == "right":
        left, align = cx + (gap if place == "right" else diagonal), "left"
    elif place == "left" or horizontal == "left":
        left, align = cx - (gap if place == "left" else diagonal) - w, "right"
    else:
        left, align = cx - w / 2, "center"
    anchor = {"left": left, "right": left + w, "center": cx}[align]
    return (align, "top", anchor - cx, top - cy), (left, top, left + w, top + h)


def place_labels(
    points: list[dict[str, Any]],
    segments: list[tuple[float, float, float, float]],
    x_domain: list[float],
    y_domain: list[float],
    notes: Iterable[tuple[float, float, str]] = (),
) -> list[dict[str, Any]]:
    """Where to write each point's label so that it covers as few other points, labels and
    lines as it can: greedy, most crowded points first, deterministic.

    ``points`` have ``x``, ``y`` (data), ``radius`` (pixels) and ``label`` (lines split at
    "\n"); ``segments`` are the lines drawn and ``notes`` the short texts centred at a
    fixed place (x, y, text), in data coordinates. Returns, per point, the text mark's
    ``align``, ``baseline``, ``dx`` and ``dy``.
    """

    def pixels(x: float, y: float) -> tuple[float, float]:
        return (
            (x - x_domain[0]) / ((x_domain[1] - x_domain[0]) or 1.0) * PLOT_WIDTH,
            (1 - (y - y_domain[0]) / ((y_domain[1] - y_domain[0]) or 1.0)) * PLOT_HEIGHT,
        )

    centres = [pixels(p["x"], p["y"]) for p in points]
    discs = [
        (cx - p["radius"], cy - p["radius"], cx + p["radius"], cy + p["radius"])
        for (cx, cy), p in zip(centres, points, strict=True)
    ]
    lines = [(*pixels(x1, y1), *pixels(x2, y2)) for x1, y1, x2, y2 in segments]
    crowding = [sum(1 for other in centres if math.dist(centre, other) < 160) for centre in centres]
    order = sorted(range(len(points)), key=lambda i: (-crowding[i], i))
    placed: list[tuple] = []
    for x, y, text in notes:
        (cx, cy), half = pixels(x, y), len(text) * NOTE_CHAR_WIDTH / 2
        placed.append((cx - half, cy - LINE_HEIGHT / 2, cx + half, cy + LINE_HEIGHT / 2))
    chosen: dict[int, tuple] = {}
    frame = (0.0, 0.0, PLOT_WIDTH, PLOT_HEIGHT)
    for i in order:
        text_lines = str(points[i]["label"]).split("\n")
        w = max(len(line) for line in text_lines) * CHAR_WIDTH
        h = len(text_lines) * LINE_HEIGHT
        best = None
        for rank, place in enumerate(PLACES):
            marks, box = _label_box(place, *centres[i], points[i]["radius"], w, h)
            cost = rank * 40.0
            cost += 4 * sum(_overlap(box, disc) for j, disc in enumerate(discs) if j != i)
            cost += 4 * sum(_overlap(box, other) for other in placed)
            cost += 250 * sum(1 for line in lines if _crosses(line, box))
            cost += 6 * (w * h - _overlap(box, frame))
            if best is None or cost < best[0]:
                best = (cost, marks, box)
        chosen[i] = best[1]
        placed.append(best[2])
    return [
        dict(zip(("align", "baseline", "dx", "dy"), chosen[i], strict=True))
        for i in range(len(points))
    ]


def network_frames(
    G: nx.MultiDiGraph,
    vocab: Vocabulary,
    lang: str,
    *,
    size_by: str = "power",
    seed: int = 0,
) -> dict[str, Any]:
    """The tables the network chart draws: ``nodes`` (actors, with where their name goes),
    ``targets`` (clusters and ideas), ``edges`` (relations), ``arrows`` (direction marks),
    ``links`` (actor to cluster or idea) and ``rings`` (the brokers), and the ``x_domain``
    and ``y_domain`` of the plot. Positions come from
    :func:`cocreate.stakeholders.layout` with ``seed``."""
    positions = layout(G, seed=seed)
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    centrality = {row["node"]: row for row in brokers(G)}
    top = [
        row["node"] for row in list(centrality.values())[:BROKERS_SHOWN] if row["betweenness"] > 0
    ]
    nodes = []
    for node in actor_nodes(G):
        d = G.nodes[node]
        between = centrality[node]["betweenness"]
        size = 260 + 170 * d["power"] if size_by == "power" else 420 + 2400 * between
        nodes.append(
            {
                "node": node,
                "name": d["label"],
                "label": wrap(d["label"]),
                "group": vocab.label("groups", d["group"], lang),
                "group_id": d["group"],
                "power": d["power"],
                "interest": d["interest"],
                "stance": vocab.label("stances", d["stance"], lang),
                "betweenness": round(between, 3),
                "notes": d.get("notes", ""),
                "size": size,
                "x": positions[node][0],
                "y": positions[node][1],
            }
        )
    node_frame = pd.DataFrame(
        nodes,
        columns=[
            "node",
            "name",
            "label",
            "group",
            "group_id",
            "power",
            "interest",
            "stance",
            "betweenness",
            "notes",
            "size",
            "x",
            "y",
        ],
    )
    sizes = dict(zip(node_frame["node"], node_frame["size"], strict=True))
    rings = node_frame[node_frame["node"].isin(top)][["node", "name", "x", "y"]].copy()
    rings["size"] = [sizes[n] * 2.4 + 400 for n in rings["node"]]
    targets = [
        {
            "node": n,
            "name": d["label"],
            "label": wrap(d["label"], 24),
            "kind": d["kind"],
            "x": positions[n][0],
            "y": positions[n][1],
        }
        for n, d in sorted(G.nodes(data=True))
        if d.get("kind") != "actor"
    ]
    x_domain = _domain(xs, 0.08, 0.08)
    y_domain = _domain(ys, 0.1, 0.06)
    # data units per pixel of the usual plot
    x_unit = (x_domain[1] - x_domain[0]) / PLOT_WIDTH
    y_unit = (y_domain[1] - y_domain[0]) / PLOT_HEIGHT
    styles = relation_style(vocab)
    relations = [
        (u, v, d) for u, v, d in G.edges(data=True) if d.get("kind") == "relation" and u != v
    ]
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, (u, v, _) in enumerate(relations):
        pairs.setdefault((min(u, v), max(u, v)), []).append(i)
    edges, arrows = [], []
    for i, (u, v, d) in enumerate(relations):
        (x1, y1), (x2, y2) = positions[u], positions[v]
        # parallel relations between the same two actors are drawn side by side
        siblings = pairs[(min(u, v), max(u, v))]
        shift = (siblings.index(i) - (len(siblings) - 1) / 2) * PARALLEL_GAP
        if shift:
            # the gap is measured on screen, where x and y are not scaled alike
            (ax, ay), (bx, by) = positions[min(u, v)], positions[max(u, v)]
            px, py = (bx - ax) / x_unit, (by - ay) / y_unit
            length = math.hypot(px, py) or 1.0
            off_x, off_y = -py / length * shift * x_unit, px / length * shift * y_unit
            x1, y1, x2, y2 = x1 + off_x, y1 + off_y, x2 + off_x, y2 + off_y
        kind = d["relation"]
        row = {
            "relation": vocab.label("relation_types", kind, lang),
            "relation_id": kind,
            "source": G.nodes[u]["label"],
            "target": G.nodes[v]["label"],
            "weight": d["weight"],
            "direction": vocab.label("directions", d["direction"], lang),
            "width": 1.6 + 1.2 * min(d["weight"], 4.0),
            "colour": styles.get(kind, {"colour": OTHER_COLOUR})["colour"],
        }
        edges.append({**row, "x": x1, "y": y1, "x2": x2, "y2": y2})
        # a triangle on the line points the way the relation goes (both ways if mutual)
        heads = {"directed": [(0.55, False)], "mutual": [(0.57, False), (0.43, True)]}
        for at, backwards in heads.get(d["direction"], []):
            arrows.append(
                {
                    **row,
                    "x": x2 if backwards else x1,
                    "y": y2 if backwards else y1,
                    "x2": x1 if backwards else x2,
                    "y2": y1 if backwards else y2,
                    "mx": x1 + (x2 - x1) * at,
                    "my": y1 + (y2 - y1) * at,
                }
            )
    links = []
    for u, v, d in G.edges(data=True):
        if d.get("kind") != "link":
            continue
        (x1, y1), (x2, y2) = positions[u], positions[v]
        links.append(
            {
                "actor": G.nodes[u]["label"],
                "target": G.nodes[v]["label"],
                "role": vocab.label("roles", d["role"], lang),
                "x": x1,
                "y": y1,
                "x2": x2,
                "y2": y2,
                "mx": (x1 + x2) / 2,
                "my": (y1 + y2) / 2,
            }
        )
    edge_columns = ["relation", "relation_id", "source", "target", "weight", "direction"]
    edge_columns += ["width", "colour", "x", "y", "x2", "y2"]
    target_frame = pd.DataFrame(targets, columns=["node", "name", "label", "kind", "x", "y"])
    rings_at = dict(zip(rings["node"], rings["size"], strict=True))
    points = [
        {
            "x": row["x"],
            "y": row["y"],
            "label": row["label"],
            "radius": math.sqrt(rings_at.get(row["node"], row["size"])) / 2,
        }
        for row in node_frame.to_dict("records")
    ] + [
        {"x": row["x"], "y": row["y"], "label": row["label"], "radius": TARGET_RADIUS}
        for row in target_frame.to_dict("records")
    ]
    segments = [(e["x"], e["y"], e["x2"], e["y2"]) for e in edges + links]
    marks = pd.DataFrame(
        place_labels(
            points,
            segments,
            x_domain,
            y_domain,
            notes=[(link["mx"], link["my"], link["role"]) for link in links],
        ),
        columns=["align", "baseline", "dx", "dy"],
    )
    node_frame = pd.concat([node_frame, marks.iloc[: len(node_frame)]], axis=1)
    target_frame = pd.concat(
        [target_frame, marks.iloc[len(node_frame) :].reset_index(drop=True)], axis=1
    )
    return {
        "x_domain": x_domain,
        "y_domain": y_domain,
        "nodes": node_frame,
        "rings": rings,
        "targets": target_frame,
        "edges": pd.DataFrame(edges, columns=edge_columns),
        "arrows": pd.DataFrame(arrows, columns=[*edge_columns, "mx", "my"]),
        "links": pd.DataFrame(
            links, columns=["actor", "target", "role", "x", "y", "x2", "y2", "mx", "my"]
        ),
    }


def _domain(values: Iterable[float], low: float, high: float) -> list[float]:
    values = list(values) or [0.0]
    span = (max(values) - min(values)) or 1.0
    return [min(values) - low * span, max(values) + high * span]


def network_chart(
    frames: dict[str, pd.DataFrame],
    vocab: Vocabulary,
    lang: str,
    titles: dict[str, str],
    *,
    height: int = 720,
) -> alt.LayerChart:
    """The network: actors coloured and shaped by group, names under them, relations styled
    by type with a ">" for their direction, clusters as white squares; ``titles`` holds the
    translated words ``group``, ``relation``, ``name``, ``power``, ``interest``,
    ``stance``, ``weight``, ``direction``, ``role``, ``source``, ``target``."""
    nodes, edges = frames["nodes"], frames["edges"]
    x_scale = alt.Scale(domain=frames["x_domain"], nice=False, zero=False)
    y_scale = alt.Scale(domain=frames["y_domain"], nice=False, zero=False)
    x = alt.X("x:Q", axis=None, scale=x_scale)
    y = alt.Y("y:Q", axis=None, scale=y_scale)
    groups = [term.id for term in vocab.groups]
    group_scale = {
        "domain": [vocab.label("groups", g, lang) for g in groups],
    }
    styles = relation_style(vocab)
    present = [k.id for k in vocab.relation_types if k.id in set(edges["relation_id"])]
    relation_domain = [vocab.label("relation_types", k, lang) for k in present]
    relation_legend = alt.Legend(
        title=titles["relation"],
        symbolType="stroke",
        symbolStrokeWidth=3,
        symbolSize=900,
        columns=4,
        **{k: v for k, v in LEGEND.items() if k != "symbolSize"},
    )
    edge_tooltip = [
        alt.Tooltip("relation:N", title=titles["relation"]),
        alt.Tooltip("source:N", title=titles["source"]),
        alt.Tooltip("target:N", title=titles["target"]),
        alt.Tooltip("weight:Q", title=titles["weight"]),
        alt.Tooltip("direction:N", title=titles["direction"]),
    ]
    layers = []
    if not frames["links"].empty:
        links = alt.Chart(frames["links"])
        # a wide pale band, unlike any relation line: this actor has a role in that cluster
        layers.append(
            links.mark_rule(
                color=LINK_COLOUR, strokeWidth=8, opacity=0.55, strokeCap="round"
            ).encode(
                x=x,
                y=y,
                x2="x2:Q",
                y2="y2:Q",
                tooltip=[
                    alt.Tooltip("actor:N", title=titles["name"]),
                    alt.Tooltip("role:N", title=titles["role"]),
                    alt.Tooltip("target:N", title=titles["cluster"]),
                ],
            )
        )
        role = {"fontSize": NOTE_FONT_SIZE, "fontStyle": "italic"}
        for style in ({**role, **HALO}, {**role, "color": "#3A3A3A"}):
            layers.append(
                links.mark_text(**style).encode(
                    x=alt.X("mx:Q", axis=None, scale=x_scale),
                    y=alt.Y("my:Q", axis=None, scale=y_scale),
                    text="role:N",
                )
            )
    if not edges.empty:
        stroke = alt.Stroke(
            "relation:N",
            scale=alt.Scale(domain=relation_domain, range=[styles[k]["colour"] for k in present]),
            legend=relation_legend,
        )
        dash = alt.StrokeDash(
            "relation:N",
            scale=alt.Scale(domain=relation_domain, range=[styles[k]["dash"] for k in present]),
            legend=relation_legend,
        )
        layers.append(
            alt.Chart(edges)
            .mark_rule(opacity=0.9)
            .encode(
                x=x,
                y=y,
                x2="x2:Q",
                y2="y2:Q",
                stroke=stroke,
                strokeDash=dash,
                strokeWidth=alt.StrokeWidth("width:Q", scale=None),
                tooltip=edge_tooltip,
            )
        )
        if not frames["arrows"].empty:
            layers.append(
                alt.Chart(frames["arrows"])
                .mark_point(
                    shape="triangle-right", filled=True, opacity=1, angle=alt.expr(SCREEN_ANGLE)
                )
                .encode(
                    x=alt.X("mx:Q", axis=None, scale=x_scale),
                    y=alt.Y("my:Q", axis=None, scale=y_scale),
                    fill=alt.Fill(
                        "relation:N",
                        scale=alt.Scale(
                            domain=relation_domain, range=[styles[k]["colour"] for k in present]
                        ),
                        legend=None,
                    ),
                    size=alt.value(260),
                    tooltip=edge_tooltip,
                )
            )
    targets = frames["targets"]
    if not targets.empty:
        target_chart = alt.Chart(targets)
        layers.append(
            target_chart.mark_point(
                shape="square",
                size=(2 * TARGET_RADIUS) ** 2,
                filled=True,
                fill="white",
                stroke="#333333",
                strokeWidth=2,
            ).encode(x=x, y=y, tooltip=alt.Tooltip("name:N", title=titles["cluster"]))
        )
        cluster_label = {**PLACED_LABEL, "fontSize": FONT_SIZE - 1, "fontStyle": "italic"}
        layers.append(
            target_chart.mark_text(**cluster_label, **HALO).encode(x=x, y=y, text="label:N")
        )
        layers.append(
            target_chart.mark_text(**cluster_label, color="#333333").encode(
                x=x, y=y, text="label:N"
            )
        )
    if not frames["rings"].empty:
        layers.append(
            alt.Chart(frames["rings"])
            .mark_point(shape="circle", filled=False, stroke="#111111", strokeWidth=3)
            .encode(x=x, y=y, size=alt.Size("size:Q", scale=None))
        )
    node_chart = alt.Chart(nodes)
    # the groups above the map, the relation types below: side by side they run off the edge
    group_legend = alt.Legend(title=titles["group"], columns=3, **{**LEGEND, "orient": "top"})
    layers.append(
        node_chart.mark_point(filled=True, opacity=1, stroke="white", strokeWidth=1.5).encode(
            x=x,
            y=y,
            color=alt.Color(
                "group:N",
                scale=alt.Scale(**group_scale, range=[GROUP_COLOURS[g] for g in groups]),
                legend=group_legend,
            ),
            shape=alt.Shape(
                "group:N",
                scale=alt.Scale(**group_scale, range=[GROUP_SHAPES[g] for g in groups]),
                legend=group_legend,
            ),
            size=alt.Size("size:Q", scale=None),
            tooltip=[
                alt.Tooltip("name:N", title=titles["name"]),
                alt.Tooltip("group:N", title=titles["group"]),
                alt.Tooltip("power:Q", title=titles["power"]),
                alt.Tooltip("interest:Q", title=titles["interest"]),
                alt.Tooltip("stance:N", title=titles["stance"]),
                alt.Tooltip("notes:N", title=titles["notes"]),
            ],
        )
    )
    label = {**PLACED_LABEL, "fontSize": FONT_SIZE, "fontWeight": "bold"}
    layers.append(node_chart.mark_text(**label, **HALO).encode(x=x, y=y, text="label:N"))
    layers.append(node_chart.mark_text(**label, color="#1F1F1F").encode(x=x, y=y, text="label:N"))
    return alt.layer(*layers).properties(height=height).configure_view(stroke=None)


# the power/interest grid --------------------------------------------------------------------


def network_spec(
    store: Store, workshop_id: int, lang: str, size_by: str = "power", targets: bool | None = None
) -> dict[str, Any]:
    """The network chart of the workshop's stored map as a Vega-Lite spec (the pages keep it
    per workshop revision); ``targets`` as in
    :func:`cocreate.stakeholders.shown_graph`, None: the whole graph."""
    vocab = workshop_vocabulary(store, workshop_id)
    G = workshop_graph(store, workshop_id)
    if targets is not None:
        G = shown_graph(G, targets=targets)
    frames = network_frames(G, vocab, lang, size_by=size_by, seed=0)
    return vega_spec(network_chart(frames, vocab, lang, chart_titles(lang)))


def grid_spec(store: Store, workshop_id: int, lang: str) -> dict[str, Any]:
    """The power/interest grid of the workshop's stored map as a Vega-Lite spec."""
    vocab = workshop_vocabulary(store, workshop_id)
    G = workshop_graph(store, workshop_id)
    return vega_spec(grid_chart(grid_frame(G, vocab, lang), vocab, lang, chart_titles(lang)))


def grid_frame(G: nx.MultiDiGraph, vocab: Vocabulary, lang: str) -> pd.DataFrame:
    """One row per actor at (interest, power); actors sharing a cell are spread up and down
    it, in name order, so that none hides another."""
    quadrants = power_interest_grid(G)
    rows = []
    for node in actor_nodes(G):
        d = G.nodes[node]
        rows.append(
            {
                "node": node,
                "name": d["label"],
                "label": wrap(d["label"]),
                "group": vocab.label("groups", d["group"], lang),
                "group_id": d["group"],
                "stance": vocab.label("stances", d["stance"], lang),
                "stance_id": d["stance"],
                "power": d["power"],
                "interest": d["interest"],
                "quadrant": vocab.label("quadrants", quadrants[node], lang),
                "quadrant_id": quadrants[node],
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "node",
            "name",
            "label",
            "group",
            "group_id",
            "stance",
            "stance_id",
            "power",
            "interest",
            "quadrant",
            "quadrant_id",
        ],
    )
    frame["x"] = frame["interest"].astype(float)
    frame["y"] = frame["power"].astype(float)
    for _, cell in frame.groupby(["power", "interest"]):
        if len(cell) < 2:
            continue
        order = cell.sort_values("name", key=lambda s: s.str.casefold()).index
        step = 2 * CELL_SPREAD / (len(order) - 1)
        for i, index in enumerate(order):
            frame.loc[index, "y"] += CELL_SPREAD - i * step
    # Vega hangs a multi-line text from its first line: centre the block on the point
    frame["dy"] = [-(label.count("\n")) * LINE_HEIGHT / 2 for label in frame["label"]]
    return frame


def grid_chart(
    frame: pd.DataFrame,
    vocab: Vocabulary,
    lang: str,
    titles: dict[str, str],
    *,
    height: int = 760,
) -> alt.LayerChart:
    """The power/interest grid: the four quadrants shaded and named, each actor a point
    coloured by group and shaped by stance, its name beside it."""
    low, high = GRID_X[0], 2.5
    boxes = {
        "keep_satisfied": (low, high, 2.5, GRID_Y[1]),
        "manage_closely": (high, GRID_X[1], 2.5, GRID_Y[1]),
        "monitor": (low, high, GRID_Y[0], 2.5),
        "keep_informed": (high, GRID_X[1], GRID_Y[0], 2.5),
    }
    quadrants = pd.DataFrame(
        [
            {
                "quadrant": vocab.label("quadrants", q, lang),
                "hint": vocab.term("quadrants", q).description.get(lang, ""),
                "x": x1,
                "x2": x2,
                "y": y1,
                "y2": y2,
                "shade": QUADRANT_SHADES[q],
                "tx": x1 + 0.06,
                "ty": y2 - 0.06,
            }
            for q, (x1, x2, y1, y2) in boxes.items()
        ]
    )
    x_scale = alt.Scale(domain=list(GRID_X), nice=False, zero=False)
    y_scale = alt.Scale(domain=list(GRID_Y), nice=False, zero=False)
    axis = {"values": [1, 2, 3, 4, 5], "grid": False, **AXIS}
    x_axis = alt.Axis(title=f"{titles['interest']} →", **axis)
    y_axis = alt.Axis(title=f"{titles['power']} →", **axis)
    x = alt.X("x:Q", scale=x_scale, axis=x_axis)
    y = alt.Y("y:Q", scale=y_scale, axis=y_axis)
    shaded = (
        alt.Chart(quadrants)
        .mark_rect(opacity=0.75)
        .encode(
            x=x,
            x2="x2:Q",
            y=y,
            y2="y2:Q",
            fill=alt.Fill("shade:N", scale=None),
            tooltip=[
                alt.Tooltip("quadrant:N", title=titles["quadrant"]),
                alt.Tooltip("hint:N", title=titles["hint"]),
            ],
        )
    )
    names = (
        alt.Chart(quadrants)
        .mark_text(
            align="left",
            baseline="top",
            fontSize=22,
            fontWeight="bold",
            color="#5A5A5A",
        )
        .encode(
            # the same axes as the other layers: a layer without axis would drop them
            x=alt.X("tx:Q", scale=x_scale, axis=x_axis),
            y=alt.Y("ty:Q", scale=y_scale, axis=y_axis),
            text="quadrant:N",
        )
    )
    groups = [term.id for term in vocab.groups]
    stances = [term.id for term in vocab.stances]
    points = alt.Chart(frame)
    dots = points.mark_point(
        filled=True, opacity=1, size=380, stroke="white", strokeWidth=1
    ).encode(
        x=x,
        y=y,
        color=alt.Color(
            "group:N",
            scale=alt.Scale(
                domain=[vocab.label("groups", g, lang) for g in groups],
                range=[GROUP_COLOURS[g] for g in groups],
            ),
            legend=alt.Legend(title=titles["group"], columns=3, **{**LEGEND, "orient": "top"}),
        ),
        shape=alt.Shape(
            "stance:N",
            scale=alt.Scale(
                domain=[vocab.label("stances", s, lang) for s in stances],
                range=[STANCE_SHAPES[s] for s in stances],
            ),
            legend=alt.Legend(title=titles["stance"], columns=4, **LEGEND),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=titles["name"]),
            alt.Tooltip("group:N", title=titles["group"]),
            alt.Tooltip("power:Q", title=titles["power"]),
            alt.Tooltip("interest:Q", title=titles["interest"]),
            alt.Tooltip("stance:N", title=titles["stance"]),
            alt.Tooltip("quadrant:N", title=titles["quadrant"]),
        ],
    )
    label = {"align": "left", "baseline": "middle", "dx": 15, "fontSize": 16, "lineBreak": "\n"}
    label |= {"lineHeight": LINE_HEIGHT, "dy": alt.expr("datum.dy")}
    halo = points.mark_text(stroke="white", strokeWidth=5, strokeOpacity=0.9, **label).encode(
        x=x, y=y, text="label:N"
    )
    words = points.mark_text(color="#1F1F1F", fontWeight="bold", **label).encode(
        x=x, y=y, text="label:N"
    )
    return (
        alt.layer(shaded, names, dots, halo, words)
        .properties(height=height)
        .configure_view(stroke=None)
    )


# exports ------------------------------------------------------------------------------------

EXPORTS: dict[str, tuple[str, str, Callable]] = {
    "graphml": (".graphml", "application/graphml+xml", write_graphml),
    "gexf": (".gexf", "application/gexf+xml", write_gexf),
    "json": (".json", "application/json", write_node_link),
    "kumu": (
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        write_kumu_xlsx,
    ),
}


def map_bytes(G: nx.MultiDiGraph, fmt: str) -> bytes:
    """The map as a file of format ``fmt`` (a key of ``EXPORTS``), in memory."""
    buffer = io.BytesIO()
    EXPORTS[fmt][2](G, buffer)
    return buffer.getvalue()
