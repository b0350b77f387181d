"""Scoring rubrics: the bundled rubric files, errors naming the file and the field, and a
facilitator's edited copy."""

import json
import tomllib

import pytest

from cocreate.scoring.rubrics import (
    DIMENSIONS,
    LANGUAGES,
    RubricError,
    ScoringError,
    edit_rubric,
    get_rubric,
    list_rubrics,
    load_rubric,
    rubric_from_dict,
    rubrics_dir,
)

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
