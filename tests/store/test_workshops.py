"""Workshops in the store: slugs, join codes, finding, deleting, the revision token."""

import pytest

from cocreate.store import StoreError

from .conftest import idea


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


def test_deleting_a_workshop_deletes_its_ideas(store, workshop):
    store.add_ideas(workshop["id"], [idea("x", "1")], source="s")
    store.delete_workshop(workshop["id"])
    assert store.db.execute("SELECT count(*) FROM ideas").fetchone()[0] == 0


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
