"""Scoring rubrics: the DVF dimensions, criteria with a weight and a scale with an anchor text
for every point (French and English), read and validated from ``templates/rubrics/*.toml`` or
from a stored snapshot, and a facilitator's edited copy. Also the errors of the whole package
(:class:`ScoringError`, :class:`RubricError`). The decisions are in the docstring of
:mod:`cocreate.scoring`.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cocreate.templates import templates_dir

DIMENSIONS = ("desirability", "feasibility", "viability")
LANGUAGES = ("fr", "en")
DEFAULT_SCALE = (1, 5)
# more points than this is not a rating scale a person answers on a phone
MAX_SCALE_POINTS = 11
SCALE, AMOUNT = "scale", "amount"
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
DEFAULT_DONT_KNOW = {"fr": "Je ne sais pas", "en": "Don't know"}


class ScoringError(ValueError):
    """A score or request that does not fit the rubric (unknown criterion, value off scale)."""


class RubricError(ScoringError):
    """A malformed rubric; the message names the file and the field."""


# rubrics -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """What one point of a scale means, in each language."""

    value: int
    text: dict[str, str]


@dataclass(frozen=True)
class Criterion:
    """One question of a rubric: a rating on a scale, or an amount (a cost in euros)."""

    id: str
    dimension: str
    label: dict[str, str]
    question: dict[str, str]
    kind: str = SCALE
    weight: float = 1.0
    scale_min: int = DEFAULT_SCALE[0]
    scale_max: int = DEFAULT_SCALE[1]
    anchors: tuple[Anchor, ...] = ()
    gate: bool = False
    unit: str | None = None

    @property
    def points(self) -> tuple[int, ...]:
        return tuple(range(self.scale_min, self.scale_max + 1)) if self.kind == SCALE else ()

    def normalise(self, value: float) -> float:
        """A scale value on 0-1."""
        return (value - self.scale_min) / (self.scale_max - self.scale_min)

    def anchor(self, value: int, lang: str) -> str:
        for anchor in self.anchors:
            if anchor.value == value:
                return _pick_text(anchor.text, lang)
        raise ScoringError(f"Criterion {self.id!r} has no point {value}.")

    def check(self, value: float | None) -> float | None:
        """The value as stored, or :class:`ScoringError` if it does not fit."""
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ScoringError(f"Criterion {self.id!r} takes a number, not {value!r}.")
        if self.kind == AMOUNT:
            if value < 0:
                raise ScoringError(f"{self.id!r} is an amount: it cannot be negative.")
            return float(value)
        if value != int(value) or not self.scale_min <= value <= self.scale_max:
            raise ScoringError(
                f"Criterion {self.id!r} takes a whole number from {self.scale_min}"
                f" to {self.scale_max}, not {value!r}."
            )
        return float(value)


@dataclass(frozen=True)
class Dimension:
    id: str
    label: dict[str, str]
    weight: float
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Rubric:
    """A scoring rubric: three DVF dimensions, their criteria, weights and anchors."""

    id: str
    version: int
    title: dict[str, str]
    dimensions: tuple[Dimension, ...]
    description: dict[str, str] = field(default_factory=dict)
    dont_know: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_DONT_KNOW))
    scale_min: int = DEFAULT_SCALE[0]
    scale_max: int = DEFAULT_SCALE[1]
    edited: bool = False

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for d in self.dimensions for c in d.criteria)

    @property
    def scale_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.kind == SCALE)

    @cached_property
    def _criteria_by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    def criterion(self, criterion_id: str) -> Criterion:
        try:
            return self._criteria_by_id[criterion_id]
        except KeyError:
            raise ScoringError(f"Rubric {self.id!r} has no criterion {criterion_id!r}.") from None

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise ScoringError(f"Rubric {self.id!r} has no dimension {dimension_id!r}.")

    def text(self, part: str, lang: str) -> str:
        return _pick_text(getattr(self, part), lang)

    def to_dict(self) -> dict[str, Any]:
        """The rubric in its file layout (what :func:`rubric_from_dict` reads back)."""
        data: dict[str, Any] = {
            "id": self.id,
            "version": self.version,
            "scale": {"min": self.scale_min, "max": self.scale_max},
            "title": dict(self.title),
        }
        if self.description:
            data["description"] = dict(self.description)
        data["dont_know"] = dict(self.dont_know)
        if self.edited:
            data["edited"] = True
        data["dimensions"] = [
            {
                "id": d.id,
                "weight": d.weight,
                "label": dict(d.label),
                "criteria": [self._criterion_dict(c) for c in d.criteria],
            }
            for d in self.dimensions
        ]
        return data

    def _criterion_dict(self, criterion: Criterion) -> dict[str, Any]:
        data: dict[str, Any] = {"id": criterion.id}
        if criterion.kind == AMOUNT:
            data.update(kind=AMOUNT, unit=criterion.unit)
        else:
            data["weight"] = criterion.weight
            if criterion.gate:
                data["gate"] = True
            if (criterion.scale_min, criterion.scale_max) != (self.scale_min, self.scale_max):
                data["scale"] = {"min": criterion.scale_min, "max": criterion.scale_max}
        data["label"] = dict(criterion.label)
        data["question"] = dict(criterion.question)
        if criterion.anchors:
            data["anchors"] = [{"value": a.value, **a.text} for a in criterion.anchors]
        return data


def _pick_text(values: Mapping[str, str], lang: str) -> str:
    return values.get(lang) or values.get("en") or next(iter(values.values()), "")


class _Reader:
    """Reads one rubric's fields, raising :class:`RubricError` that names file and field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> RubricError:
        return RubricError(f"{self.source}: {where}: {message}")

    def table(self, data: Any, where: str, allowed: set[str], required: set[str]) -> dict:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected a table, found {type(data).__name__}")
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.fail(where, f"unknown field {unknown[0]!r} (allowed: {sorted(allowed)})")
        missing = sorted(required - set(data))
        if missing:
            raise self.fail(f"{where}.{missing[0]}" if where else missing[0], "missing")
        return data

    def text(self, data: Any, where: str) -> dict[str, str]:
        if not isinstance(data, dict):
            raise self.fail(where, 'expected {fr = "...", en = "..."}')
        for lang in LANGUAGES:
            value = data.get(lang)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{where}.{lang}", "missing or empty text")
        extra = sorted(set(data) - set(LANGUAGES))
        if extra:
            raise self.fail(where, f"unknown language {extra[0]!r}")
        return {lang: data[lang].strip() for lang in LANGUAGES}

    def identifier(self, data: Any, where: str) -> str:
        if not isinstance(data, str) or not ID_PATTERN.fullmatch(data):
            raise self.fail(where, f"expected a lower-case id like 'citizen-need', found {data!r}")
        return data

    def integer(self, data: Any, where: str) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise self.fail(where, f"expected a whole number, found {data!r}")
        return data

    def weight(self, data: Any, where: str) -> float:
        if isinstance(data, bool) or not isinstance(data, int | float) or not data >= 0:
            raise self.fail(where, f"expected a number >= 0, found {data!r}")
        if not math.isfinite(data):
            raise self.fail(where, f"expected a finite number, found {data!r}")
        return float(data)

    def scale(self, data: Any, where: str) -> tuple[int, int]:
        self.table(data, where, {"min", "max"}, {"min", "max"})
        low, high = (
            self.integer(data["min"], f"{where}.min"),
            self.integer(data["max"], f"{where}.max"),
        )
        if not low < high or high - low + 1 > MAX_SCALE_POINTS:
            raise self.fail(where, f"expected min < max with at most {MAX_SCALE_POINTS} points")
        return low, high

    def criterion(self, data: Any, where: str, dimension: str, scale: tuple[int, int]) -> Criterion:
        kind = data.get("kind", SCALE) if isinstance(data, dict) else SCALE
        common = {"id", "label", "question"}
        if kind == AMOUNT:
            data = self.table(data, where, common | {"kind", "unit"}, common | {"unit"})
            unit = data["unit"]
            if not isinstance(unit, str) or not unit.strip():
                raise self.fail(f"{where}.unit", "expected a unit such as 'EUR'")
            return Criterion(
                id=self.identifier(data["id"], f"{where}.id"),
                dimension=dimension,
                label=self.text(data["label"], f"{where}.label"),
                question=self.text(data["question"], f"{where}.question"),
                kind=AMOUNT,
                weight=0.0,
                unit=unit.strip(),
            )
        if kind != SCALE:
            raise self.fail(f"{where}.kind", f"expected 'scale' or 'amount', found {kind!r}")
        allowed = common | {"kind", "weight", "scale", "anchors", "gate"}
        data = self.table(data, where, allowed, common | {"anchors"})
        low, high = self.scale(data["scale"], f"{where}.scale") if "scale" in data else scale
        gate = data.get("gate", False)
        if not isinstance(gate, bool):
            raise self.fail(f"{where}.gate", f"expected true or false, found {gate!r}")
        anchors = data["anchors"]
        expected = list(range(low, high + 1))
        if not isinstance(anchors, list) or len(anchors) != len(expected):
            found = len(anchors) if isinstance(anchors, list) else anchors
            raise self.fail(
                f"{where}.anchors",
                f"expected {len(expected)} anchors (values {low} to {high}), found {found}",
            )
        parsed = []
        for position, (anchor, value) in enumerate(zip(anchors, expected, strict=True)):
            anchor_where = f"{where}.anchors[{position}]"
            self.table(anchor, anchor_where, {"value", *LANGUAGES}, {"value", *LANGUAGES})
            if self.integer(anchor["value"], f"{anchor_where}.value") != value:
                raise self.fail(
                    f"{anchor_where}.value", f"expected {value} (anchors go from {low} to {high})"
                )
            text = self.text({lang: anchor[lang] for lang in LANGUAGES}, anchor_where)
            parsed.append(Anchor(value, text))
        return Criterion(
            id=self.identifier(data["id"], f"{where}.id"),
            dimension=dimension,
            label=self.text(data["label"], f"{where}.label"),
            question=self.text(data["question"], f"{where}.question"),
            weight=self.weight(data.get("weight", 1.0), f"{where}.weight"),
            scale_min=low,
            scale_max=high,
            anchors=tuple(parsed),
            gate=gate,
        )

    def rubric(self, data: Any) -> Rubric:
        allowed = {"id", "version", "scale", "title", "description", "dont_know", "edited"}
        data = self.table(
            data, "", allowed | {"dimensions"}, {"id", "version", "title", "dimensions"}
        )
        scale = self.scale(data["scale"], "scale") if "scale" in data else DEFAULT_SCALE
        version = self.integer(data["version"], "version")
        if version < 1:
            raise self.fail("version", "expected a version number >= 1")
        dimensions = data["dimensions"]
        if not isinstance(dimensions, list) or not dimensions:
            raise self.fail("dimensions", "expected at least one [[dimensions]] table")
        parsed, seen_dims, seen_criteria = [], set(), set()
        for position, dim in enumerate(dimensions):
            where = f"dimensions[{position}]"
            self.table(
                dim, where, {"id", "label", "weight", "criteria"}, {"id", "label", "criteria"}
            )
            dim_id = dim["id"]
            if dim_id not in DIMENSIONS:
                raise self.fail(f"{where}.id", f"expected one of {DIMENSIONS}, found {dim_id!r}")
            if dim_id in seen_dims:
                raise self.fail(f"{where}.id", f"dimension {dim_id!r} appears twice")
            seen_dims.add(dim_id)
            criteria_data = dim["criteria"]
            if not isinstance(criteria_data, list) or not criteria_data:
                raise self.fail(f"{where}.criteria", "expected at least one criterion")
            criteria = []
            for index, item in enumerate(criteria_data):
                try:
                    criterion = self.criterion(item, f"{where}.criteria[{index}]", dim_id, scale)
                except RubricError as error:
                    named = isinstance(item, dict) and isinstance(item.get("id"), str)
                    if not named:
                        raise
                    # "criteria[2]" alone makes a person count tables in the file
                    raise RubricError(f"{error} (criterion {item['id']!r})") from None
                if criterion.id in seen_criteria:
                    raise self.fail(
                        f"{where}.criteria[{index}].id", f"criterion {criterion.id!r} appears twice"
                    )
                seen_criteria.add(criterion.id)
                criteria.append(criterion)
            if not sum(c.weight for c in criteria if c.kind == SCALE) > 0:
                raise self.fail(f"{where}.criteria", "needs a rated criterion with a weight > 0")
            parsed.append(
                Dimension(
                    id=dim_id,
                    label=self.text(dim["label"], f"{where}.label"),
                    weight=self.weight(dim.get("weight", 1.0), f"{where}.weight"),
                    criteria=tuple(criteria),
                )
            )
        if not sum(d.weight for d in parsed) > 0:
            raise self.fail("dimensions", "needs a dimension with a weight > 0")
        edited = data.get("edited", False)
        if not isinstance(edited, bool):
            raise self.fail("edited", f"expected true or false, found {edited!r}")
        return Rubric(
            id=self.identifier(data["id"], "id"),
            version=version,
            title=self.text(data["title"], "title"),
            description=(
                self.text(data["description"], "description") if "description" in data else {}
            ),
            dont_know=(
                self.text(data["dont_know"], "dont_know")
                if "dont_know" in data
                else dict(DEFAULT_DONT_KNOW)
            ),
            dimensions=tuple(parsed),
            scale_min=scale[0],
            scale_max=scale[1],
            edited=edited,
        )


