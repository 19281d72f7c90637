"""API for meetings, sessions and agenda items."""

import datetime as dt

import pytest

from tests import factories
from tests.api import actions, client_for, send
from tripartite.common.models import ActionLogEntry
from tripartite.meetings.models import AgendaItem, Meeting, Session

pytestmark = pytest.mark.django_db

NEW_SESSION = {"title_en": "114th Session of the Conference",
               "title_fr": "114e session de la Conférence", "number": "114",
               "opens_at": "2026-06-01T10:00:00+02:00", "closes_at": "2026-06-12T18:00:00+02:00",
               "time_zone": "Europe/Zurich", "venue": "Palais des Nations", "city": "Geneva",
               "country": "CH"}


@pytest.fixture
def secretariat():
    return client_for(factories.user_with_role("secretariat"))


@pytest.fixture
def meeting_officer():
    return client_for(factories.user_with_role("meeting_officer"))


@pytest.fixture
def observer():
    return client_for(factories.user_with_role("observer"))


# --- meetings ----------------------------------------------------------------------------

def test_a_meeting_officer_creates_reads_and_changes_a_meeting(meeting_officer):
    created = send(meeting_officer, "post", "/api/meetings",
                   {"type": "gb", "title_en": "Governing Body",
                    "title_fr": "Conseil d'administration", "acronym": "GB"})

    assert created.status_code == 201
    meeting = Meeting.objects.get()
    assert created.json() == {
        "id": meeting.pk, "type": "gb", "title": "Governing Body",
        "title_en": "Governing Body", "title_fr": "Conseil d'administration", "title_es": None,
        "acronym": "GB", "created_at": created.json()["created_at"],
        "updated_at": created.json()["updated_at"]}

    read = meeting_officer.get(f"/api/meetings/{meeting.pk}")
    changed = send(meeting_officer, "patch", f"/api/meetings/{meeting.pk}",
                   {"title_es": "Consejo de Administración",
                    "updated_at": read.json()["updated_at"]})

    assert read.status_code == 200
    assert changed.status_code == 200
    assert changed.json()["title_es"] == "Consejo de Administración"
    meeting.refresh_from_db()
    assert meeting.title_es == "Consejo de Administración"
    assert actions() == ["meetings.meeting.created", "meetings.meeting.updated"]


def test_titles_come_in_the_three_languages_and_in_the_requests(observer):
    meeting = factories.MeetingFactory()

    french = observer.get(f"/api/meetings/{meeting.pk}", HTTP_ACCEPT_LANGUAGE="fr").json()
    spanish_user = client_for(factories.user_with_role("observer", language="es"))
    spanish = spanish_user.get("/api/meetings").json()

    assert french["title"] == "Conférence internationale du Travail"
    assert french["title_en"] == "International Labour Conference"
    assert [item["title"] for item in spanish] == ["Conferencia Internacional del Trabajo"]


