"""Read idea files (CSV/TSV, XLSX/XLS/ODS, JSON, JSONL) into idea records, and import them.

Reading is forgiving where a person would be (encoding and delimiter sniffed, header row found,
HTML stripped, French and English headers recognised) and strict where data could be lost: a
row that cannot be read is reported with its file, line and column, never silently dropped.

Decisions written down here:

- CSV encoding: a UTF-8 BOM wins; else strict UTF-8; else charset-normalizer's best guess among
  the Western single-byte code pages and UTF-16 (French Excel writes cp1252).
- CSV encoding when the file is not UTF-8 as a whole but some of its lines are (a UTF-8 export
  appended to by a cp1252 editor): each line is decoded on its own, the UTF-8 ones as UTF-8, the
  others in the single-byte code page charset-normalizer finds for them; the count of lines so
  repaired is reported (decision 0072). UTF-16 without a byte-order mark is recognised by its
  NUL bytes (one in two bytes of Latin text).
- Delimiter: ``csv.Sniffer`` among ``, ; TAB | ^``, else the one most frequent in the header
  line.
- The idempotency key of a row is its source id when the mapping has one, else a hash of the
  whole original row (plus its occurrence number when the same row appears several times).
  A repeated source id inside one file keeps every row, with the row hash appended to the key.
- A row already stored (same source and key) is never overwritten; if its content changed, it
  is counted as "changed" and the stored version is kept.
- Dates: epoch seconds or milliseconds, ISO 8601, else day-first (``03/04/2020`` is 3 April) as
  in French and Spanish exports. Unreadable dates and vote counts are warnings, not rejections:
  the original value stays in the idea's original row. ``bad_values="skip"`` rejects such a
  row instead (decision 0071). Votes beyond a 64-bit integer and dates outside years 1-9999 are
  such bad values.
- Text that cannot be stored (a lone UTF-16 surrogate such as ``"\\ud800"`` in JSON) is replaced
  by U+FFFD and reported per row; a JSON integer too long for Python's int (over 4,000 digits)
  stays the text it was written as.
- Every file is read in a worker process (:mod:`cocreate.sandbox`) allowed 1 GiB more than it
  starts with and 60 s; a file that needs more is refused whole with a message naming it.
  A sheet that reaches beyond 10 million cells is refused with its extent (decision 0030).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import unicodedata
import uuid
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate.language import detect_languages
from cocreate.records import IdeaRecord, ImportReport, RowProblem, row_hash
from cocreate.sandbox import GIB, MIB, WorkerFailed, run_limited

if TYPE_CHECKING:
    from cocreate.store import Store


__all__ = [
    "FIELDS",
    "MAX_TEXT_CHARS",
    "IngestError",
    "TableData",
    "KnownFormat",
    "KNOWN_FORMATS",
    "read_table",
    "detect_format",
    "guess_mapping",
    "table_to_ideas",
    "preview_file",
    "import_file",
    "submit_idea",
]

FIELDS = ("text", "title", "author", "category", "votes", "created", "source_id")
# longer than a long essay: almost surely a broken quote swallowing the rest of the file
MAX_TEXT_CHARS = 50_000
TEXT_SUFFIXES = {".csv", ".tsv", ".tab", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CANDIDATE_DELIMITERS = ",;\t|^"
# what a read may use (docs/decisions/0030): 50,000 proposals peak at 175 MiB in the worker
READ_MEMORY = 1 * GIB
READ_SECONDS = 60
# the rows the worker hands back, as JSON: 50,000 real proposals take 10 MB
MAX_TABLE_BYTES = 512 * MIB
# a sheet read as a grid of this many cells peaks at 500 MiB in the worker, half its budget
MAX_SHEET_CELLS = 10_000_000
FALLBACK_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "utf_16", "mac_roman"]
# what the lines of a mixed file that are not UTF-8 may be written in (no UTF-16 inside lines)
SINGLE_BYTE_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman"]
# what the store can hold (SQLite INTEGER) and what a date can be (datetime's years 1-9999)
MAX_VOTES = 2**63 - 1
# Python refuses to turn longer digit strings into an int (sys.int_info.default_max_str_digits)
MAX_INT_DIGITS = 4000
# a message lists this many columns of a wide file, then says how many more there are
COLUMNS_LISTED = 20
BAD_VALUE_POLICIES = ("keep", "skip")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
HTML_PATTERN = re.compile(
    r"<(p|br|div|span|strong|em|b|i|ul|ol|li|a|h\d)\b[^>]*>|&[a-z]+;|&#\d+;", re.I
)


class IngestError(Exception):
    """The whole file cannot be imported; ``problem`` says where and why."""

    def __init__(self, problem: RowProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class TableData:
    """A file read as a table: column names and rows with the line (or row, or record)
    number a person finds them at."""

    file_name: str
    file_format: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    unit: str = "line"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    sha256: str | None = None

    def column_label(self, column: str) -> str:
        if self.file_format in ("csv", "xlsx") and column in self.columns:
            return f"'{column}' ({_column_letter(self.columns.index(column))})"
        return f"'{column}'"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def normalise_header(header: str) -> str:
    """``"Titre du projet lauréat"`` -> ``"titre_du_projet_laureat"``."""
    header = str(header)
    if not header.isascii():
        header = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return NOT_ALPHANUMERIC.sub("_", header.lower()).strip("_")


# reading -------------------------------------------------------------------------------


def read_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | int | None = None,
    display_name: str | None = None,
) -> TableData:
    """Read a CSV/TSV, spreadsheet, JSON or JSONL file; raise :class:`IngestError` if the
    file as a whole cannot be read, or needs more than :data:`READ_MEMORY` bytes or
    :data:`READ_SECONDS` seconds (it is read in a worker process)."""
    table, _ = _read_isolated(path, encoding, delimiter, sheet, display_name)
    return table


def _read_isolated(
    path: str | Path,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | int | None,
    display_name: str | None,
    limit: int | None = None,
    isolated: bool = True,
) -> tuple[TableData, int]:
    """The table read by a worker (its first ``limit`` rows), and how many rows it has;
    ``isolated=False`` reads in this process (a caller already inside its own limits, such as
    the hostile-file corpus test running thousands of files in a few limited workers)."""
    name = display_name or Path(path).name
    arguments = (str(Path(path).absolute()), encoding, delimiter, sheet, name, limit)
    try:
        if isolated:
            answer = run_limited(
                _read_as_json,
                *arguments,
                memory=READ_MEMORY,
                seconds=READ_SECONDS,
                max_answer=MAX_TABLE_BYTES,
            )
        else:
            answer = _read_as_json(*arguments)
    except WorkerFailed as failure:
        raise IngestError(_refusal(name, failure)) from None
    found = json.loads(answer.decode("utf-8", "surrogatepass"))
    if "problem" in found:
        raise IngestError(RowProblem(**found["problem"]))
    table = found["table"]
    for kind in ("problems", "warnings"):
        table[kind] = [RowProblem(**problem) for problem in table[kind]]
    columns = table["columns"]
    table["rows"] = [
        (line, dict(zip(columns, row, strict=True)) if isinstance(row, list) else row)
        for line, row in table["rows"]
    ]
    return TableData(**table), found["rows_total"]


def _refusal(name: str, failure: WorkerFailed) -> RowProblem:
    if failure.reason == "memory":
        return RowProblem(name, "read_memory", params={"limit": f"{READ_MEMORY // GIB} GiB"})
    if failure.reason == "time":
        return RowProblem(name, "read_time", params={"seconds": READ_SECONDS})
    if failure.reason == "too_large":
        return RowProblem(name, "read_too_large", params={"limit": f"{MAX_TABLE_BYTES // MIB} MB"})
    return RowProblem(name, "unreadable", params={"reason": failure.detail})


def _read_as_json(
    path: str,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | int | None,
    name: str,
    limit: int | None,
) -> bytes:
    """In the worker: the table (or why the file is refused) as JSON, data only."""
    try:
        table = _read_here(
            Path(path), encoding=encoding, delimiter=delimiter, sheet=sheet, name=name
        )
    except IngestError as error:
        found: dict[str, Any] = {"problem": error.problem.as_dict()}
    except RecursionError:
        found = {"problem": RowProblem(name, "too_deep").as_dict()}
    else:
        rows = table.rows if limit is None else table.rows[:limit]
        columns = table.columns
        fields = {key: getattr(table, key) for key in TableData.__dataclass_fields__}
        fields.update(
            # a row holding the columns in their order goes as its values (names sent once)
            rows=[
                (line, list(row.values()) if list(row) == columns else row) for line, row in rows
            ],
            problems=[problem.as_dict() for problem in table.problems],
            warnings=[problem.as_dict() for problem in table.warnings],
        )
        found = {"table": fields, "rows_total": len(table.rows)}
    return json.dumps(found, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")


def _read_here(
    path: Path,
    *,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | int | None,
    name: str,
) -> TableData:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(
            RowProblem(name, "unreadable", params={"reason": error.strerror})
        ) from None
    if not data.strip():
        raise IngestError(RowProblem(name, "empty_file"))
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        table = _read_spreadsheet(path, name, sheet)
    else:
        text, used_encoding, repaired = _decode(data, name, encoding)
        if suffix in JSONL_SUFFIXES:
            table = _read_jsonl(text, name)
        elif suffix in JSON_SUFFIXES:
            table = _read_json(text, name)
        else:
            table = _read_delimited(text, name, delimiter, suffix)
            table.encoding = used_encoding
        if repaired:
            table.warnings.insert(
                0,
                RowProblem(
                    name,
                    "mixed_encoding",
                    params={"count": repaired, "encoding": used_encoding.split("+")[1]},
                ),
            )
    table.sha256 = hashlib.sha256(data).hexdigest()
    if not table.columns:
        # no row was read: the first reason why is the file's
        raise IngestError(table.problems[0] if table.problems else RowProblem(name, "empty_file"))
    return table


def _decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str, int]:
    """The file's text, the encoding it was read in, and how many of its lines were read in
    another encoding than the rest (a mixed file, repaired line by line)."""
    if encoding:
        try:
            return data.decode(encoding), encoding, 0
        except (UnicodeDecodeError, LookupError) as error:
            raise IngestError(
                RowProblem(
                    name, "bad_encoding", params={"encoding": encoding, "reason": str(error)}
                )
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], "utf-8-sig"
    else:
        bom = None
        for mark, utf16 in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if data.startswith(mark):
                return _strict(data[2:], utf16, name), "utf-16", 0
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _strict(data, utf16, name), utf16, 0
    try:
        return data.decode("utf-8"), bom or "utf-8", 0
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        text, other, repaired = mixed
        return text, f"utf-8+{other}", repaired
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=FALLBACK_ENCODINGS).best()
    if best is None:
        raise IngestError(RowProblem(name, "unreadable", params={"reason": "unknown encoding"}))
    return str(best), best.encoding, 0


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise IngestError(
            RowProblem(name, "bad_encoding", params={"encoding": encoding, "reason": str(error)})
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when one byte in two is NUL on the same side, as in UTF-16
    Latin text (UTF-8 text has no NUL bytes), else None."""
    sample = data[:65536]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    pairs = len(sample) // 2
    high_nul = sample[1::2].count(0) / pairs
    low_nul = sample[0::2].count(0) / pairs
    if high_nul > 0.5 and low_nul < 0.1:
        return "utf-16-le"
    if low_nul > 0.5 and high_nul < 0.1:
        return "utf-16-be"
    return None


