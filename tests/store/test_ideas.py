"""Ideas in the store: idempotent imports, exact duplicates, search and filters."""

import pytest

from cocreate.store import Store

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


def batch_with_repeats():
    """60 ideas whose texts repeat across any chunk border, a key given twice (same row,
    then a changed row) and texts already in the workshop."""
    ideas = [idea(f"Idée {n % 9}" if n % 3 else f"Texte {n}", str(n)) for n in range(60)]
    ideas.insert(25, idea("Idée 4", "4"))
    ideas.insert(40, idea("Changée", "5"))
    return ideas


def stored_batch(store, monkeypatch, chunk_rows):
    """What storing ``batch_with_repeats`` gives in chunks of ``chunk_rows``: the report's
    counts, each idea as (key, text, key of the idea it duplicates), the import log row."""
    from cocreate.store import ideas as ideas_module

    monkeypatch.setattr(ideas_module, "IMPORT_CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(ideas_module, "IMPORT_PAUSE_S", 0)
    workshop = store.create_workshop("Découpage")
    store.add_ideas(workshop["id"], [idea("idée 4", "a"), idea("Texte 3", "b")], source="before")
    report = store.add_ideas(workshop["id"], batch_with_repeats(), source="file.csv")
    rows = store.list_ideas(workshop["id"])
    key_of = {row["id"]: (row["source"], row["source_key"]) for row in rows}
    stored = [
        (row["source_key"], row["text"], key_of.get(row["duplicate_of"]))
        for row in rows
        if row["source"] == "file.csv"
    ]
    [log] = [i for i in store.list_imports(workshop["id"]) if i["source"] == "file.csv"]
    counts = (
        report.rows_read,
        report.added,
        report.already_stored,
        report.changed,
        report.exact_duplicates,
        [key_of[i] for i in report.idea_ids],
    )
    log_counts = (log["rows_read"], log["rows_added"], log["rows_already_stored"])
    return counts, stored, log_counts


def test_an_import_in_chunks_stores_what_one_transaction_stored(tmp_path, monkeypatch):
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "chunks.db") as chunked:
        whole = stored_batch(one, monkeypatch, 10_000)
        for chunk_rows in (7, 1):
            assert stored_batch(chunked, monkeypatch, chunk_rows) == whole
    counts, stored, log_counts = whole
    assert counts[:5] == (62, 60, 1, 1, 36)
    assert log_counts == (62, 60, 1)
    # a repeat points at the first idea with its text, in the workshop or in the file
    first = {"idée 4": ("before", "a"), "texte 3": ("before", "b")}
    for key, text, duplicate_of in stored:
        first.setdefault(text.casefold(), ("file.csv", key))
        expected = first[text.casefold()]
        assert duplicate_of == (None if expected == ("file.csv", key) else expected)


def test_an_interrupted_import_is_completed_by_running_it_again(store, workshop, monkeypatch):
    from cocreate.records import IdeaRecord
    from cocreate.store import ideas as ideas_module

    monkeypatch.setattr(ideas_module, "IMPORT_CHUNK_ROWS", 5)
    good = [idea(f"Idée {n % 4}", str(n)) for n in range(17)]

    class Exploding(IdeaRecord):
        @property
        def row_hash(self):
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.add_ideas(
            workshop["id"],
            [*good[:12], Exploding(text="x", source_key="x"), *good[12:]],
            source="f",
        )
    # the two chunks before the failure are stored, nothing of the third
    assert store.count_ideas(workshop["id"]) == 10
    report = store.add_ideas(workshop["id"], good, source="f")
    assert (report.added, report.already_stored, report.exact_duplicates) == (7, 10, 7)
    rows = store.list_ideas(workshop["id"])
    assert [row["source_key"] for row in rows] == [str(n) for n in range(17)]
    first_of = {row["text"]: row["id"] for row in rows[:4]}
    assert [row["duplicate_of"] for row in rows] == [None] * 4 + [
        first_of[row["text"]] for row in rows[4:]
    ]
    assert store.add_ideas(workshop["id"], good, source="f").added == 0
