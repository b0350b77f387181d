"""What reading files in a worker process costs, and what it saves (docs/decisions/0030).

1. **Overhead on ordinary files**: ``read_table`` (the worker) against the same reader run in
   this process (the baseline, measured in the same run, alternating), median of ``--repeats``
   reads; and the Ideas page's preview (``preview_file(limit=200)``) both ways. Files: the
   largest real CSV/JSON/XLSX/XLS of ../shared/data, and 10,000 / 50,000 real proposals
   (Make.org "Le monde d'après", repeated to size) written as CSV and XLSX.
2. **Whole imports**: ``load_demo`` (median of ``--repeats``), and ``import_file`` of the
   10k / 50k files (one run each), into a new database, worker against in-process.
3. **Worker memory**: peak RSS of the worker reading each ordinary file, and a sheet read as a
   grid of the 10 million cells allowed, against the 1 GiB budget.
4. **Hostile files** (tests/hostile_files.py): read in process as before, in a child watched
   from outside (killed above 4 GiB, so this machine survives), against the worker: outcome,
   time, peak memory of the reader and of the process that asked.

    python bench/uploads.py [--repeats 5] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("COCREATE_DATA", ROOT.parent / "shared" / "data"))
MAKEORG = DATA_DIR / "makeorg-mondedapres" / "mondedapres_2020_05_28.csv"
WATCHDOG_BYTES = 4 << 30
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]


def in_process(path: Path, limit: int | None = None):
    """The reader as it ran before the worker: in this process."""
    from cocreate import ingest

    table = ingest._read_here(path, encoding=None, delimiter=None, sheet=None, name=path.name)
    total = len(table.rows)
    if limit is not None:
        table.rows = table.rows[:limit]
    return table, total


def real_files() -> list[Path]:
    if not DATA_DIR.is_dir():
        return []
    csvs = sorted(DATA_DIR.rglob("*.csv"), key=lambda p: p.stat().st_size)[-2:]
    jsons = sorted(DATA_DIR.rglob("*.json"), key=lambda p: p.stat().st_size)[-1:]
    return [*csvs, *jsons, *sorted(DATA_DIR.rglob("*.xls*"))]


def made_files(folder: Path) -> list[Path]:
    """10k and 50k real proposals as CSV and XLSX."""
    import openpyxl

    with MAKEORG.open(encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        header, rows = next(reader), list(reader)
    made = []
    for size in (10_000, 50_000):
        chosen = [rows[n % len(rows)] for n in range(size)]
        csv_path = folder / f"proposals-{size // 1000}k.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as target:
            csv.writer(target).writerows([header, *chosen])
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Propositions")
        sheet.append(header)
        for row in chosen:
            sheet.append(row)
        xlsx_path = folder / f"proposals-{size // 1000}k.xlsx"
        book.save(xlsx_path)
        made += [csv_path, xlsx_path]
    return made


def limit_grid(folder: Path) -> Path:
    """A sheet read as a grid of exactly the 10 million cells allowed (A1 to CV100000)."""
    import hostile_files as made

    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>idea</t></is></c></row>'
        '<row r="100000"><c r="CV100000" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    return made._xlsx(folder / "grid-at-the-limit.xlsx", cells, "A1:CV100000")


def median_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def overhead(paths: list[Path], repeats: int) -> list[dict]:
    from cocreate.ingest import _read_isolated

    # the first read starts a worker and waits for it; it leaves a spare ready for the next
    smallest = min(paths, key=lambda p: p.stat().st_size)
    started = time.perf_counter()
    _read_isolated(smallest, None, None, None, None)
    first = time.perf_counter() - started
    time.sleep(2)  # as a person would take before the next file: the spare is ready
    started = time.perf_counter()
    _read_isolated(smallest, None, None, None, None)
    warm = time.perf_counter() - started
    figures = [{"file": smallest.name, "first_s": first, "warm_s": warm}]
    for path in paths:
        worker = median_time(lambda p=path: _read_isolated(p, None, None, None, None), repeats)
        here = median_time(lambda p=path: in_process(p), repeats)
        preview_worker = median_time(
            lambda p=path: _read_isolated(p, None, None, None, None, 200), repeats
        )
        preview_here = median_time(lambda p=path: in_process(p, 200), repeats)
        table, _ = in_process(path)
        figures.append(
            {
                "file": path.name,
                "size_mb": path.stat().st_size / 1e6,
                "rows": len(table.rows),
                "in_process_s": here,
                "worker_s": worker,
                "ratio": worker / here,
                "preview_in_process_s": preview_here,
                "preview_worker_s": preview_worker,
                "preview_ratio": preview_worker / preview_here,
            }
        )
    return figures


def imports(paths: list[Path], repeats: int) -> list[dict]:
    """``import_file`` into a new database (reading, mapping, language detection, storing),
    worker against in-process."""
    from cocreate import ingest
    from cocreate.store import Store

    def load(folder: Path, path: Path) -> None:
        with Store(folder / f"{time.perf_counter_ns()}.db") as store:
            workshop = store.create_workshop("Bench", language="fr")
            ingest.import_file(store, workshop["id"], path)

    isolated = ingest._read_isolated
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for path in paths:
            worker = median_time(lambda p=path: load(Path(folder), p), repeats)
            ingest._read_isolated = in_process_isolated
            try:
                baseline = median_time(lambda p=path: load(Path(folder), p), repeats)
            finally:
                ingest._read_isolated = isolated
            figures.append(
                {
                    "file": path.name,
                    "in_process_s": baseline,
                    "worker_s": worker,
                    "ratio": worker / baseline,
                }
            )
    return figures


def in_process_isolated(path, encoding, delimiter, sheet, display_name, limit=None):
    """``ingest._read_isolated`` as it would be without the worker (the baseline)."""
    return in_process(Path(path), limit)


def demo(repeats: int) -> dict:
    from cocreate import ingest
    from cocreate.store import Store
    from cocreate.templates import load_demo

    def load(folder: Path) -> None:
        with Store(folder / f"{time.perf_counter_ns()}.db") as store:
            load_demo(store)

    isolated = ingest._read_isolated
    with tempfile.TemporaryDirectory() as folder:
        load(Path(folder))  # the store's first migration and the spare worker: not counted
        worker = median_time(lambda: load(Path(folder)), repeats)
        ingest._read_isolated = in_process_isolated
        try:
            baseline = median_time(lambda: load(Path(folder)), repeats)
        finally:
            ingest._read_isolated = isolated
    return {"in_process_s": baseline, "worker_s": worker, "ratio": worker / baseline}


# the spreadsheet read as cocreate did it before the worker: calamine in the process, each
# sheet as a grid from A1
BEFORE = """
from python_calamine import CalamineWorkbook
try:
    workbook = CalamineWorkbook.from_path({path!r})
    cells = [
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in workbook.sheet_names
    ]
    print(f"read {{sum(len(rows) for rows in cells)}} rows", flush=True)
