"""Registrations from the credentials, by hand, identity, badges printed and reprinted."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import PersonFactory, SessionFactory, user_with_role
from tests.registration.factories import (
    delegation,
    desk_user,
    hand_registration,
    nomination,
    registration,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.registration.models import Badge, Registration
from tripartite.registration.services import desk

pytestmark = pytest.mark.django_db


def test_registrations_come_from_accredited_nominations_only():
    session = SessionFactory()
    accepted = delegation(session, "FR", status="accepted")
    review = delegation(session, "DE", status="under_review")
    missing = delegation(session, "IT", status="not_received")
    minister = nomination(accepted, role="minister")
    workers = nomination(accepted, group="workers")
    adviser = nomination(review, group="employers", role="adviser")
    withdrawn = nomination(accepted, withdrawn_in_amendment=1)
    refused = nomination(review, admitted=False)
    not_received = nomination(missing)

    counts = desk.registrations_from_nominations(actor=desk_user(), session=session)

    assert counts["created"] == 3
    made = {reg.nomination_id: reg for reg in Registration.objects.filter(session=session)}
    assert set(made) == {minister.pk, workers.pk, adviser.pk}
    assert made[minister.pk].category == "government"
    assert made[minister.pk].role_label == "Minister attending the Conference"
    assert made[minister.pk].affiliation == "France"
    assert made[workers.pk].category == "workers"
    assert made[adviser.pk].category == "employers"
    assert made[adviser.pk].role_label == "Adviser"
    assert made[adviser.pk].affiliation == "Germany"
    assert made[adviser.pk].person_id == adviser.person_id
    assert not {withdrawn.pk, refused.pk, not_received.pk} & set(made)
    assert ActionLogEntry.objects.filter(
        action="registration.registrations.created_from_nominations").count() == 1


def test_an_observer_wears_the_observers_band_and_a_territory_follows_the_role():
    session = SessionFactory()
    accepted = delegation(session, "DK")
    observer = nomination(accepted, role="observer")
    territory = nomination(accepted, role="territory_adviser", represents="Greenland")

    desk.registrations_from_nominations(actor=desk_user(), session=session)

    made = {reg.nomination_id: reg for reg in Registration.objects.filter(session=session)}
    assert (made[observer.pk].category, made[observer.pk].role_label) == ("observer",
                                                                          "Observer")
    assert (made[territory.pk].category, made[territory.pk].role_label) == (
        "government", "Additional adviser for a non-metropolitan territory — Greenland")


def test_creating_registrations_twice_changes_nothing_then_follows_changes():
    session = SessionFactory()
    accepted = delegation(session, "FR")
    delegate = nomination(accepted)
    nomination(accepted, group="employers")
    actor = desk_user()
    desk.registrations_from_nominations(actor=actor, session=session)

    again = desk.registrations_from_nominations(actor=actor, session=session)
    assert again == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 0,
                     "withdrawn": 0}
    assert Registration.objects.filter(session=session).count() == 2

    delegate.role = "substitute_delegate"
    delegate.save()
    delegate2 = nomination(accepted, group="workers")
    delegate2.withdrawn_in_amendment = 1
    delegate2.save()
    third = desk.registrations_from_nominations(actor=actor, session=session)
    assert third["updated"] == 1 and third["created"] == 0
    assert Registration.objects.get(nomination=delegate).role_label == "Substitute delegate"


def test_a_person_registered_by_hand_is_not_registered_twice():
    session = SessionFactory()
    person = PersonFactory()
    hand_registration(session, person=person)
    nomination(delegation(session, "FR"), person=person)

    counts = desk.registrations_from_nominations(actor=desk_user(), session=session)

    assert counts["skipped"] == 1 and counts["created"] == 0
    assert Registration.objects.filter(session=session, person=person).count() == 1


def test_withdrawn_after_registration_is_counted_not_deleted():
    session = SessionFactory()
    reg = registration(session)
    reg.nomination.withdrawn_in_amendment = 1
    reg.nomination.save()

    counts = desk.registrations_from_nominations(actor=desk_user(), session=session)

    assert counts["withdrawn"] == 1
    assert Registration.objects.filter(pk=reg.pk).exists()


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.DELEGATE, Role.CHECKIN_STAFF,
                                  Role.CREDENTIALS_COMMITTEE])
def test_only_the_desk_side_creates_registrations(role):
    session = SessionFactory()
    nomination(delegation(session, "FR"))
    with pytest.raises(PermissionDeniedError):
        desk.registrations_from_nominations(actor=user_with_role(role), session=session)
    assert not Registration.objects.exists()


def test_observers_press_and_secretariat_are_added_by_hand_not_delegates():
    session = SessionFactory()
    actor = user_with_role(Role.SECRETARIAT)
    person = PersonFactory(member_state=None)

    press = desk.registration_add(actor=actor, session=session, person=person,
                                  category="press", role_label="Journalist",
                                  affiliation=" Le Monde ")

    assert press.nomination is None and press.affiliation == "Le Monde"
    assert ActionLogEntry.objects.filter(action="registration.registration.added").count() == 1
    with pytest.raises(ServiceError) as twice:
        desk.registration_add(actor=actor, session=session, person=person,
                              category="observer")
    assert twice.value.code == "duplicate"
    with pytest.raises(ServiceError) as delegate:
        desk.registration_add(actor=actor, session=session, person=PersonFactory(),
                              category="government")
    assert delegate.value.code == "category"
    assert Registration.objects.count() == 1


def test_confirming_identity_registers_once():
    reg = registration()
    actor = desk_user()

    desk.identity_confirm(actor=actor, registration=reg)

    reg.refresh_from_db()
    assert reg.registered_at is not None and reg.registered_by == actor
    with pytest.raises(ServiceError):
        desk.identity_confirm(actor=actor, registration=reg)
    with pytest.raises(PermissionDeniedError):
        desk.identity_confirm(actor=user_with_role(Role.FOCAL_POINT),
                              registration=registration())


def test_badges_get_numbers_in_order_per_session():
    session = SessionFactory()
    regs = [registration(session) for _ in range(3)]
    other = registration()
    actor = desk_user()

    badges = desk.badges_print(actor=actor, session=session, registrations=regs)
    first_other = desk.badges_print(actor=actor, session=other.session,
                                    registrations=[other])

    assert [badge.number for badge in badges] == [1, 2, 3]
    assert [badge.registration_id for badge in badges] == [reg.pk for reg in regs]
    assert first_other[0].number == 1
    assert len({badge.token_id for badge in badges}) == 3
    assert ActionLogEntry.objects.filter(action="registration.badge.printed").count() == 4


def test_reprinting_revokes_the_old_badge():
    session = SessionFactory()
    reg = registration(session)
    actor = desk_user()
    [old] = desk.badges_print(actor=actor, session=session, registrations=[reg])

    [new] = desk.badges_print(actor=actor, session=session, registrations=[reg])

    old.refresh_from_db()
    assert old.revoked_at is not None and old.revoked_reason == "reprinted"
    assert new.revoked_at is None and new.number == old.number + 1
    assert Badge.objects.filter(registration=reg, revoked_at__isnull=True).get() == new
    log = ActionLogEntry.objects.filter(action="registration.badge.printed").first()
    assert log.data == {"number": new.number, "registration": reg.pk, "replaces": old.number}


def test_a_badge_of_another_session_prints_nothing():
    session = SessionFactory()
    mine, theirs = registration(session), registration()

    with pytest.raises(ServiceError) as refused:
        desk.badges_print(actor=desk_user(), session=session,
                          registrations=[mine, theirs])

    assert refused.value.code == "other_session"
    assert not Badge.objects.exists()


def test_two_valid_badges_for_one_registration_are_impossible():
    reg = registration()
    Badge.objects.create(session=reg.session, registration=reg, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Badge.objects.create(session=reg.session, registration=reg, number=2)


def test_revoking_needs_a_reason_and_happens_once():
    reg = registration()
    actor = desk_user()
    [badge] = desk.badges_print(actor=actor, session=reg.session, registrations=[reg])
    with pytest.raises(ServiceError):
        desk.badge_revoke(actor=actor, badge=badge, reason="  ")
    desk.badge_revoke(actor=actor, badge=badge, reason="Lost")
    badge.refresh_from_db()
    assert badge.revoked_reason == "Lost"
    with pytest.raises(ServiceError):
        desk.badge_revoke(actor=actor, badge=badge, reason="Lost")


def test_the_desk_adds_a_new_person_by_hand():
    session = SessionFactory()

    reg = desk.registration_add(actor=desk_user(), session=session, category="observer",
                                name="Ηλίας Παπαδόπουλος", name_latin="Ilias Papadopoulos",
                                gender="m", affiliation="European Union")

    assert reg.person.name_latin == "Ilias Papadopoulos"
    with pytest.raises(ServiceError):
        desk.registration_add(actor=desk_user(), session=session, category="press",
                              name=" ", gender="m")
