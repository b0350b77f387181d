"""DVF signals on real participation data, shown the way cocreate would show them.

- Make.org "Le monde d'après" (18,690 proposals): adhesion (share of "pour" votes) as a
  citizen desirability signal: distribution, top proposals with ties, and how it differs from
  the imported ``votes`` column (the number of votes, not agreement).
- Helsinki OmaStadi (4,403 proposals): the city's screening (accepted / rejected) is a real
  feasibility outcome. The only per-proposal citizen signal in the file is the number of
  comments, imported as the ideas' ``votes``: does citizen support predict acceptance?
  Mean support of accepted vs rejected proposals, acceptance by support quartile, AUC.

Both files go through ``cocreate.ingest.import_file`` into a temporary store; the figures come
from ``cocreate.scoring`` (``summarise``, ``rank_targets``, ``citizen_support``).

    python bench/dvf_real_data.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from cocreate.ingest import import_file
from cocreate.scoring.statistics import rank_targets, summarise
from cocreate.scoring.tally import citizen_support
from cocreate.store import Store

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
MAKEORG = DATA_DIR / "makeorg-mondedapres" / "mondedapres_2020_05_28.csv"
HELSINKI = DATA_DIR / "helsinki-omastadi" / "pro_merged.csv"
# below this many votes an adhesion rate says little (Make.org shows every proposal >= 10 times)
MIN_VOTES = 100
TOP = 10


def show_summary(name: str, values: list[float], *, percent: bool = False) -> None:
    scale, unit = (100, "%") if percent else (1, "")
    s = summarise(values)
    spread = "-" if s.std is None else f"{s.std * scale:.2f}{unit}"
    print(
        f"  {name:<42} n={s.n:>6}  mean={s.mean * scale:6.2f}{unit}"
        f"  median={s.median * scale:6.2f}{unit}  IQR=[{s.q1 * scale:.2f}, {s.q3 * scale:.2f}]"
        f"  std={spread}"
    )


def short(text: str, limit: int = 88) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def histogram(values: list[float], bins: int = 10, width: int = 50) -> None:
    counts = Counter(min(int(v * bins), bins - 1) for v in values)
    peak = max(counts.values())
    for b in range(bins):
        n = counts.get(b, 0)
        bar = "#" * round(width * n / peak)
        print(f"  {b / bins:4.0%}-{(b + 1) / bins:4.0%} {n:>6} {bar}")


def imported(store: Store, title: str, path: Path, language: str, **options) -> list[dict]:
    workshop = store.create_workshop(title, language=language)
    started = time.perf_counter()
    report = import_file(store, workshop["id"], path, **options)
    seconds = time.perf_counter() - started
    print(
        f"  import: {report.added} ideas added, {report.rejected} rejected,"
        f" format {report.format_name}, mapping {report.mapping} ({seconds:.1f} s)"
    )
    ideas = store.list_ideas(workshop["id"])
    for idea in ideas:
        idea["original"] = json.loads(idea["original"])
    return ideas


def makeorg(store: Store) -> None:
    print("== Make.org 'Le monde d'après' (2020): adhesion as citizen desirability")
    ideas = imported(store, "Le monde d'après", MAKEORG, "fr")
    adhesion = {i["id"]: float(i["original"]["adhesion"]) for i in ideas}
    votes = {i["id"]: i["votes"] for i in ideas}
    well_voted = [i for i in ideas if votes[i["id"]] >= MIN_VOTES]
    print("\n  distribution of adhesion (share of 'pour' votes, 0-100 %):")
    show_summary("all proposals", list(adhesion.values()), percent=True)
    show_summary(
        f"proposals with >= {MIN_VOTES} votes",
        [adhesion[i["id"]] for i in well_voted],
        percent=True,
    )
    show_summary("votes per proposal", list(votes.values()))
    print()
    histogram(list(adhesion.values()))

    ranking = rank_targets({i["id"]: adhesion[i["id"]] for i in well_voted})
    texts = {i["id"]: i["text"] for i in ideas}
    print(f"\n  top {TOP} by adhesion among proposals with >= {MIN_VOTES} votes ('=' marks a tie):")
    for row in ranking[:TOP]:
        marker = "=" if row.tied else " "
        print(
            f"  {row.rank:>4}{marker} {row.score:6.1%} {votes[row.target]:>5} votes"
            f"  {short(texts[row.target])}"
        )
    tied = sum(r.tied for r in ranking)
    groups = len({r.rank for r in ranking if r.tied})
    print(f"  ties: {tied} proposals share {groups} ranks out of {len(ranking)}")
    print("\n  bottom 3 (most rejected):")
    for row in ranking[-3:]:
        print(
            f"  {row.rank:>4}  {row.score:6.1%} {votes[row.target]:>5} votes"
            f"  {short(texts[row.target])}"
        )

    # the imported `votes` column is how many people voted, not how many agreed
    agree = {i: round(adhesion[i] * votes[i]) for i in votes}
    by_count = citizen_support({i: [v] for i, v in votes.items()})
    by_agree = citizen_support({i: [a] for i, a in agree.items()})
    ids = list(votes)

    def rho(first: dict, second: dict) -> float:
        return spearmanr([first[i] for i in ids], [second[i] for i in ids]).statistic

    count_pct = {i: by_count[i].percentile for i in ids}
    agree_pct = {i: by_agree[i].percentile for i in ids}
    print(
        "\n  citizen support signals, Spearman correlation:"
        f"\n    adhesion vs number of votes     {rho(adhesion, votes):.2f}"
        f"\n    adhesion vs number of 'pour'     {rho(adhesion, agree):.2f}"
        f"\n    votes vs 'pour' (percentiles)    {rho(count_pct, agree_pct):.2f}"
    )
    print(
        "  -> a count (votes or 'pour') ranks proposals by how often they were shown and voted"
        "\n     on (Make.org shows popular proposals more); adhesion is the share who agree. For"
        "\n     this source the desirability signal to show is adhesion, beside the vote count."
    )


def helsinki(store: Store) -> None:
    print("\n== Helsinki OmaStadi (rounds 1-3): city screening as a feasibility outcome")
    ideas = imported(
        store,
        "OmaStadi",
        HELSINKI,
        "fi",
        mapping={"title": "title", "text": "texts", "votes": "total_comments_count"},
    )
    # pro_merged.csv repeats a proposal once per linked plan: keep one row per (round, id)
    proposals: dict[tuple[str, str], dict] = {}
    for idea in ideas:
        key = (str(idea["original"]["round"]), str(idea["original"]["id"]))
        proposals.setdefault(key, idea)
    states = Counter(p["original"]["state"] for p in proposals.values())
    print(f"  {len(proposals)} unique proposals (rows {len(ideas)}): {dict(states)}")
    screened = {
        k: p for k, p in proposals.items() if p["original"]["state"] in ("accepted", "rejected")
    }
    support = citizen_support({k: [p["votes"]] for k, p in screened.items()})
    accepted = {k: p["original"]["state"] == "accepted" for k, p in screened.items()}
    comments = {k: support[k].votes or 0 for k in screened}

    print("\n  citizen support (comments per proposal) by screening outcome:")
    for label, flag in (("accepted (feasible)", True), ("rejected (not feasible)", False)):
        show_summary(f"{label}, comments", [comments[k] for k in screened if accepted[k] == flag])
    for label, flag in (("accepted (feasible)", True), ("rejected (not feasible)", False)):
        show_summary(
            f"{label}, support percentile",
            [support[k].percentile for k in screened if accepted[k] == flag],
        )

    keys = list(screened)
    auc = roc_auc_score([accepted[k] for k in keys], [comments[k] for k in keys])
    print(f"\n  AUC of citizen support for 'accepted': {auc:.3f} (0.5 = no relation)")
    for round_number in sorted({k[0] for k in keys}):
        subset = [k for k in keys if k[0] == round_number]
        outcome = [accepted[k] for k in subset]
        value = roc_auc_score(outcome, [comments[k] for k in subset])
        share = sum(outcome) / len(outcome)
        print(
            f"    round {round_number}: n={len(subset):>5}, accepted {share:.0%}, AUC {value:.3f}"
        )

    print("\n  acceptance rate by citizen support (D x F view):")
    levels = [
        (0, 0, "no comment"),
        (1, 1, "1 comment"),
        (2, 3, "2-3"),
        (4, 9, "4-9"),
        (10, None, "10+"),
    ]
    for low, high, label in levels:
        subset = [k for k in keys if comments[k] >= low and (high is None or comments[k] <= high)]
        rate = sum(accepted[k] for k in subset) / len(subset)
        percentile = summarise([support[k].percentile for k in subset]).mean
        print(
            f"    {label:<11} n={len(subset):>5}  support percentile {percentile:.2f}"
            f"  accepted {rate:.0%}"
        )

    # among feasible proposals, did support predict the public vote?
    feasible = [k for k in keys if accepted[k]]
    won = [screened[k]["original"]["selected"] == "Selected" for k in feasible]
    vote_auc = roc_auc_score(won, [comments[k] for k in feasible])
    print(
        f"\n  among accepted proposals, {sum(won)} of {len(won)} won the public vote;"
        f" AUC of citizen support for winning: {vote_auc:.3f}"
    )
    top = rank_targets({k: float(comments[k]) for k in feasible})[:5]
    print("  most-discussed accepted proposals ('=' marks a tie):")
    for row in top:
        p = screened[row.target]
        outcome = "won the vote" if p["original"]["selected"] == "Selected" else "not selected"
        print(
            f"  {row.rank:>4}{'=' if row.tied else ' '} {int(row.score):>3} comments"
            f"  round {row.target[0]}  {outcome:<12}  {p['title'][:60]}"
        )
    print(
        "  caveat: comments accumulate after screening too, so part of this relation may run"
        " from acceptance to discussion, not the other way."
    )


def main() -> int:
    if not DATA_DIR.is_dir():
        print(f"real datasets not found at {DATA_DIR}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        makeorg(store)
        helsinki(store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