except BaseException as error:
    print(f"raised {{type(error).__name__}}: {{str(error)[:70]}}", flush=True)
"""


def read_and_peak(*args: object) -> bytes:
    """In a worker: the read ``read_table`` asks for, answering with the worker's peak RSS
    and the size of what it would have sent."""
    from cocreate import ingest

    answer = ingest._read_as_json(*args)
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM")).split()[1]
    return json.dumps({"peak_kib": int(peak), "answer_bytes": len(answer)}).encode()


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / (1 << 20)


def worker_read(path: Path) -> dict:
    """``read_table`` of ``path``: outcome, time, growth of this process's RSS (now and
    peak); and the worker's own peak RSS, from a second read reporting it."""
    import uploads  # this file under its module name: the worker imports it by that name

    from cocreate.ingest import READ_MEMORY, READ_SECONDS, IngestError, read_table
    from cocreate.sandbox import WorkerFailed, run_limited

    rss, peak = rss_mib(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    try:
        outcome = f"read {len(read_table(path).rows)} rows"
    except IngestError as error:
        outcome = "refused: " + error.problem.message("en").split(": ", 1)[1]
    took = time.perf_counter() - started
    grown = rss_mib() - rss
    peak_grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - peak
    try:
        found = json.loads(
            run_limited(
                uploads.read_and_peak,
                str(path),
                None,
                None,
                None,
                path.name,
                None,
                memory=READ_MEMORY,
                seconds=READ_SECONDS,
                max_answer=1 << 20,
            )
        )
        worker = f"{found['peak_kib'] / 1024:.0f} MiB, answer {found['answer_bytes'] / 1e6:.1f} MB"
    except WorkerFailed as failure:
        worker = f"stopped ({failure.reason})"
    return {
        "outcome": outcome,
        "s": took,
        "caller_rss_grown_mib": grown,
        "caller_peak_grown_mib": peak_grown,
        "worker_peak": worker,
    }


def read_before(path: Path) -> dict:
    """The spreadsheet read in process as before, in a child killed above 4 GiB."""
    code = BEFORE.format(path=str(path))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak, killed = 0, False
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/statm") as statm:
                peak = max(peak, int(statm.read().split()[1]) * resource.getpagesize())
        except OSError:
            break
        if peak > WATCHDOG_BYTES:
            child.kill()
            killed = True
        time.sleep(0.01)
    out, err = child.communicate()
    took = time.perf_counter() - started
    said = [line for line in err.splitlines() if "memory allocation" in line or "panicked" in line]
    if killed:
        outcome = f"grew past {WATCHDOG_BYTES >> 30} GiB in {took:.1f} s (killed from outside)"
    elif child.returncode < 0:
        outcome = f"process died (signal {-child.returncode}): {said[-1] if said else ''}"
    else:
        outcome = out.strip()
    return {"outcome": outcome, "s": took, "peak_mib": peak / (1 << 20)}


def hostile(folder: Path) -> list[dict]:
    import hostile_files as made

    files = [
        made.far_cell_xlsx(folder / "far-cell.xlsx"),
        made.far_cell_xlsx(folder / "far-cell-from-a1.xlsx", with_a1=True),
        made.far_cell_xlsx(folder / "far-cell-no-dimension.xlsx", with_a1=True, dimension=False),
        made.giant_shared_string_xlsx(folder / "giant-shared-string.xlsx"),
        made.repeated_cell_ods(folder / "repeated-cell.ods"),
    ]
    return [
        {"file": f.name, "bytes": f.stat().st_size}
        | {"before": read_before(f), "after": worker_read(f)}
        for f in files
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not MAKEORG.is_file():
        sys.exit(f"real datasets not found at {DATA_DIR}")
    with tempfile.TemporaryDirectory() as folder:
        paths = real_files() + made_files(Path(folder))
        report = {
            "overhead": overhead(paths, args.repeats),
            "demo": demo(args.repeats),
            "imports": imports([p for p in paths if "proposals" in p.name], 1),
            "worker_memory": {p.name: worker_read(p) for p in [*paths, limit_grid(Path(folder))]},
            "hostile": hostile(Path(folder)),
        }
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print("1. ordinary files: worker against in-process (median of", args.repeats, "reads)")
    print(
        f"{'file':44} {'MB':>6} {'rows':>6} {'here s':>7} {'worker s':>8} {'ratio':>6}"
        f" | preview: {'here s':>7} {'worker s':>8} {'ratio':>6}"
    )
    first = report["overhead"][0]
    print(
        f"{first['file']}: first read of the process (worker started) {first['first_s']:.3f} s,"
        f" 2 s later (spare ready) {first['warm_s']:.3f} s"
    )
    for f in report["overhead"][1:]:
        print(
            f"{f['file'][:44]:44} {f['size_mb']:6.2f} {f['rows']:6} {f['in_process_s']:7.3f}"
            f" {f['worker_s']:8.3f} {f['ratio']:6.2f} |          {f['preview_in_process_s']:7.3f}"
            f" {f['preview_worker_s']:8.3f} {f['preview_ratio']:6.2f}"
        )
    d = report["demo"]
    print(
        f"\n2. load_demo: in-process {d['in_process_s']:.3f} s, worker {d['worker_s']:.3f} s,"
        f" ratio {d['ratio']:.2f}"
    )
    print("   import_file into a new database (one run each)")
    for f in report["imports"]:
        print(
            f"   {f['file']:22} in-process {f['in_process_s']:6.2f} s, worker"
            f" {f['worker_s']:6.2f} s, ratio {f['ratio']:.2f}"
        )
    print("\n3. memory of a read: the worker's peak RSS (budget: what it starts with + 1 GiB)")
    for name, w in report["worker_memory"].items():
        print(f"  {name[:44]:44} worker peak {w['worker_peak']}")
    print("\n4. hostile files: before (in process) -> after (worker)")
    for h in report["hostile"]:
        before, after = h["before"], h["after"]
        print(f"  {h['file']} ({h['bytes']:,} bytes)")
        print(
            f"    before: {before['outcome']} [{before['s']:.1f} s,"
            f" peak {before['peak_mib']:.0f} MiB]"
        )
        print(
            f"    after:  {after['outcome']} [{after['s']:.1f} s; worker peak "
            f"{after['worker_peak']}; this process grew {after['caller_rss_grown_mib']:+.0f} MiB,"
            f" its peak {after['caller_peak_grown_mib']:+.0f} MiB]"
        )


if __name__ == "__main__":
    main()
