"""Public answers reach authors: one row per author per idea a decision reaches, with the
contact found in the idea's original row, the answer in the author's language and the
milestones, as CSV or XLSX for a mail merge. The tool sends no e-mail. Authors without a
contact are counted and listed (second sheet, or a second CSV file), never dropped."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate.i18n import LANGUAGES, t
from cocreate.spreadsheet import FORMULA_TRIGGERS, neutralise_formula
from cocreate.triage.actions import lifecycle_for

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "FeedbackRow",
    "FeedbackResult",
    "find_contact",
    "feedback_rows",
    "write_feedback",
    "neutralise_cell",
]

# words of a column name that holds a way to reach the author, e-mail first
EMAIL_WORDS = ("email", "mail", "courriel")
PHONE_WORDS = ("phone", "telephone", "tel", "mobile", "portable")
FORMULA_STARTS = FORMULA_TRIGGERS
COLUMNS = ("author", "contact", "language", "idea_id", "idea", "decision", "answer", "milestones")


def _words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", plain.lower())


def _is_email(words: list[str]) -> bool:
    return any(w in EMAIL_WORDS or w.endswith("mail") for w in words)


def _is_phone(words: list[str]) -> bool:
    return any(w in PHONE_WORDS for w in words)


def find_contact(original: dict[str, Any]) -> str | None:
    """The author's e-mail, else phone, from the imported row: a column whose name says
    e-mail/courriel/mail or phone/téléphone/tel (case and accents ignored)."""
    for wanted in (_is_email, _is_phone):
        for column, value in original.items():
            if value is not None and str(value).strip() and wanted(_words(column)):
                return str(value).strip()
    return None


# the one rule of every CSV and XLSX cocreate writes (cocreate.spreadsheet), by its old name
neutralise_cell = neutralise_formula


@dataclass
class FeedbackRow:
    author: str | None
    contact: str | None
    language: str
    idea_id: int
    idea: str
    decision: str
    answer: str
    milestones: str

    def cells(self) -> list[Any]:
        return [neutralise_cell(getattr(self, c)) for c in COLUMNS]


@dataclass
class FeedbackResult:
    rows: list[FeedbackRow] = field(default_factory=list)
    without_contact: list[FeedbackRow] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return len(self.without_contact)


def feedback_rows(store: Store, workshop_id: int) -> FeedbackResult:
    """Rows for every shown idea a decision reaches: those with a contact, and those without."""
    workshop = store.get_workshop(workshop_id)
    lifecycle = lifecycle_for(store, workshop_id)
    ideas = store.decided_idea_rows(workshop_id)
    milestones = store.milestones_for(
        [i["id"] for i in ideas], [i["decision_id"] for i in ideas if i["decision_id"]]
    )
    result = FeedbackResult()
    for idea in ideas:
        lang = idea["language"] if idea["language"] in LANGUAGES else workshop["language"]
        if lang not in LANGUAGES:
            lang = LANGUAGES[0]
        other = next(x for x in LANGUAGES if x != lang)
        answer = idea[f"answer_{lang}"] or idea[f"answer_{other}"] or ""
        steps = "; ".join(
            f"{m['on_date']}: {m['text']}"
            for m in milestones
            if m["idea_id"] == idea["id"] or m["decision_id"] == idea["decision_id"]
        )
        row = FeedbackRow(
            author=idea["author"] or None,
            contact=find_contact(idea["original"]),
            language=lang,
            idea_id=idea["id"],
            idea=idea["text"],
            decision=lifecycle.outcome(idea["outcome"]).label(lang),
            answer=answer,
            milestones=steps,
        )
        (result.rows if row.contact else result.without_contact).append(row)
    return result


def write_feedback(
    store: Store, workshop_id: int, path: str | Path, *, actor: str | None = None
) -> FeedbackResult:
    """Write the feedback for a mail merge: ``.xlsx`` (a second sheet lists the authors
    without a contact) or ``.csv`` (UTF-8 with BOM for Excel; those authors go to a second
    file ``<name>.no-contact.csv``). The export is recorded in the audit log (``actor``:
    who exports, default the account at the machine)."""
    path = Path(path)
    lang = store.get_workshop(workshop_id)["language"]
    result = feedback_rows(store, workshop_id)
    header = [t(f"feedback.col.{c}", lang) for c in COLUMNS]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = t("feedback.sheet.rows", lang)
        missing = book.create_sheet(t("feedback.sheet.no_contact", lang))
        for target, rows in ((sheet, result.rows), (missing, result.without_contact)):
            target.append(header)
            for row in rows:
                target.append(row.cells())
        book.save(path)
        result.paths = [path]
    else:
        second = path.with_name(f"{path.stem}.no-contact{path.suffix or '.csv'}")
        for target, rows in ((path, result.rows), (second, result.without_contact)):
            with target.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(row.cells() for row in rows)
        result.paths = [path, second]
    store.record_export(
        workshop_id,
        actor=actor,
        action="feedback",
        target=str(path),
        details={"rows": len(result.rows), "without_contact": result.missing},
        # a mail merge needs the authors' names and contacts: nothing is redacted
        privacy={"redact": False, "personal_columns": "kept", "contacts": "included"},
    )
    return result
