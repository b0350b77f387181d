"""Scoring page (facilitator): copy a rubric into the workshop and edit it, open a round on a
shortlist of clusters and ideas, follow how many raters answered, close and reveal rounds.
No score is shown here: the Results page applies the blind rule."""

import streamlit as st

from cocreate.i18n import LANGUAGES, t
from cocreate.scoring import (
    AMOUNT,
    ScoringError,
    copy_rubric_to_workshop,
    edit_rubric,
    get_rubric,
    list_rubrics,
    open_round,
    round_results,
    workshop_rubric,
)
from cocreate.store import StoreError
from cocreate.ui.common import (
    PAGE_FILES,
    open_store,
    page_header,
    require_workshop,
    rerun_with_message,
    ui_lang,
)
from cocreate.ui.scoreboard import round_name, round_status
from cocreate.ui.wall import escape_markdown, shorten

IDEAS_FOUND = 30

lang = ui_lang()
store = open_store()
workshop = require_workshop(store, lang)
page_header("scoring", workshop, lang)


def done(message: str) -> None:
    """Show ``message`` after the rerun that redraws the page with the new state."""
    # the edit form shows the stored rubric again, not what was typed before
    rerun_with_message("scoring", message, forget=("scoring_edit_",))


def text_of(values: dict[str, str]) -> str:
    return values.get(lang) or values.get("en") or ""


def rubric_preview(rubric) -> None:
    """Dimensions with their weight, criteria with question and the meaning of every point."""
    for dimension in rubric.dimensions:
        st.markdown(
            f"**{escape_markdown(text_of(dimension.label))}** · "
            + t("scoring.weight_value", lang, weight=f"{dimension.weight:g}")
        )
        lines = []
        for criterion in dimension.criteria:
            details = (
                t("scoring.amount_criterion", lang, unit=criterion.unit)
                if criterion.kind == AMOUNT
                else t("scoring.weight_value", lang, weight=f"{criterion.weight:g}")
            )
            if criterion.gate:
                details += " · " + t("scoring.gate", lang)
            line = t(
                "scoring.criterion_line",
                lang,
                label=escape_markdown(text_of(criterion.label)),
                details=details,
                question=escape_markdown(text_of(criterion.question)),
            )
            lines.append(f"- {line}")
            lines.extend(
                f"    - `{anchor.value}` {escape_markdown(text_of(anchor.text))}"
                for anchor in criterion.anchors
            )
        st.markdown("\n".join(lines))
    st.caption(t("scoring.dont_know_label", lang, text=rubric.text("dont_know", lang)))


# rubric ------------------------------------------------------------------------------------

st.subheader(t("scoring.rubric_title", lang), anchor=False)
current = workshop_rubric(store, workshop["id"])
current_row = next(iter(store.workshop_rubrics(workshop["id"])), None)
if current is None:
    st.info(t("scoring.no_rubric", lang))
else:
    st.markdown(
        t(
            "scoring.current_rubric",
            lang,
            title=escape_markdown(current.text("title", lang)),
            id=current_row["rubric_id"],
            version=current_row["version"],
        )
        + (" " + t("scoring.edited_badge", lang) if current_row["edited"] else "")
    )

bundled = {rubric.id: rubric for rubric in list_rubrics()}
with st.expander(t("scoring.choose_rubric", lang), expanded=current is None):
    picked_id = st.selectbox(
        t("scoring.bundled_rubric", lang),
        list(bundled),
        format_func=lambda rubric_id: bundled[rubric_id].text("title", lang),
        placeholder=t("widget.choose_one", lang),
        key="scoring_rubric_pick",
    )
    picked = bundled[picked_id]
    if picked.text("description", lang):
        st.caption(picked.text("description", lang))
    rubric_preview(picked)
    if st.button(
        t("scoring.copy_rubric", lang),
        key="scoring_copy_rubric",
        type="primary",
        icon=":material/content_copy:",
    ):
        row = copy_rubric_to_workshop(store, workshop["id"], get_rubric(picked_id))
        done(t("scoring.copied", lang, id=row["rubric_id"], version=row["version"]))


