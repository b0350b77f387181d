"""Writes against one SQLite file under load, before and after (issue 18), in the same run.

Each mode runs the same three workloads on a fresh database, the code of the mode on the
path of a child process:

- ``main``: the code of ``--baseline`` (default the ``main`` branch, taken with ``git
  archive``): ``BEGIN IMMEDIATE`` and SQLite's 10 s busy timeout, no retry, one transaction
  per import, migrations unguarded;
- ``deferred``: the same code with the write transaction a plain deferred ``BEGIN`` (the
  behaviour of a connection left to Python's defaults): no busy wait when it upgrades;
- ``branch``: this checkout.

Workloads:

1. writers and raters: ``--writers`` processes each submit ``--ideas`` ideas with a client
   token (``cocreate.ingest.submit_idea``) while ``--raters`` processes answer one round of
   3 criteria x 6 targets (``cocreate.scoring.submit_score``), all released at once by a
   barrier, as fast as they can; then every idea is sent again with its token. Figures:
   ideas and scores expected / stored / failed, added on re-send, errors by message, and the
   wait of each call (p50, p95, max).
2. first start: ``--openers`` processes open one new database at once (``Store(path)``
   runs the migrations); figures: failed openings, migrations recorded twice or missing.
3. import during live writes: a ``--rows``-row CSV imported (``cocreate.ingest.import_file``)
   in one process while another submits ideas every 20-40 ms, from 1 s before the import
   until it ends; figures: live submits failed, the live wait (p50, p95, max) against the
   same writer's wait before the import started, the import's duration and report, and what
   a second import adds.

The machine may be shared: compare ratios within a run, not seconds between runs.

    python bench/concurrency.py                   # main, deferred, branch; about 4 min
    python bench/concurrency.py --modes main,branch
    python bench/concurrency.py --quick           # 10 writers, 10 raters, 10k rows
    python bench/concurrency.py --json            # one JSON object on stdout
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ("main", "deferred", "branch")
CRITERIA_RUBRIC = "dvf-quick"
TARGETS = 6
LIVE_PACE_S = (0.02, 0.04)
LIVE_BEFORE_IMPORT_S = 1.0


# ---- inside a mode's process ---------------------------------------------------------------


def use_deferred_write() -> None:
    """Replace the store's write transaction by a plain deferred ``BEGIN`` without retry."""
    from cocreate.store.connection import StoreConnection

    @contextmanager
    def _write(self):
        conn = self.db.conn
        conn.execute("BEGIN")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    StoreConnection._write = _write


def _prepare(deferred: bool) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if deferred:
        use_deferred_write()


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _timed(call, *args, **kwargs):
    """(seconds the call took, its error or None, what it returned)."""
    start = time.perf_counter()
    try:
        value = call(*args, **kwargs)
        return time.perf_counter() - start, None, value
    except Exception as exc:  # every failure is a figure here
        return time.perf_counter() - start, _error(exc), None


def writer(path, slug, index, n_ideas, deferred, barrier, results) -> None:
    _prepare(deferred)
    from cocreate.ingest import submit_idea
    from cocreate.store import Store

    waits, errors = [], []
    with Store(path) as store:
        barrier.wait(timeout=300)
        for i in range(n_ideas):
            # short texts: language detection (not under test) keeps the workshop's language
            wait, error, _ = _timed(
                submit_idea, store, slug, f"Idée {index}.{i}", client_token=f"w{index}-{i}"
            )
            waits.append(wait)
            if error:
                errors.append(error)
    results.put(("writer", waits, errors))


