"""Backup and restore of the database and the stored files, in both setups: SQLite with files
on the local disk, and PostgreSQL with files in an S3-compatible bucket (moto's server).

The archive functions are tested in this process on a small SQLite file and a storage made
here; the commands end to end in a subprocess, with a database and a store of their own. On
SQLite the database is a copy of one migrated once per session, and the tests read and change
the data and files directly; the subprocesses are the commands under test.
"""

import ast
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection

from tests import database_template
from tests.common.test_operations import make_database, titles
from tests.objectstore import new_bucket, s3_environment
from tripartite.site.backup import (
    BackupError,
    Database,
    backup_archive,
    check_archive,
    restore_archive,
    stored_files,
)

PHOTO = b"\xff\xd8\xff\xe0 a photo " * 40
LETTER = b"%PDF-1.7 a credentials letter\n" * 40


@pytest.fixture
def live(tmp_path):
    return Database("sqlite", {"NAME": str(make_database(tmp_path / "live.sqlite3",
                                                         ["ILC 113", "GB 352"]))})


@pytest.fixture
def files(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    storage.save("photos/2026/photo.jpg", ContentFile(PHOTO))
    storage.save("credentials/2026/FR/letter.pdf", ContentFile(LETTER))
    return storage


def contents(storage) -> dict[str, bytes]:
    result = {}
    for name in stored_files(storage):
        with storage.open(name, "rb") as handle:
            result[name] = handle.read()
    return result


def rewrite(archive_path: Path, destination: Path, change) -> Path:
    """A copy of the archive with its members passed through ``change(name, data)``."""
    with tarfile.open(archive_path) as source, tarfile.open(destination, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            name, data = change(member.name, data)
            if name is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return destination


# --- the archive, in this process ------------------------------------------------------------

def test_an_archive_brings_back_the_database_and_the_files(live, files, tmp_path):
    archive = tmp_path / "backups" / "saved.tar"

    summary = backup_archive(live, files, archive)

    assert (summary.engine, summary.files, summary.file_bytes) == (
        "sqlite", 2, len(PHOTO) + len(LETTER))
    assert summary.describe() == "the SQLite database and 2 files (2 KB)"
    assert archive.stat().st_mode & 0o777 == 0o600
    with tarfile.open(archive) as tar:
        assert tar.getnames() == ["database.sqlite3", "files/credentials/2026/FR/letter.pdf",
                                  "files/photos/2026/photo.jpg", "manifest.json"]
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["format"] == 1 and manifest["database"] == "sqlite"
    assert manifest["files"]["photos/2026/photo.jpg"]["size"] == len(PHOTO)

    with closing(sqlite3.connect(live.file)) as database, database:
        database.execute("UPDATE meeting SET title = 'Changed'")
    files.delete("photos/2026/photo.jpg")
    files.save("credentials/2026/FR/letter.pdf", ContentFile(b"%PDF later upload"))
    files.save("photos/2026/later.jpg", ContentFile(b"later"))

    restored = restore_archive(archive, live, files)

    assert restored.files == 2
    assert titles(live.file) == ["ILC 113", "GB 352"]
    assert contents(files) == {"credentials/2026/FR/letter.pdf": LETTER,
                               "photos/2026/photo.jpg": PHOTO}


def test_an_empty_store_is_backed_up_and_restored(live, tmp_path):
    empty = FileSystemStorage(location=tmp_path / "never-created")
    archive = tmp_path / "saved.tar"
    assert backup_archive(live, empty, archive).files == 0
    assert restore_archive(archive, live, empty).files == 0


def test_an_existing_archive_is_never_overwritten(live, files, tmp_path):
    archive = tmp_path / "saved.tar"
    archive.write_bytes(b"keep me")
    with pytest.raises(BackupError, match=r"saved\.tar already exists\.$"):
        backup_archive(live, files, archive)
    assert archive.read_bytes() == b"keep me"
    assert not list(tmp_path.glob("*.partial"))


def test_a_failed_backup_leaves_no_file(files, tmp_path):
    missing = Database("sqlite", {"NAME": str(tmp_path / "nowhere.sqlite3")})
    with pytest.raises(BackupError, match=r"There is no database at .*nowhere\.sqlite3\.$"):
        backup_archive(missing, files, tmp_path / "saved.tar")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["media"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda name, data: (name, b"\0" * 5 + data[5:]) if name.endswith("photo.jpg")
     else (name, data), r"is damaged: the file photos/2026/photo\.jpg differs from the one "
                        r"backed up\.$"),
    (lambda name, data: (None, data) if name.endswith("letter.pdf") else (name, data),
     r"lacks the file credentials/2026/FR/letter\.pdf its manifest lists\.$"),
    (lambda name, data: (None, data) if name == "manifest.json" else (name, data),
     r"is not a backup archive of Tripartite \(no manifest\.json\)\.$"),
    (lambda name, data: (None, data) if name == "database.sqlite3" else (name, data),
     r"lacks its database \(database\.sqlite3\)\.$"),
    (lambda name, data: (name, data.replace(b'"format": 1', b'"format": 9'))
     if name == "manifest.json" else (name, data),
     r"was made by another version of Tripartite \(format 9, this one reads 1\)\.$"),
    (lambda name, data: (name.replace("files/photos/2026/", "files/../../"),
                         data.replace(b"photos/2026/", b"../../"))
     if name in {"manifest.json", "files/photos/2026/photo.jpg"} else (name, data),
     r"names a file outside the store: '\.\./\.\./photo\.jpg'\.$"),
], ids=["altered file", "missing file", "no manifest", "no database", "other format",
        "escaping name"])
