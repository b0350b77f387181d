"""How fast the app answers a facilitator and a room, at 5,000 ideas.

1. **Page rerun time** of the main pages (Workshop, Ideas, Clusters, Scoring, Results,
   Stakeholders, presenter view) on a workshop of 5,000 real French proposals (the first
   5,000 of Make.org "Le monde d'après"), clustered, with a scoring round of 20 raters and
   the city-project stakeholder map. Each page is run by Streamlit's AppTest (the real
   script, in process); the first run fills the caches, then the median of ``--reruns``
   reruns is reported. Compiled scripts are kept between reruns as the served app keeps
   them (AppTest would recompile each page on every run). Baseline measured in the same
   run: the Join page, which reads almost nothing. Goal: <= 300 ms median per page.
2. **Submit-to-screen delay**: the real app served by Streamlit, the presenter view open in
   chromium, a participant's phone (a second browser context) sends an idea through the
   participate page; the delay is from the click to the idea's text on the projected
   screen. Goal: <= 2 s. Baseline: the presenter view's refresh period (0.5 s), the worst
   case of polling alone.

3. **The Clusters page on the whole Make.org set** (18,690 proposals, issue 20): its open
   time (first run: the wall read from the store, the model loaded) and rerun time at both
   wall levels, against the Join page in the same run:
   ``python bench/app.py --ideas 18690 --pages clusters --delays 0``.

    python bench/app.py [--reruns 15] [--ideas 5000] [--delays 5] [--pages NAME ...] [--json]

``--pages`` keeps the named pages (the Join baseline is always measured); the data folder is
``../shared/data`` beside the checkout, or ``$COCREATE_DATA_DIR``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cocreate.server import CHROMIUM, chromium_launch_options

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("COCREATE_DATA_DIR") or ROOT.parent / "shared" / "data")
MAKEORG = DATA_DIR / "makeorg-mondedapres" / "mondedapres_2020_05_28.csv"
APP = ROOT / "app.py"
PAGES = {
    "join (baseline)": "cocreate/ui/pages/join.py",
    "workshop": "cocreate/ui/pages/workshop.py",
    "ideas": "cocreate/ui/pages/ideas.py",
    "clusters": "cocreate/ui/pages/clusters.py",
    "clusters (themes)": "cocreate/ui/pages/clusters.py",
    "scoring": "cocreate/ui/pages/scoring.py",
    "results": "cocreate/ui/pages/results.py",
    "stakeholders": "cocreate/ui/pages/stakeholders.py",
    "present": "cocreate/ui/pages/present.py",
}
# session state a page is opened with (the wall's theme level)
PAGE_STATE = {"clusters (themes)": {"clusters_level": "themes"}}
BASELINE = "join (baseline)"
GOAL_MS = 300
GOAL_DELAY_S = 2.0
PRESENTER_REFRESH_S = 0.5


def build_workshop(db_path: Path, n_ideas: int) -> dict:
    """A clustered workshop of real proposals, a scored round and a stakeholder map."""
    from cocreate.clustering import cluster_workshop
    from cocreate.ingest import import_file
    from cocreate.scoring import copy_rubric_to_workshop, open_round, submit_score
    from cocreate.stakeholders import load_starter_map
    from cocreate.store import Store

    sample = db_path.parent / "makeorg-sample.csv"
    with MAKEORG.open(encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        rows = [next(reader) for _ in range(n_ideas + 1)]
    with sample.open("w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows(rows)
    with Store(db_path) as store:
        workshop = store.create_workshop("Le monde d'après", language="fr", slug="bench")
        started = time.perf_counter()
        report = import_file(store, workshop["id"], sample)
        imported = time.perf_counter() - started
        started = time.perf_counter()
        summary = cluster_workshop(store, workshop["id"], seed=0)
        clustered = time.perf_counter() - started
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        clusters = store.active_clusters(workshop["id"])[:8]
        scoring_round = open_round(
            store, workshop["id"], [("cluster", c["id"]) for c in clusters], blind=False
        )
        targets = store.round_targets(scoring_round["id"])
        for rater_number in range(20):
            rater = store.add_rater(workshop["id"])
            for n, target in enumerate(targets):
                for criterion in ("wanted", "doable", "lasting"):
                    value = 1 + (rater_number + n + len(criterion)) % 5
                    submit_score(
                        store, scoring_round["id"], target["id"], rater["id"], criterion, value
                    )
        load_starter_map(store, workshop["id"], "city-project", "fr")
    return {
        "ideas": report.added,
        "clusters": summary.n_clusters,
        "import_s": imported,
        "cluster_s": clustered,
        "model": summary.model_id,
    }


def page_rerun_times(reruns: int, pages: dict[str, str]) -> dict[str, dict]:
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest

    # the served app's runtime keeps one ScriptCache (compiled page scripts) for every
    # rerun; AppTest makes a new one per run, which would add a compile the app never pays
    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared
    figures = {}
    for name, page in pages.items():
        at = AppTest.from_file(str(APP), default_timeout=300)
        at.query_params["w"] = "bench"
        at.run()
        for key, value in PAGE_STATE.get(name, {}).items():
            at.session_state[key] = value
        at.switch_page(page)
        started = time.perf_counter()
        at.run()
        first = time.perf_counter() - started
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].message}")
        times = []
        for _ in range(reruns):
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
        figures[name] = {
            "first_ms": first * 1000,
            "median_ms": statistics.median(times) * 1000,
            "max_ms": max(times) * 1000,
        }
    return figures


def submit_to_screen_delays(db_path: Path, log_path: Path, count: int) -> list[float]:
    from playwright.sync_api import expect, sync_playwright

    from cocreate.server import start_local_server
    from cocreate.store import Store

    with Store(db_path) as store:
        code = store.get_workshop("bench")["join_code"]
    process, url = start_local_server(db_path, log_path.open("w"), app=APP)
    delays = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            screen = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
            screen.goto(f"{url}/present?w=bench")
            expect(screen.get_by_text(code).first).to_be_visible(timeout=120_000)
            phone = browser.new_context(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
            ).new_page()
            phone.goto(f"{url}/?join={code}")
            phone.get_by_role("button", name="Envoyer mon idée").wait_for(timeout=120_000)
            for n in range(count):
                text = f"Idée de mesure numéro {n}: des bancs à l'ombre place {time.time_ns()}"
                phone.get_by_label("Votre idée", exact=False).fill(text)
                started = time.perf_counter()
                phone.get_by_role("button", name="Envoyer mon idée").click()
                screen.get_by_text(text).wait_for(timeout=30_000)
                delays.append(time.perf_counter() - started)
                phone.get_by_text("Merci !").wait_for(timeout=30_000)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=5000)
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--delays", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pages", nargs="+", metavar="NAME", help="e.g. clusters ideas")
    args = parser.parse_args()
    wanted = {
        name: page
        for name, page in PAGES.items()
        if name == BASELINE or not args.pages or name.split(" (")[0] in args.pages
    }
    if not MAKEORG.exists():
        sys.exit(f"Make.org data not found at {MAKEORG} (../shared/data beside the checkout)")
    os.environ["HF_HUB_OFFLINE"] = "1"
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.db"
        os.environ["COCREATE_DB"] = str(db_path)
        os.environ["COCREATE_ACCESS"] = "open"
        built = build_workshop(db_path, args.ideas)
        pages = page_rerun_times(args.reruns, wanted)
        delays = (
            submit_to_screen_delays(db_path, Path(folder) / "streamlit.log", args.delays)
            if CHROMIUM.exists() and args.delays
            else []
        )
    baseline = pages[BASELINE]["median_ms"]
    first_baseline = pages[BASELINE]["first_ms"]
    result = {"workshop": built, "pages": pages, "delays_s": delays}
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"workshop: {built['ideas']} ideas, {built['clusters']} clusters ({built['model']});"
        f" import {built['import_s']:.1f} s, clustering {built['cluster_s']:.1f} s"
    )
    print(f"\npage rerun time, median of {args.reruns} reruns after a first run (goal <= 300 ms)")
    print(
        f"{'page':18} {'first':>9} {'x base':>7} {'median':>9} {'max':>9} {'x baseline':>11}  goal"
    )
    for name, figures in pages.items():
        ok = "ok" if figures["median_ms"] <= GOAL_MS else "MISSED"
        print(
            f"{name:18} {figures['first_ms']:7.0f}ms {figures['first_ms'] / first_baseline:6.1f}x"
            f" {figures['median_ms']:7.0f}ms {figures['max_ms']:7.0f}ms"
            f" {figures['median_ms'] / baseline:10.1f}x  {ok}"
        )
    if delays:
        median = statistics.median(delays)
        print(
            f"\nsubmit on a phone -> text on the presenter view: median {median:.2f} s,"
            f" max {max(delays):.2f} s over {len(delays)} ideas (goal <= {GOAL_DELAY_S} s);"
            f" {median / PRESENTER_REFRESH_S:.2f}x the {PRESENTER_REFRESH_S} s refresh period"
            f" -> {'ok' if max(delays) <= GOAL_DELAY_S else 'MISSED'}"
        )
    elif args.delays:
        print("\nsubmit-to-screen delay skipped: Debian chromium not installed")


if __name__ == "__main__":
    main()
