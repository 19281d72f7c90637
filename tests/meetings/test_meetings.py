import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    SessionFactory,
    state,
    user_with_role,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.meetings.models import AgendaItem, Meeting, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = user_with_role(Role.SECRETARIAT)
    client.force_login(user)
    return user


SESSION_FORM = {
    "number": "115", "title_en": "115th Session of the International Labour Conference",
    "title_fr": "115e session de la Conférence internationale du Travail", "title_es": "",
    "opens_on": "2027-06-07", "opens_time": "10:00", "closes_on": "2027-06-18",
    "closes_time": "18:00", "time_zone": "Europe/Zurich", "venue_en": "Palais des Nations",
    "city_en": "Geneva", "country": "", "working_languages": ["en", "fr", "es"],
}


def test_create_a_meeting_then_a_session_with_agenda_items(client, officer):
    response = client.post(reverse("meetings:meeting_create"), {
        "type": "ilc", "title_en": "International Labour Conference",
        "title_fr": "Conférence internationale du Travail", "title_es": "", "acronym": "ILC"})
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:meeting_detail", args=[meeting.pk])
    response = client.post(reverse("meetings:session_create", args=[meeting.pk]),
                           {**SESSION_FORM, "country": state("CH").pk})
    session = Session.objects.get()
    assert response["Location"] == reverse("meetings:session_detail", args=[session.pk])
    # Typed in Geneva time (CEST, UTC+2), stored in UTC.
    assert session.opens_at == dt.datetime(2027, 6, 7, 8, 0, tzinfo=dt.UTC)
    assert session.local_opens_at.hour == 10
    for number, title in [("I", "Reports of the Chairperson"), ("IV", "Platform economy")]:
        response = client.post(reverse("meetings:agenda_item_create", args=[session.pk]),
                               {"number": number, "title_en": title, "technical": "on"})
        assert response.status_code == 302
    assert list(session.agenda_items.values_list("number", "position")) == [("I", 1),
                                                                           ("IV", 2)]
    page = client.get(reverse("meetings:session_detail", args=[session.pk])).content.decode()
    assert "Platform economy" in page and "7 June 2027, 10:00" in page
    actions = list(ActionLogEntry.objects.order_by("id").values_list("action", "actor"))
    assert actions == [("meetings.meeting.created", officer.pk),
                       ("meetings.session.created", officer.pk),
                       ("meetings.agenda_item.created", officer.pk),
                       ("meetings.agenda_item.created", officer.pk)]
    # The detail page shows its history, in words.
    assert f"{officer} created the session {session.title}." in page


def test_a_session_ending_before_it_starts_is_refused_in_french(client):
    client.force_login(user_with_role(Role.SECRETARIAT, language="fr"))
    meeting = MeetingFactory()
    response = client.post(reverse("meetings:session_create", args=[meeting.pk]),
                           {**SESSION_FORM, "closes_on": "2027-06-01"})
    assert response.status_code == 200
    assert "Une session doit se terminer après son ouverture." in response.content.decode()
    assert 'value="115th Session of the International Labour Conference"' in \
        response.content.decode()
    assert not Session.objects.exists()


def test_the_service_refuses_dates_out_of_order_too(officer):
    from django.core.exceptions import ValidationError

    from tripartite.meetings.services import session_create

    start = dt.datetime(2027, 1, 2, tzinfo=dt.UTC)
    with pytest.raises(ValidationError):
        session_create(actor=officer, meeting=MeetingFactory(), title_en="X",
                       opens_at=start, closes_at=start - dt.timedelta(hours=1))
    assert not Session.objects.exists()
    assert not ActionLogEntry.objects.exists()


def test_editing_a_session_keeps_local_times_and_logs_the_change(client, officer):
    session = SessionFactory(time_zone="America/Lima",
                             opens_at=dt.datetime(2026, 9, 1, 9, 0,
                                                  tzinfo=ZoneInfo("America/Lima")),
                             closes_at=dt.datetime(2026, 9, 4, 17, 0,
                                                   tzinfo=ZoneInfo("America/Lima")))
    form = client.get(reverse("meetings:session_edit", args=[session.pk])).context["form"]
    assert str(form.initial["opens_time"]) == "09:00:00"
    data = {**{k: v for k, v in form.initial.items() if v is not None}, "city_en": "Lima",
            "working_languages": ["en", "es"], "country": ""}
    response = client.post(reverse("meetings:session_edit", args=[session.pk]), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.city, session.working_languages) == ("Lima", ["en", "es"])
    assert session.opens_at == dt.datetime(2026, 9, 1, 14, 0, tzinfo=dt.UTC)
    entry = ActionLogEntry.objects.get(action="meetings.session.updated")
    assert entry.data["city_en"] == ["Geneva", "Lima"]
    # The French and Spanish names were the table's "Genève", "Ginebra": they follow.
    assert (session.city_fr, session.city_es) == ("Lima", "Lima")
    assert entry.data["city_fr"] == ["Genève", "Lima"]
    assert "opens_at" not in entry.data