def test_a_damaged_archive_is_refused_and_changes_nothing(live, files, tmp_path, change,
                                                          message):
    good = tmp_path / "good.tar"
    backup_archive(live, files, good)
    bad = rewrite(good, tmp_path / "bad.tar", change)
    with closing(sqlite3.connect(live.file)) as database, database:
        database.execute("UPDATE meeting SET title = 'Changed'")
    files.save("photos/2026/later.jpg", ContentFile(b"later"))
    before = contents(files)

    with pytest.raises(BackupError, match=message):
        restore_archive(bad, live, files)

    assert titles(live.file) == ["Changed", "Changed"]
    assert contents(files) == before


def test_a_file_that_is_no_archive_is_refused(live, files, tmp_path):
    text = tmp_path / "notes.tar"
    text.write_text("not an archive")
    with pytest.raises(BackupError, match=r"notes\.tar is neither a backup archive of "
                                          r"Tripartite nor a SQLite database\.$"):
        check_archive(text)


def test_an_archive_of_another_engine_is_refused(live, files, tmp_path):
    archive = tmp_path / "saved.tar"
    backup_archive(live, files, archive)
    postgresql = Database("postgresql", {"NAME": "tripartite"})
    with pytest.raises(BackupError, match=r"holds a SQLite database and the live one is "
                                          r"PostgreSQL: restore it on a server set up like the "
                                          r"one it came from\.$"):
        restore_archive(archive, postgresql, files)


def test_files_move_from_the_local_disk_into_the_bucket(live, files, tmp_path, s3_storage):
    from django.core.files.storage import storages

    archive = tmp_path / "saved.tar"
    backup_archive(live, files, archive)
    s3_storage.client.put_object(Bucket=s3_storage.name, Key="photos/stale.jpg", Body=b"x")

    restore_archive(archive, live, storages["default"])

    assert s3_storage.keys() == ["credentials/2026/FR/letter.pdf", "photos/2026/photo.jpg"]
    assert s3_storage.read("photos/2026/photo.jpg") == PHOTO


# --- the commands end to end, in a subprocess ------------------------------------------------

