"""Faults of the database file, each told in one sentence: a schema written by a newer
cocreate (read, not written), a read-only file or folder and a full disk (read, listing and
export working), a damaged file, a file that is not a database. Read-only and full disk
use a real read-only or size-limited file system where the machine allows mounting one
(tests run as root, which ignores chmod), else SQLite's own limits."""

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.export import export_file
from cocreate.store import Store
from cocreate.store.faults import (
    CorruptDatabase,
    DiskFull,
    NewerSchema,
    NotADatabase,
    ReadOnlyDatabase,
)
from cocreate.store.versions import cocreate_version

from .conftest import idea


def run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def filled_store(path) -> dict:
    with Store(path) as store:
        workshop = store.create_workshop("Quartier Nord")
        store.add_ideas(
            workshop["id"], [idea("Des bancs", "1"), idea("Des arbres", "2")], source="s"
        )
    return workshop


def from_the_future(path, *, version: str | None = "2.3.0") -> None:
    """Mark ``path`` as written by a newer cocreate: a migration this code does not know."""
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('cocreate', 'm031_ideas_by_district', '2031-01-01')"
    )
    if version:
        conn.execute(
            "INSERT INTO schema_versions VALUES ('m031_ideas_by_district', ?, '2031-01-01')",
            [version],
        )
    conn.execute("ALTER TABLE ideas RENAME COLUMN author TO author_name")
    conn.commit()
    conn.close()


def test_the_version_that_applied_each_migration_is_recorded(db_path):
    with Store(db_path) as store:
        rows = list(store.db.query("SELECT migration, cocreate_version FROM schema_versions"))
        assert [r["migration"] for r in rows] == store.applied_migrations()
        assert {r["cocreate_version"] for r in rows} == {cocreate_version()}


def test_a_newer_schema_is_read_but_never_written(db_path, tmp_path):
    workshop = filled_store(db_path)
    from_the_future(db_path)
    with Store(db_path) as store:
        assert isinstance(store.refusal, NewerSchema)
        # reading works where the schema allows it
        assert [w["title"] for w in store.list_workshops()] == ["Quartier Nord"]
        with pytest.raises(NewerSchema) as refused:
            store.create_workshop("Encore")
        with pytest.raises(NewerSchema):
            store.add_ideas(workshop["id"], [idea("Une fontaine", "3")], source="s")
        # and no write slips past the store's transaction either
        with pytest.raises(sqlite3.OperationalError):
            store.db.execute("DELETE FROM workshops")
    message = str(refused.value)
    assert "written by cocreate 2.3.0 (migration m031_ideas_by_district)" in message
    assert f"newer than this cocreate ({cocreate_version()})" in message
    assert "Update cocreate" in message
    assert "m031_ideas_by_district" not in Store(db_path).applied_migrations()[:-1]
    listing = run(db_path, "workshops")
    assert listing.exit_code == 0 and "quartier-nord" in listing.output
    refused_cli = run(db_path, "create-workshop", "Encore")
    assert refused_cli.exit_code == 1
    assert refused_cli.output == f"Error: {message}\n"
    with Store(db_path) as store:
        assert len(store.list_workshops()) == 1
    # a read the newer schema broke (a renamed column) says so, with the version
    exported = run(db_path, "export", "-w", "quartier-nord", "-o", str(tmp_path / "o.csv"))
    assert exported.exit_code == 1
    assert exported.output.startswith("Error: This cocreate could not read this part")
    assert "written by cocreate 2.3.0" in exported.output


def test_a_newer_schema_without_its_version_is_still_refused(db_path):
    filled_store(db_path)
    from_the_future(db_path, version=None)
    with Store(db_path) as store, pytest.raises(NewerSchema) as refused:
        store.create_workshop("Encore")
    assert "a newer version of cocreate (migration m031_ideas_by_district)" in str(refused.value)
    assert "une version plus récente" in refused.value.message("fr")


