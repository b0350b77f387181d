"""Personal data hidden on screens others see: the projected wall, the public follow-up,
the ideas on a participant's ballot. Same redaction as the export; a screen never waits for
the name model: until it is loaded (on a background thread, a few seconds once per
process), names come from titles, introductions and the first-name list only."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

from cocreate.privacy.names import load_models_in_background, models_ready
from cocreate.privacy.redactor import Redactor

__all__ = ["hide_personal_data", "hide_personal_data_many"]


@lru_cache(maxsize=8)
def _screen_redactor(keep: tuple[str, ...], use_model: bool) -> Redactor:
    return Redactor(keep, use_model=use_model)


# a screen redraws the same texts every half second: each is redacted once per process;
# the texts not seen yet are redacted in one batch (the name model reads them together)
SCREEN_CACHE_SIZE = 20_000
_SCREEN_CACHE: dict[tuple[str, str | None, tuple[str, ...], bool], str] = {}
_SCREEN_LOCK = threading.Lock()


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
    with _SCREEN_LOCK:
        known = {
            text: _SCREEN_CACHE[key]
            for text in texts
            if text and (key := (text, language, keep, ready)) in _SCREEN_CACHE
        }
    missing = list(dict.fromkeys(text for text in texts if text and text not in known))
    if missing:
        languages = None if language is None else [language] * len(missing)
        hidden = _screen_redactor(keep, ready).redact_many(missing, languages)
        known.update(zip(missing, hidden, strict=True))
        with _SCREEN_LOCK:
            if len(_SCREEN_CACHE) + len(missing) > SCREEN_CACHE_SIZE:
                _SCREEN_CACHE.clear()
            for text, shown in zip(missing, hidden, strict=True):
                _SCREEN_CACHE[(text, language, keep, ready)] = shown
    return [known[text] if text else (text or "") for text in texts]


def hide_personal_data(text: str | None, language: str | None = None, keep=()) -> str:
    return hide_personal_data_many([text], language, keep)[0]
