"""Indicators page (facilitators and staff members): each participation and follow-up
indicator of ``templates/indicators/`` as a chart with its table beside it and a CSV
download; population files for the digital divide; for the current workshop or every
workshop this session runs (every workshop for a signed-in staff member). The facts are
:func:`cocreate.triage.idea_facts` (decision 0044)."""

import pandas as pd
import streamlit as st

from cocreate.access import FACILITATOR
from cocreate.i18n import format_number, t
from cocreate.indicators import (
    IndicatorError,
    PopulationError,
    compute_all,
    load_indicators,
    prepare_facts,
    read_population,
)
from cocreate.triage import idea_facts
from cocreate.ui.cache import from_workshop, show_chart
from cocreate.ui.common import open_store, page_header, require_workshop, ui_lang
from cocreate.ui.indicator_view import indicator_chart, table_csv
from cocreate.ui.roles import is_open_mode, session_access
from cocreate.ui.staff import signed_in_staff, staff_workshop

POPULATION_GROUPINGS = ("neighbourhood", "age_band")


def prepared_facts(store, workshop_id: int) -> pd.DataFrame:
    # the imported rows are read once per workshop revision, not on every rerun
    return prepare_facts(idea_facts(store, workshop_id))


def population_input(grouping: str, where) -> dict[str, float] | None:
    upload = where.file_uploader(
        t(f"indicators.population_{grouping}", lang),
        type=["csv", "txt"],
        key=f"indicators_population_{grouping}",
    )
    if upload is None:
        return None
    try:
        figures = read_population(upload.getvalue())
    except PopulationError as problem:
        where.error(t(f"indicators.population_error.{problem.code}", lang, **problem.params))
        return None
    where.caption(
        t(
            "indicators.population_read",
            lang,
            groups=format_number(len(figures), lang),
            people=format_number(sum(figures.values()), lang),
        )
    )
    return figures


def headline_text(result) -> str:
    if result.headline is None:
        return "-"
    digits = 0 if result.indicator.count in ("ideas", "contributors") else 1
    return format_number(result.headline, lang, digits=digits)


def show_indicator(result, slug: str) -> None:
    indicator = result.indicator
    st.subheader(indicator.text("name", lang), anchor=False)
    st.caption(indicator.text("description", lang))
    if not result.available:
        st.info(t(f"indicators.{result.reason}", lang))
        return
    figure_col, target_col = st.columns([2, 3])
    label = t("indicators.headline", lang)
    figure_col.metric(f"{label} ({result.unit})" if result.unit else label, headline_text(result))
    if indicator.target is not None:
        target = t(
            "indicators.target",
            lang,
            reached=t(f"indicators.target_{indicator.target.reached}", lang),
            value=format_number(indicator.target.value, lang),
        )
        reached = result.target_reached
        verdict = t("indicators.target_reached" if reached else "indicators.target_missed", lang)
        (target_col.success if reached else target_col.warning)(f"{verdict} ({target})")
    if result.table.empty or result.group_column is None:
        return
    chart_col, table_col = st.columns([3, 2])
    show_chart(
        indicator_chart,
        result.table,
        result.group_column,
        result.value_column,
        indicator.chart,
        indicator.count == "divide",
        where=chart_col,
    )
    table_col.dataframe(result.table, hide_index=True, width="stretch")
    table_col.download_button(
        t("indicators.download", lang),
        data=table_csv(result.table),
        file_name=f"{slug}-{indicator.key}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"indicators_download_{indicator.key}",
    )
    if result.missing:
        st.caption(t("indicators.missing", lang, count=format_number(result.missing, lang)))
    if result.unmatched:
        st.caption(t("indicators.unmatched", lang, groups=", ".join(result.unmatched)))


lang = ui_lang()
store = open_store()
staff = signed_in_staff()
# a signed-in staff member reads any workshop's indicators; anyone else must facilitate it
workshop = staff_workshop(store, lang) if staff else require_workshop(store, lang)
page_header("indicators", workshop, lang)
st.caption(t("indicators.intro", lang))

try:
    indicators = load_indicators()
except IndicatorError as error:
    st.error(t("indicators.definitions_error", lang, error=str(error)))
    st.stop()

scopes = {"workshop": t("indicators.scope_workshop", lang), "all": t("indicators.scope_all", lang)}
scope = st.radio(
    t("indicators.scope", lang),
    list(scopes),
    format_func=scopes.get,
    horizontal=True,
    key="indicators_scope",
)
if scope == "all":
    # with roles on, "all" is every workshop this session facilitates, never another's
    roles = session_access().roles
    allowed = (
        None if is_open_mode() or staff else {wid for wid, r in roles.items() if r == FACILITATOR}
    )
    workshop_ids = [
        w["id"] for w in store.list_workshops() if allowed is None or w["id"] in allowed
    ]
    slug = "all"
else:
    workshop_ids = [workshop["id"]]
    slug = workshop["slug"]
frames = [from_workshop(store, wid, prepared_facts) for wid in workshop_ids]
store.close()
facts = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
st.caption(t("indicators.counted", lang, count=format_number(len(facts), lang)))
if facts.empty:
    st.info(t("indicators.no_ideas", lang))
    st.stop()

with st.expander(t("indicators.population_title", lang)):
    st.caption(t("indicators.population_help", lang))
    upload_cols = st.columns(len(POPULATION_GROUPINGS))
    populations = {
        grouping: figures
        for grouping, where in zip(POPULATION_GROUPINGS, upload_cols, strict=True)
        if (figures := population_input(grouping, where)) is not None
    }

for result in compute_all(indicators, facts, lang, populations):
    with st.container(border=True):
        show_indicator(result, slug)
