"""The SQLite store: schema, migrations, workshops, ideas, search."""

import sqlite3

import pytest

from cocreate.records import IdeaRecord
from cocreate.store import Store, StoreError, default_db_path, migrations


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


def test_workshops_get_unique_slugs_and_join_codes(store):
    first = store.create_workshop("Vélo en ville !")
    second = store.create_workshop("Vélo en ville !")
    assert first["slug"] == "velo-en-ville"
    assert second["slug"] == "velo-en-ville-2"
    assert first["join_code"] != second["join_code"]
    assert len(first["join_code"]) == 6 and not set(first["join_code"]) & set("01IO")
    assert store.find_workshop(first["join_code"].lower())["id"] == first["id"]
    assert store.find_workshop("VÉLO EN VILLE !")["id"] == first["id"]
    assert store.find_workshop(str(second["id"]))["slug"] == "velo-en-ville-2"
    assert [w["id"] for w in store.list_workshops()] == [second["id"], first["id"]]


def test_workshop_needs_a_title_and_unknown_workshop_is_an_error(store):
    with pytest.raises(StoreError):
        store.create_workshop("   ")
    with pytest.raises(StoreError, match="No workshop"):
        store.get_workshop("nope")


def idea(text, key, **fields):
    return IdeaRecord(text=text, source_key=key, original={"text": text, "key": key}, **fields)


def test_add_ideas_is_idempotent_and_marks_exact_duplicates(store, workshop):
    ideas = [
        idea("Plus de pistes cyclables", "1", author="Léa", votes=3),
        idea("Des bancs", "2"),
        idea("  plus de PISTES  cyclables ", "3", author="Marc", votes=5),
    ]
    report = store.add_ideas(workshop["id"], ideas, source="file.csv")
    assert (report.added, report.already_stored, report.exact_duplicates) == (3, 0, 1)
    again = store.add_ideas(workshop["id"], ideas, source="file.csv")
    assert (again.added, again.already_stored) == (0, 3)
    rows = store.list_ideas(workshop["id"])
    assert len(rows) == 3
    assert rows[2]["duplicate_of"] == rows[0]["id"]
    assert (rows[2]["author"], rows[2]["votes"]) == ("Marc", 5)
    assert store.idea_facets(workshop["id"])["exact_duplicates"] == 1
    assert store.count_ideas(workshop["id"], duplicates_only=True) == 2
    assert report.idea_ids == [row["id"] for row in rows]
    # same key from another source is another idea
    other = store.add_ideas(workshop["id"], ideas[:1], source="other.csv")
    assert other.added == 1
    # a later batch: its repeats point at the first of the workshop, or of the batch
    later = store.add_ideas(
        workshop["id"],
        [idea("Un marché", "7"), idea("des bancs", "8"), idea("UN MARCHÉ", "9")],
        source="later.csv",
    )
    assert (later.added, later.exact_duplicates) == (3, 2)
    by_id = {row["id"]: row for row in store.list_ideas(workshop["id"])}
    market, benches, market_again = (by_id[i] for i in later.idea_ids)
    assert market["duplicate_of"] is None and market["text"] == "Un marché"
    assert benches["duplicate_of"] == rows[1]["id"]
    assert market_again["duplicate_of"] == market["id"]


def test_changed_row_keeps_the_stored_version(store, workshop):
    store.add_ideas(workshop["id"], [idea("Version 1", "42")], source="s")
    report = store.add_ideas(workshop["id"], [idea("Version 2", "42")], source="s")
    assert (report.added, report.changed) == (0, 1)
    assert [r["text"] for r in store.list_ideas(workshop["id"])] == ["Version 1"]


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


def test_search_ignores_accents_and_case_and_filters_combine(store, workshop):
    store.add_ideas(
        workshop["id"],
        [
            idea("Un parking VÉLO à la gare", "1", category="mobility", language="fr"),
            idea("Bike parking at the station", "2", category="mobility", language="en"),
            idea("Des arbres", "3", category="green", language="fr"),
        ],
        source="s",
    )
    assert [r["source_key"] for r in store.list_ideas(workshop["id"], search="velo")] == ["1"]
    assert store.count_ideas(workshop["id"], search="parking") == 2
    assert store.count_ideas(workshop["id"], search="parking", language="en") == 1
    assert store.count_ideas(workshop["id"], category="green") == 1
    # characters that mean something to FTS are searched literally, not an error
    assert store.count_ideas(workshop["id"], search='"gare" AND (') == 0
    facets = store.idea_facets(workshop["id"])
    assert facets["language"] == {"fr": 2, "en": 1}


def test_deleting_a_workshop_deletes_its_ideas(store, workshop):
    store.add_ideas(workshop["id"], [idea("x", "1")], source="s")
    store.delete_workshop(workshop["id"])
    assert store.db.execute("SELECT count(*) FROM ideas").fetchone()[0] == 0


def test_second_connection_sees_committed_ideas(db_path, store, workshop):
    store.add_ideas(workshop["id"], [idea("visible", "1")], source="s")
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT text FROM ideas").fetchall() == [("visible",)]
    other.close()


def test_the_revision_changes_with_the_workshop_content_only(store):
    """The app keeps what it computed from a workshop until this token changes."""
    workshop = store.create_workshop("Parcs")
    other = store.create_workshop("Vélo")
    seen = [store.workshop_revision(workshop["id"])]

    def changed() -> bool:
        seen.append(store.workshop_revision(workshop["id"]))
        return seen[-1] != seen[-2]

    store.add_ideas(workshop["id"], [idea("Plus d'arbres", "1")], source="t.csv")
    assert changed()
    store.add_ideas(workshop["id"], [idea("Plus d'arbres", "1")], source="t.csv")
    assert not changed()  # an import repeated adds nothing, and nothing changes
    store.add_ideas(other["id"], [idea("Des pistes", "1")], source="t.csv")
    assert not changed()  # another workshop's content
    store.set_phase(workshop["id"], "score")
    assert not changed()  # the phase is read fresh by every page
    store.add_actor(workshop["id"], key="mairie", name="Mairie", group="city")
    assert changed()
    store.delete_workshop(workshop["id"])
    again = store.create_workshop("Parcs")
    assert store.workshop_revision(again["id"]) not in seen
    with pytest.raises(StoreError):
        store.workshop_revision(workshop["id"] + 100)
