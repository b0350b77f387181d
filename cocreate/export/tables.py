"""The tables of an export bundle, built from the store with the privacy treatment applied.

Numbering inside a bundle (stable for one clustering, independent of database ids): ideas
1..n in the order they were stored; groups 1..k, largest first, then themes k+1..k+m; raters
by a pseudonym salted like the authors'. Every cross-reference (an idea's group, theme and
merge, a score's target, a map node) uses these numbers.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from cocreate.clustering import hash_for_cache, idea_text_for_embedding
from cocreate.export.scrub import Scrubber, author_columns
from cocreate.export.table import CLUSTER_FIELDS, IDEA_FIELDS, stored_rows
from cocreate.scoring import DIMENSIONS, SCALE, round_results, rubric_from_dict
from cocreate.stakeholders import workshop_graph

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["BundleTables", "LEVELS", "bundle_tables", "IDEA_COLUMNS"]

LEVELS = ("group", "theme")
# the flat export's idea and cluster fields, the group named again beside its cluster, then
# the scores and the decision (the model and seed are in the bundle's data card)
_GROUP_END = CLUSTER_FIELDS.index("cluster_keywords") + 1
IDEA_COLUMNS = (
    *IDEA_FIELDS,
    *CLUSTER_FIELDS[:_GROUP_END],
    "group_id",
    "group_label",
    *CLUSTER_FIELDS[_GROUP_END : CLUSTER_FIELDS.index("model_id")],
    "dvf_round",
    "dvf_target",
    *(f"dvf_{d}" for d in DIMENSIONS),
    "dvf_overall",
    "dvf_rank",
    "status",
    "decision",
    "decision_answer_fr",
    "decision_answer_en",
    "decided_at",
    "original",
)
CLUSTER_COLUMNS = (
    "cluster_id",
    "level",
    "label",
    "keywords",
    "size",
    "parent_id",
    "pinned",
    "label_edited",
)
ROUND_COLUMNS = (
    "round_id",
    "title",
    "rubric_id",
    "rubric_version",
    "blind",
    "revealed",
    "status",
    "rubric",
)
SCORE_COLUMNS = (
    "round_id",
    "target_kind",
    "target_id",
    "rater",
    "rater_kind",
    "criterion",
    "value",
    "dont_know",
    "normalised",
)
COMMENT_COLUMNS = (
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
)


@dataclass
class BundleTables:
    """What a bundle holds, before it is written in any format."""

    ideas: pd.DataFrame
    clusters: pd.DataFrame
    rounds: pd.DataFrame
    scores: pd.DataFrame
    comments: pd.DataFrame
    participants_votes: pd.DataFrame | None
    graph: nx.MultiDiGraph
    embeddings: np.ndarray | None
    context: dict[str, Any] = field(default_factory=dict)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tabular resources by name (``participants-votes`` only where the data allows)."""
        named = {
            "ideas": self.ideas,
            "clusters": self.clusters,
            "rounds": self.rounds,
            "scores": self.scores,
            "comments": self.comments,
        }
        if self.participants_votes is not None:
            named["participants-votes"] = self.participants_votes
        return named


