"""Plain records passed between ingest, store and the interfaces."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "IdeaRecord",
    "ImportReport",
    "RowProblem",
    "normalise_text",
    "text_hash",
    "row_hash",
    "slugify",
]


def normalise_text(text: str) -> str:
    """The form two texts share when they are "the same idea typed twice": Unicode NFC,
    case folded, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.split())


def text_hash(text: str) -> str:
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()


def row_hash(original: dict[str, Any]) -> str:
    payload = json.dumps(original, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def slugify(value: str) -> str:
    """ASCII slug: ``"Vélo en ville !"`` -> ``"velo-en-ville"``."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:60]


@dataclass
class IdeaRecord:
    """One idea ready to store. ``original`` keeps the imported row untouched."""

    text: str
    source_key: str
    title: str | None = None
    author: str | None = None
    category: str | None = None
    votes: int | None = None
    created: str | None = None
    language: str | None = None
    source_id: str | None = None
    original: dict[str, Any] = field(default_factory=dict)
    line: int | None = None

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)

    @property
    def row_hash(self) -> str:
        return row_hash(self.original or {"text": self.text, "title": self.title})


@dataclass
class RowProblem:
    """Why one row (or the whole file) was not imported, and where.

    ``code`` names a message of the translation table; ``params`` fill it in.
    """

    file: str
    code: str
    line: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        from cocreate.i18n import t

        where = self.file
        if self.line is not None:
            where += f", {t('where.line', lang)} {self.line}"
        if self.column:
            where += f", {t('where.column', lang)} {self.column}"
        return f"{where}: {t('problem.' + self.code, lang, **self.params)}"

    def __str__(self) -> str:
        return self.message("en")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ImportReport:
    """What an import did: rows read, added, skipped because already stored, rejected."""

    source: str
    file_name: str | None = None
    format_name: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0
    added: int = 0
    already_stored: int = 0
    changed: int = 0
    exact_duplicates: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    import_id: int | None = None
    idea_ids: list[int] = field(default_factory=list)
    # the workshop the ideas went to; created by the import when it was new
    workshop_id: int | None = None
    created_workshop: bool = False

    @property
    def rejected(self) -> int:
        return len(self.problems)

    def summary(self, lang: str = "en") -> str:
        from cocreate.i18n import t

        return t(
            "import.summary",
            lang,
            read=self.rows_read,
            added=self.added,
            already=self.already_stored,
            changed=self.changed,
            rejected=self.rejected,
            duplicates=self.exact_duplicates,
        )