def tripartite(environment: dict[str, str], *args: str):
    base = {name: value for name, value in os.environ.items()
            if name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
            and not name.startswith(("S3_", "AWS_"))}
    return subprocess.run(
        [str(Path(sys.executable).parent / "tripartite"), *args],
        env={**base, **environment}, input="", capture_output=True, text=True, timeout=180,
    )


def shell(environment: dict[str, str], code: str) -> str:
    result = tripartite(environment, "shell", "--no-imports", "-c", (
        "from django.core.management import call_command\n"
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage\n"
        "from tripartite.meetings.models import Meeting\n" + code))
    assert result.returncode == 0, result.stderr
    return result.stdout


STATE = ("print(sorted(Meeting.objects.values_list('title_en', flat=True)))\n"
         "from tripartite.site.backup import stored_files\n"
         "print({name: default_storage.open(name).read() for name in "
         "stored_files(default_storage)})")
SAVED = (["Conference"], {"credentials/FR/l.pdf": b"letter", "photos/p.jpg": b"photo"})
CHANGED = (["Changed"], {"credentials/FR/l.pdf": b"letter", "photos/q.jpg": b"later"})


class ThroughTheShell:
    """The site's data made, changed and read by ``tripartite shell``: PostgreSQL and a
    bucket, which this process does not reach."""

    def __init__(self, environment: dict[str, str]):
        self.environment = environment

    def make(self) -> None:
        shell(self.environment, "call_command('migrate', verbosity=0, skip_checks=True)\n"
                                "Meeting.objects.create(type='ilc', title_en='Conference')\n"
                                "default_storage.save('photos/p.jpg', ContentFile(b'photo'))\n"
                                "default_storage.save('credentials/FR/l.pdf', "
                                "ContentFile(b'letter'))")

    def change(self) -> None:
        shell(self.environment, "Meeting.objects.update(title_en='Changed')\n"
                                "default_storage.delete('photos/p.jpg')\n"
                                "default_storage.save('photos/q.jpg', ContentFile(b'later'))")

    def state(self) -> tuple[list[str], dict[str, bytes]]:
        titles_line, files_line = shell(self.environment, STATE).splitlines()
        return ast.literal_eval(titles_line), ast.literal_eval(files_line)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite database migrated (a copy of the suite's template, tests/database_template.py)
    and holding one meeting, made once per session and worker: the tests copy it."""
    var_dir = tmp_path_factory.mktemp("migrated") / "var"
    database = var_dir / "tripartite.sqlite3"
    var_dir.mkdir()
    shutil.copyfile(database_template.sqlite_template(), database)  # the suite's, migrated
    shell({"TRIPARTITE_VAR_DIR": str(var_dir)},
          "Meeting.objects.create(type='ilc', title_en='Conference')")
    with closing(sqlite3.connect(database)) as migrated:  # all of it in the file itself
        migrated.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database


class OnTheDisk:
    """The SQLite database and the local files made, changed and read here, directly: the
    database a copy of ``migrated_sqlite``, the files under the var directory's media."""

    def __init__(self, var_dir: Path, migrated: Path):
        self.database, self.media, self.migrated = (var_dir / "tripartite.sqlite3",
                                                    var_dir / "media", migrated)

    def make(self) -> None:
        self.database.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.migrated, self.database)
        for name, data in SAVED[1].items():
            (self.media / name).parent.mkdir(parents=True, exist_ok=True)
            (self.media / name).write_bytes(data)

    def change(self) -> None:
        with closing(sqlite3.connect(self.database)) as database, database:
            database.execute("UPDATE meetings_meeting SET title_en = 'Changed'")
        (self.media / "photos" / "p.jpg").unlink()
        (self.media / "photos" / "q.jpg").write_bytes(b"later")

    def state(self) -> tuple[list[str], dict[str, bytes]]:
        with closing(sqlite3.connect(self.database)) as database:
            titles = sorted(row[0] for row in
                            database.execute("SELECT title_en FROM meetings_meeting"))
        return titles, {path.relative_to(self.media).as_posix(): path.read_bytes()
                        for path in self.media.rglob("*") if path.is_file()}


