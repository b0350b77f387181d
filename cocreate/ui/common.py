"""What every page shares: language, the per-run store, the current workshop, page links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from cocreate.i18n import LANGUAGES, language_name, t
from cocreate.store import Store, default_db_path

PAGES_DIR = Path(__file__).resolve().parent / "pages"
PAGE_FILES = {
    "workshop": PAGES_DIR / "workshop.py",
    "ideas": PAGES_DIR / "ideas.py",
    "clusters": PAGES_DIR / "clusters.py",
}
PAGE_ICONS = {
    "workshop": ":material/groups:",
    "ideas": ":material/lightbulb:",
    "clusters": ":material/bubble_chart:",
}


@st.cache_resource(show_spinner=False)
def _migrated(path: str) -> bool:
    """Apply migrations once per database path and process."""
    Store(path, migrate=True).close()
    return True


def open_store() -> Store:
    """A fresh connection for this script run (sqlite3 objects must not cross threads)."""
    path = str(default_db_path())
    _migrated(path)
    return Store(path, migrate=False)


def ui_lang() -> str:
    """The interface language: the sidebar choice, else ``?lang=``, else French."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "fr")
        st.session_state["lang"] = wanted if wanted in LANGUAGES else "fr"
    return st.session_state["lang"]


def language_switch() -> str:
    lang = ui_lang()
    st.sidebar.radio(
        t("app.language", lang),
        LANGUAGES,
        key="lang",
        format_func=lambda code: language_name(code, code),
        horizontal=True,
    )
    return st.session_state["lang"]


def page(name: str, lang: str) -> st.Page:
    return st.Page(str(PAGE_FILES[name]), title=t(f"nav.{name}", lang), icon=PAGE_ICONS[name])


def set_current_workshop(workshop: dict[str, Any]) -> None:
    st.session_state["workshop_id"] = workshop["id"]
    st.query_params["w"] = workshop["slug"]


def current_workshop(store: Store) -> dict[str, Any] | None:
    """The workshop this browser tab works on (kept in the URL as ``?w=slug``); the newest
    workshop when none was chosen, so a first start opens straight on the demo."""
    workshop_id = st.session_state.get("workshop_id")
    workshop = store.find_workshop(workshop_id) if workshop_id else None
    if workshop is None and st.query_params.get("w"):
        workshop = store.find_workshop(st.query_params["w"])
    if workshop is None:
        workshop = next(iter(store.list_workshops()), None)
    if workshop is not None:
        st.session_state["workshop_id"] = workshop["id"]
    return workshop


def require_workshop(store: Store, lang: str) -> dict[str, Any]:
    """The current workshop, or a pointer to the Workshop page and a stop."""
    workshop = current_workshop(store)
    if workshop is None:
        st.info(t("app.no_workshop", lang))
        st.page_link(str(PAGE_FILES["workshop"]), label=t("nav.workshop", lang))
        st.stop()
    return workshop
