"""Which tests `make test` runs on both databases (tests/conftest.py)."""

import pytest
from django.db import connection

from tests.conftest import _runs_once


class Item:
    def __init__(self, *markers, fixtures=()):
        self.markers, self.fixturenames = set(markers), list(fixtures)

    def get_closest_marker(self, name):
        return name if name in self.markers else None


def test_a_database_test_runs_on_both_engines():
    assert not _runs_once(Item(fixtures=["db"]))
    assert not _runs_once(Item("django_db"))


def test_tests_without_a_database_and_browser_tests_run_once():
    assert _runs_once(Item())
    assert _runs_once(Item("engine_independent", "django_db"))
    assert _runs_once(Item("browser", "django_db", fixtures=["live_server"]))


def test_the_cluster_runs_on_its_own_postgresql():
    assert not _runs_once(Item("cluster"))


@pytest.mark.django_db
def test_postgresql_test_databases_commit_without_waiting_for_the_disk():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "off"
