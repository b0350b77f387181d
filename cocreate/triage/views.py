"""What the triage pages need beyond the actions: the filters' choices, saved views (filters
stored under a name, per staff member and workshop) and a page of a cluster's members.

A filter set is a plain dict of :meth:`Store.triage_page` filters, so a saved view replays
exactly what the listing showed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreate.triage.errors import TriageError
from cocreate.triage.listing import PAGE_SIZE, TriagePage, triage_list
from cocreate.triage.staff import StaffMember, require_staff

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "FILTER_KEYS",
    "clean_filters",
    "triage_choices",
    "staff_choices",
    "save_view",
    "saved_views",
    "delete_view",
    "cluster_members",
]

FILTER_KEYS = (
    "status",
    "cluster_id",
    "theme_id",
    "with_secondary",
    "department",
    "assignee_id",
    "source",
    "language",
    "category",
    "no_answer",
    "older_than_days",
    "hidden",
    "search",
)


def clean_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters that narrow the listing (empty ones dropped; ``hidden`` False kept off)."""
    kept = {}
    for key in FILTER_KEYS:
        # an absent "hidden" is the listing's default (shown ideas), not None ("all"): a
        # filter set cleaned twice keeps hidden ideas out
        value = filters.get(key, False if key == "hidden" else None)
        if key == "hidden":
            if value is not False:
                kept[key] = value
        elif value not in (None, "", [], False, 0):
            kept[key] = value
    return kept


def triage_choices(store: Store, actor: StaffMember, workshop_id: int) -> dict[str, list[Any]]:
    """The values the filters offer (see :meth:`Store.triage_choices`), plus ``staff``
    (id, name); a valuator is offered only their own department."""
    require_staff(actor, "read")
    choices = store.triage_choices(workshop_id)
    choices["staff"] = staff_choices(store, actor)
    if actor.sees_only() is not None:
        choices["departments"] = [actor.sees_only()]
    return choices


def staff_choices(store: Store, actor: StaffMember) -> list[dict[str, Any]]:
    """The staff members ideas can be assigned to (id, name)."""
    require_staff(actor, "read")
    return [{"id": row["id"], "name": row["name"]} for row in store.list_staff_members()]


def save_view(
    store: Store, actor: StaffMember, workshop_id: int, name: str, filters: dict[str, Any]
) -> None:
    """Keep ``filters`` under ``name`` for this staff member (a same name is replaced)."""
    require_staff(actor, "read")
    if not name.strip():
        raise TriageError("triage_pages.view_no_name")
    store.save_view(workshop_id, name.strip(), clean_filters(filters), actor.name)


def saved_views(store: Store, actor: StaffMember, workshop_id: int) -> list[dict[str, Any]]:
    """This staff member's saved views (id, name, filters), by name."""
    require_staff(actor, "read")
    return store.saved_views(workshop_id, actor.name)


def delete_view(store: Store, actor: StaffMember, workshop_id: int, view_id: int) -> None:
    require_staff(actor, "read")
    if view_id not in {v["id"] for v in store.saved_views(workshop_id, actor.name)}:
        raise TriageError("triage_pages.view_unknown", view=view_id)
    store.delete_saved_view(view_id)


def cluster_members(
    store: Store,
    actor: StaffMember,
    workshop_id: int,
    cluster_id: int,
    *,
    page: int = 0,
    page_size: int = PAGE_SIZE,
    lang: str = "fr",
) -> TriagePage:
    """Page ``page`` of every member of a cluster (hidden ones too), by id: the full list,
    never cut at a first screenful."""
    return triage_list(
        store,
        actor,
        workshop_id,
        {"cluster_id": cluster_id, "hidden": None},
        sort="added",
        descending=False,
        page=page,
        page_size=page_size,
        lang=lang,
    )
