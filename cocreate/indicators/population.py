"""The population figures a user gives for the digital divide: a CSV of ``group,population``
(a neighbourhood or an age band per line), read with a clear message for each problem."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import IO

from cocreate.spreadsheet import neutralise_formula, restore_formula

# a population file is a few dozen lines: more is not the file the user meant
MAX_BYTES = 1_000_000


class PopulationError(ValueError):
    """A population file that cannot be used: ``code`` names the problem (a translation key
    of the page), ``params`` its details (line, value)."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        details = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"population file: {code}" + (f" ({details})" if details else ""))


def _text(source: Path | str | bytes | IO[bytes]) -> str:
    if isinstance(source, bytes):
        raw = source
    elif isinstance(source, Path | str):
        raw = Path(source).read_bytes()
    else:
        raw = source.read()
    if len(raw) > MAX_BYTES:
        raise PopulationError("too_large", limit=MAX_BYTES)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PopulationError("unreadable")


def _number(text: str) -> float | None:
    cleaned = text.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        # 1234,5 in French; "12,345" (thousands) would be 12.345 people: refused below
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_population(source: Path | str | bytes | IO[bytes]) -> dict[str, float]:
    """``{group: population}`` from a CSV whose first column is the group and second the
    population (a header line is optional; comma, semicolon or tab separated)."""
    text = _text(source)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise PopulationError("empty")
    delimiter = max(",;\t", key=lambda d: lines[0].count(d))
    rows = list(csv.reader(lines, delimiter=delimiter))
    population: dict[str, float] = {}
    for line, row in enumerate(rows, start=1):
        if len(row) < 2:
            raise PopulationError("columns", line=line)
        group, figure = restore_formula(row[0].strip()), row[1]
        value = _number(figure)
        if value is None and line == 1:
            continue  # the header
        if not group:
            raise PopulationError("no_group", line=line)
        if value is None or value < 0 or not float(value).is_integer():
            raise PopulationError("not_a_count", line=line, value=figure.strip())
        if group in population:
            raise PopulationError("twice", line=line, group=group)
        population[group] = value
    if not population or sum(population.values()) <= 0:
        raise PopulationError("empty")
    return population


def population_csv(population: dict[str, float]) -> bytes:
    """The figures back as a CSV the reader takes (a template to fill in)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "population"])
    writer.writerows((neutralise_formula(group), int(value)) for group, value in population.items())
    return out.getvalue().encode("utf-8")
