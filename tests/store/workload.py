"""The processes of ``test_concurrency.py``, each opening its own ``Store`` on one real file.

Kept apart from the test module so that the forkserver can preload it without pytest: a
hundred processes then start in a second on two cores. Each reports through ``results``
what it did and every error as ``"Type: message"``; none raises.
"""

from __future__ import annotations

import random
import time

from cocreate.ingest import import_file, submit_idea
from cocreate.scoring import submit_score
from cocreate.store import Store

# released at once by a barrier; a worker that never arrives fails the others after this
BARRIER_TIMEOUT_S = 120


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def idea_text(writer: int, number: int) -> str:
    # short: below the letters language detection needs, which is not under test here
    return f"Idée {writer}.{number}"


def writer(path, slug, index, count, barrier, results) -> None:
    """Submit ``count`` ideas with a client token each, as fast as the store takes them."""
    errors, waits = [], []
    with Store(path) as store:
        barrier.wait(BARRIER_TIMEOUT_S)
        for number in range(count):
            start = time.perf_counter()
            try:
                submit_idea(
                    store, slug, idea_text(index, number), client_token=f"w{index}-{number}"
                )
            except Exception as exc:
                errors.append(_error(exc))
            waits.append(time.perf_counter() - start)
    results.put(("writer", errors, waits))


def rater(path, workshop_id, round_id, targets, criteria, barrier, results) -> None:
    """Join as a new rater and answer every criterion of every target of the round."""
    errors, waits = [], []
    with Store(path) as store:
        barrier.wait(BARRIER_TIMEOUT_S)
        try:
            rater_id = store.add_rater(workshop_id)["id"]
        except Exception as exc:
            results.put(("rater", [_error(exc)], waits))
            return
        for position, target in enumerate(targets):
            for criterion in criteria:
                start = time.perf_counter()
                try:
                    value = 1 + (rater_id + position) % 5
                    submit_score(store, round_id, target, rater_id, criterion, value)
                except Exception as exc:
                    errors.append(_error(exc))
                waits.append(time.perf_counter() - start)
    results.put(("rater", errors, waits))


def opener(path, barrier, results) -> None:
    """Open (and so migrate) the database at the same moment as the others."""
    barrier.wait(BARRIER_TIMEOUT_S)
    try:
        Store(path).close()
        results.put(None)
    except Exception as exc:
        results.put(_error(exc))


def importer(path, slug, csv_path, started, done, results) -> None:
    """Import a CSV file, telling the live writer when it starts and ends."""
    with Store(path) as store:
        started.set()
        try:
            report = import_file(store, slug, csv_path)
            results.put(("import", None, (report.added, report.exact_duplicates)))
        except Exception as exc:
            results.put(("import", _error(exc), None))
        finally:
            done.set()


def live_writer(path, slug, least, pace, started, done, results) -> None:
    """Submit ideas one at a time with a pause of ``pace`` (min, max) seconds between them,
    from the start of the import until it ends and at least ``least`` were sent."""
    rng = random.Random(18)
    errors, waits, sent = [], [], 0
    with Store(path) as store:
        started.wait(BARRIER_TIMEOUT_S)
        while sent < least or not done.is_set():
            start = time.perf_counter()
            try:
                submit_idea(store, slug, f"En direct {sent}", client_token=f"live-{sent}")
            except Exception as exc:
                errors.append(_error(exc))
            waits.append(time.perf_counter() - start)
            sent += 1
            time.sleep(rng.uniform(*pace))
    results.put(("live", errors, waits))