def bundle_tables(
    store: Store,
    workshop_id: int,
    scrubber: Scrubber,
    *,
    level: str = "group",
    embeddings: bool = False,
) -> BundleTables:
    if level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}: use one of {', '.join(LEVELS)}.")
    workshop = store.get_workshop(workshop_id)
    rows = stored_rows(store, workshop_id)
    groups = store.active_clusters(workshop_id)
    themes = store.active_themes(workshop_id)
    cluster_number = {c["id"]: n for n, c in enumerate([*groups, *themes], start=1)}
    idea_number = {row["idea_id"]: n for n, row in enumerate(rows, start=1)}

    clusters = _clusters_frame(groups, themes, cluster_number)
    dvf = _dvf_by_idea(store, workshop_id, rows, cluster_number, idea_number)
    decisions = _decisions_by_idea(store, workshop_id)
    rounds, scores, rater_kinds = _rounds_and_scores(
        store, workshop_id, scrubber, cluster_number, idea_number
    )
    vectors = _embeddings(store, workshop_id, rows) if embeddings else None

    # the privacy treatment, then the renumbering
    scrubber.author_columns |= author_columns(store.list_imports(workshop_id))
    languages = [row["language"] for row in rows]
    for name in ("text", "title"):
        cleaned = scrubber.texts([row[name] for row in rows], languages)
        for row, value in zip(rows, cleaned, strict=True):
            row[name] = value
    originals = scrubber.originals([row["original"] for row in rows], languages)
    by_id = {c["id"]: c for c in [*groups, *themes]}
    ideas = []
    for row, original in zip(rows, originals, strict=True):
        stored_id = row["idea_id"]
        group = row["cluster_id"]
        theme = row["theme_id"]
        chosen = theme if level == "theme" else group
        chosen_row = by_id.get(chosen)
        ideas.append(
            {
                "idea_id": idea_number[stored_id],
                **{k: row[k] for k in ("source", "source_id", "title", "text")},
                "author": scrubber.author(row["author"]),
                **{k: row[k] for k in ("category", "votes", "created", "language")},
                "cluster_id": cluster_number.get(chosen),
                "cluster_label": chosen_row["label"] if chosen_row else None,
                "cluster_keywords": list(chosen_row["keywords"]) if chosen_row else [],
                "group_id": cluster_number.get(group),
                "group_label": row["cluster_label"],
                "theme_id": cluster_number.get(theme),
                "theme_label": row["theme_label"],
                "secondary_theme_id": cluster_number.get(row["secondary_theme_id"]),
                "secondary_theme_label": row["secondary_theme_label"],
                "secondary_similarity": row["secondary_similarity"],
                "similarity": row["similarity"],
                "loose": row["loose"],
                "duplicate_group": row["duplicate_group"],
                "merged_into": idea_number.get(row["merged_into"]),
                "x": row["x"],
                "y": row["y"],
                **dvf.get(stored_id, {}),
                **decisions.get(stored_id, {}),
                "original": original,
            }
        )
    ideas_frame = pd.DataFrame(ideas, columns=list(IDEA_COLUMNS))
    ideas_frame = ideas_frame.astype({"idea_id": "int64"})
    for column in ("cluster_id", "group_id", "theme_id", "secondary_theme_id", "merged_into"):
        ideas_frame[column] = ideas_frame[column].astype("Int64")
    for column in ("votes", "duplicate_group", "dvf_round", "dvf_rank"):
        ideas_frame[column] = pd.array(ideas_frame[column], dtype="Int64")
    ideas_frame["loose"] = pd.array(ideas_frame["loose"], dtype="boolean")

    graph = _graph(store, workshop_id, scrubber, cluster_number, idea_number)
    comments, votes = _polis(ideas_frame, scores, rater_kinds)
    clustering = store.latest_clustering(workshop_id)
    context = {
        "workshop": {
            k: workshop[k] for k in ("title", "challenge", "description", "language", "template")
        },
        "clustering": clustering,
        "imports": store.list_imports(workshop_id),
        "level": level,
        "ideas": len(rows),
        "groups": len(groups),
        "themes": len(themes),
    }
    return BundleTables(
        ideas=ideas_frame,
        clusters=clusters,
        rounds=rounds,
        scores=scores,
        comments=comments,
        participants_votes=votes,
        graph=graph,
        embeddings=vectors,
        context=context,
    )


def _clusters_frame(groups, themes, number) -> pd.DataFrame:
    records = [
        {
            "cluster_id": number[c["id"]],
            "level": "theme" if c.get("level") else "group",
            "label": c["label"],
            "keywords": list(c["keywords"]),
            "size": int(c["size"]),
            "parent_id": number.get(c.get("parent_id")),
            "pinned": bool(c["pinned"]),
            "label_edited": bool(c["label_edited"]),
        }
        for c in [*groups, *themes]
    ]
    frame = pd.DataFrame(records, columns=list(CLUSTER_COLUMNS))
    frame["parent_id"] = pd.array(frame["parent_id"], dtype="Int64")
    return frame.astype({"cluster_id": "int64", "size": "int64", "pinned": bool})


def _visible_rounds(store: Store, workshop_id: int) -> list[dict[str, Any]]:
    """Rounds whose scores may be shown (not blind, or revealed), newest first."""
    return [r for r in store.list_rounds(workshop_id) if not r["blind"] or r["revealed"]]


def _dvf_by_idea(store, workshop_id, rows, cluster_number, idea_number) -> dict[int, dict]:
    """Each idea's DVF results: of the newest visible round scoring the idea itself, else its
    group, else its theme."""
    found: dict[int, dict] = {}
    for scoring_round in _visible_rounds(store, workshop_id):
        targets = {t["id"]: t for t in store.round_targets(scoring_round["id"])}
        results = round_results(store, scoring_round["id"])
        by_ref: dict[tuple[str, int], Any] = {}
        for result in results.targets:
            target = targets[result.target]
            ref = target["idea_id"] if target["kind"] == "idea" else target["cluster_id"]
            by_ref[(target["kind"], ref)] = result
        for row in rows:
            if row["idea_id"] in found:
                continue
            for kind, ref, name in (
                ("idea", row["idea_id"], "idea"),
                ("cluster", row["cluster_id"], "group"),
                ("cluster", row["theme_id"], "theme"),
            ):
                result = by_ref.get((kind, ref)) if ref is not None else None
                if result is None:
                    continue
                found[row["idea_id"]] = {
                    "dvf_round": scoring_round["id"],
                    "dvf_target": name,
                    **{
                        f"dvf_{d}": _round(result.dimensions[d].summary.mean)
                        if d in result.dimensions
                        else None
                        for d in DIMENSIONS
                    },
                    "dvf_overall": _round(result.overall),
                    "dvf_rank": result.rank,
                }
                break
    return found


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def _decisions_by_idea(store: Store, workshop_id: int) -> dict[int, dict]:
    """The status of each idea and the decision that reaches it (its own, else its group's)."""
    states = store.triage_states(workshop_id)
    decisions = store.get_decisions(
        d for s in states for d in (s["own_decision_id"], s["cluster_decision_id"])
    )
    found = {}
    for state in states:
        decision = decisions.get(state["own_decision_id"] or state["cluster_decision_id"])
        found[state["idea_id"]] = {
            "status": state["status"],
            "decision": decision["outcome"] if decision else None,
            "decision_answer_fr": decision["answer_fr"] if decision else None,
            "decision_answer_en": decision["answer_en"] if decision else None,
            "decided_at": decision["decided_at"] if decision else None,
        }
    return found


