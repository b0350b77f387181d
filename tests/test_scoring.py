"""DVF scoring: rubric files, aggregation against hand-computed cases, Krippendorff's alpha
against Krippendorff's published example, invariants (hypothesis), and stored rounds."""

import json
import math
import shutil
import sqlite3
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate.records import IdeaRecord
from cocreate.scoring import (
    DIMENSIONS,
    LANGUAGES,
    RubricError,
    ScoreEntry,
    ScoringError,
    Summary,
    agreement,
    citizen_support,
    controversy,
    copy_rubric_to_workshop,
    dimension_stats,
    edit_rubric,
    get_rubric,
    krippendorff_alpha,
    list_rubrics,
    load_rubric,
    open_round,
    overall_score,
    rank_targets,
    rater_view,
    results,
    round_citizen_support,
    round_results,
    round_rubric,
    rubric_from_dict,
    rubrics_dir,
    submit_score,
    summarise,
    sweet_spot,
    visible_scores,
    workshop_rubric,
)
from cocreate.store import StoreError

S = ScoreEntry


# rubric files ----------------------------------------------------------------------------


def texts(node, path=""):
    """Every {fr, en} text of a rubric's file layout, with where it is."""
    if isinstance(node, dict):
        if set(node) & set(LANGUAGES) and not set(node) - set(LANGUAGES) - {"value"}:
            yield path, node
        else:
            for key, value in node.items():
                yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{path}[{index}]")


