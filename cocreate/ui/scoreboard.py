"""What the Scoring, Ballot and Results pages draw from a round: names, the ranking table and
the charts. Results come from :mod:`cocreate.scoring`; this module only lays them out (plain
data in, pandas frames and Altair charts out)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from cocreate.i18n import t
from cocreate.scoring import (
    DIMENSIONS,
    SWEET_SPOT_THRESHOLD,
    Agreement,
    CitizenSupport,
    RoundResults,
    Rubric,
)

# Okabe-Ito colours, told apart with every common colour blindness, each with its own shape
DIMENSION_COLOURS = {"desirability": "#E69F00", "feasibility": "#0072B2", "viability": "#009E73"}
DIMENSION_SHAPES = {"desirability": "circle", "feasibility": "square", "viability": "triangle-up"}
CONTROVERSY_COLOUR = "#D55E00"
SWEET_SPOT_FILL = "#009E73"
# a five-pointed star: the sweet-spot marker reads without colour
STAR = (
    "M0,-1L0.2245,-0.309L0.9511,-0.309L0.3633,0.118L0.5878,0.809L0,0.382L-0.5878,0.809"
    "L-0.3633,0.118L-0.9511,-0.309L-0.2245,-0.309Z"
)
# Krippendorff's own reading: >= 0.8 reliable, >= 0.667 tentative conclusions only
ALPHA_RELIABLE = 0.8
ALPHA_TENTATIVE = 0.667
PERCENT = 100
AXIS = {
    "labelFontSize": 18,
    "titleFontSize": 20,
    "titlePadding": 12,
    "labelColor": "#1f1f1f",
    "titleColor": "#1f1f1f",
}
LEGEND = {"labelFontSize": 17, "titleFontSize": 18, "symbolSize": 260, "labelLimit": 360}
LABEL_CHARS = 42


def round_name(scoring_round: Mapping[str, Any], lang: str) -> str:
    """The round's title, or "Round 3" when it has none."""
    return scoring_round["title"] or t("scoring.round_default_title", lang, id=scoring_round["id"])


def round_status(scoring_round: Mapping[str, Any], lang: str) -> str:
    """Open / closed, blind / visible, revealed: the words a facilitator reads on a card."""
    words = [t(f"scoring.status_{scoring_round['status']}", lang)]
    if scoring_round["blind"]:
        words.append(
            t(
                "scoring.status_revealed" if scoring_round["revealed"] else "scoring.status_blind",
                lang,
            )
        )
    else:
        words.append(t("scoring.status_visible", lang))
    return " · ".join(words)


def target_name(target: Mapping[str, Any], lang: str, limit: int = LABEL_CHARS) -> str:
    """A round target's label, shortened for charts; an unnamed cluster gets its number."""
    label = " ".join((target["label"] or "").split())
    if not label:
        label = t("scoring.unnamed_target", lang, id=target["id"])
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def unique_names(targets: list[Mapping[str, Any]], lang: str) -> dict[int, str]:
    """target id -> a name no other target of the round has (charts group by name)."""
    names: dict[int, str] = {}
    for target in targets:
        name = target_name(target, lang)
        names[target["id"]] = name if name not in names.values() else f"{name} (#{target['id']})"
    return names


def rank_text(rank: int | None, tied: bool) -> str:
    """Competition rank as shown: "2=" for a shared rank, "—" for an unranked target."""
    if rank is None:
        return "—"
    return f"{rank}=" if tied else str(rank)


def alpha_reading(agreement: Agreement | None, lang: str) -> str:
    """Krippendorff's alpha in plain words."""
    if agreement is None:
        return ""
    if agreement.alpha is None:
        return t(f"results.alpha_none.{agreement.reason}", lang)
    if agreement.alpha >= ALPHA_RELIABLE:
        key = "results.alpha_high"
    elif agreement.alpha >= ALPHA_TENTATIVE:
        key = "results.alpha_medium"
    elif agreement.alpha > 0:
        key = "results.alpha_low"
    else:
        key = "results.alpha_chance"
    return t(key, lang)


def _percent(value: float | None) -> float | None:
    return None if value is None else value * PERCENT


