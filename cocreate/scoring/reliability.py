"""Agreement between raters: Krippendorff's alpha (the ``krippendorff`` package) of a raters x
units table, and of a round over its (target, criterion) units on the normalised values, with
the reason when alpha is undefined.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

import krippendorff
import numpy as np

from cocreate.scoring.rubrics import Rubric, ScoringError
from cocreate.scoring.statistics import TIE_DECIMALS, ScoreEntry, _latest, _sort_key

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
