"""An import that already carries each project's progress (Paris's participatory budget:
`Avancement du projet`) mapped onto the lifecycle, with its budget and department as the
valuation's cost and department; the mapping is data (``templates/triage/progress-*.toml``,
decision 0039)."""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cocreate.triage.actions import _snapshotted
from cocreate.triage.errors import TriageError
from cocreate.triage.lifecycle import lifecycle_dir
from cocreate.triage.staff import StaffMember, require_staff

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["ProgressMapping", "MappingResult", "load_progress_mapping", "apply_progress_mapping"]


def _key(text: Any) -> str:
    """A column name or value compared without case, accents or punctuation."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower()))


@dataclass(frozen=True)
class ProgressMapping:
    id: str
    progress_columns: tuple[str, ...]
    budget_columns: tuple[str, ...]
    department_columns: tuple[str, ...]
    # normalised value -> (status, outcome)
    values: dict[str, tuple[str, str]]


@dataclass
class MappingResult:
    counts: Counter = field(default_factory=Counter)
    unmapped: Counter = field(default_factory=Counter)
    without_progress: int = 0


def load_progress_mapping(name: str, store: Store, workshop_id: int) -> ProgressMapping:
    """A mapping of ``templates/triage/<name>.toml``, checked against the workshop's
    lifecycle (every status and outcome must exist)."""
    path = lifecycle_dir() / f"{name}.toml"
    if not path.is_file():
        raise TriageError("triage.mapping.missing", name=name, folder=str(lifecycle_dir()))
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lifecycle = _snapshotted(store, workshop_id)
    values: dict[str, tuple[str, str]] = {}
    for raw, target in (data.get("values") or {}).items():
        status, outcome = target.get("status"), target.get("outcome")
        if status not in lifecycle.state_keys:
            raise TriageError(
                "triage.mapping.bad",
                file=str(path),
                key=f"values.{raw}.status",
                problem=f"one of {', '.join(lifecycle.state_keys)}",
            )
        if outcome not in lifecycle.outcome_keys:
            raise TriageError(
                "triage.mapping.bad",
                file=str(path),
                key=f"values.{raw}.outcome",
                problem=f"one of {', '.join(lifecycle.outcome_keys)}",
            )
        values[_key(raw)] = (status, outcome)
    columns = data.get("progress_columns") or []
    if not columns:
        raise TriageError(
            "triage.mapping.bad", file=str(path), key="progress_columns", problem="a list"
        )
    return ProgressMapping(
        id=data.get("id", name),
        progress_columns=tuple(columns),
        budget_columns=tuple(data.get("budget_columns") or ()),
        department_columns=tuple(data.get("department_columns") or ()),
        values=values,
    )


def _cell(original: dict[str, Any], columns: tuple[str, ...]) -> Any:
    by_key = {_key(k): v for k, v in original.items()}
    for column in columns:
        value = by_key.get(_key(column))
        if value is not None and str(value).strip():
            return value
    return None


def _amount(value: Any) -> float | None:
    if value is None:
        return None
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", str(value)).replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def apply_progress_mapping(
    store: Store, workshop_id: int, mapping_name: str, as_staff: StaffMember
) -> MappingResult:
    """Read each idea's original row, and record its progress as the idea's own decision and
    status (answer left empty), its budget and department as a valuation: one transaction.
    Values not in the mapping are counted in ``unmapped`` and the idea is left as it is."""
    require_staff(as_staff, "decide")
    mapping = load_progress_mapping(mapping_name, store, workshop_id)
    states = {s["idea_id"]: s["status"] for s in store.triage_states(workshop_id)}
    result = MappingResult()
    entries = []
    for idea in store.list_ideas(workshop_id):
        original = json.loads(idea["original"] or "{}")
        progress = _cell(original, mapping.progress_columns)
        if progress is None:
            result.without_progress += 1
            continue
        target = mapping.values.get(_key(progress))
        if target is None:
            result.unmapped[str(progress)] += 1
            continue
        status, outcome = target
        department = _cell(original, mapping.department_columns)
        entries.append(
            {
                "idea_id": idea["id"],
                "from": states.get(idea["id"]),
                "status": status,
                "outcome": outcome,
                "cost": _amount(_cell(original, mapping.budget_columns)),
                "department": str(department).strip() if department else None,
            }
        )
        result.counts[status] += 1
    if entries:
        store.write_mapped_progress(
            workshop_id, entries, note=mapping.id, staff_id=as_staff.id, staff_name=as_staff.name
        )
    return result