def flag_text(result, rubric: Rubric, lang: str) -> str:
    """Why raters disagree on a target: "two camps: Desirability · wide spread: Feasibility"
    (two camps says more than a spread, so a dimension is named once); "" when they agree."""
    by_reason: dict[str, list[str]] = {}
    for dimension_id, dimension in result.dimensions.items():
        if dimension.controversial:
            reason = "polarised" if "polarised" in dimension.controversial else "spread"
            label = rubric.dimension(dimension_id).label
            by_reason.setdefault(reason, []).append(label.get(lang) or label["en"])
    parts = [
        t(
            "results.flag_line",
            lang,
            reason=t(f"results.flag_{reason}", lang),
            dimensions=", ".join(names),
        )
        for reason, names in sorted(by_reason.items(), reverse=True)
    ]
    return " · ".join(parts)


def _gate_text(result, rubric: Rubric, lang: str) -> str:
    if result.admissible is None:
        return "—"
    if result.admissible:
        return t("results.admissible_yes", lang)
    failed = ", ".join(rubric.criterion(c).label.get(lang, c) for c in result.failed_gates)
    return t("results.admissible_no", lang, criteria=failed)


def ranking_table(
    results: RoundResults,
    rubric: Rubric,
    names: Mapping[int, str],
    support: Mapping[int, CitizenSupport],
    lang: str,
) -> pd.DataFrame:
    """The ranking as the projected screen shows it, best first: rank with ties, target,
    D/F/V means and overall on 0-100, raters, largest spread, flags, sweet spot; imported
    citizen votes in their own column, apart from the workshop's scores."""
    dimension_labels = {d.id: d.label.get(lang) or d.label["en"] for d in rubric.dimensions}
    with_votes = any(s.votes is not None for s in support.values())
    with_gates = any(c.gate for c in rubric.scale_criteria)
    rows = []
    for result in results.targets:
        spreads = [d.summary.std for d in result.dimensions.values() if d.summary.std is not None]
        row = {
            t("results.col_rank", lang): rank_text(result.rank, result.tied),
            t("results.col_target", lang): names[result.target],
        }
        for dimension_id in DIMENSIONS:
            if dimension_id in dimension_labels:
                summary = result.dimensions[dimension_id].summary
                row[dimension_labels[dimension_id]] = _percent(summary.mean)
        row[t("results.col_overall", lang)] = _percent(result.overall)
        row[t("results.col_raters", lang)] = results.progress.get(result.target, 0)
        row[t("results.col_spread", lang)] = _percent(max(spreads)) if spreads else None
        flags = flag_text(result, rubric, lang)
        row[t("results.col_flags", lang)] = f"⚠ {flags}" if flags else ""
        row[t("results.col_sweet_spot", lang)] = "★" if result.sweet_spot else ""
        if with_gates:
            row[t("results.col_admissible", lang)] = _gate_text(result, rubric, lang)
        if with_votes:
            votes = support[result.target].votes if result.target in support else None
            row[t("results.col_citizen_votes", lang)] = votes
        rows.append(row)
    return pd.DataFrame(rows)


def style_ranking(frame: pd.DataFrame, lang: str):
    """Numbers without decimals, "—" for a missing value, controversial rows shaded (the ⚠
    text says the same for those who cannot tell the shade)."""
    flags = t("results.col_flags", lang)
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]

    def shade(row: pd.Series) -> list[str]:
        style = "background-color: #FBE3D6; font-weight: 600" if row[flags] else ""
        return [style] * len(row)

    return (
        frame.style.format(
            {c: "{:.0f}" if c in numeric else "{}" for c in frame.columns}, na_rep="—"
        )
        .apply(shade, axis=1)
        .hide(axis="index")
    )


def dvf_points(
    results: RoundResults, names: Mapping[int, str], lang: str
) -> tuple[pd.DataFrame, int]:
    """One row per target with a feasibility and a viability mean (x, y), its desirability,
    sweet spot and controversy; also how many targets cannot be placed."""
    rows = []
    for result in results.targets:
        means = {d: result.dimensions[d].summary.mean for d in result.dimensions}
        if means.get("feasibility") is None or means.get("viability") is None:
            continue
        rows.append(
            {
                "target": names[result.target],
                "feasibility": means["feasibility"] * PERCENT,
                "viability": means["viability"] * PERCENT,
                "desirability": _percent(means.get("desirability")),
                "overall": _percent(result.overall),
                "rank": rank_text(result.rank, result.tied),
                "sweet": t(
                    "results.legend_sweet" if result.sweet_spot else "results.legend_other", lang
                ),
                "controversial": result.controversial,
                "label": ("⚠ " if result.controversial else "") + names[result.target],
            }
        )
    columns = [
        "target",
        "feasibility",
        "viability",
        "desirability",
        "overall",
        "rank",
        "sweet",
        "controversial",
        "label",
    ]
    return pd.DataFrame(rows, columns=columns), len(results.targets) - len(rows)


