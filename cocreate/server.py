"""Starting the Streamlit app as a server process: for `cocreate serve`, and for the browser
tests and bench/app.py, which need it on a free port and wait until it answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from cocreate.access import ACCESS_ENV_VAR
from cocreate.store import DB_ENV_VAR

APP_SCRIPT = Path(__file__).resolve().parent / "ui" / "app.py"
# a first start imports torch, pandas and altair: long on a busy 2-core machine
STARTUP_SECONDS = 90


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


def server_env(db_path: Path | str, access: str, extra: dict[str, str] | None = None) -> dict:
    """The server's environment: this one, the database, offline models, the access mode."""
    return {
        **os.environ,
        DB_ENV_VAR: str(db_path),
        "HF_HUB_OFFLINE": "1",
        ACCESS_ENV_VAR: access,
        **(extra or {}),
    }


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
        env=server_env(db_path, access, env),
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