def rater(path, workshop_id, round_id, criteria, targets, deferred, barrier, results) -> None:
    _prepare(deferred)
    from cocreate.scoring import submit_score
    from cocreate.store import Store

    waits, errors = [], []
    with Store(path) as store:
        barrier.wait(timeout=300)
        # a phone joins (a write too), then answers; if it cannot join, none of its answers
        wait, error, joined = _timed(store.add_rater, workshop_id)
        waits.append(wait)
        if error:
            results.put(("rater", waits, [error] * (len(targets) * len(criteria))))
            return
        rater_id = joined["id"]
        for target in targets:
            for criterion in criteria:
                value = 1 + (rater_id + target) % 5
                wait, error, _ = _timed(
                    submit_score, store, round_id, target, rater_id, criterion, value
                )
                waits.append(wait)
                if error:
                    errors.append(error)
    results.put(("rater", waits, errors))


def resender(path, slug, writers, n_ideas, results) -> None:
    from cocreate.ingest import submit_idea
    from cocreate.store import Store

    errors = []
    with Store(path) as store:
        for index in range(writers):
            for i in range(n_ideas):
                _, error, _ = _timed(
                    submit_idea, store, slug, f"Idée {index}.{i}", client_token=f"w{index}-{i}"
                )
                if error:
                    errors.append(error)
    results.put(errors)


def opener(path, deferred, barrier, results) -> None:
    _prepare(deferred)
    from cocreate.store import Store

    barrier.wait(timeout=300)
    start = time.perf_counter()
    try:
        Store(path).close()
        results.put((time.perf_counter() - start, None))
    except Exception as exc:
        results.put((time.perf_counter() - start, _error(exc)))


def importer(path, slug, csv_path, deferred, go, done, results) -> None:
    _prepare(deferred)
    from cocreate.ingest import import_file
    from cocreate.store import Store

    with Store(path) as store:
        go.wait(timeout=300)
        start = time.perf_counter()
        try:
            report = import_file(store, slug, csv_path)
            outcome = {
                "added": report.added,
                "already_stored": report.already_stored,
                "exact_duplicates": report.exact_duplicates,
                "rows_read": report.rows_read,
                "error": None,
            }
        except Exception as exc:
            outcome = {"error": _error(exc)}
        outcome["seconds"] = time.perf_counter() - start
        done.set()
    results.put(outcome)


def live_writer(path, slug, deferred, go, done, results) -> None:
    _prepare(deferred)
    from cocreate.ingest import submit_idea
    from cocreate.store import Store

    rng = random.Random(7)
    before, during, errors, sent = [], [], [], 0
    with Store(path) as store:
        started = time.perf_counter()
        while True:
            if not go.is_set() and time.perf_counter() - started >= LIVE_BEFORE_IMPORT_S:
                go.set()
            if done.is_set():
                break
            wait, error, _ = _timed(
                submit_idea, store, slug, f"En direct {sent}", client_token=f"live-{sent}"
            )
            (during if go.is_set() else before).append(wait)
            sent += 1
            if error:
                errors.append(error)
            time.sleep(rng.uniform(*LIVE_PACE_S))
    results.put({"before": before, "during": during, "errors": errors, "sent": sent})


