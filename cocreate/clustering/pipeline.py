"""Cluster a workshop's ideas and keep the facilitator's edits: the pipeline
store -> embed -> cluster -> label -> store, and new ideas on a live wall; also plain lists of
texts (``cluster_texts``). The editing actions themselves are in ``edits.py``, the fit cache in
``fit_cache.py``.

Edits and re-clustering:

- A **renamed** cluster keeps its label: after a re-clustering, the new group that shares the
  most ideas with it (at least half of either) takes the edited label.
- **Pinned** clusters are left alone by a re-clustering: their ideas stay, their label stays.
  Structural edits pin what they touch, so they survive too: **merging** clusters pins the
  result, **splitting** pins both parts, **moving** an idea pins the cluster it goes to.
- **New ideas** are put in the nearest existing cluster at once (``assign_new_ideas``),
  without reshuffling the wall, until the facilitator re-clusters.
- **Merging near-duplicate ideas** records which idea repeats which; every idea, author and
  vote stays stored and counted, and a merge can be undone.

What a re-run reuses: vectors from the embedding cache (by model and text), the fit from the
fit cache (by a digest of the vectors and the settings: the fit is deterministic) and the map
(when the model, seed and texts are unchanged). Edits are applied on top each time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from cocreate.clustering.clusterer import (
    IdeaClusterer,
    assign_to_centroids,
    group_centres,
    near_duplicate_groups,
    normalise_rows,
)
from cocreate.clustering.embed import (
    Embedder,
    EmbedStats,
    Progress,
    _embed_ideas,
    _embedder_for,
    embed_texts,
    idea_text_for_embedding,
    ideas_language,
    model_spec_for,
    resolve_embedder,
)
from cocreate.clustering.fit_cache import FIT_VERSION, fit_with_cache
from cocreate.clustering.labels import (
    fold,
    representative_members,
)
from cocreate.clustering.llm_names import (
    TEXT_CHARS,
    TEXTS_PER_GROUP,
    GroupSample,
    NamingEndpoint,
    main_language,
    propose_names,
)
from cocreate.clustering.maps import map_coordinates
from cocreate.clustering.names import (
    GroupName,
    forbidden_in_names,
    holds_forbidden,
    name_groups,
)
from cocreate.clustering.tree import secondary_themes, theme_tree

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "TextClustering",
    "cluster_texts",
    "ClusteringSummary",
    "cluster_workshop",
    "cluster_workshop_again",
    "assign_new_ideas",
    "DEFAULT_DUPLICATE_THRESHOLD",
    "duplicate_threshold_for",
    "GRANULARITIES",
]

# cosine above which two ideas say the same thing; each model spreads similarities its own
# way. Read off pairs of the demo and of Paris BP / Actons / NNV: with USE, pairs at
# 0.72-0.78 are related projects, at 0.78-0.85 mostly the same project twice.
DEFAULT_DUPLICATE_THRESHOLD = 0.85
DUPLICATE_THRESHOLD_BY_MODEL = {"use-multilingual-v3": 0.80}


def duplicate_threshold_for(model_id: str | None) -> float:
    """The near-duplicate threshold that suits the model that made the vectors."""
    return DUPLICATE_THRESHOLD_BY_MODEL.get(model_id or "", DEFAULT_DUPLICATE_THRESHOLD)


LABEL_CARRY_OVERLAP = 0.5
# the granularities a facilitator picks from (much fewer ... much more groups)
GRANULARITIES = (0.5, 0.75, 1.0, 1.5, 2.0)


@dataclass
class ClusteringSummary:
    clustering_id: int
    model_id: str
    seed: int
    n_ideas: int
    n_clusters: int
    n_pinned: int
    n_loose: int
    n_duplicate_groups: int
    embed_stats: EmbedStats
    params: dict[str, Any] = field(default_factory=dict)
    # the fit came from the store's fit cache (same vectors, same settings)
    fit_reused: bool = False
    # the granularity asked would have crumbled the ideas: a coarser one was used
    finest_reached: bool = False


@dataclass
class TextClustering:
    """Clusters of a plain list of texts (or vectors): per text, its cluster, similarity to
    the cluster centre, loose flag and map position; per cluster, keywords, a label and
    the row numbers of its most representative texts."""

    labels: np.ndarray
    similarity: np.ndarray
    loose: np.ndarray
    keywords: dict[int, list[str]]
    cluster_labels: dict[int, str]
    representatives: dict[int, list[int]]
    duplicate_groups: list[list[int]]
    coordinates: np.ndarray | None
    model_id: str | None
    seed: int
    # the theme tree: each text's top-level theme, each theme's label, each text's best
    # other theme (-1: none), its similarity, and whether it sits between the two
    themes: np.ndarray | None = None
    theme_labels: dict[int, str] = field(default_factory=dict)
    secondary: np.ndarray | None = None
    secondary_similarity: np.ndarray | None = None
    between_themes: np.ndarray | None = None

    @property
    def n_clusters(self) -> int:
        return len(self.cluster_labels)

    def rows(self, texts: list[str] | None = None) -> list[dict[str, Any]]:
        """One dict per text, ready for ``pandas.DataFrame``."""
        group_of = {i: n for n, members in enumerate(self.duplicate_groups, 1) for i in members}
        rows = []
        for i, label in enumerate(self.labels):
            row = {
                "cluster": int(label),
                "cluster_label": self.cluster_labels[int(label)],
                "similarity": float(self.similarity[i]),
                "loose": bool(self.loose[i]),
                "duplicate_group": group_of.get(i),
            }
            if self.themes is not None:
                theme = int(self.themes[i])
                row["theme"], row["theme_label"] = theme, self.theme_labels.get(theme, "")
                shown = self.between_themes is not None and bool(self.between_themes[i])
                row["secondary_theme"] = int(self.secondary[i]) if shown else None
                row["secondary_similarity"] = float(self.secondary_similarity[i]) if shown else None
            if texts is not None:
                row = {"text": texts[i], **row}
            if self.coordinates is not None:
                row["x"], row["y"] = map(float, self.coordinates[i])
            rows.append(row)
        return rows


def cluster_texts(
    texts: list[str] | None = None,
    *,
    embeddings: np.ndarray | None = None,
    n_clusters: int | None = None,
    granularity: float = 1.0,
    seed: int = 0,
    model: str | Embedder | None = None,
    language: str | None = None,
    duplicate_threshold: float | None = None,
    with_map: bool = True,
    store: Store | None = None,
    progress: Progress | None = None,
    n_themes: int | None = None,
    languages: list[str | None] | None = None,
) -> TextClustering:
    """Cluster texts without a workshop, from Python.

    Give ``texts`` (embedded with ``model``, or the default for the texts' ``languages``,
    detected when neither they nor ``language`` are given), or
    precomputed ``embeddings`` (one row per text; ``texts`` then only feed the keywords and
    may be omitted). A ``store`` caches the embeddings between calls.

    Example: ``cluster_texts(texts, language="fr").rows(texts)`` gives one dict per text
    with its cluster, label, similarity, loose flag, duplicate group and map position.
    """
    if embeddings is None and texts is None:
        raise ValueError("Give texts, embeddings, or both.")
    model_id = embedder = None
    if embeddings is None:
        if languages is None and language is None and model is None:
            from cocreate.language import detect_languages

            languages = detect_languages(list(texts))
        embedder = model if model is not None and not isinstance(model, str) else None
        wanted = ideas_language(languages or [], language)
        embedder = embedder or resolve_embedder(model, language=wanted)
        embeddings, _ = embed_texts(list(texts), embedder, store=store, progress=progress)
        model_id = embedder.model_id
    X = normalise_rows(np.asarray(embeddings, dtype=np.float32))
    if texts is not None and len(texts) != len(X):
        raise ValueError(f"{len(texts)} texts but {len(X)} embeddings: give one row per text.")
    clusterer = IdeaClusterer(n_clusters, granularity=granularity, random_state=seed).fit(X)
    labels = clusterer.labels_
    sizes = np.bincount(labels, minlength=clusterer.n_clusters_)
    parent, theme_centres = theme_tree(
        clusterer.cluster_centers_, sizes, n_themes=n_themes, seed=seed
    )
    themes = parent[labels]
    second, second_similarity, between = secondary_themes(X, themes, theme_centres)
    embedder = None if model_id is None else embedder
    if texts is not None:
        if languages is None:
            from cocreate.language import detect_languages

            languages = detect_languages(list(texts), default=language)
        never = forbidden_in_names(store) if store is not None else frozenset()
        common = {"languages": languages, "vectors": X, "embedder": embedder, "never": never}
        names = name_groups(list(texts), labels, centres=clusterer.cluster_centers_, **common)
        theme_names = name_groups(
            list(texts), themes, centres=theme_centres, places=False, **common
        )
        keywords = {g: found.keywords for g, found in names.items()}
        cluster_labels = {g: found.label for g, found in names.items()}
        theme_labels = {t: found.label for t, found in theme_names.items()}
    else:
        keywords = {group: [] for group in range(clusterer.n_clusters_)}
        cluster_labels = {group: "" for group in range(clusterer.n_clusters_)}
        theme_labels = {int(t): "" for t in np.unique(themes)}
    return TextClustering(
        themes=themes,
        theme_labels=theme_labels,
        secondary=second,
        secondary_similarity=second_similarity,
        between_themes=between,
        labels=labels,
        similarity=clusterer.similarity_,
        loose=clusterer.loose_,
        keywords=keywords,
        cluster_labels=cluster_labels,
        representatives=representative_members(X, labels, clusterer.cluster_centers_),
        duplicate_groups=near_duplicate_groups(
            X, labels, threshold=duplicate_threshold or duplicate_threshold_for(model_id)
        ),
        coordinates=map_coordinates(X, random_state=seed) if with_map else None,
        model_id=model_id,
        seed=seed,
    )


def cluster_workshop(
    store: Store,
    workshop: int | str,
    *,
    n_clusters: int | None = None,
    granularity: float = 1.0,
    seed: int = 0,
    model: str | Embedder | None = None,
    duplicate_threshold: float | None = None,
    progress: Progress | None = None,
    n_themes: int | None = None,
    naming_endpoint: NamingEndpoint | None = None,
) -> ClusteringSummary:
    """(Re-)cluster every idea of a workshop, keeping pinned clusters and edited labels.

    ``n_clusters`` counts all clusters, pinned ones included; ``n_themes`` the top-level
    themes over them (default: :func:`cocreate.clustering.tree.theme_count`), pinned themes
    included. The result (clusters and themes, keywords, labels, each idea's cluster,
    similarity, looseness, secondary theme, near-duplicate group and map position) is
    stored, with the model id, seed and parameters.

    ``naming_endpoint`` (off by default): a local language model proposes the names of the
    new groups and themes whose name was not edited (``llm_names.propose_names``); each
    proposal is checked and the offline name stays where it fails. The offline keywords stay.
    """
    target = store.get_workshop(workshop)
    ideas = store.list_ideas(target["id"])
    if not ideas:
        raise ValueError(f"Workshop {target['slug']!r} has no ideas to cluster.")
    embedder = _embedder_for(store, target, model, ideas)
    X, stats = _embed_ideas(store, ideas, embedder, progress)
    X = normalise_rows(X)
    previous = store.active_clusters(target["id"])
    current = {a["idea_id"]: a for a in store.assignments(target["id"]) if a["cluster_id"]}
    pinned = [c for c in previous if c["pinned"]]
    pinned_ids = {c["id"] for c in pinned}
    kept = [
        i
        for i, idea in enumerate(ideas)
        if current.get(idea["id"], {}).get("cluster_id") in pinned_ids
    ]
    free = np.setdiff1d(np.arange(len(ideas)), kept)

    clusters: list[dict[str, Any]] = []
    labels = np.full(len(ideas), -1, dtype=object)
    similarity = np.zeros(len(ideas))
    loose = np.zeros(len(ideas), dtype=bool)
    for i in kept:
        labels[i] = current[ideas[i]["id"]]["cluster_id"]
    fit_reused = finest_reached = False
    if len(free):
        wanted = None if n_clusters is None else max(1, n_clusters - len(pinned))
        fit, fit_reused = fit_with_cache(store, X[free], wanted, granularity, seed)
        carried = _carry_labels(previous, current, ideas, free, fit.labels)
        for group in range(len(fit.centers)):
            clusters.append(
                {
                    "ref": f"new-{group}",
                    "centroid": fit.centers[group],
                    "label": carried.get(group, ""),
                    "label_edited": group in carried,
                }
            )
        labels[free] = [f"new-{g}" for g in fit.labels]
        similarity[free] = fit.similarity
        loose[free] = fit.loose
        finest_reached = bool(fit.finest_reached)
    for cluster in pinned:
        members = [i for i in kept if labels[i] == cluster["id"]]
        if members:
            centre = normalise_rows(X[members].mean(axis=0, keepdims=True))[0]
            similarity[members] = X[members] @ centre
    never = forbidden_in_names(store)
    _name_clusters(store, ideas, labels, clusters, pinned, X, embedder, never)
    themes, parents_of_kept, kept_themes, secondary = _build_tree(
        store, target["id"], ideas, X, labels, clusters, pinned, n_themes, seed, embedder, never
    )

    naming = None
    if naming_endpoint is not None:
        naming = _propose_names(
            naming_endpoint,
            ideas,
            X,
            labels,
            clusters,
            themes,
            parents_of_kept,
            pinned,
            kept_themes,
            never,
        )

    map_key = _map_key(embedder.model_id, seed, ideas)
    coordinates = _previous_map(store, target["id"], map_key, ideas)
    if coordinates is None:
        coordinates = map_coordinates(X, random_state=seed)
    refs = list(labels)
    duplicate_threshold = duplicate_threshold or duplicate_threshold_for(embedder.model_id)
    duplicate_of = _duplicate_groups(X, refs, duplicate_threshold)
    assignments = [
        {
            "idea_id": idea["id"],
            "cluster": refs[i],
            "similarity": similarity[i],
            "loose": bool(loose[i]),
            "manual": bool(current.get(idea["id"], {}).get("manual")) and i in kept,
            "duplicate_group": duplicate_of.get(i),
            "x": coordinates[i, 0],
            "y": coordinates[i, 1],
            **secondary.get(i, {}),
        }
        for i, idea in enumerate(ideas)
    ]
    params = {
        "n_clusters": n_clusters,
        "granularity": granularity,
        "duplicate_threshold": duplicate_threshold,
        "algorithm": "spherical k-means"
        if n_clusters is not None
        else (
            "Leiden communities of the cosine neighbour graph (igraph; CPM at resolution x"
            f" graph density, fit version {FIT_VERSION})"
        ),
        "map_key": map_key,
        "finest_reached": finest_reached,
        "n_themes": n_themes,
        "themes": len(themes) + len(kept_themes),
    }
    if naming is not None:
        params["naming"] = naming
    clustering_id = store.save_clustering(
        target["id"],
        model_id=embedder.model_id,
        seed=seed,
        params=params,
        clusters=themes + clusters,
        assignments=assignments,
        keep_cluster_ids=pinned_ids | {t["id"] for t in kept_themes},
        parents_of_kept=parents_of_kept,
    )
    return ClusteringSummary(
        clustering_id=clustering_id,
        model_id=embedder.model_id,
        seed=seed,
        n_ideas=len(ideas),
        n_clusters=len(clusters) + len(pinned),
        n_pinned=len(pinned),
        n_loose=int(loose.sum()),
        n_duplicate_groups=len(set(duplicate_of.values())),
        embed_stats=stats,
        params=params,
        fit_reused=fit_reused,
        finest_reached=finest_reached,
    )


def cluster_workshop_again(
    store: Store,
    workshop: int | str,
    *,
    model: str | Embedder | None = None,
    progress: Progress | None = None,
    naming_endpoint: NamingEndpoint | None = None,
) -> ClusteringSummary:
    """Cluster a workshop again with its latest clustering's count, granularity, seed, theme
    count and model (the installed one of that id, else the workshop's default): unchanged
    ideas keep their groups (the fit is reused) and get names made again, e.g. after a word
    was forbidden in names."""
    target = store.get_workshop(workshop)
    last = store.latest_clustering(target["id"])
    if last is None:
        raise ValueError(f"Workshop {target['slug']!r} was never clustered.")
    params = last["params"]
    return cluster_workshop(
        store,
        target["id"],
        n_clusters=params.get("n_clusters"),
        granularity=params.get("granularity", 1.0),
        seed=last["seed"],
        model=model or model_spec_for(last["model_id"]),
        duplicate_threshold=params.get("duplicate_threshold"),
        progress=progress,
        n_themes=params.get("n_themes"),
        naming_endpoint=naming_endpoint,
    )


def _map_key(model_id: str, seed: int, ideas: list[dict[str, Any]]) -> str:
    """What the map depends on: the model, the seed and the ideas' texts."""
    digest = hashlib.sha256(f"{model_id}\n{seed}".encode())
    for idea in ideas:
        digest.update(f"\n{idea['id']}:{idea['text_hash']}:{idea.get('title') or ''}".encode())
    return digest.hexdigest()


def _previous_map(store: Store, workshop_id: int, map_key: str, ideas) -> np.ndarray | None:
    """The stored map when nothing it depends on changed (a re-clustering with other groups
    or pins does not move the ideas on the map), else ``None``."""
    previous = store.latest_clustering(workshop_id)
    if previous is None or previous["params"].get("map_key") != map_key:
        return None
    placed = {a["idea_id"]: (a["x"], a["y"]) for a in store.assignments(workshop_id)}
    if any(placed.get(i["id"], (None, None))[0] is None for i in ideas):
        return None
    return np.array([placed[i["id"]] for i in ideas], dtype=float)


def _carry_labels(previous, current, ideas, free, new_labels) -> dict[int, str]:
    """Edited labels of unpinned clusters go to the new group sharing most of their ideas."""
    carried: dict[int, str] = {}
    edited = {c["id"]: c for c in previous if c["label_edited"] and not c["pinned"]}
    if not edited:
        return carried
    members_old: dict[int, set[int]] = {cid: set() for cid in edited}
    members_new: dict[int, set[int]] = {}
    for position, i in enumerate(free):
        idea_id = ideas[i]["id"]
        members_new.setdefault(int(new_labels[position]), set()).add(idea_id)
        old = current.get(idea_id, {}).get("cluster_id")
        if old in members_old:
            members_old[old].add(idea_id)
    for cid, old_members in members_old.items():
        if not old_members:
            continue
        best, best_overlap = None, 0.0
        for group, new_members in members_new.items():
            shared = len(old_members & new_members)
            overlap = max(shared / len(old_members), shared / len(new_members))
            if overlap > best_overlap:
                best, best_overlap = group, overlap
        if best is not None and best_overlap >= LABEL_CARRY_OVERLAP and best not in carried:
            carried[best] = edited[cid]["label"]
    return carried


def _name_clusters(
    store: Store, ideas, labels, clusters, pinned, X, embedder=None, never=frozenset()
) -> None:
    """Keywords and a name (``names.name_groups``) for every cluster; the name becomes the
    label of those without an edited one."""
    texts = [idea_text_for_embedding(i) for i in ideas]
    languages = [i["language"] for i in ideas]
    keys = sorted({str(ref) for ref in labels})
    number = {key: n for n, key in enumerate(keys)}
    numbered = np.array([number[str(ref)] for ref in labels])
    names = name_groups(
        texts,
        numbered,
        languages=languages,
        vectors=X,
        centres=group_centres(X, numbered),
        embedder=embedder,
        never=never,
    )
    for cluster in clusters:
        found = names.get(number.get(cluster["ref"], -1))
        cluster["keywords"] = found.keywords if found else []
        if not cluster["label_edited"]:
            cluster["label"] = found.label if found else ""
    for cluster in pinned:
        found = names.get(number.get(str(cluster["id"]), -1))
        # a pinned cluster keeps its label (named against other neighbours, it could change),
        # unless it holds a word now forbidden and nobody typed it
        fields: dict[str, Any] = {"keywords": found.keywords if found else cluster["keywords"]}
        forbidden = not cluster["label_edited"] and holds_forbidden(cluster["label"], never)
        if (not cluster["label"] or forbidden) and found:
            fields["label"] = found.label
        store.update_cluster(cluster["id"], **fields)


def _build_tree(
    store, workshop_id, ideas, X, labels, clusters, pinned, n_themes, seed, embedder, never
):
    """The top-level themes over the groups: pinned themes kept with the groups under them,
    the other groups under new themes (named for what their groups share; an edited theme
    name carried to the new theme sharing most of its ideas), and each idea's secondary
    theme. Returns (new themes, kept group id -> theme, kept themes, row -> secondary)."""
    previous = store.active_themes(workshop_id)
    theme_of_group = {c["id"]: c["parent_id"] for c in store.active_clusters(workshop_id)}
    for theme in previous:
        theme["idea_ids"] = {
            a["idea_id"]
            for a in store.assignments(workshop_id)
            if a["cluster_id"] is not None and theme_of_group.get(a["cluster_id"]) == theme["id"]
        }
    kept_themes = [t for t in previous if t["pinned"]]
    kept_ids = {t["id"] for t in kept_themes}
    refs = [str(r) for r in labels]
    group_parent: dict[str, Any] = {}
    for cluster in pinned:
        if cluster.get("parent_id") in kept_ids:
            group_parent[str(cluster["id"])] = cluster["parent_id"]
    free_groups = [g for g in dict.fromkeys(refs) if g not in group_parent]
    themes: list[dict[str, Any]] = []
    if free_groups:
        rows_of = {g: [i for i, r in enumerate(refs) if r == g] for g in free_groups}
        centres = np.vstack([X[rows_of[g]].mean(axis=0) for g in free_groups])
        sizes = np.array([len(rows_of[g]) for g in free_groups])
        wanted = None if n_themes is None else max(1, n_themes - len(kept_themes))
        parent, _ = theme_tree(centres, sizes, n_themes=wanted, seed=seed)
        for g, t in zip(free_groups, parent, strict=True):
            group_parent[g] = f"theme-{t}"
        themes = [
            {"ref": f"theme-{t}", "level": 1, "label": "", "label_edited": False}
            for t in range(int(parent.max()) + 1)
        ]
    theme_refs = [*(t["id"] for t in kept_themes), *(t["ref"] for t in themes)]
    theme_of_row = np.array([theme_refs.index(group_parent[r]) for r in refs])
    theme_centres = group_centres(X, theme_of_row)
    for theme, centre in zip(theme_refs, theme_centres, strict=True):
        for new in themes:
            if new["ref"] == theme:
                new["centroid"] = centre
    names = _name_themes(
        ideas, X, theme_of_row, theme_centres, themes, theme_refs, previous, embedder, never
    )
    # a pinned theme keeps its name, unless it holds a word now forbidden and nobody typed it
    for position, theme in enumerate(kept_themes):
        if not theme["label_edited"] and holds_forbidden(theme["label"], never):
            found = names[position]
            store.update_cluster(theme["id"], label=found.label, keywords=found.keywords)
            theme["label"] = found.label
    for cluster in clusters:
        cluster["parent"] = group_parent[cluster["ref"]]
    parents_of_kept = {int(c["id"]): group_parent[str(c["id"])] for c in pinned}
    second, similarity, shown = secondary_themes(X, theme_of_row, theme_centres)
    secondary = {
        i: {"secondary": theme_refs[int(second[i])], "secondary_similarity": float(similarity[i])}
        for i in np.flatnonzero(shown)
    }
    return themes, parents_of_kept, kept_themes, secondary


def _name_themes(ideas, X, theme_of_row, centres, themes, theme_refs, previous, embedder, never):
    """Names for the new themes (places set aside: a theme says what its groups share),
    unless an edited name of a former theme carries over (most shared ideas, at least half).
    Returns the names found for every theme, by position in ``theme_refs``."""
    texts = [idea_text_for_embedding(i) for i in ideas]
    names = name_groups(
        texts,
        theme_of_row,
        languages=[i["language"] for i in ideas],
        vectors=X,
        centres=centres,
        embedder=embedder,
        places=False,
        never=never,
    )
    position = {ref: n for n, ref in enumerate(theme_refs)}
    for theme in themes:
        found = names[position[theme["ref"]]]
        theme["label"], theme["keywords"] = found.label, found.keywords
    edited = [t for t in previous if t["label_edited"] and not t["pinned"]]
    if not edited:
        return names
    members = {t["id"]: t["idea_ids"] for t in edited}
    for theme in themes:
        rows = set(np.flatnonzero(theme_of_row == position[theme["ref"]]).tolist())
        ideas_here = {ideas[i]["id"] for i in rows}
        for old in edited:
            shared = len(members[old["id"]] & ideas_here)
            if shared and shared >= LABEL_CARRY_OVERLAP * min(len(members[old["id"]]), len(rows)):
                theme["label"], theme["label_edited"] = old["label"], True
    return names


def _propose_names(
    endpoint, ideas, X, labels, clusters, themes, parents_of_kept, pinned, kept_themes, never
) -> dict:
    """Ask the local model to name the new groups and themes whose name was not edited, from
    their texts nearest the centre; the names it proposes that pass the checks replace the
    offline ones, unless another group or theme of the same level already has that name.
    Returns what to record with the clustering (the store has no per-cluster
    place for who named a cluster: the proposed names are listed there)."""
    refs = [str(r) for r in labels]
    parent_of = {str(c["ref"]): c["parent"] for c in clusters}
    parent_of.update({str(cid): parent for cid, parent in parents_of_kept.items()})
    rows_of: dict[str, list[int]] = {}
    for row, ref in enumerate(refs):
        rows_of.setdefault(ref, []).append(row)
        rows_of.setdefault(f"theme:{parent_of.get(ref)}", []).append(row)
    asked: dict[int, dict[str, Any]] = {}
    samples: dict[int, GroupSample] = {}
    for item, key in [
        *((c, c["ref"]) for c in clusters),
        *((t, f"theme:{t['ref']}") for t in themes),
    ]:
        rows = rows_of.get(key, [])
        if item["label_edited"] or not rows or item.get("centroid") is None:
            continue
        centre = np.asarray(item["centroid"], dtype=np.float32)
        nearest = np.asarray(rows)[np.argsort(-(X[rows] @ centre), kind="stable")]
        texts = [idea_text_for_embedding(ideas[i])[:TEXT_CHARS] for i in nearest[:TEXTS_PER_GROUP]]
        asked[len(asked)] = item
        samples[len(samples)] = GroupSample(GroupName(item["label"], item["keywords"]), texts)
    language = main_language([i["language"] for i in ideas])
    names = propose_names(endpoint, samples, language, never)
    proposed = []
    # a name tells a group from the others at its level: a repeated proposal stays offline
    taken = {
        (c.get("level", 0), fold(c["label"])) for c in [*clusters, *themes] if c["label_edited"]
    }
    taken |= {(0, fold(c["label"])) for c in pinned} | {(1, fold(t["label"])) for t in kept_themes}
    taken |= {(item.get("level", 0), fold(item["label"])) for item in asked.values()}
    for number, item in asked.items():
        level_name = (item.get("level", 0), fold(names[number]))
        if names[number] != item["label"] and level_name not in taken:
            item["label"] = names[number]
            proposed.append(names[number])
        taken.add((item.get("level", 0), fold(item["label"])))
    return {
        "host": endpoint.host,
        "model": endpoint.model,
        "asked": len(asked),
        "proposed": len(proposed),
        "proposed_names": proposed,
    }


def _duplicate_groups(X: np.ndarray, refs: list, threshold: float) -> dict[int, int]:
    """Row index -> near-duplicate group number (1-based), for rows in a group."""
    numbering = {ref: n for n, ref in enumerate(dict.fromkeys(str(r) for r in refs))}
    groups = near_duplicate_groups(X, [numbering[str(r)] for r in refs], threshold=threshold)
    return {i: n for n, members in enumerate(groups, start=1) for i in members}


def assign_new_ideas(
    store: Store, workshop: int | str, *, model: str | Embedder | None = None, progress=None
) -> int:
    """Put ideas that have no cluster yet into the nearest existing cluster; the wall does
    not move. Returns how many ideas were placed (0 when nothing is clustered yet)."""
    target = store.get_workshop(workshop)
    clustering = store.latest_clustering(target["id"])
    clusters = [c for c in store.active_clusters(target["id"]) if c["centroid"] is not None]
    if clustering is None or not clusters:
        return 0
    assigned = store.assignments(target["id"])
    waiting = {a["idea_id"] for a in assigned if a["cluster_id"] is None}
    if not waiting:
        return 0
    ideas = [i for i in store.list_ideas(target["id"]) if i["id"] in waiting]
    embedder = _embedder_for(
        store, target, model or model_spec_for(clustering["model_id"], only_installed=False)
    )
    X, _ = _embed_ideas(store, ideas, embedder, progress)
    centers = np.vstack([c["centroid"] for c in clusters])
    nearest, scores = assign_to_centroids(X, centers)
    placed = [a for a in assigned if a["x"] is not None]
    rng = np.random.default_rng(len(assigned))
    rows = []
    for idea, group, score in zip(ideas, nearest, scores, strict=True):
        cluster_id = clusters[int(group)]["id"]
        # beside a member of its cluster on the map, until the next re-clustering
        anchor = next((a for a in placed if a["cluster_id"] == cluster_id), None)
        x, y = (anchor["x"], anchor["y"]) if anchor else (0.0, 0.0)
        jitter = rng.normal(0, 0.5, 2)
        rows.append(
            {
                "idea_id": idea["id"],
                "cluster": cluster_id,
                "similarity": float(score),
                "x": x + jitter[0],
                "y": y + jitter[1],
            }
        )
    store.add_assignments(rows)
    return len(rows)
