"""The Indicators page on a real database file: every indicator with its chart, its table and
a CSV download, in French and in English; a population file turns on the divide."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cocreate.i18n import t
from cocreate.indicators import load_indicators
from cocreate.ingest import import_file
from cocreate.store import Store
from cocreate.templates import load_demo

APP = Path(__file__).resolve().parents[2] / "app.py"

INDICATORS_PAGE = "cocreate/ui/pages/indicators.py"


@pytest.fixture
def demo(db_path):
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
        count = store.count_ideas(workshop["id"])
    return workshop, count


def open_indicators(lang: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(INDICATORS_PAGE).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_indicator_shows_a_chart_beside_its_table_with_a_download(demo, lang):
    workshop, count = demo
    at = open_indicators(lang)
    names = [i.text("name", lang) for i in load_indicators()]
    assert [s.value for s in at.subheader] == names
    # the demo has dates, channels and stages; no neighbourhood, age, cost or population
    charts = at.get("vega_lite_chart")
    tables = at.dataframe
    downloads = at.get("download_button")
    assert len(charts) == len(tables) == len(downloads) >= 5
    assert {d.proto.label for d in downloads} == {t("indicators.download", lang)}
    by_stage = next(
        frame.value for frame in tables if t("indicators.col.by_status", lang) in frame.value
    )
    assert by_stage.to_dict("list") == {
        t("indicators.col.by_status", lang): [t("indicators.status.received", lang)],
        t("indicators.col.ideas", lang): [count],
    }
    infos = [i.value for i in at.info]
    assert t("indicators.not_in_data", lang) in infos
    assert t("indicators.counted", lang, count=count) in [c.value for c in at.caption]


def test_the_imported_neighbourhood_is_counted_and_the_divide_asks_for_population(
    db_path, tmp_path
):
    ideas = pd.DataFrame(
        {"idée": ["Un banc", "Un arbre", "Une fontaine"], "Quartier": ["Nord", "Nord", "Sud"]}
    )
    path = tmp_path / "quartiers.csv"
    ideas.to_csv(path, index=False)
    with Store(db_path) as store:
        workshop = store.create_workshop("Quartiers", language="fr")
        import_file(store, workshop["id"], path)
    at = open_indicators("en")
    by_place = next(frame.value for frame in at.dataframe if "Neighbourhood" in frame.value)
    expected = ideas.groupby("Quartier").size()
    assert dict(zip(by_place["Neighbourhood"], by_place["Ideas"], strict=True)) == dict(expected)
    assert t("indicators.needs_population", "en") in [i.value for i in at.info]
    assert len(at.get("file_uploader")) == 2


def test_all_workshops_counts_the_ideas_of_every_workshop(demo, db_path, tmp_path):
    workshop, count = demo
    path = tmp_path / "more.csv"
    pd.DataFrame({"idée": ["Un banc", "Un arbre"]}).to_csv(path, index=False)
    with Store(db_path) as store:
        other = store.create_workshop("Autre", language="fr")
        import_file(store, other["id"], path)
    at = open_indicators("fr")
    at.radio(key="indicators_scope").set_value("all").run()
    assert not at.exception, at.exception
    assert t("indicators.counted", "fr", count=count + 2) in [c.value for c in at.caption]
