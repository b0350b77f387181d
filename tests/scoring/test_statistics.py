"""Pure statistics of scores: aggregation against hand-computed cases, controversy, ranking,
the sweet spot, and summaries of any values (hypothesis)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate.scoring.rubrics import edit_rubric, get_rubric
from cocreate.scoring.statistics import (
    Summary,
    controversy,
    dimension_stats,
    overall_score,
    rank_targets,
    summarise,
    sweet_spot,
)

from .conftest import QUICK, ROOM, S

# aggregation: hand-computed cases ---------------------------------------------------------------


def test_dimension_statistics_by_hand_with_dont_know_and_equal_raters():
    stats = dimension_stats(QUICK, ROOM)["A"]
    # 5, 4, 3 on 1-5 -> 1, .75, .5
    assert stats["desirability"].summary == Summary(
        n=3, mean=0.75, median=0.75, q1=0.625, q3=0.875, iqr=0.25, std=0.25
    )
    assert stats["desirability"].dont_know == 0
    # the don't-know is counted, not averaged as a zero
    assert stats["feasibility"].summary.n == 2
    assert stats["feasibility"].summary.mean == 0.25
    assert stats["feasibility"].dont_know == 1
    # all raters equal: no spread at all
    assert stats["viability"].summary == Summary(3, 0.75, 0.75, 0.75, 0.75, 0.0, 0.0)
    assert not any(d.controversial for d in stats.values())


def test_a_single_rater_has_no_spread_and_is_never_controversial():
    stats = dimension_stats(QUICK, [S("A", "solo", "wanted", 1)])["A"]["desirability"]
    assert stats.summary == Summary(n=1, mean=0.0, median=0.0)
    assert stats.summary.std is None and stats.summary.iqr is None
    assert stats.controversial == ()
    assert summarise([]) == Summary(0)


def test_criteria_are_weighted_within_a_dimension_per_rater():
    city = get_rubric("dvf-city")
    answers = [
        S("A", "r1", "citizen-need", 5),
        S("A", "r1", "breadth-of-benefit", 3),
        S("A", "r1", "support", None),
    ]
    # (1 + .5) / 2: the don't-know criterion drops out with its weight
    assert dimension_stats(city, answers)["A"]["desirability"].summary.mean == 0.75
    heavier = edit_rubric(city, criterion_weights={"citizen-need": 3})
    assert dimension_stats(heavier, answers)["A"]["desirability"].summary.mean == 0.875


def test_overall_uses_dimension_weights_and_needs_every_weighted_dimension():
    means = {"desirability": 0.75, "feasibility": 0.25, "viability": 0.75}
    assert overall_score(QUICK, means) == pytest.approx(0.5833333333)
    weighted = edit_rubric(QUICK, dimension_weights={"viability": 2})
    assert overall_score(weighted, means) == 0.625
    assert overall_score(QUICK, {**means, "feasibility": None}) is None
    ignored = edit_rubric(QUICK, dimension_weights={"feasibility": 0})
    assert overall_score(ignored, {**means, "feasibility": None}) == 0.75


def test_scales_are_normalised_so_rubrics_compare():
    screening = get_rubric("pb-screening")
    # "met" on a 0-1 scale and 5 on a 1-5 scale are both the top: 1.0
    top_binary = dimension_stats(screening, [S("A", "r", "general-interest", 1)])
    top_five = dimension_stats(QUICK, [S("A", "r", "wanted", 5)])
    assert top_binary["A"]["desirability"].summary.mean == 1.0
    assert top_five["A"]["desirability"].summary.mean == 1.0


def test_ranking_is_competition_ranking_with_ties_marked():
    ranked = rank_targets({"a": 0.9, "b": 0.7, "c": 0.7, "d": 0.1, "e": None})
    assert [(r.target, r.rank, r.tied) for r in ranked] == [
        ("a", 1, False),
        ("b", 2, True),
        ("c", 2, True),
        ("d", 4, False),
        ("e", None, False),
    ]
    # equal up to float noise is a tie
    noisy = rank_targets({1: 0.1 + 0.2, 2: 0.3})
    assert [(r.rank, r.tied) for r in noisy] == [(1, True), (1, True)]


def test_controversy_rules_on_the_normalised_scale():
    assert controversy([0.0, 0.0, 1.0, 1.0]) == ("spread", "polarised")
    assert controversy([0.0, 0.5, 0.5, 0.5, 1.0]) == ("spread",)
    assert controversy([0.5, 0.5, 0.75, 0.75]) == ()
    assert controversy([0.0, 1.0]) == ()
    # a quarter strongly against, a quarter strongly for, half in the middle: polarised
    assert "polarised" in controversy([0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1])
    split_room = [S("B", f"r{i}", "wanted", v) for i, v in enumerate([1, 1, 5, 5, 5])]
    assert dimension_stats(QUICK, split_room)["B"]["desirability"].controversial == (
        "spread",
        "polarised",
    )


def test_sweet_spot_needs_all_three_dimensions_at_the_threshold():
    means = {
        "in": {"desirability": 0.6, "feasibility": 0.9, "viability": 0.61},
        "low-f": {"desirability": 0.9, "feasibility": 0.59, "viability": 0.9},
        "no-v": {"desirability": 0.9, "feasibility": 0.9, "viability": None},
    }
    assert sweet_spot(means) == {"in"}
    assert sweet_spot(means, threshold=0.5) == {"in", "low-f"}


@given(st.lists(st.floats(0, 1), max_size=30))
def test_summary_of_any_values_is_ordered(values):
    s = summarise(values)
    assert s.n == len(values)
    if values:
        assert min(values) <= s.mean <= max(values)
        assert min(values) <= s.median <= max(values)
    if len(values) >= 2:
        assert min(values) <= s.q1 <= s.median <= s.q3 <= max(values)
        assert math.isclose(s.iqr, s.q3 - s.q1)
