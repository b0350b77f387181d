"""The privacy treatment of an export (:class:`cocreate.privacy.PrivacyOptions` applied to
rows): free text redacted, authors as pseudonyms salted per export, personal columns of the
imported rows dropped, ages generalised to age bands.

One :class:`Scrubber` serves one export, so every author keeps one pseudonym within it while
two exports (two fresh salts) cannot be joined on it; a salt given in the options is reused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cocreate.indicators import age_band_of, load_row_columns
from cocreate.indicators.facts import normalise_name
from cocreate.privacy import PrivacyOptions, is_personal_column, pseudonym, redactor

__all__ = ["AGE_BAND_COLUMN", "Scrubber"]

# where an age column's band goes in the exported row
AGE_BAND_COLUMN = "age_band"
# shorter texts hold no personal data a redactor could find (and are mostly codes)
SHORTEST_REDACTED = 3


@dataclass
class Scrubber:
    """Applies ``options`` to the texts, authors and imported rows of one export."""

    options: PrivacyOptions = field(default_factory=PrivacyOptions)
    salt: str = ""
    dropped_columns: set[str] = field(default_factory=set)
    generalised_columns: set[str] = field(default_factory=set)
    redacted_cells: int = 0

    def __post_init__(self) -> None:
        # the salt is never written anywhere: a fresh one makes this export unjoinable
        self.salt = self.salt or self.options.salt_for_export()
        row_columns = load_row_columns()
        # an age, or a band already: both leave as a band (the indicators' bands, 0042)
        self._age_names = {
            normalise_name(name) for name in (*row_columns.age, *row_columns.age_band)
        }
        self._age_bands = row_columns.age_bands

    def author(self, name: str | None) -> str | None:
        """The author's pseudonym in this export (None stays None)."""
        if name is None or not str(name).strip():
            return None
        return pseudonym(str(name).strip(), self.salt)

    def texts(self, texts: Sequence[str | None], languages: Sequence[str | None]) -> list:
        """Texts with personal data replaced by typed placeholders, when redaction is on."""
        if not self.options.redact:
            return list(texts)
        wanted = sorted(
            {
                (text, language or "")
                for text, language in zip(texts, languages, strict=True)
                if isinstance(text, str) and len(text) >= SHORTEST_REDACTED
            }
        )
        if not wanted:
            return list(texts)
        cleaned = redactor(self.options.keep).redact_many(
            [text for text, _ in wanted], [language or None for _, language in wanted]
        )
        done = {key: new for key, new in zip(wanted, cleaned, strict=True)}
        out = []
        for text, language in zip(texts, languages, strict=True):
            new = done.get((text, language or ""), text) if isinstance(text, str) else text
            self.redacted_cells += new != text
            out.append(new)
        return out

    def originals(
        self, rows: Sequence[dict[str, Any]], languages: Sequence[str | None]
    ) -> list[dict[str, Any]]:
        """Imported rows without their personal columns (an age becomes its band, unless
        ``keep_personal_columns``), their remaining texts redacted."""
        kept_rows = [self._columns(row) for row in rows]
        cells = [
            (index, key, value, languages[index])
            for index, row in enumerate(kept_rows)
            for key, value in row.items()
            if isinstance(value, str)
        ]
        cleaned = self.texts([c[2] for c in cells], [c[3] for c in cells])
        for (index, key, _, _), value in zip(cells, cleaned, strict=True):
            kept_rows[index][key] = value
        return kept_rows

    def _columns(self, row: dict[str, Any]) -> dict[str, Any]:
        if self.options.keep_personal_columns:
            return dict(row)
        kept: dict[str, Any] = {}
        for key, value in row.items():
            name = normalise_name(key)
            if name in self._age_names:
                self.generalised_columns.add(key)
                kept[AGE_BAND_COLUMN] = age_band_of(value, self._age_bands)
            elif is_personal_column(key):
                self.dropped_columns.add(key)
            else:
                kept[key] = value
        return kept

    def describe(self) -> dict[str, Any]:
        """What was done, for the data card and the audit log (never the salt)."""
        return {
            **self.options.describe(),
            "personal_columns_dropped": sorted(self.dropped_columns),
            "personal_columns_generalised": {
                c: AGE_BAND_COLUMN for c in sorted(self.generalised_columns)
            },
            "redacted_cells": self.redacted_cells,
        }
