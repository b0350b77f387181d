"""Participation and follow-up indicators, defined as data and computed on the facts frame.

Indicators are files in ``templates/indicators/`` (see :mod:`cocreate.indicators.definitions`
for the vocabulary); an agency adds one by dropping a file there. :func:`compute` takes one
indicator and the facts frame (one row per idea: ``cocreate.triage.idea_facts``) and returns
a translated table, the headline figure and whether the target is reached. Rules written down
here (decisions 0040-0044):

- **Contributors** are distinct authors (trimmed, case ignored); an idea without an author
  counts as one contributor of its own (a paper form or an anonymous post is a person).
- **Neighbourhood and age band** come from the idea's imported row, found by the column names
  of ``_columns.toml``; an age becomes a band, a band written as text is kept. When no idea
  has one, the indicator says "not in this data" (:data:`NOT_IN_DATA`), never zero.
- **Missing values** of a grouping (no date, no neighbourhood) leave the idea out of the
  table but in the headline; the result counts them (``missing``).
- **Shares and the divide** are in percent; the divide's headline is the dissimilarity index:
  half the sum of the gaps between each group's share of contributors and of population
  (0 = contributors look like the population), over the groups the population file names.
"""

from cocreate.indicators.compute import (
    NEEDS_POPULATION,
    NO_VALUES,
    NOT_IN_DATA,
    IndicatorResult,
    compute,
    compute_all,
    group_label,
    unit_label,
)
from cocreate.indicators.definitions import (
    Indicator,
    IndicatorError,
    RowColumns,
    load_indicators,
    load_row_columns,
    read_indicator,
)
from cocreate.indicators.facts import FACT_COLUMNS, age_band_of, find_column, prepare_facts
from cocreate.indicators.population import PopulationError, population_csv, read_population

__all__ = [
    "FACT_COLUMNS",
    "NEEDS_POPULATION",
    "NOT_IN_DATA",
    "NO_VALUES",
    "Indicator",
    "IndicatorError",
    "IndicatorResult",
    "PopulationError",
    "RowColumns",
    "age_band_of",
    "compute",
    "compute_all",
    "find_column",
    "group_label",
    "load_indicators",
    "load_row_columns",
    "population_csv",
    "prepare_facts",
    "read_indicator",
    "read_population",
    "unit_label",
]
