"""A small decided-or-not backlog on a real SQLite file, and the app opened on a page of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cocreate.records import IdeaRecord

APP = Path(__file__).resolve().parents[2] / "app.py"
TRIAGE_PAGE = "cocreate/ui/pages/triage.py"
FOLLOWUP_PAGE = "cocreate/ui/pages/followup.py"
INDICATORS_PAGE = "cocreate/ui/pages/indicators.py"


@dataclass
class Backlog:
    workshop: dict
    ideas: list[int]
    cycling: int
    parking: int


def make_cluster(store, workshop_id, idea_ids, label):
    cluster_id = store.create_cluster(
        workshop_id, label=label, keywords=[label], centroid=[0.0, 1.0], pinned=False
    )
    store.add_assignments(
        [{"idea_id": i, "cluster": cluster_id, "similarity": 0.9} for i in idea_ids]
    )
    return cluster_id


@pytest.fixture
def backlog(store, workshop) -> Backlog:
    """Ten ideas by named authors with a contact in their row: six about cycle lanes (a
    cluster), three about parking (a cluster), one alone; the last cycling idea merged into
    the first as a near-duplicate."""
    texts = [f"Piste cyclable rue numéro {n}" for n in range(6)]
    texts += [f"Parking vélo gare numéro {n}" for n in range(3)]
    texts += ["Plus de bancs au parc"]
    records = [
        IdeaRecord(
            text=text,
            source_key=f"row-{n}",
            author=f"Auteur {n}",
            category="Mobilité" if n < 9 else "Espaces verts",
            language="fr",
            original={"texte": text, "courriel": f"auteur{n}@exemple.fr"},
        )
        for n, text in enumerate(texts)
    ]
    ids = store.add_ideas(workshop["id"], records, source="plateforme.csv").idea_ids
    cycling = make_cluster(store, workshop["id"], ids[:6], "Pistes cyclables")
    parking = make_cluster(store, workshop["id"], ids[6:9], "Stationnement vélo")
    store.merge_ideas(workshop["id"], ids[0], [ids[5]])
    return Backlog(workshop, ids, cycling, parking)


@pytest.fixture
def open_page(db_path, monkeypatch):
    """Open ``page`` of the app in ``lang`` (open mode, the person at the machine named
    "Alice" unless ``name`` is None); ``env`` sets the server's environment."""

    def open_in(page: str, lang: str = "fr", name: str | None = "Alice", **env) -> AppTest:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params["lang"] = lang
        if name is not None:
            at.session_state["triage_staff_name"] = name
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_in
