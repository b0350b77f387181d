"""Spreadsheet formula injection: a text cell that Excel, LibreOffice or Google Sheets would
run as a formula is written with a leading apostrophe (OWASP, "CSV Injection").

One rule for every CSV and XLSX cocreate writes (the export bundle, the one-table export, the
Kumu tables of a stakeholder map, the feedback export, the command line's CSV listings):
a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
``'``. Numbers stay numbers, and so does a text that is a plain number (``-1``, ``+33``,
``-2,5``): a spreadsheet reads it as that number, never as a formula. Parquet and JSONL keep
the values as they are. :func:`restore_formula` undoes the rule when cocreate reads back a
file it wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "FORMULA_TRIGGERS",
    "neutralise_formula",
    "neutralise_row",
    "neutralise_rows",
    "neutralise_frame",
    "restore_formula",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# a signed number with an optional decimal part (either separator): read as a number
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def neutralise_formula(value: Any) -> Any:
    """``value`` safe to open in a spreadsheet: a formula-like text gets a leading ``'``."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_TRIGGERS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def restore_formula(value: Any) -> Any:
    """The text :func:`neutralise_formula` was given, from the text it wrote."""
    if isinstance(value, str) and value[:1] == "'" and neutralise_formula(value[1:]) == value:
        return value[1:]
    return value


def neutralise_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: neutralise_formula(value) for key, value in row.items()}


def neutralise_rows(rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    """Rows of cells (lists, as ``csv.writer`` takes them), header included."""
    return [[neutralise_formula(cell) for cell in row] for row in rows]


def neutralise_frame(frame):
    """A copy of a pandas DataFrame with every text cell (and header) neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype) in ("string", "str"):
            safe[column] = safe[column].map(neutralise_formula)
    safe.columns = [neutralise_formula(c) for c in safe.columns]
    return safe