@contextlib.contextmanager
def mounted_tmpfs(tmp_path, size: str):
    """A small tmpfs mounted for the test, or a skip saying why not."""
    folder = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    mount = shutil.which("mount")
    done = mount and subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    if not done or done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def test_a_read_only_file_system_opens_for_listing_and_export(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with mounted_tmpfs(tmp_path, "8m") as folder:
        path = folder / "cocreate.db"
        workshop = filled_store(path)
        remount_read_only(folder)
        with Store(path) as store:
            assert isinstance(store.refusal, ReadOnlyDatabase)
            assert store.count_ideas(workshop["id"]) == 2
            written = export_file(store, workshop["id"], tmp_path / "out.csv")
            assert written == 2
            assert store.audit_entries() == []
        # the export's audit entry, refused by the database, is kept beside it
        [entry] = [
            json.loads(line)
            for line in (tmp_path / "data" / "cocreate" / "audit-unrecorded.jsonl").open()
        ]
        assert (entry["action"], entry["target"], entry["database"]) == (
            "export",
            str(tmp_path / "out.csv"),
            str(path),
        )
        with Store(path) as store, pytest.raises(ReadOnlyDatabase) as refused:
            store.create_workshop("Encore")
        assert "can only be read" in str(refused.value)
        assert "lecture seule" in refused.value.message("fr")
        listing = run(path, "workshops")
        assert listing.exit_code == 0, listing.output
        assert "quartier-nord\t" in listing.output and "2 ideas" in listing.output
        exported = run(path, "export", "-w", "quartier-nord", "-o", str(tmp_path / "o.jsonl"))
        assert exported.exit_code == 0 and "2 ideas written" in exported.output
        refused_cli = run(path, "create-workshop", "Encore")
        assert refused_cli.exit_code == 1
        assert refused_cli.output.startswith(f"Error: The database {path} can only be read")


def test_a_database_opened_read_only_refuses_writes_with_the_message(db_path):
    workshop = filled_store(db_path)
    with Store(db_path, read_only=True) as store:
        assert store.count_ideas(workshop["id"]) == 2
        with pytest.raises(ReadOnlyDatabase):
            store.add_ideas(workshop["id"], [idea("Une fontaine", "3")], source="s")
    with Store(db_path) as store:
        assert store.count_ideas(workshop["id"]) == 2


def test_at_zero_bytes_free_listing_works_and_writes_get_the_message(tmp_path):
    with mounted_tmpfs(tmp_path, "1m") as folder:
        path = folder / "cocreate.db"
        workshop = filled_store(path)
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        assert shutil.disk_usage(folder).free == 0
        listing = run(path, "workshops")
        assert listing.exit_code == 0, listing.output
        assert "quartier-nord\t" in listing.output and "2 ideas" in listing.output
        with Store(path) as store:
            assert isinstance(store.refusal, DiskFull)
            assert store.count_ideas(workshop["id"]) == 2
            with pytest.raises(DiskFull):
                store.add_ideas(workshop["id"], [idea("Une fontaine", "3")], source="s")
        refused_cli = run(path, "create-workshop", "Encore")
        assert refused_cli.exit_code == 1
        assert refused_cli.output.startswith(f"Error: The disk holding {path} is full")
        # space again: everything is there and writes go on
        (folder / "filler").unlink()
        with Store(path) as store:
            assert store.refusal is None
            assert store.count_ideas(workshop["id"]) == 2
            store.add_ideas(workshop["id"], [idea("Une fontaine", "3")], source="s")
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_database_at_the_sqlite_layer_keeps_what_was_stored(db_path):
    # SQLite's page limit gives the error a full disk gives, on any machine
    workshop = filled_store(db_path)
    with Store(db_path) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        ideas = [
            idea("Une idée assez longue pour remplir des pages " * 20, f"k{n}") for n in range(500)
        ]
        with pytest.raises(DiskFull) as refused:
            store.add_ideas(workshop["id"], ideas, source="big")
        assert "is full: nothing was written" in str(refused.value)
        assert store.count_ideas(workshop["id"]) == 2
    with Store(db_path) as store:
        assert store.count_ideas(workshop["id"]) == 2
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("kind", ["garbage", "csv", "truncated", "zeroed pages"])
def test_a_damaged_or_foreign_file_gets_one_line(db_path, tmp_path, kind):
    filled_store(db_path)
    path = tmp_path / f"{kind.replace(' ', '-')}.db"
    data = db_path.read_bytes()
    if kind == "garbage":
        path.write_bytes(bytes(range(256)) * 64)
        expected = NotADatabase
    elif kind == "csv":
        path.write_text("id,text\n1,Des bancs\n", encoding="utf-8")
        expected = NotADatabase
    elif kind == "truncated":
        path.write_bytes(data[: len(data) // 4])
        expected = CorruptDatabase
    else:
        # the header kept, every page after the first two overwritten
        path.write_bytes(data[:8192] + b"\xff" * (len(data) - 8192))
        expected = CorruptDatabase
    for command in (["workshops"], ["create-workshop", "X"], ["ideas", "-w", "quartier-nord"]):
        result = run(path, *command)
        assert result.exit_code == 1, (command, result.output)
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert str(path) in result.output
    with pytest.raises(expected), Store(path) as store:
        store.list_workshops()
    # nothing was written to it
    if kind in ("garbage", "csv"):
        assert not path.with_name(path.name + "-wal").exists()


def test_a_folder_that_cannot_hold_the_database_is_named(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(blocker / "cocreate.db", "workshops")
    assert result.exit_code == 1
    assert "cannot be opened or created" in result.output
    assert "Traceback" not in result.output


def test_faults_are_one_line_in_a_subprocess_too(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cocreate", "--db", str(path), "workshops"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": ":".join(sys.path), "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == f"Error: {NotADatabase(path)}\n"
    assert "Traceback" not in done.stderr
