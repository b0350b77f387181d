"""Workshop page: the room's phase, open an existing workshop, or create one from a template.

Facilitators only. In open access (the app served to this machine only) that is everyone;
otherwise the page lists only the workshops this session facilitates.
"""

import streamlit as st

from cocreate.access import PHASES, reset_facilitator_secret, set_phase
from cocreate.i18n import LANGUAGES, format_number, language_name, t
from cocreate.store import StoreError
from cocreate.templates import create_workshop_from_template, get_template, list_templates
from cocreate.ui.common import (
    PAGE_FILES,
    current_workshop,
    facilitate_new_workshop,
    open_store,
    rerun_with_message,
    set_current_workshop,
    show_message,
    ui_lang,
)
from cocreate.ui.plain_text import escape_markdown
from cocreate.ui.roles import is_open_mode, refuse_unless, session_access

lang = ui_lang()
store = open_store()
st.header(t("workshop.header", lang))
show_message("workshop")

access = session_access()
workshop = current_workshop(store)
if workshop and not is_open_mode():
    refuse_unless(workshop, lang)
if secret := st.session_state.pop("workshop_secret_once", None):
    st.warning(t("live.secret_once", lang, secret=secret))
if workshop:
    st.subheader(escape_markdown(workshop["title"]))
    if workshop["challenge"]:
        st.markdown(f"> {escape_markdown(workshop['challenge'])}")
    code, ideas, language = st.columns(3)
    code.metric(t("workshop.join_code", lang), workshop["join_code"])
    ideas.metric(
        t("workshop.ideas_count", lang), format_number(store.count_ideas(workshop["id"]), lang)
    )
    language.metric(t("workshop.language_value", lang), language_name(workshop["language"], lang))
    if workshop["template"]:
        try:
            phases = get_template(workshop["template"]).phases.get(lang, [])
        except KeyError:
            phases = []
        if phases:
            st.caption(t("workshop.phases", lang, phases=" → ".join(phases)))
    phase = st.segmented_control(
        t("live.phase", lang),
        PHASES,
        default=workshop["phase"],
        format_func=lambda p: t(f"phase.{p}", lang),
        key=f"workshop_phase_{workshop['id']}",
    )
    if phase and phase != workshop["phase"]:
        set_phase(store, access, workshop["id"], phase)
        st.toast(t("live.phase_set", lang, phase=t(f"phase.{phase}", lang)))
    links = st.columns(3)
    links[0].page_link(str(PAGE_FILES["ideas"]), label=t("workshop.go_ideas", lang), icon="➡️")
    links[1].page_link(
        str(PAGE_FILES["present"]), label=t("nav.present", lang), icon=":material/cast:"
    )
    if links[2].button(t("live.new_secret", lang), key="workshop_new_secret"):
        st.session_state["workshop_secret_once"] = reset_facilitator_secret(store, workshop["id"])
        st.rerun()
    st.divider()

workshops = [w for w in store.list_workshops() if access.is_facilitator(w["id"])]
if workshops:
    st.subheader(t("workshop.pick", lang))
    by_id = {w["id"]: w for w in workshops}
    picked = st.selectbox(
        t("workshop.pick_label", lang),
        list(by_id),
        index=list(by_id).index(workshop["id"]) if workshop else 0,
        format_func=lambda i: t(
            "workshop.option", lang, title=by_id[i]["title"], ideas=by_id[i]["ideas"]
        ),
        placeholder=t("widget.choose_one", lang),
        key="workshop_pick",
    )
    if st.button(t("workshop.open", lang), key="workshop_open"):
        set_current_workshop(by_id[picked])
        st.rerun()
else:
    st.info(t("workshop.none_yet", lang))

st.subheader(t("workshop.create", lang))
templates = {tpl.slug: tpl for tpl in list_templates()}
template_slug = st.selectbox(
    t("workshop.template", lang),
    list(templates),
    format_func=lambda slug: templates[slug].text("title", lang),
    placeholder=t("widget.choose_one", lang),
    key="workshop_template",
)
template = templates[template_slug]
if template.text("description", lang):
    st.caption(template.text("description", lang))
with st.form("workshop_create_form"):
    new_language = st.radio(
        t("workshop.workshop_language", lang),
        LANGUAGES,
        index=LANGUAGES.index(lang),
        format_func=lambda code: language_name(code, lang),
        horizontal=True,
        key="workshop_new_language",
    )
    title = st.text_input(
        t("workshop.title", lang),
        value=template.text("title", lang) if template.slug != "blank" else "",
        key=f"workshop_title_{template_slug}",
    )
    challenge = st.text_area(
        t("workshop.challenge", lang),
        value=template.text("challenge", lang),
        key=f"workshop_challenge_{template_slug}",
    )
    if st.form_submit_button(t("workshop.submit", lang), type="primary"):
        if not title.strip():
            st.error(t("workshop.title_required", lang))
        else:
            try:
                created = create_workshop_from_template(
                    store, template_slug, language=new_language, title=title, challenge=challenge
                )
            except StoreError as error:
                st.error(str(error))
            else:
                facilitate_new_workshop(store, created)
                rerun_with_message("workshop", t("workshop.created", lang, title=created["title"]))
store.close()