def edit_form(rubric) -> None:
    """Title, weights and questions of the workshop's copy; unticked criteria are dropped."""
    with st.form("scoring_edit_form"):
        title_cols = st.columns(len(LANGUAGES))
        titles = {
            code: column.text_input(
                t("scoring.edit_title", lang, language=code.upper()),
                value=rubric.title[code],
                key=f"scoring_edit_title_{code}",
            )
            for code, column in zip(LANGUAGES, title_cols, strict=True)
        }
        dimension_weights, criterion_weights, questions, keep = {}, {}, {}, {}
        for dimension in rubric.dimensions:
            st.markdown(f"**{escape_markdown(text_of(dimension.label))}**")
            dimension_weights[dimension.id] = st.number_input(
                t("scoring.edit_dimension_weight", lang, dimension=text_of(dimension.label)),
                min_value=0.0,
                value=float(dimension.weight),
                step=0.5,
                key=f"scoring_edit_dimension_{dimension.id}",
            )
            for criterion in dimension.criteria:
                keep_col, weight_col, *question_cols = st.columns(
                    [2, 1, *[3] * len(LANGUAGES)], vertical_alignment="bottom"
                )
                keep[criterion.id] = keep_col.checkbox(
                    text_of(criterion.label),
                    value=True,
                    key=f"scoring_edit_keep_{criterion.id}",
                    help=t("scoring.edit_keep_help", lang),
                )
                if criterion.kind != AMOUNT:
                    criterion_weights[criterion.id] = weight_col.number_input(
                        t("scoring.edit_weight", lang),
                        min_value=0.0,
                        value=float(criterion.weight),
                        step=0.5,
                        key=f"scoring_edit_weight_{criterion.id}",
                    )
                questions[criterion.id] = {
                    code: column.text_input(
                        t("scoring.edit_question", lang, language=code.upper()),
                        value=criterion.question[code],
                        key=f"scoring_edit_question_{criterion.id}_{code}",
                    )
                    for code, column in zip(LANGUAGES, question_cols, strict=True)
                }
        submitted = st.form_submit_button(t("scoring.edit_save", lang), type="primary")
    if not submitted:
        return
    dropped = [criterion_id for criterion_id, kept in keep.items() if not kept]
    emptied = [
        text_of(d.label) for d in rubric.dimensions if all(c.id in dropped for c in d.criteria)
    ]
    if emptied:
        st.error(t("scoring.edit_empty_dimension", lang, dimensions=", ".join(emptied)))
        return
    try:
        edited = edit_rubric(
            rubric,
            title=titles,
            dimension_weights=dimension_weights,
            criterion_weights={k: v for k, v in criterion_weights.items() if k not in dropped},
            questions={k: v for k, v in questions.items() if k not in dropped},
            drop=dropped,
        )
    except ScoringError as error:
        st.error(t("scoring.edit_invalid", lang, error=str(error)))
        return
    row = copy_rubric_to_workshop(store, workshop["id"], edited)
    done(t("scoring.edit_saved", lang, id=row["rubric_id"], version=row["version"]))


if current is not None:
    with st.expander(t("scoring.edit_rubric", lang)):
        st.caption(t("scoring.edit_help", lang))
        edit_form(current)
    with st.expander(t("scoring.show_rubric", lang)):
        rubric_preview(current)

# new round ---------------------------------------------------------------------------------

st.subheader(t("scoring.new_round", lang), anchor=False)
if current is None:
    st.caption(t("scoring.need_rubric", lang))
else:
    clusters = {c["id"]: c for c in store.active_clusters(workshop["id"])}
    if clusters:
        picked_clusters = st.multiselect(
            t("scoring.pick_clusters", lang),
            list(clusters),
            format_func=lambda i: t(
                "scoring.cluster_option",
                lang,
                label=clusters[i]["label"] or t("scoring.unnamed_target", lang, id=i),
                size=clusters[i]["size"],
            ),
            placeholder=t("scoring.pick_placeholder", lang),
            key="scoring_pick_clusters",
        )
    else:
        picked_clusters = []
        st.caption(t("scoring.no_clusters", lang))
    themes = {c["id"]: c for c in store.active_themes(workshop["id"])}
    if themes:
        # a theme is a cluster of level 1: scored as a whole, its groups' ideas its support
        picked_clusters = st.multiselect(
            t("scoring.pick_themes", lang),
            list(themes),
            format_func=lambda i: t(
                "scoring.cluster_option",
                lang,
                label=themes[i]["label"] or t("scoring.unnamed_target", lang, id=i),
                size=themes[i]["size"],
            ),
            placeholder=t("scoring.pick_placeholder", lang),
            key="scoring_pick_themes",
        ) + list(picked_clusters)
    search = st.text_input(t("scoring.search_ideas", lang), key="scoring_search")
    already = st.session_state.get("scoring_pick_ideas", [])
    found = store.list_ideas(workshop["id"], search=search or None, limit=IDEAS_FOUND)
    ideas = {idea["id"]: idea for idea in (store.get_idea(i) for i in already)}
    ideas.update({idea["id"]: idea for idea in found})
    picked_ideas = st.multiselect(
        t("scoring.pick_ideas", lang),
        list(ideas),
        format_func=lambda i: t(
            "scoring.idea_option",
            lang,
            id=i,
            text=shorten(ideas[i]["title"] or ideas[i]["text"], 90),
        ),
        placeholder=t("scoring.pick_placeholder", lang),
        key="scoring_pick_ideas",
    )
    title_col, blind_col = st.columns([3, 1], vertical_alignment="bottom")
    round_title = title_col.text_input(t("scoring.round_title", lang), key="scoring_round_title")
    blind = blind_col.checkbox(
        t("scoring.blind", lang),
        value=True,
        key="scoring_blind",
        help=t("scoring.blind_help", lang),
    )
    shortlist = [("cluster", i) for i in picked_clusters] + [("idea", i) for i in picked_ideas]
    st.caption(t("scoring.shortlist_count", lang, count=len(shortlist)))
    if st.button(
        t("scoring.open_round", lang),
        key="scoring_open_round",
        type="primary",
        icon=":material/play_arrow:",
        disabled=not shortlist,
    ):
        opened = open_round(
            store, workshop["id"], shortlist, title=round_title.strip(), blind=blind
        )
        for key in (
            "scoring_pick_themes",
            "scoring_pick_clusters",
            "scoring_pick_ideas",
            "scoring_round_title",
        ):
            st.session_state.pop(key, None)
        done(t("scoring.opened", lang, name=round_name(opened, lang), count=len(shortlist)))

