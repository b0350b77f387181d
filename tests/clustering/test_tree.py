"""A theme's examples come from its groups in turn."""

from cocreate.clustering import theme_members


def test_theme_members_take_each_group_s_closest_first_largest_group_first():
    small = {"id": 2, "size": 1, "members": [{"id": "s1"}]}
    large = {"id": 1, "size": 3, "members": [{"id": "l1"}, {"id": "l2"}, {"id": "l3"}]}
    middle = {"id": 3, "size": 2, "members": [{"id": "m1"}, {"id": "m2"}]}
    order = [m["id"] for m in theme_members([small, large, middle])]
    assert order == ["l1", "m1", "s1", "l2", "m2", "l3"]
    assert theme_members([]) == []
