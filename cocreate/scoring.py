"""Scoring ideas and clusters on desirability, feasibility and viability (DVF).

Rubrics are data (``templates/rubrics/*.toml``): dimensions, criteria with a weight, a scale
with an anchor text for every point, in French and English. A workshop copies a rubric (a
snapshot with the rubric's id and version), and each scoring round copies it again, so editing
a template or a workshop's rubric never changes a past round.

The aggregation functions are pure: they take :class:`ScoreEntry` tuples (target, rater,
criterion, value) and return plain dataclasses. Decisions written down here:

- **Normalisation.** Every answer is mapped to 0-1: ``(value - min) / (max - min)`` of its
  criterion's scale, so rubrics and criteria with different scales (1-5, 0-1) compare.
- **Don't know** is ``value=None``. It is counted, never averaged and never a zero.
- **Dimension score of a rater** is the weighted mean of the rater's normalised answers to the
  dimension's criteria, over the criteria the rater answered (weights re-normalised).
  Statistics across raters (mean, median, quartiles, IQR, sample standard deviation with
  ``ddof=1``) are then taken over these per-rater scores; quartiles are numpy's "linear" ones.
- **One rater has no spread**: with fewer than two raters ``q1``, ``q3``, ``iqr`` and ``std``
  are ``None`` (shown as "-"), never 0, which would read as consensus.
- **Overall score** is the dimension-weighted mean of the dimension means; ``None`` when a
  weighted dimension has no answer at all (a target is not ranked on part of the rubric).
- **Controversial** (needs at least :data:`MIN_RATERS_FOR_CONTROVERSY` raters), on the 0-1
  scale: "spread" when ``std >= 0.3`` or ``iqr >= 0.5`` (1.2 and 2 points on a 1-5 scale);
  "polarised" when at least a quarter of the raters sit in the bottom fifth of the scale
  (``<= 0.2``) and at least a quarter in the top fifth (``>= 0.8``).
- **Ranking** is competition ranking on the overall score rounded to 9 decimals
  ("1, 2, 2, 4"), with ``tied`` set on every target sharing its rank.
- **Sweet spot**: targets whose mean is at least the threshold (default 0.6) on all three
  dimensions.
- **Gates** (pb-screening): a gate criterion fails when the median answer is below the middle
  of its scale; a 50/50 split does not fail it (it shows as controversial instead).
- **Agreement** is Krippendorff's alpha (the ``krippendorff`` package) over the units
  (target, criterion) and the raters, on the normalised values; ``None`` when undefined
  (fewer than two raters on any unit, or every answer identical).
- **Blind rule**: in a blind round that is not revealed a rater sees only their own answers,
  and the results view sees none: :func:`results` returns ``hidden=True`` with only counts of
  who answered. Revealing a round closes it (a seen score must not move).
- **Citizen support** (imported votes) is a separate desirability signal per target, never
  mixed into the workshop's scores.
"""

from __future__ import annotations

import math
import re
import statistics
import tomllib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import krippendorff
import numpy as np

from cocreate.templates import templates_dir

__all__ = [
    "DIMENSIONS",
    "LANGUAGES",
    "SWEET_SPOT_THRESHOLD",
    "RubricError",
    "ScoringError",
    "Anchor",
    "Criterion",
    "Dimension",
    "Rubric",
    "rubrics_dir",
    "load_rubric",
    "rubric_from_dict",
    "list_rubrics",
    "get_rubric",
    "edit_rubric",
    "ScoreEntry",
    "entries_from_rows",
    "Summary",
    "summarise",
    "DimensionResult",
    "CriterionResult",
    "TargetResult",
    "Agreement",
    "RoundResults",
    "RankedTarget",
    "CitizenSupport",
    "rater_dimension_scores",
    "dimension_stats",
    "overall_score",
    "controversy",
    "rank_targets",
    "sweet_spot",
    "krippendorff_alpha",
    "agreement",
    "visible_scores",
    "results",
    "citizen_support",
    "copy_rubric_to_workshop",
    "workshop_rubric",
    "open_round",
    "round_rubric",
    "submit_score",
    "rater_view",
    "round_results",
    "round_citizen_support",
]

