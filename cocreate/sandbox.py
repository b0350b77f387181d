"""Run one function in a worker process with a memory and a time limit.

What an uploaded file makes its reader do (ask for 512 GiB at once, grow past 6 GB, loop)
happens in the worker: the worker dies or is stopped, the server lives on.

A worker is a fresh Python process (started with ``subprocess``, never forked from the
server: the Streamlit server runs threads) that imports the function's module, then waits
for one request. One such spare is kept ready per module, so a read does not wait for
Python and the module to start; each worker serves one request and exits, so what a file
did to it never carries over to the next.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["WorkerFailed", "run_limited", "GIB", "MIB"]

MIB = 1 << 20
GIB = 1 << 30
# what a worker says on its standard error is kept for the message: its first and last lines
STDERR_KEPT = 4096

_spares: dict[str, subprocess.Popen] = {}
_spares_lock = threading.Lock()


class WorkerFailed(Exception):
    """The worker did not answer: ``reason`` is ``memory``, ``time``, ``too_large`` (its
    answer was over the size allowed) or ``crash`` (``detail`` says how it ended)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def run_limited(
    function: Callable[..., bytes],
    *args: object,
    memory: int,
    seconds: float,
    max_answer: int,
) -> bytes:
    """``function(*args)`` in a worker whose address space may grow by ``memory`` bytes and
    that is stopped after ``seconds``; returns its bytes (at most ``max_answer``).

    ``function`` is a module-level function; ``args`` are JSON values (strings, numbers,
    None). Raises :class:`WorkerFailed` when the worker dies, runs out of memory or time.
    """
    worker = _take_worker(function.__module__)
    request = {
        "function": function.__qualname__,
        "args": list(args),
        "memory": memory,
        "seconds": seconds,
    }
    try:
        worker.stdin.write(json.dumps(request).encode() + b"\n")
        worker.stdin.close()
    except BrokenPipeError:
        pass  # the worker died while waiting: its ending says why
    stop = True  # unless the worker answered in time, it is stopped
    try:
        answer, errors, timed_out, too_large = _collect(worker, seconds, max_answer)
        stop = timed_out or too_large
    finally:
        if stop:
            worker.kill()
        worker.wait()
        worker.stdout.close()
        worker.stderr.close()
    if timed_out:
        raise WorkerFailed("time", f"{seconds:.0f} s")
    if too_large:
        raise WorkerFailed("too_large")
    status_word, _, payload = answer.partition(b":")
    if worker.returncode == 0 and status_word == b"ok":
        return payload
    if status_word == b"memory":
        raise WorkerFailed("memory", "MemoryError")
    if status_word == b"crash":
        raise WorkerFailed("crash", payload.decode(errors="replace"))
    raise _ending(worker.returncode, errors)


def _ending(exitcode: int, errors: bytes) -> WorkerFailed:
    """Why a worker that did not answer ended, from its exit code and standard error."""
    lines = errors.decode(errors="replace").strip().splitlines()
    said = next(
        (line for line in lines if "memory allocation of" in line), lines[-1] if lines else ""
    )
    if exitcode == -signal.SIGXCPU:
        return WorkerFailed("time", "SIGXCPU")
    # Rust aborts when an allocation fails ("memory allocation of N bytes failed"); the
    # kernel's OOM killer kills
    if exitcode == -signal.SIGKILL or (
        exitcode == -signal.SIGABRT and b"memory allocation of" in errors
    ):
        return WorkerFailed("memory", said)
    how = signal.Signals(-exitcode).name if exitcode < 0 else f"exit {exitcode}"
    return WorkerFailed("crash", f"{how}: {said}" if said else how)


