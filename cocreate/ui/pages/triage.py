"""Triage page (staff): the workshop's backlog one page of 50 ideas at a time, filtered and
sorted by the store (never the whole backlog in the browser), with the progress count; act
once on the selected rows, on ideas by number or on a whole cluster (status, assignment,
valuation, decision with its public answers); an idea's detail and the staff work on it; a
cluster's full member list and the ideas whose own decision differs; saved views; the
feedback export for authors."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from cocreate.i18n import format_number, t
from cocreate.triage import (
    TriageAccessDenied,
    TriageError,
    add_milestone,
    assign,
    change_status,
    decide,
    decide_ideas,
    decide_theme,
    delete_idea,
    differing_ideas,
    edit_idea,
    hide_idea,
    idea_detail,
    lifecycle_for,
    redact_idea,
    show_idea,
    triage_list,
    value,
    value_ideas,
    write_feedback,
)
from cocreate.triage.views import (
    clean_filters,
    cluster_members,
    delete_view,
    save_view,
    saved_views,
    staff_choices,
)
from cocreate.ui.cache import from_workshop
from cocreate.ui.common import open_store, rerun_with_message, show_message, ui_lang
from cocreate.ui.plain_text import escape_markdown
from cocreate.ui.staff import acting_member, sign_out_button, staff_workshop

SORTS = ("date", "added", "votes", "status", "cluster")
HIDDEN_CHOICES = ("shown", "hidden", "all")
HIDDEN_FILTER = {"shown": False, "hidden": True, "all": None}
# filter widgets' session keys, by filter
FILTER_WIDGETS = {
    "status": "tf_status",
    "cluster_id": "tf_cluster",
    "theme_id": "tf_theme",
    "with_secondary": "tf_theme_second",
    "department": "tf_department",
    "assignee_id": "tf_assignee",
    "source": "tf_source",
    "language": "tf_language",
    "category": "tf_category",
    "no_answer": "tf_no_answer",
    "older_than_days": "tf_older",
    "search": "tf_search",
}
TEXT_CHARS = 160


def choices_for(store, workshop_id: int) -> dict:
    # departments, sources, languages and cluster sizes change only with the workshop
    return store.triage_choices(workshop_id)


# the store answers these from SQL; each is kept until the workshop's revision changes (every
# write to its ideas, clusters, scores or triage tables bumps it), so a rerun reads nothing
def listing_for(store, workshop_id, actor, filters, sort, descending, page, lang):
    return triage_list(
        store, actor, workshop_id, filters, sort=sort, descending=descending, page=page, lang=lang
    )


def members_for(store, workshop_id, actor, cluster_id, page, lang):
    return cluster_members(store, actor, workshop_id, cluster_id, page=page, lang=lang)


def differing_for(store, workshop_id, cluster_id):
    return differing_ideas(store, cluster_id)


def refused(error: Exception) -> None:
    st.error(error.message(lang) if hasattr(error, "message") else str(error))


def act(action, done_key: str, **values) -> None:
    """Run a library action; its refusal is shown translated, its success after a rerun."""
    try:
        result = action()
    except (TriageError, TriageAccessDenied) as error:
        refused(error)
        return
    rerun_with_message(
        "triage", t(done_key, lang, count=format_number(result or 0, lang), **values)
    )


def parse_ids(text: str) -> list[int] | None:
    """``12, 15-18`` -> [12, 15, 16, 17, 18]; None when a part is not a number."""
    ids: list[int] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        first, _, last = part.partition("-")
        if not first.strip().isdigit() or (last and not last.strip().isdigit()):
            return None
        start, end = int(first), int(last or first)
        if end - start > 10_000:
            return None
        ids.extend(range(start, end + 1))
    return ids


def apply_view(views: dict[int, dict]) -> None:
    chosen = st.session_state.get("triage_view")
    if chosen is None or chosen not in views:
        return
    filters = views[chosen]["filters"]
    for name, key in FILTER_WIDGETS.items():
        flag = name in ("no_answer", "with_secondary")
        default = [] if name == "status" else (False if flag else None)
        if name == "search":
            default = ""
        if name == "older_than_days":
            default = 0
        st.session_state[key] = filters.get(name, default)
    hidden = filters.get("hidden", False)
    st.session_state["tf_hidden"] = next(k for k, v in HIDDEN_FILTER.items() if v is hidden)
    st.session_state["triage_page"] = 1


lang = ui_lang()
store = open_store()
st.header(t("triage_pages.header", lang))
actor = acting_member(store, lang)
sign_out_button(lang)
workshop = staff_workshop(store, lang)
workshop_id = workshop["id"]
st.caption(escape_markdown(workshop["title"]))
show_message("triage")
lifecycle = lifecycle_for(store, workshop_id)
state_names = {s.key: s.label(lang) for s in lifecycle.states}
outcome_names = {o.key: o.label(lang) for o in lifecycle.outcomes}
try:
    choices = from_workshop(store, workshop_id, choices_for)
    staff_list = staff_choices(store, actor)
except TriageAccessDenied as error:
    refused(error)
    st.stop()
if actor.sees_only() is not None:
    choices = {**choices, "departments": [actor.sees_only()]}
cluster_names = {
    c["id"]: f"{c['label'] or '#' + str(c['id'])} ({format_number(c['size'], lang)})"
    for c in choices["clusters"]
}
theme_names = {
    c["id"]: f"{c['label'] or '#' + str(c['id'])} ({format_number(c['size'], lang)})"
    for c in choices.get("themes", [])
}
staff_names = {s["id"]: s["name"] for s in staff_list}

# --- saved views and filters ---------------------------------------------------------------
views = {v["id"]: v for v in saved_views(store, actor, workshop_id)}
if views:
    st.selectbox(
        t("triage_pages.saved_view", lang),
        list(views),
        index=None,
        format_func=lambda vid: views[vid]["name"],
        key="triage_view",
        on_change=apply_view,
        args=(views,),
        placeholder=t("triage_pages.saved_view_placeholder", lang),
    )
with st.container(border=True):
    row1 = st.columns(5)
    statuses = row1[0].multiselect(
        t("triage_pages.f_status", lang),
        list(state_names),
        format_func=state_names.get,
        key="tf_status",
        placeholder=t("triage_pages.any", lang),
    )
    theme_id = row1[1].selectbox(
        t("triage_pages.f_theme", lang),
        list(theme_names),
        index=None,
        format_func=theme_names.get,
        key="tf_theme",
        placeholder=t("triage_pages.any", lang),
    )
    cluster_id = row1[2].selectbox(
        t("triage_pages.f_cluster", lang),
        list(cluster_names),
        index=None,
        format_func=cluster_names.get,
        key="tf_cluster",
        placeholder=t("triage_pages.any", lang),
    )
    department = row1[3].selectbox(
        t("triage_pages.f_department", lang),
        choices["departments"],
        index=None,
        key="tf_department",
        placeholder=t("triage_pages.any", lang),
    )
    assignee_id = row1[4].selectbox(
        t("triage_pages.f_assignee", lang),
        list(staff_names),
        index=None,
        format_func=staff_names.get,
        key="tf_assignee",
        placeholder=t("triage_pages.any", lang),
    )
    row2 = st.columns(5)
    source = row2[0].selectbox(
        t("triage_pages.f_source", lang),
        choices["sources"],
        index=None,
        key="tf_source",
        placeholder=t("triage_pages.any", lang),
    )
    language = row2[1].selectbox(
        t("triage_pages.f_language", lang),
        choices["languages"],
        index=None,
        key="tf_language",
        placeholder=t("triage_pages.any", lang),
    )
    older = row2[2].number_input(
        t("triage_pages.f_older", lang), min_value=0, step=7, key="tf_older"
    )
    with_secondary = row2[4].checkbox(
        t("triage_pages.f_theme_second", lang), key="tf_theme_second", disabled=theme_id is None
    )
    hidden = row2[3].selectbox(
        t("triage_pages.f_hidden", lang),
        HIDDEN_CHOICES,
        format_func=lambda k: t(f"triage_pages.hidden_{k}", lang),
        key="tf_hidden",
        placeholder=t("widget.choose_one", lang),
    )
    row3 = st.columns([2, 2, 1, 2, 1])
    category = row3[1].selectbox(
        t("triage_pages.f_category", lang),
        choices.get("categories", []),
        index=None,
        key="tf_category",
        placeholder=t("triage_pages.any", lang),
    )
    search = row3[0].text_input(
        t("triage_pages.f_search", lang),
        key="tf_search",
        placeholder=t("triage_pages.search_placeholder", lang),
    )
    no_answer = row3[2].checkbox(t("triage_pages.f_no_answer", lang), key="tf_no_answer")
    sort = row3[3].selectbox(
        t("triage_pages.sort", lang),
        SORTS,
        format_func=lambda k: t(f"triage_pages.sort_{k}", lang),
        key="tf_sort",
        placeholder=t("widget.choose_one", lang),
    )
    descending = row3[4].toggle(t("triage_pages.descending", lang), value=True, key="tf_desc")

filters = clean_filters(
    {
        "status": statuses,
        "cluster_id": cluster_id,
        "theme_id": theme_id,
        "with_secondary": with_secondary and theme_id is not None,
        "department": department,
        "assignee_id": assignee_id,
        "source": source,
        "language": language,
        "category": category,
        "no_answer": no_answer,
        "older_than_days": older or None,
        "hidden": HIDDEN_FILTER[hidden],
        "search": search,
    }
)
with st.popover(t("triage_pages.views", lang), icon=":material/bookmark:"):
    with st.form("triage_save_view"):
        view_name = st.text_input(t("triage_pages.view_name", lang), key="triage_view_name")
        if st.form_submit_button(t("triage_pages.save_view", lang)):
            try:
                save_view(store, actor, workshop_id, view_name, filters)
            except TriageError as error:
                refused(error)
            else:
                rerun_with_message("triage", t("triage_pages.view_saved", lang, name=view_name))
    if views and st.button(t("triage_pages.delete_view", lang), key="triage_delete_view"):
        chosen_view = st.session_state.get("triage_view")
        if chosen_view in views:
            delete_view(store, actor, workshop_id, chosen_view)
            rerun_with_message("triage", t("triage_pages.view_deleted", lang))

# --- the listing ---------------------------------------------------------------------------
page_number = int(st.session_state.get("triage_page", 1))
listing = from_workshop(
    store, workshop_id, listing_for, actor, filters, sort, descending, page_number - 1, lang
)
if page_number > listing.pages:
    st.session_state["triage_page"] = 1
    st.rerun()
st.progress(
    listing.triaged / listing.total if listing.total else 0.0,
    text=t(
        "triage_pages.progress",
        lang,
        triaged=format_number(listing.triaged, lang),
        total=format_number(listing.total, lang),
    ),
)
counts = st.columns([3, 1])
counts[0].caption(
    t(
        "triage_pages.matching",
        lang,
        matching=format_number(listing.matching, lang),
        pages=format_number(listing.pages, lang),
    )
)
counts[1].number_input(
    t("triage_pages.page", lang),
    min_value=1,
    max_value=listing.pages,
    key="triage_page",
)


def decision_text(row: dict) -> str | None:
    if not row["outcome"]:
        return None
    name = row["outcome_name"]
    if row["decision_from"] == "cluster":
        return f"{name} ({t('triage_pages.from_cluster', lang)})"
    return name


def short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


columns = {
    "id": t("triage_pages.col_id", lang),
    "text": t("triage_pages.col_text", lang),
    "status": t("triage_pages.col_status", lang),
    "decision": t("triage_pages.col_decision", lang),
    "cluster": t("triage_pages.col_cluster", lang),
    "assignee": t("triage_pages.col_assignee", lang),
    "score": t("triage_pages.col_score", lang),
    "votes": t("triage_pages.col_votes", lang),
    "source": t("triage_pages.col_source", lang),
    "created": t("triage_pages.col_created", lang),
}
table = pd.DataFrame(
    [
        {
            "id": row["id"],
            "status": row["status_name"],
            "decision": decision_text(row),
            "cluster": row["cluster_label"]
            or (f"#{row['cluster_id']}" if row["cluster_id"] else None),
            "assignee": " · ".join(
                x for x in (row["department"], staff_names.get(row["assignee_id"])) if x
            )
            or None,
            "score": None if row["score"] is None else round(row["score"], 2),
            "votes": row["votes"],
            "source": row["source"],
            "created": (row["created"] or "")[:10] or None,
            "text": short(row["text"]),
        }
        for row in listing.rows
    ],
    columns=list(columns),
).rename(columns=columns)
# an empty cell, not Streamlit's English "None"
table = table.astype(object).where(table.notna(), "")
selection = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="multi-row",
    key=f"triage_table_{page_number}",
    column_config={columns["text"]: st.column_config.TextColumn(width="large")},
)
selected = [listing.rows[i]["id"] for i in selection.selection.rows if i < len(listing.rows)]

# --- acting once on many ideas -------------------------------------------------------------
st.subheader(t("triage_pages.act", lang), anchor=False)
targets = {
    "selected": t("triage_pages.target_selected", lang, count=len(selected)),
    "numbers": t("triage_pages.target_numbers", lang),
    "cluster": t("triage_pages.target_cluster", lang),
}
if theme_names:
    targets["theme"] = t("triage_pages.target_theme", lang)
target = st.radio(
    t("triage_pages.target", lang),
    list(targets),
    format_func=targets.get,
    horizontal=True,
    key="triage_target",
)
idea_ids: list[int] | None = None
target_cluster: int | None = None
if target == "selected":
    idea_ids = selected
elif target == "numbers":
    typed = st.text_input(
        t("triage_pages.numbers", lang), key="triage_numbers", placeholder="12, 15-18"
    )
    idea_ids = parse_ids(typed)
    if idea_ids is None:
        st.error(t("triage_pages.bad_numbers", lang, text=typed))
        idea_ids = []
elif target == "cluster":
    target_cluster = st.selectbox(
        t("triage_pages.f_cluster", lang),
        list(cluster_names),
        index=list(cluster_names).index(cluster_id) if cluster_id in cluster_names else None,
        format_func=cluster_names.get,
        key="triage_target_cluster",
        placeholder=t("triage_pages.pick_cluster", lang),
    )
has_target = bool(idea_ids) or target_cluster is not None
if not has_target and target != "theme":
    st.caption(t("triage_pages.no_target", lang))
many = {"idea_ids": idea_ids} if target_cluster is None else {"cluster_id": target_cluster}


def value_or_decide(on_cluster, on_ideas, **values):
    """A valuation or decision: one row on the cluster (it reaches every member), else one
    per idea, all in one transaction (refused whole, naming the idea)."""
    if target_cluster is not None:
        return lambda: on_cluster(store, actor, workshop_id, cluster_id=target_cluster, **values)
    return lambda: len(on_ideas(store, actor, workshop_id, idea_ids, **values))


def theme_decision_form() -> None:
    """One decision on every group of a theme (decision 0061): a theme, an outcome, the
    public answers and a confirmation that names how many groups and ideas it reaches."""
    theme = st.selectbox(
        t("triage_pages.f_theme", lang),
        list(theme_names),
        index=list(theme_names).index(theme_id) if theme_id in theme_names else None,
        format_func=theme_names.get,
        key="triage_target_theme",
        placeholder=t("triage_pages.pick_theme", lang),
    )
    groups = sum(1 for c in store.active_clusters(workshop_id) if c["parent_id"] == theme)
    sizes = {c["id"]: c["size"] for c in choices.get("themes", [])}
    with st.form("triage_theme_form"):
        # "merged" needs one idea to join: it has no meaning for a whole theme
        outcome = st.selectbox(
            t("triage_pages.outcome", lang),
            [k for k in outcome_names if k != "merged"],
            format_func=outcome_names.get,
            key="tt_outcome",
            placeholder=t("widget.choose_one", lang),
        )
        answer_cols = st.columns(2)
        answer_fr = answer_cols[0].text_area(t("triage_pages.answer_fr", lang), key="tt_answer_fr")
        answer_en = answer_cols[1].text_area(t("triage_pages.answer_en", lang), key="tt_answer_en")
        note = st.text_input(t("triage_pages.note", lang), key="tt_note")
        confirmed = st.checkbox(
            t(
                "triage_pages.theme_confirm" if groups != 1 else "triage_pages.theme_confirm_one",
                lang,
                groups=format_number(groups, lang),
                ideas=format_number(sizes.get(theme, 0), lang),
            ),
            key="tt_confirm",
        )
        submitted = st.form_submit_button(
            t("triage_pages.decide_theme", lang), type="primary", disabled=theme is None
        )
    if not submitted:
        return
    if not confirmed:
        st.warning(t("triage_pages.theme_confirm_first", lang))
        return
    act(
        lambda: len(
            decide_theme(
                store,
                actor,
                workshop_id,
                theme,
                outcome=outcome,
                answer_fr=answer_fr,
                answer_en=answer_en,
                note=note,
            )
        ),
        "triage_pages.theme_decided" if groups != 1 else "triage_pages.theme_decided_one",
        outcome=outcome_names[outcome],
        theme=theme_names[theme],
    )


if target == "theme":
    st.caption(t("triage_pages.theme_help", lang))
    theme_decision_form()
else:
    status_tab, assign_tab, value_tab, decide_tab = st.tabs(
        [
            t("triage_pages.tab_status", lang),
            t("triage_pages.tab_assign", lang),
            t("triage_pages.tab_value", lang),
            t("triage_pages.tab_decide", lang),
        ]
    )
    with status_tab, st.form("triage_status_form"):
        movable = [k for k in state_names if k != lifecycle.decided]
        to = st.selectbox(
            t("triage_pages.to_status", lang),
            movable,
            format_func=state_names.get,
            key="ta_to",
            placeholder=t("widget.choose_one", lang),
        )
        note = st.text_input(t("triage_pages.note", lang), key="ta_status_note")
        if st.form_submit_button(t("triage_pages.move", lang), disabled=not has_target):
            act(
                lambda: change_status(store, actor, workshop_id, to, note=note, **many),
                "triage_pages.moved",
                status=state_names[to],
            )
    with assign_tab, st.form("triage_assign_form"):
        new_department = st.text_input(t("triage_pages.department", lang), key="ta_department")
        new_assignee = st.selectbox(
            t("triage_pages.staff_member", lang),
            list(staff_names.values()),
            index=None,
            key="ta_staff",
            placeholder=t("triage_pages.nobody", lang),
        )
        if st.form_submit_button(t("triage_pages.assign", lang), disabled=not has_target):
            act(
                lambda: assign(
                    store,
                    actor,
                    workshop_id,
                    department=new_department,
                    staff_name=new_assignee,
                    **many,
                ),
                "triage_pages.assigned",
            )
    with value_tab, st.form("triage_value_form"):
        if idea_ids and len(idea_ids) > 1:
            st.caption(t("triage_pages.each_idea", lang, count=format_number(len(idea_ids), lang)))
        feasible = st.radio(
            t("triage_pages.feasible", lang),
            (True, False),
            format_func=lambda f: t("triage_pages.yes" if f else "triage_pages.no", lang),
            horizontal=True,
            key="tv_feasible",
        )
        reason = st.text_area(t("triage_pages.reason", lang), key="tv_reason")
        cells = st.columns(3)
        cost = cells[0].number_input(
            t("triage_pages.cost", lang), min_value=0.0, value=None, step=1000.0, key="tv_cost"
        )
        value_department = cells[1].text_input(t("triage_pages.department", lang), key="tv_dept")
        due = cells[2].date_input(t("triage_pages.due", lang), value=None, key="tv_due")
        if st.form_submit_button(t("triage_pages.value", lang), disabled=not has_target):
            act(
                value_or_decide(
                    value,
                    value_ideas,
                    feasible=feasible,
                    reason=reason,
                    cost=cost,
                    department=value_department,
                    due_date=due.isoformat() if due else None,
                ),
                "triage_pages.valued",
            )
    with decide_tab, st.form("triage_decide_form"):
        if idea_ids and len(idea_ids) > 1:
            st.caption(t("triage_pages.each_idea", lang, count=format_number(len(idea_ids), lang)))
        outcome = st.selectbox(
            t("triage_pages.outcome", lang),
            list(outcome_names),
            format_func=outcome_names.get,
            key="td_outcome",
            placeholder=t("widget.choose_one", lang),
        )
        answer_cols = st.columns(2)
        answer_fr = answer_cols[0].text_area(t("triage_pages.answer_fr", lang), key="td_answer_fr")
        answer_en = answer_cols[1].text_area(t("triage_pages.answer_en", lang), key="td_answer_en")
        merged_into = st.number_input(
            t("triage_pages.merged_into", lang), min_value=1, value=None, step=1, key="td_merged"
        )
        decision_note = st.text_input(t("triage_pages.note", lang), key="td_note")
        if st.form_submit_button(
            t("triage_pages.decide", lang), type="primary", disabled=not has_target
        ):
            act(
                value_or_decide(
                    decide,
                    decide_ideas,
                    outcome=outcome,
                    answer_fr=answer_fr,
                    answer_en=answer_en,
                    merged_into=int(merged_into) if merged_into else None,
                    note=decision_note,
                ),
                "triage_pages.decided",
                outcome=outcome_names[outcome],
            )


# --- one idea ------------------------------------------------------------------------------
def show_detail(idea_id: int) -> None:
    try:
        detail = idea_detail(store, actor, workshop_id, idea_id)
    except (TriageError, TriageAccessDenied) as error:
        refused(error)
        return
    st.markdown(f"**#{idea_id}** · {state_names.get(detail['status'], detail['status'])}")
    if detail["hidden_at"]:
        st.warning(t("triage_pages.is_hidden", lang))
    st.markdown(escape_markdown(detail["text"]))
    facts = st.columns(4)
    facts[0].metric(t("triage_pages.col_cluster", lang), detail["cluster_label"] or "-")
    facts[1].metric(
        t("triage_pages.col_score", lang),
        "-" if detail["score"] is None else format_number(detail["score"], lang, digits=2),
    )
    facts[2].metric(t("triage_pages.col_votes", lang), detail["votes"] or 0)
    facts[3].metric(
        t("triage_pages.col_decision", lang),
        outcome_names.get(detail["outcome"], "-") if detail["outcome"] else "-",
    )
    answer = detail.get(f"answer_{lang}") or detail.get("answer_fr") or detail.get("answer_en")
    if answer:
        st.info(answer)
    info, work = st.tabs([t("triage_pages.tab_facts", lang), t("triage_pages.tab_work", lang)])
    with info:
        st.caption(t("triage_pages.original", lang))
        st.json(detail["original"], expanded=False)
        if detail["duplicate_of"]:
            st.caption(t("triage_pages.exact_duplicate", lang, idea=detail["duplicate_of"]))
        st.caption(t("triage_pages.merges", lang))
        if detail["merges"]:
            st.dataframe(
                pd.DataFrame(detail["merges"])[["primary_idea_id", "merged_idea_id"]].rename(
                    columns={
                        "primary_idea_id": t("triage_pages.kept_idea", lang),
                        "merged_idea_id": t("triage_pages.merged_idea", lang),
                    }
                ),
                hide_index=True,
            )
        else:
            st.caption("-")
        if detail["edits"]:
            st.caption(t("triage_pages.edits", lang))
            st.dataframe(pd.DataFrame(detail["edits"]), hide_index=True)
        if detail["valuation"]:
            st.caption(t("triage_pages.valuation", lang))
            st.json(detail["valuation"], expanded=False)
        st.caption(t("triage_pages.milestones", lang))
        for milestone in detail["milestones"]:
            st.markdown(f"- **{milestone['on_date']}** {escape_markdown(milestone['text'])}")
        st.caption(t("triage_pages.history", lang))
        if detail["history"]:
            st.dataframe(pd.DataFrame(detail["history"]), hide_index=True)
    with work:
        with st.form(f"triage_edit_{idea_id}"):
            new_text = st.text_area(
                t("triage_pages.edit_text", lang), value=detail["text"], key=f"tw_text_{idea_id}"
            )
            if st.form_submit_button(t("triage_pages.save_edit", lang)):
                act(
                    lambda: edit_idea(store, actor, workshop_id, idea_id, new_text),
                    "triage_pages.edited",
                )
        with st.form(f"triage_redact_{idea_id}"):
            passages = st.text_area(
                t("triage_pages.redact_passages", lang), key=f"tw_redact_{idea_id}"
            )
            if st.form_submit_button(t("triage_pages.redact", lang)):
                act(
                    lambda: redact_idea(
                        store, actor, workshop_id, idea_id, passages.splitlines(), lang=lang
                    ),
                    "triage_pages.redacted",
                )
        buttons = st.columns(2)
        if detail["hidden_at"]:
            if buttons[0].button(t("triage_pages.unhide", lang), key=f"tw_show_{idea_id}"):
                act(lambda: show_idea(store, actor, workshop_id, idea_id), "triage_pages.shown")
        elif buttons[0].button(t("triage_pages.hide", lang), key=f"tw_hide_{idea_id}"):
            act(lambda: hide_idea(store, actor, workshop_id, idea_id), "triage_pages.hidden")
        sure = buttons[1].checkbox(t("triage_pages.delete_sure", lang), key=f"tw_sure_{idea_id}")
        if buttons[1].button(
            t("triage_pages.delete", lang), disabled=not sure, key=f"tw_delete_{idea_id}"
        ):
            act(lambda: delete_idea(store, actor, workshop_id, idea_id), "triage_pages.deleted")
        if detail["outcome"] and lifecycle.outcome(detail["outcome"]).allows_work:
            with st.form(f"triage_milestone_{idea_id}"):
                st.caption(t("triage_pages.add_milestone", lang))
                on_date = st.date_input(t("triage_pages.milestone_date", lang))
                milestone_text = st.text_input(t("triage_pages.milestone_text", lang))
                photo = st.text_input(t("triage_pages.milestone_photo", lang))
                if st.form_submit_button(t("triage_pages.add_milestone", lang)):
                    on_decision = detail["decision_from"] == "cluster"
                    act(
                        lambda: add_milestone(
                            store,
                            actor,
                            workshop_id,
                            on_date=on_date.isoformat(),
                            text=milestone_text,
                            photo_path=photo,
                            **(
                                {"decision_id": detail["decision_id"]}
                                if on_decision
                                else {"idea_id": idea_id}
                            ),
                        ),
                        "triage_pages.milestone_added",
                    )


st.subheader(t("triage_pages.detail", lang), anchor=False)
opened = st.number_input(
    t("triage_pages.open_idea", lang),
    min_value=1,
    value=selected[0] if selected else None,
    step=1,
    key=f"triage_open_{selected[0] if selected else 0}",
)
if opened:
    with st.container(border=True):
        show_detail(int(opened))


# --- one cluster ---------------------------------------------------------------------------
def show_cluster(chosen: int) -> None:
    differing = from_workshop(store, workshop_id, differing_for, chosen)
    if differing:
        st.caption(t("triage_pages.differing", lang, count=len(differing)))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("triage_pages.col_id", lang): d["idea_id"],
                        t("triage_pages.own_decision", lang): outcome_names.get(d["outcome"]),
                        t("triage_pages.cluster_decision", lang): outcome_names.get(
                            d["cluster_outcome"], "-"
                        ),
                        t("triage_pages.differs", lang): d["differs"],
                    }
                    for d in differing
                ]
            ),
            hide_index=True,
        )
    else:
        st.caption(t("triage_pages.none_differ", lang))
    member_page = int(st.session_state.get(f"triage_members_page_{chosen}", 1))
    members = from_workshop(store, workshop_id, members_for, actor, chosen, member_page - 1, lang)
    st.caption(
        t(
            "triage_pages.members",
            lang,
            count=format_number(members.matching, lang),
            pages=format_number(members.pages, lang),
        )
    )
    st.number_input(
        t("triage_pages.page", lang),
        min_value=1,
        max_value=members.pages,
        key=f"triage_members_page_{chosen}",
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    columns["id"]: r["id"],
                    columns["status"]: r["status_name"],
                    columns["decision"]: decision_text(r),
                    columns["text"]: short(r["text"]),
                }
                for r in members.rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )


if cluster_id is not None:
    st.subheader(
        t("triage_pages.cluster", lang, name=escape_markdown(cluster_names[cluster_id])),
        anchor=False,
    )
    # read on demand: every member and the differing ideas of a 5,000-idea cluster take time
    if st.toggle(t("triage_pages.show_members", lang), key=f"triage_members_{cluster_id}"):
        show_cluster(cluster_id)

# --- feedback for authors ------------------------------------------------------------------
st.subheader(t("triage_pages.feedback", lang), anchor=False)
st.caption(t("triage_pages.feedback_help", lang))
prepared = st.session_state.get("triage_feedback")
revision = store.workshop_revision(workshop_id)
if st.button(t("triage_pages.prepare_feedback", lang), key="triage_prepare_feedback"):
    with tempfile.TemporaryDirectory() as folder:
        csv_result = write_feedback(store, workshop_id, Path(folder) / "feedback.csv")
        write_feedback(store, workshop_id, Path(folder) / "feedback.xlsx")
        prepared = {
            "workshop_id": workshop_id,
            "revision": revision,
            "rows": len(csv_result.rows),
            "missing": csv_result.missing,
            "csv": (Path(folder) / "feedback.csv").read_bytes(),
            "no_contact_csv": (Path(folder) / "feedback.no-contact.csv").read_bytes(),
            "xlsx": (Path(folder) / "feedback.xlsx").read_bytes(),
        }
    st.session_state["triage_feedback"] = prepared
if prepared and prepared["workshop_id"] == workshop_id and prepared["revision"] == revision:
    st.caption(
        t(
            "triage_pages.feedback_counts",
            lang,
            rows=format_number(prepared["rows"], lang),
            missing=format_number(prepared["missing"], lang),
        )
    )
    downloads = st.columns(3)
    slug = workshop["slug"]
    downloads[0].download_button(
        t("triage_pages.download_csv", lang),
        data=prepared["csv"],
        file_name=f"{slug}-feedback.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    downloads[1].download_button(
        t("triage_pages.download_no_contact", lang),
        data=prepared["no_contact_csv"],
        file_name=f"{slug}-feedback.no-contact.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    downloads[2].download_button(
        t("triage_pages.download_xlsx", lang),
        data=prepared["xlsx"],
        file_name=f"{slug}-feedback.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
    )
store.close()
