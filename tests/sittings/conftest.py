"""Fixtures shared by the sittings tests that run outside the test's transaction."""

import importlib

import pytest
from django.apps import apps as django_apps


@pytest.fixture
def member_states(django_db_blocker):
    """A transactional test ends with a flush of every table, the member States of the data
    migration included: load them before and after such a test."""
    load = importlib.import_module(
        "tripartite.constituents.migrations.0002_load_member_states").load_member_states
    with django_db_blocker.unblock():
        load(django_apps, None)
    yield
    with django_db_blocker.unblock():
        load(django_apps, None)
