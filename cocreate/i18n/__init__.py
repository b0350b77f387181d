"""The one translation table: every string a person reads, in English and French.

The table is written in one module per part of the app (``core``, ``clusters``...) so pages
can grow side by side; they are merged here, and a key defined twice is an error.

``t(key, lang, **values)`` formats the string; an unknown key raises ``KeyError`` so a
missing translation fails a test instead of showing a key on the projected screen.
"""

from __future__ import annotations

from cocreate.i18n import (
    clusters,
    core,
    export,
    faults,
    indicators,
    live,
    llm_names,
    privacy,
    reading,
    report,
    room,
    scoring,
    serving,
    stakeholders,
    triage,
    triage_pages,
)

__all__ = ["LANGUAGES", "STRINGS", "t", "language_name", "format_number", "format_datetime"]

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise KeyError(f"translation keys defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


PARTS = (
    core,
    clusters,
    scoring,
    stakeholders,
    live,
    serving,
    room,
    indicators,
    triage,
    triage_pages,
    reading,
    export,
    privacy,
    faults,
    report,
    llm_names,
)
STRINGS: dict[str, dict[str, str]] = _merge(*(part.STRINGS for part in PARTS))


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The string ``key`` in ``lang`` (French when unknown), filled with ``values``."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def language_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    key = f"lang.{code}"
    return t(key, lang) if key in STRINGS else code


# babel locales: French writes 1 234,5 and 26 nov. 2026, 14:05; English 1,234.5
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def format_number(value: float | int, lang: str = DEFAULT_LANGUAGE, *, digits: int = 0) -> str:
    """A number as the language writes it (thousands separator, decimal comma in French)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, LOCALES["fr"]))


def format_datetime(iso: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A stored ISO timestamp as the language writes a date and time, in local time."""
    import datetime as dt

    from babel.dates import format_datetime as babel_datetime

    moment = dt.datetime.fromisoformat(iso)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return babel_datetime(moment, format="medium", locale=LOCALES.get(lang, LOCALES["fr"]))
