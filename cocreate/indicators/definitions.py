"""Indicators as data: the vocabulary of ``templates/indicators/*.toml``, read and checked.

One file is one indicator::

    key = "share-answered"                      # lower-case id, unique in the folder
    name = { fr = "...", en = "..." }
    description = { fr = "...", en = "..." }
    count = "share"      # ideas | contributors | share | median_days | sum | divide
    by = "channel"       # month | year | channel | status | outcome | department |
                         # neighbourhood | age_band | cluster | source | language (optional)
    where = { status = ["decided", "done"] }    # keep the ideas whose field is one of these
    has = ["outcome"]                           # keep the ideas where these fields are given
    part = { has = ["answered_at"] }            # share: the part counted (where / has)
    field = "cost"                              # sum: the number summed
    between = ["created", "answered_at"]        # median_days: from one date to the other
    of = "contributors"                         # divide: contributors (default) or ideas
    unit = "%"                                  # ideas | people | % | days | EUR | any text
    target = { value = 90, reached = "at_least" }   # or "at_most"
    chart = "bar"                               # bar | line

``_columns.toml`` in the same folder lists where a neighbourhood and an age are found in an
imported row, and the age bands; files whose name starts with ``_`` are not indicators.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.templates import templates_dir

LANGUAGES = ("fr", "en")
COUNTS = ("ideas", "contributors", "share", "median_days", "sum", "divide")
# a grouping's name in the files -> the column of the prepared facts frame
GROUPINGS = {
    "month": "month",
    "year": "year",
    "channel": "channel",
    "status": "status",
    "outcome": "outcome",
    "department": "department",
    "neighbourhood": "neighbourhood",
    "age_band": "age_band",
    "cluster": "cluster_id",
    "source": "source",
    "language": "language",
}
# groupings read from the imported row: absent from some data sets altogether
ROW_GROUPINGS = ("neighbourhood", "age_band")
FILTER_FIELDS = (
    "status",
    "outcome",
    "channel",
    "source",
    "language",
    "department",
    "neighbourhood",
    "age_band",
    "month",
    "year",
)
PRESENCE_FIELDS = (*FILTER_FIELDS, "author", "cost", "created", "decided_at", "answered_at")
NUMBER_FIELDS = ("cost",)
DATE_FIELDS = ("created", "decided_at", "answered_at")
DIVIDE_OF = ("contributors", "ideas")
CHARTS = ("bar", "line")
REACHED = ("at_least", "at_most")
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
COLUMNS_FILE = "_columns.toml"
FIELDS = {
    "key",
    "name",
    "description",
    "count",
    "by",
    "where",
    "has",
    "part",
    "field",
    "between",
    "of",
    "unit",
    "target",
    "chart",
}


class IndicatorError(ValueError):
    """A malformed indicator file; the message names the file and the key."""


@dataclass(frozen=True)
class Selection:
    """Which ideas count: each ``where`` field is one of its values, each ``has`` field given."""

    where: dict[str, tuple[str, ...]] = field(default_factory=dict)
    has: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.where or self.has)


@dataclass(frozen=True)
class Target:
    value: float
    reached: str = "at_least"

    def is_reached(self, figure: float | None) -> bool | None:
        if figure is None:
            return None
        return bool(figure >= self.value if self.reached == "at_least" else figure <= self.value)


@dataclass(frozen=True)
class Indicator:
    """One indicator read from a file: what it counts, over which ideas, grouped how."""

    key: str
    name: dict[str, str]
    description: dict[str, str]
    count: str
    by: str | None = None
    selection: Selection = field(default_factory=Selection)
    part: Selection | None = None
    field: str | None = None
    between: tuple[str, str] | None = None
    of: str = "contributors"
    unit: str | None = None
    target: Target | None = None
    chart: str = "bar"
    source: str = ""

    def text(self, part: str, lang: str) -> str:
        values = getattr(self, part)
        return values.get(lang) or values.get("en") or ""


@dataclass(frozen=True)
class AgeBand:
    key: str
    start: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowColumns:
    """Where a neighbourhood, an age or an age band is found in an imported row."""

    neighbourhood: tuple[str, ...]
    age: tuple[str, ...]
    age_band: tuple[str, ...]
    age_bands: tuple[AgeBand, ...]


def indicators_dir() -> Path:
    return templates_dir() / "indicators"


class _Reader:
    """Reads one file's keys, raising :class:`IndicatorError` that names the file and key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> IndicatorError:
        return IndicatorError(f"{self.source}: {where}: {message}")

    def text(self, data: Any, where: str) -> dict[str, str]:
        if not isinstance(data, dict):
            raise self.fail(where, 'expected {fr = "...", en = "..."}')
        for lang in LANGUAGES:
            value = data.get(lang)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{where}.{lang}", "missing or empty text")
        extra = sorted(set(data) - set(LANGUAGES))
        if extra:
            raise self.fail(where, f"unknown language {extra[0]!r}")
        return {lang: data[lang].strip() for lang in LANGUAGES}

    def choice(self, data: Any, where: str, allowed: tuple[str, ...] | dict) -> str:
        if data not in allowed:
            raise self.fail(where, f"expected one of {sorted(allowed)}, found {data!r}")
        return data

    def names(self, data: Any, where: str, allowed: tuple[str, ...] | None = None) -> tuple:
        if not isinstance(data, list) or not all(isinstance(v, str) and v for v in data):
            raise self.fail(where, f'expected a list of names like ["a", "b"], found {data!r}')
        for position, value in enumerate(data):
            if allowed is not None and value not in allowed:
                raise self.fail(
                    f"{where}[{position}]", f"expected one of {sorted(allowed)}, found {value!r}"
                )
        return tuple(data)

    def selection(self, data: Any, where: str) -> Selection:
        if not isinstance(data, dict):
            raise self.fail(where, "expected a table like { where = {...}, has = [...] }")
        unknown = sorted(set(data) - {"where", "has"})
        if unknown:
            raise self.fail(f"{where}.{unknown[0]}", "unknown key (allowed: 'where', 'has')")
        return self.filters(data.get("where"), data.get("has"), where)

    def filters(self, where_data: Any, has_data: Any, prefix: str = "") -> Selection:
        dot = f"{prefix}." if prefix else ""
        where: dict[str, tuple[str, ...]] = {}
        if where_data is not None:
            if not isinstance(where_data, dict):
                raise self.fail(f"{dot}where", 'expected a table like { status = ["done"] }')
            for name, values in where_data.items():
                self.choice(name, f"{dot}where.{name}", FILTER_FIELDS)
                where[name] = self.names(values, f"{dot}where.{name}")
        has = () if has_data is None else self.names(has_data, f"{dot}has", PRESENCE_FIELDS)
        return Selection(where, has)

    def number(self, data: Any, where: str) -> float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise self.fail(where, f"expected a number, found {data!r}")
        return float(data)

    def indicator(self, data: dict[str, Any]) -> Indicator:
        unknown = sorted(set(data) - FIELDS)
        if unknown:
            raise self.fail(unknown[0], f"unknown key (allowed: {sorted(FIELDS)})")
        for required in ("key", "name", "description", "count"):
            if required not in data:
                raise self.fail(required, "missing")
        key = data["key"]
        if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
            raise self.fail("key", f"expected a lower-case id like 'ideas-by-month', found {key!r}")
        count = self.choice(data["count"], "count", COUNTS)
        by = self.choice(data["by"], "by", GROUPINGS) if "by" in data else None
        part = self.selection(data["part"], "part") if "part" in data else None
        if (count == "share") != (part is not None):
            raise self.fail("part", "required by count = 'share', and only there")
        number = data.get("field")
        if (count == "sum") != (number is not None):
            raise self.fail("field", "required by count = 'sum', and only there")
        if number is not None:
            self.choice(number, "field", NUMBER_FIELDS)
        between = data.get("between")
        if (count == "median_days") != (between is not None):
            raise self.fail("between", "required by count = 'median_days', and only there")
        if between is not None:
            between = self.names(between, "between", DATE_FIELDS)
            if len(between) != 2 or between[0] == between[1]:
                raise self.fail("between", 'expected two different dates: ["from", "to"]')
        if "of" in data and count != "divide":
            raise self.fail("of", "only for count = 'divide'")
        of = self.choice(data.get("of", "contributors"), "of", DIVIDE_OF)
        if count == "divide" and by not in ROW_GROUPINGS:
            raise self.fail("by", f"count = 'divide' compares groups of {list(ROW_GROUPINGS)}")
        unit = data.get("unit")
        if unit is not None and (not isinstance(unit, str) or not unit.strip()):
            raise self.fail("unit", f"expected a unit such as 'EUR', found {unit!r}")
        target = None
        if "target" in data:
            raw = data["target"]
            if not isinstance(raw, dict) or "value" not in raw:
                raise self.fail("target", 'expected { value = 90, reached = "at_least" }')
            unknown = sorted(set(raw) - {"value", "reached"})
            if unknown:
                raise self.fail(f"target.{unknown[0]}", "unknown key")
            target = Target(
                self.number(raw["value"], "target.value"),
                self.choice(raw.get("reached", "at_least"), "target.reached", REACHED),
            )
        return Indicator(
            key=key,
            name=self.text(data["name"], "name"),
            description=self.text(data["description"], "description"),
            count=count,
            by=by,
            selection=self.filters(data.get("where"), data.get("has")),
            part=part,
            field=number,
            between=tuple(between) if between else None,
            of=of,
            unit=unit.strip() if unit else None,
            target=target,
            chart=self.choice(data.get("chart", "bar"), "chart", CHARTS),
            source=self.source,
        )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise IndicatorError(f"{path}: not valid TOML: {error}") from None


