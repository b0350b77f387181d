"""Streamlit entry point: page config, roles, language, navigation. Pages live in ``pages/``.

The navigation depends on the session's role in the current workshop (see
:mod:`cocreate.access`): facilitators get every page, participants the phone pages, a visitor
only the Join page. A page missing from the navigation cannot be opened by URL, and every
facilitator page also checks the role itself before drawing anything.
"""

from __future__ import annotations

import streamlit as st

from cocreate.access import FACILITATOR, PARTICIPANT
from cocreate.i18n import t
from cocreate.ui.common import current_workshop, language_switch, open_store, page
from cocreate.ui.roles import follow_links, is_open_mode, role_in

FACILITATOR_PAGES = (
    "workshop",
    "ideas",
    "clusters",
    "scoring",
    "results",
    "stakeholders",
    "present",
    "participate",
    "ballot",
    "join",
)
PARTICIPANT_PAGES = ("participate", "ballot", "join")
VISITOR_PAGES = ("join",)


def pages_for(role: str | None) -> tuple[str, ...]:
    if role == FACILITATOR:
        return FACILITATOR_PAGES
    if role == PARTICIPANT:
        return PARTICIPANT_PAGES
    return VISITOR_PAGES


def main() -> None:
    st.set_page_config(page_title="cocreate", page_icon=":material/hub:", layout="wide")
    with open_store() as store:
        follow_links(store)
        workshop = current_workshop(store)
        path = store.path
    role = FACILITATOR if is_open_mode() else role_in(workshop)
    lang = language_switch(workshop)
    if workshop:
        st.sidebar.caption(t("app.current_workshop", lang))
        st.sidebar.markdown(f"**{workshop['title']}**")
    if role == FACILITATOR:
        st.sidebar.caption(t("app.database", lang, path=path))
    pages = {name: page(name, lang) for name in pages_for(role)}
    navigation = st.navigation(list(pages.values()))
    goto = st.session_state.pop("goto_page", None)
    if goto in pages:
        st.switch_page(pages[goto])
    navigation.run()


if __name__ == "__main__":
    main()