# rounds ------------------------------------------------------------------------------------

rounds = store.list_rounds(workshop["id"])
st.subheader(t("scoring.rounds", lang), anchor=False)
if not rounds:
    st.caption(t("scoring.no_rounds", lang))


def round_card(scoring_round: dict) -> None:
    """Status, rubric, how far the raters are (counts only), actions and links."""
    round_id = scoring_round["id"]
    targets = store.round_targets(round_id)
    criteria = sum(len(d["criteria"]) for d in scoring_round["rubric"]["dimensions"])
    answers = len(store.round_scores(round_id))
    # counts only: safe to project even while the round is blind
    progress = round_results(store, round_id)
    st.markdown(f"#### {escape_markdown(round_name(scoring_round, lang))}")
    st.caption(
        t(
            "scoring.round_caption",
            lang,
            status=round_status(scoring_round, lang),
            rubric=scoring_round["rubric_id"],
            version=scoring_round["rubric_version"],
            targets=len(targets),
        )
    )
    expected = progress.raters * len(targets) * criteria
    st.progress(
        answers / expected if expected else 0.0,
        text=t(
            "scoring.round_progress",
            lang,
            raters=progress.raters,
            answers=answers,
            expected=expected,
        ),
    )
    actions = st.container(horizontal=True, vertical_alignment="center")
    if scoring_round["status"] == "open":
        if actions.button(
            t("scoring.close", lang), key=f"scoring_close_{round_id}", icon=":material/lock:"
        ):
            store.close_round(round_id)
            done(t("scoring.closed_done", lang, name=round_name(scoring_round, lang)))
        actions.page_link(
            str(PAGE_FILES["ballot"]),
            label=t("scoring.ballot_link", lang),
            icon=":material/how_to_vote:",
            query_params={"w": workshop["slug"], "round": str(round_id)},
        )
    hidden = scoring_round["blind"] and not scoring_round["revealed"]
    if hidden and actions.button(
        t("scoring.reveal", lang),
        key=f"scoring_reveal_{round_id}",
        type="primary",
        icon=":material/visibility:",
        help=t("scoring.reveal_help", lang),
    ):
        store.reveal_round(round_id)
        done(t("scoring.revealed_done", lang, name=round_name(scoring_round, lang)))
    actions.page_link(
        str(PAGE_FILES["results"]),
        label=t("scoring.results_link", lang),
        icon=":material/leaderboard:",
        query_params={"w": workshop["slug"], "round": str(round_id)},
    )
    kinds = {kind: t(f"scoring.kind_{kind}", lang) for kind in ("cluster", "idea")}
    with st.expander(t("scoring.targets", lang, count=len(targets))):
        st.markdown(
            "\n".join(
                f"{i}. {escape_markdown(shorten(target['label'] or '', 120))}"
                f" :gray[· {kinds[target['kind']]}]"
                for i, target in enumerate(targets, start=1)
            )
        )


for scoring_round in rounds:
    with st.container(border=True, key=f"scoring_round_{scoring_round['id']}"):
        round_card(scoring_round)

open_rounds = {r["id"]: r for r in rounds if r["status"] == "open"}
if open_rounds:
    st.subheader(t("scoring.staff_title", lang), anchor=False)
    st.caption(t("scoring.staff_help", lang))
    with st.form("scoring_staff_form", border=False):
        name_col, round_col = st.columns(2)
        staff_name = name_col.text_input(t("scoring.staff_name", lang), key="scoring_staff_name")
        staff_round = round_col.selectbox(
            t("scoring.staff_round", lang),
            list(open_rounds),
            format_func=lambda i: round_name(open_rounds[i], lang),
            placeholder=t("widget.choose_one", lang),
            key="scoring_staff_round",
        )
        go = st.form_submit_button(t("scoring.staff_go", lang), icon=":material/how_to_vote:")
    if go:
        try:
            staff = store.add_rater(workshop["id"], staff_name=staff_name)
        except StoreError:
            st.error(t("scoring.staff_name_required", lang))
        else:
            store.close()
            st.switch_page(
                str(PAGE_FILES["ballot"]),
                query_params={
                    "w": workshop["slug"],
                    "round": str(staff_round),
                    "r": staff["token"],
                },
            )
store.close()
