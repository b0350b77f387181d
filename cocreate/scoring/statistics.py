"""Pure statistics of a round's answers: score entries, the per-rater dimension scores, summary
statistics (mean, median, quartiles, IQR, standard deviation), controversy, the overall score,
competition ranking and the sweet spot. Plain tuples in, plain dataclasses out; no store. The
decisions (normalisation, don't know, ties, thresholds) are in the docstring of
:mod:`cocreate.scoring`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from cocreate.scoring.rubrics import DIMENSIONS, SCALE, Rubric

SWEET_SPOT_THRESHOLD = 0.6
SPREAD_STD = 0.3
SPREAD_IQR = 0.5
EXTREME_SHARE = 0.2
POLARISED_SHARE = 0.25
MIN_RATERS_FOR_CONTROVERSY = 3
# scores equal to this many decimals are ties (0.1 + 0.2 == 0.3)
TIE_DECIMALS = 9


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