def _rounds_and_scores(store, workshop_id, scrubber, cluster_number, idea_number):
    """Rounds (with their rubric) and their raw answers, raters by pseudonym only: a blind
    round not revealed gives no answer at all."""
    round_rows, score_rows, rater_kinds = [], [], {}
    for scoring_round in sorted(store.list_rounds(workshop_id), key=lambda r: r["id"]):
        round_rows.append(
            {
                "round_id": scoring_round["id"],
                "title": scoring_round["title"],
                "rubric_id": scoring_round["rubric_id"],
                "rubric_version": scoring_round["rubric_version"],
                "blind": scoring_round["blind"],
                "revealed": scoring_round["revealed"],
                "status": scoring_round["status"],
                "rubric": json.dumps(scoring_round["rubric"], ensure_ascii=False),
            }
        )
        if scoring_round["blind"] and not scoring_round["revealed"]:
            continue
        targets = {t["id"]: t for t in store.round_targets(scoring_round["id"])}
        rubric = rubric_from_dict(scoring_round["rubric"], source=f"round {scoring_round['id']}")
        raters: dict[int, dict] = {}
        for score in store.round_scores(scoring_round["id"]):
            target = targets[score["target_id"]]
            if target["kind"] == "idea":
                kind, number = "idea", idea_number.get(target["idea_id"])
            else:
                cluster = target["cluster_id"]
                kind, number = "cluster", cluster_number.get(cluster)
            if number is None:
                continue
            rater = raters.get(score["rater_id"]) or store.get_rater(score["rater_id"])
            raters[score["rater_id"]] = rater
            # the token is a participant's key to the room: only its salted hash goes out
            alias = scrubber.author("rater:" + rater["token"])
            rater_kinds[alias] = rater["kind"]
            score_rows.append(
                {
                    "round_id": scoring_round["id"],
                    "target_kind": kind,
                    "target_id": number,
                    "rater": alias,
                    "rater_kind": rater["kind"],
                    "criterion": score["criterion"],
                    "value": score["value"],
                    "dont_know": bool(score["dont_know"]),
                    "normalised": _normalised(rubric, score["criterion"], score["value"]),
                }
            )
    rounds = pd.DataFrame(round_rows, columns=list(ROUND_COLUMNS))
    scores = pd.DataFrame(score_rows, columns=list(SCORE_COLUMNS))
    scores["value"] = scores["value"].astype("float64")
    scores["normalised"] = scores["normalised"].astype("float64")
    return rounds, scores, rater_kinds


def _normalised(rubric, criterion_id: str, value: float | None) -> float | None:
    """An answer on 0-1 of its criterion's scale (None for "don't know" and amounts)."""
    try:
        criterion = rubric.criterion(criterion_id)
    except ValueError:
        return None
    if value is None or criterion.kind != SCALE:
        return None
    return round(criterion.normalise(value), 6)


def _embeddings(store, workshop_id, rows) -> np.ndarray | None:
    """The vectors of the clustering's model, one row per idea in the ideas table's order
    (NaN where an idea has none)."""
    clustering = store.latest_clustering(workshop_id)
    if clustering is None:
        return None
    # the cache's key: the exact text the model saw
    hashes = {
        i["id"]: hash_for_cache(idea_text_for_embedding(i)) for i in store.list_ideas(workshop_id)
    }
    vectors = store.get_vectors(clustering["model_id"], hashes.values())
    if not vectors:
        return None
    dim = len(next(iter(vectors.values())))
    out = np.full((len(rows), dim), np.nan, dtype=np.float32)
    for index, row in enumerate(rows):
        vector = vectors.get(hashes[row["idea_id"]])
        if vector is not None:
            out[index] = vector
    return out


