"""What staff do to a backlog: change statuses (many ideas or a whole cluster at once), assign,
value, decide an idea or a cluster with a public answer, add milestones; and which decision
applies to each idea (fan-out, resolved when read: decision 0034).

Every action checks the actor's role first, checks the lifecycle's rules against what is
stored, then writes in one transaction: a refused action stores nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from cocreate.store import StoreError
from cocreate.triage.errors import TriageAccessDenied, TriageError
from cocreate.triage.lifecycle import (
    DEFAULT_LIFECYCLE,
    Lifecycle,
    lifecycle_from_dict,
    load_lifecycle,
)
from cocreate.triage.staff import StaffMember, require_staff

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "EffectiveDecision",
    "lifecycle_for",
    "use_lifecycle",
    "change_status",
    "decide",
    "decide_ideas",
    "decide_theme",
    "effective_decisions",
    "differing_ideas",
    "assign",
    "value",
    "value_ideas",
    "add_milestone",
    "idea_history",
]


def lifecycle_for(store: Store, workshop_id: int) -> Lifecycle:
    """The workshop's lifecycle: its snapshot, else the built-in default."""
    snapshot = store.workshop_lifecycle(workshop_id)
    if snapshot is None:
        return load_lifecycle(DEFAULT_LIFECYCLE)
    return lifecycle_from_dict(snapshot["definition"], source=f"workshop {workshop_id}")


def use_lifecycle(
    store: Store, actor: StaffMember, workshop_id: int, name: str = DEFAULT_LIFECYCLE
) -> Lifecycle:
    """Give a workshop the lifecycle ``name`` (a file of templates/triage); a workshop that
    already has one keeps it (its history speaks its states)."""
    require_staff(actor, "manage_staff")
    chosen = load_lifecycle(name)
    store.snapshot_lifecycle(workshop_id, chosen.id, chosen.version, chosen.to_json())
    return lifecycle_for(store, workshop_id)


def _snapshotted(store: Store, workshop_id: int) -> Lifecycle:
    """The lifecycle a write follows, snapshotted with its first write."""
    lifecycle = lifecycle_for(store, workshop_id)
    store.snapshot_lifecycle(workshop_id, lifecycle.id, lifecycle.version, lifecycle.to_json())
    return lifecycle


def _states(store: Store, workshop_id: int, idea_ids: list[int]) -> list[dict[str, Any]]:
    states = store.triage_states(workshop_id, idea_ids)
    missing = sorted(set(idea_ids) - {s["idea_id"] for s in states})
    if missing:
        raise TriageError("triage.unknown_idea", idea=missing[0], workshop=workshop_id)
    return states


def _cluster_ids(store: Store, workshop_id: int, cluster_id: int) -> list[int]:
    _check_cluster(store, workshop_id, cluster_id)
    return store.fanout_idea_ids(cluster_id)


def _check_cluster(store: Store, workshop_id: int, cluster_id: int) -> None:
    try:
        cluster = store.get_cluster(cluster_id)
    except StoreError:
        cluster = None
    if cluster is None or cluster["workshop_id"] != workshop_id:
        raise TriageError("triage.unknown_cluster", cluster=cluster_id, workshop=workshop_id)


def _target_ids(
    store: Store, workshop_id: int, idea_ids: list[int] | None, cluster_id: int | None
) -> list[int]:
    if (idea_ids is None) == (cluster_id is None):
        raise TriageError("triage.one_target")
    if cluster_id is not None:
        return _cluster_ids(store, workshop_id, cluster_id)
    return sorted({int(i) for i in idea_ids or []})


def _outcome_of(store: Store, state: dict[str, Any]) -> str | None:
    decision_id = state["own_decision_id"] or state["cluster_decision_id"]
    if decision_id is None:
        return None
    return store.get_decisions([decision_id])[decision_id]["outcome"]


