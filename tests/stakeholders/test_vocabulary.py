"""The vocabulary of stakeholder maps: every term in both languages, labels resolved."""

from cocreate.stakeholders import RelationType, load_vocabulary


def test_vocabulary_has_every_term_in_both_languages():
    vocab = load_vocabulary()
    assert vocab.ids("groups") == (
        "citizens",
        "civil_society",
        "city",
        "industry",
        "academia",
        "state",
    )
    assert set(vocab.ids("relation_types")) == {
        "funds",
        "regulates",
        "delivers",
        "uses",
        "represents",
        "informs",
        "collaborates",
        "opposes",
    }
    assert vocab.ids("roles") == ("affected", "owner", "funder", "must_approve", "partner")
    for kind in ("groups", "stances", "directions", "relation_types", "roles", "quadrants"):
        for term in getattr(vocab, kind):
            assert term.label["fr"].strip() and term.label["en"].strip(), term.id
    assert vocab.resolve("roles", "Must approve") == "must_approve"
    assert vocab.resolve("groups", "ENTREPRISES ET INDUSTRIE") == "industry"
    assert vocab.resolve("groups", "martians") is None
    assert isinstance(vocab.term("relation_types", "funds"), RelationType)