@pytest.mark.parametrize("path", sorted(rubrics_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_every_bundled_rubric_loads_with_both_languages_and_real_anchors(path):
    rubric = load_rubric(path)
    assert rubric.id == path.stem and rubric.version >= 1
    assert [d.id for d in rubric.dimensions] == list(DIMENSIONS)
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    found = list(texts(raw))
    assert len(found) > 10
    for where, text in found:
        assert all(text[lang].strip() for lang in LANGUAGES), where
    for criterion in rubric.scale_criteria:
        assert [a.value for a in criterion.anchors] == list(criterion.points)
        for lang in LANGUAGES:
            anchor_texts = [a.text[lang] for a in criterion.anchors]
            # an anchor says what the point means, not "1 = low"
            assert len(set(anchor_texts)) == len(anchor_texts)
            assert all(len(t) >= 15 for t in anchor_texts), anchor_texts
    assert rubric_from_dict(rubric.to_dict()) == rubric


def test_bundled_rubrics_are_the_three_of_the_issue():
    rubrics = {r.id: r for r in list_rubrics()}
    assert set(rubrics) == {"dvf-city", "dvf-quick", "pb-screening"}
    city = rubrics["dvf-city"]
    assert [len(d.criteria) for d in city.dimensions] == [3, 3, 3]
    assert (city.scale_min, city.scale_max) == (1, 5)
    assert [len(d.criteria) for d in rubrics["dvf-quick"].dimensions] == [1, 1, 1]
    screening = rubrics["pb-screening"]
    assert {c.id for c in screening.scale_criteria if c.gate} == {
        "legal-competence",
        "technical-feasibility",
        "within-budget",
        "general-interest",
    }
    assert all(c.points == (0, 1) for c in screening.scale_criteria)
    cost = screening.criterion("cost-estimate")
    assert (cost.kind, cost.unit, cost.dimension) == ("amount", "EUR", "viability")
    assert screening.text("dont_know", "en") == "To be checked by city services"


def write_broken(tmp_path, edit):
    data = get_rubric("dvf-quick").to_dict()
    edit(data)
    path = tmp_path / "dvf-quick.toml"
    path.write_text(json_to_toml(data), encoding="utf-8")
    return path


def json_to_toml(data):
    """A rubric dict as TOML (inline tables only: enough for these tests)."""

    def value(v):
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + " }"
        if isinstance(v, list):
            return "[ " + ", ".join(value(x) for x in v) + " ]"
        if isinstance(v, bool):
            return "true" if v else "false"
        return json.dumps(v, ensure_ascii=False)

    return "\n".join(f"{key} = {value(v)}" for key, v in data.items()) + "\n"


@pytest.mark.parametrize(
    ("edit", "field", "message"),
    [
        (
            lambda d: d["dimensions"][1]["criteria"][0]["anchors"].pop(),
            "dimensions[1].criteria[0].anchors",
            "expected 5 anchors (values 1 to 5), found 4 (criterion 'doable')",
        ),
        (
            lambda d: d["dimensions"][0]["criteria"][0]["label"].pop("en"),
            "dimensions[0].criteria[0].label.en",
            "missing or empty text",
        ),
        (
            lambda d: d["dimensions"][2]["criteria"][0].update(wieght=2),
            "dimensions[2].criteria[0]",
            "unknown field 'wieght'",
        ),
        (
            lambda d: d["dimensions"][0].update(id="popularity"),
            "dimensions[0].id",
            "expected one of",
        ),
        (
            lambda d: d["dimensions"][0]["criteria"][0]["anchors"][2].update(value=7),
            "dimensions[0].criteria[0].anchors[2].value",
            "expected 3",
        ),
        (lambda d: d.update(id="something-else"), "id", "differs from the file name"),
    ],
)
def test_malformed_rubric_error_names_the_file_and_the_field(tmp_path, edit, field, message):
    path = write_broken(tmp_path, edit)
    with pytest.raises(RubricError) as error:
        load_rubric(path)
    assert str(error.value).startswith(f"{path}: {field}: ")
    assert message in str(error.value)


def test_edited_copy_keeps_id_and_version_and_is_validated():
    city = get_rubric("dvf-city")
    edited = edit_rubric(
        city, criterion_weights={"citizen-need": 3}, dimension_weights={"viability": 2}
    )
    assert (edited.id, edited.version, edited.edited) == ("dvf-city", 1, True)
    assert edited.criterion("citizen-need").weight == 3
    assert edited.dimension("viability").weight == 2
    assert city.criterion("citizen-need").weight == 1
    fewer = edit_rubric(city, drop=["funding", "cost"])
    assert [c.id for c in fewer.dimension("viability").criteria] == ["maintenance-sustainability"]
    with pytest.raises(RubricError, match="weight"):
        edit_rubric(city, criterion_weights={"cost": -1})
    with pytest.raises(ScoringError, match="no criterion or dimension 'beauty'"):
        edit_rubric(city, criterion_weights={"beauty": 1})


# aggregation: hand-computed cases ---------------------------------------------------------------

QUICK = get_rubric("dvf-quick")

# three raters, target A: wanted 5/4/3, doable 2/don't know/2, lasting 4/4/4
ROOM = [
    S("A", "r1", "wanted", 5),
    S("A", "r2", "wanted", 4),
    S("A", "r3", "wanted", 3),
    S("A", "r1", "doable", 2),
    S("A", "r2", "doable", None),
    S("A", "r3", "doable", 2),
    S("A", "r1", "lasting", 4),
    S("A", "r2", "lasting", 4),
    S("A", "r3", "lasting", 4),
]


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


# Krippendorff's alpha ----------------------------------------------------------------------

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", reliability data of
# 4 observers x 12 units (None: no value); published alphas below
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}


@pytest.mark.parametrize(("level", "alpha"), sorted(PUBLISHED.items()))
def test_krippendorff_alpha_matches_the_published_example(level, alpha):
    assert krippendorff_alpha(KRIPPENDORFF_2011, level=level) == pytest.approx(alpha, abs=5e-4)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_round_agreement_on_the_published_example(level):
    """The same data as a round: 12 targets, 4 raters, one 1-5 criterion, and a
    don't-know where the example has no value. Normalising to 0-1 is linear, so alpha
    is unchanged."""
    scores = [
        S(f"unit{unit}", f"observer{observer}", "wanted", value)
        for observer, row in enumerate(KRIPPENDORFF_2011)
        for unit, value in enumerate(row)
    ]
    found = agreement(QUICK, scores, level=level)
    assert found.alpha == pytest.approx(PUBLISHED[level], abs=5e-4)
    assert (found.raters, found.units) == (4, 11)


def test_a_value_no_one_else_gave_on_its_unit_counts_for_nothing():
    with_lone = [[1, 2, 5], [1, 3, None]]
    assert krippendorff_alpha(with_lone, level="interval") == pytest.approx(
        krippendorff_alpha([[1, 2], [1, 3]], level="interval")
    )


def test_agreement_is_undefined_without_pairs_or_variation():
    assert agreement(QUICK, [S("A", "solo", "wanted", 3)]).reason == "too-few-raters"
    apart = [S("A", "r1", "wanted", 3), S("B", "r2", "wanted", 4)]
    assert agreement(QUICK, apart).reason == "no-shared-item"
    same = [S(t, r, "wanted", 4) for t in "AB" for r in ("r1", "r2")]
    assert agreement(QUICK, same).alpha is None
    assert agreement(QUICK, same).reason == "no-variation"


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


# stored rounds -----------------------------------------------------------------------------


def add_idea(store, workshop, text, votes):
    record = IdeaRecord(text=text, source_key=text, votes=votes, original={"text": text})
    report = store.add_ideas(workshop["id"], [record], source="test")
    return report.idea_ids[0]


@pytest.fixture
def shortlist(store, workshop):
    """A cluster of two ideas (12 and 30 votes) and a lone idea (5 votes)."""
    first = add_idea(store, workshop, "Des arceaux vélo devant les écoles", 12)
    second = add_idea(store, workshop, "Plus de stationnement vélo près des écoles", 30)
    lone = add_idea(store, workshop, "Une rue piétonne le dimanche", 5)
    cluster = store.create_cluster(
        workshop["id"],
        label="Stationnement vélo",
        keywords=["vélo"],
        centroid=[1.0, 0.0],
        pinned=False,
    )
    store.add_assignments(
        [{"idea_id": i, "cluster": cluster, "similarity": 0.9} for i in (first, second)]
    )
    return [("cluster", cluster), ("idea", lone)]


def test_blind_round_with_three_raters_on_two_targets(store, workshop, shortlist):
    copy = copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    assert (copy["rubric_id"], copy["version"], copy["edited"]) == ("dvf-quick", 1, False)
    scoring_round = open_round(store, workshop["id"], shortlist, title="Tour 1")
    assert scoring_round["blind"] and not scoring_round["revealed"]
    assert scoring_round["status"] == "open"
    targets = store.round_targets(scoring_round["id"])
    assert [(t["kind"], t["label"]) for t in targets] == [
        ("cluster", "Stationnement vélo"),
        ("idea", "Une rue piétonne le dimanche"),
    ]
    cluster_target, idea_target = (t["id"] for t in targets)
    lea = store.add_rater(workshop["id"])
    sam = store.add_rater(workshop["id"])
    agnes = store.add_rater(workshop["id"], staff_name="Agnès, service voirie")
    assert (lea["kind"], lea["name"], agnes["kind"]) == ("participant", None, "staff")
    assert store.get_rater(lea["token"])["id"] == lea["id"]
    answers = {
        lea["id"]: {cluster_target: (5, 4, 3), idea_target: (2, 2, 2)},
        sam["id"]: {cluster_target: (4, 4, 3), idea_target: (4, None, 2)},
        agnes["id"]: {cluster_target: (1, 4, 3), idea_target: (3, 2, 2)},
    }
    for rater, by_target in answers.items():
        for target, values in by_target.items():
            for criterion, value in zip(("wanted", "doable", "lasting"), values, strict=True):
                submit_score(store, scoring_round["id"], target, rater, criterion, value)
    # Léa changes her mind before the round closes: the answer is replaced, not added
    submit_score(store, scoring_round["id"], cluster_target, lea["id"], "wanted", 4)
    assert len(store.round_scores(scoring_round["id"])) == 18

    hidden = round_results(store, scoring_round["id"])
    assert hidden.hidden and hidden.targets == []
    assert hidden.progress == {cluster_target: 3, idea_target: 3}
    own = rater_view(store, scoring_round["id"], sam["id"])
    assert {s.rater for s in own} == {sam["id"]} and len(own) == 6

    revealed = store.reveal_round(scoring_round["id"])
    assert (revealed["status"], revealed["revealed"]) == ("closed", True)
    shown = round_results(store, scoring_round["id"])
    assert not shown.hidden
    assert len(rater_view(store, scoring_round["id"], sam["id"])) == 18
    by_target = {t.target: t for t in shown.targets}
    cluster = by_target[cluster_target]
    # wanted 4, 4, 1 -> .75, .75, 0; doable 4 x3 -> .75; lasting 3 x3 -> .5
    assert cluster.dimensions["desirability"].summary.mean == 0.5
    assert cluster.dimensions["desirability"].summary.median == 0.75
    assert cluster.dimensions["feasibility"].summary.std == 0.0
    assert cluster.overall == pytest.approx((0.5 + 0.75 + 0.5) / 3)
    idea = by_target[idea_target]
    assert idea.dimensions["feasibility"].dont_know == 1
    assert idea.dimensions["feasibility"].summary.n == 2
    assert [t.target for t in shown.targets] == [cluster_target, idea_target]
    assert shown.agreement.raters == 3

    support = round_citizen_support(store, scoring_round["id"])
    assert (support[cluster_target].votes, support[cluster_target].ideas) == (42, 2)
    assert support[idea_target].votes == 5


def test_dont_know_is_stored_as_null_never_zero(store, workshop, shortlist, db_path):
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    scoring_round = open_round(store, workshop["id"], shortlist)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    rater = store.add_rater(workshop["id"])
    submit_score(store, scoring_round["id"], target, rater["id"], "doable", None)
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT value, dont_know FROM scores").fetchall() == [(None, 1)]
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("UPDATE scores SET value = 0")


def test_scores_are_refused_after_the_round_closes(store, workshop, shortlist):
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    scoring_round = open_round(store, workshop["id"], shortlist, title="Vote rapide", blind=False)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    rater = store.add_rater(workshop["id"])
    submit_score(store, scoring_round["id"], target, rater["id"], "wanted", 4)
    with pytest.raises(ScoringError, match="from 1 to 5"):
        submit_score(store, scoring_round["id"], target, rater["id"], "wanted", 6)
    with pytest.raises(ScoringError, match="no criterion 'beauty'"):
        submit_score(store, scoring_round["id"], target, rater["id"], "beauty", 3)
    assert store.close_round(scoring_round["id"])["status"] == "closed"
    with pytest.raises(StoreError, match="“Vote rapide” is closed"):
        submit_score(store, scoring_round["id"], target, rater["id"], "wanted", 2)
    with pytest.raises(StoreError, match="closed"):
        store.add_round_targets(scoring_round["id"], shortlist)
    assert [s["value"] for s in store.round_scores(scoring_round["id"])] == [4.0]
    # not blind: results are live, no reveal needed
    assert not round_results(store, scoring_round["id"]).hidden


def test_round_refuses_foreign_targets_and_raters(store, workshop, shortlist):
    other = store.create_workshop("Autre atelier")
    foreign_idea = add_idea(store, other, "Un marché de nuit", 3)
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    with pytest.raises(StoreError, match="No current idea"):
        open_round(store, workshop["id"], [*shortlist, ("idea", foreign_idea)])
    assert store.list_rounds(workshop["id"]) == []
    scoring_round = open_round(store, workshop["id"], shortlist)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    stranger = store.add_rater(other["id"])
    with pytest.raises(StoreError, match="does not take part"):
        submit_score(store, scoring_round["id"], target, stranger["id"], "wanted", 3)
    with pytest.raises(ScoringError, match="Copy a rubric"):
        open_round(store, other["id"], [])


def test_rubric_snapshots_keep_past_rounds_unchanged(
    store, workshop, shortlist, tmp_path, monkeypatch
):
    folder = tmp_path / "templates"
    shutil.copytree(rubrics_dir(), folder / "rubrics")
    monkeypatch.setenv("COCREATE_TEMPLATES", str(folder))
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    first = open_round(store, workshop["id"], shortlist)
    # the template file changes afterwards: a new version with other weights
    path = folder / "rubrics" / "dvf-quick.toml"
    text = path.read_text(encoding="utf-8").replace("version = 1", "version = 2", 1)
    path.write_text(text.replace("weight = 1.0", "weight = 4.0", 1), encoding="utf-8")
    assert get_rubric("dvf-quick").version == 2
    assert round_rubric(store, first["id"]).version == 1
    assert round_rubric(store, first["id"]).dimension("desirability").weight == 1.0
    # the facilitator edits the workshop's copy: later rounds use it, the first does not
    edited = edit_rubric(get_rubric("dvf-quick"), dimension_weights={"viability": 3})
    copy = copy_rubric_to_workshop(store, workshop["id"], edited)
    assert (copy["rubric_id"], copy["version"], copy["edited"]) == ("dvf-quick", 2, True)
    assert workshop_rubric(store, workshop["id"]).dimension("viability").weight == 3
    second = open_round(store, workshop["id"], shortlist)
    assert (second["rubric_id"], second["rubric_version"]) == ("dvf-quick", 2)
    assert round_rubric(store, second["id"]).dimension("viability").weight == 3
    assert round_rubric(store, first["id"]).dimension("viability").weight == 1.0
    assert [r["id"] for r in store.list_rounds(workshop["id"])] == [second["id"], first["id"]]


def test_deleting_a_workshop_deletes_its_rounds_and_scores(store, workshop, shortlist):
    copy_rubric_to_workshop(store, workshop["id"], "pb-screening")
    scoring_round = open_round(store, workshop["id"], shortlist)
    target = store.round_targets(scoring_round["id"])[0]["id"]
    rater = store.add_rater(workshop["id"], staff_name="Service des finances")
    submit_score(store, scoring_round["id"], target, rater["id"], "cost-estimate", 25_000)
    store.delete_workshop(workshop["id"])
    for table in ("score_rounds", "round_targets", "raters", "scores", "workshop_rubrics"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
