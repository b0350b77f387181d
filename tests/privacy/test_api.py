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


def test_a_screen_never_waits_for_the_name_model(monkeypatch):
    """While the model loads (slowly here), screens redact with the patterns and the
    first-name list at once; the model is read once, on its own thread."""
    import threading
    import time

    from cocreate.privacy import display, hide_personal_data_many
    from cocreate.privacy import names as names_module

    release = threading.Event()

    def slow_load(package):
        release.wait(10)
        return object()

    monkeypatch.setattr(names_module, "_MODELS", {})
    monkeypatch.setattr(names_module, "LOADS", {})
    monkeypatch.setattr(names_module, "_LOADER", None)
    monkeypatch.setattr("spacy.load", lambda package, exclude=(): slow_load(package))
    display._SCREEN_CACHE.clear()
    try:
        started = time.perf_counter()
        for _ in range(3):
            shown = hide_personal_data_many(["Appelez Léa Martin au 06 12 34 56 78"], "fr")
        assert time.perf_counter() - started < 5
        assert shown == ["Appelez [NAME] au [PHONE]"]
        assert not names_module.models_ready()
    finally:
        release.set()
        names_module._LOADER.join(10)
        display._SCREEN_CACHE.clear()
    assert names_module.LOADS == {"fr_core_news_md": 1}


def test_a_screen_redacts_the_texts_it_has_not_seen_in_one_batch(monkeypatch):
    """The map's thousands of tooltips: the new texts go to the redactor together, once; the
    same texts drawn again are not read again; empty texts stay empty."""
    from cocreate.privacy import display, hide_personal_data, hide_personal_data_many
    from cocreate.privacy import names as names_module
    from cocreate.privacy.redactor import Redactor

    # both ways read with the name model (a screen uses it once it is loaded)
    names_module.load_models_in_background()
    names_module._LOADER.join(60)
    assert names_module.models_ready()
    display._SCREEN_CACHE.clear()
    texts = ["Appelez Léa Martin au 06 12 34 56 78", "", None, "Un banc ici"]
    texts += ["Écrire à lea@example.org", "Appelez Léa Martin au 06 12 34 56 78"]
    one_by_one = [hide_personal_data(text, "fr") for text in texts]
    display._SCREEN_CACHE.clear()
    batches = []
    redact_many = Redactor.redact_many

    def counted(self, batch, languages=None):
        batches.append(list(batch))
        return redact_many(self, batch, languages)

    monkeypatch.setattr(Redactor, "redact_many", counted)
    assert hide_personal_data_many(texts, "fr") == one_by_one
    assert one_by_one[0] == "Appelez [NAME] au [PHONE]" and one_by_one[1:3] == ["", ""]
    assert batches == [[texts[0], "Un banc ici", "Écrire à lea@example.org"]]
    assert hide_personal_data_many(texts, "fr") == one_by_one
    assert len(batches) == 1
