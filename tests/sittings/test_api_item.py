"""Taking up another item through the API (``POST /api/sittings/{id}/item``): the console's
act (``services.item_take_up``), with the console's permission, refusals that write nothing,
and the room's displays told as when the console does it."""

import pytest
from django.urls import reverse

from tests.factories import AgendaItemFactory, user_with_role
from tests.sittings.factories import delegate_user, opened, secretariat
from tripartite.accounts.models import Role
from tripartite.sittings import live
from tripartite.sittings.models import Sitting, SittingEvent

pytestmark = pytest.mark.django_db


def _two_items():
    """An open sitting taking two items, the first under discussion."""
    sitting, delegates, chair, secretary = opened()
    first = sitting.current_item
    second = AgendaItemFactory(session=sitting.session, number="II")
    sitting.agenda_items.add(second)
    return sitting, first, second, delegates, chair, secretary


def _state(sitting):
    fresh = Sitting.objects.get(pk=sitting.pk)
    return (fresh.current_item_id, fresh.list_version,
            SittingEvent.objects.filter(sitting=sitting).count())


def _take_up(client, sitting, item_pk):
    return client.post(f"/api/sittings/{sitting.pk}/item", {"item": item_pk},
                       content_type="application/json")


@pytest.mark.parametrize("who", ["chair", "secretary", "secretariat"])
def test_those_who_drive_the_console_take_up_another_item(client, who):
    sitting, first, second, _, chair, secretary = _two_items()
    client.force_login({"chair": chair, "secretary": secretary,
                        "secretariat": secretariat()}[who])
    response = _take_up(client, sitting, second.pk)
    assert response.status_code == 200
    assert response.json()["current_item"] == second.pk
    event = SittingEvent.objects.filter(sitting=sitting).latest("id")
    assert (event.action, event.data) == ("item", {"item": second.pk})
    # taking up the item already under discussion changes nothing
    events = SittingEvent.objects.filter(sitting=sitting).count()
    again = _take_up(client, sitting, second.pk)
    assert again.status_code == 200 and again.json()["current_item"] == second.pk
    assert SittingEvent.objects.filter(sitting=sitting).count() == events
    assert first.pk in response.json()["agenda_items"]


def test_a_role_that_does_not_drive_the_console_is_refused_and_nothing_changes(client):
    sitting, _, second, delegates, _, _ = _two_items()
    before = _state(sitting)
    for user in (delegate_user(delegates["FR"][0]), user_with_role(Role.MEETING_OFFICER),
                 user_with_role(Role.OBSERVER)):
        client.force_login(user)
        response = _take_up(client, sitting, second.pk)
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
    client.logout()
    assert _take_up(client, sitting, second.pk).status_code == 401
    assert _state(sitting) == before


def test_an_item_the_sitting_does_not_take_or_an_unknown_one_is_refused(client):
    sitting, first, _, _, chair, _ = _two_items()
    not_taken = AgendaItemFactory(session=sitting.session, number="III")
    elsewhere, _, _, _ = opened(states=("IT",))  # another session's sitting and item
    before = _state(sitting)
    client.force_login(chair)
    for item in (not_taken, elsewhere.current_item):
        response = _take_up(client, sitting, item.pk)
        assert response.status_code == 400
        assert response.json() == {
            "code": "invalid", "field": "body.item",
            "message": "This item is not among the items the sitting takes."}
    unknown = _take_up(client, sitting, 999_999)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "body.item"
    assert "No agenda item has this id." in unknown.json()["errors"][0]["message"]
    missing = client.post(f"/api/sittings/{sitting.pk}/item", {},
                          content_type="application/json")
    assert missing.status_code == 422
    assert _take_up(client, Sitting(pk=999_999), first.pk).status_code == 404
    assert _state(sitting) == before


def test_the_refusal_is_in_the_users_language(client):
    sitting, _, _, _, chair, _ = _two_items()
    not_taken = AgendaItemFactory(session=sitting.session, number="III")
    chair.language = "fr"
    chair.save()
    client.force_login(chair)
    response = client.post(f"/api/sittings/{sitting.pk}/item", {"item": not_taken.pk},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == \
        "Ce point ne fait pas partie des points examinés à cette séance."


@pytest.fixture
def own_hub(monkeypatch, settings):
    """This test's own hub, as a fresh process has: the versions the process-wide hub keeps
    from other tests (their sittings' ids come back) neither hide this test's nor outlive
    it."""
    settings.REDIS_URL = None
    hub = live.Hub(None)
    monkeypatch.setattr(live, "_hub", hub)
    yield hub
    hub.close_connection()


def test_the_displays_are_told_as_when_the_console_takes_up_an_item(
        client, django_capture_on_commit_callbacks, own_hub):
    sitting, first, second, _, chair, _ = _two_items()
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True) as by_api:
        assert _take_up(client, sitting, second.pk).status_code == 200
    event = SittingEvent.objects.filter(sitting=sitting).latest("id")
    assert event.action == "item" and own_hub.version(sitting.pk) == event.pk
    assert len(by_api) == 1
    # the console's "Take up": the same act, the same one publication
    with django_capture_on_commit_callbacks(execute=True) as by_console:
        response = client.post(reverse("sittings:console", kwargs={"pk": sitting.pk}),
                               {"action": "item", "item": first.pk})
    assert response.status_code == 302
    event = SittingEvent.objects.filter(sitting=sitting).latest("id")
    assert (event.action, event.data) == ("item", {"item": first.pk})
    assert own_hub.version(sitting.pk) == event.pk and len(by_console) == 1
