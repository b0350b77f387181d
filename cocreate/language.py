"""Language of each idea, detected offline (lingua, models inside the wheel)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

__all__ = ["detect_languages", "SUPPORTED_LANGUAGES"]

# the languages of the participation data we meet; fewer candidates = fewer mistakes on short texts
SUPPORTED_LANGUAGES = {
    Language.FRENCH: "fr",
    Language.ENGLISH: "en",
    Language.GERMAN: "de",
    Language.SPANISH: "es",
    Language.ITALIAN: "it",
    Language.DUTCH: "nl",
    Language.PORTUGUESE: "pt",
    Language.FINNISH: "fi",
    Language.CHINESE: "zh",
}
# below this many letters a detector guesses; we keep the workshop's language instead
MIN_LETTERS = 12
# the first characters decide: the same language for all 10k ideas of bench/speed.py, and
# long texts no longer dominate the time (0.44 s instead of 0.77 s there)
DETECT_CHARS = 200
# the workshop's language wins unless another language is clearly ahead
DEFAULT_LANGUAGE_MARGIN = 0.3


LETTER = re.compile(r"[^\W\d_]")


def _enough_letters(text: str) -> bool:
    """At least MIN_LETTERS letters, counted only as far as needed (long texts stop early)."""
    return any(count >= MIN_LETTERS for count, _ in enumerate(LETTER.finditer(text), start=1))


@lru_cache(maxsize=1)
def _detector():
    return (
        LanguageDetectorBuilder.from_languages(*SUPPORTED_LANGUAGES)
        .with_low_accuracy_mode()
        .build()
    )


def detect_languages(texts: Sequence[str], default: str | None = None) -> list[str | None]:
    """ISO 639-1 code of each text; ``default`` for texts too short to tell or when the
    default language is nearly as likely as the best guess."""
    results: list[str | None] = [default] * len(texts)
    todo = [i for i, text in enumerate(texts) if _enough_letters(text)]
    if not todo:
        return results
    confidences = _detector().compute_language_confidence_values_in_parallel(
        [texts[i][:DETECT_CHARS] for i in todo]
    )
    for i, values in zip(todo, confidences, strict=True):
        if not values:
            continue
        best = values[0]
        code = SUPPORTED_LANGUAGES[best.language]
        if default and code != default:
            default_value = next(
                (v.value for v in values if SUPPORTED_LANGUAGES[v.language] == default), 0.0
            )
            if best.value - default_value < DEFAULT_LANGUAGE_MARGIN:
                code = default
        results[i] = code
    return results
