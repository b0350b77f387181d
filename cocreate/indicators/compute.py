"""Computing an indicator on the facts frame: a tidy table with translated column names, the
headline figure, whether the target is reached. Pure pandas, vectorised per indicator."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from cocreate.i18n import STRINGS, t
from cocreate.indicators.definitions import (
    GROUPINGS,
    ROW_GROUPINGS,
    Indicator,
    RowColumns,
    Selection,
    load_row_columns,
)
from cocreate.indicators.facts import band_named, normalise_name, prepare_facts

# the lifecycle and decisions in their order (templates/ of the triage may add more: they
# come after these, in the order met)
STATUS_ORDER = ("received", "under_review", "shortlisted", "decided", "in_progress", "done")
OUTCOME_ORDER = ("accepted", "partly_accepted", "not_retained", "merged", "out_of_scope")
CHANNEL_ORDER = ("workshop", "platform", "paper")
# groupings whose values are keys the translation table names
TRANSLATED_GROUPS = ("status", "outcome", "channel", "age_band")
# why an indicator shows no figure
NOT_IN_DATA, NEEDS_POPULATION, NO_VALUES = "not_in_data", "needs_population", "no_values"
PERCENT = 100.0


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator computed: ``table`` (translated column names, groups in their order),
    ``headline`` (the figure over all the ideas counted), ``target_reached`` (``None`` without
    a target or a figure). ``available`` is false with a ``reason`` (:data:`NOT_IN_DATA`,
    :data:`NEEDS_POPULATION`) when the data cannot say; ``missing`` counts the ideas counted
    but without a value for the grouping; ``unmatched`` the data's groups the population file
    does not name."""

    indicator: Indicator
    table: pd.DataFrame
    headline: float | None
    unit: str | None
    target_reached: bool | None = None
    available: bool = True
    reason: str | None = None
    missing: int = 0
    unmatched: tuple[str, ...] = ()
    group_column: str | None = None
    value_column: str | None = None
    raw: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)


def column_title(name: str, lang: str) -> str:
    return t(f"indicators.col.{name}", lang)


def group_label(grouping: str, value: object, lang: str) -> str:
    """A group's name as a person reads it: lifecycle, decision, channel and age band keys
    translated, anything else as the data writes it."""
    key = f"indicators.{grouping}.{value}"
    if grouping in TRANSLATED_GROUPS and key in STRINGS:
        return t(key, lang)
    return str(value)


def unit_label(unit: str | None, lang: str) -> str | None:
    if unit is None:
        return None
    key = f"indicators.unit.{unit}"
    return t(key, lang) if key in STRINGS else unit


def _selected(frame: pd.DataFrame, selection: Selection) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for name, values in selection.where.items():
        mask &= frame[name].astype("string").isin(values).fillna(False).astype(bool)
    for name in selection.has:
        column = frame[name]
        given = column.notna()
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            given &= column.astype("string").str.strip().ne("").fillna(False).astype(bool)
        mask &= given
    return mask


def _order(values: Iterable[object], grouping: str, columns: RowColumns) -> list[object]:
    """Groups in the order a reader expects: time, the lifecycle, bands; else largest first
    (``values`` come largest first)."""
    values = list(values)
    if grouping in ("month", "year"):
        return sorted(values, key=str)
    known = {
        "status": STATUS_ORDER,
        "outcome": OUTCOME_ORDER,
        "channel": CHANNEL_ORDER,
        "age_band": tuple(band.key for band in columns.age_bands),
    }.get(grouping)
    if known is None:
        return values
    first = [v for v in known if v in values]
    return first + [v for v in values if v not in known]


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce", utc=True, format="ISO8601")


def _table(grouped: str | None, values: dict[str, pd.Series]) -> pd.DataFrame:
    if grouped is None:
        return pd.DataFrame({name: [series] for name, series in values.items()})
    return pd.DataFrame(values).reset_index(names="group")