def rubric_from_dict(data: Mapping[str, Any], *, source: str = "<rubric>") -> Rubric:
    """A validated :class:`Rubric` from its file layout; :class:`RubricError` names
    ``source`` and the faulty field."""
    return _Reader(source).rubric(dict(data))


def rubrics_dir() -> Path:
    return templates_dir() / "rubrics"


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate one rubric file; its id must be its file name."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RubricError(f"{path}: not valid TOML: {error}") from None
    rubric = rubric_from_dict(data, source=str(path))
    if rubric.id != path.stem:
        raise RubricError(f"{path}: id: {rubric.id!r} differs from the file name {path.stem!r}")
    return rubric


def list_rubrics() -> list[Rubric]:
    """The bundled rubrics, by id."""
    return [load_rubric(p) for p in sorted(rubrics_dir().glob("*.toml"))]


def get_rubric(rubric_id: str) -> Rubric:
    path = rubrics_dir() / f"{rubric_id}.toml"
    if not ID_PATTERN.fullmatch(rubric_id) or not path.is_file():
        raise KeyError(f"No rubric {rubric_id!r} in {rubrics_dir()}.")
    return load_rubric(path)


def edit_rubric(
    rubric: Rubric,
    *,
    title: Mapping[str, str] | None = None,
    criterion_weights: Mapping[str, float] | None = None,
    dimension_weights: Mapping[str, float] | None = None,
    questions: Mapping[str, Mapping[str, str]] | None = None,
    drop: Iterable[str] = (),
) -> Rubric:
    """A facilitator's copy: other weights or questions, criteria left out. Keeps the id and
    version it comes from and is marked ``edited``; validated like a file."""
    data = rubric.to_dict()
    known = {c.id for c in rubric.criteria}
    changed = set(criterion_weights or {}) | set(questions or {}) | set(drop)
    unknown = sorted(changed - known) + sorted(set(dimension_weights or {}) - set(DIMENSIONS))
    if unknown:
        raise ScoringError(f"Rubric {rubric.id!r} has no criterion or dimension {unknown[0]!r}.")
    if title is not None:
        data["title"] = dict(title)
    dropped = set(drop)
    for dim in data["dimensions"]:
        dim["weight"] = (dimension_weights or {}).get(dim["id"], dim["weight"])
        dim["criteria"] = [c for c in dim["criteria"] if c["id"] not in dropped]
        for criterion in dim["criteria"]:
            if criterion["id"] in (criterion_weights or {}):
                criterion["weight"] = criterion_weights[criterion["id"]]
            if criterion["id"] in (questions or {}):
                criterion["question"] = dict(questions[criterion["id"]])
    data["dimensions"] = [d for d in data["dimensions"] if d["criteria"]]
    data["edited"] = True
    return rubric_from_dict(data, source=f"{rubric.id} (edited)")
