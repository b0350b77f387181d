"""Streamlit's own texts in the chosen language, where its parameters cannot set them.

Streamlit 1.67 writes some texts of its widgets in English whatever the app's language: the
file uploader's button and size limit, the multiselect's "Select all", the "Press Enter"
hints under text fields, and the "Page not found" dialog. Placeholders are set with each
widget's ``placeholder=``; the widget texts below are replaced on screen by CSS (the English
text is hidden, the translation drawn in its place, and read by screen readers instead); an
address that names no page of this session opens a page of ours instead of the dialog.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from cocreate.i18n import format_number, t
from cocreate.ui.plain_text import escape_markdown

# the language Streamlit writes its texts in: nothing to replace
STREAMLIT_LANGUAGE = "en"
# a page address Streamlit accepts (one path segment)
PAGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")

_INSTRUCTIONS = '[data-testid="InputInstructions"]'
_FORM = '[data-testid="stForm"]'
_AREA = '[data-testid="stTextArea"]'
_OPTION = '[role="option"][data-key="{}"]'
# (element whose English child is hidden and which draws the translation in its place, that
# child, where it draws it, translation key); the hidden child leaves the accessibility tree
# too, so a screen reader reads the translation
REPLACED = (
    (
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]',
        "p",
        "after",
        "widget.upload",
    ),
    (
        '[data-testid="stFileUploaderDropzoneInstructions"] > div',
        "span",
        "after",
        "widget.upload_limit",
    ),
    (_OPTION.format("__select_all__"), "[data-item-hl]", "before", "widget.select_all"),
    (_OPTION.format("__select_matches__"), "[data-item-hl]", "before", "widget.select_matches"),
    (_INSTRUCTIONS, "span:first-child", "before", "widget.enter_apply"),
    (f"{_FORM} {_INSTRUCTIONS}", "span:first-child", "before", "widget.enter_submit"),
    (f"{_AREA} {_INSTRUCTIONS}", "span:first-child", "before", "widget.ctrl_enter_apply"),
    (f"{_FORM} {_AREA} {_INSTRUCTIONS}", "span:first-child", "before", "widget.ctrl_enter_submit"),
)
# what the hidden child gave the text: the limit line's size and faded colour, the option's
# inner margin
EXTRA = {
    "widget.upload_limit": " font-size: 0.875rem; opacity: 0.7;",
    "widget.select_all": " padding-left: 0.5rem;",
    "widget.select_matches": " padding-left: 0.5rem;",
}


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def widget_text_css(lang: str) -> str:
    """A ``<style>`` block drawing Streamlit's English widget texts in ``lang``; empty for
    English."""
    if lang == STREAMLIT_LANGUAGE:
        return ""
    limit = t("widget.megabytes", lang, count=format_number(upload_limit_mb(), lang))
    rules = []
    for host, english, where, key in REPLACED:
        text = t(key, lang, size=limit)
        rules.append(
            f"{host} > {english} {{display: none;}}\n"
            # drawn only while Streamlit draws the English text
            f"{host}:has(> {english})::{where} {{content: {css_string(text)};"
            f"{EXTRA.get(key, '')}}}"
        )
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def upload_limit_mb() -> int:
    return int(st.get_option("server.maxUploadSize"))


def requested_page() -> str:
    """The page address this run was asked for (``""`` for the app's root or a page chosen
    in the navigation)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return (ctx.pages_manager.intended_page_name or "") if ctx else ""


def stand_in_pages(known: set[str], shown: dict[str, st.Page], lang: str) -> list[st.Page]:
    """Hidden pages answering the addresses no page of this session has, so that Streamlit
    never shows its English "Page not found": a page of the app this session may not open
    (``known`` minus ``shown``) leads to the session's first page, as Streamlit does, and an
    address naming no page says so in ``lang``."""
    names = known - shown.keys()
    asked = requested_page()
    if asked not in known and PAGE_NAME.fullmatch(asked):
        names.add(asked)
    home = next(iter(shown.values()))
    return [
        st.Page(
            _elsewhere(home) if name in known else _not_found(name, home, lang),
            title=t("app.not_found", lang),
            url_path=name,
            visibility="hidden",
        )
        for name in sorted(names)
    ]


def _elsewhere(home: st.Page) -> Callable[[], None]:
    def elsewhere() -> None:
        # the address keeps the workshop, the participant's token and the language
        st.switch_page(home, query_params=st.query_params.to_dict())

    return elsewhere


def _not_found(name: str, home: st.Page, lang: str) -> Callable[[], None]:
    def not_found() -> None:
        st.header(t("app.not_found", lang))
        st.info(t("app.not_found_body", lang, name=escape_markdown(name)))
        st.page_link(home, label=t("app.go_home", lang, page=home.title))

    return not_found
