"""Staff members act under their own name: each has a role and their own secret (shown once,
stored as a salted scrypt hash like a facilitator's), and every triage action checks the role
on the server (:func:`require_staff`), so every history line says who.

Roles: ``admin`` may do everything (staff members included); ``staff`` triages, assigns,
values, decides and works ideas; ``valuator`` sees and values only what is assigned to their
department; ``readonly`` reads. In ``open`` access mode (the app on this machine only) the
person at the machine acts as an admin under the name they give (default: the OS user name).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cocreate.access import (
    TRIES,
    Access,
    TryLimiter,
    access_mode,
    hash_secret,
    new_secret,
    verify_secret,
)
from cocreate.store import StoreError
from cocreate.triage.errors import TriageAccessDenied, TriageError

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "ROLES",
    "ADMIN",
    "STAFF",
    "VALUATOR",
    "READONLY",
    "PERMISSIONS",
    "StaffMember",
    "add_staff_member",
    "list_staff",
    "retire_staff_member",
    "sign_in",
    "sign_in_session",
    "local_admin",
    "acting_staff",
    "staff_by_name",
    "require_staff",
]

ADMIN, STAFF, VALUATOR, READONLY = "admin", "staff", "valuator", "readonly"
ROLES = (ADMIN, STAFF, VALUATOR, READONLY)
# which roles may do each kind of action
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset(ROLES),
    "triage": frozenset({ADMIN, STAFF}),
    "assign": frozenset({ADMIN, STAFF}),
    "value": frozenset({ADMIN, STAFF, VALUATOR}),
    "decide": frozenset({ADMIN, STAFF}),
    "edit": frozenset({ADMIN, STAFF}),
    "delete": frozenset({ADMIN}),
    "manage_staff": frozenset({ADMIN}),
}


@dataclass(frozen=True)
class StaffMember:
    """Who acts: a stored staff member, or the person at the machine (``id`` None)."""

    id: int | None
    name: str
    role: str
    department: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> StaffMember:
        return cls(row["id"], row["name"], row["role"], row["department"])

    def sees_only(self) -> str | None:
        """The department a valuator is limited to (``None``: sees everything)."""
        return self.department if self.role == VALUATOR else None


def require_staff(actor: StaffMember | None, action: str) -> StaffMember:
    """Refuse (raise :class:`TriageAccessDenied`) unless ``actor`` may do ``action``."""
    if actor is None:
        raise TriageAccessDenied("triage.denied.signed_out")
    if actor.role not in PERMISSIONS[action]:
        raise TriageAccessDenied("triage.denied.role", name=actor.name, role=actor.role)
    if actor.role == VALUATOR and not actor.department:
        raise TriageAccessDenied("triage.denied.no_department", name=actor.name)
    return actor


def local_admin(name: str | None = None) -> StaffMember:
    """The person at the machine in ``open`` mode: an admin under the name they give."""
    given = (name or "").strip()
    if not given:
        try:
            given = getpass.getuser()
        except (KeyError, OSError):
            given = "local"
    return StaffMember(None, given, ADMIN)


def add_staff_member(
    store: Store, actor: StaffMember, name: str, role: str, department: str | None = None
) -> tuple[StaffMember, str]:
    """Add a staff member; returns them and their secret (the only time it is seen)."""
    require_staff(actor, "manage_staff")
    if role not in ROLES:
        raise TriageError("triage.staff.bad_role", role=role, roles=", ".join(ROLES))
    if not name.strip():
        raise TriageError("triage.staff.no_name")
    if role == VALUATOR and not (department or "").strip():
        raise TriageError("triage.staff.valuator_department", name=name.strip())
    secret = new_secret()
    try:
        row = store.add_staff_member(
            name, role, (department or "").strip() or None, hash_secret(secret)
        )
    except StoreError:
        raise TriageError("triage.staff.name_taken", name=name.strip()) from None
    return StaffMember.from_row(row), secret


def list_staff(store: Store, *, include_retired: bool = False) -> list[dict[str, Any]]:
    """Staff members without their secret hash."""
    return [
        {k: v for k, v in row.items() if k != "secret_hash"}
        for row in store.list_staff_members(include_retired=include_retired)
    ]


def retire_staff_member(store: Store, actor: StaffMember, name: str) -> None:
    require_staff(actor, "manage_staff")
    member = staff_by_name(store, name)
    store.retire_staff_member(member.id)


def staff_by_name(store: Store, name: str) -> StaffMember:
    row = store.find_staff_member(name)
    if row is None:
        raise TriageError("triage.staff.unknown", name=name)
    return StaffMember.from_row(row)


def sign_in(store: Store, name: str, secret: str) -> StaffMember | None:
    """The staff member if ``secret`` is theirs, else ``None`` (unknown name or wrong secret)."""
    row = store.find_staff_member(name)
    if row is None or not verify_secret(secret, row["secret_hash"]):
        return None
    return StaffMember.from_row(row)


def sign_in_session(
    store: Store,
    access: Access,
    name: str,
    secret: str,
    *,
    client: str | None = None,
    limiter: TryLimiter | None = None,
) -> StaffMember | None:
    """Sign a browser session in as a staff member (kept in its server-side ``Access``).
    Wrong tries are limited per client and per staff name, as facilitator secrets are
    (:class:`cocreate.access.TryLimiter`): past the limit :class:`TooManyTries` is raised
    before the secret is checked."""
    limiter = TRIES if limiter is None else limiter
    target = ("staff", name.strip().casefold())
    limiter.check(client, target)
    member = sign_in(store, name, secret)
    if member is None:
        limiter.failed(client, target)
        return None
    access.staff = member
    return member


def acting_staff(access: Access, name: str | None = None) -> StaffMember | None:
    """Who acts in this session: the signed-in staff member, else in ``open`` mode the
    person at the machine as an admin (named ``name``), else nobody."""
    if isinstance(access.staff, StaffMember):
        return access.staff
    if access_mode() == "open":
        return local_admin(name)
    return None
