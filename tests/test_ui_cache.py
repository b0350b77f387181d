"""Charts kept as Vega-Lite specs: the data goes inline, per layer, without Altair's global
data transformer or theme."""

import altair as alt
import pandas as pd

from cocreate.ui.cache import vega_spec


def test_a_layered_chart_keeps_each_layer_data_inline():
    points = pd.DataFrame({"x": [1.0, 2.5], "y": [0.0, float("nan")], "group": ["a", "b"]})
    names = pd.DataFrame({"x": [1.0], "y": [0.0], "group": ["a"]})
    chart = alt.Chart(points).mark_point().encode(x="x:Q", y="y:Q", color="group:N") + alt.Chart(
        names
    ).mark_text().encode(x="x:Q", y="y:Q", text="group:N")
    spec = vega_spec(chart.properties(height=300))
    datasets = sorted(spec["datasets"].values(), key=len)
    assert datasets[0] == [{"x": 1.0, "y": 0.0, "group": "a"}]
    assert datasets[1][1] == {"x": 2.5, "y": None, "group": "b"}  # NaN is not JSON
    assert {layer["data"]["name"] for layer in spec["layer"]} == set(spec["datasets"])
    assert "continuousWidth" not in spec.get("config", {}).get("view", {})
    assert spec["height"] == 300


def test_the_spec_does_not_change_the_chart_it_came_from():
    frame = pd.DataFrame({"x": [1, 2]})
    chart = alt.Chart(frame).mark_bar().encode(x="x:Q")
    vega_spec(chart)
    assert chart.data is frame