def test_a_duplicate_agenda_item_number_is_refused(client, officer):
    item = AgendaItemFactory(number="IV")
    response = client.post(reverse("meetings:agenda_item_create", args=[item.session_id]),
                           {"number": "IV", "title_en": "Again"})
    assert response.status_code == 200
    assert AgendaItem.objects.count() == 1


def test_removing_an_agenda_item_is_logged(client, officer):
    item = AgendaItemFactory()
    client.post(reverse("meetings:agenda_item_delete", args=[item.pk]))
    assert not AgendaItem.objects.exists()
    assert ActionLogEntry.objects.get().action == "meetings.agenda_item.deleted"


def test_titles_show_in_the_users_language_with_english_fallback(client):
    session = SessionFactory(title_en="114th Session", title_fr="114e session", title_es=None)
    client.force_login(user_with_role(Role.OBSERVER, language="fr"))
    assert "114e session" in client.get(
        reverse("meetings:session_detail", args=[session.pk])).content.decode()
    client.force_login(user_with_role(Role.OBSERVER, language="es"))
    assert "114th Session" in client.get(
        reverse("meetings:session_detail", args=[session.pk])).content.decode()


def test_the_action_log_cannot_be_edited_or_deleted(officer):
    from tripartite.common.models import ActionLogIsImmutable
    from tripartite.meetings.services import meeting_create

    meeting_create(actor=officer, type="gb", title_en="Governing Body")
    entry = ActionLogEntry.objects.get()
    entry.action = "forged"
    with pytest.raises(ActionLogIsImmutable):
        entry.save()
    with pytest.raises(ActionLogIsImmutable):
        entry.delete()
    with pytest.raises(ActionLogIsImmutable):
        ActionLogEntry.objects.all().delete()
    with pytest.raises(ActionLogIsImmutable):
        ActionLogEntry.objects.update(action="forged")


@pytest.mark.parametrize("url_name", ["meetings:meeting_list", "meetings:session_detail"])
def test_meeting_pages_query_count_is_constant(client, url_name):
    client.force_login(user_with_role(Role.OBSERVER))
    first = AgendaItemFactory()
    kwargs = {"pk": first.session_id} if "session" in url_name else None
    url = reverse(url_name, kwargs=kwargs)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        AgendaItemFactory(session=first.session)
        SessionFactory(meeting=first.session.meeting)
        MeetingFactory()
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(one)


def test_officers_are_added_and_removed(client, officer):
    from tests.factories import PersonFactory
    from tripartite.meetings.models import Officer

    session = SessionFactory()
    president = PersonFactory(name="Ngozi Okafor")
    response = client.post(reverse("meetings:officer_create", args=[session.pk]),
                           {"role": "chair", "group": "government", "person": president.pk})
    assert response.status_code == 302
    chair = Officer.objects.get()
    assert (chair.person, chair.group) == (president, "government")
    assert "Ngozi Okafor" in client.get(
        reverse("meetings:session_detail", args=[session.pk])).content.decode()
    client.post(reverse("meetings:officer_delete", args=[chair.pk]))
    assert not Officer.objects.exists()
    assert list(ActionLogEntry.objects.values_list("action", flat=True).order_by("id")) == [
        "meetings.officer.created", "meetings.officer.deleted"]


def test_an_officer_must_be_a_known_person(client, officer):
    session = SessionFactory()
    response = client.post(reverse("meetings:officer_create", args=[session.pk]),
                           {"role": "chair", "person": 999999})
    assert response.status_code == 200
    assert "person" in response.context["form"].errors


@pytest.mark.parametrize(("role", "links"), [
    (Role.FOCAL_POINT, ["/delegations/portal/", "/lists/"]),
    (Role.SECRETARIAT, ["/delegations/sessions/", "/lists/current/", "/objections/",
                        "/figures/"]),
    (Role.DELEGATE, ["/lists/"]),
])
def test_a_conference_session_leads_to_its_delegations(client, role, links):
    session = SessionFactory()
    client.force_login(user_with_role(role))
    page = client.get(reverse("meetings:session_detail", args=[session.pk])).content.decode()
    for link in links:
        assert link in page
    if role != Role.SECRETARIAT:
        assert "/figures/" not in page
