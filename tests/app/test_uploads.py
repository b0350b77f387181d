"""Uploads through the real app: a hostile spreadsheet gets a message and the app goes on;
only facilitators see an uploader; open to the room, the Join page creates workshops only
where the facilitator allowed it."""

import hostile_files
import pytest
from streamlit.testing.v1 import AppTest

from cocreate.store import Store

from .conftest import APP, IDEAS_PAGE

ROOT = APP.parent
STAKEHOLDERS_PAGE = "cocreate/ui/pages/stakeholders.py"
JOIN_PAGE = "cocreate/ui/pages/join.py"
REFUSED = (
    "Cette page est réservée à l'animation de l'atelier. Rejoignez-le avec son code, "
    "ou donnez le secret d'animation."
)
FAR_CELL = (
    "Fichier refusé : far-cell.xlsx: une feuille va jusqu'à la cellule XFD1048576 "
    "(16384 colonnes x 1048576 lignes), au-delà des 10 millions de cellules admises ; refusé"
)
GIANT_STRING = (
    "Fichier refusé : strings.xlsx: sa lecture demande plus de 1 GiB de mémoire (texte répété "
    "de nombreuses fois, ou feuille remplie bien au-delà de ses données ?) ; refusé"
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def ideas_page(app, db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Quartier", language="fr")
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page(IDEAS_PAGE).run()
    assert not app.exception, app.exception
    return app, workshop


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (hostile_files.far_cell_xlsx, "far-cell.xlsx", FAR_CELL),
        (hostile_files.giant_shared_string_xlsx, "strings.xlsx", GIANT_STRING),
    ],
)
def test_a_hostile_spreadsheet_is_refused_and_the_app_goes_on(
    ideas_page, db_path, tmp_path, make, name, message
):
    app, workshop = ideas_page
    data = make(tmp_path / name).read_bytes()
    app.file_uploader(key="ideas_upload").set_value((name, data, XLSX)).run()
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [message]
    assert "ideas_import_button" not in [button.key for button in app.button]
    # the same session goes on: an ordinary file is previewed and imported
    content = "Proposition\nDes bancs à l'ombre sur la place\nUne fontaine d'eau potable\n"
    app.file_uploader(key="ideas_upload").set_value(("ok.csv", content.encode(), "text/csv")).run()
    assert not app.exception and not app.error, app.error
    app.button(key="ideas_import_button").click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        texts = [i["text"] for i in store.list_ideas(workshop["id"])]
    assert sorted(texts) == ["Des bancs à l'ombre sur la place", "Une fontaine d'eau potable"]


@pytest.fixture
def secret_mode(db_path, monkeypatch):
    monkeypatch.setenv("COCREATE_ACCESS", "secret")
    monkeypatch.delenv("COCREATE_ALLOW_NEW_WORKSHOPS", raising=False)
    with Store(db_path) as store:
        return store.create_workshop("Place du marché", challenge="Que faire ?")


def fresh_session():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_participant_session_gets_no_uploader(secret_mode):
    workshop = secret_mode
    at = fresh_session()
    at.text_input(key="join_code").input(workshop["join_code"])
    at.button[0].click().run()
    assert not at.exception, at.exception
    access = at.session_state["access"]
    assert access.role(workshop["id"]) == "participant"
    for page_file in (IDEAS_PAGE, STAKEHOLDERS_PAGE):
        # not in a participant's navigation, and refused if the page script runs anyway
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page_file)
        page = AppTest.from_file(str(ROOT / page_file), default_timeout=60)
        page.session_state["access"] = access
        page.session_state["workshop_id"] = workshop["id"]
        page.run()
        assert not page.exception, page.exception
        assert [e.value for e in page.error] == [REFUSED]
        assert not page.get("file_uploader")


def join_page_labels(at):
    return [e.label for e in at.get("expander")], [w.key for w in at.get("text_input")]


def test_open_to_the_room_the_join_page_creates_no_workshop_unless_allowed(
    secret_mode, monkeypatch
):
    at = fresh_session()
    expanders, inputs = join_page_labels(at)
    assert expanders == ["J'anime cet atelier"]
    assert inputs == ["join_code", "join_facilitator_code", "join_secret"]
    monkeypatch.setenv("COCREATE_ALLOW_NEW_WORKSHOPS", "1")
    at = fresh_session()
    expanders, inputs = join_page_labels(at)
    assert expanders == ["J'anime cet atelier", "Créer un nouvel atelier"]
    assert "join_new_title" in inputs


def test_on_this_computer_only_the_join_page_creates_workshops(db_path, monkeypatch):
    monkeypatch.setenv("COCREATE_ACCESS", "open")
    monkeypatch.delenv("COCREATE_ALLOW_NEW_WORKSHOPS", raising=False)
    at = fresh_session()
    at.switch_page(JOIN_PAGE).run()
    assert not at.exception, at.exception
    assert "Créer un nouvel atelier" in join_page_labels(at)[0]


@pytest.mark.parametrize(("policy", "kept"), [("keep", 2), ("skip", 1)])
def test_the_facilitator_chooses_what_becomes_of_a_row_with_an_unreadable_vote_count(
    ideas_page, db_path, policy, kept
):
    app, workshop = ideas_page
    content = "Proposition;Votes\nDes bancs à l'ombre;12\nUne fontaine;99999999999999999999999\n"
    app.file_uploader(key="ideas_upload").set_value(("votes.csv", content.encode(), "text/csv"))
    app.run()
    assert not app.exception, app.exception
    [choice] = [radio for radio in app.radio if radio.key.startswith("ideas_bad_values_")]
    assert choice.value == "keep"
    choice.set_value(policy).run()
    app.button(key="ideas_import_button").click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        ideas = {i["text"]: i["votes"] for i in store.list_ideas(workshop["id"])}
    assert len(ideas) == kept
    assert ideas["Des bancs à l'ombre"] == 12
    if policy == "keep":
        assert ideas["Une fontaine"] is None
