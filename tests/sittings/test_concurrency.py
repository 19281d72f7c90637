"""Two clerks changing the list at once (PostgreSQL, real connections): one wins, the other
is told the list changed; no entry is lost or doubled."""

import pytest
from django.db import connection

from tests.concurrency import run_concurrently
from tests.sittings.factories import opened
from tripartite.common.services import ServiceError
from tripartite.sittings import services
from tripartite.sittings.models import SpeakerRequest

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="needs real concurrent connections (PostgreSQL)")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_clerks_moving_the_same_speaker_at_once_one_wins_the_other_is_told():
    sitting, delegates, chair, secretary = opened()
    a = services.floor_request(actor=chair, sitting=sitting, person=delegates["FR"][0].person)
    b = services.floor_request(actor=chair, sitting=sitting, person=delegates["DE"][0].person)
    sitting.refresh_from_db()
    seen = sitting.list_version
    outcomes = run_concurrently([
        lambda: services.speaker_move(actor=chair, request=b, direction="up", version=seen),
        lambda: services.speaker_move(actor=secretary, request=b, direction="up",
                                      version=seen)])
    refused = [o for o in outcomes if isinstance(o, ServiceError)]
    assert len(refused) == 1 and refused[0].code == "list_changed"
    assert [o for o in outcomes if isinstance(o, Exception) and o not in refused] == []
    assert [r.pk for r in services.waiting(sitting)] == [b.pk, a.pk]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_requests_at_once_each_get_their_own_place():
    sitting, delegates, chair, _ = opened(states=("FR", "DE", "IT"))
    people = [n.person for nominations in delegates.values() for n in nominations]
    outcomes = run_concurrently([
        (lambda person=person: services.floor_request(actor=chair, sitting=sitting,
                                                      person=person))
        for person in people])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    positions = sorted(SpeakerRequest.objects.filter(sitting=sitting)
                       .values_list("position", flat=True))
    assert positions == list(range(1, len(people) + 1))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_next_pressed_twice_at_once_gives_the_floor_once():
    sitting, delegates, chair, secretary = opened()
    services.floor_request(actor=chair, sitting=sitting, person=delegates["FR"][0].person)
    services.floor_request(actor=chair, sitting=sitting, person=delegates["DE"][0].person)
    sitting.refresh_from_db()
    seen = sitting.list_version
    outcomes = run_concurrently([
        lambda: services.floor_give(actor=chair, sitting=sitting, version=seen),
        lambda: services.floor_give(actor=secretary, sitting=sitting, version=seen)])
    assert sum(isinstance(o, ServiceError) for o in outcomes) == 1
    assert SpeakerRequest.objects.filter(sitting=sitting, status="speaking").count() == 1
    assert SpeakerRequest.objects.filter(sitting=sitting, status="waiting").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_clerks_recording_the_decision_and_notes_at_once_make_one_record_of_the_item():
    from tripartite.sittings.models import ItemRecord

    sitting, _, chair, secretary = opened()
    item = sitting.current_item
    outcomes = run_concurrently([
        lambda: services.decision_record(actor=chair, sitting=sitting, item=item,
                                         outcome="adopted", text_en="Adopted."),
        lambda: services.note_save(actor=secretary, sitting=sitting, item=item,
                                   text="A short debate.")])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    record = ItemRecord.objects.get(sitting=sitting, agenda_item=item)
    assert (record.outcome, record.notes) == ("adopted", "A short debate.")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_opening_and_deleting_a_sitting_at_once_never_deletes_an_opened_one():
    from tests.sittings.factories import secretariat, sitting_with_delegates
    from tripartite.sittings.models import Sitting

    sitting, _, chair, _ = sitting_with_delegates()
    opening, deleting = run_concurrently([
        lambda: services.sitting_step(actor=chair, sitting=sitting, step="open"),
        lambda: services.sitting_delete(actor=secretariat(), sitting=sitting)])
    if Sitting.objects.filter(pk=sitting.pk).exists():  # opened first: the delete refused
        assert isinstance(deleting, ServiceError) and deleting.code == "wrong_state"
        assert Sitting.objects.get(pk=sitting.pk).state == "open"
    else:  # deleted first: there was nothing left to open
        assert deleting is None and isinstance(opening, Sitting.DoesNotExist)
