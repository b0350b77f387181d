"""Personal data hidden on screens others see: the projected wall, the public follow-up,
the ideas on a participant's ballot. Same redaction as the export; a screen never waits for
the name model: until it is loaded (on a background thread, a few seconds once per
process), names come from titles, introductions and the first-name list only."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from cocreate.privacy.names import load_models_in_background, models_ready
from cocreate.privacy.redactor import Redactor

__all__ = ["hide_personal_data", "hide_personal_data_many"]


@lru_cache(maxsize=8)
def _screen_redactor(keep: tuple[str, ...], use_model: bool) -> Redactor:
    return Redactor(keep, use_model=use_model)


# a screen redraws the same few texts every half second: each is redacted once
@lru_cache(maxsize=20_000)
def _hidden(text: str, language: str | None, keep: tuple[str, ...], use_model: bool) -> str:
    return _screen_redactor(keep, use_model).redact(text, language)


def hide_personal_data_many(
    texts: Sequence[str | None],
    language: str | None = None,
    keep: Sequence[str] = (),
) -> list[str]:
    """Each text with its personal data replaced by placeholders ("[PHONE]", "[NAME]").
    ``language`` is the texts' language when known (the workshop's), else detected."""
    ready = models_ready()
    if not ready:
        load_models_in_background()
    keep = tuple(keep)
    return [_hidden(text, language, keep, ready) if text else (text or "") for text in texts]


def hide_personal_data(text: str | None, language: str | None = None, keep=()) -> str:
    return hide_personal_data_many([text], language, keep)[0]
