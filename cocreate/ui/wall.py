"""What the Clusters page draws from the store's rows: map points and the map chart, texts
escaped and shortened for display, the shared embedding model (only the model cache touches
Streamlit). The rules that decide data (near-duplicate suggestions, merge batches, a card's
distinct representatives, the rows the page reads, the model of a recorded wall) live in
:mod:`cocreate.clustering`; they stay importable from here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from cocreate.clustering.embed import Embedder, resolve_embedder

# moved into the library; importable from here as before
from cocreate.clustering.embed import model_spec_for as model_spec_for
from cocreate.clustering.wall import distinct_representatives as distinct_representatives
from cocreate.clustering.wall import duplicate_suggestions as duplicate_suggestions
from cocreate.clustering.wall import merge_batches as merge_batches
from cocreate.clustering.wall import wall_rows as wall_rows
from cocreate.ui.plain_text import LINE_START_MARKER as LINE_START_MARKER
from cocreate.ui.plain_text import MARKDOWN_SPECIALS as MARKDOWN_SPECIALS
from cocreate.ui.plain_text import escape_markdown as escape_markdown


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@st.cache_resource(show_spinner=False, max_entries=4)
def _loaded_embedder(spec: str | None, language: str | None) -> Embedder:
    return resolve_embedder(spec, language=language)


def shared_embedder(spec: str | None, language: str) -> Embedder:
    """One model object per spec for the whole server: loading a model takes seconds.
    The workshop language only matters when no spec is given."""
    return _loaded_embedder(spec, None if spec else language)


def map_frame(
    store, workshop_id: int, labels: dict[int, str], limit: int, seed: int
) -> tuple[pd.DataFrame, int]:
    """:func:`map_points` of the workshop's stored positions."""
    ideas = {idea["id"]: idea for idea in store.list_ideas(workshop_id)}
    return map_points(store.assignments(workshop_id), labels, ideas, limit=limit, seed=seed)


def map_points(
    assignments: Iterable[dict[str, Any]],
    labels: dict[int, str],
    ideas: dict[int, dict[str, Any]],
    *,
    limit: int,
    seed: int = 0,
    text_chars: int = 160,
) -> tuple[pd.DataFrame, int]:
    """One row per placed idea (x, y, group, text for the tooltip), at most ``limit`` of
    them as a fixed random sample; also returns how many ideas have a position."""
    rows = [
        a
        for a in assignments
        if a["x"] is not None and a["cluster_id"] in labels and a["idea_id"] in ideas
    ]
    total = len(rows)
    frame = pd.DataFrame(rows, columns=["idea_id", "cluster_id", "x", "y", "loose"])
    if total > limit:
        frame = frame.sample(n=limit, random_state=seed).sort_index()
    frame["group"] = frame["cluster_id"].map(labels)
    frame["text"] = [shorten(ideas[i]["text"], text_chars) for i in frame["idea_id"]]
    frame["votes"] = [ideas[i]["votes"] or 0 for i in frame["idea_id"]]
    frame["loose"] = frame["loose"].astype(bool)
    return frame, total


# the map's height, and the width its labels are spaced for (the page is usually wider: a
# narrower guess only spaces them more)
MAP_HEIGHT_PX = 620
MAP_WIDTH_PX = 900
# a group name at 14 px bold: about this wide per character, this tall
LABEL_CHAR_PX = 8.0
LABEL_LINE_PX = 18.0
# where a name may go, in pixels below its group's centre (negative: above), in this order
LABEL_OFFSETS_PX = (-12, 16, -30, 34, -48, 52)
# empty pixels kept on each side of the dots (the scales' padding)
MAP_PADDING_PX = 24


