"""Operations commands: serve, backup, restore.

Under pytest the SQLite test database lives in memory, so the SQLite backup and restore logic
is tested on SQLite files made here; the archives with the files, and the commands end to end
in a subprocess, in tests/site/test_backup.py.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tripartite.site.backup import (
    BackupError,
    backup_sqlite,
    check_restorable,
    default_backup_path,
    restore_sqlite,
)
from tripartite.site.management.commands.serve import (
    RedactingLogger,
    TripartiteUvicornWorker,
    gunicorn_options,
)


def make_database(path: Path, titles: list[str]) -> Path:
    """A small SQLite database shaped like Tripartite's: WAL, django_migrations, one table."""
    with closing(sqlite3.connect(path)) as database, database:
        database.execute("PRAGMA journal_mode=WAL")
        database.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT)")
        database.execute("CREATE TABLE meeting (id INTEGER PRIMARY KEY, title TEXT)")
        database.executemany("INSERT INTO meeting (title) VALUES (?)", [(t,) for t in titles])
    return path


def titles(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as database:
        return [row[0] for row in database.execute("SELECT title FROM meeting ORDER BY id")]


def damaged_copy(source: Path, destination: Path) -> Path:
    """``source`` with one page overwritten: the header still says SQLite."""
    data = bytearray(source.read_bytes())
    data[3 * 4096:3 * 4096 + 100] = b"\xff" * 100
    destination.write_bytes(data)
    return destination


@pytest.fixture
def live(tmp_path):
    return make_database(tmp_path / "live.sqlite3", ["ILC 113", "GB 352"])


# Backup and restore, on files


def test_backup_then_restore_brings_the_data_back(live, tmp_path):
    backup = tmp_path / "backups" / "before.sqlite3"
    size = backup_sqlite(live, backup)
    assert size == backup.stat().st_size
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in backup.parent.iterdir()) == ["before.sqlite3"]

    with closing(sqlite3.connect(live)) as reader:  # a connection open across the restore
        with reader:
            reader.execute("UPDATE meeting SET title = 'changed'")
            reader.execute("INSERT INTO meeting (title) VALUES ('added')")
        assert titles(live) == ["changed", "changed", "added"]

        restore_sqlite(backup, live)

        assert [row[0] for row in reader.execute("SELECT title FROM meeting ORDER BY id")] == [
            "ILC 113", "GB 352"]
    assert titles(live) == ["ILC 113", "GB 352"]
    with closing(sqlite3.connect(live)) as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_backup_is_one_self_contained_file(live, tmp_path):
    backup = tmp_path / "copy.sqlite3"
    backup_sqlite(live, backup)
    with closing(sqlite3.connect(backup)) as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_backup_never_overwrites_unless_told(live, tmp_path):
    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"keep me")
    with pytest.raises(BackupError, match=r"existing\.sqlite3 already exists\.$"):
        backup_sqlite(live, existing)
    assert existing.read_bytes() == b"keep me"

    backup_sqlite(live, existing, overwrite=True)
    assert titles(existing) == ["ILC 113", "GB 352"]


