"""Online backup and restore of the embedded SQLite database.

SQLite's backup API copies a database page by page in one read transaction, so Tripartite
keeps serving while a backup is taken; a restore goes through the same API into the live
file, so every open connection sees the restored content at its next query.

The functions take plain paths and raise ``BackupError`` with a one-line message.
"""

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from tripartite.site.backup.errors import BackupError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 20


def backup_sqlite(source: Path, destination: Path, *, overwrite: bool = False) -> int:
    """Copy the SQLite database ``source`` into ``destination``; return the copy's size in bytes.

    The copy is written next to ``destination``, checked, then moved into place, so a failed
    backup leaves no half-written file behind. The copy is a single self-contained file
    (rollback journal, not WAL) readable only by its owner.
    """
    if not source.is_file():
        raise BackupError(f"There is no database at {source}.")
    if destination.exists() and not overwrite:
        raise BackupError(f"{destination} already exists.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(_connect(source)) as live, closing(_connect(partial)) as copy:
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        check_integrity(partial)
        partial.chmod(0o600)
        os.replace(partial, destination)
    except sqlite3.Error as error:
        raise BackupError(f"The backup of {source} failed: {error}.") from None
    finally:
        partial.unlink(missing_ok=True)
    return destination.stat().st_size


def restore_sqlite(source: Path, destination: Path) -> None:
    """Replace the content of the SQLite database ``destination`` with the backup ``source``.

    ``source`` is checked first (see ``check_restorable``); the copy runs in one write
    transaction on ``destination``, so it either completes or leaves it as it was.
    """
    check_restorable(source)
    if not destination.is_file():
        raise BackupError(f"There is no database at {destination}.")
    if source.resolve() == destination.resolve():
        raise BackupError(f"{source} is the live database itself.")
    try:
        with closing(_connect(source, read_only=True)) as backup, \
                closing(_connect(destination)) as live:
            _require_same_page_size(source, backup, live)
            backup.backup(live)
    except sqlite3.Error as error:
        raise BackupError(f"The restore into {destination} failed: {error}.") from None


def check_restorable(path: Path) -> None:
    """Refuse, with the reason, anything but an intact SQLite database made by Django."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path} is not a SQLite database.")
    check_integrity(path)
    with closing(_connect(path, read_only=True)) as database:
        found = database.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone()
    if not found:
        raise BackupError(
            f"{path} is a SQLite database but not one of Tripartite (no django_migrations table)."
        )


def check_integrity(path: Path) -> None:
    """Raise ``BackupError`` unless SQLite's ``PRAGMA integrity_check`` passes on ``path``."""
    try:
        with closing(_connect(path, read_only=True)) as database:
            problems = [row[0] for row in database.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is damaged: {error}.") from None
    if problems != ["ok"]:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise BackupError(f"{path} is damaged: {problems[0]}{more}.")


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:  # never let a check write to a file handed to us (e.g. recover its journal)
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_SECONDS)
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)


def _require_same_page_size(source: Path, backup: sqlite3.Connection,
                            live: sqlite3.Connection) -> None:
    """SQLite cannot copy between page sizes into a WAL database: say how to fix the backup."""
    backup_size = backup.execute("PRAGMA page_size").fetchone()[0]
    live_size = live.execute("PRAGMA page_size").fetchone()[0]
    if backup_size != live_size:
        raise BackupError(
            f"{source} uses pages of {backup_size} bytes and the live database {live_size}; "
            f"convert a copy first: sqlite3 COPY 'PRAGMA journal_mode=DELETE; "
            f"PRAGMA page_size={live_size}; VACUUM;'"
        )
