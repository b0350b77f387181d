"""Streamlit entry point: page config, language, navigation. Pages live in ``pages/``."""

from __future__ import annotations

import streamlit as st

from cocreate.i18n import t
from cocreate.ui.common import current_workshop, language_switch, open_store, page


def main() -> None:
    st.set_page_config(page_title="cocreate", page_icon=":material/hub:", layout="wide")
    lang = language_switch()
    with open_store() as store:
        workshop = current_workshop(store)
        path = store.path
    if workshop:
        st.sidebar.caption(t("app.current_workshop", lang))
        st.sidebar.markdown(f"**{workshop['title']}**")
    st.sidebar.caption(t("app.database", lang, path=path))
    st.navigation([page(name, lang) for name in ("workshop", "ideas", "clusters")]).run()


if __name__ == "__main__":
    main()