def _graph(store, workshop_id, scrubber, cluster_number, idea_number) -> nx.MultiDiGraph:
    """The stored stakeholder map with the bundle's numbers for clusters and ideas, notes
    redacted, idea labels redacted."""
    G = workshop_graph(store, workshop_id)
    mapping = {}
    for node, data in G.nodes(data=True):
        kind, ref = data.get("kind"), data.get("ref")
        number = {"cluster": cluster_number, "idea": idea_number}.get(kind, {}).get(ref)
        if number is not None:
            mapping[node] = f"{kind}:{number}"
            data["ref"] = number
    G = nx.relabel_nodes(G, mapping, copy=True)
    language = store.get_workshop(workshop_id)["language"]
    texts = [(("node", n), d.get("notes")) for n, d in G.nodes(data=True)]
    texts += [
        (("node-label", n), d.get("label"))
        for n, d in G.nodes(data=True)
        if d.get("kind") == "idea"
    ]
    texts += [(("edge", (u, v, k)), d.get("notes")) for u, v, k, d in G.edges(keys=True, data=True)]
    wanted = [(where, text) for where, text in texts if text]
    cleaned = scrubber.texts([t for _, t in wanted], [language] * len(wanted))
    for ((what, where), _), new in zip(wanted, cleaned, strict=True):
        if what == "node":
            G.nodes[where]["notes"] = new
        elif what == "node-label":
            G.nodes[where]["label"] = new
        else:
            G.edges[where]["notes"] = new
    return G


def _polis(ideas: pd.DataFrame, scores: pd.DataFrame, rater_kinds: dict) -> tuple:
    """Polis's ``comments.csv`` (ideas as comments) and, when ideas were scored one by one,
    its ``participants-votes.csv`` (raters x ideas: agree 1 when a rater's mean normalised
    answer is above the middle of the scale, disagree -1 below, pass 0 at the middle or
    "don't know"). Polis numbers comments from 0 and participants from 0: raters first, then
    authors of ideas."""
    idea_scores = scores[scores["target_kind"] == "idea"]
    raters = sorted(idea_scores["rater"].unique()) if len(idea_scores) else []
    participant = {alias: n for n, alias in enumerate(raters)}
    for author in ideas["author"].dropna().unique():
        participant.setdefault(author, len(participant))
    comment_id = {int(i): n for n, i in enumerate(ideas["idea_id"])}
    votes: dict[tuple[str, int], int] = {}
    if len(idea_scores):
        means = idea_scores.groupby(["rater", "target_id"])["normalised"].mean()
        for (rater, idea), mean in means.items():
            votes[(rater, comment_id[int(idea)])] = _vote(mean)
    agrees = Counter(c for (_, c), v in votes.items() if v == 1)
    disagrees = Counter(c for (_, c), v in votes.items() if v == -1)
    created = pd.to_datetime(ideas["created"], errors="coerce", utc=True, format="mixed")
    comments = pd.DataFrame(
        {
            "timestamp": [None if pd.isna(c) else int(c.timestamp() * 1000) for c in created],
            "datetime": [
                None if pd.isna(c) else c.strftime("%a %b %d %H:%M:%S UTC %Y") for c in created
            ],
            "comment-id": list(comment_id.values()),
            "author-id": [participant.get(a) for a in ideas["author"]],
            "agrees": [agrees[n] for n in comment_id.values()],
            "disagrees": [disagrees[n] for n in comment_id.values()],
            # a merged idea repeats another: Polis's "moderated out" (-1); others are in (1)
            "moderated": [-1 if pd.notna(m) else 1 for m in ideas["merged_into"]],
            "comment-body": ideas["text"],
        },
        columns=list(COMMENT_COLUMNS),
    )
    comments["timestamp"] = pd.array(comments["timestamp"], dtype="Int64")
    comments["author-id"] = pd.array(comments["author-id"], dtype="Int64")
    if not raters:
        return comments, None
    records = []
    for rater in raters:
        row = {
            "participant": participant[rater],
            "group-id": None,
            "n-comments": int((ideas["author"] == rater).sum()),
            "n-votes": sum(1 for (r, _) in votes if r == rater),
            "n-agree": sum(1 for (r, _), v in votes.items() if r == rater and v == 1),
            "n-disagree": sum(1 for (r, _), v in votes.items() if r == rater and v == -1),
        }
        for n in comment_id.values():
            row[str(n)] = votes.get((rater, n))
        records.append(row)
    matrix = pd.DataFrame(records)
    for column in matrix.columns:
        if column != "group-id":
            matrix[column] = pd.array(matrix[column], dtype="Int64")
    return comments, matrix


def _vote(mean: float) -> int:
    """Polis's vote from a rater's mean answer on 0-1."""
    if pd.isna(mean) or mean == 0.5:
        return 0
    return 1 if mean > 0.5 else -1
