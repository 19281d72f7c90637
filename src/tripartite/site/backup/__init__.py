"""Backup and restore of everything Tripartite keeps: the database and the stored files.

In both setups, the embedded one (SQLite and files on the local disk) and production
(PostgreSQL and an S3-compatible bucket), ``tripartite backup`` writes one archive
(``archive``) and ``tripartite restore`` puts it back. A plain SQLite file made by an earlier
version is still restored (the database alone).

- ``sqlite``: SQLite's online backup API, on plain paths;
- ``postgresql``: pg_dump and pg_restore;
- ``archive``: the database and the files in one tar file with a manifest;
- here: the Django side (which database is live, which storage, where backups go).
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import connections
from django.utils import timezone

from tripartite.site.backup.archive import (
    Database,
    Summary,
    backup_archive,
    check_archive,
    check_same_engine,
    readable_size,
    restore_archive,
    stored_files,
)
from tripartite.site.backup.errors import BackupError
from tripartite.site.backup.postgresql import (
    check_postgresql_dump,
    dump_postgresql,
    restore_postgresql,
)
from tripartite.site.backup.sqlite import (
    SQLITE_HEADER,
    backup_sqlite,
    check_integrity,
    check_restorable,
    restore_sqlite,
)

__all__ = [
    "SQLITE_HEADER", "BackupError", "Database", "Summary", "backup_archive", "backup_sqlite",
    "check_archive", "check_integrity", "check_postgresql_dump", "check_restorable",
    "check_same_engine", "default_backup_path", "dump_postgresql", "file_storage",
    "is_sqlite_file", "live_database", "live_database_file", "readable_size",
    "restore_archive", "restore_postgresql", "restore_sqlite", "stored_files",
]


def live_database(alias: str = "default") -> Database:
    """The database Tripartite is using, as the backup sees it."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        return Database("postgresql", dict(connection.settings_dict))
    if connection.vendor != "sqlite":
        raise BackupError(f"Backup and restore handle SQLite and PostgreSQL, not "
                          f"{connection.vendor}.")
    if connection.is_in_memory_db():
        raise BackupError("The database is held in memory: there is no file to back up or restore.")
    return Database("sqlite", dict(connection.settings_dict))


def live_database_file(alias: str = "default") -> Path:
    """The file of the embedded SQLite database Tripartite is using."""
    database = live_database(alias)
    if database.engine != "sqlite":
        raise BackupError("The database is PostgreSQL: it has no file of its own.")
    return database.file


def file_storage() -> Storage:
    """Where uploaded and generated files are (STORAGES["default"])."""
    return storages["default"]


def default_backup_path(label: str = "", suffix: str = ".tar") -> Path:
    """``var/backups/tripartite-YYYYmmdd-HHMMSS[-label].tar``, the time in UTC."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    label = f"-{label}" if label else ""
    return Path(settings.VAR_DIR) / "backups" / f"tripartite-{stamp}{label}{suffix}"


def is_sqlite_file(path: Path) -> bool:
    """A bare SQLite database, as ``tripartite backup`` wrote before it kept the files too."""
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
