"""What became of our ideas: the public follow-up, by status and by cluster, of the ideas a
decision reaches, with answers and milestones; no author, no contact, no hidden or deleted
idea, and the redacted text only (the text shown, never the original row)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreate.i18n import LANGUAGES
from cocreate.triage.actions import lifecycle_for

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["public_followup"]


def public_followup(store: Store, workshop_id: int, lang: str = "fr") -> dict[str, Any]:
    """The public view's data: ``ideas`` (each with status, outcome, answer in ``lang``,
    cluster and milestones), ``by_status`` and ``by_cluster`` groupings and ``counts``."""
    lifecycle = lifecycle_for(store, workshop_id)
    other = next((x for x in LANGUAGES if x != lang), lang)
    rows = store.decided_idea_rows(workshop_id)
    milestones = store.milestones_for(
        [r["id"] for r in rows], [r["decision_id"] for r in rows if r["decision_id"]]
    )
    # milestones found by idea and by decision at once (they come sorted by date)
    by_idea: dict[int, list[dict[str, Any]]] = {}
    by_decision: dict[int, list[dict[str, Any]]] = {}
    for m in milestones:
        if m["idea_id"] is not None:
            by_idea.setdefault(m["idea_id"], []).append(m)
        if m["decision_id"] is not None:
            by_decision.setdefault(m["decision_id"], []).append(m)

    def steps(idea_id: int, decision_id: int | None) -> list[dict[str, Any]]:
        found = {m["id"]: m for m in by_idea.get(idea_id, []) + by_decision.get(decision_id, [])}
        return [
            {"date": m["on_date"], "text": m["text"], "photo_path": m["photo_path"]}
            for m in sorted(found.values(), key=lambda m: (m["on_date"], m["id"]))
        ]

    ideas = []
    for row in rows:
        ideas.append(
            {
                "idea_id": row["id"],
                "title": row["title"],
                "text": row["text"],
                "status": row["status"],
                "status_name": lifecycle.state(row["status"]).label(lang),
                "outcome": row["outcome"],
                "outcome_name": lifecycle.outcome(row["outcome"]).label(lang),
                "answer": row.get(f"answer_{lang}") or row.get(f"answer_{other}") or "",
                "cluster_id": row["cluster_id"],
                "cluster_label": row["cluster_label"],
                "milestones": steps(row["id"], row["decision_id"]),
            }
        )
    by_status = [
        {
            "status": state.key,
            "name": state.label(lang),
            "ideas": [i for i in ideas if i["status"] == state.key],
        }
        for state in lifecycle.states
    ]
    by_status = [group for group in by_status if group["ideas"]]
    clusters: dict[Any, dict[str, Any]] = {}
    for idea in ideas:
        group = clusters.setdefault(
            idea["cluster_id"],
            {"cluster_id": idea["cluster_id"], "label": idea["cluster_label"], "ideas": []},
        )
        group["ideas"].append(idea)
    return {
        "ideas": ideas,
        "by_status": by_status,
        "by_cluster": sorted(clusters.values(), key=lambda g: -len(g["ideas"])),
        "counts": {group["status"]: len(group["ideas"]) for group in by_status},
    }
