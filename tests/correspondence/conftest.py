"""Fixtures of the correspondence tests: files under a temporary MEDIA_ROOT, the starter
templates, a session, and address book entries in the three languages."""

import datetime as dt

import pytest

from tests.correspondence.helpers import make_entries, make_session
from tests.factories import user_with_role
from tripartite.accounts.models import Role
from tripartite.correspondence.install import install_starter_templates


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def secretariat(db):
    return user_with_role(Role.SECRETARIAT, first_name="Hélène", last_name="Marchetti")


@pytest.fixture
def starters(db):
    return {template.code: template for template in install_starter_templates(actor=None)}


@pytest.fixture
def session(db):
    return make_session()


@pytest.fixture
def entries(db):
    return make_entries()


@pytest.fixture
def today():
    return dt.date(2026, 3, 2)