def _waits(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {"p50": at(0.5), "p95": at(0.95), "max": ordered[-1]}


def setup_round(path: Path) -> tuple[dict, int, list[int], list[str]]:
    from cocreate.ingest import submit_idea
    from cocreate.scoring import copy_rubric_to_workshop, open_round, round_rubric
    from cocreate.store import Store

    with Store(path) as store:
        workshop = store.create_workshop("Charge")
        copy_rubric_to_workshop(store, workshop["id"], CRITERIA_RUBRIC)
        ideas = [
            submit_idea(store, workshop["slug"], f"Cible {n}", source="setup")["id"]
            for n in range(TARGETS)
        ]
        scoring_round = open_round(store, workshop["id"], [("idea", i) for i in ideas])
        criteria = [c.id for c in round_rubric(store, scoring_round["id"]).criteria]
        targets = [t["id"] for t in store.round_targets(scoring_round["id"])]
    return workshop, scoring_round["id"], targets, criteria


def writers_and_raters(folder: Path, args, deferred: bool) -> dict:
    from cocreate.store import Store

    ctx = mp.get_context("forkserver")
    path = folder / "load.db"
    workshop, round_id, targets, criteria = setup_round(path)
    slug = workshop["slug"]
    barrier = ctx.Barrier(args.writers + args.raters)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=writer, args=(path, slug, k, args.ideas, deferred, barrier, results))
        for k in range(args.writers)
    ] + [
        ctx.Process(
            target=rater,
            args=(path, workshop["id"], round_id, criteria, targets, deferred, barrier, results),
        )
        for _ in range(args.raters)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    with Store(path) as store:
        ideas = store.count_ideas(store.get_workshop(slug)["id"], source="form")
        scores = len(store.round_scores(round_id))
    resend = ctx.Process(target=resender, args=(path, slug, args.writers, args.ideas, results))
    resend.start()
    resend_errors = results.get(timeout=600)
    resend.join()
    with Store(path) as store:
        after = store.count_ideas(store.get_workshop(slug)["id"], source="form")
    waits = {
        kind: [w for k, ws, _ in outcomes if k == kind for w in ws] for kind in ("writer", "rater")
    }
    errors = {
        kind: [e for k, _, es in outcomes if k == kind for e in es] for kind in ("writer", "rater")
    }
    return {
        "ideas_expected": args.writers * args.ideas,
        "ideas_stored": ideas,
        "ideas_failed": len(errors["writer"]),
        "scores_expected": args.raters * len(targets) * len(criteria),
        "scores_stored": scores,
        "scores_failed": len(errors["rater"]),
        "resend_added": after - ideas,
        "resend_failed": len(resend_errors),
        "errors": dict(Counter(_short(e) for e in errors["writer"] + errors["rater"])),
        "idea_wait": _waits(waits["writer"]),
        "score_wait": _waits(waits["rater"]),
        "all_wait": _waits(waits["writer"] + waits["rater"]),
    }


def _short(error: str) -> str:
    return error.splitlines()[0][:90]


def first_start(folder: Path, args, deferred: bool) -> dict:
    import sqlite3

    ctx = mp.get_context("forkserver")
    path = folder / "new.db"
    barrier = ctx.Barrier(args.openers)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=opener, args=(path, deferred, barrier, results))
        for _ in range(args.openers)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    conn = sqlite3.connect(path)
    try:
        names = Counter(name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations"))
    except sqlite3.Error:
        names = Counter()
    conn.close()
    from cocreate.store import migrations

    expected = [m.name for m in migrations._migrations]
    errors = [e for _, e in outcomes if e]
    return {
        "openers": args.openers,
        "failed": len(errors),
        "errors": dict(Counter(_short(e) for e in errors)),
        "migrations_twice": sum(1 for n in expected if names[n] > 1),
        "migrations_missing": sum(1 for n in expected if names[n] == 0),
        "open_wait": _waits([w for w, _ in outcomes]),
    }


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(0)
    places = ["rue Nationale", "le quai", "la gare", "le parc", "l'école", "le marché"]
    things = ["une piste cyclable", "des arceaux", "des bancs", "un arbre", "une fontaine"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "texte", "auteur"])
        for n in range(rows):
            # one row in 50 repeats an earlier text: exact duplicates across the whole file
            source = rng.randrange(n) if n and n % 50 == 0 else n
            text = f"Proposition {source} : {things[source % 5]} près de {places[source % 6]}"
            out.writerow([f"r{n}", text, f"Habitant {n % 997}"])


