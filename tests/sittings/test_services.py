"""The acts of a sitting: states, requests for the floor (SIT-1), the order of the list, the
floor, moves with a version check, and the log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import PersonFactory, user_with_role
from tests.sittings.factories import delegate_user, opened, secretariat, sitting_with_delegates
from tripartite.accounts.models import Role
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.sittings import services
from tripartite.sittings.models import SittingEvent, SpeakerRequest

pytestmark = pytest.mark.django_db


def names(sitting):
    return [r.person_id for r in services.waiting(sitting)]


def test_a_sitting_opens_suspends_resumes_and_closes_each_step_logged():
    sitting, _, chair, _ = sitting_with_delegates()
    for step in ("open", "suspend", "resume", "close"):
        sitting = services.sitting_step(actor=chair, sitting=sitting, step=step)
    assert sitting.state == "closed"
    assert list(SittingEvent.objects.filter(sitting=sitting).values_list("action", flat=True)) \
        == ["planned", "open", "suspend", "resume", "close"]
    with pytest.raises(ServiceError) as refused:
        services.sitting_step(actor=chair, sitting=sitting, step="resume")
    assert refused.value.code == "wrong_state"


def test_only_the_chair_the_secretary_and_the_secretariat_drive_the_console():
    sitting, delegates, chair, secretary = sitting_with_delegates()
    for user in (delegate_user(delegates["FR"][0]), user_with_role(Role.MEETING_OFFICER)):
        with pytest.raises(PermissionDeniedError):
            services.sitting_step(actor=user, sitting=sitting, step="open")
    services.sitting_step(actor=secretary, sitting=sitting, step="open")
    services.sitting_step(actor=secretariat(), sitting=sitting, step="suspend")


def test_the_chair_must_be_an_officer_of_the_same_session():
    other, _, _, _ = sitting_with_delegates(states=("IT",))
    with pytest.raises(ServiceError) as refused:
        sitting_with_delegates(chair=other.chair)
    assert refused.value.field == "chair"


def test_a_delegate_asks_for_the_floor_for_themselves_only():
    sitting, delegates, _, _ = opened()
    fr = delegates["FR"][0]
    user = delegate_user(fr)
    request = services.floor_request(actor=user, sitting=sitting, person=fr.person)
    assert request.position == 1 and request.agenda_item == sitting.current_item
    with pytest.raises(PermissionDeniedError):
        services.floor_request(actor=user, sitting=sitting, person=delegates["DE"][0].person)
    with pytest.raises(ServiceError) as twice:
        services.floor_request(actor=user, sitting=sitting, person=fr.person)
    assert twice.value.code == "already_waiting"
    services.floor_withdraw(actor=user, request=request)
    assert services.waiting(sitting) == []


def test_someone_not_accredited_to_the_session_is_refused_with_the_reason():
    sitting, _, chair, _ = opened()
    other_session, others, _, _ = sitting_with_delegates(states=("IT",))
    with pytest.raises(ServiceError) as refused:
        services.floor_request(actor=chair, sitting=sitting, person=others["IT"][0].person)
    assert refused.value.code == "may_not_speak"
    assert "Not accredited" in refused.value.message
    with pytest.raises(ServiceError):
        services.floor_request(actor=chair, sitting=sitting, person=PersonFactory())


def test_an_adviser_needs_their_delegates_authorisation_which_only_the_console_records():
    sitting, delegates, chair, _ = opened(advisers=1)
    adviser = delegates["FR"][4]
    user = user_with_role(Role.DELEGATE, person=adviser.person)
    with pytest.raises(ServiceError) as refused:
        services.floor_request(actor=user, sitting=sitting, person=adviser.person,
                               authorised_by_delegate=True)
    assert "adviser" in refused.value.message
    request = services.floor_request(actor=chair, sitting=sitting, person=adviser.person,
                                     authorised_by_delegate=True)
    assert request.position == 1


def test_the_closed_list_refuses_speeches_but_not_points_of_order():
    sitting, delegates, chair, _ = opened()
    services.list_close(actor=chair, sitting=sitting)
    fr = delegates["FR"][0]
    with pytest.raises(ServiceError) as refused:
        services.floor_request(actor=chair, sitting=sitting, person=fr.person)
    assert refused.value.code == "list_closed"
    point = services.floor_request(actor=chair, sitting=sitting, person=fr.person,
                                   kind="point_of_order")
    assert point.position is None


def test_governing_body_order_and_points_of_order_on_top_and_the_floor_in_turn():
    sitting, delegates, chair, _ = opened(ordering="governing_body")
    gov, employer = delegates["FR"][0], delegates["DE"][2]
    first = services.floor_request(actor=chair, sitting=sitting, person=gov.person)
    spokes = services.floor_request(actor=chair, sitting=sitting, person=employer.person,
                                    on_behalf_of="group")
    reply = services.floor_request(actor=chair, sitting=sitting,
                                   person=delegates["DE"][0].person, kind="right_of_reply")
    late = services.floor_request(actor=chair, sitting=sitting,
                                  person=delegates["FR"][1].person)
    point = services.floor_request(actor=chair, sitting=sitting,
                                   person=delegates["FR"][3].person, kind="point_of_order")
    assert [r.pk for r in services.waiting(sitting)] == [point.pk, spokes.pk, first.pk,
                                                         late.pk, reply.pk]
    given = services.floor_give(actor=chair, sitting=sitting)
    assert given.pk == point.pk and given.started_at is not None
    given = services.floor_give(actor=chair, sitting=sitting)
    assert given.pk == spokes.pk
    point.refresh_from_db()
    assert point.status == "done" and point.ended_at is not None
    assert [r.position for r in services.waiting(sitting)] == [1, 2, 3]


def test_a_move_on_a_stale_list_is_refused_and_the_list_is_unchanged():
    sitting, delegates, chair, secretary = opened()
    a = services.floor_request(actor=chair, sitting=sitting, person=delegates["FR"][0].person)
    b = services.floor_request(actor=chair, sitting=sitting, person=delegates["DE"][0].person)
    sitting.refresh_from_db()
    seen = sitting.list_version
    services.speaker_move(actor=chair, request=b, direction="up", version=seen)
    with pytest.raises(ServiceError) as refused:
        services.speaker_move(actor=secretary, request=b, direction="up", version=seen)
    assert refused.value.code == "list_changed" and refused.value.status == 409
    assert [r.pk for r in services.waiting(sitting)] == [b.pk, a.pk]
    sitting.refresh_from_db()
    with pytest.raises(ServiceError) as at_end:
        services.speaker_move(actor=chair, request=b, direction="up",
                              version=sitting.list_version)
    assert at_end.value.code == "at_the_end"
    assert SittingEvent.objects.filter(sitting=sitting, action="moved").count() == 1
    assert SpeakerRequest.objects.filter(sitting=sitting).count() == 2


def test_only_an_item_the_sitting_takes_can_be_taken_up():
    from tests.factories import AgendaItemFactory

    sitting, _, chair, _ = opened()
    with pytest.raises(ServiceError) as refused:
        services.item_take_up(actor=chair, sitting=sitting,
                              item=AgendaItemFactory(session=sitting.session))
    assert refused.value.field == "item"


def _list_of(sitting, length):
    """``length`` observers waiting in places 1..length (made at once: the list is what the
    test is about, not how it grew)."""
    now = timezone.now()
    SpeakerRequest.objects.bulk_create(
        SpeakerRequest(sitting=sitting, person=PersonFactory(), requested_at=now,
                       position=place) for place in range(1, length + 1))
    return [r.pk for r in services.waiting(sitting)]


def _change_the_list(act, length):
    """Make a list of ``length``, ``act`` on it at the top (the whole list moves), check the
    list after; the number of queries ``act`` took."""
    sitting, delegates, chair, _ = opened(ordering="governing_body")
    before = _list_of(sitting, length)
    with CaptureQueriesContext(connection) as captured:
        if act == "withdraw":
            services.floor_withdraw(actor=chair,
                                    request=SpeakerRequest.objects.get(pk=before[0]))
        elif act == "give":
            services.floor_give(actor=chair, sitting=sitting)
        else:  # a Government delegate goes before the observers
            asked = services.floor_request(actor=chair, sitting=sitting,
                                           person=delegates["FR"][0].person)
    after = [asked.pk, *before] if act == "ask" else before[1:]
    assert [r.pk for r in services.waiting(sitting)] == after
    assert [r.position for r in services.waiting(sitting)] == list(range(1, len(after) + 1))
    return len(captured)


@pytest.mark.parametrize("act", ["withdraw", "give", "ask"])
def test_the_list_moves_up_or_down_in_the_same_number_of_queries_whatever_its_length(act):
    assert _change_the_list(act, 5) == _change_the_list(act, 50)
