"""Uploaded files are on disk only while an import reads them, in a folder only this user
can open: nothing is left in the temporary folder after a preview, an import, a refused
file, or a stakeholder map (the real pages, through AppTest)."""

import os
import stat
import tempfile

import hostile_files
import pytest

from cocreate.store import Store
from cocreate.uploads import UPLOAD_PREFIX, held_upload

from .conftest import IDEAS_PAGE

STAKEHOLDERS_PAGE = "cocreate/ui/pages/stakeholders.py"
CSV = "Proposition;Auteur\nDes bancs à l'ombre;Léa\nUne fontaine;Ali\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The process's temporary folder, empty, where uploads would be left."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_an_upload_is_private_while_held_and_gone_after(temp_folder):
    with held_upload("../../etc/idées.csv", CSV.encode()) as path:
        assert path.name == "idées.csv" and path.parent.parent == temp_folder
        assert path.parent.name.startswith(UPLOAD_PREFIX)
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text(encoding="utf-8") == CSV
    assert list(temp_folder.iterdir()) == []
    with pytest.raises(RuntimeError), held_upload("a.csv", b"x") as path:
        raise RuntimeError("the import failed")
    assert not path.exists() and list(temp_folder.iterdir()) == []


def test_other_users_cannot_read_an_upload_even_with_a_loose_umask(temp_folder):
    previous = os.umask(0)
    try:
        with held_upload("a.csv", b"x") as path:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
            assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    finally:
        os.umask(previous)


def test_the_ideas_page_leaves_no_upload_behind(app, db_path, temp_folder):
    with Store(db_path) as store:
        workshop = store.create_workshop("Quartier", language="fr")
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page(IDEAS_PAGE).run()
    app.file_uploader(key="ideas_upload").set_value(("idees.csv", CSV.encode(), "text/csv"))
    app.run()
    assert not app.exception, app.exception
    # previewed from the file on disk, then the file is gone
    assert "ideas_import_button" in [button.key for button in app.button]
    assert list(temp_folder.iterdir()) == []
    app.button(key="ideas_import_button").click().run()
    assert not app.exception, app.exception
    assert list(temp_folder.iterdir()) == []
    with Store(db_path) as store:
        assert store.count_ideas(workshop["id"]) == 2
        [stored] = store.list_imports(workshop["id"])
        assert stored["file_name"] == "idees.csv"


def test_a_refused_upload_is_gone_too(app, db_path, temp_folder, tmp_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Quartier", language="fr")
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page(IDEAS_PAGE).run()
    data = hostile_files.far_cell_xlsx(tmp_path / "far.xlsx").read_bytes()
    app.file_uploader(key="ideas_upload").set_value(("far.xlsx", data, XLSX)).run()
    assert not app.exception, app.exception
    assert app.error and "far.xlsx" in app.error[0].value
    assert list(temp_folder.iterdir()) == []


def test_the_stakeholders_page_leaves_no_upload_behind(app, db_path, temp_folder):
    with Store(db_path) as store:
        workshop = store.create_workshop("Rue apaisée", language="fr")
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page(STAKEHOLDERS_PAGE).run()
    content = "Label,Type,Group,Power\nMairie,actor,city,5\nHabitants,actor,citizens,2\n"
    app.file_uploader(key="stakeholders_upload_start").set_value(
        ("acteurs.csv", content.encode("utf-8"), "text/csv")
    )
    app.run()
    app.button(key="stakeholders_import_start").click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        assert {a["name"] for a in store.list_actors(workshop["id"])} == {"Mairie", "Habitants"}
    assert list(temp_folder.iterdir()) == []
