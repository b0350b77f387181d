"""In the real browser: Streamlit's own widget texts in French, a reload and a page change
keep the chosen language, and an address that names no page answers in the chosen language
instead of Streamlit's English "Page not found" dialog."""

from __future__ import annotations

import re
import subprocess
import textwrap

import pytest
from playwright.sync_api import expect

from cocreate.i18n import t
from cocreate.server import start_local_server
from cocreate.store import Store

from .conftest import ROOT

pytestmark = pytest.mark.browser

ROLES_ON = {"COCREATE_ACCESS": "secret"}
# every kind of widget whose English text is replaced, on one page, with the app's CSS
WIDGETS_PAGE = textwrap.dedent(
    """
    import streamlit as st
    from cocreate.ui.widget_text import widget_text_css

    st.html(widget_text_css("fr"))
    picked = st.multiselect("Groupes", ["Mobilité", "Eau", "Ombre"], key="many",
                            placeholder="Choisissez des groupes")
    st.write(f"Choisis : {len(picked)}")
    with st.form("form"):
        st.text_input("Idée", key="line_in_form", max_chars=40)
        st.text_area("Détails", key="area_in_form")
        st.form_submit_button("Envoyer")
    st.text_input("Recherche", key="line")
    st.text_area("Note", key="area")
    st.file_uploader("Fichier CSV", type=["csv"], key="upload")
    """
)


@pytest.fixture
def widgets_url(tmp_path):
    script = tmp_path / "widgets.py"
    script.write_text(WIDGETS_PAGE, encoding="utf-8")
    with (tmp_path / "widgets.log").open("w") as log:
        process, url = start_local_server(
            tmp_path / "widgets.db", log, env={"PYTHONPATH": str(ROOT)}, app=script
        )
        yield url
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def read(locator) -> str:
    """What a screen reader reads of ``locator``: the text drawn in place of Streamlit's."""
    expect(locator).to_be_visible()
    return locator.aria_snapshot()


def test_streamlit_widget_texts_are_drawn_in_french(widgets_url, browser):
    page = browser.new_page()
    page.goto(widgets_url)
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader.get_by_role("button", name="Choisir un fichier")).to_be_visible()
    assert "200 Mo par fichier au plus" in read(uploader)
    assert "Upload" not in read(uploader) and "200MB" not in read(uploader)

    hints = {
        ".st-key-line_in_form input": "Entrée pour envoyer le formulaire",
        ".st-key-area_in_form textarea": t("widget.ctrl_enter_submit", "fr"),
        ".st-key-line input": "Entrée pour valider",
        ".st-key-area textarea": "Ctrl+Entrée (⌘+Entrée sur Mac) pour valider",
    }
    for field, hint in hints.items():
        page.locator(field).fill("Des bancs à l'ombre")
        widget = page.locator(field.split()[0])
        expect(widget.get_by_test_id("InputInstructions")).to_be_visible()
        assert hint in read(widget), field
        assert "Press" not in read(widget)
    # the counter of a field with a length limit stays
    page.locator(".st-key-line_in_form input").fill("Des bancs")
    assert "9/40" in read(page.locator(".st-key-line_in_form"))

    # "Select all", in French, still selects every option
    page.locator(".st-key-many input").click()
    page.get_by_role("option", name="Tout sélectionner").click()
    expect(page.get_by_text("Choisis : 3")).to_be_visible()


def open_page(page, url: str, header: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("stHeading").get_by_text(header).first).to_be_visible()


def test_the_chosen_language_survives_a_reload_and_a_page_change(serve, browser, db_path):
    with Store(db_path) as store:
        store.create_workshop("Place du marché", challenge="Que faire ?", language="fr")
    url = serve(db_path)
    page = browser.new_page()
    open_page(page, url, "Atelier")
    # every page is listed: no "View 3 more" in English under a French list
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="Écran projeté")).to_be_visible()
    expect(nav.get_by_text(re.compile(r"View \d+ more"))).to_have_count(0)
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.get_by_test_id("stHeading").get_by_text("Workshop").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]lang=en"))
    page.reload()
    expect(page.get_by_test_id("stHeading").get_by_text("Workshop").first).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Ideas", exact=True).click()
    expect(page.get_by_test_id("stHeading").get_by_text("Ideas").first).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("stHeading").get_by_text("Ideas").first).to_be_visible()


def test_an_address_of_no_page_answers_in_the_chosen_language(serve, browser, db_path):
    url = serve(db_path, env=ROLES_ON)
    page = browser.new_page()
    # no such page: our page, in French, not Streamlit's English dialog
    open_page(page, f"{url}/nulle-part", "Page introuvable")
    expect(page.get_by_text("Il n'y a pas de page « nulle-part » ici.")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_role("link", name="Aller à : Rejoindre").click()
    expect(page.get_by_test_id("stHeading").get_by_text("Rejoindre un atelier")).to_be_visible()
    # a facilitator page opened by a visitor leads to the Join page, with no dialog either
    page.goto(f"{url}/workshop?lang=en")
    expect(page.get_by_test_id("stHeading").get_by_text("Join a workshop")).to_be_visible()
    expect(page).to_have_url(f"{url}/?lang=en")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
