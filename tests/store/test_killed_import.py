"""A real `cocreate import` into a new workshop, killed (SIGKILL) at different moments:
the workshop is created in the import's first transaction, so no kill leaves an empty
workshop behind, the database stays sound, and running the import again completes it."""

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from cocreate.store import IMPORT_CHUNK_ROWS, Store

ROWS = 4 * IMPORT_CHUNK_ROWS


def start_import(db_path, path, title) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cocreate", "--db", str(db_path), "import", str(path), "-w", title],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": ":".join(sys.path), "HF_HUB_OFFLINE": "1"},
    )


def workshops_and_ideas(db_path) -> dict[str, int]:
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        return dict(
            conn.execute(
                "SELECT w.title, (SELECT count(*) FROM ideas i WHERE i.workshop_id = w.id)"
                " FROM workshops w"
            )
        )
    finally:
        conn.close()


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "consultation.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "texte"])
        for n in range(ROWS):
            writer.writerow([n, f"Proposition {n} : des bancs et des arbres rue {n % 97}"])
    return path


def test_killed_imports_leave_no_empty_workshop(db_path, big_file):
    Store(db_path).close()
    started = time.monotonic()
    whole = start_import(db_path, big_file, "Entière")
    assert whole.wait(timeout=600) == 0
    duration = time.monotonic() - started
    killed = []
    # kills spread over an import's run: while it starts, reads the file, stores chunks
    for n, share in enumerate((0.3, 0.5, 0.7, 0.85, 0.95)):
        process = start_import(db_path, big_file, f"Tuée {n}")
        time.sleep(duration * share)
        process.send_signal(signal.SIGKILL)
        killed.append(process.wait(timeout=60) == -signal.SIGKILL)
    # and one killed the moment its workshop is seen (before this change: created before
    # the file was read, so this kill left it empty every time)
    process = start_import(db_path, big_file, "Tuée après un lot")
    deadline = time.monotonic() + 600
    while "Tuée après un lot" not in workshops_and_ideas(db_path):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    killed.append(process.wait(timeout=60) == -signal.SIGKILL)
    assert sum(killed) >= 4, killed
    counts = workshops_and_ideas(db_path)
    assert counts["Entière"] == ROWS
    assert [title for title, ideas in counts.items() if ideas == 0] == []
    assert 0 < counts["Tuée après un lot"] <= ROWS
    with Store(db_path) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    # the import run again completes the killed one, adding nothing twice
    again = start_import(db_path, big_file, "Tuée après un lot")
    assert again.wait(timeout=600) == 0
    assert workshops_and_ideas(db_path)["Tuée après un lot"] == ROWS