def place_labels(
    centres: pd.DataFrame,
    x_domain: tuple[float, float],
    y_domain: tuple[float, float],
    width_px: float = MAP_WIDTH_PX,
    height_px: float = MAP_HEIGHT_PX,
) -> pd.DataFrame:
    """``centres`` (group, x, y) with ``label_y``: each name just above its group's centre,
    or, where that would overlap a name placed before it (rows in order), the first offset of
    ``LABEL_OFFSETS_PX`` that overlaps none; if none is free, above the centre anyway."""
    inner_width, inner_height = width_px - 2 * MAP_PADDING_PX, height_px - 2 * MAP_PADDING_PX
    x_scale = inner_width / max(x_domain[1] - x_domain[0], 1e-9)
    y_scale = inner_height / max(y_domain[1] - y_domain[0], 1e-9)
    placed: list[tuple[float, float, float]] = []
    label_y = []
    for group, x, y in zip(centres["group"], centres["x"], centres["y"], strict=True):
        half_width = len(str(group)) * LABEL_CHAR_PX / 2
        centre_x, centre_y = (x - x_domain[0]) * x_scale, (y_domain[1] - y) * y_scale
        boxes = [
            (centre_x - half_width, centre_x + half_width, centre_y + dy - LABEL_LINE_PX / 2)
            for dy in LABEL_OFFSETS_PX
        ]
        free = [
            box
            for box in boxes
            if not any(
                box[0] < right and left < box[1] and abs(box[2] - top) < LABEL_LINE_PX
                for left, right, top in placed
            )
        ]
        left, right, top = (free or boxes)[0]
        placed.append((left, right, top))
        label_y.append(y_domain[1] - (top + LABEL_LINE_PX / 2) / y_scale)
    return centres.assign(label_y=label_y)


def axis_domain(values: pd.Series) -> tuple[float, float]:
    """The values' range, widened to one unit around a single value (or none)."""
    if values.empty:
        return 0.0, 1.0
    low, high = float(values.min()), float(values.max())
    return (low, high) if high > low else (low - 1.0, high + 1.0)


def map_chart(
    points: pd.DataFrame, named: list[str], titles: dict[str, str], with_legend: bool
) -> alt.LayerChart:
    """The idea map: a dot per idea coloured by group (a triangle when it fits loosely),
    the ``named`` groups' names at their centres; clicking a group in the legend lights up
    its ideas. ``titles`` gives the "group", "idea" and "votes" headers ("" hides votes)."""
    picked_group = alt.selection_point(fields=["group"], bind="legend")
    # names up to ~40 characters whole (the default limit cut "Ancienne usine · monnai…")
    legend = alt.Legend(
        title=titles["group"], orient="bottom", columns=4, symbolLimit=0, labelLimit=280
    )
    tooltip = [
        alt.Tooltip("text:N", title=titles["idea"]),
        alt.Tooltip("group:N", title=titles["group"]),
    ]
    if titles["votes"]:
        tooltip.append(alt.Tooltip("votes:Q", title=titles["votes"]))
    # fixed domains, so the labels can be spaced in pixels (see place_labels)
    x_domain, y_domain = axis_domain(points["x"]), axis_domain(points["y"])
    x_scale = alt.Scale(domain=list(x_domain), nice=False, zero=False, padding=MAP_PADDING_PX)
    y_scale = alt.Scale(domain=list(y_domain), nice=False, zero=False, padding=MAP_PADDING_PX)
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=110)
        .encode(
            x=alt.X("x:Q", axis=None, scale=x_scale),
            y=alt.Y("y:Q", axis=None, scale=y_scale),
            color=alt.Color(
                "group:N",
                legend=legend if with_legend else None,
                scale=alt.Scale(scheme="tableau20"),
            ),
            shape=alt.Shape(
                "loose:N",
                scale=alt.Scale(domain=[False, True], range=["circle", "triangle"]),
                legend=None,
            ),
            opacity=alt.condition(picked_group, alt.value(0.9), alt.value(0.1)),
            tooltip=tooltip,
        )
        .add_params(picked_group)
    )
    centres = points.groupby("group", as_index=False)[["x", "y"]].median()
    # in the order of ``named`` (largest groups first): they keep the place above their centre
    present = set(centres["group"])
    centres = centres.set_index("group").loc[[g for g in named if g in present]].reset_index()
    centres = place_labels(centres, x_domain, y_domain)
    label_marks = {"fontSize": 14, "fontWeight": "bold"}
    position = {
        "x": alt.X("x:Q", scale=x_scale),
        "y": alt.Y("label_y:Q", scale=y_scale),
        "text": "group:N",
    }
    halo = (
        alt.Chart(centres)
        .mark_text(stroke="white", strokeWidth=5, strokeOpacity=0.9, **label_marks)
        .encode(**position)
    )
    words = alt.Chart(centres).mark_text(color="#262730", **label_marks).encode(**position)
    return (dots + halo + words).properties(height=MAP_HEIGHT_PX)
