"""The roles of this browser session, kept in the server-side session state.

A participant's anonymous rater token also rides in the URL (``?r=TOKEN``) so that a phone
that reloads the page stays the same participant; the join link of the QR code carries the
workshop code (``?join=CODE``).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from cocreate.access import (
    FACILITATOR,
    PARTICIPANT,
    Access,
    AccessDenied,
    access_mode,
    join_workshop,
    require_role,
)
from cocreate.i18n import t
from cocreate.store import StoreError

ACCESS_KEY = "access"


def session_access() -> Access:
    if ACCESS_KEY not in st.session_state:
        st.session_state[ACCESS_KEY] = Access()
    return st.session_state[ACCESS_KEY]


def follow_links(store) -> dict[str, Any] | None:
    """Act on ``?join=CODE`` (join as a participant) and ``?r=TOKEN`` (a participant
    coming back); returns the workshop joined, if any."""
    access = session_access()
    joined = None
    code = st.query_params.get("join")
    if code:
        joined = join_workshop(store, access, code)
        del st.query_params["join"]
        if joined is not None:
            # the QR code's link opens straight on the participant view
            st.session_state["goto_page"] = "participate"
    token = st.query_params.get("r")
    if token and token not in access.rater_tokens.values():
        try:
            rater = store.get_rater(token)
        except StoreError:
            rater = None
        if rater is not None and rater["kind"] == "participant":
            access.roles.setdefault(rater["workshop_id"], PARTICIPANT)
            access.rater_tokens.setdefault(rater["workshop_id"], token)
            joined = joined or store.get_workshop(rater["workshop_id"])
    if joined is not None:
        st.session_state["workshop_id"] = joined["id"]
        st.query_params["w"] = joined["slug"]
        st.query_params["r"] = access.rater_tokens[joined["id"]]
    return joined


def role_in(workshop: dict[str, Any] | None) -> str | None:
    return session_access().role(workshop["id"]) if workshop else None


def is_open_mode() -> bool:
    return access_mode() == "open"


def refuse_unless(workshop: dict[str, Any], lang: str, role: str = FACILITATOR) -> None:
    """Stop the page with a clear refusal unless the session has ``role`` in ``workshop``:
    the check pages make on the server before drawing anything."""
    try:
        require_role(session_access(), workshop["id"], role)
    except AccessDenied:
        st.error(t("live.refused", lang))
        st.stop()


def participant_token(workshop: dict[str, Any]) -> str | None:
    return session_access().rater_tokens.get(workshop["id"])
