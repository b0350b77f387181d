"""Ideas in the store: idempotent imports, exact duplicates, search and filters."""

from .conftest import idea


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
