"""`cocreate serve` in the foreground: when it is told to stop (SIGTERM from a service manager,
Ctrl-C's SIGINT) or killed outright, the Streamlit server stops with it and the port is free
again; a server that does not stop in time is killed, with whatever it started. The server's
environment: `cocreate serve --allow-new-workshops` reaches the app."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cocreate.access import ALLOW_NEW_WORKSHOPS_ENV_VAR
from cocreate.cli import cli
from cocreate.server import free_port, server_env, wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent
# the server's 10 s grace period, and time to exit
STOP_SECONDS = 15

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads the process tree from Linux's /proc"
)


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, ``None`` once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, parent = text.rsplit(")", 1)[1].split()[:2]
    return state, int(parent)


def descendants(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            parents[int(entry.name)] = stat[1]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("localhost", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(condition, seconds: float = STOP_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def serving(tmp_path):
    """`python -m cocreate serve --port <free>` on a new database, answering HTTP; yields the
    cocreate process, its port and the processes it started (the Streamlit server)."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "cocreate", "--db", str(tmp_path / "room.db")]
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    started: set[int] = set()
    try:
        wait_until_healthy(f"http://localhost:{port}", process)
        started = descendants(process.pid)
        yield process, port, started
    finally:
        for pid in [process.pid, *started]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_a_stop_signal_stops_the_server_and_frees_the_port(serving, signum):
    process, port, started = serving
    assert started, "the Streamlit server runs in a process of its own"
    assert answers(port)
    process.send_signal(signum)
    assert process.wait(timeout=STOP_SECONDS) == 0  # a clean stop
    assert wait_for(lambda: not any(alive(pid) for pid in started)), [
        pid for pid in started if alive(pid)
    ]
    assert not answers(port)
    # and the port can be served again at once
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's parent-death signal")
def test_the_server_dies_with_cocreate_killed_outright(serving):
    process, port, started = serving
    process.kill()  # SIGKILL: no handler of cocreate runs
    process.wait(timeout=STOP_SECONDS)
    assert wait_for(lambda: not any(alive(pid) for pid in started))
    assert not answers(port)


STUBBORN_SERVER = textwrap.dedent(
    """
    import signal, subprocess, sys, time
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print(helper.pid, flush=True)
    time.sleep(120)
    """
)


def test_a_server_that_ignores_the_signal_is_killed_after_the_grace_period(tmp_path):
    """The grace period is cut to 1 s; the server ignores SIGTERM and started a helper
    process: both are gone soon after, and `cocreate serve` reports the kill."""
    script = tmp_path / "stubborn.py"
    script.write_text(STUBBORN_SERVER)
    runner = (
        "import sys; from cocreate.server import run_server; "
        f"sys.exit(run_server([sys.executable, {str(script)!r}], {{}}, grace=1.0))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", runner],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    helper = int(process.stdout.readline())
    [server] = descendants(process.pid) - {helper}
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    status = process.wait(timeout=STOP_SECONDS)
    stopped_after = time.monotonic() - started
    assert status == 128 + signal.SIGKILL
    assert 1.0 <= stopped_after < 5
    assert wait_for(lambda: not alive(server) and not alive(helper), 5)


def test_the_permission_to_create_workshops_is_given_only_when_asked(monkeypatch, tmp_path):
    monkeypatch.delenv(ALLOW_NEW_WORKSHOPS_ENV_VAR, raising=False)
    assert ALLOW_NEW_WORKSHOPS_ENV_VAR not in server_env(tmp_path / "c.db", "secret")
    allowed = server_env(tmp_path / "c.db", "secret", allow_new_workshops=True)
    assert allowed[ALLOW_NEW_WORKSHOPS_ENV_VAR] == "1"
    # set in the shell, it passes through
    monkeypatch.setenv(ALLOW_NEW_WORKSHOPS_ENV_VAR, "1")
    assert server_env(tmp_path / "c.db", "secret")[ALLOW_NEW_WORKSHOPS_ENV_VAR] == "1"


def test_serve_offers_the_option():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--allow-new-workshops" in result.output