def change_status(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    to: str,
    *,
    idea_ids: list[int] | None = None,
    cluster_id: int | None = None,
    note: str = "",
) -> int:
    """Move many ideas (``idea_ids``, or every idea a decision on ``cluster_id`` reaches) to
    state ``to`` in one transaction, one history line per idea; returns how many moved.
    A move the lifecycle forbids for any of them is refused and nothing is stored."""
    require_staff(actor, "triage")
    lifecycle = _snapshotted(store, workshop_id)
    if to not in lifecycle.state_keys:
        raise TriageError("triage.unknown_state", state=to, states=", ".join(lifecycle.state_keys))
    if to == lifecycle.decided:
        raise TriageError("triage.decide_instead", state=to)
    ids = _target_ids(store, workshop_id, idea_ids, cluster_id)
    decided_order = lifecycle.state(lifecycle.decided).order
    needs_work_outcome = lifecycle.state(to).order > decided_order and lifecycle.rule(
        "work_requires_accepting_decision"
    )
    changes = []
    outcomes: dict[int, str | None] = {}
    for state in _states(store, workshop_id, ids):
        current = state["status"]
        if current == to:
            continue
        if not lifecycle.allows(current, to):
            raise TriageError(
                "triage.refused_transition", idea=state["idea_id"], source=current, target=to
            )
        if needs_work_outcome:
            decision_id = state["own_decision_id"] or state["cluster_decision_id"]
            if decision_id not in outcomes:
                outcomes[decision_id] = _outcome_of(store, state)
            outcome = outcomes[decision_id]
            if outcome is None or not lifecycle.outcome(outcome).allows_work:
                raise TriageError(
                    "triage.work_needs_acceptance",
                    idea=state["idea_id"],
                    target=to,
                    outcome=outcome or "-",
                )
        changes.append((state["idea_id"], current, to))
    if changes:
        store.write_statuses(
            workshop_id,
            changes,
            note=note,
            staff_id=actor.id,
            staff_name=actor.name,
            cluster_id=cluster_id,
        )
    return len(changes)


def _checked_outcome(
    store: Store, actor: StaffMember, workshop_id: int, outcome: str, merged_into: int | None
) -> Lifecycle:
    """The lifecycle a decision follows, once the actor's role, the outcome and the idea
    a ``merged`` outcome joins are checked."""
    require_staff(actor, "decide")
    lifecycle = _snapshotted(store, workshop_id)
    if outcome not in lifecycle.outcome_keys:
        raise TriageError(
            "triage.unknown_outcome", outcome=outcome, outcomes=", ".join(lifecycle.outcome_keys)
        )
    if outcome == "merged":
        if merged_into is None:
            raise TriageError("triage.merged_needs_target")
        _states(store, workshop_id, [merged_into])
    elif merged_into is not None:
        raise TriageError("triage.merged_into_only_for_merged", outcome=outcome)
    return lifecycle


def _check_reviewed(lifecycle: Lifecycle, concerned: list[dict[str, Any]]) -> None:
    """Refuse a decision reaching an idea still in the initial state with no decision yet,
    when the lifecycle asks for a review first (each idea's status before this decision)."""
    if not lifecycle.rule("review_required_before_decision"):
        return
    unreviewed = [
        s
        for s in concerned
        if (s["stored_status"] or lifecycle.initial) == lifecycle.initial
        and (s["own_decision_id"] or s["cluster_decision_id"]) is None
    ]
    if unreviewed:
        raise TriageError(
            "triage.review_first",
            idea=unreviewed[0]["idea_id"],
            count=len(unreviewed),
            state=lifecycle.initial,
        )


def _back_to_decided(
    lifecycle: Lifecycle, outcome: str, concerned: list[dict[str, Any]]
) -> list[tuple[int, str, str]]:
    """Ideas already at work go back to "decided" when the new outcome allows no work."""
    if lifecycle.outcome(outcome).allows_work:
        return []
    decided_order = lifecycle.state(lifecycle.decided).order
    return [
        (s["idea_id"], s["status"], lifecycle.decided)
        for s in concerned
        if lifecycle.state(s["status"]).order > decided_order
    ]


def decide(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    *,
    outcome: str,
    idea_id: int | None = None,
    cluster_id: int | None = None,
    answer_fr: str = "",
    answer_en: str = "",
    merged_into: int | None = None,
    note: str = "",
) -> int:
    """Decide an idea or a cluster: an outcome and a public answer in French and English
    (``merged_into`` names the idea a ``merged`` idea joins). A cluster's decision reaches
    every idea in it and the ideas merged into its members, except those with their own
    decision (taken before or after). Returns the decision id."""
    if (idea_id is None) == (cluster_id is None):
        require_staff(actor, "decide")
        raise TriageError("triage.one_target")
    answers = {"answer_fr": answer_fr, "answer_en": answer_en, "note": note}
    if idea_id is not None:
        [decision_id] = decide_ideas(
            store,
            actor,
            workshop_id,
            [idea_id],
            outcome=outcome,
            merged_into=merged_into,
            **answers,
        )
        return decision_id
    lifecycle = _checked_outcome(store, actor, workshop_id, outcome, merged_into)
    _check_cluster(store, workshop_id, cluster_id)
    states = store.triage_states(workshop_id, cluster_id=cluster_id)
    concerned = [s for s in states if s["own_decision_id"] is None]
    _check_reviewed(lifecycle, concerned)
    target = {
        "idea_id": None,
        "cluster_id": cluster_id,
        "from_status": None,
        "status_changes": _back_to_decided(lifecycle, outcome, concerned),
    }
    [decision_id] = store.write_decisions(
        workshop_id,
        [target],
        outcome=outcome,
        answer_fr=answer_fr.strip(),
        answer_en=answer_en.strip(),
        merged_into=merged_into,
        staff_id=actor.id,
        staff_name=actor.name,
        note=note,
        to_status=lifecycle.decided,
    )
    return decision_id