DIMENSIONS = ("desirability", "feasibility", "viability")
LANGUAGES = ("fr", "en")
DEFAULT_SCALE = (1, 5)
# more points than this is not a rating scale a person answers on a phone
MAX_SCALE_POINTS = 11
SCALE, AMOUNT = "scale", "amount"
SWEET_SPOT_THRESHOLD = 0.6
SPREAD_STD = 0.3
SPREAD_IQR = 0.5
EXTREME_SHARE = 0.2
POLARISED_SHARE = 0.25
MIN_RATERS_FOR_CONTROVERSY = 3
# scores equal to this many decimals are ties (0.1 + 0.2 == 0.3)
TIE_DECIMALS = 9
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


# scores --------------------------------------------------------------------------------


class ScoreEntry(NamedTuple):
    """One answer: ``value`` on the criterion's own scale, ``None`` for "don't know"."""

    target: Hashable
    rater: Hashable
    criterion: str
    value: float | None


def entries_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[ScoreEntry]:
    """Store rows (``Store.round_scores``) as score entries."""
    return [
        ScoreEntry(
            row["target_id"],
            row["rater_id"],
            row["criterion"],
            None if row["dont_know"] else row["value"],
        )
        for row in rows
    ]


def _latest(rubric: Rubric, scores: Iterable[ScoreEntry]) -> dict[tuple, float | None]:
    """One answer per (target, rater, criterion), the last one given (as the store's upsert)."""
    answers: dict[tuple, float | None] = {}
    for target, rater, criterion_id, value in scores:
        rubric.criterion(criterion_id).check(value)
        answers[(target, rater, criterion_id)] = value
    return answers


@dataclass(frozen=True)
class Summary:
    """Statistics of one set of values; spread fields are ``None`` below two values."""

    n: int
    mean: float | None = None
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    iqr: float | None = None
    std: float | None = None


def summarise(values: Iterable[float]) -> Summary:
    """Mean, median, quartiles, IQR and sample standard deviation (ddof=1)."""
    data = sorted(float(v) for v in values)
    if not data:
        return Summary(0)
    # statistics.mean is exact: the mean of equal values is that value, never off by an ulp
    mean, median = statistics.mean(data), float(np.median(data))
    if len(data) < 2:
        return Summary(1, mean, median)
    q1, q3 = (float(q) for q in np.percentile(data, [25, 75]))
    return Summary(len(data), mean, median, q1, q3, q3 - q1, statistics.stdev(data))


def rater_dimension_scores(
    rubric: Rubric, scores: Iterable[ScoreEntry]
) -> dict[Hashable, dict[str, dict[Hashable, float]]]:
    """target -> dimension -> rater -> the rater's weighted mean of normalised answers."""
    sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (target, rater, criterion_id), value in _latest(rubric, scores).items():
        criterion = rubric.criterion(criterion_id)
        if value is None or criterion.kind != SCALE or criterion.weight == 0:
            continue
        pair = sums[(target, criterion.dimension, rater)]
        pair[0] += criterion.weight * criterion.normalise(value)
        pair[1] += criterion.weight
    by_target: dict[Hashable, dict[str, dict[Hashable, float]]] = defaultdict(dict)
    for (target, dimension, rater), (total, weights) in sums.items():
        # rounding must not push a mean of values <= 1 past the top of the scale
        by_target[target].setdefault(dimension, {})[rater] = min(1.0, total / weights)
    return dict(by_target)


def controversy(
    values: Sequence[float],
    *,
    std_threshold: float = SPREAD_STD,
    iqr_threshold: float = SPREAD_IQR,
    min_raters: int = MIN_RATERS_FOR_CONTROVERSY,
) -> tuple[str, ...]:
    """Why raters disagree on 0-1 values: ``"spread"``, ``"polarised"``, or nothing."""
    if len(values) < max(2, min_raters):
        return ()
    reasons = []
    summary = summarise(values)
    if summary.std >= std_threshold or summary.iqr >= iqr_threshold:
        reasons.append("spread")
    low = sum(v <= EXTREME_SHARE for v in values) / len(values)
    high = sum(v >= 1 - EXTREME_SHARE for v in values) / len(values)
    if low >= POLARISED_SHARE and high >= POLARISED_SHARE:
        reasons.append("polarised")
    return tuple(reasons)