def dvf_chart(
    points: pd.DataFrame,
    rubric: Rubric,
    lang: str,
    *,
    threshold: float = SWEET_SPOT_THRESHOLD,
    height: int = 620,
) -> alt.LayerChart:
    """Feasibility (x) against viability (y), desirability as size and colour (viridis,
    readable in grey), the sweet spot shaded and its targets drawn as stars, controversial
    targets ringed with a dashed line."""
    labels = {d.id: d.label.get(lang) or d.label["en"] for d in rubric.dimensions}
    low = threshold * PERCENT
    scale = alt.Scale(domain=[0, PERCENT], nice=False)
    ticks = alt.Axis(values=list(range(0, PERCENT + 1, 20)))
    region = (
        alt.Chart(pd.DataFrame({"x": [low], "x2": [PERCENT], "y": [low], "y2": [PERCENT]}))
        .mark_rect(color=SWEET_SPOT_FILL, opacity=0.12)
        .encode(x=alt.X("x:Q", scale=scale), x2="x2:Q", y=alt.Y("y:Q", scale=scale), y2="y2:Q")
    )
    # above the plot's top edge, where no target's dot or name can hide it
    region_title = (
        alt.Chart(
            pd.DataFrame(
                {"x": [PERCENT], "y": [PERCENT], "text": [t("results.sweet_region", lang)]}
            )
        )
        .mark_text(
            align="right", baseline="bottom", dy=-8, fontSize=18, fontWeight="bold", color="#00573F"
        )
        .encode(x="x:Q", y="y:Q", text="text:N")
    )
    rules = (
        alt.Chart(pd.DataFrame({"v": [low]}))
        .mark_rule(strokeDash=[6, 4], color="#00573F", strokeWidth=1.5)
        .encode(x="v:Q")
    ) + (
        alt.Chart(pd.DataFrame({"v": [low]}))
        .mark_rule(strokeDash=[6, 4], color="#00573F", strokeWidth=1.5)
        .encode(y="v:Q")
    )
    desirability = labels.get("desirability", "desirability")
    sweet_legend = [t("results.legend_sweet", lang), t("results.legend_other", lang)]
    base = alt.Chart(points).encode(
        x=alt.X("feasibility:Q", title=labels.get("feasibility"), scale=scale, axis=ticks),
        y=alt.Y("viability:Q", title=labels.get("viability"), scale=scale, axis=ticks),
    )
    dots = base.mark_point(filled=True, opacity=0.95, stroke="#1f1f1f", strokeWidth=1.5).encode(
        size=alt.Size(
            "desirability:Q",
            title=desirability,
            scale=alt.Scale(domain=[0, PERCENT], range=[150, 2600]),
            legend=alt.Legend(orient="right", **LEGEND),
        ),
        color=alt.Color(
            "desirability:Q",
            title=desirability,
            scale=alt.Scale(domain=[0, PERCENT], scheme="viridis"),
            legend=alt.Legend(orient="right", gradientLength=220, **LEGEND),
        ),
        shape=alt.Shape(
            "sweet:N",
            title=t("results.legend_shape", lang),
            scale=alt.Scale(domain=sweet_legend, range=[STAR, "circle"]),
            legend=alt.Legend(orient="right", **LEGEND),
        ),
        tooltip=[
            alt.Tooltip("rank:N", title=t("results.col_rank", lang)),
            alt.Tooltip("target:N", title=t("results.col_target", lang)),
            alt.Tooltip("desirability:Q", title=desirability, format=".0f"),
            alt.Tooltip("feasibility:Q", title=labels.get("feasibility"), format=".0f"),
            alt.Tooltip("viability:Q", title=labels.get("viability"), format=".0f"),
            alt.Tooltip("overall:Q", title=t("results.col_overall", lang), format=".0f"),
        ],
    )
    rings = (
        alt.Chart(points[points["controversial"]])
        .mark_point(
            shape="circle",
            size=3400,
            filled=False,
            strokeDash=[6, 4],
            strokeWidth=3,
            color=CONTROVERSY_COLOUR,
        )
        .encode(x=alt.X("feasibility:Q", scale=scale), y=alt.Y("viability:Q", scale=scale))
    )
    text = {"fontSize": 18, "fontWeight": "bold", "dy": -34}
    halo = base.mark_text(stroke="white", strokeWidth=6, strokeOpacity=0.9, **text).encode(
        text="label:N"
    )
    words = base.mark_text(color="#1f1f1f", **text).encode(text="label:N")
    return (
        (region + region_title + rules + rings + dots + halo + words)
        .properties(height=height)
        .configure_axis(**AXIS)
        .configure_legend(labelColor="#1f1f1f", titleColor="#1f1f1f")
        .configure_view(strokeWidth=0)
    )


