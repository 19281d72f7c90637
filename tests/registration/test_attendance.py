"""Attendance arithmetic: the quorum base by group at a moment, its boundaries, who is
entitled to vote, the two practices (desk registration, accreditation), and departures."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from tests.factories import SessionFactory, state, user_with_role
from tests.registration.factories_doors import (
    OPENING,
    delegation,
    register_all,
    registration,
)
from tripartite.accounts.models import Role
from tripartite.common import l10n
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.delegations.models import ArrearsStatus, Nomination
from tripartite.registration import attendance
from tripartite.registration.models import Badge, CheckIn, QuorumBasis
from tripartite.registration.services import departures

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def session():
    return SessionFactory()


@pytest.fixture
def secretariat():
    return user_with_role(Role.SECRETARIAT)


def test_a_full_delegation_registered_counts_two_one_one(session):
    _delegation, nominations = delegation(session, "FR")
    register_all(session, nominations)

    base = attendance.quorum_base(session, OPENING)

    assert base.as_dict() == {"government": 2, "employers": 1, "workers": 1, "total": 4}


def test_a_delegate_counts_from_the_moment_of_registration_not_before(session):
    _delegation, nominations = delegation(session, "FR")
    register_all(session, nominations[:2], registered_at=OPENING)
    register_all(session, nominations[2:], registered_at=OPENING + HOUR)

    assert attendance.quorum_base(session, OPENING - dt.timedelta(seconds=1)).total == 0
    assert attendance.quorum_base(session, OPENING).as_dict()["government"] == 2
    assert attendance.quorum_base(session, OPENING).total == 2
    assert attendance.quorum_base(session, OPENING + HOUR).total == 4


def test_a_delegate_not_registered_at_the_desk_does_not_count_by_default(session):
    _delegation, nominations = delegation(session, "FR")
    register_all(session, nominations[:3])
    registration(session, nomination=nominations[3], category="workers", registered_at=None)

    assert attendance.quorum_base(session, OPENING + HOUR).as_dict() == {
        "government": 2, "employers": 1, "workers": 0, "total": 3}


def test_a_departure_removes_the_delegate_from_its_effective_time(session, secretariat):
    _delegation, nominations = delegation(session, "FR")
    registrations = register_all(session, nominations)
    leaving_at = OPENING + 3 * HOUR

    departures.notify_departure(registrations[0], actor=secretariat,
                                effective_at=leaving_at)

    assert attendance.quorum_base(session, leaving_at - dt.timedelta(seconds=1)).total == 4
    assert attendance.quorum_base(session, leaving_at).as_dict() == {
        "government": 1, "employers": 1, "workers": 1, "total": 3}
    entry = ActionLogEntry.objects.get(action="registration.departure.notified")
    assert entry.actor == secretariat and entry.data["departed_at"][1].startswith("2026-06-01T11")


def test_advisers_who_are_not_substitutes_do_not_count(session):
    _delegation, nominations = delegation(session, "FR", advisers=3)
    register_all(session, nominations)
    advisers = Nomination.objects.filter(role="adviser")
    register_all(session, advisers)

    assert attendance.quorum_base(session, OPENING).total == 4


def test_government_delegates_of_a_member_in_arrears_do_not_count(session):
    _fr, french = delegation(session, "FR")
    _de, german = delegation(session, "DE")
    ArrearsStatus.objects.create(member_state=state("DE"), session=session, in_arrears=True)
    register_all(session, french + german)

    base = attendance.quorum_base(session, OPENING)

    assert base.as_dict() == {"government": 2, "employers": 2, "workers": 2, "total": 6}


def test_a_lone_employers_delegate_does_not_count(session):
    _fr, nominations = delegation(session, "FR", groups=("government", "government",
                                                          "employers"))
    register_all(session, nominations)

    assert attendance.quorum_base(session, OPENING).as_dict() == {
        "government": 2, "employers": 0, "workers": 0, "total": 2}


def test_credentials_not_received_count_nobody(session):
    _fr, nominations = delegation(session, "FR", status="not_received")
    register_all(session, nominations)

    assert attendance.quorum_base(session, OPENING).total == 0


def test_accredited_practice_counts_everyone_entitled_until_a_departure(session, secretariat):
    _fr, nominations = delegation(session, "FR")
    registrations = register_all(session, nominations[:1])  # only one came to the desk
    departures.set_quorum_basis(session, QuorumBasis.ACCREDITED, actor=secretariat)

    assert attendance.quorum_base(session, OPENING - HOUR).total == 4
    departures.notify_departure(registrations[0], actor=secretariat,
                                effective_at=OPENING + HOUR)
    assert attendance.quorum_base(session, OPENING + HOUR).as_dict() == {
        "government": 1, "employers": 1, "workers": 1, "total": 3}
    assert attendance.quorum_base(session, OPENING + HOUR, basis=QuorumBasis.DESK).total == 0
    assert ActionLogEntry.objects.filter(action="registration.quorum_basis.changed").exists()


def test_the_refused_departure_writes_the_registration_in_words_in_french(session, secretariat):
    reg = registration(session, registered_at=OPENING)
    with translation.override("fr"), pytest.raises(ServiceError) as refused:
        departures.notify_departure(reg, actor=secretariat, effective_at=OPENING - HOUR)
    local = timezone.localtime(OPENING, session.zone)
    assert l10n.long_datetime(local, "fr") in str(refused.value)
    assert local.strftime("%Y-%m-%d") not in str(refused.value)


def test_a_departure_before_the_registration_is_refused_and_changes_nothing(session,
                                                                            secretariat):
    reg = registration(session, registered_at=OPENING)

    with pytest.raises(ServiceError) as refused:
        departures.notify_departure(reg, actor=secretariat,
                                    effective_at=OPENING - HOUR)

    assert refused.value.code == "departure_before_registration"
    reg.refresh_from_db()
    assert reg.departed_at is None
    assert not ActionLogEntry.objects.filter(action__startswith="registration.").exists()


def test_a_departure_of_someone_never_registered_is_refused(session, secretariat):
    reg = registration(session, registered_at=None)

    with pytest.raises(ServiceError) as refused:
        departures.notify_departure(reg, actor=secretariat)

    assert refused.value.code == "not_registered"


def test_a_departure_can_be_withdrawn_and_the_delegate_counts_again(session, secretariat):
    _fr, nominations = delegation(session, "FR")
    registrations = register_all(session, nominations)
    departures.notify_departure(registrations[3], actor=secretariat,
                                effective_at=OPENING + HOUR)

    departures.withdraw_departure(registrations[3], actor=secretariat)

    assert attendance.quorum_base(session, OPENING + 2 * HOUR).total == 4
    assert ActionLogEntry.objects.filter(action="registration.departure.withdrawn").exists()


@pytest.mark.parametrize("role", [Role.CREDENTIALS_COMMITTEE, Role.CHECKIN_STAFF,
                                  Role.FOCAL_POINT, Role.REGISTRATION_DESK])
def test_only_the_secretariat_notifies_departures(session, role):
    reg = registration(session)

    with pytest.raises(PermissionDeniedError):
        departures.notify_departure(reg, actor=user_with_role(role))
    with pytest.raises(PermissionDeniedError):
        departures.set_quorum_basis(session, "accredited", actor=user_with_role(role))


def test_day_attendance_shows_who_came_in_that_day(session):
    came, stayed_away = registration(session), registration(session)
    badge = Badge.objects.create(session=session, registration=came, number=900)
    CheckIn.objects.create(session=session, registration=came, badge=badge,
                           day=dt.date(2026, 6, 2), at=OPENING + dt.timedelta(days=1),
                           door="North")

    rows = {row.pk: row for row in attendance.day_attendance(session, dt.date(2026, 6, 2))}
    other_day = {row.pk: row for row in attendance.day_attendance(session, dt.date(2026, 6, 3))}

    assert rows[came.pk].came_in is not None and rows[came.pk].came_in_door == "North"
    assert rows[came.pk].has_badge and not rows[stayed_away.pk].has_badge
    assert rows[stayed_away.pk].came_in is None and other_day[came.pk].came_in is None


def test_session_days_run_from_opening_to_closing_in_local_time(session):
    days = attendance.session_days(session)

    assert days[0] == dt.date(2026, 6, 1) and days[-1] == dt.date(2026, 6, 12)
    assert len(days) == 12
