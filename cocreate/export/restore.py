"""A bundle back into a database: :func:`import_bundle` creates a new workshop holding the
bundle's ideas (as written in it: redacted texts, pseudonymous authors), its groups and themes
(same partition, labels and keywords), merges, scoring rounds with their raw answers (raters
by pseudonym, as new anonymous raters), and the stakeholder map.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from cocreate.export.bundle import BundleError, read_bundle
from cocreate.records import IdeaRecord
from cocreate.stakeholders import import_map
from cocreate.stakeholders.graph import map_from_graph

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["import_bundle"]

# the source name of ideas whose bundle gave none
BUNDLE_SOURCE = "bundle"


def _given(value: Any) -> Any:
    """None for the many spellings of "empty" that pandas reads back."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _int(value: Any) -> int | None:
    value = _given(value)
    return None if value is None else int(value)


def import_bundle(store: Store, path: Path | str, *, title: str | None = None) -> int:
    """Store the bundle at ``path`` (a folder or ZIP written by ``write_bundle``) as a new
    workshop; returns its id. Refused with :class:`BundleError` naming the file and row when
    a reference points nowhere; nothing is stored then."""
    bundle = read_bundle(path)
    descriptor = bundle.context["datapackage"]
    card = descriptor.get("cocreate", {})
    workshop_card = card.get("workshop") or {}
    ideas = bundle.ideas.sort_values("idea_id").reset_index(drop=True)
    _check_references(bundle, Path(path).name)
    workshop = store.create_workshop(
        title or descriptor.get("title") or Path(path).stem,
        challenge=workshop_card.get("challenge") or descriptor.get("description") or "",
        description=workshop_card.get("description") or "",
        language=workshop_card.get("language") or "fr",
    )
    workshop_id = workshop["id"]
    idea_ids = _store_ideas(store, workshop_id, ideas)
    cluster_ids = _store_clusters(store, workshop_id, bundle, ideas, idea_ids, card)
    for row in ideas.itertuples(index=False):
        primary = _int(row.merged_into)
        if primary is not None:
            store.merge_ideas(workshop_id, idea_ids[primary], [idea_ids[int(row.idea_id)]])
    _store_rounds(store, workshop_id, bundle, idea_ids, cluster_ids)
    _store_map(store, workshop_id, bundle.graph, idea_ids, cluster_ids)
    return workshop_id


def _check_references(bundle, name: str) -> None:
    ideas = set(bundle.ideas["idea_id"].astype(int))
    clusters = set(bundle.clusters["cluster_id"].astype(int))
    for line, row in enumerate(bundle.ideas.itertuples(index=False), start=2):
        for column in ("group_id", "theme_id", "secondary_theme_id"):
            ref = _int(getattr(row, column))
            if ref is not None and ref not in clusters:
                raise BundleError(f"{name}: ideas row {line}, column {column}: no cluster {ref}.")
        ref = _int(row.merged_into)
        if ref is not None and ref not in ideas:
            raise BundleError(f"{name}: ideas row {line}, column merged_into: no idea {ref}.")


def _store_ideas(store: Store, workshop_id: int, ideas: pd.DataFrame) -> dict[int, int]:
    by_source: dict[str, list[IdeaRecord]] = defaultdict(list)
    for row in ideas.itertuples(index=False):
        source = _given(row.source) or BUNDLE_SOURCE
        by_source[source].append(
            IdeaRecord(
                text=row.text or "",
                source_key=f"bundle-{int(row.idea_id)}",
                title=_given(row.title),
                author=_given(row.author),
                category=_given(row.category),
                votes=_int(row.votes),
                created=_given(row.created),
                language=_given(row.language),
                source_id=None if _given(row.source_id) is None else str(row.source_id),
                original=row.original if isinstance(row.original, dict) else {},
            )
        )
    for source, records in by_source.items():
        store.add_ideas(workshop_id, records, source=source, format_name="cocreate-bundle")
    return {
        int(idea["source_key"].removeprefix("bundle-")): idea["id"]
        for idea in store.list_ideas(workshop_id)
        if idea["source_key"].startswith("bundle-")
    }


