"""`tripartite backup [PATH]`: the database and every stored file in one archive, while
Tripartite runs (SQLite or PostgreSQL; files on the local disk or in the bucket)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tripartite.site.backup import (
    BackupError,
    backup_archive,
    default_backup_path,
    file_storage,
    live_database,
    readable_size,
)


class Command(BaseCommand):
    help = (
        "Write the database and every stored file into the archive PATH (default: var/backups/"
        "tripartite-YYYYmmdd-HHMMSS.tar, UTC). Safe while serving."
    )
    requires_system_checks = []  # a backup must work even when the configuration does not

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path,
                            help="file to write, or a directory to write it in")
        parser.add_argument("--force", action="store_true", help="replace PATH if it exists")

    def handle(self, *args, path: Path | None, force: bool, **options):
        destination = destination_for(path)
        if destination.exists() and not force:
            raise CommandError(
                f"{destination} already exists: give another path, or add --force to replace it."
            )
        try:
            summary = backup_archive(live_database(), file_storage(), destination,
                                     overwrite=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up {summary.describe()} to {destination} "
                          f"({readable_size(destination.stat().st_size)}).")


def destination_for(path: Path | None) -> Path:
    if path is None:
        return default_backup_path()
    if path.is_dir():
        return path / default_backup_path().name
    return path