def _decode_mixed(data: bytes) -> tuple[str, str, int] | None:
    """A file some lines of which are UTF-8 (with accents) and others not: each line decoded
    on its own, the others in the code page charset-normalizer finds for them all; None when
    no line is UTF-8 beyond ASCII (the file is in one code page) or the others are no text."""
    lines = data.split(b"\n")
    utf8_accented, others = 0, []
    decoded: list[str | None] = []
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
            others.append(line)
            continue
        utf8_accented += not line.isascii()
        decoded.append(text)
    if not utf8_accented:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(b"\n".join(others), cp_isolation=SINGLE_BYTE_ENCODINGS).best()
    other = best.encoding if best is not None else "cp1252"
    repaired = []
    for line in others:
        try:
            repaired.append(line.decode(other))
        except UnicodeDecodeError:
            # the five bytes cp1252 leaves undefined: Latin-1 reads every byte
            repaired.append(line.decode("latin_1"))
    if any(C0_CONTROLS.search(line) for line in repaired):
        return None  # binary data, not text in another code page
    fill = iter(repaired)
    text = "\n".join(line if line is not None else next(fill) for line in decoded)
    return text, other, len(others)


def _sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    header = text.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=CANDIDATE_DELIMITERS).delimiter
        if header.count(found) > 0:
            return found
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in CANDIDATE_DELIMITERS}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    # a header of one name: one column, split by a delimiter its texts do not hold
    return min(CANDIDATE_DELIMITERS, key=sample.count)