def _figures(indicator: Indicator, counted: pd.DataFrame, group: str | None):
    """The untranslated table (``group`` then the figures, the shown figure ``value``) and
    the headline."""
    keys = counted[group] if group else pd.Series("", index=counted.index)
    grouped = counted.groupby(keys, sort=False, dropna=True) if group else None
    count = indicator.count
    if count == "ideas":
        headline = float(len(counted))
        values = {"value": grouped.size() if grouped is not None else headline}
    elif count == "contributors":
        headline = float(counted["contributor"].nunique())
        values = {"value": grouped["contributor"].nunique() if grouped is not None else headline}
    elif count == "share":
        part = _selected(counted, indicator.part)
        total = len(counted)
        headline = PERCENT * part.sum() / total if total else None
        if grouped is not None:
            parts = part.groupby(keys, sort=False, dropna=True).sum()
            sizes = grouped.size()
            values = {"part": parts, "total": sizes, "value": PERCENT * parts / sizes}
        else:
            values = {"part": float(part.sum()), "total": float(total), "value": headline}
    elif count == "median_days":
        start, end = indicator.between
        days = (_dates(counted[end]) - _dates(counted[start])).dt.total_seconds() / 86_400
        measured = days.notna()
        headline = float(days[measured].median()) if measured.any() else None
        if grouped is not None:
            by_group = days[measured].groupby(keys[measured], sort=False, dropna=True)
            values = {"measured": by_group.size(), "value": by_group.median()}
        else:
            values = {"measured": float(measured.sum()), "value": headline}
    else:  # sum
        numbers = pd.to_numeric(counted[indicator.field], errors="coerce")
        headline = float(numbers.sum())
        if grouped is not None:
            values = {
                "ideas": grouped.size(),
                "value": numbers.groupby(keys, sort=False, dropna=True).sum(),
            }
        else:
            values = {"ideas": float(len(counted)), "value": headline}
    table = _table(group, values)
    if group:
        table = table.sort_values("value", ascending=False, kind="stable")
    return table, headline


def _divide(
    indicator: Indicator,
    counted: pd.DataFrame,
    group: str,
    population: Mapping[str, float],
    columns: RowColumns,
) -> tuple[pd.DataFrame, float | None, tuple[str, ...]]:
    """Each group's share of the contributors beside its share of the population; the
    headline is the dissimilarity index (half the sum of the gaps, in points)."""
    if indicator.of == "contributors":
        counts = counted.groupby(group, dropna=True)["contributor"].nunique()
    else:
        counts = counted.groupby(group, dropna=True).size()

    def match(name: object) -> str:
        if group == "age_band":
            return band_named(str(name), columns.age_bands) or normalise_name(name)
        return normalise_name(name)

    data_by_key = {match(name): (name, int(number)) for name, number in counts.items()}
    rows, seen = [], set()
    for name, people in population.items():
        key = match(name)
        seen.add(key)
        # an age band the data never met is still shown under its key (then translated)
        fallback = key if group == "age_band" and band_named(str(name), columns.age_bands) else name
        shown, number = data_by_key.get(key, (fallback, 0))
        rows.append({"group": shown, "count": number, "population": people})
    unmatched = tuple(str(name) for key, (name, _) in data_by_key.items() if key not in seen)
    table = pd.DataFrame(rows, columns=["group", "count", "population"])
    counted_total = table["count"].sum()
    population_total = table["population"].sum()
    table["count_share"] = PERCENT * table["count"] / counted_total if counted_total else 0.0
    table["population_share"] = PERCENT * table["population"] / population_total
    table["value"] = table["count_share"] - table["population_share"]
    table["ratio"] = (table["count_share"] / table["population_share"]).where(
        table["population_share"] > 0
    )
    headline = float(table["value"].abs().sum() / 2) if counted_total else None
    return table.sort_values("value", kind="stable"), headline, unmatched