@dataclass(frozen=True)
class DimensionResult:
    """One target on one dimension: statistics over raters on 0-1, answers left blank."""

    dimension: str
    summary: Summary
    dont_know: int
    controversial: tuple[str, ...] = ()

    @property
    def raters(self) -> int:
        return self.summary.n


def dimension_stats(
    rubric: Rubric, scores: Iterable[ScoreEntry], **controversy_options: float
) -> dict[Hashable, dict[str, DimensionResult]]:
    """target -> dimension -> :class:`DimensionResult`, for every target with an answer.

    ``dont_know`` counts "don't know" answers (one per criterion); ``summary.n`` counts the
    raters with at least one real answer in the dimension.
    """
    scores = list(scores)
    per_rater = rater_dimension_scores(rubric, scores)
    dont_know: dict[tuple, int] = defaultdict(int)
    targets: list[Hashable] = []
    for (target, _, criterion_id), value in _latest(rubric, scores).items():
        if target not in targets:
            targets.append(target)
        criterion = rubric.criterion(criterion_id)
        if value is None and criterion.kind == SCALE:
            dont_know[(target, criterion.dimension)] += 1
    stats: dict[Hashable, dict[str, DimensionResult]] = {}
    for target in targets:
        stats[target] = {}
        for dimension in rubric.dimensions:
            values = list(per_rater.get(target, {}).get(dimension.id, {}).values())
            stats[target][dimension.id] = DimensionResult(
                dimension.id,
                summarise(values),
                dont_know[(target, dimension.id)],
                controversy(values, **controversy_options),
            )
    return stats


def overall_score(rubric: Rubric, dimension_means: Mapping[str, float | None]) -> float | None:
    """Dimension-weighted mean of dimension means (0-1); ``None`` if a weighted dimension
    has no answer."""
    total = weights = 0.0
    for dimension in rubric.dimensions:
        if dimension.weight == 0:
            continue
        mean = dimension_means.get(dimension.id)
        if mean is None:
            return None
        total += dimension.weight * mean
        weights += dimension.weight
    return min(1.0, total / weights)


@dataclass(frozen=True)
class RankedTarget:
    target: Hashable
    score: float | None
    rank: int | None
    tied: bool


def _sort_key(target: Hashable) -> tuple:
    return (0, target, "") if isinstance(target, int | float) else (1, 0, str(target))


def rank_targets(scores: Mapping[Hashable, float | None]) -> list[RankedTarget]:
    """Best first, competition ranking ("1, 2, 2, 4"); targets without a score come last,
    unranked. Equal scores (to 9 decimals) share a rank and are marked ``tied``."""
    scored = sorted(
        ((round(s, TIE_DECIMALS), t) for t, s in scores.items() if s is not None),
        key=lambda pair: (-pair[0], _sort_key(pair[1])),
    )
    counts: dict[float, int] = defaultdict(int)
    for rounded, _ in scored:
        counts[rounded] += 1
    ranked, rank, previous = [], 0, None
    for position, (rounded, target) in enumerate(scored, start=1):
        if rounded != previous:
            rank, previous = position, rounded
        ranked.append(RankedTarget(target, scores[target], rank, counts[rounded] > 1))
    unscored = sorted((t for t, s in scores.items() if s is None), key=_sort_key)
    return ranked + [RankedTarget(t, None, None, False) for t in unscored]


def sweet_spot(
    dimension_means: Mapping[Hashable, Mapping[str, float | None]],
    *,
    threshold: float = SWEET_SPOT_THRESHOLD,
) -> set[Hashable]:
    """Targets whose mean is at least ``threshold`` (0-1) on all three DVF dimensions."""
    return {
        target
        for target, means in dimension_means.items()
        if all(means.get(d) is not None and means[d] >= threshold for d in DIMENSIONS)
    }