def _read_delimited(text: str, name: str, delimiter: str | None, suffix: str) -> TableData:
    table_warnings: list[RowProblem] = []
    if "\x00" in text:
        table_warnings.append(RowProblem(name, "nul_bytes"))
        text = text.replace("\x00", "")
    if delimiter is None:
        delimiter = "\t" if suffix in (".tsv", ".tab") else _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[RowProblem] = []
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, Any]]] = []
    previous_end = 0
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = _unique_headers(record)
                continue
            if len(record) > len(header):
                if any(cell.strip() for cell in record[len(header) :]):
                    problems.append(
                        RowProblem(
                            name,
                            "too_many_fields",
                            line=start,
                            params={"found": len(record), "expected": len(header)},
                        )
                    )
                    continue
                record = record[: len(header)]
            elif len(record) < len(header):
                table_warnings.append(
                    RowProblem(
                        name,
                        "too_few_fields",
                        line=start,
                        params={"found": len(record), "expected": len(header)},
                    )
                )
                record = record + [""] * (len(header) - len(record))
            rows.append((start, dict(zip(header, record, strict=True))))
    except csv.Error as error:
        problems.append(
            RowProblem(name, "broken_csv", line=reader.line_num, params={"reason": str(error)})
        )
    return TableData(
        file_name=name,
        file_format="csv",
        columns=header or [],
        rows=rows,
        delimiter=delimiter,
        problems=problems,
        warnings=table_warnings,
    )


def _unique_headers(cells: Iterable[Any]) -> list[str]:
    """Column names from header cells: an empty cell is named by its letter, a repeated name
    gets ``_2``, ``_3``... (in time linear in the cells: a line of a million ``abc`` is read)."""
    labels = [
        str(cell).strip() if cell is not None and str(cell).strip() else _column_letter(index)
        for index, cell in enumerate(cells)
    ]
    taken = set(labels)
    seen: set[str] = set()
    next_number: dict[str, int] = {}
    headers: list[str] = []
    for label in labels:
        if label in seen:
            number = next_number.get(label, 2)
            # a name the file itself uses further on ("abc_2") is never taken twice
            while f"{label}_{number}" in taken:
                number += 1
            next_number[label] = number + 1
            label = f"{label}_{number}"
            taken.add(label)
        seen.add(label)
        headers.append(label)
    return headers


def _cell_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def _looks_like_header(row: list[Any], width: int) -> bool:
    filled = [cell for cell in row if cell not in (None, "")]
    if width == 1:
        # one column: its first cell is a header only when it names a field ("Idées", "texte")
        return len(filled) == 1 and _names_a_field(filled[0])
    return (
        len(filled) >= max(2, width // 2)
        and all(isinstance(cell, str) and len(cell) <= 80 for cell in filled)
        and len({str(c) for c in filled}) == len(filled)
    )


CELL_REFERENCE = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
# a DTD in a part of the workbook: Excel never writes one, its entities only hide content
DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)\b")
DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\b[^>]*?\bref="(?:[A-Z]+[0-9]+:)?([A-Z]{1,3})([0-9]{1,7})"'
)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _too_large(name: str, column: int, row: int) -> IngestError:
    return IngestError(
        RowProblem(
            name,
            "sheet_too_large",
            params={
                "cell": f"{_column_letter(column - 1)}{row}",
                "columns": column,
                "rows": row,
                "limit": MAX_SHEET_CELLS // 1_000_000,
            },
        )
    )


