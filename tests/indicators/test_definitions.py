"""An agency's own indicator dropped in a folder, loader errors that name file and key, and the
population file of the digital divide."""

import shutil

import pytest

from cocreate.indicators import (
    IndicatorError,
    PopulationError,
    compute,
    load_indicators,
    population_csv,
    read_population,
)
from cocreate.indicators.definitions import indicators_dir

PAPER_PER_DISTRICT = """
key = "paper-by-district"
name = { fr = "Formulaires papier par quartier", en = "Paper forms per neighbourhood" }
description = { fr = "Les idées venues sur papier.", en = "The ideas that came on paper." }
count = "ideas"
where = { channel = ["paper"] }
by = "neighbourhood"
unit = "ideas"
target = { value = 2, reached = "at_least" }
"""


@pytest.fixture
def agency_folder(tmp_path):
    folder = tmp_path / "indicators"
    shutil.copytree(indicators_dir(), folder)
    return folder


def test_an_agency_adds_an_indicator_by_dropping_a_file(agency_folder, facts):
    (agency_folder / "90-paper-by-district.toml").write_text(PAPER_PER_DISTRICT, encoding="utf-8")
    loaded = load_indicators(agency_folder)
    assert len(loaded) == len(load_indicators()) + 1
    [mine] = [i for i in loaded if i.key == "paper-by-district"]
    result = compute(mine, facts, "en")
    # paper forms: idea 4 in Nord, idea 5 without a neighbourhood
    assert dict(zip(result.table["Neighbourhood"], result.table["Ideas"], strict=True)) == {
        "Nord": 1
    }
    assert (result.headline, result.missing, result.target_reached) == (2, 1, True)
    assert mine.text("name", "fr") == "Formulaires papier par quartier"


def test_an_agency_names_its_own_neighbourhood_column(agency_folder, facts):
    columns = (agency_folder / "_columns.toml").read_text(encoding="utf-8")
    (agency_folder / "_columns.toml").write_text(
        columns.replace('"neighbourhood", "neighborhood",', '"secteur", "neighbourhood",'),
        encoding="utf-8",
    )
    from cocreate.indicators import load_row_columns

    sectors = facts.assign(original=[{"Secteur": "A"}, {"Secteur": "B"}, {}, {}, {}])
    [by_place] = [i for i in load_indicators(agency_folder) if i.key == "ideas-by-neighbourhood"]
    result = compute(by_place, sectors, "en", columns=load_row_columns(agency_folder))
    assert dict(zip(result.table["Neighbourhood"], result.table["Ideas"], strict=True)) == {
        "A": 1,
        "B": 1,
    }


BROKEN = [
    ("colour = 'red'", "colour"),
    ('count = "average"', "count"),
    ('by = "weather"', "by"),
    ('name = { fr = "Idées" }', "name.en"),
    ('where = { mood = ["happy"] }', "where.mood"),
    ('has = ["shoe_size"]', "has[0]"),
    ('target = { value = "high" }', "target.value"),
    ('chart = "pie"', "chart"),
]


@pytest.mark.parametrize(("line", "where"), BROKEN)
def test_a_broken_file_is_refused_naming_file_and_key(agency_folder, line, where):
    key = line.split(" ", 1)[0]
    text = "\n".join(
        row for row in PAPER_PER_DISTRICT.splitlines() if not row.startswith(f"{key} ")
    )
    (agency_folder / "91-broken.toml").write_text(f"{text}\n{line}\n", encoding="utf-8")
    with pytest.raises(IndicatorError) as raised:
        load_indicators(agency_folder)
    assert str(raised.value).startswith(f"{agency_folder / '91-broken.toml'}: {where}:")


@pytest.mark.parametrize(
    ("count_lines", "where"),
    [
        ('count = "share"', "part"),
        ('count = "sum"', "field"),
        ('count = "median_days"\nbetween = ["created"]', "between"),
        ('count = "divide"\nby = "channel"', "by"),
    ],
)
def test_a_count_without_what_it_needs_is_refused(tmp_path, count_lines, where):
    body = PAPER_PER_DISTRICT.replace('count = "ideas"', count_lines)
    if "by =" in count_lines:
        body = body.replace('by = "neighbourhood"\n', "")
    (tmp_path / "x.toml").write_text(body, encoding="utf-8")
    with pytest.raises(IndicatorError, match=rf"x\.toml: {where}:"):
        load_indicators(tmp_path)


def test_two_files_with_one_key_and_bad_toml_are_refused(tmp_path):
    (tmp_path / "a.toml").write_text(PAPER_PER_DISTRICT, encoding="utf-8")
    (tmp_path / "b.toml").write_text(PAPER_PER_DISTRICT, encoding="utf-8")
    with pytest.raises(
        IndicatorError, match=r"b\.toml: key: 'paper-by-district' is already.*a\.toml"
    ):
        load_indicators(tmp_path)
    (tmp_path / "b.toml").write_text("key = ", encoding="utf-8")
    with pytest.raises(IndicatorError, match=r"b\.toml: not valid TOML"):
        load_indicators(tmp_path)


def test_population_file_with_header_semicolons_and_french_numbers():
    text = b"Quartier;Population\nNord;12 000\nSud;8000\n"
    assert read_population(text) == {"Nord": 12000, "Sud": 8000}
    assert read_population(population_csv({"Nord": 12000, "Sud": 8000})) == {
        "Nord": 12000,
        "Sud": 8000,
    }


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("group,population\nNord,many\n", "not_a_count", {"line": 2, "value": "many"}),
        ("group,population\nNord,-3\n", "not_a_count", {"line": 2, "value": "-3"}),
        ("group,population\nNord,3\nNord,4\n", "twice", {"line": 3, "group": "Nord"}),
        ("group,population\nNord\n", "columns", {"line": 2}),
        ("group,population\n,4\n", "no_group", {"line": 2}),
        ("group,population\n", "empty", {}),
        ("", "empty", {}),
    ],
)
def test_a_bad_population_file_says_what_and_where(text, code, params):
    with pytest.raises(PopulationError) as raised:
        read_population(text.encode())
    assert (raised.value.code, raised.value.params) == (code, params)