# agreement -----------------------------------------------------------------------------

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def krippendorff_alpha(
    reliability_data: Sequence[Sequence[float | None]],
    *,
    level: str = "ordinal",
    value_domain: Sequence[float] | None = None,
) -> float | None:
    """Krippendorff's alpha of a raters x units table (``None`` or NaN = no answer);
    ``None`` when undefined: no unit with two answers, or no variation at all."""
    if level not in LEVELS:
        raise ScoringError(f"Level of measurement is one of {LEVELS}, not {level!r}.")
    data = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in reliability_data],
        dtype=float,
    )
    if data.ndim != 2 or data.size == 0:
        return None
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    observed = np.unique(data[:, pairable][~np.isnan(data[:, pairable])])
    if len(observed) < 2:
        return None
    # lone values of unpairable units must be in the domain too, though they count for nothing
    values = data[~np.isnan(data)]
    domain = np.unique(values if value_domain is None else np.asarray(value_domain, float))
    return float(
        krippendorff.alpha(reliability_data=data, value_domain=domain, level_of_measurement=level)
    )


@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha of a round; ``alpha is None`` with a ``reason`` when undefined."""

    alpha: float | None
    level: str
    raters: int
    units: int
    reason: str | None = None


def agreement(
    rubric: Rubric,
    scores: Iterable[ScoreEntry],
    *,
    level: str = "ordinal",
    dimension: str | None = None,
) -> Agreement:
    """Agreement across raters over every (target, criterion) rated on a scale, on the
    normalised values; "don't know" is a missing value. ``reason`` when alpha is None:
    ``"too-few-raters"``, ``"no-shared-item"`` or ``"no-variation"``."""
    criteria = {
        c.id: c for c in rubric.scale_criteria if dimension is None or c.dimension == dimension
    }
    cells: dict[tuple, dict[Hashable, float]] = defaultdict(dict)
    raters: set[Hashable] = set()
    for (target, rater, criterion_id), value in _latest(rubric, scores).items():
        if criterion_id in criteria and value is not None:
            cells[(target, criterion_id)][rater] = round(
                criteria[criterion_id].normalise(value), TIE_DECIMALS
            )
            raters.add(rater)
    units = [unit for unit, answers in cells.items() if len(answers) >= 2]
    result = Agreement(None, level, len(raters), len(units))
    if len(raters) < 2:
        return replace(result, reason="too-few-raters")
    if not units:
        return replace(result, reason="no-shared-item")
    order = sorted(raters, key=_sort_key)
    table = [[cells[unit].get(rater) for unit in units] for rater in order]
    domain = sorted(
        {round(c.normalise(p), TIE_DECIMALS) for c in criteria.values() for p in c.points}
    )
    alpha = krippendorff_alpha(table, level=level, value_domain=domain)
    if alpha is None:
        return replace(result, reason="no-variation")
    return replace(result, alpha=alpha)


# blind rule and round results --------------------------------------------------------------


def visible_scores(
    scores: Iterable[ScoreEntry], *, viewer: Hashable | None, blind: bool, revealed: bool
) -> list[ScoreEntry]:
    """What ``viewer`` (a rater, or ``None`` for the shared results screen) may see: all
    answers once a blind round is revealed (or if it is not blind), else only their own."""
    scores = list(scores)
    if not blind or revealed:
        return scores
    return [s for s in scores if viewer is not None and s.rater == viewer]


@dataclass(frozen=True)
class CriterionResult:
    """One target on one criterion: normalised 0-1 for scales, raw (euros) for amounts."""

    criterion: str
    summary: Summary
    dont_know: int


@dataclass(frozen=True)
class TargetResult:
    target: Hashable
    dimensions: dict[str, DimensionResult]
    criteria: dict[str, CriterionResult]
    overall: float | None
    rank: int | None
    tied: bool
    sweet_spot: bool
    failed_gates: tuple[str, ...] = ()
    unanswered_gates: tuple[str, ...] = ()
    # None when the rubric has no gate, or while a gate has no answer and none failed
    admissible: bool | None = None

    @property
    def controversial(self) -> bool:
        return any(d.controversial for d in self.dimensions.values())


@dataclass(frozen=True)
class RoundResults:
    """What the results screen shows. ``hidden`` (blind, not revealed): no score at all,
    only ``progress`` (target -> raters who answered) and the number of ``raters``."""

    hidden: bool
    targets: list[TargetResult]
    agreement: Agreement | None
    raters: int
    progress: dict[Hashable, int]


def _criterion_results(
    rubric: Rubric, answers: Iterable[tuple[str, float | None]]
) -> dict[str, CriterionResult]:
    values: dict[str, list[float]] = defaultdict(list)
    blanks: dict[str, int] = defaultdict(int)
    for criterion_id, value in answers:
        criterion = rubric.criterion(criterion_id)
        if value is None:
            blanks[criterion_id] += 1
        else:
            values[criterion_id].append(
                criterion.normalise(value) if criterion.kind == SCALE else value
            )
    return {
        c.id: CriterionResult(c.id, summarise(values[c.id]), blanks[c.id]) for c in rubric.criteria
    }


def _gates(rubric: Rubric, criteria: Mapping[str, CriterionResult]) -> dict[str, Any]:
    gates = [c.id for c in rubric.scale_criteria if c.gate]
    failed = tuple(g for g in gates if criteria[g].summary.n and criteria[g].summary.median < 0.5)
    unanswered = tuple(g for g in gates if not criteria[g].summary.n)
    admissible = None
    if gates and failed:
        admissible = False
    elif gates and not unanswered:
        admissible = True
    return {"failed_gates": failed, "unanswered_gates": unanswered, "admissible": admissible}


def results(
    rubric: Rubric,
    targets: Iterable[Hashable],
    scores: Iterable[ScoreEntry],
    *,
    blind: bool,
    revealed: bool,
    threshold: float = SWEET_SPOT_THRESHOLD,
    level: str = "ordinal",
) -> RoundResults:
    """Everything the results screen shows for a round, targets best first; hidden while a
    blind round is not revealed."""
    targets = list(targets)
    scores = list(scores)
    by_target: dict[Hashable, list[tuple[Hashable, str, float | None]]] = defaultdict(list)
    for (target, rater, criterion_id), value in _latest(rubric, scores).items():
        by_target[target].append((rater, criterion_id, value))
    progress = {t: len({rater for rater, _, _ in by_target.get(t, ())}) for t in targets}
    raters = len({rater for answers in by_target.values() for rater, _, _ in answers})
    if blind and not revealed:
        return RoundResults(True, [], None, raters, progress)
    stats = dimension_stats(rubric, scores)
    empty = {d.id: DimensionResult(d.id, Summary(0), 0) for d in rubric.dimensions}
    dimensions = {t: stats.get(t, empty) for t in targets}
    means = {t: {d: r.summary.mean for d, r in dimensions[t].items()} for t in targets}
    overall = {t: overall_score(rubric, means[t]) for t in targets}
    in_sweet_spot = sweet_spot(means, threshold=threshold)
    rows = []
    for ranked in rank_targets(overall):
        target = ranked.target
        criteria = _criterion_results(rubric, ((c, v) for _, c, v in by_target.get(target, ())))
        rows.append(
            TargetResult(
                target=target,
                dimensions=dimensions[target],
                criteria=criteria,
                overall=ranked.score,
                rank=ranked.rank,
                tied=ranked.tied,
                sweet_spot=target in in_sweet_spot,
                **_gates(rubric, criteria),
            )
        )
    return RoundResults(False, rows, agreement(rubric, scores, level=level), raters, progress)


# citizen support -------------------------------------------------------------------------


@dataclass(frozen=True)
class CitizenSupport:
    """Imported votes of a target's ideas, a desirability signal kept apart from scores.

    ``percentile``: share of the targets with fewer votes, ties counted half (0-1), ``None``
    when the target has no vote count.
    """

    target: Hashable
    votes: int | None
    ideas: int
    ideas_with_votes: int
    percentile: float | None


def citizen_support(
    members: Mapping[Hashable, Iterable[int | None]],
) -> dict[Hashable, CitizenSupport]:
    """target -> :class:`CitizenSupport` from the vote counts of its ideas (the idea itself,
    or every idea of a cluster); ``votes`` sums them, ``None`` if none has a count."""
    totals: dict[Hashable, tuple[int | None, int, int]] = {}
    for target, counts in members.items():
        counts = list(counts)
        known = [int(c) for c in counts if c is not None]
        totals[target] = (sum(known) if known else None, len(counts), len(known))
    voted = sorted(v for v, _, _ in totals.values() if v is not None)
    support = {}
    for target, (votes, ideas, with_votes) in totals.items():
        percentile = None
        if votes is not None:
            below = np.searchsorted(voted, votes, side="left")
            equal = np.searchsorted(voted, votes, side="right") - below
            percentile = float((below + 0.5 * equal) / len(voted))
        support[target] = CitizenSupport(target, votes, ideas, with_votes, percentile)
    return support


# with a store ------------------------------------------------------------------------------


def copy_rubric_to_workshop(store, workshop_id: int, rubric: Rubric | str) -> dict[str, Any]:
    """Snapshot a rubric (or a bundled rubric id) into a workshop; it becomes the workshop's
    current rubric. Returns the stored row (``rubric_id``, ``version``, ``edited``)."""
    if isinstance(rubric, str):
        rubric = get_rubric(rubric)
    return store.add_workshop_rubric(
        workshop_id,
        rubric_id=rubric.id,
        version=rubric.version,
        definition=rubric.to_dict(),
        edited=rubric.edited,
    )


def workshop_rubric(store, workshop_id: int) -> Rubric | None:
    """The rubric a workshop scores with now (its newest copy), or ``None``."""
    rows = store.workshop_rubrics(workshop_id)
    if not rows:
        return None
    return rubric_from_dict(rows[0]["definition"], source=f"workshop rubric {rows[0]['id']}")


def open_round(
    store,
    workshop_id: int,
    targets: Iterable[tuple[str, int]],
    *,
    title: str = "",
    blind: bool = True,
) -> dict[str, Any]:
    """A new scoring round on the facilitator's shortlist (``("cluster", id)`` or
    ``("idea", id)``) with the workshop's current rubric."""
    rows = store.workshop_rubrics(workshop_id)
    if not rows:
        raise ScoringError("Copy a rubric into the workshop before opening a scoring round.")
    return store.create_round(
        workshop_id, workshop_rubric_id=rows[0]["id"], targets=targets, title=title, blind=blind
    )