def import_during_live_writes(folder: Path, args, deferred: bool) -> dict:
    from cocreate.ingest import import_file
    from cocreate.store import Store

    ctx = mp.get_context("forkserver")
    path = folder / "import.db"
    csv_path = folder / "big.csv"
    write_csv(csv_path, args.rows)
    with Store(path) as store:
        slug = store.create_workshop("Import")["slug"]
    go, done, results = ctx.Event(), ctx.Event(), ctx.Queue()
    imp = ctx.Process(target=importer, args=(path, slug, csv_path, deferred, go, done, results))
    live = ctx.Process(target=live_writer, args=(path, slug, deferred, go, done, results))
    imp.start()
    live.start()
    first, second = results.get(timeout=900), results.get(timeout=900)
    imp.join()
    live.join()
    report, live_result = (first, second) if "seconds" in first else (second, first)
    with Store(path) as store:
        workshop_id = store.get_workshop(slug)["id"]
        live_stored = store.count_ideas(workshop_id, source="form")
        imported = store.count_ideas(workshop_id) - live_stored
        again = import_file(store, slug, csv_path) if report.get("error") is None else None
    return {
        "rows": args.rows,
        "import_seconds": report["seconds"],
        "import_error": report.get("error"),
        "imported": imported,
        "import_added": report.get("added"),
        "import_duplicates": report.get("exact_duplicates"),
        "reimport_added": again.added if again else None,
        "live_sent": live_result["sent"],
        "live_stored": live_stored,
        "live_failed": len(live_result["errors"]),
        "live_errors": dict(Counter(_short(e) for e in live_result["errors"])),
        "live_wait_before": _waits(live_result["before"]),
        "live_wait_during": _waits(live_result["during"]),
    }


def run_mode(mode: str, args) -> dict:
    deferred = mode == "deferred"
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["cocreate.ingest", "cocreate.scoring", "cocreate.store"])
    with tempfile.TemporaryDirectory(prefix=f"cocreate-bench-{mode}-") as tmp:
        folder = Path(tmp)
        load = os.getloadavg()[0]
        start = time.perf_counter()
        figures = {
            "mode": mode,
            "writers_and_raters": writers_and_raters(folder, args, deferred),
            "first_start": first_start(folder, args, deferred),
            "import": import_during_live_writes(folder, args, deferred),
        }
        figures["seconds"] = time.perf_counter() - start
        figures["load_before"] = load
        return figures


# ---- the driver ----------------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def code_dir_for(mode: str, baseline: str, scratch: Path) -> tuple[Path, str]:
    """The folder whose ``cocreate/`` a mode runs, and the commit it holds (``baseline`` is
    a commit id, resolved once per run)."""
    if mode == "branch":
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "cocreate"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return ROOT, commit + ("+changes" if dirty else "")
    target = scratch / "baseline"
    if not target.exists():
        target.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", baseline, "cocreate", "templates"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target, baseline[:7]


