"""Presenter view for the projected screen: the join code and QR code, then what the room is
doing — the live idea wall, the groups, the scoring results, the stakeholder map — in large
type, refreshed every second without anyone clicking."""

from html import escape

import streamlit as st

from cocreate.i18n import format_number, t
from cocreate.privacy import hide_personal_data_many
from cocreate.scoring import round_citizen_support, round_results, round_rubric
from cocreate.ui.cache import from_workshop, show_spec
from cocreate.ui.common import PAGE_FILES, open_store, require_workshop, ui_lang
from cocreate.ui.presenter import PRESENTER_CSS, join_url, qr_png, unreachable_hint
from cocreate.ui.roles import refuse_unless
from cocreate.ui.scoreboard import (
    ranking_table,
    style_ranking,
    unique_names,
)
from cocreate.ui.stakeholder_view import network_spec

# polled twice a second: a submit shows within ~1 s (bench/app.py), a rerun costs ~25 ms
REFRESH_SECONDS = 0.5
IDEAS_SHOWN = 12
CLUSTERS_SHOWN = 12
HIDE_KEY = "present_hide_personal"

lang = ui_lang()
store = open_store()
workshop = require_workshop(store, lang)
refuse_unless(workshop, lang)
store.close()
st.markdown(PRESENTER_CSS, unsafe_allow_html=True)

url = join_url(workshop["join_code"])
head, qr = st.columns([3, 1], vertical_alignment="center")
head.markdown(
    f"<div class='cc-present'><h1>{escape(workshop['title'])}</h1>"
    f"<div class='cc-challenge'>{escape(workshop['challenge'] or '')}</div></div>",
    unsafe_allow_html=True,
)
code = f"<div class='cc-code'>{escape(workshop['join_code'])}</div>"
if url is None:
    # no dead QR code: what the facilitator does so that phones can reach the app
    head.markdown(f"<div class='cc-present'>{unreachable_hint(lang)}</div>", unsafe_allow_html=True)
    qr.markdown(f"<div class='cc-present'>{code}</div>", unsafe_allow_html=True)
else:
    # the link goes whole to its own line (cut only when longer than the column)
    before, _, after = t("present.join_at", lang, url="\0").partition("\0")
    link_text = f"{escape(before)}<span class='cc-link'>{escape(url)}</span>{escape(after)}"
    with qr:
        st.image(qr_png(url), width=220, output_format="PNG")
        st.markdown(
            f"<div class='cc-present'>{code}<div class='cc-url'>{link_text}</div></div>",
            unsafe_allow_html=True,
        )


def idea_wall(store, workshop_id: int) -> None:
    count = store.count_ideas(workshop_id)
    shown = t("present.ideas", lang, count=format_number(count, lang))
    st.markdown(f"<div class='cc-present cc-count'>{escape(shown)}</div>", unsafe_allow_html=True)
    ideas = store.list_ideas(workshop_id, newest_first=True, limit=IDEAS_SHOWN)
    if not ideas:
        st.markdown(
            f"<div class='cc-present'>{escape(t('present.no_ideas', lang))}</div>",
            unsafe_allow_html=True,
        )
    texts = [idea["text"] for idea in ideas]
    if st.session_state.get(HIDE_KEY, True):  # a phone number typed is not projected
        texts = hide_personal_data_many(texts)
    columns = st.columns(3)
    for n, (idea, text) in enumerate(zip(ideas, texts, strict=True)):
        author = (
            f"<div class='cc-author'>— {escape(idea['author'])}</div>" if idea["author"] else ""
        )
        card = f"<div class='cc-idea'>{escape(text)}{author}</div>"
        columns[n % 3].markdown(card, unsafe_allow_html=True)


def cluster_wall(store, workshop_id: int) -> None:
    clusters = store.active_clusters(workshop_id)
    waiting = sum(1 for a in store.assignments(workshop_id) if a["cluster_id"] is None)
    if not clusters:
        st.markdown(
            f"<div class='cc-present'>{escape(t('present.no_clusters', lang))}</div>",
            unsafe_allow_html=True,
        )
        return
    if waiting:
        st.caption(t("present.waiting", lang, count=waiting))
    columns = st.columns(3)
    for n, cluster in enumerate(clusters[:CLUSTERS_SHOWN]):
        keywords = ", ".join(cluster["keywords"][:4])
        columns[n % 3].markdown(
            f"<div class='cc-cluster'><h3>{escape(cluster['label'] or '—')}</h3>"
            f"<div class='cc-size'>{escape(t('present.ideas', lang, count=cluster['size']))}</div>"
            f"<div>{escape(keywords)}</div></div>",
            unsafe_allow_html=True,
        )


def scoring_board(store, workshop_id: int) -> None:
    """The newest scoring round: who answered while it is blind, then the ranking."""
    rounds = store.list_rounds(workshop_id)
    if not rounds:
        st.markdown(
            f"<div class='cc-present'>{escape(t('results.no_rounds', lang))}</div>",
            unsafe_allow_html=True,
        )
        return
    round_id = rounds[0]["id"]
    outcome = round_results(store, round_id)
    names = unique_names(store.round_targets(round_id), lang)
    if outcome.hidden:
        st.markdown(
            f"<div class='cc-present'>{escape(t('results.hidden', lang))}</div>",
            unsafe_allow_html=True,
        )
        for target_id, name in names.items():
            answered = outcome.progress.get(target_id, 0)
            st.progress(
                answered / outcome.raters if outcome.raters else 0.0,
                text=t("results.target_progress", lang, target=name, raters=answered),
            )
        return
    rubric = round_rubric(store, round_id)
    support = round_citizen_support(store, round_id)
    # the ranking alone, the whole width, in large type: read from the back of the room (the
    # D x F x V chart, with its legends, needs the Results page's space)
    st.table(
        style_ranking(ranking_table(outcome, rubric, names, support, lang), lang),
        hide_index=True,
    )


def stakeholder_board(store, workshop_id: int) -> None:
    show_spec(from_workshop(store, workshop_id, network_spec, lang))


@st.fragment(run_every=REFRESH_SECONDS)
def live_screen() -> None:
    with open_store() as fresh, st.container(key="present_board"):
        current = fresh.get_workshop(workshop["id"])
        phase = current["phase"]
        st.markdown(
            f"<div class='cc-present'><b>{escape(t(f'phase.{phase}', lang))}</b></div>",
            unsafe_allow_html=True,
        )
        if phase == "collect":
            idea_wall(fresh, workshop["id"])
        elif phase == "cluster":
            cluster_wall(fresh, workshop["id"])
        elif phase in ("score", "decide"):
            scoring_board(fresh, workshop["id"])
        elif fresh.list_actors(workshop["id"]):
            stakeholder_board(fresh, workshop["id"])
        else:
            cluster_wall(fresh, workshop["id"])


live_screen()
st.toggle(
    t("privacy.hide_on_screen", lang),
    value=True,
    key=HIDE_KEY,
    help=t("privacy.hide_on_screen_help", lang),
)
st.page_link(str(PAGE_FILES["workshop"]), label=t("present.exit", lang), icon=":material/close:")
