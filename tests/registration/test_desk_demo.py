"""The demo's registrations: accredited participants, most registered, badges, a linked
delegate login."""

import pytest

from tests.once import kept_for_the_module
from tripartite.accounts.models import User
from tripartite.demo import loader
from tripartite.meetings.models import Session
from tripartite.registration.models import Badge, Registration
from tripartite.registration.selectors import accredited_nominations

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for the module's tests (tests/once.py), each test's changes undone."""
    with kept_for_the_module(django_db_blocker, tmp_path_factory):
        yield loader.load_demo(scale="small")


@pytest.fixture
def loaded(_demo_once, db):
    return _demo_once


def test_the_demo_registers_the_accredited_and_prints_badges(loaded):
    session = Session.objects.get(meeting__type="ilc")
    registrations = Registration.objects.filter(session=session)

    assert set(registrations.values_list("nomination_id", flat=True)) == set(
        accredited_nominations(session).values_list("pk", flat=True))
    registered = registrations.filter(registered_at__isnull=False).count()
    assert 0.7 * registrations.count() < registered < registrations.count()
    badges = Badge.objects.filter(session=session)
    assert 0 < badges.count() <= 400
    assert sorted(badges.values_list("number", flat=True)) == list(
        range(1, badges.count() + 1))
    assert not badges.filter(registration__registered_at__isnull=True).exists()
    assert loaded.counts["registrations"] == registrations.count()


def test_the_delegate_login_is_a_registered_government_delegate(loaded):
    user = User.objects.get(username="delegate")
    registration = Registration.objects.get(person=user.person,
                                            session__meeting__type="ilc")
    assert registration.category == "government"
    assert registration.nomination.role == "delegate"
    assert registration.nomination.delegation.status == "accepted"
    assert registration.registered_at is not None
