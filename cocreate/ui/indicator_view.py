"""How the Indicators page draws an indicator: its chart (bars, or a line over time) and its
table as CSV."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cocreate.spreadsheet import neutralise_frame

# the divide's gaps: below the population share is who is missing
MISSING_COLOUR, OVER_COLOUR, PLAIN_COLOUR = "#c0392b", "#2e7d32", "#0b4f8a"


def indicator_chart(
    table: pd.DataFrame, group: str, value: str, kind: str, signed: bool
) -> alt.Chart:
    """``value`` per ``group`` in the table's order: a line for ``kind == "line"``, else bars
    (red below zero, green above when ``signed``)."""
    data = table[[group, value]].rename(columns={group: "group", value: "value"})
    x = alt.X("group:N", sort=list(data["group"]), title=group, axis=alt.Axis(labelAngle=-40))
    y = alt.Y("value:Q", title=value)
    tooltip = [alt.Tooltip("group:N", title=group), alt.Tooltip("value:Q", title=value)]
    chart = alt.Chart(data)
    if kind == "line":
        return chart.mark_line(point=True, color=PLAIN_COLOUR).encode(x=x, y=y, tooltip=tooltip)
    colour = (
        alt.condition(alt.datum.value < 0, alt.value(MISSING_COLOUR), alt.value(OVER_COLOUR))
        if signed
        else alt.value(PLAIN_COLOUR)
    )
    return chart.mark_bar().encode(x=x, y=y, color=colour, tooltip=tooltip)


def table_csv(table: pd.DataFrame) -> bytes:
    # utf-8 with a BOM: spreadsheet programs then read the accents right
    return neutralise_frame(table).to_csv(index=False).encode("utf-8-sig")
