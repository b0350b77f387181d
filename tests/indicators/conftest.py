"""A hand-built facts frame: five ideas whose every figure a test can count by hand."""

import pandas as pd
import pytest

from cocreate.indicators import load_indicators


def idea(idea_id, created, channel, author, status, outcome, answered_at, cost, department, row):
    return {
        "idea_id": idea_id,
        "workshop_id": 1,
        "created": created,
        "source": "hand",
        "channel": channel,
        "author": author,
        "language": "fr",
        "status": status,
        "outcome": outcome,
        "decided_at": answered_at,
        "answered_at": answered_at,
        "cost": cost,
        "department": department,
        "cluster_id": 7,
        "original": row,
    }


FIVE_IDEAS = [
    # Ana twice (her name typed two ways), Bo once, two anonymous paper forms
    idea(1, "2024-01-05", "workshop", "Ana", "done", "accepted", "2024-01-15", 1000.0, "Voirie",
         {"Quartier": "Nord", "Âge": 30}),
    idea(2, "2024-01-25", "platform", "ana ", "in_progress", "accepted", "2024-02-04", 500.0,
         "Parcs", {"Quartier": "Sud", "Âge": "17"}),
    idea(3, "2024-02-10", "platform", "Bo", "decided", "not_retained", "2024-03-11", None, None,
         {"Quartier": "Nord", "Âge": "70"}),
    idea(4, "2024-02-11", "paper", None, "received", None, None, None, None, {"Quartier": "Nord"}),
    idea(5, None, "paper", None, "shortlisted", None, None, None, None, {}),
]  # fmt: skip


@pytest.fixture
def facts() -> pd.DataFrame:
    return pd.DataFrame(FIVE_IDEAS)


@pytest.fixture(scope="session")
def builtins():
    return {indicator.key: indicator for indicator in load_indicators()}
