"""Who works the backlog in this session, and on which workshop: in ``open`` mode the person
at the machine (an admin under the name they give once, for the history), else the staff
member signed in with their own secret (:func:`cocreate.triage.sign_in_session`). Staff
members are not tied to a workshop: a signed-in one may open any workshop's backlog."""

from __future__ import annotations

import getpass
from typing import Any

import streamlit as st

from cocreate.access import TooManyTries
from cocreate.i18n import t
from cocreate.store import Store
from cocreate.triage import StaffMember, acting_staff, sign_in_session
from cocreate.ui.common import current_workshop, set_current_workshop
from cocreate.ui.plain_text import escape_markdown
from cocreate.ui.roles import client_id, is_open_mode, session_access

# the name the person at the machine gave, kept for the session
STAFF_NAME_KEY = "triage_staff_name"


def signed_in_staff() -> StaffMember | None:
    """The staff member signed in on this session (not the open mode's local admin)."""
    staff = session_access().staff
    return staff if isinstance(staff, StaffMember) else None


def _machine_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def acting_member(store: Store, lang: str) -> StaffMember:
    """Who acts, or a form (the name in open mode, name and secret else) and a stop."""
    if signed_in_staff() is None and is_open_mode():
        if not st.session_state.get(STAFF_NAME_KEY):
            with st.form("triage_name_form"):
                st.caption(t("triage_pages.name_help", lang))
                name = st.text_input(
                    t("triage_pages.your_name", lang), value=_machine_user(), key="triage_name"
                )
                given = st.form_submit_button(t("triage_pages.name_submit", lang))
            if given and name.strip():
                st.session_state[STAFF_NAME_KEY] = name.strip()
                st.rerun()
            st.stop()
        return acting_staff(session_access(), st.session_state[STAFF_NAME_KEY])
    member = acting_staff(session_access())
    if member is not None:
        return member
    with st.form("triage_sign_in_form"):
        st.caption(t("triage_pages.sign_in_help", lang))
        name = st.text_input(t("triage_pages.staff_name", lang), key="triage_sign_in_name")
        secret = st.text_input(
            t("triage_pages.staff_secret", lang), type="password", key="triage_sign_in_secret"
        )
        submitted = st.form_submit_button(t("triage_pages.sign_in", lang), type="primary")
    if submitted:
        try:
            member = sign_in_session(
                store, session_access(), name.strip(), secret, client=client_id()
            )
        except TooManyTries as error:
            st.error(error.message(lang))
            st.stop()
        if member is not None:
            st.rerun()
        st.error(t("triage_pages.wrong_secret", lang))
    st.stop()


def staff_workshop(store: Store, lang: str) -> dict[str, Any]:
    """The workshop whose backlog staff work on: any workshop, chosen in the sidebar (a
    facilitator's current workshop first)."""
    workshops = store.list_workshops()
    if not workshops:
        st.info(t("app.no_workshop", lang))
        st.stop()
    current = current_workshop(store) if is_open_mode() or signed_in_staff() is None else None
    wanted = st.session_state.get("workshop_id") or (current or {}).get("id")
    slug = st.query_params.get("w")
    by_id = {w["id"]: w for w in workshops}
    if wanted not in by_id and slug:
        wanted = next((w["id"] for w in workshops if w["slug"] == slug), None)
    if wanted not in by_id:
        wanted = workshops[0]["id"]
    if len(workshops) > 1:
        ids = list(by_id)
        chosen = st.sidebar.selectbox(
            t("triage_pages.workshop", lang),
            ids,
            index=ids.index(wanted),
            format_func=lambda wid: by_id[wid]["title"],
            key="triage_workshop_choice",
            placeholder=t("widget.choose_one", lang),
        )
        wanted = chosen
    workshop = by_id[wanted]
    if st.session_state.get("workshop_id") != workshop["id"]:
        set_current_workshop(workshop)
    return workshop


def sign_out_button(lang: str) -> None:
    member = signed_in_staff()
    if member is None and not st.session_state.get(STAFF_NAME_KEY):
        return
    name = member.name if member else st.session_state[STAFF_NAME_KEY]
    st.sidebar.caption(t("triage_pages.acting_as", lang, name=escape_markdown(name)))
    if st.sidebar.button(t("triage_pages.sign_out", lang), key="triage_sign_out"):
        session_access().staff = None
        st.session_state.pop(STAFF_NAME_KEY, None)
        st.rerun()
