"""The demo workshop at work: besides its ideas (``load_demo``), its ideas grouped, a scoring
round already revealed and a starter stakeholder map linked to the groups, so every page has
something to show. Read from ``templates/demo/stage.toml`` and ``scores.csv`` (data written
for the project). Groups have no fixed numbers, so the data names one demo idea and means the
group that holds it.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cocreate.clustering import cluster_workshop
from cocreate.scoring import copy_rubric_to_workshop, open_round, submit_score, workshop_rubric
from cocreate.stakeholders import Link, import_map, starter_map
from cocreate.templates import templates_dir

if TYPE_CHECKING:
    from cocreate.clustering import Embedder
    from cocreate.store import Store

__all__ = ["DemoStage", "stage_demo"]


@dataclass
class DemoStage:
    """What ``stage_demo`` added; zeros when the demo already had it."""

    clustered: bool
    round_id: int | None
    scores: int
    map_counts: dict[str, dict[str, int]]


def _plan() -> dict[str, Any]:
    with (templates_dir() / "demo" / "stage.toml").open("rb") as handle:
        return tomllib.load(handle)


def _group_of(store: Store, workshop_id: int) -> dict[str, int]:
    """Demo idea id (``id`` column of ideas.csv) -> the cluster holding it now."""
    cluster_of = {a["idea_id"]: a["cluster_id"] for a in store.assignments(workshop_id)}
    return {
        idea["source_key"]: cluster_of[idea["id"]]
        for idea in store.list_ideas(workshop_id)
        if cluster_of.get(idea["id"])
    }


def _localised(value: Any, language: str) -> str:
    return value.get(language) or value.get("en", "") if isinstance(value, dict) else str(value)


def stage_demo(store: Store, workshop_id: int, *, model: str | Embedder | None = None) -> DemoStage:
    """Group the demo's ideas, open, score and reveal its round, and store its map linked to
    the groups; idempotent (what is there already is left as it is)."""
    plan = _plan()
    workshop = store.get_workshop(workshop_id)
    language = workshop["language"] or "fr"
    clustered = store.latest_clustering(workshop_id) is None
    if clustered:
        cluster_workshop(store, workshop_id, seed=plan.get("seed", 0), model=model)
    group = _group_of(store, workshop_id)
    round_id, scores = _stage_round(store, workshop_id, plan["round"], group, language)
    smap = starter_map(plan["map"]["starter"], language)
    links = tuple(
        Link(link["actor"], "cluster", group[link["idea"]], link["role"])
        for link in plan["map"].get("links", [])
        if link["idea"] in group
    )
    counts = import_map(store, workshop_id, replace(smap, links=smap.links + links))
    return DemoStage(clustered, round_id, scores, counts)


def _stage_round(
    store: Store, workshop_id: int, spec: dict[str, Any], group: dict[str, int], language: str
) -> tuple[int | None, int]:
    title = _localised(spec["title"], language)
    if any(r["title"] == title for r in store.list_rounds(workshop_id)):
        return None, 0
    if workshop_rubric(store, workshop_id) is None:
        copy_rubric_to_workshop(store, workshop_id, spec["rubric"])
    clusters = list(dict.fromkeys(group[key] for key in spec["targets"] if key in group))
    scoring_round = open_round(
        store, workshop_id, [("cluster", c) for c in clusters], title=title, blind=True
    )
    target_of = {t["cluster_id"]: t["id"] for t in store.round_targets(scoring_round["id"])}
    # an idea the data names twice in one group scores that group once, with its first answers
    scored_target: dict[str, int] = {}
    for key in spec["targets"]:
        if key in group and target_of[group[key]] not in scored_target.values():
            scored_target[key] = target_of[group[key]]
    raters: dict[str, int] = {}
    stored = 0
    with (templates_dir() / "demo" / spec["scores"]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            target_id = scored_target.get(row.pop("target"))
            rater = row.pop("rater")
            if target_id is None:
                continue
            if rater not in raters:
                raters[rater] = store.add_rater(workshop_id)["id"]
            for criterion, value in row.items():
                answer = float(value) if value.strip() else None
                submit_score(
                    store, scoring_round["id"], target_id, raters[rater], criterion, answer
                )
                stored += 1
    store.reveal_round(scoring_round["id"])
    return scoring_round["id"], stored
