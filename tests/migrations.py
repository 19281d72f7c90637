"""Helpers for the tests of data migrations: move the schema to a migration, and put every
migration back afterwards (whatever a test migrated to, the next test finds the latest schema,
not only the migrations that existed when the test was written)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets):
    """Migrate to ``targets`` ([(app, migration)]); the historical apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def schema_back_to_the_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
