"""Writes under load against one real file: many phones at once lose nothing, parallel first
starts do not race, a large import leaves room for live ideas, and a write waiting for the
lock retries until a deadline, then says so.

The processes (``workload.py``) start from a forkserver that has cocreate loaded, so that a
hundred of them start in seconds on two cores; each opens its own ``Store``.
"""

import csv
import multiprocessing
import random
import sqlite3
import sys
import threading
import time
import types

import pytest

from cocreate.ingest import import_file, submit_idea
from cocreate.scoring import copy_rubric_to_workshop, open_round, round_rubric
from cocreate.store import BUSY_TIMEOUT_MS, Store, StoreBusyError, StoreError, migrations

from . import workload
from .conftest import idea

WRITERS, IDEAS_EACH, RATERS, TARGETS = 50, 20, 50, 6
IMPORT_ROWS = 50_000
# a result not back by then means a worker hung
RESULT_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def ctx():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cocreate.ingest", "cocreate.scoring", workload.__name__])
    # AppTest leaves the last page script run as __main__, which each new process would
    # run again on start (multiprocessing re-imports __main__): none here
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
        yield context


def run_at_once(ctx, jobs):
    """Start one process per (function, args), release them together, return their results."""
    barrier, results = ctx.Barrier(len(jobs)), ctx.Queue()
    processes = [ctx.Process(target=f, args=(*args, barrier, results)) for f, args in jobs]
    for process in processes:
        process.start()
    try:
        return [results.get(timeout=RESULT_TIMEOUT_S) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def test_fifty_writers_and_fifty_raters_at_once_lose_nothing(ctx, tmp_path):
    path = tmp_path / "room.db"
    with Store(path) as store:
        workshop = store.create_workshop("Salle comble")
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        shortlist = [
            submit_idea(store, workshop["slug"], f"Cible {n}", source="setup")["id"]
            for n in range(TARGETS)
        ]
        scoring_round = open_round(store, workshop["id"], [("idea", i) for i in shortlist])
        targets = [t["id"] for t in store.round_targets(scoring_round["id"])]
        criteria = [c.id for c in round_rubric(store, scoring_round["id"]).criteria]
    assert len(criteria) == 3
    writers = [(workload.writer, (path, workshop["slug"], k, IDEAS_EACH)) for k in range(WRITERS)]
    raters = [
        (workload.rater, (path, workshop["id"], scoring_round["id"], targets, criteria))
        for _ in range(RATERS)
    ]
    outcomes = run_at_once(ctx, writers + raters)

    assert [error for _, errors, _ in outcomes for error in errors] == []
    waits = [wait for _, _, times in outcomes for wait in times]
    print(
        f"\n1,900 writes at once: wait p95 {percentile(waits, 0.95):.2f} s, max {max(waits):.2f} s"
    )
    with Store(path) as store:
        ideas = store.list_ideas(workshop["id"], source="form")
        scores = store.round_scores(scoring_round["id"])
    assert len(ideas) == WRITERS * IDEAS_EACH
    assert {row["text"] for row in ideas} == {
        workload.idea_text(k, n) for k in range(WRITERS) for n in range(IDEAS_EACH)
    }
    assert len(scores) == RATERS * TARGETS * len(criteria) == 900
    assert len({row["rater_id"] for row in scores}) == RATERS

    # every phone sends all its ideas again with their tokens (answers lost on the way back)
    again = run_at_once(ctx, writers)
    assert [error for _, errors, _ in again for error in errors] == []
    with Store(path) as store:
        assert store.count_ideas(workshop["id"], source="form") == WRITERS * IDEAS_EACH


def test_twenty_first_starts_at_once_apply_each_migration_once(ctx, tmp_path):
    path = tmp_path / "new.db"
    outcomes = run_at_once(ctx, [(workload.opener, (path,))] * 20)
    assert outcomes == [None] * 20
    conn = sqlite3.connect(path)
    names = [name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert names == [m.name for m in migrations._migrations]


def write_big_csv(path, rows):
    rng = random.Random(0)
    places = ["rue Nationale", "le quai", "la gare", "le parc", "l'école", "le marché"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "texte", "auteur"])
        for n in range(rows):
            # one row in 50 repeats an earlier text: exact duplicates across chunk borders
            source = rng.randrange(n) if n and n % 50 == 0 else n
            out.writerow(
                [f"r{n}", f"Proposition {source} : des arceaux près de {places[source % 6]}", n]
            )


def test_a_large_import_leaves_room_for_live_ideas(ctx, tmp_path):
    csv_path = tmp_path / "big.csv"
    write_big_csv(csv_path, IMPORT_ROWS)
    path = tmp_path / "room.db"
    with Store(path) as store:
        workshop = store.create_workshop("Import en direct")
    started, done, results = ctx.Event(), ctx.Event(), ctx.Queue()
    processes = [
        ctx.Process(
            target=workload.importer,
            args=(path, workshop["slug"], csv_path, started, done, results),
        ),
        ctx.Process(
            target=workload.live_writer,
            # a room of phones: one idea every 15-35 ms, at least 200 of them
            args=(path, workshop["slug"], 200, (0.015, 0.035), started, done, results),
        ),
    ]
    for process in processes:
        process.start()
    # a worker that dies fails the test instead of hanging the suite
    outcomes = {
        kind: (error, data) for kind, error, data in (results.get(timeout=600) for _ in processes)
    }
    for process in processes:
        process.join()

    import_error, (added, duplicates) = outcomes["import"]
    live_errors, waits = outcomes["live"]
    assert import_error is None
    assert live_errors == []
    print(
        f"\n{len(waits)} live ideas during a {IMPORT_ROWS}-row import: wait"
        f" p95 {percentile(waits, 0.95):.2f} s, max {max(waits):.2f} s"
    )
    with Store(path) as store:
        live = store.list_ideas(workshop["id"], source="form")
        imported = store.list_ideas(workshop["id"], source="big.csv")
        assert sorted(row["text"] for row in live) == sorted(
            f"En direct {n}" for n in range(len(waits))
        )
        assert (len(imported), added) == (IMPORT_ROWS, IMPORT_ROWS)
        assert duplicates == sum(1 for row in imported if row["duplicate_of"] is not None) > 0
        # live ideas were stored between two chunks of the import, not after it
        first, last = imported[0]["id"], imported[-1]["id"]
        assert any(first < row["id"] < last for row in live)
        again = import_file(store, workshop["slug"], csv_path)
        assert (again.added, again.already_stored) == (0, IMPORT_ROWS)
    # one transaction for the whole file held the lock 2-10 s here (decision 0029)
    assert max(waits) < 5


def hold_write_lock(db_path):
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_write_retries_while_the_database_is_busy_then_succeeds(
    store, workshop, db_path, monkeypatch
):
    pauses = []
    real_sleep = time.sleep
    monkeypatch.setattr(time, "sleep", lambda s: (pauses.append(s), real_sleep(s)))
    holder = hold_write_lock(db_path)
    threading.Timer(0.4, holder.execute, ["COMMIT"]).start()
    start = time.monotonic()
    store.add_ideas(workshop["id"], [idea("Après l'attente", "1")], source="s")
    assert time.monotonic() - start >= 0.35
    assert len(pauses) > 3
    assert [row["text"] for row in store.list_ideas(workshop["id"])] == ["Après l'attente"]
    # reads keep SQLite's busy timeout
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    holder.close()


def test_past_the_deadline_a_write_fails_clearly_and_writes_nothing(store, workshop, db_path):
    holder = hold_write_lock(db_path)
    store.write_deadline_s = 0.3
    start = time.monotonic()
    with pytest.raises(StoreBusyError) as caught:
        store.add_ideas(workshop["id"], [idea("Jamais écrite", "1")], source="s")
    assert 0.3 <= time.monotonic() - start < 2
    assert isinstance(caught.value, StoreError)
    message = str(caught.value)
    assert str(db_path) in message and "locked" in message and "nothing was written" in message
    holder.rollback()
    holder.close()
    assert store.count_ideas(workshop["id"]) == 0
    assert store.list_imports(workshop["id"]) == []
    store.add_ideas(workshop["id"], [idea("Écrite ensuite", "2")], source="s")
    assert store.count_ideas(workshop["id"]) == 1