def round_trip(environment: dict[str, str], tmp_path: Path, engine: str, site) -> str:
    """Back up, change the data and the files, restore: returns the restore's output."""
    site.make()
    archive = tmp_path / "saved.tar"

    backed_up = tripartite(environment, "backup", str(archive))

    assert backed_up.returncode == 0, backed_up.stderr
    assert re.fullmatch(rf"Backed up the {engine} database and 2 files \(0 KB\) to "
                        rf"{re.escape(str(archive))} \(\d+(\.\d MB| KB)\)\.\n", backed_up.stdout)
    site.change()
    assert site.state() == CHANGED

    refused = tripartite(environment, "restore", str(archive))  # no terminal to ask
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(
        "Restoring replaces all data and stored files; add --yes to confirm (there is no "
        "terminal to ask).")

    restored = tripartite(environment, "restore", str(archive), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert site.state() == SAVED
    return restored.stdout


def test_sqlite_and_local_files_round_trip(tmp_path, migrated_sqlite):
    var_dir = tmp_path / "var"
    environment = {"TRIPARTITE_VAR_DIR": str(var_dir)}

    output = round_trip(environment, tmp_path, "SQLite", OnTheDisk(var_dir, migrated_sqlite))

    (safety,) = (var_dir / "backups").iterdir()
    assert safety.name.endswith("-before-restore.tar")
    assert output == (f"Restored the SQLite database and 2 files (0 KB) from "
                      f"{tmp_path / 'saved.tar'}; the previous data and files are kept in "
                      f"{safety}.\n")
    assert sorted(path.name for path in (var_dir / "media" / "photos").iterdir()) == ["p.jpg"]
    with tarfile.open(safety) as tar:  # what the restore replaced
        assert tar.extractfile("files/photos/q.jpg").read() == b"later"


def test_a_bare_sqlite_backup_of_an_earlier_version_restores_the_database(tmp_path,
                                                                          migrated_sqlite):
    var_dir = tmp_path / "var"
    environment = {"TRIPARTITE_VAR_DIR": str(var_dir)}
    site = OnTheDisk(var_dir, migrated_sqlite)
    site.make()
    old_style = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(site.database)) as live, \
            closing(sqlite3.connect(old_style)) as copy:
        live.backup(copy)
    site.change()

    restored = tripartite(environment, "restore", str(old_style), "--yes")

    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored the database from {old_style}; ")
    assert site.state()[0] == ["Conference"]


on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="needs DATABASE_URL=postgres://…")


@pytest.fixture
def scratch_postgresql():
    """A new PostgreSQL database on the test server, dropped afterwards: a copy of the suite's
    migrated template where there is one (tests/database_template.py), so that migrating it
    finds nothing to do, else empty."""
    import psycopg

    settings = connection.settings_dict
    name = f"tripartite_backup_{uuid.uuid4().hex[:10]}"
    server = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
              "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    template = settings.get("TEST", {}).get("TEMPLATE")
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template
                                                       else ""))
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    yield (f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:"
           f"{settings['PORT'] or 5432}/{name}")
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@on_postgresql
@pytest.mark.django_db
def test_postgresql_and_the_bucket_round_trip(tmp_path, scratch_postgresql, s3_endpoint):
    bucket = new_bucket(s3_endpoint)
    environment = {"TRIPARTITE_VAR_DIR": str(tmp_path / "var"),
                   "DATABASE_URL": scratch_postgresql,
                   "SECRET_KEY": "x" * 40, **s3_environment(s3_endpoint, bucket.name)}

    output = round_trip(environment, tmp_path, "PostgreSQL", ThroughTheShell(environment))

    assert output.startswith(f"Restored the PostgreSQL database and 2 files (0 KB) from "
                             f"{tmp_path / 'saved.tar'}; ")
    assert bucket.keys() == ["credentials/FR/l.pdf", "photos/p.jpg"]
    assert not (tmp_path / "var" / "media").exists()  # nothing went to the local disk

