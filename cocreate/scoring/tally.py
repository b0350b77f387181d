"""A round's results as the results screen shows them: the blind rule (:func:`visible_scores`,
and :func:`results` hidden while a blind round is not revealed), each target's dimensions,
criteria, gates, rank and sweet spot, the round's agreement, and the citizens' support (imported
votes), kept apart from the workshop's scores. Pure: no store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from cocreate.scoring.reliability import Agreement, agreement
from cocreate.scoring.rubrics import SCALE, Rubric
from cocreate.scoring.statistics import (
    SWEET_SPOT_THRESHOLD,
    DimensionResult,
    ScoreEntry,
    Summary,
    _latest,
    dimension_stats,
    overall_score,
    rank_targets,
    summarise,
    sweet_spot,
)

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
