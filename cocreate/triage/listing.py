"""The triage view's data: one page of the backlog with its columns, the count the filters
keep and the progress count, never the whole backlog (decision 0035)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cocreate.triage.actions import lifecycle_for
from cocreate.triage.staff import StaffMember, require_staff

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["PAGE_SIZE", "TriagePage", "triage_list", "LIST_COLUMNS"]

PAGE_SIZE = 50
LIST_COLUMNS = (
    "id",
    "status",
    "outcome",
    "decision_from",
    "cluster_id",
    "cluster_label",
    "department",
    "assignee_id",
    "score",
    "votes",
    "source",
    "language",
    "created",
    "text",
)


@dataclass
class TriagePage:
    """One page of the backlog: ``rows``, how many ideas the filters keep (``matching``),
    and the progress count ``triaged`` of ``total`` shown ideas."""

    rows: list[dict[str, Any]]
    matching: int
    triaged: int
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.matching // self.page_size))


def triage_list(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    filters: dict[str, Any] | None = None,
    *,
    sort: str = "date",
    descending: bool = True,
    page: int = 0,
    page_size: int = PAGE_SIZE,
    lang: str = "fr",
) -> TriagePage:
    """Page ``page`` (from 0) of the workshop's backlog, filtered and sorted (see
    :meth:`Store.triage_page`); a valuator sees only what is assigned to their department."""
    require_staff(actor, "read")
    filters = dict(filters or {})
    limit = actor.sees_only()
    if limit is not None:
        filters["department"] = limit
    rows, matching = store.triage_page(
        workshop_id,
        filters,
        sort=sort,
        descending=descending,
        limit=page_size,
        offset=max(0, page) * page_size,
    )
    lifecycle = lifecycle_for(store, workshop_id)
    names = {s.key: s.label(lang) for s in lifecycle.states}
    outcomes = {o.key: o.label(lang) for o in lifecycle.outcomes}
    for row in rows:
        row["status_name"] = names.get(row["status"], row["status"])
        row["outcome_name"] = outcomes.get(row["outcome"]) if row["outcome"] else None
    triaged, total = store.triage_progress(workshop_id)
    return TriagePage(rows, matching, triaged, total, page, page_size)
