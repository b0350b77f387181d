"""What every page shares: language, the per-run store, the current workshop, page links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from cocreate.access import FACILITATOR, known_rater, reset_facilitator_secret
from cocreate.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_name, t
from cocreate.store import Store, default_db_path
from cocreate.store.faults import DatabaseFault
from cocreate.ui.plain_text import escape_markdown
from cocreate.ui.roles import is_open_mode, refuse_unless, session_access

# the session key, and the address parameter, of the interface language
LANG_KEY = "lang"
PAGES_DIR = Path(__file__).resolve().parent / "pages"
PAGE_FILES = {
    "workshop": PAGES_DIR / "workshop.py",
    "ideas": PAGES_DIR / "ideas.py",
    "clusters": PAGES_DIR / "clusters.py",
    "stakeholders": PAGES_DIR / "stakeholders.py",
    "scoring": PAGES_DIR / "scoring.py",
    "ballot": PAGES_DIR / "ballot.py",
    "results": PAGES_DIR / "results.py",
    "join": PAGES_DIR / "join.py",
    "participate": PAGES_DIR / "participate.py",
    "present": PAGES_DIR / "present.py",
    "indicators": PAGES_DIR / "indicators.py",
    "triage": PAGES_DIR / "triage.py",
    "followup": PAGES_DIR / "followup.py",
    "export": PAGES_DIR / "export.py",
}
PAGE_ICONS = {
    "workshop": ":material/groups:",
    "ideas": ":material/lightbulb:",
    "clusters": ":material/bubble_chart:",
    "stakeholders": ":material/diversity_3:",
    "scoring": ":material/star_rate:",
    "ballot": ":material/how_to_vote:",
    "results": ":material/leaderboard:",
    "join": ":material/login:",
    "participate": ":material/front_hand:",
    "present": ":material/cast:",
    "indicators": ":material/monitoring:",
    "triage": ":material/checklist:",
    "followup": ":material/campaign:",
    "export": ":material/download:",
}


@st.cache_resource(show_spinner=False)
def _migrated(path: str) -> bool:
    """Apply migrations once per database path and process."""
    Store(path, migrate=True).close()
    return True


def open_store(*, warn: bool = False) -> Store:
    """A fresh connection for this script run (sqlite3 objects must not cross threads).
    A database that cannot be opened stops the page with its one-line message; one that
    can only be read (read-only, full disk, newer schema) opens, with a warning saying so
    when ``warn`` (the entry point warns once per run)."""
    path = str(default_db_path())
    try:
        _migrated(path)
        store = Store(path, migrate=False)
    except DatabaseFault as fault:
        st.error(fault.message(_shown_lang()))
        st.stop()
    if warn and store.refusal is not None:
        st.warning(store.refusal.message(_shown_lang()))
    return store


def _shown_lang() -> str:
    """The interface language when a page may not have read it yet."""
    lang = st.session_state.get(LANG_KEY) or st.query_params.get(LANG_KEY)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def ui_lang(workshop: dict[str, Any] | None = None) -> str:
    """The interface language: ``?lang=`` (the sidebar choice is kept there, so a reload keeps
    it), else this session's choice, else the workshop's language, else French; written back
    to the address when it is missing there."""
    wanted = st.query_params.get("lang")
    if wanted in LANGUAGES and st.session_state.get(LANG_KEY) != wanted:
        st.session_state[LANG_KEY] = wanted
    elif LANG_KEY not in st.session_state:
        default = workshop["language"] if workshop else DEFAULT_LANGUAGE
        st.session_state[LANG_KEY] = default if default in LANGUAGES else DEFAULT_LANGUAGE
    lang = st.session_state[LANG_KEY]
    if wanted != lang:
        st.query_params[LANG_KEY] = lang
    return lang


def _keep_lang_in_address() -> None:
    st.query_params[LANG_KEY] = st.session_state[LANG_KEY]


def language_switch(workshop: dict[str, Any] | None = None) -> str:
    lang = ui_lang(workshop)
    st.sidebar.radio(
        t("app.language", lang),
        LANGUAGES,
        key=LANG_KEY,
        format_func=lambda code: language_name(code, code),
        horizontal=True,
        on_change=_keep_lang_in_address,
    )
    return st.session_state[LANG_KEY]


def page(name: str, lang: str, *, listed: bool = True) -> st.Page:
    """Page ``name``; one not ``listed`` opens by its address or a link but is not in the
    navigation."""
    return st.Page(
        str(PAGE_FILES[name]),
        title=t(f"nav.{name}", lang),
        icon=PAGE_ICONS[name],
        visibility="visible" if listed else "hidden",
    )


def set_current_workshop(workshop: dict[str, Any]) -> None:
    st.session_state["workshop_id"] = workshop["id"]
    st.query_params["w"] = workshop["slug"]


def facilitate_new_workshop(store: Store, created: dict[str, Any]) -> None:
    """The session that created ``created`` facilitates it: its role, a new facilitator
    secret shown once on the Workshop page, and the workshop made the current one."""
    session_access().grant_facilitator(created["id"])
    st.session_state["workshop_secret_once"] = reset_facilitator_secret(store, created["id"])
    set_current_workshop(created)


def page_header(name: str, workshop: dict[str, Any], lang: str) -> None:
    """The page title with the workshop's, and the message a previous action left for
    after its rerun (:func:`rerun_with_message`)."""
    st.header(f"{t(f'{name}.header', lang)} · {escape_markdown(workshop['title'])}")
    show_message(name)


def show_message(name: str) -> None:
    if message := st.session_state.pop(f"{name}_flash", None):
        st.success(message)


def rerun_with_message(name: str, message: str, *, forget: tuple[str, ...] = ()) -> None:
    """Redraw the page with what is stored now and show ``message`` on page ``name``; the
    widgets whose keys start with a ``forget`` prefix start again from the store."""
    st.session_state[f"{name}_flash"] = message
    for key in [k for k in st.session_state if str(k).startswith(forget)] if forget else []:
        del st.session_state[key]
    st.rerun()


def current_workshop(store: Store) -> dict[str, Any] | None:
    """The workshop this browser tab works on (kept in the URL as ``?w=slug``); the newest
    workshop when none was chosen, so a first start opens straight on the demo. When roles
    apply, only a workshop this session has joined or facilitates."""
    access = session_access()
    allowed = None if is_open_mode() else set(access.roles)
    workshop_id = st.session_state.get("workshop_id")
    candidates = [store.find_workshop(workshop_id) if workshop_id else None]
    if st.query_params.get("w"):
        candidates.append(store.find_workshop(st.query_params["w"]))
    if allowed is None:
        candidates.append(next(iter(store.list_workshops()), None))
    else:
        candidates += [store.find_workshop(i) for i in sorted(allowed, reverse=True)]
    workshop = next(
        (w for w in candidates if w is not None and (allowed is None or w["id"] in allowed)),
        None,
    )
    if workshop is not None:
        st.session_state["workshop_id"] = workshop["id"]
    return workshop


def require_workshop(store: Store, lang: str, role: str = FACILITATOR) -> dict[str, Any]:
    """The current workshop, or a pointer to the Workshop page and a stop; refuses a session
    without ``role`` in it (the server-side check of every page)."""
    workshop = current_workshop(store)
    if workshop is None:
        st.info(t("app.no_workshop", lang))
        st.page_link(str(PAGE_FILES["workshop"]), label=t("nav.workshop", lang))
        st.stop()
    refuse_unless(workshop, lang, role)
    return workshop


def current_rater(store: Store, workshop: dict[str, Any]) -> dict[str, Any]:
    """Who this browser scores as in ``workshop``: the rater token in the URL (``?r=``: a
    phone reload, or a staff member's link), else the session's (made when it joined, or on
    an earlier ballot), else a new anonymous participant. The token is kept in the session's
    access and in the URL."""
    tokens = session_access().rater_tokens
    rater = known_rater(store, workshop, st.query_params.get("r"), tokens.get(workshop["id"]))
    if rater is None:
        rater = store.add_rater(workshop["id"])
    tokens[workshop["id"]] = rater["token"]
    st.query_params["r"] = rater["token"]
    return rater
