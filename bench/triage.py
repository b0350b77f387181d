"""How fast the Triage page answers at 100,000 ideas.

Builds a store of ``--ideas`` synthetic French ideas (dates over two years, five sources,
authors, votes), in 60 clusters stored directly (no embedding) of which one holds 5,000
ideas, a third of the backlog assigned to departments, statuses moved on a few thousand.
Then, with Streamlit's AppTest (the real script in process, compiled scripts kept between
reruns as the served app keeps them, as bench/app.py does):

1. **Triage page rerun**: the median of ``--reruns`` reruns of the page unfiltered, then
   filtered by status and sorted by votes, then on the 5,000-idea cluster;
2. **Bulk decision on the 5,000-idea cluster**: the page run that takes the decision (the
   click on "Décider" with the cluster as target, answers in French and English) and draws
   the page again, median of ``--decisions`` decisions (each supersedes the previous);
3. the **baseline** in the same run: the Join page's rerun, which reads almost nothing.

Goal: both under 300 ms at 100k ideas. Prints figures and ratios; not a timed test.

    PYTHONPATH=. python bench/triage.py [--ideas 100000] [--reruns 9] [--decisions 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
TRIAGE_PAGE = "cocreate/ui/pages/triage.py"
JOIN_PAGE = "cocreate/ui/pages/join.py"
GOAL_MS = 300
BIG_CLUSTER = 5_000
CLUSTERS = 60
WORDS = (  # noqa: SIM905 - one line of words reads better than 34 strings
    "piste cyclable parc banc arbre école rue marché bibliothèque jardin fontaine éclairage "
    "trottoir bus tramway parking vélo propreté composteur terrain sport musée place quartier "
    "crèche piscine ombre fraîcheur sécurité bruit jeux enfants seniors culture"
).split()
SOURCES = ("plateforme.csv", "atelier", "papier-formulaire.xlsx", "participants", "enquete.csv")
DEPARTMENTS = ("Voirie", "Parcs et jardins", "Écoles", "Culture", "Propreté")


def build_store(db_path: Path, n_ideas: int) -> dict:
    from cocreate.records import IdeaRecord
    from cocreate.store import Store
    from cocreate.triage import assign, change_status, local_admin

    rng = random.Random(19)
    admin = local_admin("bench")
    started = time.perf_counter()
    with Store(db_path) as store:
        workshop = store.create_workshop("Budget participatif", language="fr", slug="bench")
        wid = workshop["id"]
        records = [
            IdeaRecord(
                text=f"Idée {n} : " + " ".join(rng.choices(WORDS, k=rng.randint(6, 18))),
                source_key=f"bench-{n}",
                author=f"Personne {rng.randint(1, n_ideas // 4)}",
                votes=rng.randint(0, 300),
                created=f"202{rng.randint(4, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                language="fr",
                original={"texte": n, "quartier": f"Quartier {rng.randint(1, 20)}"},
            )
            for n in range(n_ideas)
        ]
        ids: list[int] = []
        per_source = -(-n_ideas // len(SOURCES))
        for number, source in enumerate(SOURCES):
            part = records[number * per_source : (number + 1) * per_source]
            ids += store.add_ideas(wid, part, source=source).idea_ids
        imported = time.perf_counter() - started
        started = time.perf_counter()
        rng.shuffle(ids)
        big, rest = ids[:BIG_CLUSTER], ids[BIG_CLUSTER:]
        sizes = [big] + [rest[i :: CLUSTERS - 1] for i in range(CLUSTERS - 1)]
        cluster_ids = []
        for number, members in enumerate(sizes):
            cluster_id = store.create_cluster(
                wid,
                label=f"Thème {number}: {WORDS[number % len(WORDS)]}",
                keywords=[WORDS[number % len(WORDS)]],
                centroid=[0.0, 1.0],
                pinned=False,
            )
            store.add_assignments(
                [{"idea_id": i, "cluster": cluster_id, "similarity": 0.9} for i in members]
            )
            cluster_ids.append(cluster_id)
        for number, cluster_id in enumerate(cluster_ids[1:21]):
            assign(
                store,
                admin,
                wid,
                cluster_id=cluster_id,
                department=DEPARTMENTS[number % len(DEPARTMENTS)],
            )
        change_status(store, admin, wid, "under_review", cluster_id=cluster_ids[0])
        change_status(store, admin, wid, "under_review", idea_ids=rest[:3000])
        prepared = time.perf_counter() - started
    return {
        "ideas": len(ids),
        "big_cluster": cluster_ids[0],
        "import_s": imported,
        "prepare_s": prepared,
    }


def timed_runs(at, count: int, before=None) -> list[float]:
    times = []
    for _ in range(count):
        if before:
            before(at)
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return times


def opened(page: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=600)
    at.query_params["w"] = "bench"
    at.session_state["triage_staff_name"] = "bench"
    at.run()
    at.switch_page(page)
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return at


def measure(reruns: int, decisions: int, big_cluster: int) -> dict[str, list[float]]:
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    # the served app keeps one ScriptCache for every rerun; AppTest would make one per run
    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared
    figures: dict[str, list[float]] = {}
    figures["join page rerun (baseline)"] = timed_runs(opened(JOIN_PAGE), reruns)
    at = opened(TRIAGE_PAGE)
    figures["triage rerun, unfiltered"] = timed_runs(at, reruns)
    at.multiselect(key="tf_status").set_value(["under_review"])
    at.selectbox(key="tf_sort").set_value("votes")
    at.run()
    figures["triage rerun, status filter, by votes"] = timed_runs(at, reruns)
    at.multiselect(key="tf_status").set_value([])
    at.selectbox(key="tf_sort").set_value("date")
    at.selectbox(key="tf_cluster").set_value(big_cluster)
    at.run()
    figures["triage rerun, 5,000-idea cluster"] = timed_runs(at, reruns)
    at.radio(key="triage_target").set_value("cluster").run()
    at.selectbox(key="triage_target_cluster").set_value(big_cluster).run()
    outcomes = ["accepted", "partly_accepted"]
    count = iter(range(decisions))

    def click_decide(app) -> None:
        number = next(count)
        app.selectbox(key="td_outcome").set_value(outcomes[number % 2])
        app.text_area(key="td_answer_fr").input(f"Réponse {number} pour tout le thème.")
        app.text_area(key="td_answer_en").input(f"Answer {number} for the whole theme.")
        [button] = [b for b in app.button if b.label == "Décider"]
        button.click()

    figures["bulk decision, 5,000-idea cluster (click to page drawn)"] = timed_runs(
        at, decisions, click_decide
    )
    if not any("Décision" in s.value for s in at.success):
        raise RuntimeError("the decision was not taken: " + str([e.value for e in at.error]))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--reruns", type=int, default=9)
    parser.add_argument("--decisions", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.db"
        os.environ["COCREATE_DB"] = str(db_path)
        os.environ["COCREATE_ACCESS"] = "open"
        built = build_store(db_path, args.ideas)
        figures = measure(args.reruns, args.decisions, built["big_cluster"])
        with __import__("cocreate.store", fromlist=["Store"]).Store(db_path) as store:
            reached = len(store.fanout_idea_ids(built["big_cluster"]))
    print(
        f"store: {built['ideas']:,} ideas, {CLUSTERS} clusters (one of {BIG_CLUSTER:,});"
        f" import {built['import_s']:.1f} s, clusters/assignments/statuses"
        f" {built['prepare_s']:.1f} s; the decision reaches {reached:,} ideas"
    )
    baseline = statistics.median(figures["join page rerun (baseline)"]) * 1000
    print(f"\n{'measure':58} {'median':>8} {'max':>8} {'x baseline':>11}  goal {GOAL_MS} ms")
    for name, times in figures.items():
        median, worst = statistics.median(times) * 1000, max(times) * 1000
        ok = "" if "baseline" in name else ("ok" if median <= GOAL_MS else "MISSED")
        print(f"{name:58} {median:6.0f}ms {worst:6.0f}ms {median / baseline:10.1f}x  {ok}")


if __name__ == "__main__":
    main()
