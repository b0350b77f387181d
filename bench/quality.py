"""How well the default clustering finds the human groups of the labelled French sets.

For each set of ``bench/labelled_sets.py``: embed with the default French model, cluster
with the default ``IdeaClusterer`` and score against the human labels (NMI, ARI, share of ideas left
without a group; also AMI, which unlike NMI does not grow with the number of groups by chance,
and the share of ideas on cards of one or two). Baselines run on the same vectors in the same run:

- majority: every idea in one group (NMI and ARI 0 by construction; computed, not assumed);
- kmeans_true_k: scikit-learn k-means told the true number of groups (normalised vectors,
  ``n_init=10``), an upper-bound-ish reference our automatic k does not get;
- bertopic: BERTopic's default pipeline (UMAP -> HDBSCAN) on the precomputed vectors; its
  outliers (topic -1) count as unassigned and, for NMI/ARI, as one more group. UMAP gets a
  ``random_state`` (otherwise BERTopic's defaults) so the figures repeat from run to run.

A second row per set clusters MiniLM vectors the same way (model comparison, no baselines).
Vectors are cached in ``bench/.cache/embeddings.db``: reruns only cluster.

    python bench/quality.py            # every set
    python bench/quality.py --quick    # four sets
    python bench/quality.py --json     # one JSON object per set per line
    python bench/quality.py --seeds 3  # mean over seeds 0, 1, 2
    python bench/quality.py --sweep    # also every granularity of SWEEP, against the baselines
    python bench/quality.py --held-out # sets left out of every choice (labelled_sets.py)
    python bench/quality.py --reach    # on each missed set, which numbers of groups reach the goal
    python bench/quality.py --themes   # issue 20: theme tree, names, secondary themes (themes.py)
    python bench/quality.py --themes-reach  # issue 20: theme counts that would meet the goal

``--held-out`` runs the same table on ``labelled_sets.held_out_sets()``, which no setting was
chosen on (the first model row stays USE; MiniLM, the English default, is the second row).

``--sweep`` asks whether a missed goal is a matter of the setting: it clusters every set at
each granularity of ``SWEEP`` (resolution 1.8 to 12, i.e. a few to many groups) and says, per
set, which ones reach the best baseline on NMI, on ARI, and on both.

``--reach`` asks the same of the number of groups, on each set of at most ``REACH_MAX_IDEAS``
ideas where the default misses the goal: k-means (as the baseline, mean over the seeds) and
Ward's agglomerative clustering (deterministic) at every k from 2 to ``3 sqrt(n)``. It lists
the k that reach the best baseline on both NMI and ARI, and names the sets where only k-means
at the true k itself does: sets where neither method meets the goal at any number of groups
but the coders' own.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

# before transformers loads: no weight-loading progress bars in the figures
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import labelled_sets  # bench/, beside this script (sys.path[0] when run)
import numpy as np  # noqa: E402
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import (
    adjusted_mutual_info_score,
    adjusted_rand_score,
    normalized_mutual_info_score,
)

from cocreate.clustering import (
    DEFAULT_MODEL_BY_LANGUAGE,
    IdeaClusterer,
    embed_texts,
    normalise_rows,
    resolve_embedder,
)
from cocreate.store import Store

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DB = BENCH_DIR / ".cache" / "embeddings.db"
QUICK_SETS = ("actons", "paris-bp-descriptions", "nnv-q18", "granddebat-q11")
SECONDARY_MODEL = "minilm"
BASELINES = ("majority", "kmeans_true_k", "bertopic")
UMAP_SEED = 42
# granularities tried by --sweep (the default is 1.0)
SWEEP = (0.6, 0.8, 1.0, 1.2, 1.6, 2.0, 2.4, 3.2, 4.0)
# --reach: sets up to this size (Ward's clustering is quadratic in memory)
REACH_MAX_IDEAS = 1000
# --reach: numbers of groups tried, 2 to this many times sqrt(n)
REACH_K_PER_SQRT_N = 3.0
SHORT_NAMES = {"use-multilingual-v3": "use", "sentence-transformers/all-MiniLM-L6-v2": "minilm"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def scores(truth, found) -> dict[str, float]:
    found = np.asarray(found)
    assigned = found[found != -1]
    sizes = np.unique(assigned, return_counts=True)[1]
    return {
        "nmi": float(normalized_mutual_info_score(truth, found)),
        "ari": float(adjusted_rand_score(truth, found)),
        # NMI grows with the number of groups even by chance (many tiny groups score well on
        # a small set); AMI corrects for chance, as ARI does
        "ami": float(adjusted_mutual_info_score(truth, found)),
        "unassigned": float(np.mean(found == -1)),
        # ideas on cards of one or two (what a wall shows as crumbs)
        "in_small_groups": float(sizes[sizes < 3].sum() / len(found)) if len(found) else 0.0,
        "k_found": int(len(set(found.tolist()) - {-1})),
    }


def mean_scores(runs: list[dict]) -> dict:
    """Mean of each figure over seeds (k_found too), with the NMI spread when there are several."""
    merged = {key: float(np.mean([r[key] for r in runs])) for key in runs[0]}
    merged["k_found"] = round(merged["k_found"], 1) if len(runs) > 1 else int(merged["k_found"])
    if len(runs) > 1:
        merged["nmi_std"] = float(np.std([r["nmi"] for r in runs]))
    return merged


def ours(X, truth, seeds, granularity: float = 1.0) -> dict:
    return mean_scores(
        [
            scores(truth, IdeaClusterer(granularity=granularity, random_state=s).fit(X).labels_)
            for s in seeds
        ]
    )


def best_baseline(result: dict, metric: str) -> float:
    """The best figure any baseline reached on this set (the goal to meet)."""
    return max(b[metric] for b in result["baselines"].values())


def sweep(X, truth, seeds, result: dict) -> list[dict]:
    """The default clusterer at each granularity of SWEEP, marked where it reaches the best
    baseline of ``result`` on NMI and on ARI."""
    rows = []
    for granularity in SWEEP:
        found = ours(X, truth, seeds, granularity)
        rows.append(
            {
                "granularity": granularity,
                "k_found": found["k_found"],
                "nmi": found["nmi"],
                "ari": found["ari"],
                "meets_nmi": meets(found, result, "nmi"),
                "meets_ari": meets(found, result, "ari"),
            }
        )
    return rows


def meets(found: dict, result: dict, metric: str) -> bool:
    """Whether ``found`` reaches the best baseline of ``result`` on ``metric``."""
    return found[metric] >= best_baseline(result, metric) - 1e-12


def meets_both(found: dict, result: dict) -> bool:
    return meets(found, result, "nmi") and meets(found, result, "ari")


def missed_goal(result: dict) -> bool:
    return not meets_both(result, result)


def reach(X, truth, seeds, result: dict) -> dict:
    """The numbers of groups at which k-means (mean over ``seeds``) and Ward's clustering reach
    the best baseline of ``result`` on both NMI and ARI, k from 2 to ``3 sqrt(n)``."""
    unit = normalise_rows(X)
    top = min(len(truth) - 1, round(REACH_K_PER_SQRT_N * np.sqrt(len(truth))))
    kmeans_k, ward_k = [], []
    for k in range(2, top + 1):
        if meets_both(kmeans_at(unit, k, truth, seeds), result):
            kmeans_k.append(k)
        ward = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(unit)
        if meets_both(scores(truth, ward), result):
            ward_k.append(k)
    return {"k_max": top, "kmeans": kmeans_k, "ward": ward_k}


def reach_lines(results: list[dict]) -> list[str]:
    """Per missed set, the numbers of groups that reach the goal (--reach)."""
    tried = [r for r in results if "reach" in r]
    lines = [
        "",
        "Numbers of groups that reach the best baseline on both NMI and ARI, on the sets the "
        f"default misses (up to {REACH_MAX_IDEAS} ideas; k-means mean over the seeds, Ward):",
    ]
    only_told, none = [], []
    for r in tried:
        found = r["reach"]
        others = [k for k in found["kmeans"] if k != r["k_true"]] + found["ward"]
        if not others:
            (only_told if r["k_true"] in found["kmeans"] else none).append(r["dataset"])
        lines.append(
            f"  {r['dataset']:<22} true k {r['k_true']:>3}, tried 2-{found['k_max']}:"
            f" k-means {found['kmeans'] or 'none'}; Ward {found['ward'] or 'none'}"
        )
    lines.append(
        f"  Sets where only k-means told the true k reaches it: {', '.join(only_told) or 'none'}"
    )
    if none:
        lines.append(f"  Sets where no k tried reaches it: {', '.join(none)}")
    skipped = [r["dataset"] for r in results if missed_goal(r) and "reach" not in r]
    if skipped:
        lines.append(f"  Missed but over {REACH_MAX_IDEAS} ideas (not tried): {', '.join(skipped)}")
    return lines


def majority(truth) -> dict:
    return scores(truth, np.zeros(len(truth), dtype=int))


def kmeans_at(unit, k: int, truth, seeds) -> dict:
    """k-means with ``k`` groups on unit vectors (``n_init=10``), scores mean over ``seeds``."""
    return mean_scores(
        [
            scores(truth, KMeans(n_clusters=k, random_state=s, n_init=10).fit_predict(unit))
            for s in seeds
        ]
    )


def kmeans_true_k(X, truth, seeds) -> dict:
    return kmeans_at(normalise_rows(X), len(set(truth)), truth, seeds)


def bertopic_available() -> str | None:
    """None when BERTopic imports, else why not."""
    try:
        import bertopic  # noqa: F401
        import umap  # noqa: F401
    except ImportError as error:
        return f"{error} (pip install -e '.[bench]')"
    return None


def bertopic_labels(docs, X, seed: int) -> np.ndarray:
    """BERTopic defaults on precomputed vectors; only UMAP's random_state is added."""
    from bertopic import BERTopic
    from umap import UMAP

    reducer = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    model = BERTopic(embedding_model=None, umap_model=reducer)
    topics, _ = model.fit_transform(list(docs), embeddings=np.asarray(X, dtype=np.float32))
    return np.asarray(topics)


