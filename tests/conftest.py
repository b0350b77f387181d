"""Shared fixtures: a real SQLite file per test, the real datasets beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cocreate.store import Store

ROOT = Path(__file__).resolve().parent.parent
# the datasets live beside the checkout, as ../shared/data
DATA_DIR = ROOT.parent / "shared" / "data"
OUTPUT_DIR = ROOT / "test-output"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# one person at this machine facilitates, as with `make run`; tests of roles set "secret"
os.environ["COCREATE_ACCESS"] = "open"


@pytest.fixture
def data_dir() -> Path:
    if not DATA_DIR.is_dir():
        pytest.skip(f"real datasets not found at {DATA_DIR} (../shared/data beside the checkout)")
    return DATA_DIR


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A fresh database file, also the default for code that reads $COCREATE_DB."""
    path = tmp_path / "cocreate.db"
    monkeypatch.setenv("COCREATE_DB", str(path))
    return path


@pytest.fixture
def store(db_path) -> Store:
    with Store(db_path) as opened:
        yield opened


@pytest.fixture
def workshop(store) -> dict:
    return store.create_workshop("Vélo en ville", challenge="Comment ?", language="fr")


@pytest.fixture
def output_dir() -> Path:
    OUTPUT_DIR.mkdir(exist_ok=True)
    return OUTPUT_DIR


@pytest.fixture(scope="session")
def minilm():
    """The bundled all-MiniLM-L6-v2, loaded once for the whole test session."""
    from cocreate.clustering import resolve_embedder

    embedder = resolve_embedder("minilm")
    embedder.encode(["warm up"])
    return embedder


@pytest.fixture(scope="session")
def use_model():
    """The multilingual USE, the default for French workshops, loaded once per session."""
    from cocreate.clustering import resolve_embedder

    embedder = resolve_embedder("use")
    embedder.encode(["warm up"])
    return embedder


@pytest.fixture(autouse=True)
def _fresh_try_counts():
    """Wrong tries of join codes and secrets counted in the process start at zero per test."""
    from cocreate.access import TRIES

    TRIES.reset()
    yield
    TRIES.reset()


@pytest.fixture
def naming_server():
    """A local OpenAI-compatible naming server on 127.0.0.1 (tests/clustering/test_llm_names)."""
    import threading

    from tests.clustering.test_llm_names import NamingServer

    running = NamingServer()
    thread = threading.Thread(target=running.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture(scope="session")
def demo_clustered_file(tmp_path_factory, minilm):
    """The demo clustered once for the session with MiniLM, seed 2 (seconds on a busy CPU):
    a test copies it to its own database path."""
    from cocreate.clustering import cluster_workshop
    from cocreate.templates import load_demo

    path = tmp_path_factory.mktemp("demo-clustered") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2)
    return path