def _check_xlsx_extent(path: Path, name: str) -> None:
    """Refuse a workbook a sheet of which reaches beyond :data:`MAX_SHEET_CELLS` cells
    (counted from A1, as the sheet is read): read as a grid it would not fit in memory.

    The sheet's ``<dimension>`` is only a claim (some writers get it wrong): a sheet whose
    claim is too large has its cells scanned for the farthest one."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except Exception:  # noqa: BLE001 (zipfile's errors are many)
        return  # not a zip it can open: the reader says what is wrong with it
    with archive:
        for part in archive.namelist():
            if not re.fullmatch(r"xl/(worksheets/[^/]+|sharedStrings|workbook)\.xml", part):
                continue
            try:
                with archive.open(part) as stream:
                    start = stream.read(4096)
                if DOCTYPE.search(start):
                    raise IngestError(RowProblem(name, "xml_doctype", params={"part": part}))
                claim = DIMENSION.search(start) if "worksheets/" in part else None
                if claim is None or (
                    _column_number(claim[1].decode()) * int(claim[2]) <= MAX_SHEET_CELLS
                ):
                    continue
                column, row = _farthest_cell(archive, part)
            except IngestError:
                raise
            # zipfile's errors for damaged members are many (BadZipFile, zlib.error, EOFError,
            # NotImplementedError for an unknown method or version, RuntimeError if encrypted)
            except Exception as error:
                raise _damaged(name, error) from None
            if column * row > MAX_SHEET_CELLS:
                raise _too_large(name, column, row)


def _damaged(name: str, error: BaseException) -> IngestError:
    said = " ".join(str(error).split())
    if "limit exceeded" in said:
        # calamine's own cell limit: the sheet is too large, not damaged
        return IngestError(RowProblem(name, "unreadable", params={"reason": said[:200]}))
    # calamine's WorksheetNotFound says only the sheet's name: its type says what happened
    reason = f"{type(error).__name__}: {said}"[:200] if len(said) < 40 else said[:200]
    return IngestError(RowProblem(name, "damaged_spreadsheet", params={"reason": reason}))


def _farthest_cell(archive: Any, part: str) -> tuple[int, int]:
    """The largest column number and row number any cell of the sheet ``part`` uses."""
    columns, rows, tail = 0, 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            for match in CELL_REFERENCE.finditer(text):
                columns = max(columns, _column_number(match[1].decode()))
                rows = max(rows, int(match[2]))
            # a reference cut by the chunk's end is read again with the next chunk
            tail = text[-200:]
    return columns, rows


def _sheet_cells(workbook: Any, sheet_name: str, name: str) -> list[list[Any]]:
    """The sheet as rows of cells from A1 (empty rows and columns kept: row numbers stay
    those of the file), refused when that grid is larger than :data:`MAX_SHEET_CELLS`."""
    try:
        sheet = workbook.get_sheet_by_name(sheet_name)
        last_row, last_column = sheet.end or (0, 0)
        if (last_row + 1) * (last_column + 1) > MAX_SHEET_CELLS:
            raise _too_large(name, last_column + 1, last_row + 1)
        return sheet.to_python(skip_empty_area=False)
    except IngestError:
        raise
    except Exception as error:  # calamine's own errors: a damaged member, a missing sheet
        raise _damaged(name, error) from None


def _read_spreadsheet(path: Path, name: str, sheet: str | int | None) -> TableData:
    from python_calamine import CalamineWorkbook

    _check_xlsx_extent(path, name)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types per format
        raise _damaged(name, error) from None
    sheet_names = list(workbook.sheet_names)
    table_warnings: list[RowProblem] = []
    if sheet is None:
        chosen = None
        for candidate in sheet_names:
            cells = _sheet_cells(workbook, candidate, name)
            if any(any(c not in (None, "") for c in r) for r in cells):
                chosen = candidate
                break
        if chosen is None:
            raise IngestError(RowProblem(name, "empty_file"))
        if len(sheet_names) > 1:
            table_warnings.append(
                RowProblem(
                    name, "other_sheets", params={"sheet": chosen, "sheets": ", ".join(sheet_names)}
                )
            )
    elif isinstance(sheet, int) or str(sheet).isdigit():
        index = int(sheet)
        if not 0 <= index < len(sheet_names):
            raise IngestError(RowProblem(name, "no_sheet", params={"sheet": sheet}))
        chosen = sheet_names[index]
    elif sheet in sheet_names:
        chosen = str(sheet)
    else:
        raise IngestError(RowProblem(name, "no_sheet", params={"sheet": sheet}))
    cells = _sheet_cells(workbook, chosen, name)
    width = max((len(r) for r in cells), default=0)
    header_index = next(
        (i for i, r in enumerate(cells[:20]) if _looks_like_header(list(r), width)), None
    )
    if header_index is None:
        header = [_column_letter(i) for i in range(width)]
        first_data = 0
        table_warnings.append(RowProblem(name, "no_header"))
    else:
        header = _unique_headers(list(cells[header_index]) + [None] * width)[:width]
        first_data = header_index + 1
    rows = []
    for index in range(first_data, len(cells)):
        record = [_cell_value(c) for c in cells[index]]
        if not any(c not in (None, "") for c in record):
            continue
        record += [None] * (width - len(record))
        rows.append((index + 1, dict(zip(header, record, strict=True))))
    return TableData(
        file_name=name,
        file_format="xlsx",
        columns=header,
        rows=rows,
        unit="row",
        sheet=chosen,
        warnings=table_warnings,
    )


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested JSON objects become ``parent/child`` columns, as Decidim names them."""
    flat: dict[str, Any] = {}
    for key, value in item.items():
        column = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, column + "/"))
        elif isinstance(value, list):
            flat[column] = json.dumps(value, ensure_ascii=False)
        else:
            flat[column] = value
    return flat


def _records_table(
    name: str, file_format: str, unit: str, items: list[tuple[int, Any]], problems: list[RowProblem]
) -> TableData:
    rows: list[tuple[int, dict[str, Any]]] = []
    columns: dict[str, None] = {}
    table_warnings: list[RowProblem] = []
    for number, item in items:
        if not isinstance(item, dict):
            problems.append(RowProblem(name, "not_an_object", line=number))
            continue
        try:
            flat = _flatten(item)
        except RecursionError:
            problems.append(RowProblem(name, "too_deep_record", line=number))
            continue
        if any(LONE_SURROGATE.search(text) for text in _texts_of(flat)):
            flat = {_without_surrogates(k): _without_surrogates(v) for k, v in flat.items()}
            table_warnings.append(RowProblem(name, "lone_surrogate", line=number))
        columns.update(dict.fromkeys(flat))
        rows.append((number, flat))
    for _, row in rows:
        for column in columns:
            row.setdefault(column, None)
    return TableData(
        file_name=name,
        file_format=file_format,
        columns=list(columns),
        rows=rows,
        unit=unit,
        problems=problems,
        warnings=table_warnings,
    )


def _texts_of(flat: dict[str, Any]) -> Iterable[str]:
    for key, value in flat.items():
        yield key
        if isinstance(value, str):
            yield value


