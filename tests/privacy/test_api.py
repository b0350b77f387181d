"""The public API other parts build on: options, pseudonyms, personal columns, the redactor."""

import json

from cocreate.privacy import (
    PERSONAL_COLUMNS,
    PrivacyOptions,
    Redactor,
    Span,
    is_personal_column,
    pseudonym,
    redactor,
)


def test_options_protect_by_default_and_describe_without_the_salt():
    options = PrivacyOptions(salt="s3cr3t-salt", keep=("Anne Hidalgo",))
    assert PrivacyOptions().redact and not PrivacyOptions().keep_personal_columns
    record = options.describe()
    assert "s3cr3t-salt" not in json.dumps(record)
    assert record["kept_as_written"] == ["Anne Hidalgo"]
    assert record["redact"] is True and record["personal_columns"] == "dropped"
    assert PrivacyOptions(redact=False).describe()["redacted_kinds"] == []


def test_a_fresh_salt_per_export_unless_the_user_keeps_one():
    assert PrivacyOptions().salt_for_export() != PrivacyOptions().salt_for_export()
    assert PrivacyOptions(salt="mine").salt_for_export() == "mine"


def test_pseudonyms_are_stable_within_an_export_and_unrelated_across_salts():
    assert pseudonym("Marie Curie", "a") == pseudonym(" marie  curie ", "a")
    assert pseudonym("Marie Curie", "a") != pseudonym("Marie Curie", "b")
    assert pseudonym("Marie Curie", "a") != pseudonym("Pierre Curie", "a")
    assert "marie" not in pseudonym("Marie Curie", "a").lower()
    assert pseudonym("", "a") == ""


def test_personal_columns_in_french_and_english_spellings():
    for column in ("Prénom", "first_name", "E-mail", "Âge", "Adresse postale", "phone number"):
        assert is_personal_column(column), column
    for column in ("idea", "titre", "category", "votes", "created"):
        assert not is_personal_column(column), column
    assert "prenom" in PERSONAL_COLUMNS


def test_redact_replaces_each_kind_with_its_placeholder():
    text = "Écrivez à lea.martin@example.org ou au 06 12 34 56 78."
    spans = redactor().find(text, "fr")
    assert [s.kind for s in spans] == ["EMAIL", "PHONE"]
    assert all(isinstance(s, Span) and text[s.start : s.end] == s.text for s in spans)
    assert redactor().redact(text, "fr") == "Écrivez à [EMAIL] ou au [PHONE]."


def test_redactor_is_cached_per_keep_list():
    assert redactor() is redactor()
    assert redactor(["Anne Hidalgo"]) is redactor(("Anne Hidalgo",))
    assert isinstance(redactor(), Redactor)