def _translated(
    raw: pd.DataFrame, indicator: Indicator, lang: str
) -> tuple[pd.DataFrame, str | None, str]:
    value_name = {
        "ideas": "ideas",
        "contributors": "contributors",
        "share": "share",
        "median_days": "median_days",
        "sum": "sum",
        "divide": "gap",
    }[indicator.count]
    names = {
        "part": "part",
        "total": "total",
        "measured": "measured",
        "ideas": "ideas",
        "count": "contributors" if indicator.of == "contributors" else "ideas",
        "population": "population",
        "count_share": "count_share",
        "population_share": "population_share",
        "ratio": "ratio",
        "value": value_name,
    }
    table = raw.copy()
    group_title = None
    if "group" in table.columns:
        group_title = column_title(f"by_{indicator.by}", lang)
        table["group"] = [group_label(indicator.by, value, lang) for value in table["group"]]
        names["group"] = None
    titles = {
        column: group_title if column == "group" else column_title(names[column], lang)
        for column in table.columns
    }
    table = table.rename(columns=titles)
    return table.reset_index(drop=True), group_title, column_title(value_name, lang)


def compute(
    indicator: Indicator,
    facts: pd.DataFrame,
    lang: str,
    population: Mapping[str, float] | None = None,
    *,
    columns: RowColumns | None = None,
) -> IndicatorResult:
    """``indicator`` on the facts frame (one row per idea, see :mod:`cocreate.indicators.facts`;
    a frame from :func:`prepare_facts` is used as is, which is faster for many indicators)."""
    columns = columns or load_row_columns()
    frame = prepare_facts(facts, columns)
    unit = unit_label(indicator.unit, lang)
    group = GROUPINGS[indicator.by] if indicator.by else None
    empty = IndicatorResult(indicator, pd.DataFrame(), None, unit, available=False)
    # an import without dates or places says nothing by month or place: not a zero
    absent_by = (*ROW_GROUPINGS, "month", "year")
    if indicator.by in absent_by and len(frame) and not frame[group].notna().any():
        return replace(empty, reason=NOT_IN_DATA)
    if indicator.count == "sum" and not frame[indicator.field].notna().any():
        return replace(empty, reason=NOT_IN_DATA)
    if indicator.count == "divide" and not population:
        return replace(empty, reason=NEEDS_POPULATION)
    counted = frame[_selected(frame, indicator.selection)] if indicator.selection else frame
    unmatched: tuple[str, ...] = ()
    if indicator.count == "divide":
        raw, headline, unmatched = _divide(indicator, counted, group, population, columns)
    else:
        raw, headline = _figures(indicator, counted, group)
    if group:
        order = _order(raw["group"], indicator.by, columns)
        if indicator.count != "divide":
            raw = raw.set_index("group").loc[order].reset_index()
    headline = None if headline is None or pd.isna(headline) else float(headline)
    table, group_title, value_title = _translated(raw, indicator, lang)
    target = indicator.target.is_reached(headline) if indicator.target else None
    return IndicatorResult(
        indicator=indicator,
        table=table,
        headline=headline,
        unit=unit,
        target_reached=target,
        reason=NO_VALUES if headline is None else None,
        missing=int(counted[group].isna().sum()) if group else 0,
        unmatched=unmatched,
        group_column=group_title,
        value_column=value_title,
        raw=raw.reset_index(drop=True),
    )


def compute_all(
    indicators: Iterable[Indicator],
    facts: pd.DataFrame,
    lang: str,
    populations: Mapping[str, Mapping[str, float]] | None = None,
) -> list[IndicatorResult]:
    """Every indicator on one frame, prepared once; ``populations`` gives the figures of each
    divide's grouping (``{"neighbourhood": {...}, "age_band": {...}}``)."""
    columns = load_row_columns()
    frame = prepare_facts(facts, columns)
    populations = populations or {}
    return [
        compute(indicator, frame, lang, populations.get(indicator.by or ""), columns=columns)
        for indicator in indicators
    ]