def _store_clusters(store, workshop_id, bundle, ideas, idea_ids, card) -> dict[int, int]:
    clusters = bundle.clusters
    if clusters.empty:
        return {}
    vectors = bundle.embeddings
    members: dict[int, list[int]] = defaultdict(list)
    for index, row in enumerate(ideas.itertuples(index=False)):
        for column in ("group_id", "theme_id"):
            ref = _int(getattr(row, column))
            if ref is not None:
                members[ref].append(index)
    records = []
    for row in clusters.itertuples(index=False):
        number = int(row.cluster_id)
        centroid = np.zeros(0, dtype=np.float32)
        if vectors is not None and members[number]:
            centroid = np.nanmean(vectors[members[number]], axis=0)
        records.append(
            {
                "ref": number,
                "label": row.label or "",
                "keywords": list(row.keywords),
                "centroid": centroid,
                "level": 1 if row.level == "theme" else 0,
                "parent": _int(row.parent_id),
                "pinned": bool(row.pinned),
                "label_edited": bool(row.label_edited),
            }
        )
    assignments = [
        {
            "idea_id": idea_ids[int(row.idea_id)],
            "cluster": int(row.group_id),
            "similarity": float(_given(row.similarity) or 0.0),
            "loose": bool(_given(row.loose)),
            "duplicate_group": _int(row.duplicate_group),
            "x": _given(row.x),
            "y": _given(row.y),
            "secondary": _int(row.secondary_theme_id),
            "secondary_similarity": _given(row.secondary_similarity),
        }
        for row in ideas.itertuples(index=False)
        if _int(row.group_id) is not None
    ]
    params = dict(card.get("clustering_params") or {})
    params["imported_from_bundle"] = True
    store.save_clustering(
        workshop_id,
        model_id=card.get("model_id") or "unknown",
        seed=int(card.get("seed") or 0),
        params=params,
        clusters=records,
        assignments=assignments,
    )
    return {record["ref"]: record["id"] for record in records}


def _store_rounds(store, workshop_id, bundle, idea_ids, cluster_ids) -> None:
    rounds, scores = bundle.rounds, bundle.scores
    if rounds is None or rounds.empty:
        return
    for scoring_round in rounds.sort_values("round_id").itertuples(index=False):
        rubric = scoring_round.rubric
        snapshot = store.add_workshop_rubric(
            workshop_id,
            rubric_id=scoring_round.rubric_id,
            version=int(scoring_round.rubric_version),
            definition=rubric,
        )
        answers = (
            scores[scores["round_id"].astype(int) == int(scoring_round.round_id)]
            if not scores.empty
            else scores
        )
        wanted = []
        for kind, number in dict.fromkeys(
            zip(answers.get("target_kind", []), answers.get("target_id", []), strict=True)
        ):
            ids = idea_ids if kind == "idea" else cluster_ids
            wanted.append((kind, ids[int(number)]))
        created = store.create_round(
            workshop_id,
            workshop_rubric_id=snapshot["id"],
            targets=wanted,
            title=scoring_round.title or "",
            blind=bool(scoring_round.blind),
        )
        target_ids = {
            (t["kind"], t["idea_id"] if t["kind"] == "idea" else t["cluster_id"]): t["id"]
            for t in store.round_targets(created["id"])
        }
        raters: dict[str, int] = {}
        for answer in answers.itertuples(index=False):
            if answer.rater not in raters:
                staff = answer.rater if answer.rater_kind == "staff" else None
                raters[answer.rater] = store.add_rater(workshop_id, staff_name=staff)["id"]
            ids = idea_ids if answer.target_kind == "idea" else cluster_ids
            value = None if bool(answer.dont_know) else float(answer.value)
            store.put_score(
                created["id"],
                target_ids[(answer.target_kind, ids[int(answer.target_id)])],
                raters[answer.rater],
                answer.criterion,
                value,
            )
        if bool(scoring_round.revealed):
            store.reveal_round(created["id"])
        elif scoring_round.status == "closed":
            store.close_round(created["id"])


def _store_map(store, workshop_id, graph: nx.MultiDiGraph, idea_ids, cluster_ids) -> None:
    if graph.number_of_nodes() == 0:
        return
    smap = map_from_graph(graph)
    ids = {"idea": idea_ids, "cluster": cluster_ids}
    smap = dataclasses.replace(
        smap,
        links=tuple(dataclasses.replace(x, ref=ids[x.kind][int(x.ref)]) for x in smap.links),
        targets=tuple(
            dataclasses.replace(
                x,
                ref=ids[x.kind][int(x.ref)],
                cluster=cluster_ids[int(x.cluster)] if x.cluster is not None else None,
            )
            for x in smap.targets
        ),
    )
    import_map(store, workshop_id, smap)