def _without_surrogates(value: Any) -> Any:
    """A lone surrogate (half of a UTF-16 pair, valid in JSON, never in UTF-8) becomes U+FFFD."""
    if not isinstance(value, str):
        return value
    return LONE_SURROGATE.sub("\ufffd", value)


def _json_int(digits: str) -> int | str:
    """A JSON integer; one too long for Python's int stays its text (kept, never a number)."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


def _read_json(text: str, name: str) -> TableData:
    try:
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise IngestError(
            RowProblem(
                name,
                "bad_json",
                line=error.lineno,
                column=str(error.colno),
                params={"reason": error.msg},
            )
        ) from None
    if isinstance(data, dict):
        preferred = ("ideas", "proposals", "data", "items", "results", "comments", "records")
        lists = [k for k, v in data.items() if isinstance(v, list)]
        lists.sort(key=lambda k: k not in preferred)
        data = data[lists[0]] if lists else [data]
    if not isinstance(data, list):
        raise IngestError(RowProblem(name, "bad_json", params={"reason": "no list of records"}))
    return _records_table(name, "json", "record", list(enumerate(data, start=1)), [])


def _read_jsonl(text: str, name: str) -> TableData:
    items, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append((number, json.loads(line, parse_int=_json_int)))
        except RecursionError:
            problems.append(RowProblem(name, "too_deep_record", line=number))
        except json.JSONDecodeError as error:
            problems.append(
                RowProblem(
                    name,
                    "bad_json",
                    line=number,
                    column=str(error.colno),
                    params={"reason": error.msg},
                )
            )
    return _records_table(name, "jsonl", "line", items, problems)


def _names_a_field(cell: Any) -> bool:
    """Whether a cell is a column name people give a field, singular or plural."""
    if not isinstance(cell, str) or len(cell) > 80:
        return False
    normal = normalise_header(cell)
    names = {name for names in FIELD_SYNONYMS.values() for name in names}
    return normal in names or normal.removesuffix("s") in names


# mapping -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownFormat:
    """A platform export recognised by its headers (normalised with ``normalise_header``)."""

    name: str
    label: str
    required: tuple[tuple[str, ...], ...]
    fields: dict[str, tuple[str, ...]]

    def matches(self, normalised: set[str]) -> bool:
        return all(
            any(_has_column(normalised, option) for option in options) for options in self.required
        )


def _has_column(normalised: set[str], pattern: str) -> bool:
    if not pattern.endswith("*"):
        return pattern in normalised
    return any(_column_matches(column, pattern) for column in normalised)


def _column_matches(column: str, pattern: str) -> bool:
    # "body_*" matches Decidim's per-language columns such as body_fr
    if pattern.endswith("*"):
        return column.startswith(pattern[:-1])
    return column == pattern


KNOWN_FORMATS: tuple[KnownFormat, ...] = (
    KnownFormat(
        "polis",
        "Polis comments.csv",
        (("comment_id",), ("comment_body",), ("agrees",)),
        {
            "text": ("comment_body",),
            "source_id": ("comment_id",),
            "author": ("author_id",),
            "votes": ("agrees",),
            "created": ("timestamp",),
        },
    ),
    KnownFormat(
        "consul",
        "CONSUL / Decide Madrid proposals",
        (("cached_votes_up",), ("description",), ("title",)),
        {
            "text": ("description",),
            "title": ("title",),
            "source_id": ("id",),
            "votes": ("cached_votes_up",),
            "created": ("created_at",),
            "author": ("author_id", "author_name"),
        },
    ),
    KnownFormat(
        "decidim",
        "Decidim proposals export",
        (("id",), ("body", "body_*"), ("title", "title_*")),
        {
            "text": ("body", "body_fr", "body_en", "body_*"),
            "title": ("title", "title_fr", "title_en", "title_*"),
            "source_id": ("id",),
            "category": ("category_name_fr", "category_name_en", "category_name_*", "category"),
            "votes": ("supports", "votes", "endorsements_total_count", "endorsements_count"),
            "created": ("published_at", "created_at"),
            "author": ("author_name", "author_nickname"),
        },
    ),
    KnownFormat(
        "makeorg",
        "Make.org proposals",
        (("proposition", "content"), ("adhesion", "votes_agree", "proposal_id")),
        {
            "text": ("proposition", "content"),
            "source_id": ("proposal_id", "id"),
            "author": ("auteur", "author_firstname", "author"),
            "votes": ("votes", "votes_total"),
            "created": ("created_at", "date"),
        },
    ),
    KnownFormat(
        "paris_bp",
        "Budget participatif de Paris (lauréats)",
        (("titre_du_projet_laureat", "titre_projet_gagnant"),),
        {
            "text": ("description", "titre_du_projet_laureat", "titre_projet_gagnant"),
            "title": ("titre_du_projet_laureat", "titre_projet_gagnant"),
            "source_id": ("identifiant_du_projet_laureat", "identifiant_projet_gagnant"),
            "category": ("thematique",),
        },
    ),
)

# header names (normalised) people and platforms use for each field, French and English
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "texte",
        "body",
        "description",
        "idea",
        "idee",
        "proposal",
        "proposition",
        "proposition_text",
        "content",
        "contenu",
        "comment",
        "commentaire",
        "comment_body",
        "message",
        "answer",
        "reponse",
        "contribution",
        "suggestion",
        "avis",
    ),
    "title": ("title", "titre", "name", "nom", "intitule", "subject", "sujet", "objet"),
    "author": (
        "author",
        "auteur",
        "auteure",
        "author_name",
        "author_id",
        "user",
        "username",
        "utilisateur",
        "pseudo",
        "pseudonym",
        "pseudonyme",
        "participant",
        "participant_id",
        "poster",
        "contributor",
        "contributeur",
    ),
    "category": (
        "category",
        "categorie",
        "theme",
        "thematique",
        "topic",
        "sujet_theme",
        "tag",
        "tags",
        "scope",
        "axe",
        "domaine",
    ),
    "votes": (
        "votes",
        "vote",
        "supports",
        "soutiens",
        "likes",
        "agrees",
        "endorsements",
        "cached_votes_up",
        "upvotes",
        "score_votes",
        "nb_votes",
        "nombre_de_votes",
        "pour",
    ),
    "created": (
        "created",
        "created_at",
        "date",
        "datetime",
        "timestamp",
        "published_at",
        "publishedat",
        "date_de_creation",
        "date_creation",
        "submitted_at",
        "horodatage",
    ),
    "source_id": (
        "id",
        "identifiant",
        "identifier",
        "ref",
        "reference",
        "comment_id",
        "idea_id",
        "proposal_id",
        "answer_id",
        "uid",
        "numero",
    ),
}


def detect_format(columns: list[str]) -> KnownFormat | None:
    return _detect_normalised({normalise_header(c) for c in columns})


def _detect_normalised(normalised: set[str]) -> KnownFormat | None:
    return next((fmt for fmt in KNOWN_FORMATS if fmt.matches(normalised)), None)


def _pick(
    columns_of: dict[str, list[str]], candidates: Iterable[str], taken: set[str]
) -> str | None:
    """The first column not ``taken`` a candidate matches; ``columns_of`` lists the columns
    of each normalised name, in the file's order (exact names are found without a scan)."""
    for pattern in candidates:
        if not pattern.endswith("*"):
            free = [c for c in columns_of.get(pattern, ()) if c not in taken]
            if free:
                return free[0]
            continue
        for normal, columns in columns_of.items():
            if _column_matches(normal, pattern):
                free = [c for c in columns if c not in taken]
                if free:
                    return free[0]
    return None