def _collect(
    worker: subprocess.Popen, seconds: float, max_answer: int
) -> tuple[bytes, bytes, bool, bool]:
    """The worker's answer and the end of its standard error, read until both close or the
    time is up; and whether the time ran out, or the answer grew over ``max_answer``."""
    deadline = time.monotonic() + seconds
    answer, errors = bytearray(), bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(worker.stdout, selectors.EVENT_READ, answer)
        selector.register(worker.stderr, selectors.EVENT_READ, errors)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return bytes(answer), bytes(errors), True, False
            for key, _ in selector.select(remaining):
                chunk = os.read(key.fd, 1 << 20)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                key.data.extend(chunk)
                if key.data is errors and len(errors) > 2 * STDERR_KEPT:
                    # its first lines say what failed, its last ones how it ended
                    del errors[STDERR_KEPT:-STDERR_KEPT]
                elif len(answer) > max_answer + 16:
                    return bytes(answer), bytes(errors), False, True
    return bytes(answer), bytes(errors), False, False


# The worker imports the modules it runs, not the package's public API: cocreate/__init__
# pulls in the store and pandas (114 MB instead of 22 MB, about seven times longer to start).
WORKER_START = """
import importlib.machinery, importlib.util, sys
spec = importlib.machinery.ModuleSpec("cocreate", None, is_package=True)
spec.submodule_search_locations = [sys.argv[1]]
sys.modules["cocreate"] = importlib.util.module_from_spec(spec)
from cocreate.sandbox import serve
serve(sys.argv[2])
"""
PACKAGE_DIR = str(Path(__file__).resolve().parent)


def _start_worker(module: str) -> subprocess.Popen:
    # the worker finds modules where this process does (a worktree before an installed copy),
    # except in the package's own folders (Streamlit puts cocreate/ui on the path)
    paths = [p for p in sys.path if p and not p.startswith(PACKAGE_DIR)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.Popen(
        [sys.executable, "-c", WORKER_START, PACKAGE_DIR, module],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _take_worker(module: str) -> subprocess.Popen:
    """The spare worker of ``module`` (started now if there is none); another spare starts
    for the next read."""
    with _spares_lock:
        worker = _spares.pop(module, None)
        if worker is None or worker.poll() is not None:
            worker = _start_worker(module)
        _spares[module] = _start_worker(module)
    return worker


@atexit.register
def _stop_spares() -> None:
    with _spares_lock:
        for worker in _spares.values():
            worker.kill()
            worker.wait()
        _spares.clear()


# in the worker -------------------------------------------------------------------------


def _lowered(kind: int, wanted: int) -> int:
    """``wanted``, or the hard limit this process already has if that is lower."""
    hard = resource.getrlimit(kind)[1]
    return wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)


def _limit(memory: int, seconds: float) -> None:
    # the budget counts from what the worker already maps (Python and the module)
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        mapped = 0  # no /proc (macOS): the budget counts from nothing
    used = resource.getrusage(resource.RUSAGE_SELF)
    limits = {
        resource.RLIMIT_AS: _lowered(resource.RLIMIT_AS, mapped + memory),
        resource.RLIMIT_CPU: _lowered(
            resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime + seconds) + 1
        ),
        # an abort must not write a core file the size of the limit
        resource.RLIMIT_CORE: 0,
    }
    for kind, value in limits.items():
        # a system may not enforce one (RLIMIT_AS on macOS): the others and the time still hold
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(kind, (value, value))


def serve(module: str) -> None:
    """A worker's life: import ``module``, wait for one request on standard input, answer
    on standard output, exit (also when the server went away before asking)."""
    functions = importlib.import_module(module)
    answer_fd = os.dup(1)
    # whatever a library prints goes to standard error, not into the answer
    os.dup2(2, 1)
    line = sys.stdin.buffer.readline()
    if not line:
        os._exit(0)
    request = json.loads(line)
    _limit(request["memory"], request["seconds"])
    try:
        status, answer = b"ok:", getattr(functions, request["function"])(*request["args"])
    except MemoryError:
        status, answer = b"memory:", b""
    except BaseException as error:  # native panics (pyo3's PanicException) are BaseExceptions
        status, answer = b"crash:", f"{type(error).__name__}: {error}"[:500].encode()
    for part in (status, answer):
        view = memoryview(part)
        while view:
            view = view[os.write(answer_fd, view) :]
    # exit without tearing down what the read built: the server waits for the exit status
    os._exit(0)
