"""Opening a store: schema, migrations, WAL and foreign keys, the default path, and the
write transaction (all or nothing, seen by a second connection)."""

import sqlite3

import pytest

from cocreate.records import IdeaRecord
from cocreate.store import Store, default_db_path, migrations

from .conftest import idea


def test_new_file_gets_schema_wal_and_foreign_keys(db_path):
    with Store(db_path) as store:
        assert {"workshops", "ideas", "imports", "ideas_fts"} <= set(store.db.table_names())
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert store.applied_migrations() == [m.name for m in migrations._migrations]


def test_migrations_apply_once(db_path):
    Store(db_path).close()
    with Store(db_path) as store:
        rows = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert rows == len(migrations._migrations)


def test_default_path_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COCREATE_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("COCREATE_DB")
    assert default_db_path().name == "cocreate.db"


def test_failed_transaction_changes_nothing(store, workshop):
    store.add_ideas(workshop["id"], [idea("Déjà là", "1")], source="s")

    class Exploding(IdeaRecord):
        @property
        def row_hash(self):
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.add_ideas(
            workshop["id"],
            [idea("Nouvelle", "2"), Exploding(text="x", source_key="3")],
            source="s",
        )
    assert [r["text"] for r in store.list_ideas(workshop["id"])] == ["Déjà là"]
    assert len(store.list_imports(workshop["id"])) == 1


def test_second_connection_sees_committed_ideas(db_path, store, workshop):
    store.add_ideas(workshop["id"], [idea("visible", "1")], source="s")
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT text FROM ideas").fetchall() == [("visible",)]
    other.close()