def distribution_frame(
    per_rater: Mapping[Any, Mapping[str, Mapping[Any, float]]],
    results: RoundResults,
    names: Mapping[int, str],
    rubric: Rubric,
    lang: str,
) -> pd.DataFrame:
    """One row per (target, dimension, score) with how many raters gave it, targets in
    ranking order; controversial targets carry ⚠ in their name."""
    labels = {d.id: d.label.get(lang) or d.label["en"] for d in rubric.dimensions}
    rows = []
    for order, result in enumerate(results.targets):
        name = ("⚠ " if result.controversial else "") + names[result.target]
        for dimension_id, scores in per_rater.get(result.target, {}).items():
            counts: dict[float, int] = {}
            for value in scores.values():
                rounded = round(value * PERCENT, 1)
                counts[rounded] = counts.get(rounded, 0) + 1
            mean = result.dimensions[dimension_id].summary.mean
            for score, raters in sorted(counts.items()):
                rows.append(
                    {
                        "order": order,
                        "target": name,
                        "dimension": labels[dimension_id],
                        "dimension_id": dimension_id,
                        "score": score,
                        "raters": raters,
                        "mean": _percent(mean),
                    }
                )
    columns = ["order", "target", "dimension", "dimension_id", "score", "raters", "mean"]
    return pd.DataFrame(rows, columns=columns)


def distribution_chart(frame: pd.DataFrame, rubric: Rubric, lang: str) -> alt.LayerChart:
    """Every rater's score per target and dimension (a dot, larger when several raters gave
    it) with the mean as a black tick: a wide row of dots is where the room disagrees."""
    labels = [d.label.get(lang) or d.label["en"] for d in rubric.dimensions]
    ids = [d.id for d in rubric.dimensions]
    order = list(dict.fromkeys(frame.sort_values("order")["target"]))
    colour = alt.Color(
        "dimension:N",
        title=t("results.legend_dimension", lang),
        scale=alt.Scale(domain=labels, range=[DIMENSION_COLOURS[i] for i in ids]),
        legend=alt.Legend(orient="top", title=None, **LEGEND),
    )
    shape = alt.Shape(
        "dimension:N",
        scale=alt.Scale(domain=labels, range=[DIMENSION_SHAPES[i] for i in ids]),
        legend=None,
    )
    y = alt.Y(
        "target:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            labelLimit=360, labelFontSize=18, labelFontWeight="bold", labelColor="#1f1f1f"
        ),
    )
    x = alt.X(
        "score:Q",
        title=t("results.distribution_axis", lang),
        scale=alt.Scale(domain=[0, PERCENT], nice=False),
        axis=alt.Axis(values=list(range(0, PERCENT + 1, 10))),
    )
    y_offset = alt.YOffset("dimension:N", sort=labels, scale=alt.Scale(paddingOuter=0.3))
    dots = (
        alt.Chart(frame)
        .mark_point(filled=True, opacity=0.85, stroke="#1f1f1f", strokeWidth=0.8)
        .encode(
            x=x,
            y=y,
            yOffset=y_offset,
            color=colour,
            shape=shape,
            # the caption says it: a larger dot is a score given by more raters
            size=alt.Size("raters:Q", scale=alt.Scale(range=[120, 700], zero=False), legend=None),
            tooltip=[
                alt.Tooltip("target:N", title=t("results.col_target", lang)),
                alt.Tooltip("dimension:N", title=t("results.legend_dimension", lang)),
                alt.Tooltip("score:Q", title=t("results.distribution_axis", lang), format=".0f"),
                alt.Tooltip("raters:Q", title=t("results.legend_raters", lang)),
            ],
        )
    )
    means = (
        alt.Chart(frame.drop_duplicates(["target", "dimension"]))
        .mark_tick(color="#1f1f1f", thickness=3, size=26)
        .encode(x=alt.X("mean:Q"), y=y, yOffset=y_offset)
    )
    height = max(240, 140 * len(order))
    return (
        (dots + means)
        .properties(height=height)
        .configure_axis(**AXIS)
        .configure_legend(labelColor="#1f1f1f", titleColor="#1f1f1f")
        .configure_view(strokeWidth=0)
    )