def guess_mapping(
    table: TableData, explicit: dict[str, str] | None = None
) -> tuple[dict[str, str], KnownFormat | None]:
    """Which column holds each field: a known platform's mapping, else header synonyms
    (French and English), else the column of longest texts; ``explicit`` entries win.

    Raises :class:`IngestError` if an explicit column is not in the file.
    """
    explicit = dict(explicit or {})
    # an explicit empty column means "this file has no such field": do not guess one
    excluded = {name for name, column in explicit.items() if not column}
    explicit = {name: column for name, column in explicit.items() if column}
    for field_name, column in explicit.items():
        if field_name not in FIELDS:
            raise IngestError(
                RowProblem(
                    table.file_name,
                    "unknown_field",
                    params={"field": field_name, "fields": ", ".join(FIELDS)},
                )
            )
        if column not in table.columns:
            resolved = _resolve_column(table.columns, column)
            if resolved is None:
                raise IngestError(
                    RowProblem(
                        table.file_name,
                        "no_such_column",
                        params={"column": column, "columns": _listed(table.columns)},
                    )
                )
            explicit[field_name] = resolved
    # normalised once: a file may have a million columns (decision 0073)
    columns_of: dict[str, list[str]] = {}
    for column in table.columns:
        columns_of.setdefault(normalise_header(column), []).append(column)
    known = _detect_normalised(set(columns_of))
    mapping: dict[str, str] = {}
    taken = set(explicit.values())
    for field_name in FIELDS:
        if field_name in explicit:
            mapping[field_name] = explicit[field_name]
            continue
        if field_name in excluded:
            continue
        candidates = known.fields.get(field_name, ()) if known else FIELD_SYNONYMS[field_name]
        column = _pick(columns_of, candidates, taken)
        if column:
            mapping[field_name] = column
            taken.add(column)
    if "text" not in mapping and "text" not in excluded:
        longest = _longest_text_column(table, taken)
        if longest:
            mapping["text"] = longest
        elif "title" in mapping and "title" not in explicit:
            mapping["text"] = mapping.pop("title")
    if mapping.get("title") == mapping.get("text"):
        mapping.pop("title", None)
    return mapping, known


def _listed(columns: list[str]) -> str:
    """Column names for a one-line message: the first :data:`COLUMNS_LISTED`, then a count."""
    shown = ", ".join(_shown_value(column) for column in columns[:COLUMNS_LISTED])
    if len(columns) > COLUMNS_LISTED:
        shown += f", ... (+{len(columns) - COLUMNS_LISTED})"
    return shown


def _resolve_column(columns: list[str], wanted: str) -> str | None:
    """A column given by a case/accent-insensitive name or a spreadsheet letter."""
    normal = normalise_header(wanted)
    for column in columns:
        if normalise_header(column) == normal:
            return column
    if re.fullmatch(r"[A-Za-z]{1,2}", wanted):
        letters = [_column_letter(i) for i in range(len(columns))]
        if wanted.upper() in letters:
            return columns[letters.index(wanted.upper())]
    return None


