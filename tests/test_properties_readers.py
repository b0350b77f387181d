"""Property-based tests of the readers (issue 22): whatever bytes a CSV, JSON, JSONL or XLSX
file holds, reading it gives ideas or a one-line message naming the file, never another
exception; a well-formed file gives back exactly the texts written in it.

The files are read in this process (``isolated=False``): the worker adds nothing to what a
reader does with bytes, and 4,000 workers would take minutes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import hostile_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate.ingest import MAX_VOTES, IngestError, clean_text, preview_file

SETTINGS = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
DELIMITERS = ",;\t|^"
# what a person types: any character but the surrogate halves no UTF encoding writes alone
TYPED = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
# what an XML sheet can hold (XML 1.0 has no other control characters)
SHEET_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
)
NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=10**18, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1e30", "Infinity", "-1e20", "9" * 5000, "03/04/2020", "", "abc"]),
)


def read(data: bytes, suffix: str):
    """The preview of a file holding ``data``, or None when it is refused with one line."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"generated{suffix}"
        path.write_bytes(data)
        try:
            preview = preview_file(path, isolated=False)
        except IngestError as error:
            for lang in ("en", "fr"):
                message = error.problem.message(lang)
                assert "\n" not in message and message.startswith(path.name), message
            return None
    for idea in preview.ideas:
        assert idea.text.strip()
        for value in (idea.text, idea.title, idea.author, idea.category):
            # storable: no lone surrogate, which SQLite's UTF-8 refuses
            assert value is None or value.encode("utf-8")
        assert idea.votes is None or abs(idea.votes) <= MAX_VOTES
        assert idea.created is None or dt.datetime.fromisoformat(idea.created)
        json.dumps(idea.original, ensure_ascii=False).encode("utf-8")
    for problem in preview.problems + preview.warnings:
        message = problem.message("en")
        assert "\n" not in message and message.startswith("generated"), message
        message.encode("utf-8")
    return preview


def expected_texts(texts: list[str]) -> list[str]:
    return [clean_text(text) for text in texts if clean_text(text)]


# CSV ------------------------------------------------------------------------------------


@settings(max_examples=1000, **SETTINGS)
@given(
    texts=st.lists(TYPED, max_size=8),
    authors=st.data(),
    delimiter=st.sampled_from(DELIMITERS),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_a_written_csv_gives_back_its_texts(texts, authors, delimiter, encoding):
    names = authors.draw(st.lists(TYPED, min_size=len(texts), max_size=len(texts)))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["texte", "auteur"])
    writer.writerows(zip(texts, names, strict=True))
    preview = read(out.getvalue().encode(encoding), ".csv")
    kept = [(t, a) for t, a in zip(texts, names, strict=True) if (t + a).strip()]
    if not kept:
        return  # a header alone: refused or no ideas, both fine
    assert preview is not None
    assert [idea.text for idea in preview.ideas] == expected_texts([t for t, _ in kept])


@settings(max_examples=600, **SETTINGS)
@given(st.binary(max_size=3000))
def test_any_bytes_as_csv_give_ideas_or_one_line(data):
    read(data, ".csv")


@settings(max_examples=300, **SETTINGS)
@given(
    lines=st.lists(st.tuples(TYPED, st.sampled_from(["utf-8", "cp1252", "utf-16-le"])), max_size=6)
)
def test_lines_in_mixed_encodings_give_ideas_or_one_line(lines):
    data = b"texte;votes\n"
    for text, encoding in lines:
        data += text.replace("\n", " ").encode(encoding, errors="replace") + b";1\n"
    read(data, ".csv")


# JSON and JSONL -----------------------------------------------------------------------------

SURROGATE = "\x01surrogate\x01"
RECORD = st.fixed_dictionaries(
    {"text": TYPED, "votes": NUMBERS, "created": NUMBERS},
    optional={
        "author": st.one_of(TYPED, st.integers(), st.none()),
        "extra": st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TYPED),
            lambda inner: st.one_of(
                st.lists(inner, max_size=3), st.dictionaries(TYPED, inner, max_size=3)
            ),
            max_leaves=8,
        ),
    },
)


