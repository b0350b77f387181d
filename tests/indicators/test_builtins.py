"""Each built-in indicator on the five hand-built ideas of conftest.py, figures counted by hand."""

import pandas as pd
import pytest

from cocreate.indicators import NEEDS_POPULATION, NOT_IN_DATA, compute, compute_all


def figures(result) -> dict:
    """The table as {group label: shown figure}."""
    return dict(
        zip(result.table[result.group_column], result.table[result.value_column], strict=True)
    )


def test_ideas_per_month_leave_the_undated_idea_out_of_the_table_only(facts, builtins):
    result = compute(builtins["ideas-by-month"], facts, "en")
    assert figures(result) == {"2024-01": 2, "2024-02": 2}
    assert list(result.table.columns) == ["Month", "Ideas"]
    assert (result.headline, result.missing) == (5, 1)


def test_contributors_are_distinct_authors_and_each_anonymous_idea(facts, builtins):
    result = compute(builtins["contributors-by-month"], facts, "en")
    # January: Ana (typed "Ana" and "ana "); February: Bo and the anonymous idea 4
    assert figures(result) == {"2024-01": 1, "2024-02": 2}
    # overall: Ana, Bo, idea 4, idea 5
    assert result.headline == 4


def test_ideas_and_contributors_per_channel_in_channel_order(facts, builtins):
    ideas = compute(builtins["ideas-by-channel"], facts, "en")
    assert figures(ideas) == {"Workshop": 1, "Online platform": 2, "Paper form": 2}
    assert list(ideas.table["Channel"]) == ["Workshop", "Online platform", "Paper form"]
    people = compute(builtins["contributors-by-channel"], facts, "fr")
    # Ana took part in the workshop and online: she counts in each
    assert figures(people) == {"Atelier": 1, "Plateforme en ligne": 2, "Formulaire papier": 2}


def test_neighbourhood_comes_from_the_imported_row(facts, builtins):
    result = compute(builtins["ideas-by-neighbourhood"], facts, "en")
    assert figures(result) == {"Nord": 3, "Sud": 1}
    assert result.missing == 1


def test_ages_become_bands(facts, builtins):
    result = compute(builtins["ideas-by-age-band"], facts, "en")
    # 30, "17" and "70": ideas 4 and 5 give no age
    assert figures(result) == {"Under 18": 1, "25-34": 1, "65 and over": 1}
    assert list(result.table["Age band"]) == ["Under 18", "25-34", "65 and over"]
    assert result.missing == 2


def test_share_answered_per_channel_and_overall(facts, builtins):
    result = compute(builtins["share-answered"], facts, "en")
    assert figures(result) == {"Workshop": 100.0, "Online platform": 100.0, "Paper form": 0.0}
    assert list(result.table["Counted"]) == [1, 2, 0]
    assert list(result.table["Out of"]) == [1, 2, 2]
    assert result.headline == pytest.approx(100 * 3 / 5)
    assert result.unit == "%"
    # its target is every idea answered
    assert result.target_reached is False


def test_median_days_to_an_answer(facts, builtins):
    result = compute(builtins["days-to-answer"], facts, "en")
    # 10, 10 and 30 days; ideas 4 and 5 have no answer
    assert result.headline == 10
    assert figures(result) == {"2024-01": 10, "2024-02": 30}
    assert list(result.table["Ideas measured"]) == [2, 1]
    assert result.target_reached is True
    assert result.unit == "days"


def test_ideas_per_stage_follow_the_lifecycle(facts, builtins):
    result = compute(builtins["ideas-by-status"], facts, "fr")
    assert list(result.table["Étape"]) == [
        "Reçue",
        "Retenue pour examen",
        "Décidée",
        "En cours",
        "Réalisée",
    ]
    assert list(result.table["Idées"]) == [1, 1, 1, 1, 1]


def test_decisions_count_only_decided_ideas(facts, builtins):
    result = compute(builtins["ideas-by-outcome"], facts, "en")
    assert figures(result) == {"Accepted": 2, "Not retained": 1}
    assert result.headline == 3


