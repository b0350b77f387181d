"""Backups and restores of a real database file: the copy holds every committed idea (those
still in the WAL file included), restoring checks the file and keeps the current database,
a backup is taken before every migration and on a schedule while something is written."""

import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.server import run_server
from cocreate.store import Store, migrations
from cocreate.store.backup import (
    MIGRATION_BACKUPS_KEPT,
    ScheduledBackup,
    backup_database,
    check_backup_file,
    list_backups,
    restore_database,
)
from cocreate.store.faults import (
    CorruptDatabase,
    NewerSchema,
    NotADatabase,
    NotCocreateDatabase,
    backups_folder,
)

from .conftest import idea


def count_ideas(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM ideas").fetchone()[0]
    finally:
        conn.close()


def test_a_backup_during_writes_holds_every_committed_idea_a_file_copy_misses_the_wal(
    db_path, tmp_path
):
    with Store(db_path) as store:
        workshop = store.create_workshop("Live")
    committed = []
    started = threading.Event()
    stop = threading.Event()

    def write() -> None:
        with Store(db_path) as writer:
            # the ideas stay in the WAL file, as while the app runs between checkpoints
            writer.db.execute("PRAGMA wal_autocheckpoint = 0")
            n = 0
            while not stop.is_set() and n < 2000:
                writer.add_ideas(workshop["id"], [idea(f"Idée {n}", f"k{n}")], source="live")
                n += 1
                committed.append(n)
                if n == 50:
                    started.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert started.wait(30)
    before = committed[-1]
    with Store(db_path, migrate=False) as reader:
        reader.db.execute("PRAGMA wal_autocheckpoint = 0")
        plain_copy = tmp_path / "plain-copy.db"
        shutil.copyfile(db_path, plain_copy)
        result = backup_database(reader, tmp_path / "backup.db")
    after = committed[-1]
    stop.set()
    writer.join()
    # every idea committed before the backup began is in it, none beyond what was committed
    assert before <= result.ideas <= after
    assert count_ideas(result.path) == result.ideas
    assert before >= 50
    # the plain copy of the .db file while writes go on misses what the WAL holds
    assert count_ideas(plain_copy) < before
    # one self-contained file, readable by its owner only, undamaged
    assert not (tmp_path / "backup.db-wal").exists()
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    conn = sqlite3.connect(result.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_restore_brings_the_backup_back_and_keeps_the_current_database(db_path, tmp_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Avant")
        store.add_ideas(workshop["id"], [idea("Des bancs", "1")], source="s")
        saved = backup_database(store, tmp_path / "saved.db")
        store.add_ideas(workshop["id"], [idea("Des arbres", "2")], source="s")
        store.create_workshop("Après")
        kept, ideas = restore_database(store, saved.path)
        # the open connection reads the restored content at once
        assert [w["title"] for w in store.list_workshops()] == ["Avant"]
        assert [i["text"] for i in store.list_ideas(workshop["id"])] == ["Des bancs"]
    assert ideas == 1
    assert kept.path.parent == backups_folder(db_path)
    assert kept.ideas == 2
    with Store(kept.path) as before:
        assert {w["title"] for w in before.list_workshops()} == {"Avant", "Après"}
    # another connection sees it too, and the database is sound
    with Store(db_path) as again:
        assert again.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert again.count_ideas(workshop["id"]) == 1


@pytest.mark.parametrize("kind", ["text", "truncated", "plain sqlite", "newer", "empty"])
def test_restore_refuses_what_is_not_a_sound_cocreate_database(db_path, tmp_path, kind):
    with Store(db_path) as store:
        workshop = store.create_workshop("Intact")
        store.add_ideas(workshop["id"], [idea("Des bancs", "1")], source="s")
        good = backup_database(store, tmp_path / "good.db").path
    bad = tmp_path / "bad.db"
    if kind == "text":
        bad.write_text("id,text\n1,une idée\n", encoding="utf-8")
        expected = NotADatabase
    elif kind == "empty":
        bad.write_bytes(b"")
        expected = NotADatabase
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
        expected = CorruptDatabase
    elif kind == "plain sqlite":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
        expected = NotCocreateDatabase
    else:
        shutil.copyfile(good, bad)
        conn = sqlite3.connect(bad)
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('cocreate', 'm999_from_the_future', '2030-01-01')"
        )
        conn.execute("INSERT INTO schema_versions VALUES ('m999_from_the_future', '9.0', 'x')")
        conn.commit()
        conn.close()
        expected = NewerSchema
    with pytest.raises(expected):
        check_backup_file(bad)
    with Store(db_path) as store, pytest.raises(expected):
        restore_database(store, bad)
    with Store(db_path) as store:
        assert store.count_ideas(workshop["id"]) == 1
    result = CliRunner().invoke(cli, ["--db", str(db_path), "restore", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert str(bad) in result.output


def test_backup_and_restore_commands(db_path, tmp_path):
    runner = CliRunner()
    with Store(db_path) as store:
        workshop = store.create_workshop("Quartier")
        store.add_ideas(workshop["id"], [idea("Des bancs", "1")], source="s")
    out = tmp_path / "copy.db"
    made = runner.invoke(cli, ["--db", str(db_path), "backup", "--out", str(out)])
    assert made.exit_code == 0, made.output
    assert made.output == f"Backup written: {out} (1 ideas, {out.stat().st_size} bytes)\n"
    default = runner.invoke(cli, ["--db", str(db_path), "backup"])
    assert default.exit_code == 0
    assert len(list_backups(db_path, "manual")) == 1
    with Store(db_path) as store:
        store.add_ideas(workshop["id"], [idea("Des arbres", "2")], source="s")
    restored = runner.invoke(cli, ["--db", str(db_path), "restore", str(out)])
    assert restored.exit_code == 0, restored.output
    assert restored.output.startswith(f"Restored {out} into {db_path} (1 ideas)")
    assert "before-restore.db" in restored.output
    with Store(db_path) as store:
        assert store.count_ideas(workshop["id"]) == 1
    missing = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "backup"])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    itself = runner.invoke(cli, ["--db", str(db_path), "restore", str(db_path)])
    assert itself.exit_code == 1 and "is the database itself" in itself.output


def make_old_database(path) -> None:
    """A database as the release before m012 wrote it, with a workshop in it."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m012_schema_versions")
    db.execute(
        "INSERT INTO workshops (slug, title, join_code, created_at)"
        " VALUES ('ancien', 'Ancien', 'ABCDEF', '2025-01-01')"
    )
    db.conn.commit()
    db.close()


def test_a_backup_is_taken_before_each_migration_and_a_few_are_kept(tmp_path):
    path = tmp_path / "old.db"
    make_old_database(path)
    with Store(path) as store:
        assert "m012_schema_versions" in store.applied_migrations()
    [backup] = list_backups(path)
    assert backup.name.endswith("-before-m012_schema_versions.db")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with Store(backup, read_only=True) as copy:
        assert "m012_schema_versions" not in copy.applied_migrations()
        assert [w["title"] for w in copy.list_workshops()] == ["Ancien"]
    # a fresh database has nothing to keep; an up-to-date one is not copied again
    with Store(tmp_path / "new.db"):
        pass
    assert list_backups(tmp_path / "new.db") == []
    with Store(path):
        pass
    assert len(list_backups(path)) == 1
    # more migrations over time: only the newest few backups stay
    for _ in range(MIGRATION_BACKUPS_KEPT + 2):
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_schema_versions'")
        conn.execute("DROP TABLE schema_versions")
        conn.commit()
        conn.close()
        Store(path).close()
    assert len(list_backups(path)) == MIGRATION_BACKUPS_KEPT


def test_the_scheduled_backup_runs_only_when_something_was_written(db_path):
    now = [0.0]
    with Store(db_path) as store:
        workshop = store.create_workshop("Atelier")
    scheduled = ScheduledBackup(db_path, 60, keep=2, clock=lambda: now[0])
    scheduled.start()
    now[0] = 61
    assert scheduled.run_if_due() is None  # nothing written since the start
    with Store(db_path) as store:
        store.add_ideas(workshop["id"], [idea("Une idée", "1")], source="s")
    now[0] = 90
    assert scheduled.run_if_due() is None  # not due yet
    now[0] = 125
    first = scheduled.run_if_due()
    assert first is not None and count_ideas(first) == 1
    now[0] = 190
    assert scheduled.run_if_due() is None  # idle since
    for n in range(3):
        with Store(db_path) as store:
            store.add_ideas(workshop["id"], [idea(f"Idée {n}", f"k{n}")], source="s")
        now[0] += 61
        assert scheduled.run_if_due() is not None
    kept = list_backups(db_path, "scheduled")
    assert len(kept) == 2 and count_ideas(kept[-1]) == 4


WRITER = textwrap.dedent(
    """
    import sys, time
    from cocreate.store import Store
    from cocreate.records import IdeaRecord
    with Store(sys.argv[1]) as store:
        workshop = store.create_workshop("En direct")
        for n in range(int(sys.argv[2])):
            record = IdeaRecord(text=f"Idée {n}", source_key=str(n), original={})
            store.add_ideas(workshop["id"], [record], source="room")
            time.sleep(0.02)
    """
)


def test_the_serving_process_backs_up_a_live_workshop_on_its_schedule(db_path):
    # a stand-in for the Streamlit server: a process writing ideas for about two seconds
    Store(db_path).close()
    command = [sys.executable, "-c", WRITER, str(db_path), "80"]
    scheduled = ScheduledBackup(db_path, 0.4)
    scheduled.start()
    env = {"PYTHONPATH": ":".join(sys.path)}
    started = time.monotonic()
    assert run_server(command, env, tick=scheduled.run_if_due) == 0
    assert time.monotonic() - started < 60
    assert len(scheduled.made) >= 2
    counts = [count_ideas(path) for path in scheduled.made]
    assert counts == sorted(counts) and counts[-1] <= 80
    assert all(path.exists() for path in scheduled.made[-12:])


def test_cocreate_serve_offers_the_backup_interval():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert "--backup-minutes" in result.output


def test_a_backup_is_a_database_of_its_own_for_every_command(db_path, tmp_path):
    with Store(db_path) as store:
        store.create_workshop("Copie")
        path = backup_database(store, tmp_path / "b.db").path
    listing = subprocess.run(
        [sys.executable, "-m", "cocreate", "--db", str(path), "workshops"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": ":".join(sys.path), "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert listing.returncode == 0, listing.stderr
    assert "Copie" in listing.stdout
