"""The interface language is the one chosen, Streamlit's own widget texts included where they
can be set, and the choice is kept in the address so that a reload keeps it."""

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

from cocreate.i18n import t
from cocreate.store import Store
from cocreate.ui.widget_text import REPLACED, widget_text_css

from .conftest import APP, CLUSTERS_PAGE

UI = Path(__file__).resolve().parents[2] / "cocreate" / "ui"


def param(at, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def reload(at_or_none=None, **params: str) -> AppTest:
    """A new session on the same address, as a browser reload opens it."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_chosen_language_is_kept_in_the_address_and_survives_a_reload(app):
    assert param(app, "lang") == "fr"
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.header[0].value == "Workshop"
    assert param(app, "lang") == "en"
    again = reload(lang="en")
    assert again.header[0].value == "Workshop"
    assert again.sidebar.radio(key="lang").value == "en"
    # and back to French, kept as well
    again.sidebar.radio(key="lang").set_value("fr").run()
    assert param(again, "lang") == "fr"
    assert reload(lang="fr").header[0].value == "Atelier"


def test_the_address_is_read_first_on_every_run(app):
    app.query_params["lang"] = "en"
    app.run()
    assert app.header[0].value == "Workshop"
    assert app.sidebar.radio(key="lang").value == "en"


def test_a_french_workshop_opens_in_french_and_an_english_one_in_english(db_path):
    with Store(db_path) as store:
        store.create_workshop("Riverside", challenge="How?", language="en")
    assert reload().header[0].value.startswith("Workshop")
    assert reload(lang="fr").header[0].value.startswith("Atelier")


def test_the_choice_survives_a_page_change(workshop, app):
    app.sidebar.radio(key="lang").set_value("en").run()
    app.switch_page(CLUSTERS_PAGE).run()
    assert not app.exception, app.exception
    assert param(app, "lang") == "en"
    assert app.header[0].value.startswith(t("clusters.header", "en") + " · ")


def test_selectbox_placeholders_follow_the_language(app):
    template = app.selectbox(key="workshop_template")
    assert template.proto.placeholder == "Choisissez une option"
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.selectbox(key="workshop_template").proto.placeholder == "Choose an option"


def test_every_selectbox_and_multiselect_sets_its_placeholder():
    """Without one, Streamlit writes "Choose an option" or "No options to select" in
    English whatever the language."""
    missing = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("selectbox", "multiselect")
                and "placeholder" not in {k.arg for k in node.keywords}
            ):
                missing.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert missing == []


def test_streamlit_texts_are_drawn_in_french(app):
    [style] = [h.value for h in app.get("html") if "stFileUploader" in h.value]
    assert style == widget_text_css("fr")
    for expected in (
        '"Choisir un fichier"',
        '"200 Mo par fichier au plus"',
        '"Tout sélectionner"',
        '"Entrée pour envoyer le formulaire"',
    ):
        assert expected in style
    assert style.count("content:") == len(REPLACED)
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not [h for h in app.get("html") if "stFileUploader" in h.value]
    assert widget_text_css("en") == ""
    assert t("widget.upload", "en") == "Upload"
