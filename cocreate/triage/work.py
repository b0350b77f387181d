"""Staff work on one idea: edit a typo keeping the original, redact personal data in place,
hide spam, delete with a trace. Each adds a history line; a redaction's trace says who, when
and how many characters, never the removed text (decision 0036)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cocreate.i18n import t
from cocreate.triage.errors import TriageAccessDenied, TriageError
from cocreate.triage.staff import StaffMember, require_staff

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["edit_idea", "redact_idea", "hide_idea", "show_idea", "delete_idea", "idea_detail"]


def _idea(store: Store, workshop_id: int, idea_id: int) -> dict[str, Any]:
    try:
        idea = store.get_idea(idea_id)
    except Exception:  # noqa: BLE001 - any lookup failure is "no such idea" to the caller
        idea = None
    if idea is None or idea["workshop_id"] != workshop_id:
        raise TriageError("triage.unknown_idea", idea=idea_id, workshop=workshop_id)
    return idea


def edit_idea(
    store: Store, actor: StaffMember, workshop_id: int, idea_id: int, new_text: str
) -> None:
    """Change the shown text (search follows); the text it replaces is kept in the edit row
    and the imported row stays in ``ideas.original``."""
    require_staff(actor, "edit")
    idea = _idea(store, workshop_id, idea_id)
    cleaned = new_text.strip()
    if not cleaned:
        raise TriageError("triage.edit.empty", idea=idea_id)
    if cleaned == idea["text"]:
        return
    store.write_idea_text(
        idea,
        kind="edit",
        new_text=cleaned,
        new_original=None,
        chars=len(cleaned) - len(idea["text"]),
        staff_id=actor.id,
        staff_name=actor.name,
    )


def _scrub(value: Any, passages: list[str], marker: str) -> tuple[Any, int]:
    """``value`` with every passage replaced by ``marker`` (strings inside dicts and lists
    too) and the number of characters removed."""
    if isinstance(value, str):
        removed = 0
        for passage in passages:
            removed += value.count(passage) * len(passage)
            value = value.replace(passage, marker)
        return value, removed
    if isinstance(value, dict):
        total, out = 0, {}
        for key, item in value.items():
            out[key], removed = _scrub(item, passages, marker)
            total += removed
        return out, total
    if isinstance(value, list):
        total, items = 0, []
        for item in value:
            scrubbed, removed = _scrub(item, passages, marker)
            items.append(scrubbed)
            total += removed
        return items, total
    return value, 0


def redact_idea(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    idea_id: int,
    passages: list[str],
    *,
    lang: str = "fr",
) -> int:
    """Replace each passage (a name, a phone number...) with a marker in the idea's text and
    in its original row and earlier edits; returns how many characters went. The removed text
    is kept nowhere: the search index is rebuilt and freed pages are zeroed."""
    require_staff(actor, "edit")
    idea = _idea(store, workshop_id, idea_id)
    wanted = sorted({p for p in passages if p and p.strip()}, key=len, reverse=True)
    marker = t("triage.redacted_marker", lang)
    text, removed_text = _scrub(idea["text"], wanted, marker)
    fields = {k: idea[k] for k in ("title", "author", "category")}
    scrubbed_fields, removed_fields = _scrub(fields, wanted, marker)
    original, removed_original = _scrub(_loads(idea["original"]), wanted, marker)
    removed = removed_text + removed_fields + removed_original
    if not removed:
        raise TriageError("triage.redact.nothing", idea=idea_id)
    store.redact_idea_text(
        idea,
        new_text=text,
        fields=scrubbed_fields,
        new_original=original,
        replacements=[(p, marker) for p in wanted],
        chars=removed_text,
        staff_id=actor.id,
        staff_name=actor.name,
    )
    return removed_text


def _loads(original: Any) -> Any:
    return json.loads(original) if isinstance(original, str) else (original or {})


def hide_idea(store: Store, actor: StaffMember, workshop_id: int, idea_id: int) -> None:
    """Hide spam: out of public views and counts, visible to staff with the hidden filter."""
    require_staff(actor, "edit")
    store.set_hidden(
        _idea(store, workshop_id, idea_id), True, staff_id=actor.id, staff_name=actor.name
    )


def show_idea(store: Store, actor: StaffMember, workshop_id: int, idea_id: int) -> None:
    require_staff(actor, "edit")
    store.set_hidden(
        _idea(store, workshop_id, idea_id), False, staff_id=actor.id, staff_name=actor.name
    )


def delete_idea(store: Store, actor: StaffMember, workshop_id: int, idea_id: int) -> None:
    """Delete an idea with a trace: a tombstone of its key (a re-import of the same row does
    not bring it back) and a history line; its text is not kept."""
    require_staff(actor, "delete")
    store.delete_idea(_idea(store, workshop_id, idea_id), staff_id=actor.id, staff_name=actor.name)


def idea_detail(store: Store, actor: StaffMember, workshop_id: int, idea_id: int) -> dict[str, Any]:
    """What the detail view shows: the idea with its triage columns, original row, edits,
    merges, valuation, milestones and history."""
    require_staff(actor, "read")
    idea = _idea(store, workshop_id, idea_id)
    [row] = store.triage_rows(workshop_id, [idea_id])
    limit = actor.sees_only()
    if limit is not None and row["department"] != limit:
        raise TriageAccessDenied("triage.denied.department", name=actor.name, department=limit)
    merges = [
        m
        for m in store.active_merges(workshop_id)
        if idea_id in (m["primary_idea_id"], m["merged_idea_id"])
    ]
    return {
        **row,
        "original": _loads(idea["original"]),
        "edits": store.idea_edits(idea_id),
        "merges": merges,
        "valuation": store.current_valuation(idea_id=idea_id)
        or (store.current_valuation(cluster_id=row["cluster_id"]) if row["cluster_id"] else None),
        "milestones": store.milestones_for(
            [idea_id], [row["decision_id"]] if row["decision_id"] else []
        ),
        "history": store.triage_history(workshop_id, idea_id=idea_id),
    }
