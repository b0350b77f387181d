"""The lifecycle of an idea in a backlog, as data: states, decision outcomes, allowed moves and
rules, read from ``templates/triage/*.toml`` (an agency adds its own file beside the default)
or from the snapshot a workshop keeps (renaming a state in the template later changes no
history)."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.templates import templates_dir
from cocreate.triage.errors import LifecycleError

__all__ = [
    "DEFAULT_LIFECYCLE",
    "Lifecycle",
    "State",
    "Outcome",
    "lifecycle_dir",
    "list_lifecycles",
    "load_lifecycle",
    "lifecycle_from_dict",
]

DEFAULT_LIFECYCLE = "lifecycle"
KNOWN_RULES = {
    "review_required_before_decision": True,
    "reason_required_when_not_feasible": True,
    "work_requires_accepting_decision": True,
}


@dataclass(frozen=True)
class State:
    key: str
    order: int
    name: dict[str, str]

    def label(self, lang: str) -> str:
        return self.name.get(lang) or next(iter(self.name.values()))


@dataclass(frozen=True)
class Outcome:
    key: str
    name: dict[str, str]
    allows_work: bool

    def label(self, lang: str) -> str:
        return self.name.get(lang) or next(iter(self.name.values()))


@dataclass(frozen=True)
class Lifecycle:
    """States in order, outcomes, the moves allowed from each state and the rules."""

    id: str
    version: int
    title: dict[str, str]
    states: tuple[State, ...]
    outcomes: tuple[Outcome, ...]
    transitions: dict[str, tuple[str, ...]]
    rules: dict[str, bool]
    initial: str
    decided: str
    definition: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def state(self, key: str) -> State:
        for state in self.states:
            if state.key == key:
                return state
        raise KeyError(key)

    def outcome(self, key: str) -> Outcome:
        for outcome in self.outcomes:
            if outcome.key == key:
                return outcome
        raise KeyError(key)

    @property
    def state_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.states)

    @property
    def outcome_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.outcomes)

    def allows(self, source: str, target: str) -> bool:
        return target in self.transitions.get(source, ())

    def before(self, key: str) -> tuple[str, ...]:
        """The states ordered before ``key``."""
        limit = self.state(key).order
        return tuple(s.key for s in self.states if s.order < limit)

    def rule(self, name: str) -> bool:
        return self.rules.get(name, KNOWN_RULES[name])

    def to_json(self) -> str:
        return json.dumps(self.definition, ensure_ascii=False, sort_keys=True)


def lifecycle_dir() -> Path:
    return templates_dir() / "triage"


def list_lifecycles() -> list[str]:
    """Ids of the lifecycle files (files with ``[[states]]``; mappings live beside them)."""
    found = []
    for path in sorted(lifecycle_dir().glob("*.toml")):
        with path.open("rb") as handle:
            if "states" in tomllib.load(handle):
                found.append(path.stem)
    return found


def load_lifecycle(name: str | Path = DEFAULT_LIFECYCLE) -> Lifecycle:
    """A lifecycle by id (a file of ``templates/triage``) or path; :class:`LifecycleError`
    names the file and the key that is wrong."""
    path = Path(name) if isinstance(name, Path) else lifecycle_dir() / f"{name}.toml"
    if not path.is_file():
        raise LifecycleError("triage.lifecycle.missing", file=str(path))
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise LifecycleError(
            "triage.lifecycle.bad", file=str(path), key="-", problem=str(error)
        ) from None
    return lifecycle_from_dict(data, source=str(path))


def _names(where: str, value: Any, source: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in ("fr", "en")
    ):
        raise LifecycleError(
            "triage.lifecycle.bad", file=source, key=where, problem="name = { fr, en }"
        )
    return {"fr": value["fr"], "en": value["en"]}


def lifecycle_from_dict(data: dict[str, Any], *, source: str = "snapshot") -> Lifecycle:
    """Check and build a lifecycle from its TOML data (a file or a workshop's snapshot)."""

    def bad(key: str, problem: str) -> LifecycleError:
        return LifecycleError("triage.lifecycle.bad", file=source, key=key, problem=problem)

    states_data = data.get("states")
    if not isinstance(states_data, list) or not states_data:
        raise bad("states", "at least one [[states]] with key, order and name")
    states = []
    for position, item in enumerate(states_data):
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not key:
            raise bad(f"states[{position}].key", "a non-empty key")
        order = item.get("order")
        if not isinstance(order, int) or isinstance(order, bool):
            raise bad(f"states.{key}.order", "an integer")
        states.append(State(key, order, _names(f"states.{key}.name", item.get("name"), source)))
    keys = [s.key for s in states]
    if len(set(keys)) != len(keys):
        raise bad("states", "each key once")
    if len({s.order for s in states}) != len(states):
        raise bad("states", "each order once")
    states.sort(key=lambda s: s.order)
    outcomes = []
    for position, item in enumerate(data.get("outcomes") or []):
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not key:
            raise bad(f"outcomes[{position}].key", "a non-empty key")
        allows = item.get("allows_work", False)
        if not isinstance(allows, bool):
            raise bad(f"outcomes.{key}.allows_work", "true or false")
        outcomes.append(
            Outcome(key, _names(f"outcomes.{key}.name", item.get("name"), source), allows)
        )
    if not outcomes:
        raise bad("outcomes", "at least one [[outcomes]]")
    transitions: dict[str, tuple[str, ...]] = {}
    for source_state, targets in (data.get("transitions") or {}).items():
        if source_state not in keys:
            raise bad(f"transitions.{source_state}", f"an existing state ({', '.join(keys)})")
        if not isinstance(targets, list) or any(t not in keys for t in targets):
            raise bad(f"transitions.{source_state}", f"a list of states ({', '.join(keys)})")
        transitions[source_state] = tuple(targets)
    rules = {}
    for rule, value in (data.get("rules") or {}).items():
        if rule not in KNOWN_RULES:
            raise bad(f"rules.{rule}", f"one of {', '.join(sorted(KNOWN_RULES))}")
        if not isinstance(value, bool):
            raise bad(f"rules.{rule}", "true or false")
        rules[rule] = value
    initial = data.get("initial", keys[0] if keys else None)
    decided = data.get("decided", "decided")
    for name, value in (("initial", initial), ("decided", decided)):
        if value not in keys:
            raise bad(name, f"an existing state ({', '.join(keys)})")
    return Lifecycle(
        id=str(data.get("id", Path(source).stem)),
        version=int(data.get("version", 1)),
        title=data.get("title") or {"fr": "", "en": ""},
        states=tuple(states),
        outcomes=tuple(outcomes),
        transitions=transitions,
        rules=rules,
        initial=initial,
        decided=decided,
        definition=data,
    )
