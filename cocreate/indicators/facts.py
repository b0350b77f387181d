"""The facts frame made ready for counting: month and year of arrival, the neighbourhood and age
band read from each idea's imported row, and who contributed it.

The facts frame (``cocreate.triage.idea_facts``) has one row per idea with the columns of
:data:`FACT_COLUMNS`; :func:`prepare_facts` adds :data:`DERIVED_COLUMNS` once, so many
indicators computed on one frame read the imported rows once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from cocreate.indicators.definitions import AgeBand, RowColumns, load_row_columns
from cocreate.triage import IDEA_FACT_COLUMNS

# the facts frame the triage library gives (cocreate.triage.idea_facts)
FACT_COLUMNS = IDEA_FACT_COLUMNS
DERIVED_COLUMNS = ("month", "year", "neighbourhood", "age_band", "contributor")
# an age outside this is a typing slip, not a person
OLDEST_AGE = 120


def normalise_name(text: Any) -> str:
    """A column or group name compared ignoring case, accents, dashes and underscores."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[\s_\-]+", " ", plain).strip()


def find_column(keys: Iterable[str], candidates: Sequence[str]) -> str | None:
    """The column of ``keys`` named as a candidate (exactly first, in the candidates' order),
    else one whose name starts with a candidate as a whole word."""
    by_name = {normalise_name(key): key for key in keys}
    wanted = [normalise_name(name) for name in candidates]
    for name in wanted:
        if name in by_name:
            return by_name[name]
    for name in wanted:
        for normal, key in by_name.items():
            if normal.startswith(name + " "):
                return key
    return None


def _given(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _as_group(value: Any) -> str | None:
    value = _given(value)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def age_band_of(value: Any, bands: Sequence[AgeBand]) -> str | None:
    """The band of an age (a number, or a text that is one), or the band a text names; a
    text naming no known band is kept as it is written."""
    value = _given(value)
    if value is None or not bands:
        return None
    age = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if age is None and isinstance(value, str):
        number = value.replace(",", ".")
        if re.fullmatch(r"\d+(\.\d+)?", number):
            age = float(number)
    if age is not None:
        if not 0 <= age <= OLDEST_AGE:
            return None
        return next(band.key for band in reversed(bands) if age >= band.start)
    return band_named(str(value), bands) or str(value)


def band_named(text: str, bands: Sequence[AgeBand]) -> str | None:
    normal = normalise_name(text)
    for band in bands:
        if normal in {normalise_name(band.key), *(normalise_name(a) for a in band.aliases)}:
            return band.key
    return None


def _row_values(originals: Sequence[Any], candidates: Sequence[str]) -> list[Any]:
    """The value of the candidate column in each imported row (rows of one import share their
    columns: the column is looked up once per set of column names)."""
    found_for: dict[tuple[str, ...], str | None] = {}
    values = []
    for row in originals:
        if not isinstance(row, dict) or not row:
            values.append(None)
            continue
        keys = tuple(row)
        if keys not in found_for:
            found_for[keys] = find_column(keys, candidates)
        column = found_for[keys]
        values.append(row.get(column) if column is not None else None)
    return values


def prepare_facts(facts: pd.DataFrame, columns: RowColumns | None = None) -> pd.DataFrame:
    """A copy of ``facts`` with the derived columns; a frame already prepared is returned as is."""
    if all(name in facts.columns for name in DERIVED_COLUMNS):
        return facts
    missing = [name for name in FACT_COLUMNS if name not in facts.columns]
    if missing:
        raise ValueError(f"the facts frame lacks the columns {missing}")
    columns = columns or load_row_columns()
    frame = facts.copy()
    created = frame["created"].astype("string")
    frame["month"] = created.str.slice(0, 7).where(created.str.len() >= 7)
    frame["year"] = created.str.slice(0, 4).where(created.str.len() >= 4)
    originals = frame["original"].tolist()
    frame["neighbourhood"] = [_as_group(v) for v in _row_values(originals, columns.neighbourhood)]
    bands = columns.age_bands
    ages = _row_values(originals, columns.age)
    named = _row_values(originals, columns.age_band)
    frame["age_band"] = [
        age_band_of(age, bands) or age_band_of(band, bands)
        for age, band in zip(ages, named, strict=True)
    ]
    authors = frame["author"].astype("string").str.strip().str.casefold()
    # an idea without an author is one person we cannot tell apart from the others
    anonymous = "#idea-" + frame["idea_id"].astype("string")
    frame["contributor"] = authors.where(authors.notna() & (authors != ""), anonymous)
    return frame