def bertopic(docs, X, truth, seeds) -> dict:
    runs = []
    for s in seeds:
        topics = bertopic_labels(docs, X, UMAP_SEED + s)
        run = scores(truth, topics)
        kept = topics != -1
        # for reference: agreement on the ideas BERTopic did place
        run["nmi_assigned_only"] = (
            float(normalized_mutual_info_score(np.asarray(truth)[kept], topics[kept]))
            if kept.sum() > 1
            else 0.0
        )
        runs.append(run)
    return mean_scores(runs)


def evaluate(
    name, texts, truth, embedders, store, seeds, with_bertopic, with_sweep, with_reach=False
) -> dict:
    started = time.perf_counter()
    default, *others = embedders
    X, stats = embed_texts(texts, default, store=store)
    result = {
        "dataset": name,
        "n": len(texts),
        "k_true": len(set(truth)),
        "model": default.model_id,
        **ours(X, truth, seeds),
        "seeds": list(seeds),
        "embedded_now": stats.computed,
    }
    result["baselines"] = {
        "majority": majority(truth),
        "kmeans_true_k": kmeans_true_k(X, truth, seeds),
    }
    if with_bertopic:
        result["baselines"]["bertopic"] = bertopic(texts, X, truth, seeds)
    if with_sweep:
        result["sweep"] = sweep(X, truth, seeds, result)
    if with_reach and missed_goal(result) and len(texts) <= REACH_MAX_IDEAS:
        result["reach"] = reach(X, truth, seeds, result)
    result["other_models"] = {}
    for embedder in others:
        Y, more = embed_texts(texts, embedder, store=store)
        result["other_models"][embedder.model_id] = {**ours(Y, truth, seeds)}
        result["embedded_now"] += more.computed
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def fmt(value, digits=3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def pct(value) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


HEADER = (
    f"{'dataset':<22}{'n':>6}{'k':>4}  {'model':<8}{'k_fnd':>6}{'NMI':>7}{'ARI':>7}{'unas':>6}"
    f" |{'KM(k) NMI':>10}{'ARI':>7} |{'BT k':>5}{'NMI':>7}{'ARI':>7}{'unas':>6}"
    f" |{'maj NMI':>8}{'ARI':>6}"
)


def table_rows(result: dict) -> list[str]:
    base = result["baselines"]
    km, bt, mj = base["kmeans_true_k"], base.get("bertopic"), base["majority"]
    bt = bt or {}
    short = SHORT_NAMES
    rows = [
        f"{result['dataset']:<22}{result['n']:>6}{result['k_true']:>4}  "
        f"{short.get(result['model'], result['model'])[:8]:<8}{result['k_found']:>6}"
        f"{fmt(result['nmi']):>7}{fmt(result['ari']):>7}{pct(result['unassigned']):>6}"
        f" |{fmt(km['nmi']):>10}{fmt(km['ari']):>7}"
        f" |{bt.get('k_found', '-'):>5}{fmt(bt.get('nmi')):>7}{fmt(bt.get('ari')):>7}"
        f"{pct(bt.get('unassigned')):>6}"
        f" |{fmt(mj['nmi']):>8}{fmt(mj['ari'], 2):>6}"
    ]
    for model_id, other in result["other_models"].items():
        rows.append(
            f"{'':<32}{short.get(model_id, model_id)[:8]:<8}{other['k_found']:>6}"
            f"{fmt(other['nmi']):>7}{fmt(other['ari']):>7}{pct(other['unassigned']):>6}"
        )
    return rows


def summary_lines(results: list[dict]) -> list[str]:
    n = len(results)
    lines = [f"Summary over {n} sets (plain mean per set):"]
    names = [b for b in BASELINES if all(b in r["baselines"] for r in results)]
    for metric in ("nmi", "ari", "ami"):
        wins = sum(
            r[metric] >= max(r["baselines"][b][metric] for b in names) - 1e-12 for r in results
        )
        lines.append(
            f"  default >= best baseline on {metric.upper()}: {wins}/{n} sets "
            f"(baselines: {', '.join(names)})"
        )
    for b in names:
        if b == "majority":
            continue
        counts = [
            sum(r[m] >= r["baselines"][b][m] - 1e-12 for r in results)
            for m in ("nmi", "ari", "ami")
        ]
        note = " (it is told the true k)" if b == "kmeans_true_k" else ""
        lines.append(
            f"  default >= {b}{note}: NMI on {counts[0]}/{n} sets, ARI on {counts[1]}/{n},"
            f" AMI on {counts[2]}/{n}"
        )

    def row(label, items):
        return (
            f"  {label:<30} NMI {np.mean([i['nmi'] for i in items]):.3f}"
            f"  ARI {np.mean([i['ari'] for i in items]):.3f}"
            f"  AMI {np.mean([i['ami'] for i in items]):.3f}"
            f"  unassigned {100 * np.mean([i['unassigned'] for i in items]):.1f}%"
            f"  on cards of 1-2 {100 * np.mean([i['in_small_groups'] for i in items]):.1f}%"
            f"  k found {np.mean([i['k_found'] for i in items]):.1f}"
        )

    default = SHORT_NAMES.get(results[0]["model"], results[0]["model"])
    lines.append(row(f"default, {default} (default model)", results))
    for model_id in results[0]["other_models"]:
        other = SHORT_NAMES.get(model_id, model_id)
        lines.append(row(f"default, {other}", [r["other_models"][model_id] for r in results]))
    for b in names:
        lines.append(row(f"baseline {b}", [r["baselines"][b] for r in results]))
    lines.append(f"  {'true k':<30} {np.mean([r['k_true'] for r in results]):.1f} groups per set")
    for model_id in results[0]["other_models"]:
        better = sum(r["nmi"] >= r["other_models"][model_id]["nmi"] for r in results)
        other = SHORT_NAMES.get(model_id, model_id)
        better_ari = sum(r["ari"] >= r["other_models"][model_id]["ari"] for r in results)
        lines.append(
            f"  {default} >= {other} (both default clusterer): NMI on {better}/{n} sets, "
            f"ARI on {better_ari}/{n}"
        )
    losses = []
    for r in results:
        lost = [
            f"{metric.upper()} {b} {r['baselines'][b][metric]:.3f} > {r[metric]:.3f}"
            for metric in ("nmi", "ari")
            for b in names
            if r["baselines"][b][metric] > r[metric] + 1e-12
        ]
        if lost:
            losses.append(f"    {r['dataset']:<22} " + "; ".join(lost))
    lines.append(f"  Sets where a baseline beats the default ({len(losses)}):")
    lines.extend(losses or ["    none"])
    if all("sweep" in r for r in results):
        lines.extend(sweep_lines(results))
    if any("reach" in r for r in results):
        lines.extend(reach_lines(results))
    return lines


def sweep_mark(row: dict) -> str:
    if row["meets_nmi"] and row["meets_ari"]:
        return "*"
    return "N" if row["meets_nmi"] else "A" if row["meets_ari"] else "."


def sweep_lines(results: list[dict]) -> list[str]:
    """Per set, the granularities that reach the best baseline (N: NMI, A: ARI, *: both)."""
    n = len(results)
    lines = [
        "",
        f"Granularity sweep ({', '.join(str(g) for g in SWEEP)}; N: reaches the best baseline's "
        "NMI, A: its ARI, *: both, .: neither; figure: groups found):",
    ]
    for r in results:
        marks = " ".join(f"{row['k_found']:>4}{sweep_mark(row)}" for row in r["sweep"])
        lines.append(f"  {r['dataset']:<22} {marks}")
    some = [r for r in results if any(row["meets_nmi"] and row["meets_ari"] for row in r["sweep"])]
    lines.append(
        f"  Sets where some granularity meets the best baseline on both NMI and ARI: "
        f"{len(some)}/{n}"
    )
    for granularity in SWEEP:
        both = sum(
            row["meets_nmi"] and row["meets_ari"]
            for r in results
            for row in r["sweep"]
            if row["granularity"] == granularity
        )
        lines.append(f"    granularity {granularity}: meets both on {both}/{n} sets")
    never = [r["dataset"] for r in results if r not in some]
    lines.append(f"  No granularity meets both: {', '.join(never) or 'none'}")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per set per line")
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK_SETS)}")
    parser.add_argument("--seeds", type=int, default=1, help="mean over seeds 0..N-1")
    parser.add_argument("--no-secondary", action="store_true", help="skip the MiniLM rows")
    parser.add_argument("--no-bertopic", action="store_true", help="skip the BERTopic baseline")
    parser.add_argument(
        "--sweep", action="store_true", help="also every granularity of SWEEP, per set"
    )
    parser.add_argument(
        "--reach",
        action="store_true",
        help="on each missed set, the numbers of groups that would meet the goal",
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="the held-out sets (labelled_sets.held_out_sets) instead of the French ones",
    )
    parser.add_argument("--cache", type=Path, default=CACHE_DB, help="embedding cache file")
    parser.add_argument(
        "--themes",
        action="store_true",
        help="issue 20: theme tree, name hit rates, secondary themes, naming speed (themes.py)",
    )
    parser.add_argument(
        "--themes-reach",
        action="store_true",
        help="issue 20: on sets where the top level misses, the theme counts that would not",
    )
    args = parser.parse_args(argv)
    if args.themes_reach:
        import themes

        embedder = resolve_embedder(DEFAULT_MODEL_BY_LANGUAGE["fr"])
        with Store(args.cache) as store:
            print("\n".join(themes.reach(store, embedder, log)))
        return 0
    if args.themes:
        import themes

        embedder = resolve_embedder(DEFAULT_MODEL_BY_LANGUAGE["fr"])
        with Store(args.cache) as store:
            lines = themes.run(store, embedder, log)
            lines += themes.speed(store, embedder, log)
        print("\n".join(lines))
        return 0

    if not labelled_sets.DATA_DIR.is_dir():
        print(
            f"Data not found at {labelled_sets.DATA_DIR} (../shared/data beside the checkout): "
            "nothing to measure.",
            file=sys.stderr,
        )
        return 2
    seeds = list(range(max(1, args.seeds)))
    with_bertopic = not args.no_bertopic
    if with_bertopic and (why := bertopic_available()):
        log(f"note: BERTopic baseline skipped, it does not import: {why}")
        with_bertopic = False
    default_spec = DEFAULT_MODEL_BY_LANGUAGE["fr"]
    specs = [default_spec]
    if not args.no_secondary and default_spec != SECONDARY_MODEL:
        specs.append(SECONDARY_MODEL)
    # named models, not resolve_embedder(None): a folder in models/ would take over the default
    embedders = [resolve_embedder(spec) for spec in specs]
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", message=".*n_jobs value.*overridden.*")

    if not args.json:
        log(f"cache: {args.cache}")
        print(
            f"Default French model: {default_spec!r} ({embedders[0].model_id}); "
            f"IdeaClusterer() defaults, seeds {seeds}."
        )
        if with_bertopic:
            print(
                "BERTopic: defaults on the same vectors, UMAP(n_neighbors=15, n_components=5, "
                f"min_dist=0.0, metric='cosine', random_state={UMAP_SEED}+seed) for "
                "reproducibility; outliers (-1) are unassigned and one group for NMI/ARI."
            )
        print("KM(k): k-means with the true k on the same vectors. unas: share unassigned.")
        print()
        print(HEADER)
        print("-" * len(HEADER))
    results = []
    started = time.perf_counter()
    with Store(args.cache) as store:
        sets = labelled_sets.held_out_sets() if args.held_out else labelled_sets.french_sets()
        for name, texts, truth in sets:
            if args.quick and name not in QUICK_SETS:
                continue
            log(f"{name}: {len(texts)} ideas ...")
            result = evaluate(
                name, texts, truth, embedders, store, seeds, with_bertopic, args.sweep, args.reach
            )
            results.append(result)
            if args.json:
                print(json.dumps(result, ensure_ascii=False), flush=True)
            else:
                print("\n".join(table_rows(result)), flush=True)
    if not results:
        print("No labelled set found.", file=sys.stderr)
        return 2
    if not args.json:
        print()
        print("\n".join(summary_lines(results)))
        print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
