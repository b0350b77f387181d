"""Join page: a participant types the workshop code (or arrives by the QR code's link);
a facilitator gives the code and the facilitator secret, or creates a new workshop (and
becomes its facilitator: the secret is shown once on the Workshop page) where that is allowed
(:func:`cocreate.access.new_workshops_allowed`)."""

import streamlit as st

from cocreate.access import (
    TooManyTries,
    check_join_code,
    join_workshop,
    new_workshops_allowed,
    unlock_facilitator,
)
from cocreate.i18n import LANGUAGES, language_name, t
from cocreate.store import StoreError
from cocreate.templates import create_workshop_from_template
from cocreate.ui.common import (
    PAGE_FILES,
    facilitate_new_workshop,
    open_store,
    set_current_workshop,
    ui_lang,
)
from cocreate.ui.plain_text import escape_markdown
from cocreate.ui.roles import client_id, is_open_mode, send_to_room, session_access

lang = ui_lang()
store = open_store()
access = session_access()
st.header(t("join.header", lang))
if is_open_mode():
    st.info(t("join.open_mode", lang))

with st.form("join_form"):
    code = st.text_input(
        t("join.code", lang),
        max_chars=12,
        help=t("join.code_help", lang),
        key="join_code",
        placeholder="ABC234",
    )
    joined = st.form_submit_button(t("join.submit", lang), type="primary", use_container_width=True)
if joined:
    try:
        workshop = join_workshop(store, access, code, client=client_id())
    except TooManyTries as error:
        st.error(error.message(lang))
        store.close()
        st.stop()
    if workshop is None:
        st.error(t("join.wrong_code", lang, code=code.strip()))
    else:
        set_current_workshop(workshop)
        st.query_params["r"] = access.rater_tokens[workshop["id"]]
        st.session_state["participate_flash"] = t(
            "join.joined", lang, title=escape_markdown(workshop["title"])
        )
        st.session_state["goto_page"] = "participate"
        send_to_room(workshop, access.rater_tokens[workshop["id"]])
        store.close()
        st.rerun()

with st.expander(t("join.facilitate", lang)):
    with st.form("join_facilitator_form"):
        facilitator_code = st.text_input(t("join.code", lang), key="join_facilitator_code")
        secret = st.text_input(t("join.secret", lang), type="password", key="join_secret")
        unlock = st.form_submit_button(t("join.unlock", lang))
    if unlock:
        try:
            workshop = check_join_code(store, facilitator_code, client=client_id())
            unlocked = workshop is not None and unlock_facilitator(
                store, access, workshop["id"], secret, client=client_id()
            )
        except TooManyTries as error:
            st.error(error.message(lang))
        else:
            if unlocked:
                set_current_workshop(workshop)
                st.session_state["goto_page"] = "workshop"
                store.close()
                st.rerun()
            st.error(t("join.wrong_secret", lang))

# city staff sign in on the Triage page, which is listed only once they have
st.page_link(
    str(PAGE_FILES["triage"]), label=t("join.staff_sign_in", lang), icon=":material/badge:"
)

# open to the room, a visitor creates a workshop only if the facilitator allowed it
if new_workshops_allowed():
    with st.expander(t("join.create", lang)):
        with st.form("join_create_form"):
            title = st.text_input(t("workshop.title", lang), key="join_new_title")
            challenge = st.text_area(t("workshop.challenge", lang), key="join_new_challenge")
            language = st.radio(
                t("workshop.workshop_language", lang),
                LANGUAGES,
                index=LANGUAGES.index(lang),
                format_func=lambda code: language_name(code, lang),
                horizontal=True,
                key="join_new_language",
            )
            create = st.form_submit_button(t("workshop.submit", lang))
        if create:
            try:
                created = create_workshop_from_template(
                    store, "blank", language=language, title=title, challenge=challenge
                )
            except StoreError as error:
                st.error(str(error))
            else:
                facilitate_new_workshop(store, created)
                st.session_state["goto_page"] = "workshop"
                store.close()
                st.rerun()
store.close()
