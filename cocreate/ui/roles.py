"""The roles of this browser session, kept in the server-side session state.

A participant's anonymous rater token also rides in the URL (``?r=TOKEN``) so that a phone
that reloads the page stays the same participant; the join link of the QR code carries the
workshop code (``?join=CODE``). A phone that joins here is sent on to the light participant
pages (``/room/CODE?r=TOKEN``, :mod:`cocreate.web`), which need no Streamlit session.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote

import streamlit as st

from cocreate.access import (
    FACILITATOR,
    PARTICIPANT,
    Access,
    AccessDenied,
    TooManyTries,
    access_mode,
    join_workshop,
    require_role,
)
from cocreate.i18n import t
from cocreate.store import StoreError

ACCESS_KEY = "access"
# the light participant pages, served beside this app by serve_app.py (cocreate.web)
ROOM_PATH = "/room"
ROOM_REDIRECT_KEY = "room_redirect"


def session_access() -> Access:
    if ACCESS_KEY not in st.session_state:
        st.session_state[ACCESS_KEY] = Access()
    return st.session_state[ACCESS_KEY]


def client_id() -> str:
    """Who tries a join code or secret, for the limit on wrong tries: the browser's
    address, else (not known, as in tests) this session."""
    address = st.context.ip_address
    # a string only: AppTest answers with a stand-in object
    if isinstance(address, str) and address:
        return address
    return st.session_state.setdefault("access_client", uuid.uuid4().hex)


def follow_links(store) -> dict[str, Any] | None:
    """Act on ``?join=CODE`` (join as a participant) and ``?r=TOKEN`` (a participant
    coming back); returns the workshop joined, if any."""
    access = session_access()
    joined = None
    code = st.query_params.get("join")
    if code:
        try:
            joined = join_workshop(store, access, code, client=client_id())
        except TooManyTries as error:
            st.error(error.message(st.session_state.get("lang", "fr")))
        del st.query_params["join"]
        if joined is not None:
            # the QR code's link opens straight on the participant view
            st.session_state["goto_page"] = "participate"
            send_to_room(joined, access.rater_tokens[joined["id"]])
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


def send_to_room(workshop: dict[str, Any], token: str) -> None:
    """Have the next Participate page send this phone on to the workshop's room page, with
    the rater it joined as (:func:`leave_for_the_room`)."""
    code = quote(workshop["join_code"])
    st.session_state[ROOM_REDIRECT_KEY] = f"{ROOM_PATH}/{code}?r={quote(token)}"


def leave_for_the_room(lang: str) -> None:
    """Open the room page the join asked for (:func:`send_to_room`), with a link for a
    browser that does not follow the script."""
    url = st.session_state.pop(ROOM_REDIRECT_KEY, None)
    if not url:
        return
    st.html(
        f"<script>window.location.replace({json.dumps(url)});</script>",
        unsafe_allow_javascript=True,
    )
    st.link_button(t("room.open_room", lang), url, type="primary")


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
