"""Results page (projected screen): while a blind round is not revealed, only how many raters
answered each target; then the ranking with ties, the D x F x V chart with the sweet spot,
every rater's scores per target and where the room disagrees. Updates live as scores arrive."""

import streamlit as st

from cocreate.i18n import t
from cocreate.scoring import SWEET_SPOT_THRESHOLD, rater_dimension_scores, round_board
from cocreate.ui.cache import from_workshop, show_chart
from cocreate.ui.common import PAGE_FILES, open_store, require_workshop, ui_lang
from cocreate.ui.scoreboard import (
    alpha_reading,
    distribution_chart,
    distribution_frame,
    dvf_chart,
    dvf_points,
    flag_text,
    ranking_table,
    round_name,
    round_status,
    style_ranking,
    unique_names,
)
from cocreate.ui.wall import escape_markdown

REFRESH_SECONDS = 2
# large type for the projector: scoped to this page's board
BOARD_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
.st-key-results_board table { font-size: 1.45rem; }
.st-key-results_board table th { font-size: 1.2rem; }
.st-key-results_board table td:nth-child(2) { min-width: 15rem; font-weight: 600; }
.st-key-results_board [data-testid="stMetricValue"] { font-size: 3rem; }
.st-key-results_board [data-testid="stMetricLabel"] p { font-size: 1.3rem; }
.st-key-results_board [data-testid="stProgress"] p { font-size: 1.5rem; }
.st-key-results_board .stAlert p { font-size: 1.3rem; }
.st-key-results_board [data-testid="stMarkdown"] p,
.st-key-results_board [data-testid="stMarkdown"] li { font-size: 1.4rem; }
.st-key-results_board [data-testid="stCaptionContainer"] p { font-size: 1.05rem; }
</style>
"""

lang = ui_lang()
store = open_store()
workshop = require_workshop(store, lang)
rounds = {r["id"]: r for r in store.list_rounds(workshop["id"])}
store.close()
if not rounds:
    st.info(t("results.no_rounds", lang))
    st.page_link(str(PAGE_FILES["scoring"]), label=t("nav.scoring", lang))
    st.stop()

if "results_round" not in st.session_state or st.session_state["results_round"] not in rounds:
    wanted = st.query_params.get("round", "")
    st.session_state["results_round"] = (
        int(wanted) if wanted.isdigit() and int(wanted) in rounds else next(iter(rounds))
    )
st.html(BOARD_CSS)
title_col, pick_col = st.columns([3, 1], vertical_alignment="bottom")
round_id = pick_col.selectbox(
    t("results.pick_round", lang),
    list(rounds),
    format_func=lambda i: round_name(rounds[i], lang),
    placeholder=t("widget.choose_one", lang),
    key="results_round",
)
st.query_params["round"] = str(round_id)
title_col.header(
    f"{t('results.header', lang)} · {escape_markdown(round_name(rounds[round_id], lang))}",
    anchor=False,
)
picked = rounds[round_id]
# a round still moves while it takes answers, or while a reveal may come
live = picked["status"] == "open" or (picked["blind"] and not picked["revealed"])


def hidden_board(outcome, names: dict[int, str]) -> None:
    """Blind and not revealed: who answered, never what."""
    st.info(t("results.hidden", lang))
    st.metric(t("results.raters_answered", lang), outcome.raters)
    for target_id, name in names.items():
        answered = outcome.progress.get(target_id, 0)
        st.progress(
            answered / outcome.raters if outcome.raters else 0.0,
            text=t("results.target_progress", lang, target=escape_markdown(name), raters=answered),
        )


def revealed_board(outcome, names, rubric, scores, support) -> None:
    if not outcome.raters:
        st.info(t("results.no_scores_yet", lang))
        return
    in_sweet_spot = sum(result.sweet_spot for result in outcome.targets)
    controversial = sum(result.controversial for result in outcome.targets)
    raters_col, alpha_col, sweet_col, split_col = st.columns([1, 2, 1, 1])
    raters_col.metric(t("results.metric_raters", lang), outcome.raters)
    alpha = outcome.agreement.alpha if outcome.agreement else None
    alpha_col.metric(
        t("results.metric_alpha", lang),
        "—" if alpha is None else f"{alpha:.2f}",
        help=t("results.alpha_help", lang),
    )
    alpha_col.markdown(f"**{alpha_reading(outcome.agreement, lang)}**")
    sweet_col.metric(t("results.metric_sweet", lang), in_sweet_spot)
    split_col.metric(t("results.metric_controversial", lang), controversial)

    st.subheader(t("results.ranking", lang), anchor=False)
    table = ranking_table(outcome, rubric, names, support, lang)
    st.table(style_ranking(table, lang), hide_index=True)
    st.caption(t("results.ranking_caption", lang, threshold=round(SWEET_SPOT_THRESHOLD * 100)))
    if any(s.votes is not None for s in support.values()):
        st.caption(t("results.votes_caption", lang))

    chart_col, summary_col = st.columns([3, 2], gap="large")
    with chart_col:
        st.subheader(t("results.chart", lang), anchor=False)
        points, unplaced = dvf_points(outcome, names, lang)
        if points.empty:
            st.info(t("results.chart_empty", lang))
        else:
            show_chart(dvf_chart, points, rubric, lang)
            st.caption(t("results.chart_caption", lang))
        if unplaced:
            st.caption(t("results.chart_unplaced", lang, count=unplaced))
    with summary_col:
        st.subheader(t("results.sweet_title", lang), anchor=False)
        sweet = [names[r.target] for r in outcome.targets if r.sweet_spot]
        st.markdown(
            "\n".join(f"- ★ {escape_markdown(name)}" for name in sweet)
            or t("results.sweet_none", lang)
        )
        st.subheader(t("results.disagreement_title", lang), anchor=False)
        split = [
            f"- ⚠ **{escape_markdown(names[r.target])}**: {flag_text(r, rubric, lang)}"
            for r in outcome.targets
            if r.controversial
        ]
        st.markdown("\n".join(split) or t("results.disagreement_none", lang))
    st.subheader(t("results.distribution", lang), anchor=False)
    frame = distribution_frame(rater_dimension_scores(rubric, scores), outcome, names, rubric, lang)
    if frame.empty:
        st.info(t("results.chart_empty", lang))
    else:
        show_chart(distribution_chart, frame, rubric, lang)
        st.caption(t("results.distribution_caption", lang))


@st.fragment(run_every=REFRESH_SECONDS if live else None)
def board() -> None:
    """Re-read the round and its answers; a fragment rerun opens its own connection."""
    with open_store() as own_store:
        scoring_round, rubric, targets, outcome, scores, support = from_workshop(
            own_store, workshop["id"], round_board, round_id
        )
    if (scoring_round["status"], scoring_round["revealed"]) != (
        picked["status"],
        picked["revealed"],
    ):
        # closed or revealed meanwhile: redraw the page (and stop polling once final)
        st.rerun()
    names = unique_names(targets, lang)
    with st.container(key="results_board"):
        st.caption(
            round_status(scoring_round, lang)
            + (" · " + t("results.live", lang, seconds=REFRESH_SECONDS) if live else "")
        )
        if outcome.hidden:
            hidden_board(outcome, names)
        else:
            revealed_board(outcome, names, rubric, scores, support)


board()
