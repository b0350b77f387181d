"""Public follow-up page ("what became of our ideas"): read-only, for anyone, with or without a
role; the decided ideas by cluster or by status, each with its answer and milestones, no
author and no contact (:func:`cocreate.triage.public_followup` reads none). Printable: the
print style hides the sidebar, the toolbar and every button."""

import math
from html import escape

import streamlit as st

from cocreate.i18n import format_number, t
from cocreate.privacy import hide_personal_data
from cocreate.triage import public_followup
from cocreate.ui.cache import from_workshop
from cocreate.ui.common import current_workshop, open_store, ui_lang

# ideas drawn at once: a backlog of 100k decided ideas is read a page at a time (print a page)
IDEAS_PER_PAGE = 300

PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"],
  .stButton, .stDownloadButton, [data-testid="stRadio"], [data-testid="stSelectbox"],
  [data-testid="stNumberInput"], footer {display: none !important;}
  .cc-followup li, .cc-followup h3 {break-inside: avoid;}
  [data-testid="stMain"] {margin-left: 0 !important;}
}
.cc-followup h3 {margin: 1.2rem 0 .3rem 0;}
.cc-followup .cc-answer {border-left: 4px solid #0b4f8a; padding: .2rem .7rem; margin: .3rem 0;}
.cc-followup .cc-meta {color: #333; font-size: .9rem;}
.cc-followup ul {margin-top: .2rem;}
</style>"""


def followup_for(store, workshop_id: int, lang: str) -> dict:
    return public_followup(store, workshop_id, lang)


def public_workshop(store) -> dict | None:
    """The workshop the address names (``?w=slug``: a shared link), else this session's,
    else the newest with a decision: the follow-up is public, no role is needed."""
    slug = st.query_params.get("w")
    if slug:
        named = store.find_workshop(slug)
        if named is not None:
            return named
    workshop = current_workshop(store)
    if workshop is not None:
        return workshop
    decided = store.workshops_with_decisions()
    return store.get_workshop(decided[0]["id"]) if decided else None


def shared_answer(ideas: list[dict]) -> str:
    """The answer every idea of a group carries (a whole theme decided at once), else ""."""
    answers = {idea["answer"] for idea in ideas}
    return answers.pop() if len(answers) == 1 and len(ideas) > 1 else ""


def idea_html(idea: dict, show_status: bool, show_cluster: bool, show_answer: bool) -> str:
    # a public page: what a citizen wrote about themselves or others stays hidden
    title = hide_personal_data(idea["title"] or "")
    text = hide_personal_data(idea["text"] or "")
    head = f"<strong>{escape(title)}</strong> · " if title and title != text else ""
    meta = []
    if show_status:
        meta.append(idea["status_name"])
    meta.append(idea["outcome_name"])
    if show_cluster and idea["cluster_label"]:
        meta.append(t("followup.in_cluster", lang, name=idea["cluster_label"]))
    parts = [
        f"<li>{head}{escape(text)}",
        f'<div class="cc-meta">{escape(" · ".join(meta))}</div>',
    ]
    if show_answer and idea["answer"]:
        parts.append(f'<div class="cc-answer">{escape(idea["answer"])}</div>')
    if idea["milestones"]:
        steps = "".join(
            f"<li>{escape(m['date'] or '')} : {escape(m['text'])}</li>"
            if lang == "fr"
            else f"<li>{escape(m['date'] or '')}: {escape(m['text'])}</li>"
            for m in idea["milestones"]
        )
        parts.append(
            f'<div class="cc-meta">{escape(t("followup.milestones", lang))}</div><ul>{steps}</ul>'
        )
    parts.append("</li>")
    return "".join(parts)


lang = ui_lang()
st.html(PRINT_CSS)
store = open_store()
workshop = public_workshop(store)
st.header(t("followup.header", lang))
if workshop is None:
    st.info(t("followup.nothing", lang))
    st.stop()
followup = from_workshop(store, workshop["id"], followup_for, lang)
store.close()
st.subheader(workshop["title"], anchor=False)
st.caption(t("followup.intro", lang))
if not followup["ideas"]:
    st.info(t("followup.no_decision", lang))
    st.stop()
status_counts = [(g["name"], len(g["ideas"])) for g in followup["by_status"]]
cells = st.columns(min(6, len(status_counts)) or 1)
for number, (name, count) in enumerate(status_counts):
    cells[number % len(cells)].metric(name, format_number(count, lang))
views = {"cluster": t("followup.by_cluster", lang), "status": t("followup.by_status", lang)}
view = st.radio(
    t("followup.view", lang), list(views), format_func=views.get, horizontal=True, key="fu_view"
)
if view == "cluster":
    groups = [
        (g["label"] or t("followup.no_cluster", lang), g["ideas"]) for g in followup["by_cluster"]
    ]
else:
    groups = [(g["name"], g["ideas"]) for g in followup["by_status"]]
picked = st.selectbox(
    t("followup.group", lang),
    [None, *range(len(groups))],
    format_func=lambda n: (
        t("followup.all_groups", lang)
        if n is None
        else t(
            "followup.group_option",
            lang,
            name=groups[n][0],
            count=format_number(len(groups[n][1]), lang),
        )
    ),
    key=f"fu_group_{view}",
    placeholder=t("widget.choose_one", lang),
)
if picked is not None:
    groups = [groups[picked]]
total = sum(len(ideas) for _, ideas in groups)
pages = max(1, math.ceil(total / IDEAS_PER_PAGE))
page = 1
if pages > 1:
    page = st.number_input(t("followup.page", lang), 1, pages, 1, key=f"fu_page_{view}_{picked}")
first, last = (page - 1) * IDEAS_PER_PAGE, min(total, page * IDEAS_PER_PAGE)
if pages > 1:
    st.caption(
        t(
            "followup.range",
            lang,
            first=format_number(first + 1, lang),
            last=format_number(last, lang),
            total=format_number(total, lang),
        )
    )
blocks, seen = [], 0
for name, ideas in groups:
    shown = ideas[max(0, first - seen) : max(0, last - seen)]
    seen += len(ideas)
    if not shown:
        continue
    # a theme decided at once: its answer once, above its ideas
    answer = shared_answer(ideas)
    items = "".join(idea_html(i, view == "cluster", view == "status", not answer) for i in shown)
    count = t("followup.count", lang, count=format_number(len(ideas), lang))
    head = f"<h3>{escape(name)} <small>({escape(count)})</small></h3>"
    if answer:
        head += (
            f'<div class="cc-meta">{escape(t("followup.shared_answer", lang))}</div>'
            f'<div class="cc-answer">{escape(answer)}</div>'
        )
    blocks.append(f"{head}<ul>{items}</ul>")
st.html(f'<div class="cc-followup">{"".join(blocks)}</div>')
