"""Deleting a sitting that has not opened: the confirmation page (what goes, what stays), the
API's DELETE, who may, and the refusal, with its reason, once the sitting has opened."""

import pytest
from django.urls import reverse

from tests.factories import user_with_role
from tests.sittings.factories import opened, secretariat, sitting_with_delegates
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.meetings.models import AgendaItem
from tripartite.sittings import services
from tripartite.sittings.models import Sitting, SittingEvent, SpeakerRequest

pytestmark = pytest.mark.django_db


def _url(sitting):
    return reverse("sittings:sitting_delete", kwargs={"pk": sitting.pk})


def _planned_with_a_request():
    sitting, delegates, chair, secretary = sitting_with_delegates()
    services.floor_request(actor=secretary, sitting=sitting, person=delegates["FR"][0].person)
    return sitting, chair, secretary


def test_the_page_shows_what_will_be_deleted_and_the_confirmed_post_deletes(client):
    sitting, _, _ = _planned_with_a_request()
    item = sitting.current_item
    client.force_login(secretariat())
    listing = client.get(reverse("sittings:session_sittings",
                                 kwargs={"session_pk": sitting.session_id})).content.decode()
    assert f'href="{_url(sitting)}"' in listing
    page = client.get(_url(sitting))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Delete the sitting “First sitting”?" in html and "Room XIX" in html
    assert "<dt>Requests for the floor deleted with it</dt><dd>1</dd>" in html
    assert f"{item.number} {item.title}" in html  # the item taken, which stays
    # one real button that says what it does, and a way back, both reached by the keyboard
    assert ('<button type="submit" name="confirm" value="yes" class="danger">'
            "Delete this sitting</button>") in html
    assert 'class="button secondary">Cancel</a>' in html
    # posting without the confirmation only asks again
    assert client.post(_url(sitting)).status_code == 200
    assert Sitting.objects.filter(pk=sitting.pk).exists()
    response = client.post(_url(sitting), {"confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("sittings:session_sittings",
                                           kwargs={"session_pk": sitting.session_id})
    assert not Sitting.objects.filter(pk=sitting.pk).exists()
    assert not SpeakerRequest.objects.filter(sitting_id=sitting.pk).exists()
    assert not SittingEvent.objects.filter(sitting_id=sitting.pk).exists()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    entry = ActionLogEntry.objects.get(action="sittings.sitting.deleted")
    assert entry.object_id == str(sitting.pk)
    assert (entry.data["title"], entry.data["agenda_items"], entry.data["requests"]) == (
        "First sitting", [item.pk], 1)


def test_only_those_who_edit_planned_sittings_delete_them(client):
    sitting, chair, secretary = _planned_with_a_request()
    for user in (chair, secretary, user_with_role(Role.OBSERVER)):
        client.force_login(user)
        assert client.get(_url(sitting)).status_code == 403
        assert client.post(_url(sitting), {"confirm": "yes"}).status_code == 403
        answer = client.delete(f"/api/sittings/{sitting.pk}")
        assert answer.status_code == 403 and answer.json()["code"] == "forbidden"
        with pytest.raises(PermissionDeniedError):
            services.sitting_delete(actor=user, sitting=sitting)
    assert Sitting.objects.filter(pk=sitting.pk).exists()
    assert not ActionLogEntry.objects.filter(action="sittings.sitting.deleted").exists()


def test_an_opened_sitting_is_not_deleted_and_the_page_says_why(client):
    sitting, _, _, _ = opened()
    events = SittingEvent.objects.filter(sitting=sitting).count()
    client.force_login(secretariat())
    page = client.get(_url(sitting)).content.decode()
    assert ("This sitting is “Open”: only a sitting that has not opened can be deleted. "
            "What happened at it is part of its record.") in page
    assert 'name="confirm"' not in page  # nothing to confirm
    refused = client.post(_url(sitting), {"confirm": "yes"}, follow=True)
    assert "only a sitting that has not opened can be deleted" in refused.content.decode()
    answer = client.delete(f"/api/sittings/{sitting.pk}")
    assert answer.status_code == 409 and answer.json()["code"] == "wrong_state"
    assert "only a sitting that has not opened" in answer.json()["message"]
    services.sitting_step(actor=secretariat(), sitting=sitting, step="close")
    assert client.delete(f"/api/sittings/{sitting.pk}").json()["code"] == "wrong_state"
    assert Sitting.objects.filter(pk=sitting.pk).exists()
    assert SittingEvent.objects.filter(sitting=sitting).count() == events + 1  # the close
    assert not ActionLogEntry.objects.filter(action="sittings.sitting.deleted").exists()


def test_the_refusal_is_in_the_users_language(client):
    sitting, _, _, _ = opened()
    staff = secretariat()
    staff.language = "es"
    staff.save()
    client.force_login(staff)
    page = client.get(_url(sitting)).content.decode()
    assert "Esta sesión está «Abierta»" in page
    assert "only a sitting" not in page
    answer = client.delete(f"/api/sittings/{sitting.pk}")
    assert answer.json()["message"].startswith("Esta sesión está «Abierta»")


def test_a_planned_sitting_with_notes_kept_on_it_is_not_deleted(client):
    sitting, _, secretary = _planned_with_a_request()
    services.note_save(actor=secretary, sitting=sitting, item=sitting.current_item,
                       text="Agreed beforehand.")
    with pytest.raises(ServiceError) as refused:
        services.sitting_delete(actor=secretariat(), sitting=sitting)
    assert refused.value.code == "has_record" and refused.value.status == 409
    client.force_login(secretariat())
    answer = client.delete(f"/api/sittings/{sitting.pk}")
    assert answer.status_code == 409 and answer.json() == {
        "code": "has_record",
        "message": "The secretary's notes are kept on this sitting: it cannot be deleted."}
    assert Sitting.objects.filter(pk=sitting.pk).exists()


def test_the_api_deletes_a_planned_sitting(client):
    sitting, _, _ = _planned_with_a_request()
    client.force_login(secretariat())
    answer = client.delete(f"/api/sittings/{sitting.pk}")
    assert answer.status_code == 204 and answer.content == b""
    assert not Sitting.objects.filter(pk=sitting.pk).exists()
    assert client.delete(f"/api/sittings/{sitting.pk}").status_code == 404
