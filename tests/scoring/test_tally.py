"""A round's results: screening gates and the cost estimate, citizen support, the blind rule, and
invariants of the results of any round (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate.scoring.rubrics import DIMENSIONS, ScoringError, edit_rubric, get_rubric
from cocreate.scoring.statistics import dimension_stats
from cocreate.scoring.tally import citizen_support, results, visible_scores

from .conftest import QUICK, ROOM, S


def test_screening_gates_and_cost_estimate():
    screening = get_rubric("pb-screening")
    staff = [
        S("bench", "agent", "general-interest", 1),
        S("bench", "agent", "legal-competence", 1),
        S("bench", "agent", "technical-feasibility", 1),
        S("bench", "agent", "within-budget", 1),
        S("bench", "agent", "cost-estimate", 12_000),
        S("shop", "agent", "general-interest", 0),
        S("shop", "agent", "legal-competence", 1),
        S("shop", "agent", "technical-feasibility", None),
        S("shop", "agent", "within-budget", 1),
    ]
    out = {
        t.target: t
        for t in results(screening, ["bench", "shop"], staff, blind=False, revealed=False).targets
    }
    assert out["bench"].admissible is True
    assert out["bench"].criteria["cost-estimate"].summary.median == 12_000
    assert out["shop"].failed_gates == ("general-interest",)
    assert out["shop"].unanswered_gates == ("technical-feasibility",)
    assert out["shop"].admissible is False
    assert out["shop"].criteria["technical-feasibility"].dont_know == 1
    with pytest.raises(ScoringError, match="from 0 to 1"):
        dimension_stats(screening, [S("x", "agent", "legal-competence", 2)])
    with pytest.raises(ScoringError, match="negative"):
        dimension_stats(screening, [S("x", "agent", "cost-estimate", -5)])


def test_citizen_support_sums_member_ideas_and_ranks_targets():
    support = citizen_support({"c1": [3, None, 5], "i2": [2], "i3": [10], "c4": [None], "c5": []})
    assert (support["c1"].votes, support["c1"].ideas, support["c1"].ideas_with_votes) == (8, 3, 2)
    assert support["c4"].votes is None and support["c4"].percentile is None
    assert support["c5"].votes is None and support["c5"].ideas == 0
    assert support["i2"].percentile == pytest.approx(1 / 6)
    assert support["c1"].percentile == pytest.approx(0.5)
    assert support["i3"].percentile == pytest.approx(5 / 6)


# blind rule --------------------------------------------------------------------------------


def test_blind_round_shows_a_rater_only_their_own_scores_and_the_screen_nothing():
    assert visible_scores(ROOM, viewer="r2", blind=True, revealed=False) == [
        s for s in ROOM if s.rater == "r2"
    ]
    assert visible_scores(ROOM, viewer=None, blind=True, revealed=False) == []
    assert visible_scores(ROOM, viewer=None, blind=True, revealed=True) == ROOM
    assert visible_scores(ROOM, viewer="r2", blind=False, revealed=False) == ROOM
    hidden = results(QUICK, ["A", "B"], ROOM, blind=True, revealed=False)
    assert (hidden.hidden, hidden.targets, hidden.agreement) == (True, [], None)
    assert (hidden.progress, hidden.raters) == ({"A": 3, "B": 0}, 3)
    shown = results(QUICK, ["A", "B"], ROOM, blind=True, revealed=True)
    assert [t.target for t in shown.targets] == ["A", "B"]
    assert shown.targets[0].overall == pytest.approx((0.75 + 0.25 + 0.75) / 3)
    assert shown.targets[1].rank is None


# invariants --------------------------------------------------------------------------------

RUBRICS = [get_rubric("dvf-quick"), get_rubric("dvf-city"), get_rubric("pb-screening")]


@st.composite
def rounds(draw):
    rubric = draw(st.sampled_from(RUBRICS))
    weights = {c.id: draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])) for c in rubric.scale_criteria}
    rubric = edit_rubric(rubric, criterion_weights=weights)
    targets = [f"t{i}" for i in range(draw(st.integers(1, 4)))]
    raters = [f"r{i}" for i in range(draw(st.integers(1, 5)))]
    scores = []
    for target in targets:
        for rater in raters:
            for criterion in rubric.scale_criteria:
                choice = draw(st.sampled_from(["value", "value", "value", "dont_know", "absent"]))
                if choice == "value":
                    value = draw(st.sampled_from(criterion.points))
                    scores.append(S(target, rater, criterion.id, value))
                elif choice == "dont_know":
                    scores.append(S(target, rater, criterion.id, None))
    return rubric, targets, raters, scores


def open_results(rubric, targets, scores):
    return results(rubric, targets, scores, blind=False, revealed=False)


def comparable(round_results):
    return [
        (
            t.target,
            t.rank,
            t.tied,
            t.overall,
            t.sweet_spot,
            {d: (r.summary, r.controversial) for d, r in t.dimensions.items()},
        )
        for t in round_results.targets
    ]


@settings(max_examples=60, deadline=None)
@given(rounds())
def test_statistics_stay_within_the_scale(case):
    rubric, targets, _, scores = case
    for target in open_results(rubric, targets, scores).targets:
        assert target.overall is None or 0.0 <= target.overall <= 1.0
        for dim in target.dimensions.values():
            s = dim.summary
            if s.n:
                assert 0.0 <= s.mean <= 1.0
                assert 0.0 <= s.median <= 1.0
            if s.n >= 2:
                assert 0.0 <= s.q1 <= s.median <= s.q3 <= 1.0
                assert s.std >= 0.0 and s.iqr >= 0.0
            else:
                assert s.std is None and s.iqr is None


@settings(max_examples=60, deadline=None)
@given(rounds())
def test_ranking_is_a_permutation_consistent_with_scores(case):
    rubric, targets, _, scores = case
    ranked = open_results(rubric, targets, scores).targets
    assert sorted(t.target for t in ranked) == sorted(targets)
    scored = [t for t in ranked if t.overall is not None]
    assert ranked[: len(scored)] == scored
    for target in scored:
        better = sum(round(o.overall, 9) > round(target.overall, 9) for o in scored)
        equal = sum(round(o.overall, 9) == round(target.overall, 9) for o in scored)
        assert target.rank == better + 1
        assert target.tied == (equal > 1)
    # ties (equal to 9 decimals) keep their tie-break order: 5/12 summed two ways may differ
    # in the last bit and still be one rank
    overalls = [round(t.overall, 9) for t in scored]
    assert overalls == sorted(overalls, reverse=True)


@settings(max_examples=60, deadline=None)
@given(rounds(), st.randoms(use_true_random=False))
def test_adding_a_dont_know_changes_no_score(case, rng):
    rubric, targets, raters, scores = case
    answered = {(s.target, s.rater, s.criterion) for s in scores}
    free = [
        (t, r, c.id)
        for t in targets
        for r in raters
        for c in rubric.scale_criteria
        if (t, r, c.id) not in answered
    ]
    extra = [S(*key, None) for key in rng.sample(free, k=min(len(free), 3))]
    before = open_results(rubric, targets, scores)
    after = open_results(rubric, targets, scores + extra)
    assert comparable(after) == comparable(before)
    assert after.agreement.alpha == before.agreement.alpha
    dont_know_before = sum(d.dont_know for t in before.targets for d in t.dimensions.values())
    dont_know_after = sum(d.dont_know for t in after.targets for d in t.dimensions.values())
    assert dont_know_after == dont_know_before + len(extra)


@settings(max_examples=60, deadline=None)
@given(rounds(), st.randoms(use_true_random=False))
def test_permuting_raters_changes_nothing(case, rng):
    rubric, targets, raters, scores = case
    renamed = dict(zip(raters, rng.sample(raters, len(raters)), strict=True))
    shuffled = [s._replace(rater=renamed[s.rater]) for s in scores]
    rng.shuffle(shuffled)
    before = open_results(rubric, targets, scores)
    after = open_results(rubric, targets, shuffled)
    for old, new in zip(before.targets, after.targets, strict=True):
        assert (old.target, old.rank, old.tied, old.sweet_spot) == (
            new.target,
            new.rank,
            new.tied,
            new.sweet_spot,
        )
        assert old.overall == pytest.approx(new.overall)
        for dim in old.dimensions:
            a, b = old.dimensions[dim].summary, new.dimensions[dim].summary
            assert a.n == b.n
            for name in ("mean", "median", "q1", "q3", "iqr", "std"):
                assert getattr(a, name) == pytest.approx(getattr(b, name))
    alpha_before, alpha_after = before.agreement.alpha, after.agreement.alpha
    assert (alpha_before is None) == (alpha_after is None)
    if alpha_before is not None:
        assert alpha_before == pytest.approx(alpha_after)


@settings(max_examples=60, deadline=None)
@given(rounds(), st.sampled_from([0.4, 0.6, 0.8]))
def test_sweet_spot_is_inside_every_dimension_threshold(case, threshold):
    rubric, targets, _, scores = case
    out = results(rubric, targets, scores, blind=False, revealed=False, threshold=threshold)
    spot = {t.target for t in out.targets if t.sweet_spot}
    for dimension in DIMENSIONS:
        above = {
            t.target
            for t in out.targets
            if t.dimensions[dimension].summary.mean is not None
            and t.dimensions[dimension].summary.mean >= threshold
        }
        assert spot <= above
