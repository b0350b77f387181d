"""The app on a database it cannot use as asked: one message instead of a traceback; a
database it can only read opens, says so, and a refused write gets the message."""

import sqlite3

from streamlit.testing.v1 import AppTest

from cocreate.i18n import t
from cocreate.store import Store

from .conftest import APP, IDEAS_PAGE


def test_a_file_that_is_not_a_database_gets_one_message(db_path):
    db_path.write_text("id,text\n1,Des bancs\n", encoding="utf-8")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t("fault.not_a_database", "fr", path=db_path)]


def test_a_damaged_database_gets_one_message(db_path):
    with Store(db_path) as store:
        store.create_workshop("Quartier")
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 4])
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    [error] = at.error
    assert error.value.startswith(f"La base {db_path} est endommagée")


def test_a_newer_schema_opens_for_reading_and_refuses_a_new_idea(db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Quartier", language="fr")
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('cocreate', 'm040_future', '2031-01-01')"
    )
    conn.execute("INSERT INTO schema_versions VALUES ('m040_future', '3.1.0', '2031-01-01')")
    conn.commit()
    conn.close()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    [warning] = at.warning
    assert "cocreate 3.1.0 (migration m040_future)" in warning.value
    at.session_state["workshop_id"] = workshop["id"]
    at.switch_page(IDEAS_PAGE).run()
    assert not at.exception, at.exception
    at.text_area(key="ideas_add_text").set_value("Des bancs à l'ombre")
    submit = next(b for b in at.button if b.label == t("ideas.submit", "fr"))
    submit.click().run()
    assert not at.exception, at.exception
    assert any("cocreate 3.1.0" in e.value and "pas modifiée" in e.value for e in at.error)
    with Store(db_path) as store:
        assert store.count_ideas(workshop["id"]) == 0
