"""Check-in at the doors: the order of the decisions, the door log, idempotency, the local
day, the race between two doors, and the rate limit."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import OPENING, badge, badged
from tripartite.accounts.models import Role
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.registration import tokens
from tripartite.registration.models import Badge, CheckIn, Registration, Scan, ScanResult
from tripartite.registration.services import checkin

pytestmark = pytest.mark.django_db
MORNING = dt.datetime(2026, 6, 2, 7, 30, tzinfo=dt.UTC)  # 09:30 in Geneva


@pytest.fixture
def session():
    return SessionFactory()


@pytest.fixture
def staff():
    return user_with_role(Role.CHECKIN_STAFF)


def test_the_first_scan_of_the_day_admits_and_records_the_entry(session, staff):
    reg, issued, token = badged(session, affiliation="France", role_label="Delegate")

    outcome = checkin.scan(session, token, "North", staff, request_id="r1", at=MORNING)

    assert outcome.result == ScanResult.ADMITTED and outcome.admitted
    assert (outcome.name, outcome.affiliation, outcome.role) == (reg.person.name, "France",
                                                                 "Delegate")
    assert outcome.badge_number == issued.number
    entry = CheckIn.objects.get()
    assert (entry.registration, entry.badge, entry.door, entry.day, entry.recorded_by) == (
        reg, issued, "North", dt.date(2026, 6, 2), staff)
    log = Scan.objects.get()
    assert (log.result, log.badge, log.door, log.request_id) == ("admitted", issued, "North",
                                                                 "r1")


def test_a_second_scan_the_same_day_is_already_inside_and_counts_once(session, staff):
    _reg, _issued, token = badged(session)
    checkin.scan(session, token, "North", staff, at=MORNING)

    outcome = checkin.scan(session, token, "South", staff, at=MORNING + dt.timedelta(hours=3))

    assert outcome.result == ScanResult.ALREADY_INSIDE and outcome.admitted
    assert CheckIn.objects.count() == 1
    assert list(Scan.objects.order_by("at").values_list("result", flat=True)) == [
        "admitted", "already_inside"]


def test_the_day_is_the_sessions_local_day_not_utc(session, staff):
    """23:30 UTC on 1 June is already 2 June in Geneva: a new day, a new entry."""
    _reg, _issued, token = badged(session)
    checkin.scan(session, token, "North", staff, at=dt.datetime(2026, 6, 1, 20, 0,
                                                                tzinfo=dt.UTC))

    outcome = checkin.scan(session, token, "North", staff,
                           at=dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC))

    assert outcome.result == ScanResult.ADMITTED
    assert sorted(CheckIn.objects.values_list("day", flat=True)) == [dt.date(2026, 6, 1),
                                                                     dt.date(2026, 6, 2)]


def test_a_retried_request_gets_the_first_answer_and_records_nothing(session, staff):
    _reg, _issued, token = badged(session)
    first = checkin.scan(session, token, "North", staff, request_id="abc", at=MORNING)

    again = checkin.scan(session, token, "North", staff, request_id="abc",
                         at=MORNING + dt.timedelta(seconds=5))

    assert first.result == again.result == ScanResult.ADMITTED
    assert again.replayed and again.at == first.at
    assert Scan.objects.count() == 1 and CheckIn.objects.count() == 1


def test_a_request_id_of_another_login_is_refused_and_reveals_nothing(session, staff):
    _reg, _issued, token = badged(session)
    checkin.scan(session, token, "North", staff, request_id="abc", at=MORNING)

    with pytest.raises(ServiceError) as refused:
        checkin.scan(session, "anything", "South", user_with_role(Role.CHECKIN_STAFF),
                     request_id="abc", at=MORNING)

    assert refused.value.code == "request_id_reused"
    assert Scan.objects.count() == 1


@pytest.mark.parametrize("text", ["", "hello", "abc:def", "x" * 500])
def test_a_forged_or_damaged_code_is_refused_and_logged(session, staff, text):
    outcome = checkin.scan(session, text, "North", staff, at=MORNING)

    assert outcome.result == ScanResult.FORGED and not outcome.admitted
    assert outcome.name == "" and outcome.badge_number is None
    assert Scan.objects.get().result == "forged" and not CheckIn.objects.exists()


def test_a_token_signed_with_another_key_is_forged(session, staff):
    _reg, issued, _token = badged(session)
    with override_settings(BADGE_SIGNING_KEY="another-key-entirely"):
        foreign = tokens.sign(issued.token_id)

    assert checkin.scan(session, foreign, "North", staff).result == ScanResult.FORGED


def test_a_token_signed_with_a_fallback_key_is_still_accepted(session, staff):
    _reg, issued, _token = badged(session)
    with override_settings(BADGE_SIGNING_KEY="old-key"):
        old = tokens.sign(issued.token_id)

    with override_settings(BADGE_SIGNING_KEY="new-key", BADGE_SIGNING_KEY_FALLBACKS=["old-key"]):
        assert checkin.scan(session, old, "North", staff).result == ScanResult.ADMITTED


def test_a_well_signed_token_of_no_badge_is_unknown(session, staff):
    outcome = checkin.scan(session, tokens.sign("no-such-badge"), "North", staff)

    assert outcome.result == ScanResult.UNKNOWN and outcome.name == ""
    assert Scan.objects.get().badge is None


def test_a_badge_of_another_session_is_refused_without_showing_whose(session, staff):
    _reg, _issued, token = badged(SessionFactory())

    outcome = checkin.scan(session, token, "North", staff)

    assert outcome.result == ScanResult.OTHER_SESSION and outcome.name == ""
    assert not CheckIn.objects.exists()


def test_a_revoked_badge_is_refused_but_its_replacement_admits(session, staff):
    reg, old, old_token = badged(session)
    old.revoked_at = OPENING
    old.save()
    new_token = tokens.sign(badge(reg).token_id)

    refused = checkin.scan(session, old_token, "North", staff, at=MORNING)
    admitted = checkin.scan(session, new_token, "North", staff, at=MORNING)

    assert refused.result == ScanResult.REVOKED and not refused.admitted
    assert admitted.result == ScanResult.ADMITTED
    assert CheckIn.objects.get().badge.token_id != old.token_id


def test_after_a_notified_departure_the_badge_no_longer_admits(session, staff):
    _reg, _issued, token = badged(session, departed_at=MORNING - dt.timedelta(hours=1))

    outcome = checkin.scan(session, token, "North", staff, at=MORNING)

    assert outcome.result == ScanResult.DEPARTED and not outcome.admitted
    assert not CheckIn.objects.exists()


def test_a_departure_in_the_future_does_not_refuse_today(session, staff):
    _reg, _issued, token = badged(session, departed_at=MORNING + dt.timedelta(days=1))

    assert checkin.scan(session, token, "North", staff, at=MORNING).result == "admitted"


def test_the_door_must_be_named(session, staff):
    _reg, _issued, token = badged(session)

    with pytest.raises(ServiceError) as refused:
        checkin.scan(session, token, "   ", staff)

    assert refused.value.field == "door"
    assert not Scan.objects.exists()


@pytest.mark.parametrize("role", [Role.REGISTRATION_DESK, Role.FOCAL_POINT, Role.OBSERVER,
                                  Role.CREDENTIALS_COMMITTEE])
def test_only_check_in_staff_and_the_secretariat_scan(session, role):
    _reg, _issued, token = badged(session)

    with pytest.raises(PermissionDeniedError):
        checkin.scan(session, token, "North", user_with_role(role))

    assert not Scan.objects.exists()


def test_the_rate_limit_counts_per_login(staff):
    other = user_with_role(Role.CHECKIN_STAFF)
    with override_settings(CHECKIN_RATE_PER_MINUTE=3):
        for _ in range(3):
            checkin.check_rate(staff)
        with pytest.raises(ServiceError) as refused:
            checkin.check_rate(staff)
        checkin.check_rate(other)

    assert refused.value.status == 429 and "3" in refused.value.message


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_two_doors_scanning_the_same_badge_at_once_record_one_entry():
    session = SessionFactory()
    staff = [user_with_role(Role.CHECKIN_STAFF) for _ in range(4)]
    _reg, _issued, token = badged(session)
    barrier = threading.Barrier(len(staff))
    results = []

    def door(user, n):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(checkin.scan(session, token, f"Door {n}", user, at=MORNING).result)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=door, args=(user, n)) for n, user in enumerate(staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["admitted"] + ["already_inside"] * 3
    assert CheckIn.objects.count() == 1 and Scan.objects.count() == 4


def test_a_valid_badge_shows_its_photo_through_the_desks_photo_page(session, staff):
    reg, _issued, token = badged(session)
    Registration.objects.filter(pk=reg.pk).update(photo=f"photos/{session.pk}/abc.jpg")

    outcome = checkin.scan(session, token, "North", staff)

    assert outcome.photo_url == reverse("registration:photo", kwargs={"pk": reg.pk})


def test_a_refused_badge_shows_no_photo(session, staff):
    reg, issued, token = badged(session)
    Registration.objects.filter(pk=reg.pk).update(photo=f"photos/{session.pk}/abc.jpg")
    Badge.objects.filter(pk=issued.pk).update(session=SessionFactory())

    outcome = checkin.scan(session, token, "North", staff)

    assert outcome.result == ScanResult.OTHER_SESSION and outcome.photo_url == ""