def decide_theme(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    theme_id: int,
    *,
    outcome: str,
    answer_fr: str = "",
    answer_en: str = "",
    note: str = "",
) -> list[int]:
    """The same decision on every group of a theme (a cluster of level 1), one decision per
    group, all in one transaction: each reaches its group's ideas as a group decision does.
    Refused, nothing stored, when the theme is unknown, holds no group, or the lifecycle
    refuses it for one idea. Returns the decision ids, groups in id order."""
    lifecycle = _checked_outcome(store, actor, workshop_id, outcome, None)
    _check_cluster(store, workshop_id, theme_id)
    groups = sorted(
        c["id"] for c in store.active_clusters(workshop_id) if c["parent_id"] == theme_id
    )
    if not groups:
        raise TriageError("triage.one_target")
    targets = []
    for group in groups:
        concerned = [
            s
            for s in store.triage_states(workshop_id, cluster_id=group)
            if s["own_decision_id"] is None
        ]
        _check_reviewed(lifecycle, concerned)
        targets.append(
            {
                "idea_id": None,
                "cluster_id": group,
                "from_status": None,
                "status_changes": _back_to_decided(lifecycle, outcome, concerned),
            }
        )
    return store.write_decisions(
        workshop_id,
        targets,
        outcome=outcome,
        answer_fr=answer_fr.strip(),
        answer_en=answer_en.strip(),
        merged_into=None,
        staff_id=actor.id,
        staff_name=actor.name,
        note=note,
        to_status=lifecycle.decided,
    )


def decide_ideas(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    idea_ids: list[int],
    *,
    outcome: str,
    answer_fr: str = "",
    answer_en: str = "",
    merged_into: int | None = None,
    note: str = "",
) -> list[int]:
    """The same decision taken on each of ``idea_ids`` (its own decision, one per idea), all
    in one transaction: when the lifecycle refuses it for one idea, the refusal names that
    idea and nothing is stored. Returns the decision ids, in the ideas' order (sorted)."""
    lifecycle = _checked_outcome(store, actor, workshop_id, outcome, merged_into)
    ids = sorted({int(i) for i in idea_ids})
    if not ids:
        raise TriageError("triage.one_target")
    if merged_into is not None and merged_into in ids:
        raise TriageError("triage.merged_needs_target")
    states = _states(store, workshop_id, ids)
    _check_reviewed(lifecycle, states)
    targets = [
        {
            "idea_id": s["idea_id"],
            "cluster_id": None,
            "from_status": s["status"],
            "status_changes": _back_to_decided(lifecycle, outcome, [s]),
        }
        for s in states
    ]
    return store.write_decisions(
        workshop_id,
        targets,
        outcome=outcome,
        answer_fr=answer_fr.strip(),
        answer_en=answer_en.strip(),
        merged_into=merged_into,
        staff_id=actor.id,
        staff_name=actor.name,
        note=note,
        to_status=lifecycle.decided,
    )


@dataclass(frozen=True)
class EffectiveDecision:
    """The decision that applies to one idea and where it comes from (``idea`` or
    ``cluster``)."""

    idea_id: int
    decision_id: int
    source: str
    cluster_id: int | None
    outcome: str
    answer_fr: str
    answer_en: str
    decided_at: str


