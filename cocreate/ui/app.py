"""Streamlit entry point: page config, roles, language, navigation. Pages live in ``pages/``.

The navigation depends on the session's role in the current workshop (see
:mod:`cocreate.access`): facilitators get every page, participants the phone pages, a visitor
the Join page and the public follow-up. A page missing from the navigation cannot be opened by
URL, and every facilitator page also checks the role itself before drawing anything. The
Triage page opens for everyone, by its address or the Join page's staff link, as the place
where staff members sign in (it draws nothing else before they do); it is listed only once
they have, with the Indicators page (decision 0053).
"""

from __future__ import annotations

import streamlit as st

from cocreate.access import FACILITATOR, PARTICIPANT
from cocreate.i18n import t
from cocreate.store.faults import DATABASE_ERRORS, fault_from
from cocreate.triage import StaffMember
from cocreate.ui.common import PAGE_FILES, current_workshop, language_switch, open_store, page
from cocreate.ui.plain_text import escape_markdown
from cocreate.ui.roles import follow_links, is_open_mode, role_in, session_access
from cocreate.ui.widget_text import stand_in_pages, widget_text_css

FACILITATOR_PAGES = (
    "workshop",
    "ideas",
    "clusters",
    "scoring",
    "results",
    "stakeholders",
    "indicators",
    "triage",
    "followup",
    "export",
    "present",
    "participate",
    "ballot",
    "join",
)
PARTICIPANT_PAGES = ("participate", "ballot", "join", "followup")
VISITOR_PAGES = ("join", "followup", "triage")
# opened by address or link, not listed, for a session that is not staff: the staff sign-in
SIGN_IN_PAGES = ("triage",)
# what a signed-in staff member adds to their role's pages
STAFF_PAGES = ("triage", "indicators", "followup", "export")
# drawn here, sent inline: a Material icon as favicon is fetched from Google's font server
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<g stroke="#0b4f8a" stroke-width="5" stroke-linecap="round">'
    '<line x1="32" y1="32" x2="32" y2="9"/><line x1="32" y1="32" x2="53" y2="45"/>'
    '<line x1="32" y1="32" x2="11" y2="45"/></g><g fill="#0b4f8a">'
    '<circle cx="32" cy="32" r="11"/><circle cx="32" cy="9" r="7"/>'
    '<circle cx="53" cy="45" r="7"/><circle cx="11" cy="45" r="7"/></g></svg>'
)


def pages_for(role: str | None, staff: bool = False) -> tuple[str, ...]:
    if role == FACILITATOR:
        return FACILITATOR_PAGES
    pages = PARTICIPANT_PAGES if role == PARTICIPANT else VISITOR_PAGES
    return (*STAFF_PAGES, *(p for p in pages if p not in STAFF_PAGES)) if staff else pages


def main() -> None:
    st.set_page_config(page_title="cocreate", page_icon=FAVICON, layout="wide")
    with open_store(warn=True) as store:
        follow_links(store)
        workshop = current_workshop(store)
        path = store.path
    role = FACILITATOR if is_open_mode() else role_in(workshop)
    lang = language_switch(workshop)
    if css := widget_text_css(lang):
        st.html(css)
    if workshop:
        st.sidebar.caption(t("app.current_workshop", lang))
        st.sidebar.markdown(f"**{escape_markdown(workshop['title'])}**")
    if role == FACILITATOR:
        st.sidebar.caption(t("app.database", lang, path=path))
    staff = isinstance(session_access().staff, StaffMember)
    pages = {
        name: page(name, lang, listed=staff or role == FACILITATOR or name not in SIGN_IN_PAGES)
        for name in pages_for(role, staff)
    }
    # addresses of pages this session may not open, or of no page, answer in its language
    hidden = stand_in_pages(set(PAGE_FILES), pages, lang)
    # every page listed: a collapsed list ends in Streamlit's English "View N more"
    navigation = st.navigation([*pages.values(), *hidden], expanded=True)
    goto = st.session_state.pop("goto_page", None)
    if goto in pages:
        st.switch_page(pages[goto])
    try:
        navigation.run()
    except DATABASE_ERRORS as error:
        # a write the file refused (full disk, read-only, damaged): its message, no traceback
        fault = fault_from(error, path)
        if fault is None:
            raise
        st.error(fault.message(lang))


if __name__ == "__main__":
    main()
