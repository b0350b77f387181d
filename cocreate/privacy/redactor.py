"""The redactor: every detector over a text, overlaps resolved, kept terms spared."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from cocreate.language import detect_languages
from cocreate.privacy.detectors import Span, find_patterns
from cocreate.privacy.names import NAME_MODELS, find_names_many, model_versions
from cocreate.privacy.options import fold

__all__ = ["Redactor", "redactor", "resolve", "NAME_MODELS", "model_versions"]

# the language assumed for a text too short to tell: the workshops are French first
DEFAULT_LANGUAGE = "fr"


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order: the longest pattern match wins (a URL holding an
    e-mail, an IBAN holding digits that look like a phone), then names where still free."""
    spans = list(spans)
    patterns = sorted((s for s in spans if s.kind != "NAME"), key=lambda s: s.start - s.end)
    names = sorted((s for s in spans if s.kind == "NAME"), key=lambda s: s.start - s.end)
    taken: list[Span] = []
    for span in [*patterns, *names]:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


class Redactor:
    """Finds and masks personal data in free text; ``keep`` lists terms left as written
    (the mayor's name, a street), matched regardless of case and accents."""

    def __init__(self, keep: Sequence[str] = ()):
        self.keep = tuple(keep)
        self._kept = [fold(term) for term in self.keep if term.strip()]

    def _is_kept(self, span: Span) -> bool:
        folded = fold(span.text)
        return any(folded in term or term in folded for term in self._kept)

    def find_many(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[list[Span]]:
        """The spans of each text, in text order; ``languages`` detected when not given."""
        texts = [text or "" for text in texts]
        if languages is None:
            languages = detect_languages(texts, default=DEFAULT_LANGUAGE)
        languages = [language or DEFAULT_LANGUAGE for language in languages]
        names = find_names_many(texts, languages)
        found = []
        for text, language, text_names in zip(texts, languages, names, strict=True):
            spans = resolve([*find_patterns(text, language), *text_names])
            found.append([span for span in spans if not self._is_kept(span)])
        return found

    def find(self, text: str, language: str | None = None) -> list[Span]:
        return self.find_many([text], None if language is None else [language])[0]

    def redact_many(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[str]:
        """Each text with its spans replaced by typed placeholders, batched."""
        texts = list(texts)
        return [
            mask(text or "", spans)
            for text, spans in zip(texts, self.find_many(texts, languages), strict=True)
        ]

    def redact(self, text: str, language: str | None = None) -> str:
        """``text`` with every span replaced by ``[EMAIL]``, ``[PHONE]``, ``[NAME]``..."""
        return self.redact_many([text], None if language is None else [language])[0]


def mask(text: str, spans: Sequence[Span]) -> str:
    pieces, position = [], 0
    for span in spans:
        pieces += [text[position : span.start], f"[{span.kind}]"]
        position = span.end
    return "".join(pieces) + text[position:]


@lru_cache(maxsize=32)
def _redactor(keep: tuple[str, ...]) -> Redactor:
    return Redactor(keep)


def redactor(keep: Iterable[str] = ()) -> Redactor:
    """A redactor keeping ``keep``; the name models behind it are loaded once per process."""
    return _redactor(tuple(keep))
