"""Records to graph: a map is checked whole, every problem listed."""

import pytest

from cocreate.stakeholders import Actor, Link, Relation, StakeholderMapError, build_graph


def test_build_graph_lists_every_problem():
    with pytest.raises(StakeholderMapError) as caught:
        build_graph(
            [Actor("a", "A", "city", power=6), Actor("a", "A again", "city")],
            [Relation("a", "ghost", "bribes")],
            [Link("a", "cluster", 1, "boss")],
        )
    codes = [p.code for p in caught.value.problems]
    assert codes == [
        "bad_scale",
        "duplicate_actor",
        "unknown_actor",
        "unknown_relation_type",
        "unknown_role",
    ]
