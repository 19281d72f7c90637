"""The sittings' pages: planning on the shared form, the Chair's console driving the list, the
delegate's own "Ask for the floor" / "Withdraw", and the clock from the server's time."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import user_with_role
from tests.sittings.factories import delegate_user, opened, secretariat, sitting_with_delegates
from tripartite.accounts.models import Role
from tripartite.sittings import services
from tripartite.sittings.models import Sitting, SpeakerRequest

pytestmark = pytest.mark.django_db


def test_the_secretariat_plans_a_sitting_in_the_venues_time(client):
    sitting, _, _, _ = sitting_with_delegates()
    client.force_login(secretariat())
    url = reverse("sittings:session_sittings", kwargs={"session_pk": sitting.session_id})
    response = client.post(url, {"title": "Second sitting", "date": "2026-06-03",
                                 "starts_at": "15:00", "ends_at": "14:00",
                                 "ordering": "governing_body"})
    assert response.status_code == 200 and "A sitting ends after it starts." in \
        response.content.decode()
    response = client.post(url, {"title": "Second sitting", "date": "2026-06-03",
                                 "starts_at": "15:00", "ends_at": "18:00",
                                 "ordering": "governing_body", "time_limit_seconds": "180"})
    assert response.status_code == 302
    planned = Sitting.objects.get(title="Second sitting")
    assert planned.starts_at == dt.time(15, 0) and planned.ordering == "governing_body"
    assert planned.events.get().action == "planned"


def test_the_chair_drives_the_console_and_sees_group_delegation_and_capacity(client):
    sitting, delegates, chair, _ = sitting_with_delegates()
    client.force_login(chair)
    url = reverse("sittings:console", kwargs={"pk": sitting.pk})
    assert client.post(url, {"action": "open"}).status_code == 302
    fr = delegates["FR"][2]
    client.post(url, {"action": "enter", "enter-nomination": fr.pk, "enter-kind": "speech",
                      "enter-on_behalf_of": "group"})
    html = client.get(url).content.decode()
    assert fr.person.name in html and "Employers" in html and "Delegate" in html
    client.post(url, {"action": "next"})
    speaking = SpeakerRequest.objects.get(sitting=sitting)
    assert speaking.status == "speaking"
    html = client.get(url).content.decode()
    assert f'data-started="{int(speaking.started_at.timestamp())}"' in html


def test_a_stale_move_on_the_console_says_the_list_changed(client):
    sitting, delegates, chair, _ = opened()
    a = services.floor_request(actor=chair, sitting=sitting, person=delegates["FR"][0].person)
    b = services.floor_request(actor=chair, sitting=sitting, person=delegates["DE"][0].person)
    sitting.refresh_from_db()
    client.force_login(chair)
    url = reverse("sittings:console", kwargs={"pk": sitting.pk})
    stale = sitting.list_version - 1
    response = client.post(url, {"action": "up", "speaker": b.pk, "version": stale},
                           follow=True)
    assert "changed by someone else" in response.content.decode()
    assert [r.pk for r in services.waiting(sitting)] == [a.pk, b.pk]


def test_someone_else_may_not_open_the_console(client):
    sitting, _, _, _ = sitting_with_delegates()
    client.force_login(user_with_role(Role.MEETING_OFFICER))
    assert client.get(reverse("sittings:console", kwargs={"pk": sitting.pk})).status_code == 403


def test_a_delegate_asks_for_the_floor_and_withdraws_from_their_own_page(client):
    sitting, delegates, _, _ = opened()
    user = delegate_user(delegates["DE"][0])
    client.force_login(user)
    url = reverse("sittings:floor", kwargs={"pk": sitting.pk})
    response = client.post(url, {"action": "ask", "kind": "speech", "on_behalf_of": "self"},
                           follow=True)
    assert "You are number 1 in the list." in response.content.decode()
    response = client.post(url, {"action": "withdraw"}, follow=True)
    assert "Your request was withdrawn." in response.content.decode()
    assert SpeakerRequest.objects.get().status == "withdrawn"


def test_an_adviser_asking_alone_is_told_why_not(client):
    sitting, delegates, _, _ = opened(advisers=1)
    adviser = delegates["FR"][4]
    client.force_login(user_with_role(Role.DELEGATE, person=adviser.person))
    response = client.post(reverse("sittings:floor", kwargs={"pk": sitting.pk}),
                           {"action": "ask", "kind": "speech", "on_behalf_of": "self"})
    assert "An adviser speaks only when their delegate asks" in response.content.decode()
    assert not SpeakerRequest.objects.exists()


def test_the_clock_is_the_servers(client):
    sitting, delegates, chair, _ = opened()
    request = services.floor_request(actor=chair, sitting=sitting,
                                     person=delegates["FR"][0].person)
    services.floor_give(actor=chair, sitting=sitting,
                        at=timezone.now() - dt.timedelta(seconds=290))
    del request
    client.force_login(chair)
    html = client.get(reverse("sittings:floor", kwargs={"pk": sitting.pk})).content.decode()
    assert "Time nearly up" in html


def test_the_console_takes_up_another_item_of_the_sitting_only(client):
    from tests.factories import AgendaItemFactory

    sitting, delegates, chair, _ = opened()
    second = AgendaItemFactory(session=sitting.session, number="II")
    sitting.agenda_items.add(second)
    elsewhere = AgendaItemFactory(session=sitting.session, number="III")
    client.force_login(chair)
    url = reverse("sittings:console", kwargs={"pk": sitting.pk})
    assert "Take up this item" in client.get(url).content.decode()
    assert client.post(url, {"action": "item", "item": elsewhere.pk}).status_code == 404
    assert client.post(url, {"action": "item", "item": second.pk}).status_code == 302
    sitting.refresh_from_db()
    assert sitting.current_item == second
    asked = services.floor_request(actor=chair, sitting=sitting,
                                   person=delegates["FR"][0].person)
    assert asked.agenda_item == second
    assert sitting.events.filter(action="item").count() == 1
