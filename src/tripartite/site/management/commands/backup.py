"""`tripartite backup [PATH]`: copy the embedded SQLite database while Tripartite runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tripartite.site.backup import (
    POSTGRESQL_MESSAGE,
    BackupError,
    backup_sqlite,
    default_backup_path,
    live_database_file,
)


class Command(BaseCommand):
    help = (
        "Copy the embedded SQLite database to PATH (default: var/backups/"
        "tripartite-YYYYmmdd-HHMMSS.sqlite3, UTC) and check the copy. Safe while serving."
    )
    requires_system_checks = []  # a backup must work even when the configuration does not

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path,
                            help="file to write, or a directory to write it in")
        parser.add_argument("--force", action="store_true", help="replace PATH if it exists")

    def handle(self, *args, path: Path | None, force: bool, **options):
        if connection.vendor == "postgresql":
            raise CommandError(POSTGRESQL_MESSAGE)
        destination = destination_for(path)
        if destination.exists() and not force:
            raise CommandError(
                f"{destination} already exists: give another path, or add --force to replace it."
            )
        try:
            size = backup_sqlite(live_database_file(), destination, overwrite=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up to {destination} ({readable_size(size)}).")


def destination_for(path: Path | None) -> Path:
    if path is None:
        return default_backup_path()
    if path.is_dir():
        return path / default_backup_path().name
    return path


def readable_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100 * 1024 else f"{size / 1024:.0f} KB"