def _longest_text_column(table: TableData, taken: set[str]) -> str | None:
    best, best_length = None, 15.0
    sample = table.rows[:500]
    for column in table.columns:
        if column in taken:
            continue
        values = [row.get(column) for _, row in sample]
        texts = [v for v in values if isinstance(v, str) and v.strip()]
        if len(texts) < max(1, len(values) // 2) or all(_is_number(t) for t in texts):
            continue
        mean = sum(len(t) for t in texts) / len(texts)
        if mean > best_length:
            best, best_length = column, mean
    return best


def _is_number(value: str) -> bool:
    return re.fullmatch(r"\s*-?[\d\s.,]+\s*", value) is not None


# rows -> ideas --------------------------------------------------------------------------


def clean_text(value: Any) -> str:
    """Text as a person reads it: HTML reduced to its text, Unicode NFC, blank lines
    collapsed, spaces trimmed."""
    if value is None:
        return ""
    text = str(value)
    if HTML_PATTERN.search(text):
        from bs4 import BeautifulSoup

        text = BeautifulSoup(text, "html.parser").get_text("\n")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


class OutOfRange(ValueError):
    """A value of the right kind beyond what can be stored (votes, a date)."""


def parse_votes(value: Any) -> int | None:
    """A vote count; :class:`ValueError` when it is not a whole number, :class:`OutOfRange`
    when it does not fit in the store's 64-bit integers."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(value)
        if abs(value) > MAX_VOTES:
            raise OutOfRange(value)
        return int(value)
    if isinstance(value, int):
        return _votes_in_range(value)
    text = str(value).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    whole = re.fullmatch(r"(-?\d+)(?:[.,]0*)?", text)
    if whole is None:
        raise ValueError(value)
    # a count longer than the store's 19 digits is out of range, however long it is
    if len(whole[1].lstrip("-").lstrip("0")) > len(str(MAX_VOTES)):
        raise OutOfRange(value)
    return _votes_in_range(int(whole[1]))


def _votes_in_range(votes: int) -> int:
    if abs(votes) > MAX_VOTES:
        raise OutOfRange(votes)
    return votes


def parse_created(value: Any) -> str | None:
    """An ISO timestamp; :class:`ValueError` when the value is no date, :class:`OutOfRange`
    when it is a date outside years 1-9999."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float) or re.fullmatch(r"\d{10}(\d{3})?", str(value).strip()):
        try:
            number = float(value)
        except OverflowError:
            raise OutOfRange(value) from None
        if not math.isfinite(number):
            raise ValueError(value)
        seconds = number / 1000 if number > 1e11 else number
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")
        except (OverflowError, OSError, ValueError):
            raise OutOfRange(value) from None
    text = str(value).strip()
    if len(text) > 100:
        raise ValueError(value)  # no date is written this long; dateutil would still try
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    from dateutil import parser as date_parser

    with warnings.catch_warnings():
        # exports name zones dateutil does not know ("WIB"): the wall-clock time is kept
        warnings.simplefilter("ignore")
        try:
            return date_parser.parse(text, dayfirst=True).isoformat()
        except (ValueError, OverflowError, TypeError):
            raise ValueError(value) from None


def _text_or_none(value: Any) -> str | None:
    text = clean_text(value)
    return text or None


def table_to_ideas(
    table: TableData,
    mapping: dict[str, str],
    *,
    default_language: str | None = None,
    bad_values: str = "keep",
) -> tuple[list[IdeaRecord], list[RowProblem], list[RowProblem]]:
    """Turn rows into idea records; return (ideas, problems of rejected rows, warnings).

    A vote count or date that cannot be read (or is out of range) is reported on its row;
    with ``bad_values="keep"`` the row is kept without that value (its original row still
    holds it), with ``"skip"`` the row is rejected."""
    if bad_values not in BAD_VALUE_POLICIES:
        raise ValueError(f"bad_values must be one of {BAD_VALUE_POLICIES}, not {bad_values!r}")
    name = table.file_name
    if "text" not in mapping:
        raise IngestError(
            RowProblem(
                name,
                "no_text_column",
                line=1 if table.unit == "line" else None,
                params={"columns": _listed(table.columns)},
            )
        )
    problems = list(table.problems)
    table_warnings = list(table.warnings)
    ideas: list[IdeaRecord] = []
    first_line_of_id: dict[str, int] = {}
    text_column = mapping["text"]
    used_keys: dict[str, int] = {}
    for line, row in table.rows:
        text = clean_text(row.get(text_column))
        title = _text_or_none(row.get(mapping["title"])) if "title" in mapping else None
        # platforms leave the body empty when the title says it all
        text = text or title or ""
        where = {"line": line, "column": table.column_label(text_column)}
        if not text:
            problems.append(RowProblem(name, "empty_text", **where))
            continue
        if len(text) > MAX_TEXT_CHARS:
            problems.append(
                RowProblem(
                    name,
                    "text_too_long",
                    **where,
                    params={"length": len(text), "limit": MAX_TEXT_CHARS},
                )
            )
            continue
        values: dict[str, Any] = {}
        bad: list[RowProblem] = []
        for field_name, parser in (("votes", parse_votes), ("created", parse_created)):
            column = mapping.get(field_name)
            if not column:
                continue
            try:
                values[field_name] = parser(row.get(column))
            except ValueError as error:
                kind = "out_of_range" if isinstance(error, OutOfRange) else "bad"
                bad.append(
                    RowProblem(
                        name,
                        f"{kind}_{field_name}" + ("_skipped" if bad_values == "skip" else ""),
                        line=line,
                        column=table.column_label(column),
                        params={"value": _shown_value(row.get(column))},
                    )
                )
        if bad and bad_values == "skip":
            # one rejected row counts once: its other bad values are reported beside it
            problems.append(bad[0])
            table_warnings.extend(bad[1:])
            continue
        table_warnings.extend(bad)
        original = {k: _json_safe(v) for k, v in row.items()}
        digest = row_hash(original)
        source_id = _text_or_none(row.get(mapping["source_id"])) if "source_id" in mapping else None
        if source_id is not None:
            key = source_id
            if source_id in first_line_of_id:
                key = f"{source_id}~{digest[:12]}"
                table_warnings.append(
                    RowProblem(
                        name,
                        "repeated_id",
                        line=line,
                        column=table.column_label(mapping["source_id"]),
                        params={"id": source_id, "first": first_line_of_id[source_id]},
                    )
                )
            first_line_of_id.setdefault(source_id, line)
        else:
            key = f"row:{digest[:20]}"
        # the same row twice in one file is two ideas; numbering keeps re-imports idempotent
        used_keys[key] = used_keys.get(key, 0) + 1
        if used_keys[key] > 1:
            key = f"{key}#{used_keys[key]}"
        ideas.append(
            IdeaRecord(
                text=text,
                source_key=key,
                source_id=source_id,
                title=title,
                author=_text_or_none(row.get(mapping["author"])) if "author" in mapping else None,
                category=(
                    _text_or_none(row.get(mapping["category"])) if "category" in mapping else None
                ),
                votes=values.get("votes"),
                created=values.get("created"),
                original=original,
                line=line,
            )
        )
    languages = detect_languages(
        [f"{idea.title or ''} {idea.text}"[:1000] for idea in ideas], default_language
    )
    for idea, language in zip(ideas, languages, strict=True):
        idea.language = language
    problems.sort(key=lambda problem: problem.line or 0)
    table_warnings.sort(key=lambda problem: problem.line or 0)
    return ideas, problems, table_warnings


def _shown_value(value: Any) -> str:
    """A value as a message quotes it: its first 40 characters, and its length if longer."""
    text = str(value)
    if len(text) > 40:
        text = f"{text[:37]}... ({len(text)} chars)"
    # a message is one line, whatever the value holds
    return " ".join(text.split()) if not text.isprintable() else text


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


# the two ways in -------------------------------------------------------------------------


@dataclass
class Preview:
    """What an import would do, shown before doing it."""

    table: TableData
    mapping: dict[str, str]
    known_format: KnownFormat | None
    ideas: list[IdeaRecord]
    problems: list[RowProblem]
    warnings: list[RowProblem]
    rows_total: int


def preview_file(
    path: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    default_language: str | None = None,
    display_name: str | None = None,
    limit: int | None = None,
    bad_values: str = "keep",
    **read_options: Any,
) -> Preview:
    """Read a file and apply the guessed (or given) mapping without storing anything;
    ``limit`` converts only the first rows (a quick look at a large file); ``bad_values``
    as in :func:`table_to_ideas`."""
    # only the rows looked at cross from the worker: a preview of a large file stays quick
    table, rows_total = _read_isolated(
        path,
        read_options.pop("encoding", None),
        read_options.pop("delimiter", None),
        read_options.pop("sheet", None),
        display_name,
        limit,
        **read_options,
    )
    guessed, known = guess_mapping(table, mapping)
    ideas, problems, table_warnings = table_to_ideas(
        table, guessed, default_language=default_language, bad_values=bad_values
    )
    return Preview(table, guessed, known, ideas, problems, table_warnings, rows_total)


def import_file(
    store: Store,
    workshop: int | str,
    path: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    source: str | None = None,
    display_name: str | None = None,
    bad_values: str = "keep",
    new_workshop_language: str | None = None,
    **read_options: Any,
) -> ImportReport:
    """Import a file into a workshop: good rows stored, bad rows reported.

    A row whose vote count or date cannot be read is kept without that value by default
    (``bad_values="keep"``: the value stays in the row's original fields) or rejected with
    ``bad_values="skip"``; both are reported on the row.
    With ``new_workshop_language``, a ``workshop`` that names no workshop is the title of
    a new one in that language, created in the import's first transaction (a killed
    import leaves no empty workshop); ``report.created_workshop`` tells.

    ``source`` names where the ideas come from (default: the file name); importing the same
    source again adds only rows it did not hold yet, which also completes an import stopped
    half-way (the store commits it in chunks: :meth:`cocreate.store.Store.add_ideas`).
    """
    target = store.find_workshop(workshop) if new_workshop_language else None
    new_workshop = None
    if target is None and new_workshop_language:
        new_workshop = {"title": str(workshop), "language": new_workshop_language}
        target = {"id": None, "language": new_workshop_language}
    elif target is None:
        target = store.get_workshop(workshop)
    preview = preview_file(
        path,
        mapping=mapping,
        default_language=target["language"],
        display_name=display_name,
        bad_values=bad_values,
        **read_options,
    )
    table = preview.table
    report = ImportReport(
        source=source or table.file_name,
        file_name=table.file_name,
        format_name=preview.known_format.name if preview.known_format else table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        mapping=preview.mapping,
        rows_read=len(table.rows) + len(table.problems),
        problems=preview.problems,
        warnings=preview.warnings,
    )
    return store.add_ideas(
        target["id"],
        preview.ideas,
        source=report.source,
        file_name=table.file_name,
        file_sha256=table.sha256,
        format_name=report.format_name,
        mapping=preview.mapping,
        report=report,
        new_workshop=new_workshop,
    )


def submit_idea(
    store: Store,
    workshop: int | str,
    text: str,
    *,
    title: str | None = None,
    author: str | None = None,
    category: str | None = None,
    source: str = "form",
    client_token: str | None = None,
) -> dict[str, Any]:
    """Add one idea typed by a person; raise :class:`IngestError` if it is empty or too long.

    ``client_token`` names this submission on the sending device: sending it again (a retry
    after a lost answer, a double tap) returns the idea stored the first time."""
    target = store.get_workshop(workshop)
    if client_token is not None:
        stored = store.find_idea_by_key(target["id"], source, f"{source}:{client_token}")
        if stored is not None:
            return stored
    clean = clean_text(text)
    if not clean:
        raise IngestError(RowProblem(source, "empty_text"))
    if len(clean) > MAX_TEXT_CHARS:
        raise IngestError(
            RowProblem(
                source, "text_too_long", params={"length": len(clean), "limit": MAX_TEXT_CHARS}
            )
        )
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    original = {"text": text, "title": title, "author": author, "category": category}
    language = detect_languages([f"{title or ''} {clean}"], target["language"])[0]
    record = IdeaRecord(
        text=clean,
        # a person may type the same idea twice on purpose: each submission is its own idea
        source_key=f"{source}:{client_token or uuid.uuid4().hex}",
        title=_text_or_none(title),
        author=_text_or_none(author),
        category=_text_or_none(category),
        created=created,
        language=language,
        original=original,
    )
    report = store.add_ideas(target["id"], [record], source=source)
    if not report.idea_ids:
        # the same token stored meanwhile by a concurrent retry: that one is the idea
        return store.find_idea_by_key(target["id"], source, record.source_key)
    return store.get_idea(report.idea_ids[0])