def test_accepted_ideas_and_their_budget_per_stage(facts, builtins):
    counts = compute(builtins["accepted-by-status"], facts, "en")
    assert figures(counts) == {"In progress": 1, "Done": 1}
    budget = compute(builtins["budget-by-status"], facts, "en")
    assert figures(budget) == {"In progress": 500.0, "Done": 1000.0}
    assert budget.headline == 1500.0
    assert budget.unit == "€"
    departments = compute(builtins["budget-by-department"], facts, "en")
    assert figures(departments) == {"Voirie": 1000.0, "Parcs": 500.0}


def test_divide_compares_contributors_with_the_population(facts, builtins):
    population = {"nord": 500, "Sud": 300, "Est": 200}
    result = compute(builtins["divide-neighbourhood"], facts, "en", population)
    # contributors: Nord has Ana, Bo and idea 4 (3), Sud has Ana (1): 4 in all
    shares = {"Nord": 100 * 3 / 4, "Sud": 100 * 1 / 4, "Est": 0.0}
    people = {"Nord": 50.0, "Sud": 30.0, "Est": 20.0}
    gaps = {group: shares[group] - people[group] for group in shares}
    assert figures(result) == pytest.approx(gaps)
    # the most missing group first: Est, then Sud
    assert list(result.table["Neighbourhood"]) == ["Est", "Sud", "Nord"]
    # the data's spelling of a group wins over the file's ("nord")
    assert dict(zip(result.table["Neighbourhood"], result.table["Population"], strict=True)) == {
        "Est": 200,
        "Sud": 300,
        "Nord": 500,
    }
    assert result.headline == pytest.approx(sum(abs(g) for g in gaps.values()) / 2)
    assert result.target_reached is False
    assert result.unmatched == ()


def test_divide_by_age_band_matches_band_names_of_the_population_file(facts, builtins):
    population = {"under 18": 200, "18-24": 100, "25-34": 200, "35-49": 200, "50-64": 150}
    population["65 et plus"] = 150
    result = compute(builtins["divide-age-band"], facts, "en", population)
    # Ana at 17 and at 30, Bo at 70: a third each
    third = 100 / 3
    gaps = {
        "Under 18": third - 20,
        "18-24": -10,
        "25-34": third - 20,
        "35-49": -20,
        "50-64": -15,
        "65 and over": third - 15,
    }
    assert figures(result) == pytest.approx(gaps)
    assert result.headline == pytest.approx(sum(abs(g) for g in gaps.values()) / 2)


def test_a_group_of_the_data_the_population_file_does_not_name_is_reported(facts, builtins):
    result = compute(builtins["divide-neighbourhood"], facts, "en", {"Nord": 10, "Est": 10})
    assert result.unmatched == ("Sud",)
    assert figures(result) == pytest.approx({"Nord": 50.0, "Est": -50.0})


def test_divide_without_population_figures_asks_for_them(facts, builtins):
    result = compute(builtins["divide-neighbourhood"], facts, "en")
    assert (result.available, result.reason) == (False, NEEDS_POPULATION)


def test_data_without_neighbourhood_age_or_cost_says_so_rather_than_zero(facts, builtins):
    bare = facts.assign(original=[{"text": "x"}] * len(facts), cost=None)
    for key in ("ideas-by-neighbourhood", "ideas-by-age-band", "divide-age-band"):
        result = compute(builtins[key], bare, "en", {"under 18": 1})
        assert (result.available, result.reason, result.headline) == (False, NOT_IN_DATA, None)
        assert result.table.empty
    budget = compute(builtins["budget-by-status"], bare, "en")
    assert (budget.available, budget.reason) == (False, NOT_IN_DATA)


def test_every_builtin_speaks_both_languages(facts, builtins):
    populations = {"neighbourhood": {"Nord": 1, "Sud": 1}, "age_band": {"65+": 1}}
    french = compute_all(builtins.values(), facts, "fr", populations)
    english = compute_all(builtins.values(), facts, "en", populations)
    for fr, en in zip(french, english, strict=True):
        assert fr.available and en.available, fr.indicator.key
        assert fr.headline == en.headline
        assert list(fr.table.columns) != list(en.table.columns), fr.indicator.key
        pd.testing.assert_frame_equal(fr.raw, en.raw)


def test_an_empty_frame_counts_zero(facts, builtins):
    result = compute(builtins["ideas-by-channel"], facts.iloc[0:0], "en")
    assert result.headline == 0
    assert result.table.empty
