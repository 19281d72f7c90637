"""Input the database cannot take is refused with a clear 4xx, in the API and in pages, and
changes nothing: numbers beyond 64 bits, years out of range, multipart bodies without their
boundary, and deletes of records that others use (409 naming them)."""

import pytest
from django.test import Client

from tests import factories
from tests.api import actions, client_for, send
from tests.votes import factories as vote_factories
from tripartite.accounts.models import Role
from tripartite.meetings.models import AgendaItem

pytestmark = pytest.mark.django_db

TOO_LARGE = 2**63
AT_MOST = {"code": "validation_error",
           "message": "Ensure this value is at most 9223372036854775807."}


@pytest.fixture
def secretariat():
    return client_for(factories.user_with_role(Role.SECRETARIAT))


@pytest.mark.parametrize(("url", "field"), [
    (f"/api/people/{TOO_LARGE}", "path.id"),
    (f"/api/people?offset={TOO_LARGE}", "query.offset"),
    (f"/api/sessions?meeting={TOO_LARGE}", "query.meeting"),
])
def test_a_whole_number_beyond_64_bits_in_the_address_is_a_422(secretariat, url, field):
    response = secretariat.get(url)

    assert response.status_code == 422
    assert response.json() == {**AT_MOST, "errors": [{"field": field,
                                                      "message": AT_MOST["message"]}]}


def test_a_whole_number_beyond_64_bits_in_a_body_is_a_422(secretariat):
    before = actions()

    response = send(secretariat, "post", "/api/people",
                    {"name": "Ana", "gender": "f", "organisation": TOO_LARGE})

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "body.organisation",
                                          "message": AT_MOST["message"]}]
    assert actions() == before


@pytest.mark.parametrize("year", [0, 99999])
def test_a_year_out_of_range_is_a_422(secretariat, year):
    response = secretariat.get(f"/api/sessions?year={year}")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.year"


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_a_date_out_of_range_in_a_body_is_a_422(secretariat, moment):
    meeting = factories.MeetingFactory()

    response = send(secretariat, "post", "/api/sessions", {
        "meeting": meeting.pk, "title_en": "A session", "opens_at": moment,
        "closes_at": "2026-06-12T18:00:00+02:00"})

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "body.opens_at",
                                          "message": "The year must be from 1919 to 2200."}]


@pytest.mark.parametrize("year", ["0", "99999", "-1", "x"])
def test_the_calendar_page_shows_the_current_month_for_a_year_out_of_range(secretariat, year):
    response = secretariat.get(f"/meetings/calendar/?year={year}&month=1")

    assert response.status_code == 200


def test_a_multipart_body_without_boundary_is_a_400_in_the_api(secretariat):
    response = secretariat.generic("POST", "/api/people", b"name=Ana",
                                   content_type="multipart/form-data")

    assert response.status_code == 400
    assert response.json() == {
        "code": "unreadable_body",
        "message": "The request body could not be read: multipart/form-data needs its boundary."}


def test_a_multipart_body_without_boundary_is_a_400_on_a_page():
    user = factories.user_with_role(Role.SECRETARIAT)
    client = Client(enforce_csrf_checks=False)
    client.force_login(user)

    response = client.generic("POST", "/meetings/new/", b"title_en=A",
                              content_type="multipart/form-data")

    assert response.status_code == 400
    assert "multipart/form-data needs its boundary" in response.content.decode()


def test_deleting_an_agenda_item_a_vote_uses_is_a_409_naming_the_vote(secretariat):
    item = factories.AgendaItemFactory(number="3", title_en="Standard setting")
    vote_factories.vote(item)
    before = actions()

    response = secretariat.delete(f"/api/agenda-items/{item.pk}")

    assert response.status_code == 409
    assert response.json() == {
        "code": "in_use",
        "message": f"{item} cannot be deleted: it is used by vote “Final record vote”. "
                   "Remove or change those first."}
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    assert actions() == before


def test_deleting_an_agenda_item_a_vote_uses_is_a_409_on_its_page(secretariat):
    item = factories.AgendaItemFactory()
    vote_factories.vote(item)

    response = secretariat.post(f"/meetings/agenda/{item.pk}/delete/")

    assert response.status_code == 409
    assert "it is used by vote “Final record vote”" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_409_speaks_the_users_language():
    item = factories.AgendaItemFactory()
    vote_factories.vote(item)
    client = client_for(factories.user_with_role(Role.SECRETARIAT, language="fr"))

    response = client.delete(f"/api/agenda-items/{item.pk}")

    assert response.status_code == 409
    assert "ne peut pas être supprimé" in response.json()["message"]


@pytest.mark.parametrize("field", ["name", "gender"])
def test_null_for_a_field_that_needs_a_value_is_a_422(secretariat, field):
    person = factories.PersonFactory()

    response = send(secretariat, "patch", f"/api/people/{person.pk}", {field: None})

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": f"body.{field}",
                                          "message": "This field cannot be null."}]
