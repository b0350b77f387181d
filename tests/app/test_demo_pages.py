"""The demo workshop opens every page at work: Scoring lists its revealed round, Results
ranks it, Actors shows the starter map linked to the groups."""

import pytest
from streamlit.testing.v1 import AppTest

from cocreate.demo import stage_demo
from cocreate.store import Store
from cocreate.templates import load_demo

from .conftest import APP


@pytest.fixture(scope="module")
def staged_demo_file(tmp_path_factory, use_model):
    path = tmp_path_factory.mktemp("demo-pages") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        stage_demo(store, workshop["id"], model=use_model)
    return path, workshop["id"]


@pytest.fixture
def demo_page(staged_demo_file, monkeypatch):
    path, workshop_id = staged_demo_file
    monkeypatch.setenv("COCREATE_DB", str(path))

    def open_page(page: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.session_state["workshop_id"] = workshop_id
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_page


def texts(at: AppTest) -> list[str]:
    kinds = ("header", "subheader", "markdown", "caption")
    return [element.value for kind in kinds for element in at.get(kind)]


def test_results_page_ranks_the_demo_round(demo_page):
    at = demo_page("cocreate/ui/pages/results.py")
    shown = texts(at)
    assert "Résultats · Premier tri (démo)" in shown
    assert "Classement" in shown and "fermé · révélé" in shown
    assert any(line.startswith("- ★ ") for line in shown)


def test_scoring_page_lists_the_demo_round(demo_page):
    at = demo_page("cocreate/ui/pages/scoring.py")
    shown = texts(at)
    assert "#### Premier tri (démo)" in shown
    assert "fermé · révélé · grille dvf-quick v1 · 5 éléments" in shown


def test_actors_page_shows_the_starter_map_and_who_must_say_yes(demo_page):
    at = demo_page("cocreate/ui/pages/stakeholders.py")
    shown = texts(at)
    assert "Qui doit dire oui" in shown
    assert any(frame.value.shape[0] == 12 for frame in at.dataframe)