def dumped(record: dict, half: str | None) -> str:
    text = json.dumps(record, ensure_ascii=False, allow_nan=True)
    # a lone surrogate is valid JSON (an escape), never valid UTF-8
    return text.replace(json.dumps(SURROGATE)[1:-1], half) if half else text


@settings(max_examples=800, **SETTINGS)
@given(
    records=st.lists(RECORD, max_size=6),
    half=st.one_of(st.none(), st.sampled_from(["\\ud800", "\\udfff", "\\udbff"])),
    wrapped=st.booleans(),
)
def test_json_records_give_back_their_texts(records, half, wrapped):
    if half and records:
        records[0]["text"] += SURROGATE
    items = ", ".join(dumped(r, half) for r in records)
    data = f'{{"proposals": [{items}]}}' if wrapped else f"[{items}]"
    preview = read(data.encode("utf-8"), ".json")
    texts = [r["text"].replace(SURROGATE, "\ufffd" if half else SURROGATE) for r in records]
    if expected_texts(texts):
        assert preview is not None
        assert [idea.text for idea in preview.ideas] == expected_texts(texts)


@settings(max_examples=600, **SETTINGS)
@given(
    records=st.lists(st.one_of(RECORD, st.integers(), TYPED), max_size=6),
    half=st.one_of(st.none(), st.sampled_from(["\\ud800", "\\udc00"])),
)
def test_jsonl_lines_give_ideas_or_one_line_each(records, half):
    lines = []
    for record in records:
        if isinstance(record, dict):
            record = {**record, "text": record["text"] + (SURROGATE if half else "")}
            lines.append(dumped(record, half))
        else:
            lines.append(json.dumps(record))
    read("\n".join(lines).encode("utf-8"), ".jsonl")


@settings(max_examples=400, **SETTINGS)
@given(st.binary(max_size=2000), st.sampled_from([".json", ".jsonl"]))
def test_any_bytes_as_json_give_ideas_or_one_line(data, suffix):
    read(data, suffix)


# XLSX -----------------------------------------------------------------------------------


def sheet_rows(rows: list[list[object]]) -> str:
    out = []
    for number, row in enumerate(rows, start=1):
        cells = []
        for column, value in zip("AB", row, strict=False):
            where = f"{column}{number}"
            if isinstance(value, str):
                cells.append(f'<c r="{where}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
            elif value is not None:
                cells.append(f'<c r="{where}"><v>{value!r}</v></c>')
        out.append(f'<row r="{number}">{"".join(cells)}</row>')
    return "".join(out)


@settings(max_examples=300, **SETTINGS)
@given(
    texts=st.lists(SHEET_TEXT, max_size=6),
    votes=st.data(),
)
def test_a_written_sheet_gives_back_its_texts(texts, votes):
    numbers = votes.draw(
        st.lists(
            st.one_of(st.none(), st.integers(-(10**30), 10**30), st.floats(-1e300, 1e300)),
            min_size=len(texts),
            max_size=len(texts),
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        path = hostile_files._xlsx(
            Path(folder) / "sheet.xlsx",
            sheet_rows([["texte", "votes"], *map(list, zip(texts, numbers, strict=True))]),
            None,
        )
        data = path.read_bytes()
    preview = read(data, ".xlsx")
    if expected_texts(texts):
        assert preview is not None
        assert [idea.text for idea in preview.ideas] == expected_texts(texts)


BASE_WORKBOOK: list[bytes] = []


def base_workbook() -> bytes:
    if not BASE_WORKBOOK:
        rows = [["texte", "votes"]] + [[f"Des bancs à l'ombre n°{n}", n] for n in range(20)]
        with tempfile.TemporaryDirectory() as folder:
            path = hostile_files._xlsx(Path(folder) / "base.xlsx", sheet_rows(rows), "A1:B21")
            BASE_WORKBOOK.append(path.read_bytes())
    return BASE_WORKBOOK[0]


@settings(max_examples=500, **SETTINGS)
@given(
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=6),
    st.one_of(st.none(), st.integers(min_value=0)),
)
def test_a_damaged_workbook_gives_ideas_or_one_line(flips, cut):
    data = bytearray(base_workbook())
    for where, byte in flips:
        data[where % len(data)] = byte
    if cut is not None:
        del data[cut % len(data) :]
    read(bytes(data), ".xlsx")