def spawn_mode(mode: str, code: Path, args) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--run-mode",
        mode,
        "--writers",
        str(args.writers),
        "--raters",
        str(args.raters),
        "--ideas",
        str(args.ideas),
        "--openers",
        str(args.openers),
        "--rows",
        str(args.rows),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=str(code))
    if done.returncode != 0:
        raise SystemExit(f"mode {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ratio(before: float, after: float) -> str:
    if not after:
        return "-" if not before else "inf"
    return f"{before / after:.1f}x"


def print_table(results: dict[str, dict], commits: dict[str, str]) -> None:
    modes = list(results)
    width = 26

    def row(label: str, values: list[str]) -> None:
        print(f"{label:<34}" + "".join(f"{v:>{width}}" for v in values))

    print(f"machine: {os.cpu_count()} cores, shared with other work (compare ratios)")
    row("", [f"{m} ({commits[m]})" for m in modes])
    wr = {m: results[m]["writers_and_raters"] for m in modes}
    fs = {m: results[m]["first_start"] for m in modes}
    im = {m: results[m]["import"] for m in modes}
    print("1. writers and raters at once")
    for key in ("ideas", "scores"):
        row(
            f"  {key} expected/stored/failed",
            [
                f"{wr[m][key + '_expected']}/{wr[m][key + '_stored']}/{wr[m][key + '_failed']}"
                for m in modes
            ],
        )
    row(
        "  re-sent with token: added/failed",
        [f"{wr[m]['resend_added']}/{wr[m]['resend_failed']}" for m in modes],
    )
    for key, label in (("idea_wait", "idea"), ("score_wait", "score"), ("all_wait", "all")):
        row(
            f"  {label} wait p50/p95/max (s)",
            ["{p50:.3f}/{p95:.2f}/{max:.2f}".format(**wr[m][key]) for m in modes],
        )
    print("2. first start, openers at once")
    row(
        "  openings failed",
        [f"{fs[m]['failed']} of {fs[m]['openers']}" for m in modes],
    )
    row(
        "  migrations twice/missing",
        [f"{fs[m]['migrations_twice']}/{fs[m]['migrations_missing']}" for m in modes],
    )
    row("  open wait max (s)", [f"{fs[m]['open_wait']['max']:.2f}" for m in modes])
    print("3. import during live writes")
    row(
        "  rows, import seconds", [f"{im[m]['rows']}, {im[m]['import_seconds']:.1f}" for m in modes]
    )
    row(
        "  imported / added by re-import",
        [f"{im[m]['imported']}/{im[m]['reimport_added']}" for m in modes],
    )
    row(
        "  live sent/stored/failed",
        [f"{im[m]['live_sent']}/{im[m]['live_stored']}/{im[m]['live_failed']}" for m in modes],
    )
    for key, label in (("live_wait_before", "before import"), ("live_wait_during", "during")):
        row(
            f"  live wait {label} p50/p95/max",
            ["{p50:.3f}/{p95:.2f}/{max:.2f}".format(**im[m][key]) for m in modes],
        )
    for m in modes:
        if im[m]["import_error"]:
            print(f"  [{m}] import: {_short(im[m]['import_error'])}")
        for name, errors in (
            ("writers/raters", wr[m]["errors"]),
            ("first start", fs[m]["errors"]),
            ("live", im[m]["live_errors"]),
        ):
            for message, count in errors.items():
                print(f"  [{m}] {name}: {count} x {message}")
    if "branch" in results:
        print("ratios (mode / branch; higher = branch better)")
        for m in modes:
            if m == "branch":
                continue
            b = "branch"
            row(
                f"  {m}: write wait max, p95",
                [
                    f"{ratio(wr[m]['all_wait']['max'], wr[b]['all_wait']['max'])},"
                    f" {ratio(wr[m]['all_wait']['p95'], wr[b]['all_wait']['p95'])}"
                ],
            )
            row(
                f"  {m}: live wait during import max",
                [ratio(im[m]["live_wait_during"]["max"], im[b]["live_wait_during"]["max"])],
            )
            row(
                f"  {m}: import duration",
                [ratio(im[m]["import_seconds"], im[b]["import_seconds"])],
            )
        b = im["branch"]
        row(
            "  branch: live wait during / before",
            [ratio(b["live_wait_during"]["max"], b["live_wait_before"]["max"]) + " (max)"],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument(
        "--baseline",
        default=None,
        help="git ref of the 'main' mode (default: where this branch left main)",
    )
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--raters", type=int, default=50)
    parser.add_argument("--ideas", type=int, default=20)
    parser.add_argument("--openers", type=int, default=20)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--run-mode", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.writers, args.raters, args.rows = 10, 10, 10_000
    if args.run_mode:
        print(json.dumps(run_mode(args.run_mode, args)))
        return
    baseline = git("rev-parse", args.baseline or git("merge-base", "HEAD", "main"))
    results, commits = {}, {}
    with tempfile.TemporaryDirectory(prefix="cocreate-bench-code-") as scratch:
        for mode in args.modes.split(","):
            code, commits[mode] = code_dir_for(
                "branch" if mode == "branch" else "main", baseline, Path(scratch)
            )
            print(f"running {mode} ({commits[mode]})...", file=sys.stderr, flush=True)
            results[mode] = spawn_mode(mode, code, args)
    if args.json:
        print(json.dumps({"commits": commits, "results": results}))
    else:
        print_table(results, commits)


if __name__ == "__main__":
    main()
