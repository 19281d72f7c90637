"""A backup archive: the database and every stored file, in one tar file.

``tripartite-YYYYmmdd-HHMMSS.tar`` holds, in this order:

- ``database.sqlite3`` (SQLite's online backup) or ``database.pgdump`` (pg_dump's custom
  format), taken first;
- ``files/<name>`` for every file of the default storage (the local disk or the bucket),
  copied after the database: a file uploaded meanwhile is in the archive without being named
  by its database, which is harmless;
- ``manifest.json``, last: the format, the database engine, the time, and each file's size and
  SHA-256, which a restore checks before it changes anything.

The archive is not compressed: photos, PDFs and Word files are compressed already.
"""

import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage
from django.utils import timezone

from tripartite.site.backup.errors import BackupError
from tripartite.site.backup.postgresql import (
    check_postgresql_dump,
    dump_postgresql,
    restore_postgresql,
)
from tripartite.site.backup.sqlite import backup_sqlite, check_restorable, restore_sqlite

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class Database:
    """The live database: its engine, and its file (SQLite) or connection settings."""

    engine: str  # "sqlite" or "postgresql"
    settings_dict: dict[str, Any]

    @property
    def file(self) -> Path:
        return Path(self.settings_dict["NAME"])


@dataclass(frozen=True)
class Summary:
    path: Path
    engine: str
    files: int
    file_bytes: int

    def describe(self) -> str:
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        return (f"the {ENGINE_NAMES[self.engine]} database and {files} "
                f"({readable_size(self.file_bytes)})")


def backup_archive(database: Database, storage: Storage, destination: Path, *,
                   overwrite: bool = False) -> Summary:
    """Write the database and every file of ``storage`` into the archive ``destination``.

    The archive is written beside its destination and moved into place once complete, so a
    failed backup leaves no half-written file; it is readable by its owner only.
    """
    if destination.exists() and not overwrite:
        raise BackupError(f"{destination} already exists.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".backup-") as work:
            database_copy = Path(work) / DATABASE_MEMBERS[database.engine]
            _dump(database, database_copy)
            with _open_new(partial) as output, \
                    tarfile.open(fileobj=output, mode="w", format=tarfile.PAX_FORMAT) as archive:
                archive.add(database_copy, arcname=database_copy.name)
                files = {name: _add_stored_file(archive, storage, name)
                         for name in stored_files(storage)}
                manifest = {"format": FORMAT, "database": database.engine,
                            "created_at": timezone.now().isoformat(), "files": files}
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
        os.replace(partial, destination)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"The backup into {destination} failed: {error}.") from None
    finally:
        partial.unlink(missing_ok=True)
    return Summary(destination, database.engine, len(files),
                   sum(entry["size"] for entry in files.values()))


def check_archive(path: Path) -> dict[str, Any]:
    """The archive's manifest, once every member is found intact; ``BackupError`` otherwise."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    if not tarfile.is_tarfile(path):
        raise BackupError(f"{path} is neither a backup archive of Tripartite nor a SQLite "
                          "database.")
    try:
        with tarfile.open(path) as archive:
            manifest = _manifest(archive, path)
            members = {member.name: member for member in archive.getmembers()}
            database_member = DATABASE_MEMBERS[manifest["database"]]
            if database_member not in members:
                raise BackupError(f"{path} lacks its database ({database_member}).")
            for name, expected in manifest["files"].items():
                _check_name(name, path)
                member = members.get(FILES + name)
                if member is None or not member.isfile():
                    raise BackupError(f"{path} lacks the file {name} its manifest lists.")
                if _sha256(archive.extractfile(member)) != expected["sha256"]:
                    raise BackupError(f"{path} is damaged: the file {name} differs from the "
                                      "one backed up.")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} cannot be read: {error}.") from None
    return manifest


def restore_archive(path: Path, database: Database, storage: Storage) -> Summary:
    """Put the archive's database and files back: every file it holds is written under its
    name, and every stored file it does not hold is removed.

    Everything is checked first (see ``check_archive``; the database by content too), so a
    refused archive changes nothing. The database is restored in one transaction; the files
    after it, one by one.
    """
    manifest = check_archive(path)
    check_same_engine(path, manifest, database)
    with tempfile.TemporaryDirectory(prefix="tripartite-restore-") as work, \
            tarfile.open(path) as archive:
        member = archive.getmember(DATABASE_MEMBERS[database.engine])
        copy = Path(work) / member.name
        with archive.extractfile(member) as source, _open_new(copy) as target:
            _copy(source, target)
        _restore_database(database, copy)
        total = _restore_files(archive, manifest["files"], storage)
    return Summary(path, database.engine, len(manifest["files"]), total)


def check_same_engine(path: Path, manifest: dict[str, Any], database: Database) -> None:
    if manifest["database"] != database.engine:
        raise BackupError(
            f"{path} holds a {ENGINE_NAMES[manifest['database']]} database and the live one is "
            f"{ENGINE_NAMES[database.engine]}: restore it on a server set up like the one it "
            "came from.")


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """The name of every file in ``storage``, folders walked depth first, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # the local disk's MEDIA_ROOT before the first upload
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        yield from stored_files(storage, posixpath.join(folder, name))


