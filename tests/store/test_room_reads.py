"""The two reads the participant pages poll and list: the open round, and a device's ideas
by their source-key prefix."""

from cocreate.records import IdeaRecord


def test_ideas_by_key_prefix_lists_one_device_newest_first(store, workshop):
    records = [
        IdeaRecord(text=text, source_key=f"participants:{key}")
        for text, key in (("A", "7-x"), ("B", "17-y"), ("C", "7-z"), ("D", "8-w"))
    ]
    store.add_ideas(workshop["id"], records, source="participants")
    texts = [
        i["text"]
        for i in store.ideas_by_key_prefix(workshop["id"], "participants", "participants:7-")
    ]
    assert texts == ["C", "A"]
    assert store.ideas_by_key_prefix(workshop["id"], "other", "participants:7-") == []


def test_open_round_id_is_the_newest_open_round(store, workshop):
    from cocreate.scoring import copy_rubric_to_workshop, open_round

    assert store.open_round_id(workshop["id"]) is None
    copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
    first = open_round(store, workshop["id"], [])
    second = open_round(store, workshop["id"], [])
    assert store.open_round_id(workshop["id"]) == second["id"]
    store.close_round(second["id"])
    assert store.open_round_id(workshop["id"]) == first["id"]
    store.close_round(first["id"])
    assert store.open_round_id(workshop["id"]) is None
