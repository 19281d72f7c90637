"""The doors' demo data: nothing without badges; else a first morning of check-ins."""

import pytest

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import badged, delegation, register_all
from tripartite.accounts.models import Role
from tripartite.demo.attendance import create_attendance
from tripartite.registration import attendance
from tripartite.registration.models import Badge, CheckIn, Registration, Scan

pytestmark = pytest.mark.django_db


def test_without_badges_the_demo_of_the_doors_does_nothing():
    assert create_attendance(SessionFactory()) == {}
    assert not Scan.objects.exists()


def test_the_first_morning_is_checked_in_through_four_doors_with_two_departures():
    session = SessionFactory()
    user_with_role(Role.CHECKIN_STAFF)
    user_with_role(Role.SECRETARIAT)
    _fr, nominations = delegation(session, "FR")
    for number, reg in enumerate(register_all(session, nominations), start=500):
        Badge.objects.create(session=session, registration=reg, number=number)
    for _ in range(36):
        badged(session)

    counts = create_attendance(session)

    assert counts["check-ins"] == 36 and counts["departures"] == 2
    assert set(CheckIn.objects.values_list("day", flat=True)) == {
        session.local_opens_at.date()}
    assert CheckIn.objects.values("door").distinct().count() == 4
    assert Registration.objects.filter(departed_at__isnull=False).count() == 2
    assert counts["door scans"] == Scan.objects.count()
    # The departures take effect in the evening: the quorum base drops by two then.
    evening = Registration.objects.filter(departed_at__isnull=False).first().departed_at
    assert attendance.quorum_base(session, evening).total == 2
