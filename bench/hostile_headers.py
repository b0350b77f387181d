"""What de-duplicating and mapping a wide header costs, before and after issue 22
(docs/decisions/0073).

1. **Header de-duplication**: ``_unique_headers`` against the former loop (a name repeated
   got ``_`` appended until free: cubic), both run in this process, on 500 / 1,000 / 2,000
   identical cells (the former loop is not run beyond: 4,000 cells took over 100 s).
2. **Whole preview** of a line of ``abc,abc,...`` of 1 MB and 5 MB (the issue's file), through
   the worker as the app reads it: seconds, and seconds per MB.

    python bench/hostile_headers.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cocreate.ingest import IngestError, _column_letter, _unique_headers, preview_file  # noqa: E402


def former_unique_headers(cells):
    """The loop before issue 22, kept here as the baseline."""
    headers: list[str] = []
    for index, cell in enumerate(cells):
        label = str(cell).strip() if cell is not None and str(cell).strip() else ""
        label = label or _column_letter(index)
        while label in headers:
            label += "_"
        headers.append(label)
    return headers


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    print("1. header de-duplication (identical cells): former / now, seconds, ratio")
    for width in (500, 1000, 2000):
        cells = ["abc"] * width
        now = timed(_unique_headers, cells)
        former = timed(former_unique_headers, cells)
        print(f"   {width:5d} cells: {former:8.3f} s / {now:.4f} s = {former / now:,.0f}x")
    for width in (4000, 1_250_000):
        print(f"   {width:9,d} cells now: {timed(_unique_headers, ['abc'] * width):.3f} s")
    print("2. preview of one line abc,abc,... through the worker")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in (1, 5):
            path = Path(folder) / f"line-{megabytes}mb.csv"
            path.write_bytes(b",".join([b"abc"] * (megabytes * 1_000_000 // 4)) + b"\n")
            start = time.perf_counter()
            try:
                preview_file(path)
                said = "read"
            except IngestError as error:
                said = str(error)[:70] + "..."
            seconds = time.perf_counter() - start
            print(f"   {megabytes} MB: {seconds:.2f} s = {seconds / megabytes:.2f} s/MB ({said})")


if __name__ == "__main__":
    main()
