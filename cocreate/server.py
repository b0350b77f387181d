"""Starting the Streamlit app as a server process: for `cocreate serve`, and for the browser
tests and bench/app.py, which need it on a free port and wait until it answers."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

from cocreate.access import ACCESS_ENV_VAR, ALLOW_NEW_WORKSHOPS_ENV_VAR, HOST_ENV_VAR
from cocreate.store import DB_ENV_VAR

APP_SCRIPT = Path(__file__).resolve().parent / "ui" / "app.py"
# a first start imports torch, pandas and altair: long on a busy 2-core machine
STARTUP_SECONDS = 90
# what stops `cocreate serve`: a service manager (TERM), Ctrl-C (INT), a closed terminal (HUP)
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)
# time the server has to close its connections once told to stop, before it is killed
STOP_GRACE_SECONDS = 10.0
PR_SET_PDEATHSIG = 1
# Debian's chromium, as the browser tests and benches drive the served app (Playwright cannot
# download its own browser here); flags that keep it from calling home
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
)


def chromium_launch_options() -> dict:
    """Playwright's ``chromium.launch`` arguments for Debian's chromium."""
    return {"executable_path": str(CHROMIUM), "args": list(CHROMIUM_ARGS)}


def streamlit_command(port: int, host: str, *, app: Path = APP_SCRIPT) -> list[str]:
    """`streamlit run` of the app, headless, without usage statistics (nothing leaves).
    The app itself is served through ``serve_app.py`` beside the package: the same pages
    plus the light participant pages (cocreate.web) in the same process."""
    served = Path(__file__).resolve().parent.parent / "serve_app.py"
    if app == APP_SCRIPT and served.exists():
        app = served
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]


def server_env(
    db_path: Path | str,
    access: str,
    extra: dict[str, str] | None = None,
    *,
    host: str | None = None,
    allow_new_workshops: bool = False,
) -> dict:
    """The server's environment: this one, the database, offline models, the access mode,
    when given, the address it listens on (the presenter view tells from it whether phones
    can reach the join link), and whether visitors may create workshops from the Join page
    (else as this one says)."""
    return {
        **os.environ,
        DB_ENV_VAR: str(db_path),
        "HF_HUB_OFFLINE": "1",
        ACCESS_ENV_VAR: access,
        **({HOST_ENV_VAR: host} if host else {}),
        **({ALLOW_NEW_WORKSHOPS_ENV_VAR: "1"} if allow_new_workshops else {}),
        **(extra or {}),
    }


def run_server(
    command: list[str],
    env: dict[str, str],
    *,
    grace: float = STOP_GRACE_SECONDS,
    tick: Callable[[], object] | None = None,
) -> int:
    """Run the server in the foreground until it exits or this process is told to stop; returns
    its exit status. A stop signal (TERM, INT, HUP) goes to the server's whole process group,
    which gets ``grace`` seconds before it is killed, so nothing is left holding the port; on
    Linux the server also dies with this process if this one is killed outright. A server that
    stopped within the grace period after a stop signal is a clean stop (0); one killed after
    it, 128 + 9. ``tick`` is called every 0.2 s while the server runs (the scheduled backup
    of a live workshop: :class:`cocreate.store.ScheduledBackup`)."""
    if os.name != "posix":
        return subprocess.call(command, env=env)
    process = subprocess.Popen(
        command, env=env, start_new_session=True, preexec_fn=_die_with_parent()
    )
    told: list[float] = []
    killed = False

    def forward(signum: int, _frame: object) -> None:
        told.append(time.monotonic())
        _signal_group(process, signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM)

    previous = {signum: signal.signal(signum, forward) for signum in STOP_SIGNALS}
    try:
        while True:
            try:
                returncode = process.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if tick is not None and not told:
                    tick()
                if told and time.monotonic() - told[0] > grace:
                    _signal_group(process, signal.SIGKILL)
                    killed = True
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        # whatever the server started and left behind (a worker process) goes with it
        _signal_group(process, signal.SIGKILL)
    if told and not killed:
        # stopped when asked, within the grace period: uvicorn reports the signal it got as
        # its status (143, 1), which is a clean stop here
        return 0
    return 128 - returncode if returncode < 0 else returncode


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    # the group is gone once every process in it has exited
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def _die_with_parent():
    """A pre-exec hook asking Linux to send SIGTERM to the server when `cocreate serve` dies,
    even by SIGKILL, which no handler sees; ``None`` elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def hook() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        # the parent may have died before the request was made
        if os.getppid() != parent:
            os._exit(1)

    return hook


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = STARTUP_SECONDS):
    """Return once Streamlit's health check answers; fail early if the process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer on {url} within {seconds:.0f} s")


def start_local_server(
    db_path: Path | str,
    log: IO,
    *,
    access: str = "open",
    env: dict[str, str] | None = None,
    app: Path = APP_SCRIPT,
) -> tuple[subprocess.Popen, str]:
    """The app on a free port of 127.0.0.1, answering; returns the process and its URL.
    ``env`` adds to the server's environment (it may override ``access``)."""
    port = free_port()
    process = subprocess.Popen(
        streamlit_command(port, "127.0.0.1", app=app),
        cwd=app.parent,
        env=server_env(db_path, access, env, host="127.0.0.1"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
    except BaseException:
        process.kill()
        raise
    return process, url
