"""Agreement between raters: Krippendorff's alpha against Krippendorff's published example, and
a round's agreement when it is undefined."""

import pytest

from cocreate.scoring.reliability import agreement, krippendorff_alpha

from .conftest import QUICK, S

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
