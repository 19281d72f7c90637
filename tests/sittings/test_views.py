"""The sittings' pages: planning on the shared form, the Chair's console driving the list, the
delegate's own "Ask for the floor" / "Withdraw", and the clock from the server's time."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import user_with_role
from tests.sittings.factories import delegate_user, opened, secretariat, sitting_with_delegates
from tripartite.accounts.models import Role
from tripartite.sittings import selectors, services
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


# ---------------------------------------------------------------------------------------------
# The console follows the sitting live: the parts it fetches again when the stream says so


def test_the_consoles_live_parts_show_the_list_as_it_is_now_with_its_version(client):
    from tripartite.sittings import live

    sitting, delegates, chair, secretary = opened()
    client.force_login(secretary)
    url = reverse("sittings:console_live", kwargs={"pk": sitting.pk})
    html = client.get(url).content.decode()
    assert "Nobody is waiting for the floor." in html
    # another clerk enters a request: the parts show it, with the version they are at
    asked = services.floor_request(actor=chair, sitting=sitting,
                                   person=delegates["FR"][0].person)
    response = client.get(url)
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert f'data-console-version="{live.latest_version(sitting.pk)}"' in html
    assert asked.person.name in html and f'data-focus-key="up-{asked.pk}"' in html
    sitting.refresh_from_db()
    # the forms' version is the list's as it is now (a move from them is not refused)
    assert f'name="version" value="{sitting.list_version}"' in html
    for part in ("status", "list", "notes", "log"):
        assert f'data-console-part="{part}"' in html
    # the console page itself listens to the room's stream and names these parts
    page = client.get(reverse("sittings:console", kwargs={"pk": sitting.pk})).content.decode()
    assert f'data-fragment="{url}"' in page and "?view=display" in page
    assert 'aria-live="polite"' in page


def test_only_those_who_drive_the_console_fetch_its_live_parts(client):
    sitting, delegates, chair, secretary = opened()
    url = reverse("sittings:console_live", kwargs={"pk": sitting.pk})
    for user in (chair, secretary, secretariat()):
        client.force_login(user)
        assert client.get(url).status_code == 200
    for user in (user_with_role(Role.MEETING_OFFICER), delegate_user(delegates["FR"][0]),
                 user_with_role(Role.OBSERVER)):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


# ---------------------------------------------------------------------------------------------
# Notes on a request not yet given


def test_a_note_on_a_waiting_request_is_shown_and_becomes_the_speechs_notes(client):
    sitting, delegates, chair, secretary = opened()
    speaker = delegates["DE"][0].person
    waiting = services.floor_request(actor=chair, sitting=sitting, person=speaker)
    client.force_login(secretary)
    console = reverse("sittings:console", kwargs={"pk": sitting.pk})
    html = client.get(console).content.decode()
    assert f"Note on {speaker.name}" in html and f'id="id_notes_{waiting.pk}_text"' in html
    response = client.post(reverse("sittings:notes", kwargs={"pk": sitting.pk}),
                           {"speaker": waiting.pk, "text": "Will speak on behalf of GRULAC."},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = client.get(console).content.decode()
    assert "Note: Will speak on behalf of GRULAC." in html  # in the list of speakers
    services.floor_give(actor=chair, sitting=sitting)
    waiting.refresh_from_db()
    assert waiting.status == "speaking" and waiting.notes == "Will speak on behalf of GRULAC."
    html = client.get(console).content.decode()
    assert f"Notes on {speaker.name}" in html and "Will speak on behalf of GRULAC." in html
    services.floor_give(actor=chair, sitting=sitting)  # the speech ends
    [entry] = selectors.proceedings(sitting, "en")
    assert [(s["name"], s["notes"]) for s in entry.speakers] == [
        (speaker.name, "Will speak on behalf of GRULAC.")]


def test_a_decision_typed_for_an_item_another_console_left_is_not_recorded_on_the_new_one(
        client):
    from tests.factories import AgendaItemFactory
    from tripartite.sittings.models import ItemRecord

    sitting, _, chair, secretary = opened()
    first = sitting.current_item
    second = AgendaItemFactory(session=sitting.session, number="II")
    sitting.agenda_items.add(second)
    services.item_take_up(actor=chair, sitting=sitting, item=second)  # at the other console
    client.force_login(secretary)
    url = reverse("sittings:console", kwargs={"pk": sitting.pk})
    response = client.post(url, {"action": "decision", "item_shown": first.pk,
                                 "decision-outcome": "adopted",
                                 "decision-text_en": "The report is adopted."})
    html = response.content.decode()
    assert response.status_code == 200 and "the decision was not recorded" in html
    assert "The report is adopted." in html  # what was typed is still in the form
    assert not ItemRecord.objects.exclude(outcome="").exists()
    response = client.post(url, {"action": "decision", "item_shown": second.pk,
                                 "decision-outcome": "adopted",
                                 "decision-text_en": "The report is adopted."})
    assert response.status_code == 302
    assert ItemRecord.objects.get(outcome="adopted").agenda_item == second