def effective_decisions(
    store: Store, workshop_id: int, idea_ids: list[int] | None = None
) -> dict[int, EffectiveDecision | None]:
    """For each idea (all of the workshop's, or ``idea_ids``): the decision that applies to
    it (its own, else its cluster's), or ``None``."""
    states = store.triage_states(workshop_id, idea_ids)
    decisions = store.get_decisions(
        s["own_decision_id"] or s["cluster_decision_id"] for s in states
    )
    result: dict[int, EffectiveDecision | None] = {}
    for state in states:
        decision_id = state["own_decision_id"] or state["cluster_decision_id"]
        decision = decisions.get(decision_id)
        result[state["idea_id"]] = (
            None
            if decision is None
            else EffectiveDecision(
                idea_id=state["idea_id"],
                decision_id=decision_id,
                source="idea" if state["own_decision_id"] else "cluster",
                cluster_id=decision["cluster_id"] or state["decision_cluster_id"],
                outcome=decision["outcome"],
                answer_fr=decision["answer_fr"],
                answer_en=decision["answer_en"],
                decided_at=decision["decided_at"],
            )
        )
    return result


def differing_ideas(store: Store, cluster_id: int) -> list[dict[str, Any]]:
    """Ideas a decision on ``cluster_id`` would reach that have their own decision, with it
    and whether its outcome differs from the cluster's."""
    ids = store.fanout_idea_ids(cluster_id)
    if not ids:
        return []
    workshop_id = store.get_idea(ids[0])["workshop_id"]
    cluster_decision = store.current_decision(cluster_id=cluster_id)
    states = [s for s in store.triage_states(workshop_id, ids) if s["own_decision_id"]]
    decisions = store.get_decisions(s["own_decision_id"] for s in states)
    found = []
    for state in states:
        own = decisions[state["own_decision_id"]]
        found.append(
            {
                "idea_id": state["idea_id"],
                "decision_id": own["id"],
                "outcome": own["outcome"],
                "answer_fr": own["answer_fr"],
                "answer_en": own["answer_en"],
                "cluster_outcome": cluster_decision["outcome"] if cluster_decision else None,
                "differs": cluster_decision is None
                or (own["outcome"], own["answer_fr"], own["answer_en"])
                != (
                    cluster_decision["outcome"],
                    cluster_decision["answer_fr"],
                    cluster_decision["answer_en"],
                ),
            }
        )
    return found


def _department_of(store: Store, *, idea_id: int | None, cluster_id: int | None) -> str | None:
    if idea_id is not None:
        assignee = store.assignee_of(idea_id)
    else:
        assignee = store.cluster_assignee(cluster_id)
    return assignee["department"] if assignee else None


def assign(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    *,
    idea_ids: list[int] | None = None,
    cluster_id: int | None = None,
    department: str | None = None,
    staff_name: str | None = None,
) -> None:
    """Hand ideas or a cluster to a department and/or a named staff member."""
    require_staff(actor, "assign")
    if (idea_ids is None) == (cluster_id is None):
        raise TriageError("triage.one_target")
    department = (department or "").strip() or None
    assignee_id = None
    if staff_name:
        member = store.find_staff_member(staff_name)
        if member is None:
            raise TriageError("triage.staff.unknown", name=staff_name)
        assignee_id = member["id"]
    if department is None and assignee_id is None:
        raise TriageError("triage.assign_nobody")
    if idea_ids is not None:
        _states(store, workshop_id, list(idea_ids))
    else:
        _cluster_ids(store, workshop_id, cluster_id)
    store.write_assignee(
        workshop_id,
        idea_ids=sorted(set(idea_ids or [])),
        cluster_id=cluster_id,
        department=department,
        assignee_id=assignee_id,
        staff_id=actor.id,
        staff_name=actor.name,
    )


def value(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    *,
    feasible: bool,
    idea_id: int | None = None,
    cluster_id: int | None = None,
    reason: str = "",
    cost: float | None = None,
    department: str | None = None,
    due_date: str | None = None,
) -> int:
    """Value an idea or a cluster: feasible or not (with the written reason when not, if the
    lifecycle says so), estimated cost, department in charge, due date. A valuator values
    only what is assigned to their department."""
    require_staff(actor, "value")
    if (idea_id is None) == (cluster_id is None):
        raise TriageError("triage.one_target")
    valuation = {
        "feasible": feasible,
        "reason": reason,
        "cost": cost,
        "department": department,
        "due_date": due_date,
    }
    if idea_id is not None:
        [valuation_id] = value_ideas(store, actor, workshop_id, [idea_id], **valuation)
        return valuation_id
    _cluster_ids(store, workshop_id, cluster_id)
    limit = actor.sees_only()
    if limit is not None and _department_of(store, idea_id=None, cluster_id=cluster_id) != limit:
        raise TriageAccessDenied("triage.denied.department", name=actor.name, department=limit)
    return _write_valuations(
        store, actor, workshop_id, [(None, cluster_id)], f"cluster {cluster_id}", **valuation
    )[0]


