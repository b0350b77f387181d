"""Participant view on a phone: what the room is doing now (the facilitator's phase) and what
the participant can do in it: send ideas, score the shortlist, or watch the screen."""

import streamlit as st

from cocreate.i18n import t
from cocreate.ingest import IngestError, submit_idea
from cocreate.ui.common import (
    PAGE_FILES,
    current_workshop,
    open_store,
    show_message,
    ui_lang,
)
from cocreate.ui.roles import leave_for_the_room, participant_token, role_in
from cocreate.ui.wall import escape_markdown

PHASE_POLL_SECONDS = 2
WAITING = {
    "cluster": "participate.wait_cluster",
    "map": "participate.wait_map",
    "decide": "participate.wait_decide",
}

lang = ui_lang()
leave_for_the_room(lang)
store = open_store()
workshop = current_workshop(store)
if workshop is None or role_in(workshop) is None:
    st.info(t("participate.not_joined", lang))
    st.page_link(str(PAGE_FILES["join"]), label=t("nav.join", lang), icon=":material/login:")
    store.close()
    st.stop()

phase = workshop["phase"]
st.subheader(escape_markdown(workshop["title"]))
st.caption(t("live.phase_now", lang, phase=t(f"phase.{phase}", lang)))
show_message("participate")


@st.fragment(run_every=PHASE_POLL_SECONDS)
def follow_the_room() -> None:
    """Participant screens follow the facilitator's phase without a reload."""
    with open_store() as fresh:
        now = fresh.get_workshop(workshop["id"])["phase"]
    if now != phase:
        st.rerun()


follow_the_room()

if phase == "collect":
    mine = st.session_state.setdefault("participate_mine", [])
    with st.form("participate_idea_form", clear_on_submit=True):
        text = st.text_area(
            t(
                "participate.collect",
                lang,
                challenge=escape_markdown(workshop["challenge"] or workshop["title"]),
            ),
            max_chars=2000,
            key="participate_text",
        )
        pseudonym = st.text_input(t("participate.pseudonym", lang), key="participate_pseudonym")
        sent = st.form_submit_button(
            t("participate.send", lang), type="primary", use_container_width=True
        )
    if sent:
        try:
            idea = submit_idea(
                store,
                workshop["id"],
                text,
                author=pseudonym.strip() or None,
                source="participants",
            )
        except IngestError as error:
            st.error(error.problem.message(lang))
        else:
            mine.append(idea["id"])
            st.success(t("participate.sent", lang))
    if mine:
        st.markdown(f"**{t('participate.mine', lang, count=len(mine))}**")
        ideas = {i["id"]: i for i in store.list_ideas(workshop["id"], newest_first=True, limit=500)}
        for idea_id in reversed(mine):
            if idea_id in ideas:
                st.markdown(f"- {escape_markdown(ideas[idea_id]['text'])}")
elif phase == "score":
    token = participant_token(workshop)
    st.page_link(
        str(PAGE_FILES["ballot"]),
        label=t("participate.go_score", lang),
        icon=":material/how_to_vote:",
        query_params={"r": token} if token else None,
    )
else:
    st.info(t(WAITING[phase], lang))
store.close()
