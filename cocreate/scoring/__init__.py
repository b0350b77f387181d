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

The package, one module per part (lower ones never import the higher ones):

- :mod:`cocreate.scoring.rubrics`: rubrics, their file layout and reader, and the errors
  (:class:`ScoringError`, :class:`RubricError`);
- :mod:`cocreate.scoring.statistics`: score entries and the pure statistics (summaries,
  dimension scores, controversy, overall score, ranking, sweet spot);
- :mod:`cocreate.scoring.reliability`: agreement (Krippendorff's alpha);
- :mod:`cocreate.scoring.tally`: a round's results, the blind rule and citizen support;
- :mod:`cocreate.scoring.rounds`: rounds against the store, and the projected board.
"""

from cocreate.scoring.reliability import (
    LEVELS,
    Agreement,
    agreement,
    krippendorff_alpha,
)
from cocreate.scoring.rounds import (
    copy_rubric_to_workshop,
    open_round,
    rater_view,
    round_board,
    round_citizen_support,
    round_results,
    round_rubric,
    submit_score,
    workshop_rubric,
)
from cocreate.scoring.rubrics import (
    AMOUNT,
    DEFAULT_DONT_KNOW,
    DEFAULT_SCALE,
    DIMENSIONS,
    ID_PATTERN,
    LANGUAGES,
    MAX_SCALE_POINTS,
    SCALE,
    Anchor,
    Criterion,
    Dimension,
    Rubric,
    RubricError,
    ScoringError,
    edit_rubric,
    get_rubric,
    list_rubrics,
    load_rubric,
    rubric_from_dict,
    rubrics_dir,
)
from cocreate.scoring.statistics import (
    EXTREME_SHARE,
    MIN_RATERS_FOR_CONTROVERSY,
    POLARISED_SHARE,
    SPREAD_IQR,
    SPREAD_STD,
    SWEET_SPOT_THRESHOLD,
    TIE_DECIMALS,
    DimensionResult,
    RankedTarget,
    ScoreEntry,
    Summary,
    controversy,
    dimension_stats,
    entries_from_rows,
    overall_score,
    rank_targets,
    rater_dimension_scores,
    summarise,
    sweet_spot,
)
from cocreate.scoring.tally import (
    CitizenSupport,
    CriterionResult,
    RoundResults,
    TargetResult,
    citizen_support,
    results,
    visible_scores,
)

# the former module's __all__, its other public constants, then the projected board
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
    "AMOUNT",
    "DEFAULT_DONT_KNOW",
    "DEFAULT_SCALE",
    "EXTREME_SHARE",
    "ID_PATTERN",
    "LEVELS",
    "MAX_SCALE_POINTS",
    "MIN_RATERS_FOR_CONTROVERSY",
    "POLARISED_SHARE",
    "SCALE",
    "SPREAD_IQR",
    "SPREAD_STD",
    "TIE_DECIMALS",
    "round_board",
]