def round_rubric(store, round_id: int) -> Rubric:
    """The rubric snapshot a round was opened with."""
    return rubric_from_dict(store.get_round(round_id)["rubric"], source=f"round {round_id}")


def submit_score(
    store, round_id: int, target_id: int, rater_id: int, criterion: str, value: float | None
) -> None:
    """Record or change one answer (``None`` = don't know) after checking it against the
    round's rubric; the store refuses it once the round is closed."""
    store.put_score(
        round_id,
        target_id,
        rater_id,
        criterion,
        round_rubric(store, round_id).criterion(criterion).check(value),
    )


def rater_view(store, round_id: int, rater_id: int) -> list[ScoreEntry]:
    """The answers a rater may see in a round (their own until a blind round is revealed)."""
    scoring_round = store.get_round(round_id)
    return visible_scores(
        entries_from_rows(store.round_scores(round_id)),
        viewer=rater_id,
        blind=scoring_round["blind"],
        revealed=scoring_round["revealed"],
    )


def round_results(store, round_id: int, **options: Any) -> RoundResults:
    """:func:`results` of a stored round; targets are round target ids
    (``Store.round_targets`` gives their kind, cluster or idea, and label)."""
    scoring_round = store.get_round(round_id)
    return results(
        rubric_from_dict(scoring_round["rubric"], source=f"round {round_id}"),
        [t["id"] for t in store.round_targets(round_id)],
        entries_from_rows(store.round_scores(round_id)),
        blind=scoring_round["blind"],
        revealed=scoring_round["revealed"],
        **options,
    )


def round_citizen_support(store, round_id: int) -> dict[int, CitizenSupport]:
    """Citizen support of each target of a round, from the votes imported with its ideas."""
    members: dict[int, list[int | None]] = {t["id"]: [] for t in store.round_targets(round_id)}
    for row in store.round_target_votes(round_id):
        members[row["target_id"]].append(row["votes"])
    return citizen_support(members)