def readable_size(size: int) -> str:
    if size >= 100 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024:.0f} KB"


# --- database ------------------------------------------------------------------------------

def _dump(database: Database, destination: Path) -> None:
    if database.engine == "sqlite":
        backup_sqlite(database.file, destination)
    else:
        dump_postgresql(database.settings_dict, destination)


def _restore_database(database: Database, copy: Path) -> None:
    if database.engine == "sqlite":
        check_restorable(copy)
        restore_sqlite(copy, database.file)
    else:
        check_postgresql_dump(copy)
        restore_postgresql(copy, database.settings_dict)


# --- files ---------------------------------------------------------------------------------

class _Hashing(io.RawIOBase):
    """Reads through to ``source`` and keeps the SHA-256 and size of what was read."""

    def __init__(self, source: IO[bytes]):
        self.source, self.sha256, self.size = source, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add_stored_file(archive: tarfile.TarFile, storage: Storage, name: str) -> dict[str, Any]:
    info = tarfile.TarInfo(FILES + name)
    info.size = storage.size(name)
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    with storage.open(name, "rb") as handle:
        reader = _Hashing(handle)
        archive.addfile(info, reader)
    return {"size": reader.size, "sha256": reader.sha256.hexdigest()}


def _restore_files(archive: tarfile.TarFile, files: dict[str, Any], storage: Storage) -> int:
    total = 0
    for name, expected in files.items():
        if storage.exists(name):
            storage.delete(name)
        with archive.extractfile(FILES + name) as content:
            used = storage.save(name, File(content, name=posixpath.basename(name)))
        if used != name:
            raise BackupError(f"The file {name} was stored as {used}: another process wrote "
                              "beside the restore. Stop the servers and restore again.")
        total += expected["size"]
    for name in list(stored_files(storage)):
        if name not in files:
            storage.delete(name)
    return total


def _check_name(name: str, path: Path) -> None:
    parts = name.split("/")
    if name.startswith("/") or any(part in {"", ".", ".."} for part in parts):
        raise BackupError(f"{path} names a file outside the store: {name!r}.")


# --- the tar file --------------------------------------------------------------------------

def _manifest(archive: tarfile.TarFile, path: Path) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST)
    except KeyError:
        raise BackupError(f"{path} is not a backup archive of Tripartite "
                          f"(no {MANIFEST}).") from None
    try:
        manifest = json.loads(archive.extractfile(member).read())
    except ValueError:
        raise BackupError(f"{path} is damaged: its {MANIFEST} cannot be read.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} was made by another version of Tripartite (format "
                          f"{manifest.get('format') if isinstance(manifest, dict) else '?'}, "
                          f"this one reads {FORMAT}).")
    if manifest.get("database") not in DATABASE_MEMBERS or \
            not isinstance(manifest.get("files"), dict):
        raise BackupError(f"{path} is damaged: its {MANIFEST} is incomplete.")
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _open_new(path: Path) -> IO[bytes]:
    """A new file readable by its owner only, from the first byte written."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


def _sha256(source: IO[bytes] | None) -> str:
    digest = hashlib.sha256()
    if source is not None:
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _copy(source: IO[bytes] | None, target: IO[bytes]) -> None:
    if source is not None:
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            target.write(chunk)
