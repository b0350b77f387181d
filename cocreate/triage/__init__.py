"""Working a backlog to the end: statuses along a lifecycle defined as data, named staff
members with roles, assignment and valuation, decisions on ideas or whole clusters with a
public answer that reaches every author, milestones, staff work on ideas (edit, redact, hide,
delete with a trace), the paginated triage listing, the feedback export for authors, the
public follow-up and the per-idea facts the indicators read.

Decisions: docs/decisions/0033 (lifecycle as data) to 0039. Only :mod:`cocreate.store` runs
SQL; every action here checks the actor's role (:func:`require_staff`) and the lifecycle's
rules before one transaction writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cocreate.store.triage import LIST_SORTS
from cocreate.triage.actions import (
    EffectiveDecision,
    add_milestone,
    assign,
    change_status,
    decide,
    decide_ideas,
    decide_theme,
    differing_ideas,
    effective_decisions,
    idea_history,
    lifecycle_for,
    use_lifecycle,
    value,
    value_ideas,
)
from cocreate.triage.errors import LifecycleError, TriageAccessDenied, TriageError
from cocreate.triage.feedback import FeedbackResult, FeedbackRow, feedback_rows, write_feedback
from cocreate.triage.lifecycle import (
    DEFAULT_LIFECYCLE,
    Lifecycle,
    Outcome,
    State,
    lifecycle_from_dict,
    list_lifecycles,
    load_lifecycle,
)
from cocreate.triage.listing import PAGE_SIZE, TriagePage, save_view, saved_views, triage_list
from cocreate.triage.progress import MappingResult, apply_progress_mapping
from cocreate.triage.public import public_followup
from cocreate.triage.staff import (
    ROLES,
    StaffMember,
    acting_staff,
    add_staff_member,
    list_staff,
    local_admin,
    require_staff,
    retire_staff_member,
    sign_in,
    sign_in_session,
    staff_by_name,
)
from cocreate.triage.work import (
    delete_idea,
    edit_idea,
    hide_idea,
    idea_detail,
    redact_idea,
    show_idea,
)

if TYPE_CHECKING:
    import pandas as pd

    from cocreate.store import Store

IDEA_FACT_COLUMNS = (
    "idea_id",
    "workshop_id",
    "created",
    "source",
    "channel",
    "author",
    "language",
    "status",
    "outcome",
    "decided_at",
    "answered_at",
    "cost",
    "department",
    "cluster_id",
    "original",
)


def idea_facts(store: Store, workshop_id: int | None = None) -> pd.DataFrame:
    """One row per shown idea (hidden and deleted left out) with the columns of
    ``IDEA_FACT_COLUMNS``: what the indicators count (see :meth:`Store.idea_facts`)."""
    import pandas as pd

    return pd.DataFrame(store.idea_facts(workshop_id), columns=list(IDEA_FACT_COLUMNS))


__all__ = [
    "DEFAULT_LIFECYCLE",
    "PAGE_SIZE",
    "LIST_SORTS",
    "FeedbackResult",
    "FeedbackRow",
    "MappingResult",
    "TriagePage",
    "apply_progress_mapping",
    "delete_idea",
    "edit_idea",
    "feedback_rows",
    "hide_idea",
    "idea_detail",
    "public_followup",
    "redact_idea",
    "show_idea",
    "triage_list",
    "save_view",
    "saved_views",
    "write_feedback",
    "IDEA_FACT_COLUMNS",
    "ROLES",
    "EffectiveDecision",
    "Lifecycle",
    "LifecycleError",
    "Outcome",
    "StaffMember",
    "State",
    "TriageAccessDenied",
    "TriageError",
    "acting_staff",
    "add_milestone",
    "add_staff_member",
    "assign",
    "change_status",
    "decide",
    "differing_ideas",
    "effective_decisions",
    "idea_facts",
    "decide_ideas",
    "decide_theme",
    "value_ideas",
    "idea_history",
    "lifecycle_for",
    "lifecycle_from_dict",
    "list_lifecycles",
    "list_staff",
    "load_lifecycle",
    "local_admin",
    "require_staff",
    "retire_staff_member",
    "sign_in",
    "sign_in_session",
    "staff_by_name",
    "use_lifecycle",
    "value",
]
