"""The door figures: their arithmetic, and a fixed number of queries whatever the size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import badge, badged, registration
from tripartite.accounts.models import Role
from tripartite.registration import figures
from tripartite.registration.services import checkin

pytestmark = pytest.mark.django_db
FIGURES_QUERIES = 8


def _day(session, people, *, at, doors):
    staff = user_with_role(Role.CHECKIN_STAFF)
    for n, (_reg, _badge, token) in enumerate(people):
        checkin.scan(session, token, doors[n % len(doors)], staff,
                     at=at + dt.timedelta(minutes=20 * n))


def test_figures_count_badges_entries_by_hour_and_door_and_no_shows():
    session = SessionFactory()
    french = [badged(session, affiliation="France") for _ in range(3)]
    kenyan = [badged(session, affiliation="Kenya") for _ in range(2)]
    reprinted = french[0][0]
    french[0][1].revoked_at = dt.datetime(2026, 6, 1, 6, tzinfo=dt.UTC)
    french[0][1].save()
    badge(reprinted)
    registration(session, affiliation="Kenya", registered_at=None)  # no badge, never came
    staff = user_with_role(Role.CHECKIN_STAFF)
    # Day 1 from 09:00 Geneva (07:00 UTC): France's 2nd and 3rd, Kenya's 1st; 20 min apart.
    _day(session, [french[1], french[2], kenyan[0]],
         at=dt.datetime(2026, 6, 1, 7, 0, tzinfo=dt.UTC), doors=["North", "South"])
    checkin.scan(session, french[1][2], "North", staff,
                 at=dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC))  # already inside
    checkin.scan(session, french[0][2], "North", staff)  # the revoked badge
    checkin.scan(session, "forged", "North", staff)
    _day(session, [french[1]], at=dt.datetime(2026, 6, 2, 7, 0, tzinfo=dt.UTC), doors=["East"])

    result = figures.door_figures(session)

    assert (result.registrations, result.registered) == (6, 5)
    assert (result.badges_printed, result.badges_revoked, result.people_with_badge) == (6, 1, 5)
    assert (result.check_ins, result.people_checked_in) == (4, 3)
    assert result.by_day == [(dt.date(2026, 6, 1), 3), (dt.date(2026, 6, 2), 1)]
    hours = [(h.astimezone(session.zone).strftime("%d %H:%M"), n) for h, n in result.by_hour]
    assert hours == [("01 09:00", 3), ("02 09:00", 1)]
    assert result.by_door == [("North", 2), ("East", 1), ("South", 1)]
    assert sorted(result.refused) == sorted([("Revoked badge", 1),
                                             ("Forged or damaged code", 1)])
    assert result.no_shows == [
        {"affiliation": "Kenya", "total": 3, "absent": 2, "absent_with_badge": 1},
        {"affiliation": "France", "total": 3, "absent": 1, "absent_with_badge": 1}]
    assert result.no_shows_total == 3 and result.no_shows_with_badge == 2
    assert result.busiest_hour == 3


@pytest.mark.parametrize("people", [2, 30])
def test_figures_take_a_fixed_number_of_queries(people):
    session = SessionFactory()
    everyone = [badged(session, affiliation=f"State {n % 7}") for n in range(people)]
    _day(session, everyone[: people // 2], at=dt.datetime(2026, 6, 1, 7, 0, tzinfo=dt.UTC),
         doors=["North", "South", "East"])

    with CaptureQueriesContext(connection) as queries:
        figures.door_figures(session)

    assert len(queries) == FIGURES_QUERIES


def test_the_figures_page_shows_them_in_a_fixed_number_of_queries(client):
    client.force_login(user_with_role(Role.CREDENTIALS_COMMITTEE))
    counts = []
    for people in (2, 25):
        session = SessionFactory()
        everyone = [badged(session, affiliation=f"State {n}") for n in range(people)]
        _day(session, everyone[:-1], at=dt.datetime(2026, 6, 1, 7, 0, tzinfo=dt.UTC),
             doors=["North"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("registration:door_figures", args=[session.pk]))
        counts.append(len(queries))
        assert response.status_code == 200
        assert f"<strong>{people}</strong>" in response.content.decode()

    assert counts[0] == counts[1]


def test_the_attendance_page_takes_a_fixed_number_of_queries(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    counts = []
    for people in (2, 25):
        session = SessionFactory()
        everyone = [badged(session, affiliation=f"State {n}") for n in range(people)]
        _day(session, everyone[:-1], at=dt.datetime(2026, 6, 1, 7, 0, tzinfo=dt.UTC),
             doors=["North"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("registration:attendance", args=[session.pk]),
                                  {"day": "2026-06-01"})
        counts.append(len(queries))
        assert f"{people - 1} came in that day" in response.content.decode()

    assert counts[0] == counts[1]
