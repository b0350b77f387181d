"""Workshop page: open an existing workshop, or create one from a template."""

import streamlit as st

from cocreate.i18n import LANGUAGES, language_name, t
from cocreate.store import StoreError
from cocreate.templates import create_workshop_from_template, get_template, list_templates
from cocreate.ui.common import (
    PAGE_FILES,
    current_workshop,
    open_store,
    set_current_workshop,
    ui_lang,
)

lang = ui_lang()
store = open_store()
st.header(t("workshop.header", lang))
if flash := st.session_state.pop("workshop_flash", None):
    st.success(flash)

workshop = current_workshop(store)
if workshop:
    st.subheader(workshop["title"])
    if workshop["challenge"]:
        st.markdown(f"> {workshop['challenge']}")
    code, ideas, language = st.columns(3)
    code.metric(t("workshop.join_code", lang), workshop["join_code"])
    ideas.metric(t("workshop.ideas_count", lang), store.count_ideas(workshop["id"]))
    language.metric(t("workshop.language_value", lang), language_name(workshop["language"], lang))
    if workshop["template"]:
        try:
            phases = get_template(workshop["template"]).phases.get(lang, [])
        except KeyError:
            phases = []
        if phases:
            st.caption(t("workshop.phases", lang, phases=" → ".join(phases)))
    st.page_link(str(PAGE_FILES["ideas"]), label=t("workshop.go_ideas", lang), icon="➡️")
    st.divider()

workshops = store.list_workshops()
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
                set_current_workshop(created)
                st.session_state["workshop_flash"] = t(
                    "workshop.created", lang, title=created["title"]
                )
                st.rerun()
store.close()
