"""Backup and restore of a PostgreSQL database with PostgreSQL's own tools.

``pg_dump --format=custom`` takes a consistent snapshot while Tripartite keeps serving;
``pg_restore --clean --single-transaction`` puts it back in one transaction, so a restore
completes or changes nothing. The connection comes from Django's settings and reaches the
tools through PG* environment variables, never the command line (which others may read).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tripartite.site.backup.errors import BackupError

TOOLS_MISSING = ("{tool} is not installed: PostgreSQL's client tools are needed to back up and "
                 "restore (Debian: apt-get install postgresql-client).")
TIMEOUT_SECONDS = 6 * 60 * 60


def dump_postgresql(settings_dict: dict[str, Any], destination: Path) -> None:
    """Write the whole database into ``destination`` (pg_dump's custom format)."""
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
          f"--file={destination}"], settings_dict, "The backup of the PostgreSQL database")


def check_postgresql_dump(path: Path) -> None:
    """Refuse, with the reason, anything but a pg_dump archive of a Tripartite database."""
    listing = _run(["pg_restore", "--list", str(path)], None,
                   f"{path.name} is not a PostgreSQL dump that pg_restore can read; it")
    if not re.search(r"\bTABLE public django_migrations\b", listing):
        raise BackupError(f"{path.name} is a PostgreSQL dump but not one of Tripartite "
                          "(no django_migrations table).")


def restore_postgresql(path: Path, settings_dict: dict[str, Any]) -> None:
    """Replace what the database holds with the dump ``path``, in one transaction."""
    check_postgresql_dump(path)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error",
          f"--dbname={settings_dict['NAME']}", str(path)],
         settings_dict, "The restore of the PostgreSQL database")


def connection_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The PG* variables that point libpq (so pg_dump and pg_restore) at Django's database."""
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    return {name: str(value) for name, value in values.items() if value}


def _run(command: list[str], settings_dict: dict[str, Any] | None, what: str) -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(TOOLS_MISSING.format(tool=command[0]))
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("PG")}
    if settings_dict is not None:
        environment.update(connection_environment(settings_dict))
    try:
        # Our own fixed command lines (pg_dump, pg_restore): the shell is never involved.
        result = subprocess.run(command, env=environment, capture_output=True,  # noqa: S603
                                text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise BackupError(f"{what} took more than {TIMEOUT_SECONDS // 3600} hours.") from None
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"exit status {result.returncode}"
        raise BackupError(f"{what} failed: {reason}")
    return result.stdout
