"""Keep what a page computes until its inputs change, so a rerun (a click, a refresh) does
not rebuild a 5,000-idea wall or redraw unchanged charts.

- :func:`from_workshop` keeps a store query (cluster cards, results, the stakeholder graph)
  until the workshop's revision changes: the store bumps it on every change to the
  workshop's ideas, groups, scores or map (triggers, so no write path can forget).
- :func:`show_chart` keeps an Altair chart as its Vega-Lite spec, keyed by the chart's
  inputs: building and validating an Altair chart costs 50-90 ms a chart (bench/app.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from altair.utils.data import to_values

from cocreate.store import Store

# the view size Altair's default theme adds; Streamlit sizes charts itself
ALTAIR_THEME_VIEW = ("continuousWidth", "continuousHeight")


def from_workshop(store: Store, workshop_id: int, compute: Callable[..., Any], *args: Any) -> Any:
    """``compute(store, workshop_id, *args)``, computed once per workshop revision;
    ``compute`` must be a module-level function (the cache knows it by name)."""
    if str(store.path) == ":memory:":
        return compute(store, workshop_id, *args)
    revision = store.workshop_revision(workshop_id)
    return _computed(_name(compute), str(store.path), workshop_id, revision, args, compute)


def _name(function: Callable[..., Any]) -> str:
    # Streamlit does not hash functions: the cache knows them by their qualified name
    return f"{function.__module__}.{function.__qualname__}"


# each edit makes a new revision; a 100k-idea wall weighs tens of MB: keep a few only
@st.cache_data(show_spinner=False, max_entries=16)
def _computed(
    name: str,
    path: str,
    workshop_id: int,
    revision: str,
    args: tuple[Any, ...],
    _compute: Callable[..., Any],
) -> Any:
    # its own connection: the caller's may not cross to another session's thread later
    with Store(path, migrate=False) as store:
        return _compute(store, workshop_id, *args)


def vega_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The Vega-Lite spec of ``chart`` with its data inline. Built without Altair's global
    data transformer and theme (Streamlit swaps both while it draws another session's
    chart) and without a second schema validation (the chart validated as it was built)."""
    spec = _inline_data(chart).to_dict(validate=False)
    view = spec.get("config", {}).get("view", {})
    for key in ALTAIR_THEME_VIEW:
        view.pop(key, None)
    if "view" in spec.get("config", {}) and not view:
        del spec["config"]["view"]
    if "config" in spec and not spec["config"]:
        del spec["config"]
    return spec


def _inline_data(chart: Any) -> Any:
    chart = chart.copy(deep=False)
    if isinstance(chart.data, pd.DataFrame):
        chart.data = alt.InlineData(values=to_values(chart.data)["values"])
    for part in ("layer", "hconcat", "vconcat", "concat"):
        charts = getattr(chart, part, alt.Undefined)
        if charts is not alt.Undefined:
            setattr(chart, part, [_inline_data(c) for c in charts])
    return chart


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_spec(
    name: str, args: tuple[Any, ...], _build: Callable[..., alt.TopLevelMixin]
) -> dict[str, Any]:
    return vega_spec(_build(*args))


def show_chart(build: Callable[..., alt.TopLevelMixin], *args: Any, where: Any = None) -> None:
    """Draw ``build(*args)`` full width, from the cache when the arguments are unchanged.
    ``build`` must be a module-level function of its arguments alone (the cache keys on
    its name and the arguments, not on what a closure would capture)."""
    show_spec(_chart_spec(_name(build), args, build), where=where)


def show_spec(spec: dict[str, Any], *, where: Any = None) -> None:
    """Draw a Vega-Lite spec (from :func:`vega_spec`) full width."""
    (where or st).vega_lite_chart(spec=spec, width="stretch")
