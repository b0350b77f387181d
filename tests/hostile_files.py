"""Spreadsheets that took the server down (issue 18), made small and on demand.

Never read one of these in a test process without the worker's limits: the far cell makes the
spreadsheet reader ask for 512 GiB at once, the giant shared string grows past 6 GB.

    python tests/hostile_files.py OUT_DIR    # writes both files there
"""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from pathlib import Path

SHARED_STRING_BYTES = 50_000_000
SHARED_STRING_CELLS = 200

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Ideas" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
 Target="sharedStrings.xml"/>
</Relationships>"""
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx(path: Path, sheet_data: str, dimension: str | None, shared: bytes | None = None) -> Path:
    """A minimal workbook written by hand, as small as the issue's (about 1.5 kB)."""
    claim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN_NS}">'
        f"{claim}<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return path


def far_cell_xlsx(path: Path, *, with_a1: bool = False, dimension: bool = True) -> Path:
    """A workbook whose only cell sits at XFD1048576, the last cell a sheet can have; with
    ``with_a1`` a cell at A1 too (the grid from A1 to XFD1048576 is then read as a whole:
    512 GiB), and with ``dimension`` the sheet's own claim of its extent."""
    first = '<row r="1"><c r="A1" t="inlineStr"><is><t>idea</t></is></c></row>' if with_a1 else ""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    claim = ("A1:" if with_a1 else "") + "XFD1048576" if dimension else None
    return _xlsx(path, first + far, claim)


def giant_shared_string_xlsx(
    path: Path, *, length: int = SHARED_STRING_BYTES, cells: int = SHARED_STRING_CELLS
) -> Path:
    """A workbook with one ``length``-character shared string that ``cells`` cells reference;
    it compresses to almost nothing (about 50 kB)."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, cells + 1)
    )
    strings = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN_NS}"'
        f' count="{cells}" uniqueCount="1"><si><t>'.encode()
        + b"a" * length
        + b"</t></si></sst>"
    )
    return _xlsx(path, rows, f"A1:A{cells}", strings)


def ods(path: Path, table_rows: str) -> Path:
    """An OpenDocument spreadsheet whose one sheet holds ``table_rows`` (``<table:table-row>``
    elements), written by hand."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Ideas">'
        f"{table_rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def ods_row(*cells: str) -> str:
    return (
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{cell}</text:p>'
            "</table:table-cell>"
            for cell in cells
        )
        + "</table:table-row>"
    )


def repeated_cell_ods(path: Path) -> Path:
    """An OpenDocument sheet whose one cell is repeated over 16,384 columns and 1,048,576
    rows (the ODS way of saying "the same value everywhere")."""
    return ods(
        path,
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>",
    )


# what a worker of cocreate.sandbox may be asked to do, for its tests ---------------------


def echo(*values: object) -> bytes:
    return json.dumps(values).encode()


def allocate(megabytes: int) -> bytes:
    held = bytearray(megabytes << 20)
    return str(len(held)).encode()


def sleep_for(seconds: float) -> bytes:
    time.sleep(seconds)
    return b"awake"


def abort() -> bytes:
    os.abort()


def answer_of(size: int) -> bytes:
    return b"a" * size


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for made in (
        far_cell_xlsx(folder / "far-cell.xlsx"),
        far_cell_xlsx(folder / "far-cell-from-a1.xlsx", with_a1=True, dimension=False),
        giant_shared_string_xlsx(folder / "giant-shared-string.xlsx"),
        repeated_cell_ods(folder / "repeated-cell.ods"),
    ):
        print(f"{made}: {made.stat().st_size:,} bytes")
