"""The calendar of official meetings: month grid, list, and iCalendar feeds."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    SessionFactory,
    state,
    user_with_role,
)
from tripartite.accounts.calendar_keys import FEED_SALT, feed_key_for, user_for_feed_key
from tripartite.accounts.models import Role
from tripartite.meetings.vtimezone import vtimezone

pytestmark = pytest.mark.django_db

AUCKLAND = ZoneInfo("Pacific/Auckland")
GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def user(client):
    user = user_with_role(Role.OBSERVER)
    client.force_login(user)
    return user


def auckland_session(**kwargs):
    """Opens 1 June 2026 09:00 in Auckland, which is still 31 May in UTC."""
    defaults = {
        "number": "7", "title_en": "Asia and Pacific Regional Meeting",
        "title_fr": "Réunion régionale Asie-Pacifique",
        "opens_at": dt.datetime(2026, 6, 1, 9, 0, tzinfo=AUCKLAND),
        "closes_at": dt.datetime(2026, 6, 3, 17, 0, tzinfo=AUCKLAND),
        "time_zone": "Pacific/Auckland", "venue_en": "Aotea Centre", "city_en": "Auckland",
        "meeting": MeetingFactory(type="regional", title_en="Asia and Pacific Regional Meeting",
                                  acronym="APRM"),
    }
    return SessionFactory(**{**defaults, **kwargs})


def days_shown(response, session):
    return [day.date for week in response.context["weeks"] for day in week
            if any(entry.session == session for entry in day.entries)]


def month(client, **params):
    return client.get(reverse("meetings:calendar"), params)


# --- month view ----------------------------------------------------------------------------

def test_a_session_is_shown_on_its_local_days(client, user):
    session = auckland_session()
    assert session.opens_at.astimezone(dt.UTC).date() == dt.date(2026, 5, 31)
    response = month(client, year=2026, month=6)
    assert response.status_code == 200
    assert days_shown(response, session) == [dt.date(2026, 6, 1), dt.date(2026, 6, 2),
                                             dt.date(2026, 6, 3)]
    page = response.content.decode()
    link = reverse("meetings:session_detail", args=[session.pk])
    assert page.count(f'class="event type-regional" href="{link}"') == 3
    assert "<caption" in page and "June 2026" in page
    # May 2026 ends on a Sunday: its grid stops on 31 May, where the session is not held.
    may = month(client, year=2026, month=5)
    assert days_shown(may, session) == []
    assert not may.context["has_sessions"]
    assert link not in may.content.decode()


def test_a_session_also_shows_in_the_neighbouring_month_weeks(client, user):
    session = SessionFactory(opens_at=dt.datetime(2026, 6, 29, 10, tzinfo=GENEVA),
                             closes_at=dt.datetime(2026, 7, 2, 18, tzinfo=GENEVA))
    july = month(client, year=2026, month=7)
    # The July grid starts on Monday 29 June.
    assert days_shown(july, session) == [dt.date(2026, 6, 29), dt.date(2026, 6, 30),
                                         dt.date(2026, 7, 1), dt.date(2026, 7, 2)]
    in_month = [day.in_month for week in july.context["weeks"] for day in week
                if day.entries]
    assert in_month == [False, False, True, True]


def test_a_session_closing_at_midnight_does_not_occupy_the_next_day(client, user):
    session = SessionFactory(opens_at=dt.datetime(2026, 3, 9, 10, tzinfo=GENEVA),
                             closes_at=dt.datetime(2026, 3, 11, 0, 0, tzinfo=GENEVA))
    response = month(client, year=2026, month=3)
    assert days_shown(response, session) == [dt.date(2026, 3, 9), dt.date(2026, 3, 10)]


def test_weeks_start_on_monday_and_names_follow_the_language(client, user):
    user.language = "fr"
    user.save()
    response = month(client, year=2026, month=6)
    weeks = response.context["weeks"]
    assert all(week[0].date.weekday() == 0 for week in weeks)
    assert weeks[0][0].date == dt.date(2026, 6, 1)
    page = response.content.decode()
    assert "juin 2026" in page
    assert '<abbr title="lundi">' in page


def test_navigation_between_months_keeps_the_type_filter(client, user):
    response = month(client, year=2026, month=1, type="gb")
    url = reverse("meetings:calendar")
    assert response.context["previous_url"] == f"{url}?year=2025&month=12&type=gb"
    assert response.context["next_url"] == f"{url}?year=2026&month=2&type=gb"
    today = timezone.localdate()
    assert response.context["today_url"] == (
        f"{url}?year={today.year}&month={today.month}&type=gb")
    december = month(client, year=2026, month=12)
    assert december.context["next_url"] == f"{url}?year=2027&month=1"
    page = december.content.decode()
    assert f'href="{url}?year=2027&amp;month=1" rel="next"' in page


@pytest.mark.parametrize("params", [
    {"year": "abc"}, {"month": "13"}, {"month": "0"}, {"year": "2026", "month": "x"},
    {"year": "99999", "month": "1"}, {"year": "-4", "month": "2"}, {"year": "1e3"},
    {"year": "2026", "month": "6", "type": "nonsense"}, {"month": "²"},
])
def test_bad_parameters_fall_back_to_the_current_month(client, user, params):
    response = month(client, **params)
    assert response.status_code == 200
    today = timezone.localdate()
    expected = dt.date(2026, 6, 1) if params.get("month") == "6" else today.replace(day=1)
    assert response.context["month_start"] == expected
    assert response.context["meeting_type"] == ""


def test_the_first_and_last_months_have_no_link_beyond(client, user):
    assert month(client, year=1919, month=1).context["previous_url"] is None
    assert month(client, year=2200, month=12).context["next_url"] is None


def test_filter_by_meeting_type(client, user):
    conference = SessionFactory(opens_at=dt.datetime(2026, 6, 1, 10, tzinfo=GENEVA))
    board = SessionFactory(meeting=MeetingFactory(type="gb", title_en="Governing Body"),
                           opens_at=dt.datetime(2026, 6, 2, 10, tzinfo=GENEVA),
                           closes_at=dt.datetime(2026, 6, 3, 18, tzinfo=GENEVA))
    response = month(client, year=2026, month=6, type="gb")
    assert days_shown(response, board) == [dt.date(2026, 6, 2), dt.date(2026, 6, 3)]
    assert days_shown(response, conference) == []
    assert "type-gb" in response.content.decode()


@pytest.mark.parametrize("name", ["meetings:calendar", "meetings:calendar_list"])
def test_pages_need_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_offer_the_personal_feed_address(client, user):
    for name in ("meetings:calendar", "meetings:calendar_list"):
        response = client.get(reverse(name), {"type": "ilc"})
        feed = response.context["feed"]
        key = feed_key_for(user)
        path = reverse("meetings:ics_calendar")
        assert feed["http"] == f"{settings.SITE_URL}{path}?key={key}"
        assert feed["webcal"] == "webcal://" + feed["http"].split("://", 1)[1]
        assert response.context["type_feed"]["http"] == f"{feed['http']}&type=ilc"
        page = response.content.decode()
        assert f'href="{feed["webcal"]}"' in page and "Thunderbird" in page


# --- list view -----------------------------------------------------------------------------

def test_list_shows_upcoming_or_past_sessions_grouped_by_month(client, user):
    now = timezone.now()
    next_year = now.year + 1
    upcoming = auckland_session(
        opens_at=dt.datetime(next_year, 6, 1, 9, 0, tzinfo=AUCKLAND),
        closes_at=dt.datetime(next_year, 6, 3, 17, 0, tzinfo=AUCKLAND))
    later = SessionFactory(opens_at=dt.datetime(next_year, 7, 6, 10, tzinfo=GENEVA),
                           closes_at=dt.datetime(next_year, 7, 8, 18, tzinfo=GENEVA))
    past = SessionFactory(opens_at=now - dt.timedelta(days=40),
                          closes_at=now - dt.timedelta(days=30))
    response = client.get(reverse("meetings:calendar_list"))
    assert response.status_code == 200
    months = [(start, [entry.session for entry in entries])
              for start, entries in response.context["months"]]
    # Grouped by the local month: the Auckland session opens on 31 May in UTC.
    assert months == [(dt.date(next_year, 6, 1), [upcoming]),
                      (dt.date(next_year, 7, 1), [later])]
    page = response.content.decode()
    assert f"1 June {next_year}, 09:00 – 3 June {next_year}, 17:00" in page
    assert "Pacific/Auckland (UTC+12:00)" in page
    assert "Aotea Centre, Auckland" in page
    assert reverse("meetings:ics_session", args=[upcoming.pk]) in page
    assert past.title not in page

    response = client.get(reverse("meetings:calendar_list"), {"past": "1"})
    assert [entry.session for _start, entries in response.context["months"]
            for entry in entries] == [past]


def test_list_filters_by_type_and_survives_a_bad_page(client, user):
    future = timezone.now() + dt.timedelta(days=10)
    SessionFactory(opens_at=future, closes_at=future + dt.timedelta(days=2))
    board = SessionFactory(meeting=MeetingFactory(type="gb"), opens_at=future,
                           closes_at=future + dt.timedelta(days=1))
    response = client.get(reverse("meetings:calendar_list"), {"type": "gb", "page": "x"})
    assert response.status_code == 200
    assert [entry.session for _start, entries in response.context["months"]
            for entry in entries] == [board]


# --- iCalendar -----------------------------------------------------------------------------

def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="tripartite.ics"'
    return icalendar.Calendar.from_ical(response.content)


def test_the_feed_carries_local_times_with_their_zone(client, user):
    session = auckland_session(country=None)
    AgendaItemFactory(session=session, number="I", position=1, title_en="Decent work")
    AgendaItemFactory(session=session, number="II", position=2, title_en="Skills")
    cal = parse(client.get(reverse("meetings:ics_calendar")))
    assert str(cal["PRODID"]) == "-//Tripartite//Official meetings//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Tripartite · Official meetings"
    [event] = cal.events
    assert str(event["UID"]) == f"session-{session.pk}@tripartite"
    assert event["DTSTART"].params["TZID"] == "Pacific/Auckland"
    assert event.start == dt.datetime(2026, 6, 1, 9, 0, tzinfo=AUCKLAND)
    assert event.start.replace(tzinfo=None) == dt.datetime(2026, 6, 1, 9, 0)
    assert event["DTEND"].params["TZID"] == "Pacific/Auckland"
    assert event.end == dt.datetime(2026, 6, 3, 17, 0, tzinfo=AUCKLAND)
    assert str(event["SUMMARY"]) == "Asia and Pacific Regional Meeting"
    assert str(event["LOCATION"]) == "Aotea Centre, Auckland"
    url = settings.SITE_URL + reverse("meetings:session_detail", args=[session.pk])
    assert str(event["URL"]) == url
    assert str(event["DESCRIPTION"]) == (
        "Asia and Pacific Regional Meeting\nSession: 7\n\nAgenda\nI. Decent work\n"
        f"II. Skills\n\n{url}")
    assert event["LAST-MODIFIED"].dt.tzinfo is not None
    assert "DTSTAMP" in event and "SEQUENCE" in event

    [zone] = cal.timezones
    assert zone.tz_name == "Pacific/Auckland"
    assert cal.get_missing_tzids() == set()
    # Written with yearly rules (Outlook ignores RDATE), and right for the session's dates.
    assert all("RRULE" in onset and "RDATE" not in onset for onset in zone.subcomponents)
    as_written = zone.to_tz(lookup_tzid=False)
    local = dt.datetime(2026, 6, 1, 9, 0, tzinfo=as_written)
    assert local.astimezone(dt.UTC) == session.opens_at


def test_the_summary_follows_the_language(client, user):
    session = auckland_session()
    cal = parse(client.get(reverse("meetings:ics_calendar"), {"lang": "fr"}))
    assert str(cal.events[0]["SUMMARY"]) == "Réunion régionale Asie-Pacifique"
    assert str(cal["X-WR-CALNAME"]) == "Tripartite · Réunions officielles"
    user.language = "fr"
    user.save()
    cal = parse(client.get(reverse("meetings:ics_session", args=[session.pk])))
    assert str(cal.events[0]["SUMMARY"]) == "Réunion régionale Asie-Pacifique"
    # No Spanish title: the English one stands in.
    cal = parse(client.get(reverse("meetings:ics_session", args=[session.pk]), {"lang": "es"}))
    assert str(cal.events[0]["SUMMARY"]) == "Asia and Pacific Regional Meeting"


def test_the_feed_key_user_language_sets_the_summary(client):
    reader = user_with_role(Role.DELEGATE, language="fr")
    auckland_session()
    response = client.get(reverse("meetings:ics_calendar"), {"key": feed_key_for(reader)})
    assert str(parse(response).events[0]["SUMMARY"]) == "Réunion régionale Asie-Pacifique"


def test_one_session_feed_and_type_filter(client, user):
    session = auckland_session()
    geneva = SessionFactory()
    cal = parse(client.get(reverse("meetings:ics_session", args=[session.pk])))
    assert [str(event["UID"]) for event in cal.events] == [f"session-{session.pk}@tripartite"]
    cal = parse(client.get(reverse("meetings:ics_calendar"), {"type": "ilc"}))
    assert [str(event["UID"]) for event in cal.events] == [f"session-{geneva.pk}@tripartite"]
    assert [zone.tz_name for zone in cal.timezones] == ["Europe/Zurich"]
    assert client.get(reverse("meetings:ics_session", args=[999999])).status_code == 404


def test_a_valid_key_opens_the_feed_without_a_login(client):
    reader = user_with_role(Role.DELEGATE)
    session = SessionFactory()
    key = feed_key_for(reader)
    assert key == feed_key_for(reader)  # the same address every time
    assert user_for_feed_key(key) == reader
    cal = parse(client.get(reverse("meetings:ics_calendar"), {"key": key}))
    assert len(cal.events) == 1
    cal = parse(client.get(reverse("meetings:ics_session", args=[session.pk]), {"key": key}))
    assert len(cal.events) == 1


@pytest.mark.parametrize("make_key", [
    lambda user: feed_key_for(user)[:-2] + "xx",
    lambda user: signing.Signer(salt="another.purpose").sign_object({"u": user.pk}),
    lambda user: signing.Signer(salt=FEED_SALT).sign_object({"u": user.pk + 1000}),
    lambda user: signing.Signer(salt=FEED_SALT).sign_object({"u": str(user.pk)}),
    lambda user: signing.Signer(salt=FEED_SALT).sign_object([user.pk]),
    lambda user: signing.dumps({"u": user.pk}, salt=FEED_SALT),
    lambda user: "",
])
def test_a_bad_key_is_refused(client, make_key):
    reader = user_with_role(Role.DELEGATE)
    session = SessionFactory()
    key = make_key(reader)
    for url in (reverse("meetings:ics_calendar"),
                reverse("meetings:ics_session", args=[session.pk])):
        response = client.get(url, {"key": key})
        assert response.status_code == 403
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert b"BEGIN:VCALENDAR" not in response.content


def test_no_key_and_no_login_is_refused(client):
    assert client.get(reverse("meetings:ics_calendar")).status_code == 403


def test_an_inactive_users_key_is_refused(client):
    reader = user_with_role(Role.DELEGATE)
    key = feed_key_for(reader)
    reader.is_active = False
    reader.save()
    assert user_for_feed_key(key) is None
    assert client.get(reverse("meetings:ics_calendar"), {"key": key}).status_code == 403


def test_feed_queries_do_not_grow_with_sessions(client, django_assert_num_queries):
    reader = user_with_role(Role.DELEGATE)
    url = reverse("meetings:ics_calendar")
    key = feed_key_for(reader)
    first = auckland_session()
    AgendaItemFactory(session=first)
    # the key's user, the sessions with their meeting and country, their agenda items
    with django_assert_num_queries(3):
        assert len(parse(client.get(url, {"key": key})).events) == 1
    for _ in range(2):
        session = SessionFactory()
        AgendaItemFactory.create_batch(2, session=session)
    with django_assert_num_queries(3):
        assert len(parse(client.get(url, {"key": key})).events) == 3


# --- time zone definitions -----------------------------------------------------------------

@pytest.mark.parametrize("tzid", [
    "Europe/Zurich", "Pacific/Auckland", "America/New_York", "Asia/Bangkok",
    "America/Sao_Paulo", "Europe/Moscow", "Africa/Casablanca", "Australia/Lord_Howe",
])
def test_vtimezone_matches_the_time_zone_database(tzid):
    """Read back, the definition gives the same UTC offset as zoneinfo at every hour.

    Offsets change only at transitions: each zone is read day by day, and hour by hour on
    both sides of every day where either of them changes (the whole window hour by hour took
    a quarter of a minute per zone)."""
    first_year, last_year = 2008, 2028
    written = icalendar.Timezone.from_ical(vtimezone(tzid, first_year, last_year).to_ical())
    as_written = written.to_tz(lookup_tzid=False)
    zone = ZoneInfo(tzid)

    def offsets(moment):
        return moment.astimezone(as_written).utcoffset(), moment.astimezone(zone).utcoffset()

    start = dt.datetime(first_year + 1, 1, 1, tzinfo=dt.UTC)
    days = [start + dt.timedelta(days=n)
            for n in range((dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC) - start).days)]
    daily = [offsets(day) for day in days]
    changes = [days[n] for n in range(1, len(days)) if daily[n] != daily[n - 1]]
    hours = {day + dt.timedelta(hours=h) for day in changes for h in range(-26, 26)}
    wrong = sorted(moment for moment in set(days) | hours
                   if len(set(offsets(moment))) != 1)
    assert wrong == []


def _sessions_on_page(response):
    if "weeks" in response.context:
        return {entry.session for week in response.context["weeks"] for day in week
                for entry in day.entries}
    return {entry.session for _start, entries in response.context["months"]
            for entry in entries}


@pytest.mark.parametrize("name", ["meetings:calendar", "meetings:calendar_list"])
def test_page_queries_do_not_grow_with_sessions(client, user, name):
    start = timezone.now() + dt.timedelta(days=1)
    params = {"year": start.year, "month": start.month}

    def add_session():
        SessionFactory(opens_at=start, closes_at=start + dt.timedelta(hours=8),
                       country=state("CH"))

    add_session()
    with CaptureQueriesContext(connection) as one:
        assert len(_sessions_on_page(client.get(reverse(name), params))) == 1
    add_session()
    add_session()
    with CaptureQueriesContext(connection) as three:
        assert len(_sessions_on_page(client.get(reverse(name), params))) == 3
    assert len(three) == len(one)