def test_backup_of_a_missing_database_is_refused(tmp_path):
    with pytest.raises(BackupError, match=r"^There is no database at .*missing\.sqlite3\.$"):
        backup_sqlite(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_a_file_that_is_not_sqlite_and_changes_nothing(live, tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("Minutes of the 352nd Session\n" * 10)
    with pytest.raises(BackupError, match=r"notes\.sqlite3 is not a SQLite database\.$"):
        restore_sqlite(text, live)
    assert titles(live) == ["ILC 113", "GB 352"]


def test_restore_refuses_a_damaged_database_and_changes_nothing(live, tmp_path):
    large = make_database(tmp_path / "large.sqlite3", [f"Meeting {n} " * 20 for n in range(300)])
    backup_sqlite(large, tmp_path / "good.sqlite3")
    damaged = damaged_copy(tmp_path / "good.sqlite3", tmp_path / "damaged.sqlite3")
    with pytest.raises(BackupError, match=r"damaged\.sqlite3 is damaged: "):
        restore_sqlite(damaged, live)
    assert titles(live) == ["ILC 113", "GB 352"]


def test_restore_refuses_a_sqlite_database_that_is_not_tripartite(live, tmp_path):
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as database, database:
        database.execute("CREATE TABLE meeting (id INTEGER PRIMARY KEY, title TEXT)")
    with pytest.raises(BackupError, match=r"not one of Tripartite \(no django_migrations table\)"):
        restore_sqlite(other, live)
    assert titles(live) == ["ILC 113", "GB 352"]


def test_restore_refuses_the_live_database_itself(live):
    with pytest.raises(BackupError, match=r"live\.sqlite3 is the live database itself\.$"):
        restore_sqlite(live, live)


def test_restore_refuses_a_different_page_size_and_changes_nothing(live, tmp_path):
    other = tmp_path / "large-pages.sqlite3"
    with closing(sqlite3.connect(other)) as database, database:
        database.execute("PRAGMA page_size=8192")
        database.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT)")
    with pytest.raises(BackupError, match=r"uses pages of 8192 bytes and the live database 4096"):
        restore_sqlite(other, live)
    assert titles(live) == ["ILC 113", "GB 352"]


def test_check_restorable_accepts_a_backup(live, tmp_path):
    backup_sqlite(live, tmp_path / "copy.sqlite3")
    check_restorable(tmp_path / "copy.sqlite3")


def test_default_backup_path_is_under_var_backups(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    path = default_backup_path("before-restore")
    assert path.parent == tmp_path / "backups"
    assert path.name.startswith("tripartite-")
    assert path.name.endswith("-before-restore.tar")
    assert len(path.name) == len("tripartite-20260101-120000-before-restore.tar")


# The commands refuse before they touch the database


def test_backup_command_refuses_an_existing_destination_without_force(tmp_path):
    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match=r"existing\.sqlite3 already exists: give another "
                                           r"path, or add --force to replace it\.$"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"keep me"


@pytest.mark.parametrize("content", ["text", "damaged", "not-tripartite"])
def test_restore_command_refuses_bad_files(content, live, tmp_path):
    if content == "text":
        path = tmp_path / "backup.sqlite3"
        path.write_text("not a database")
        message = r"backup\.sqlite3 is neither a backup archive of Tripartite nor a SQLite " \
                  r"database\.$"
    elif content == "damaged":
        large = make_database(tmp_path / "large.sqlite3", [f"M {n} " * 30 for n in range(300)])
        path = damaged_copy(large, tmp_path / "backup.sqlite3")
        message = r"backup\.sqlite3 is damaged: "
    else:
        path = tmp_path / "backup.sqlite3"
        with closing(sqlite3.connect(path)) as database, database:
            database.execute("CREATE TABLE t (x)")
        message = r"no django_migrations table"
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), "--yes")


# serve


def test_serve_refuses_to_run_with_debug_on(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match=r"^serve runs with DEBUG off; unset DEBUG\.$"):
        call_command("serve")


def test_gunicorn_options():
    assert gunicorn_options("127.0.0.1", 8123, 3) == {
        "bind": ["127.0.0.1:8123"],
        "workers": 3,
        "worker_class": TripartiteUvicornWorker,
        "accesslog": "-",
        "logger_class": RedactingLogger,
        "errorlog": "-",
        "proc_name": "tripartite",
        "graceful_timeout": 10,
        "max_requests": 5000,
        "max_requests_jitter": 500,
        "control_socket_disable": True,
    }
    assert gunicorn_options("::", 80, 1)["bind"] == ["[::]:80"]


def test_gunicorn_accepts_the_options():
    from tripartite.site.management.commands.serve import TripartiteServer

    server = TripartiteServer(gunicorn_options("0.0.0.0", 8123, 2))
    assert server.cfg.bind == ["0.0.0.0:8123"]
    assert server.cfg.workers == 2
    assert server.cfg.worker_class is TripartiteUvicornWorker
