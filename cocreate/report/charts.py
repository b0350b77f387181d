"""The report's charts as inline SVG, drawn by matplotlib offline (decision 0069).

Text stays text (``svg.fonttype = none``: searchable, small, no embedded glyphs) and is never
read as mathtext, so a ``$`` in a group's label prints as written. The XML prolog, DOCTYPE and
metadata matplotlib writes are cut: the SVG sits inside the HTML page and names no resource.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display: the charts are files, never windows

import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["DvfPoint", "dvf_chart", "dimension_bars", "svg_of"]

# same SVG for the same data: fixed clip-path ids, no date in the file
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "cocreate-report",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
SWEET_COLOUR = "#1b7837"
OTHER_COLOUR = "#2166ac"
CONTROVERSIAL_EDGE = "#d55e00"
DIMENSION_COLOURS = {"desirability": "#c2185b", "feasibility": "#1565c0", "viability": "#2e7d32"}
LABEL_CHARS = 34
PROLOG = re.compile(r"^.*?(?=<svg)", re.DOTALL)
NAMESPACES = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')
METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


@dataclass(frozen=True)
class DvfPoint:
    """One scored target: its name and means on 0-1 (None when nobody answered)."""

    name: str
    desirability: float | None
    feasibility: float | None
    viability: float | None
    sweet_spot: bool = False
    controversial: bool = False


def short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg_of(figure) -> str:
    """The figure as an ``<svg>`` element to inline in HTML (no prolog, DOCTYPE, metadata)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = METADATA.sub("", PROLOG.sub("", buffer.getvalue(), count=1))
    # inline SVG in HTML needs no namespace declaration (and then names no address at all)
    svg = NAMESPACES.sub("", svg)
    # the width and height come from the page's CSS: the drawing scales to the column
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)


def dvf_chart(
    points: Sequence[DvfPoint], *, x_label: str, y_label: str, size_label: str, threshold: float
) -> str:
    """Feasibility (x) against viability (y), the dot's area by desirability; the sweet spot
    (every dimension at ``threshold`` or above) shaded; controversial targets ringed."""
    placed = [p for p in points if p.feasibility is not None and p.viability is not None]
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(4.6, 3.8))
        edge = threshold * 100
        axes.fill_between([edge, 105], edge, 105, color="#e5f5e0", zorder=0, linewidth=0)
        axes.axvline(threshold * 100, color="#bbbbbb", linewidth=0.8, zorder=1)
        axes.axhline(threshold * 100, color="#bbbbbb", linewidth=0.8, zorder=1)
        for point in placed:
            x, y = point.feasibility * 100, point.viability * 100
            area = 60 + 340 * (point.desirability or 0.0)
            axes.scatter(
                [x],
                [y],
                s=area,
                color=SWEET_COLOUR if point.sweet_spot else OTHER_COLOUR,
                alpha=0.75,
                edgecolors=CONTROVERSIAL_EDGE if point.controversial else "white",
                linewidths=2.2 if point.controversial else 0.8,
                zorder=3,
            )
            axes.annotate(
                short(point.name, 24),
                (x, y),
                xytext=(7, 5),
                textcoords="offset points",
                fontsize=8,
                zorder=4,
                annotation_clip=False,
            )
        axes.set_xlim(0, 105)
        axes.set_ylim(0, 105)
        axes.set_xlabel(x_label)
        axes.set_ylabel(y_label)
        axes.set_title(size_label, fontsize=7.5, color="#555555", loc="left")
        axes.grid(alpha=0.25)
        return svg_of(figure)


def dimension_bars(
    points: Sequence[DvfPoint], dimension_labels: dict[str, str], *, axis_label: str
) -> str:
    """Each target's mean per dimension (0-100) side by side, best overall first as given."""
    dimensions = list(DIMENSION_COLOURS)
    count = max(len(points), 1)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(4.6, 0.9 + 0.5 * count))
        height = 0.8 / len(dimensions)
        for offset, dimension in enumerate(dimensions):
            values = [(getattr(p, dimension) or 0.0) * 100 for p in points]
            rows = [i + offset * height for i in range(len(points))]
            axes.barh(
                rows,
                values,
                height=height,
                color=DIMENSION_COLOURS[dimension],
                label=dimension_labels[dimension],
            )
        axes.set_yticks([i + height for i in range(len(points))])
        axes.set_yticklabels([short(p.name, 24) for p in points], fontsize=8)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel(axis_label)
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
        axes.grid(axis="x", alpha=0.25)
        return svg_of(figure)
