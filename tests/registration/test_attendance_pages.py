"""The attendance page (filters, quorum base now and at a time), departures and the practice."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import OPENING, delegation, register_all, registration
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.registration.models import AttendanceSettings, Badge, CheckIn

pytestmark = pytest.mark.django_db
SECOND_DAY = dt.date(2026, 6, 2)


@pytest.fixture
def session():
    return SessionFactory()


@pytest.fixture
def secretariat_client(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    return client


def _enter(reg, day=SECOND_DAY, door="North"):
    badge = Badge.objects.create(session=reg.session, registration=reg, number=reg.pk + 500)
    CheckIn.objects.create(session=reg.session, registration=reg, badge=badge, day=day,
                           at=dt.datetime.combine(day, dt.time(7, 30), tzinfo=dt.UTC),
                           door=door)


def test_the_day_list_filters_by_delegation_group_and_presence(secretariat_client, session):
    _fr, french = delegation(session, "FR")
    _ke, kenyan = delegation(session, "KE")
    french_regs = register_all(session, french)
    register_all(session, kenyan)
    _enter(french_regs[0])
    url = reverse("registration:attendance", args=[session.pk])

    everyone = secretariat_client.get(url, {"day": "2026-06-02"}).content.decode()
    kenya = secretariat_client.get(url, {"day": "2026-06-02", "delegation": "KE"})
    came = secretariat_client.get(url, {"day": "2026-06-02", "presence": "in"})
    workers = secretariat_client.get(url, {"day": "2026-06-02", "group": "workers"})

    assert "8 persons listed" in everyone and "1 came in that day" in everyone
    assert "4 persons listed" in kenya.content.decode()
    assert french[0].person.name not in kenya.content.decode()
    assert "1 person listed" in came.content.decode()
    assert french[0].person.name in came.content.decode()
    assert "2 persons listed" in workers.content.decode()


def test_the_quorum_base_is_shown_now_and_at_a_chosen_time(secretariat_client, session):
    _fr, french = delegation(session, "FR")
    register_all(session, french[:2], registered_at=OPENING)
    register_all(session, french[2:], registered_at=OPENING + dt.timedelta(hours=2))
    url = reverse("registration:attendance", args=[session.pk])

    response = secretariat_client.get(url, {"at": "2026-06-01T11:00"})  # 09:00 UTC

    now, then = response.context["now"], response.context["then"]
    assert now["base"].total == 4 and now["quorum"] == 2
    assert then["base"].as_dict() == {"government": 2, "employers": 0, "workers": 0,
                                      "total": 2}
    assert then["at"] == dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def test_a_departure_is_notified_from_its_page(secretariat_client, session):
    reg = registration(session)
    url = reverse("registration:departure", args=[reg.pk])
    form = secretariat_client.get(url).context["form"]

    response = secretariat_client.post(url, {"effective_at": "2026-06-05T18:00",
                                             "updated_at": form.initial["updated_at"],
                                             "action": "notify"})

    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.departed_at == dt.datetime(2026, 6, 5, 16, 0, tzinfo=dt.UTC)
    assert ActionLogEntry.objects.filter(action="registration.departure.notified").exists()


def test_a_departure_before_registration_is_refused_on_the_page(secretariat_client, session):
    reg = registration(session, registered_at=OPENING)
    url = reverse("registration:departure", args=[reg.pk])

    response = secretariat_client.post(url, {"effective_at": "2026-05-30T09:00",
                                             "action": "notify"})

    assert response.status_code == 400
    assert "cannot take effect before the registration" in response.content.decode()
    reg.refresh_from_db()
    assert reg.departed_at is None


def test_a_stale_departure_form_is_refused(secretariat_client, session):
    reg = registration(session)
    url = reverse("registration:departure", args=[reg.pk])

    response = secretariat_client.post(url, {"effective_at": "", "action": "notify",
                                             "updated_at": "2020-01-01T00:00:00+00:00"})

    assert response.status_code == 400 and "changed by someone else" in response.content.decode()


def test_a_departure_is_withdrawn_from_its_page(secretariat_client, session):
    reg = registration(session, departed_at=OPENING + dt.timedelta(days=1))
    url = reverse("registration:departure", args=[reg.pk])

    response = secretariat_client.post(url, {"action": "withdraw"})

    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.departed_at is None


def test_the_secretariat_chooses_the_accredited_practice(secretariat_client, session):
    _fr, french = delegation(session, "FR")
    url = reverse("registration:attendance_basis", args=[session.pk])

    assert secretariat_client.post(url, {"quorum_basis": "accredited"}).status_code == 302

    assert AttendanceSettings.objects.get(session=session).quorum_basis == "accredited"
    page = secretariat_client.get(reverse("registration:attendance", args=[session.pk]))
    assert page.context["now"]["base"].total == 4


def test_the_quorum_base_api_follows_the_practice(secretariat_client, session):
    _fr, french = delegation(session, "FR")
    register_all(session, french[:1])

    answer = secretariat_client.get(f"/api/sessions/{session.pk}/quorum-base",
                                    {"at": "2026-06-01T12:00:00Z"}).json()

    assert answer["basis"] == "desk" and answer["total"] == 1 and answer["quorum"] == 1
    assert answer["government"] == 1


def test_a_focal_point_sees_no_attendance_even_of_their_own_state(client, session):
    client.force_login(user_with_role(Role.FOCAL_POINT))

    assert client.get(reverse("registration:attendance", args=[session.pk])).status_code == 403
    assert client.get(f"/api/sessions/{session.pk}/quorum-base").status_code == 403