def read_indicator(path: Path) -> Indicator:
    """One indicator file, checked."""
    return _Reader(str(path)).indicator(_read_toml(path))


def load_indicators(folder: Path | str | None = None) -> list[Indicator]:
    """Every indicator of ``folder`` (``templates/indicators`` by default), in file-name order;
    :class:`IndicatorError` names the file and key of the first problem."""
    folder = Path(folder) if folder is not None else indicators_dir()
    if not folder.is_dir():
        raise IndicatorError(f"{folder}: no such folder of indicators")
    found: dict[str, Indicator] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        indicator = read_indicator(path)
        if indicator.key in found:
            first = found[indicator.key].source
            raise IndicatorError(f"{path}: key: {indicator.key!r} is already the key of {first}")
        found[indicator.key] = indicator
    return list(found.values())


def load_row_columns(folder: Path | str | None = None) -> RowColumns:
    """The column names and age bands of ``_columns.toml`` in ``folder``, else the built-in
    file (an agency's folder of indicators need not copy it)."""
    path = Path(folder or indicators_dir()) / COLUMNS_FILE
    if not path.is_file():
        path = indicators_dir() / COLUMNS_FILE
    data = _read_toml(path)
    reader = _Reader(str(path))
    unknown = sorted(set(data) - {"neighbourhood", "age", "age_band", "age_bands"})
    if unknown:
        raise reader.fail(unknown[0], "unknown key")
    bands = []
    raw_bands = data.get("age_bands", [])
    if not isinstance(raw_bands, list):
        raise reader.fail("age_bands", "expected [[age_bands]] tables")
    for position, band in enumerate(raw_bands):
        where = f"age_bands[{position}]"
        if not isinstance(band, dict) or not {"key", "from"} <= set(band):
            raise reader.fail(where, 'expected key = "18-24" and from = 18')
        start = band["from"]
        if isinstance(start, bool) or not isinstance(start, int) or start < 0:
            raise reader.fail(f"{where}.from", f"expected a whole number >= 0, found {start!r}")
        if bands and start <= bands[-1].start:
            raise reader.fail(f"{where}.from", "bands go from the youngest to the oldest")
        aliases = reader.names(band.get("aliases", []), f"{where}.aliases")
        bands.append(AgeBand(str(band["key"]), start, aliases))
    return RowColumns(
        neighbourhood=reader.names(data.get("neighbourhood", []), "neighbourhood"),
        age=reader.names(data.get("age", []), "age"),
        age_band=reader.names(data.get("age_band", []), "age_band"),
        age_bands=tuple(bands),
    )
