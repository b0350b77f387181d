"""Every built-in indicator on a synthetic facts frame of 100,000 ideas (dates over two years,
three channels, 20,000 authors and anonymous ideas, neighbourhoods and ages in the imported
rows, the lifecycle, costs), in French, with both population files: the time to prepare the
frame once, then to compute them all, against a baseline measured in the same run (one
``groupby().size()`` on the same frame).

    .venv/bin/python bench/indicators.py [--ideas 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from cocreate.indicators import compute_all, load_indicators, prepare_facts

STATUSES = ["received", "under_review", "shortlisted", "decided", "in_progress", "done"]
OUTCOMES = [None, "accepted", "partly_accepted", "not_retained", "merged", "out_of_scope"]


def synthetic_facts(ideas: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01")
    created = start + rng.integers(0, 730, ideas).astype("timedelta64[D]")
    answered = created + rng.integers(1, 200, ideas).astype("timedelta64[D]")
    has_answer = rng.random(ideas) < 0.6
    status = rng.choice(STATUSES, ideas)
    decided = np.isin(status, ["decided", "in_progress", "done"])
    outcome = np.where(decided, rng.choice(OUTCOMES[1:], ideas), None)
    authors = np.array([f"person {i}" for i in range(20_000)] + [None] * 5_000, dtype=object)
    districts = [f"Quartier {i}" for i in range(20)]
    originals = [
        {"Texte": "idée", "Quartier": districts[d], "Âge": int(a)} if d >= 0 else {"Texte": "x"}
        for d, a in zip(rng.integers(-2, 20, ideas), rng.integers(12, 90, ideas), strict=True)
    ]
    return pd.DataFrame(
        {
            "idea_id": np.arange(1, ideas + 1),
            "workshop_id": 1,
            "created": pd.Series(created).dt.strftime("%Y-%m-%d"),
            "source": "bench",
            "channel": rng.choice(["workshop", "platform", "paper"], ideas),
            "author": rng.choice(authors, ideas),
            "language": "fr",
            "status": status,
            "outcome": outcome,
            "decided_at": None,
            "answered_at": pd.Series(answered).dt.strftime("%Y-%m-%d").where(has_answer),
            "cost": np.where(decided, rng.integers(1_000, 500_000, ideas), np.nan),
            "department": rng.choice(["Voirie", "Parcs", "Écoles", None], ideas),
            "cluster_id": rng.integers(1, 200, ideas),
            "original": originals,
        }
    )


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    facts = synthetic_facts(options.ideas)
    indicators = load_indicators()
    populations = {
        "neighbourhood": {f"Quartier {i}": 10_000 + 500 * i for i in range(20)},
        "age_band": {"under 18": 20, "18-24": 10, "25-34": 15, "35-49": 20, "50-64": 18},
    }
    prepared = prepare_facts(facts)
    baseline = timed(lambda: prepared.groupby("channel").size(), options.repeat)
    prepare = timed(lambda: prepare_facts(facts), options.repeat)
    compute = timed(lambda: compute_all(indicators, prepared, "fr", populations), options.repeat)
    whole = timed(lambda: compute_all(indicators, facts, "fr", populations), options.repeat)
    results = compute_all(indicators, prepared, "fr", populations)
    unavailable = [r.indicator.key for r in results if not r.available]
    print(
        f"{options.ideas:,} ideas, {len(indicators)} built-in indicators (median of "
        f"{options.repeat})"
    )
    print(f"baseline groupby().size():    {baseline * 1000:8.1f} ms")
    print(f"prepare the frame once:       {prepare * 1000:8.1f} ms")
    print(
        f"all indicators, prepared:     {compute * 1000:8.1f} ms  "
        f"({compute / len(indicators) * 1000:.1f} ms each, {compute / baseline:.0f}x baseline)"
    )
    print(f"all indicators from raw facts:{whole * 1000:8.1f} ms")
    print(f"not available: {unavailable or 'none'}")


if __name__ == "__main__":
    main()
