"""`tripartite restore PATH`: put a backup archive back, the database and the files."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor

from tripartite.site.backup import (
    BackupError,
    backup_archive,
    check_archive,
    check_restorable,
    check_same_engine,
    default_backup_path,
    file_storage,
    is_sqlite_file,
    live_database,
    restore_archive,
    restore_sqlite,
)


class Command(BaseCommand):
    help = (
        "Replace all data and stored files with the backup archive PATH (or the database alone "
        "with a SQLite file from an earlier version). The current data and files are first "
        "backed up into var/backups/."
    )
    requires_system_checks = []  # a restore must work even when the configuration does not

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="an archive made by `tripartite backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path: Path, yes: bool, **options):
        try:
            bare_sqlite = path.is_file() and is_sqlite_file(path)
            if bare_sqlite:
                check_restorable(path)
                manifest = {"database": "sqlite"}
            else:
                manifest = check_archive(path)
            database = live_database()
            check_same_engine(path, manifest, database)
            what = f"all data in {database.file}" if bare_sqlite else "all data and stored files"
            if not yes:
                self.confirm(path, what)
            safety = default_backup_path("before-restore")
            backup_archive(database, file_storage(), safety)
            connections.close_all()  # PostgreSQL: no connection of ours may hold a lock
            if bare_sqlite:
                restore_sqlite(path, database.file)
                restored = "the database"
            else:
                restored = restore_archive(path, database, file_storage()).describe()
        except BackupError as error:
            raise CommandError(str(error)) from None
        connections.close_all()
        self.stdout.write(f"Restored {restored} from {path}; the previous data and files are "
                          f"kept in {safety}.")
        if pending_migrations():
            self.stdout.write("The backup predates this version: run `tripartite migrate`.")

    def confirm(self, path: Path, what: str) -> None:
        if not sys.stdin.isatty():
            raise CommandError(
                f"Restoring replaces {what}; add --yes to confirm (there is no terminal to ask)."
            )
        answer = input(f"Replace {what} with {path}? Type yes to go on: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