def test_an_untranslated_title_falls_back_to_english(observer):
    meeting = factories.MeetingFactory(title_en="Symposium on care", title_fr=None,
                                       title_es=None)

    response = observer.get(f"/api/meetings/{meeting.pk}", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json()["title"] == "Symposium on care"
    assert response.json()["title_fr"] is None


def test_a_meeting_without_an_english_title_is_a_422(secretariat):
    response = send(secretariat, "post", "/api/meetings",
                    {"type": "gb", "title_fr": "Conseil d'administration"})

    assert response.status_code == 422
    assert response.json() == {
        "code": "validation_error", "message": "This field is required.",
        "errors": [{"field": "body.title_en", "message": "This field is required."}]}
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", ["observer", "focal_point", "delegate", "senior_official"])
def test_only_meeting_managers_write_meetings(role):
    client = client_for(factories.user_with_role(role))
    meeting = factories.MeetingFactory()

    created = send(client, "post", "/api/meetings", {"type": "gb", "title_en": "GB"})
    changed = send(client, "patch", f"/api/meetings/{meeting.pk}", {"acronym": "CIT"})

    assert (created.status_code, changed.status_code) == (403, 403)
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 200
    assert Meeting.objects.get().acronym == "ILC"
    assert actions() == []


def test_a_stale_update_of_a_meeting_is_a_409(secretariat):
    meeting = factories.MeetingFactory()
    seen = secretariat.get(f"/api/meetings/{meeting.pk}").json()["updated_at"]
    send(secretariat, "patch", f"/api/meetings/{meeting.pk}", {"acronym": "CIT"})

    response = send(secretariat, "patch", f"/api/meetings/{meeting.pk}",
                    {"acronym": "ILO-C", "updated_at": seen})

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert Meeting.objects.get().acronym == "CIT"
    assert actions() == ["meetings.meeting.updated"]


def test_an_update_timestamp_without_offset_is_a_422(secretariat):
    meeting = factories.MeetingFactory()

    response = send(secretariat, "patch", f"/api/meetings/{meeting.pk}",
                    {"acronym": "CIT", "updated_at": "2026-01-01T10:00:00"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.updated_at"


# --- sessions ----------------------------------------------------------------------------

def test_a_session_is_created_in_utc_and_answered_with_its_time_zone(meeting_officer):
    meeting = factories.MeetingFactory()

    response = send(meeting_officer, "post", "/api/sessions",
                    {**NEW_SESSION, "meeting": meeting.pk})

    assert response.status_code == 201
    session = Session.objects.get()
    assert session.opens_at == dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
    assert session.closes_at == dt.datetime(2026, 6, 12, 16, 0, tzinfo=dt.UTC)
    assert session.country == factories.state("CH")
    body = response.json()
    assert body == {
        "id": session.pk, "meeting": meeting.pk,
        "meeting_title": "International Labour Conference", "number": "114",
        "title": "114th Session of the Conference",
        "title_en": "114th Session of the Conference",
        "title_fr": "114e session de la Conférence", "title_es": None,
        "opens_at": "2026-06-01T08:00:00Z", "closes_at": "2026-06-12T16:00:00Z",
        "time_zone": "Europe/Zurich",
        "opens_at_local": "2026-06-01T10:00:00+02:00",
        "closes_at_local": "2026-06-12T18:00:00+02:00",
        "venue": "Palais des Nations", "city": "Geneva", "country": "CH",
        "venue_en": "Palais des Nations", "venue_fr": "Palais des Nations",
        "venue_es": "Palacio de las Naciones", "city_en": "Geneva", "city_fr": "Genève",
        "city_es": "Ginebra",
        "working_languages": ["en", "fr", "es"],
        "created_at": body["created_at"], "updated_at": body["updated_at"]}
    assert actions() == ["meetings.session.created"]


def test_a_session_that_closes_before_it_opens_is_a_422_on_closes_at(secretariat):
    meeting = factories.MeetingFactory()

    response = send(secretariat, "post", "/api/sessions",
                    {**NEW_SESSION, "meeting": meeting.pk,
                     "closes_at": "2026-05-31T18:00:00+02:00"})

    assert response.status_code == 422
    assert response.json() == {
        "code": "validation_error", "message": "A session must close after it opens.",
        "errors": [{"field": "body.closes_at",
                    "message": "A session must close after it opens."}]}
    assert not Session.objects.exists()
    assert actions() == []


def test_a_session_time_without_offset_is_a_422(secretariat):
    meeting = factories.MeetingFactory()

    response = send(secretariat, "post", "/api/sessions",
                    {**NEW_SESSION, "meeting": meeting.pk, "opens_at": "2026-06-01T10:00:00"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.opens_at",
         "message": "Give the time with its offset from UTC, e.g. 2026-06-01T10:00:00+02:00."}]


def test_a_session_naming_unknown_things_is_a_422(secretariat):
    meeting = factories.MeetingFactory()

    no_meeting = send(secretariat, "post", "/api/sessions", {**NEW_SESSION, "meeting": 999999})
    no_country = send(secretariat, "post", "/api/sessions",
                      {**NEW_SESSION, "meeting": meeting.pk, "country": "ZZ"})
    no_zone = send(secretariat, "post", "/api/sessions",
                   {**NEW_SESSION, "meeting": meeting.pk, "time_zone": "Mars/Olympus"})

    assert no_meeting.json()["errors"] == [
        {"field": "body.meeting", "message": "No meeting has the id 999999."}]
    assert no_country.json()["errors"] == [
        {"field": "body.country", "message": "No member State has the code ZZ."}]
    assert no_zone.json()["errors"] == [
        {"field": "body.time_zone", "message": "Unknown time zone: Mars/Olympus"}]
    assert not Session.objects.exists()


def test_sessions_are_listed_and_filtered_by_meeting_and_year(observer):
    conference = factories.MeetingFactory()
    governing_body = factories.MeetingFactory(type="gb", title_en="Governing Body")
    june = factories.SessionFactory(meeting=conference)
    november = factories.SessionFactory(
        meeting=governing_body, opens_at=dt.datetime(2025, 11, 3, 9, 0, tzinfo=dt.UTC),
        closes_at=dt.datetime(2025, 11, 13, 18, 0, tzinfo=dt.UTC))

    everything = observer.get("/api/sessions").json()
    of_conference = observer.get(f"/api/sessions?meeting={conference.pk}").json()
    of_2025 = observer.get("/api/sessions?year=2025").json()

    assert [session["id"] for session in everything] == [november.pk, june.pk]
    assert [session["id"] for session in of_conference] == [june.pk]
    assert [session["id"] for session in of_2025] == [november.pk]


def test_a_session_is_changed_and_it_is_logged(secretariat):
    session = factories.SessionFactory()
    seen = secretariat.get(f"/api/sessions/{session.pk}").json()["updated_at"]

    response = send(secretariat, "patch", f"/api/sessions/{session.pk}",
                    {"closes_at": "2026-06-13T12:00:00+02:00", "updated_at": seen})

    assert response.status_code == 200
    assert response.json()["closes_at"] == "2026-06-13T10:00:00Z"
    session.refresh_from_db()
    assert session.closes_at == dt.datetime(2026, 6, 13, 10, 0, tzinfo=dt.UTC)
    entry = ActionLogEntry.objects.get()
    assert entry.action == "meetings.session.updated"


def test_moving_the_close_before_the_opening_is_a_422(secretariat):
    session = factories.SessionFactory()

    response = send(secretariat, "patch", f"/api/sessions/{session.pk}",
                    {"closes_at": "2026-05-01T12:00:00+02:00"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.closes_at", "message": "A session must close after it opens."}]
    session.refresh_from_db()
    assert session.closes_at == factories.SessionFactory.closes_at


def test_an_observer_reads_sessions_but_may_not_write_them(observer):
    session = factories.SessionFactory()

    assert observer.get(f"/api/sessions/{session.pk}").status_code == 200
    assert send(observer, "post", "/api/sessions",
                {**NEW_SESSION, "meeting": session.meeting_id}).status_code == 403
    assert send(observer, "patch", f"/api/sessions/{session.pk}",
                {"city": "Turin"}).status_code == 403
    assert Session.objects.count() == 1
    assert actions() == []


def test_a_stale_update_of_a_session_is_a_409(secretariat):
    session = factories.SessionFactory()
    seen = secretariat.get(f"/api/sessions/{session.pk}").json()["updated_at"]
    send(secretariat, "patch", f"/api/sessions/{session.pk}", {"venue": "ILO headquarters"})

    response = send(secretariat, "patch", f"/api/sessions/{session.pk}",
                    {"venue": "CICG", "updated_at": seen})

    assert response.status_code == 409
    session.refresh_from_db()
    assert session.venue == "ILO headquarters"


def test_an_unknown_session_is_a_404(secretariat):
    assert secretariat.get("/api/sessions/999999").status_code == 404
    assert send(secretariat, "patch", "/api/sessions/999999", {"city": "X"}).status_code == 404
    assert secretariat.get("/api/sessions/999999/agenda-items").status_code == 404


def test_listing_sessions_costs_the_same_queries_for_one_row_and_three(
        observer, django_assert_num_queries):
    factories.SessionFactory(country=factories.state("CH"))
    observer.get("/api/sessions")

    with django_assert_num_queries(3):  # session, user, sessions with meeting and country
        one = observer.get("/api/sessions")
    factories.SessionFactory(country=factories.state("IT"))
    factories.SessionFactory()
    with django_assert_num_queries(3):
        three = observer.get("/api/sessions")

    assert (len(one.json()), len(three.json())) == (1, 3)


# --- agenda items ------------------------------------------------------------------------

def test_an_agenda_is_built_read_changed_and_pruned(meeting_officer):
    session = factories.SessionFactory()
    url = f"/api/sessions/{session.pk}/agenda-items"

    first = send(meeting_officer, "post", url,
                 {"number": "I", "title_en": "Reports of the Chairperson",
                  "title_fr": "Rapports du Président", "technical": False})
    second = send(meeting_officer, "post", url,
                  {"number": "IV", "title_en": "Decent work in the platform economy"})

    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["position"], second.json()["position"]) == (1, 2)
    item = AgendaItem.objects.get(number="IV")
    assert second.json() == {
        "id": item.pk, "session": session.pk, "number": "IV", "position": 2,
        "title": "Decent work in the platform economy",
        "title_en": "Decent work in the platform economy", "title_fr": None, "title_es": None,
        "technical": True, "created_at": second.json()["created_at"],
        "updated_at": second.json()["updated_at"]}

    listing = meeting_officer.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert [(entry["number"], entry["title"]) for entry in listing] == [
        ("I", "Rapports du Président"), ("IV", "Decent work in the platform economy")]

    changed = send(meeting_officer, "patch", f"/api/agenda-items/{item.pk}",
                   {"title_fr": "Le travail décent dans l'économie des plateformes",
                    "updated_at": second.json()["updated_at"]})
    assert changed.status_code == 200
    assert meeting_officer.get(f"/api/agenda-items/{item.pk}").json()["title_fr"] == (
        "Le travail décent dans l'économie des plateformes")

    deleted = meeting_officer.delete(f"/api/agenda-items/{item.pk}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert list(AgendaItem.objects.values_list("number", flat=True)) == ["I"]
    assert actions() == ["meetings.agenda_item.created", "meetings.agenda_item.created",
                         "meetings.agenda_item.updated", "meetings.agenda_item.deleted"]


def test_an_agenda_item_without_title_or_with_a_taken_number_is_a_422(secretariat):
    item = factories.AgendaItemFactory(number="IV")
    url = f"/api/sessions/{item.session_id}/agenda-items"

    untitled = send(secretariat, "post", url, {"number": "V"})
    taken = send(secretariat, "post", url, {"number": "IV", "title_en": "Another"})

    assert untitled.status_code == 422
    assert untitled.json()["errors"] == [
        {"field": "body.title_en", "message": "This field is required."}]
    assert taken.status_code == 422
    assert taken.json()["code"] == "validation_error"
    assert AgendaItem.objects.count() == 1


def test_an_observer_may_not_change_the_agenda(observer):
    item = factories.AgendaItemFactory()

    assert observer.get(f"/api/sessions/{item.session_id}/agenda-items").status_code == 200
    assert send(observer, "post", f"/api/sessions/{item.session_id}/agenda-items",
                {"number": "IX", "title_en": "X"}).status_code == 403
    assert send(observer, "patch", f"/api/agenda-items/{item.pk}",
                {"technical": False}).status_code == 403
    assert observer.delete(f"/api/agenda-items/{item.pk}").status_code == 403
    assert AgendaItem.objects.get().technical is True
    assert actions() == []


def test_a_stale_update_of_an_agenda_item_is_a_409(secretariat):
    item = factories.AgendaItemFactory()
    seen = secretariat.get(f"/api/agenda-items/{item.pk}").json()["updated_at"]
    send(secretariat, "patch", f"/api/agenda-items/{item.pk}", {"position": 7})

    response = send(secretariat, "patch", f"/api/agenda-items/{item.pk}",
                    {"position": 9, "updated_at": seen})

    assert response.status_code == 409
    assert AgendaItem.objects.get().position == 7


def test_deleting_an_unknown_agenda_item_is_a_404(secretariat):
    assert secretariat.delete("/api/agenda-items/999999").status_code == 404