def value_ideas(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    idea_ids: list[int],
    *,
    feasible: bool,
    reason: str = "",
    cost: float | None = None,
    department: str | None = None,
    due_date: str | None = None,
) -> list[int]:
    """The same valuation on each of ``idea_ids`` (one per idea), in one transaction: when
    one idea is refused (a valuator's idea outside their department) the refusal names it
    and nothing is stored. Returns the valuation ids, in the ideas' order (sorted)."""
    require_staff(actor, "value")
    ids = sorted({int(i) for i in idea_ids})
    if not ids:
        raise TriageError("triage.one_target")
    _states(store, workshop_id, ids)
    limit = actor.sees_only()
    if limit is not None:
        for idea_id in ids:
            if _department_of(store, idea_id=idea_id, cluster_id=None) != limit:
                raise TriageAccessDenied(
                    "triage.denied.department_idea",
                    name=actor.name,
                    department=limit,
                    idea=idea_id,
                )
    shown = ", ".join(map(str, ids[:5])) + (", …" if len(ids) > 5 else "")
    return _write_valuations(
        store,
        actor,
        workshop_id,
        [(i, None) for i in ids],
        shown,
        feasible=feasible,
        reason=reason,
        cost=cost,
        department=department,
        due_date=due_date,
    )


def _write_valuations(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    targets: list[tuple[int | None, int | None]],
    shown: str,
    *,
    feasible: bool,
    reason: str,
    cost: float | None,
    department: str | None,
    due_date: str | None,
) -> list[int]:
    """Check a valuation's values against the lifecycle's rules, then store it on every
    target in one transaction (``shown`` names the targets in a refusal)."""
    lifecycle = _snapshotted(store, workshop_id)
    reason = reason.strip()
    if not feasible and not reason and lifecycle.rule("reason_required_when_not_feasible"):
        raise TriageError("triage.reason_required", target=shown)
    if cost is not None and (cost < 0 or cost != cost):
        raise TriageError("triage.bad_cost", cost=cost)
    if due_date:
        try:
            date.fromisoformat(due_date)
        except ValueError:
            raise TriageError("triage.bad_date", value=due_date) from None
    return store.write_valuations(
        workshop_id,
        targets,
        feasible=feasible,
        reason=reason,
        cost=cost,
        department=(department or "").strip() or actor.sees_only(),
        due_date=due_date or None,
        staff_id=actor.id,
        staff_name=actor.name,
    )


def add_milestone(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    *,
    on_date: str,
    text: str,
    decision_id: int | None = None,
    idea_id: int | None = None,
    photo_path: str | None = None,
) -> int:
    """A milestone (date, text, optional photo path) on an accepted decision or on an idea
    whose decision accepts it."""
    require_staff(actor, "decide")
    lifecycle = _snapshotted(store, workshop_id)
    if (decision_id is None) == (idea_id is None):
        raise TriageError("triage.one_target")
    try:
        date.fromisoformat(on_date)
    except ValueError:
        raise TriageError("triage.bad_date", value=on_date) from None
    if not text.strip():
        raise TriageError("triage.milestone_text")
    if decision_id is not None:
        decision = store.get_decisions([decision_id]).get(decision_id)
        if decision is None or decision["workshop_id"] != workshop_id:
            raise TriageError("triage.unknown_decision", decision=decision_id)
        outcome = decision["outcome"]
        cluster_id = decision["cluster_id"]
    else:
        effective = effective_decisions(store, workshop_id, [idea_id])
        if idea_id not in effective:
            raise TriageError("triage.unknown_idea", idea=idea_id, workshop=workshop_id)
        found = effective[idea_id]
        outcome = found.outcome if found else None
        cluster_id = None
    if outcome is None or not lifecycle.outcome(outcome).allows_work:
        raise TriageError("triage.milestone_needs_acceptance", outcome=outcome or "-")
    return store.write_milestone(
        workshop_id,
        decision_id=decision_id,
        idea_id=idea_id,
        on_date=on_date,
        text=text.strip(),
        photo_path=photo_path or None,
        staff_id=actor.id,
        staff_name=actor.name,
        history_cluster_id=cluster_id,
    )


def idea_history(store: Store, actor: StaffMember, workshop_id: int, idea_id: int) -> list[dict]:
    """The history lines of an idea (its own and its cluster's), newest first."""
    require_staff(actor, "read")
    return store.triage_history(workshop_id, idea_id=idea_id)
