"""A worker with limits: its answer comes back; running out of memory or time, crashing or
answering too much ends the worker, never the caller."""

import json
import os
import resource
import time
from pathlib import Path

import hostile_files
import pytest

from cocreate.sandbox import MIB, WorkerFailed, run_limited


def run(function, *args, memory=256 * MIB, seconds=20, max_answer=MIB):
    return run_limited(function, *args, memory=memory, seconds=seconds, max_answer=max_answer)


def children() -> set[int]:
    """The processes this one started that are still running."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def test_the_answer_comes_back():
    assert json.loads(run(hostile_files.echo, "é", 3, None)) == ["é", 3, None]


def test_a_worker_over_its_memory_is_refused_and_the_caller_keeps_its_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(WorkerFailed) as failed:
        run(hostile_files.allocate, 2048)
    assert failed.value.reason == "memory"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # KiB
    # within its budget the same worker succeeds
    assert run(hostile_files.allocate, 64) == str(64 * MIB).encode()


def test_a_worker_past_its_time_is_stopped():
    run(hostile_files.echo)  # a spare worker is ready: its start does not count
    # other tests of the session may have left processes of their own (a forkserver)
    before = children()
    start = time.monotonic()
    with pytest.raises(WorkerFailed) as failed:
        run(hostile_files.sleep_for, 60, seconds=1)
    assert failed.value.reason == "time"
    assert time.monotonic() - start < 5
    # stopped, not left behind: at most a new spare, ready for the next read, took its place
    assert len(children()) <= len(before)


def test_a_crash_is_not_taken_for_a_lack_of_memory():
    with pytest.raises(WorkerFailed) as failed:
        run(hostile_files.abort)
    assert (failed.value.reason, failed.value.detail) == ("crash", "SIGABRT")


def test_an_answer_over_the_size_allowed_is_refused():
    with pytest.raises(WorkerFailed) as failed:
        run(hostile_files.answer_of, 4 * MIB)
    assert failed.value.reason == "too_large"
    assert run(hostile_files.answer_of, 1000) == b"a" * 1000
