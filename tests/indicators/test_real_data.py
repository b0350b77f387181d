"""The Paris participatory budget's winners (../shared/data/paris-bp-laureats): facts built from
the open-data file, statuses from its progress column; the dashboard's figures equal pandas
counts made directly on the file."""

import pandas as pd
import pytest

from cocreate.indicators import compute_all, load_indicators

PARIS = "paris-bp-laureats/bp_projets_gagnants_opendata_2024.csv"
STAGE, DISTRICT, BUDGET = (
    "Avancement du projet",
    "Arrondissement du projet lauréat",
    "Budget global du projet lauréat",
)
# the file's progress onto the lifecycle: every winner was accepted; an abandoned one was not
# carried out after all
STATUS = {
    "(non démarré)": "decided",
    "ETUDES": "in_progress",
    "PROCEDURES": "in_progress",
    "TRAVAUX": "in_progress",
    "LIVRAISON": "in_progress",
    "FIN": "done",
    "ABANDONNÉ": "decided",
}


@pytest.fixture
def winners(data_dir) -> pd.DataFrame:
    path = data_dir / PARIS
    if not path.is_file():
        pytest.skip(f"{PARIS} not found in {data_dir}")
    return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype={DISTRICT: str})


def paris_facts(winners: pd.DataFrame) -> pd.DataFrame:
    abandoned = winners[STAGE].eq("ABANDONNÉ")
    return pd.DataFrame(
        {
            "idea_id": winners["Identifiant du projet lauréat"],
            "workshop_id": 1,
            "created": winners["Edition"].astype(str) + "-01-01",
            "source": "paris-bp",
            "channel": "platform",
            "author": None,
            "language": "fr",
            "status": winners[STAGE].map(STATUS),
            "outcome": abandoned.map({True: "not_retained", False: "accepted"}),
            "decided_at": None,
            "answered_at": None,
            "cost": winners[BUDGET].astype(float),
            "department": winners["Direction pilote du projet lauréat"],
            "cluster_id": None,
            "original": winners.to_dict("records"),
        }
    )


def test_paris_dashboard_figures_equal_direct_pandas_counts(winners):
    assert set(winners[STAGE]) <= set(STATUS)
    facts = paris_facts(winners)
    results = {r.indicator.key: r for r in compute_all(load_indicators(), facts, "fr")}

    statuses = winners[STAGE].map(STATUS)
    by_status = results["ideas-by-status"].raw.set_index("group")["value"]
    assert by_status.to_dict() == statuses.value_counts().to_dict()

    kept = winners[~winners[STAGE].eq("ABANDONNÉ")]
    kept_status = kept[STAGE].map(STATUS)
    accepted = results["accepted-by-status"].raw.set_index("group")["value"]
    assert accepted.to_dict() == kept_status.value_counts().to_dict()
    budgets = results["budget-by-status"].raw.set_index("group")["value"]
    assert budgets.to_dict() == kept[BUDGET].groupby(kept_status).sum().astype(float).to_dict()
    assert results["budget-by-status"].headline == float(kept[BUDGET].sum())
    per_department = results["budget-by-department"].raw.set_index("group")["value"]
    expected = kept[BUDGET].groupby(kept["Direction pilote du projet lauréat"]).sum()
    assert per_department.to_dict() == expected.astype(float).to_dict()

    # the neighbourhood is found in the imported row by the "arrondissement" column
    by_district = results["ideas-by-neighbourhood"].raw.set_index("group")["value"]
    assert by_district.to_dict() == winners[DISTRICT].value_counts().to_dict()
    assert results["ideas-by-neighbourhood"].missing == winners[DISTRICT].isna().sum()
    assert results["ideas-by-age-band"].reason == "not_in_data"

    per_year = results["ideas-by-month"].raw.set_index("group")["value"]
    expected_years = winners["Edition"].astype(str).add("-01").value_counts()
    assert per_year.to_dict() == expected_years.to_dict()


def test_paris_imported_and_mapped_gives_the_same_dashboard(winners, data_dir, store, workshop):
    """The same file through the product's own path: imported, its progress column mapped onto
    the lifecycle (templates/triage/progress-paris-bp.toml), the facts read from the store."""
    from cocreate.ingest import import_file
    from cocreate.triage import apply_progress_mapping, idea_facts, local_admin

    report = import_file(store, workshop["id"], data_dir / PARIS)
    apply_progress_mapping(store, workshop["id"], "progress-paris-bp", local_admin("Agent"))
    # the rows the importer refused (it names each by line) are not ideas
    refused = {problem.line for problem in report.problems}
    kept_rows = winners[~(winners.index + 2).isin(refused)]
    assert report.added == len(kept_rows)
    results = {
        r.indicator.key: r
        for r in compute_all(load_indicators(), idea_facts(store, workshop["id"]), "fr")
    }
    by_status = results["ideas-by-status"].raw.set_index("group")["value"]
    assert by_status.to_dict() == kept_rows[STAGE].map(STATUS).value_counts().to_dict()
    by_outcome = results["ideas-by-outcome"].raw.set_index("group")["value"]
    abandoned = int(kept_rows[STAGE].eq("ABANDONNÉ").sum())
    assert by_outcome.to_dict() == {
        "accepted": len(kept_rows) - abandoned,
        "not_retained": abandoned,
    }
    kept = kept_rows[~kept_rows[STAGE].eq("ABANDONNÉ")]
    budgets = results["budget-by-status"].raw.set_index("group")["value"]
    expected = kept[BUDGET].groupby(kept[STAGE].map(STATUS)).sum().astype(float)
    assert budgets.to_dict() == pytest.approx(expected.to_dict())
    by_district = results["ideas-by-neighbourhood"].raw.set_index("group")["value"]
    assert by_district.to_dict() == kept_rows[DISTRICT].value_counts().to_dict()
