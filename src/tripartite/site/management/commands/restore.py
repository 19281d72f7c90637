"""`tripartite restore PATH`: put a backup back into the embedded SQLite database."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor

from tripartite.site.backup import (
    POSTGRESQL_MESSAGE,
    BackupError,
    backup_sqlite,
    check_restorable,
    default_backup_path,
    live_database_file,
    restore_sqlite,
)


class Command(BaseCommand):
    help = (
        "Replace all data with the SQLite backup PATH. The current data is first backed up "
        "into var/backups/. Open connections see the restored data at once."
    )
    requires_system_checks = []  # a restore must work even when the configuration does not

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a backup made by `tripartite backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path: Path, yes: bool, **options):
        if connection.vendor == "postgresql":
            raise CommandError(POSTGRESQL_MESSAGE)
        try:
            check_restorable(path)
            live = live_database_file()
            if not yes:
                self.confirm(path, live)
            safety = default_backup_path("before-restore")
            backup_sqlite(live, safety)
            restore_sqlite(path, live)
        except BackupError as error:
            raise CommandError(str(error)) from None
        connections.close_all()
        self.stdout.write(f"Restored {live} from {path}; the previous data is kept in {safety}.")
        if pending_migrations():
            self.stdout.write("The backup predates this version: run `tripartite migrate`.")

    def confirm(self, path: Path, live: Path) -> None:
        if not sys.stdin.isatty():
            raise CommandError(
                f"Restoring replaces all data in {live}; add --yes to confirm "
                "(there is no terminal to ask)."
            )
        answer = input(f"Replace all data in {live} with {path}? Type yes to go on: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
