"""The calendar of official meetings: a month grid, a list, and iCalendar feeds.

Sessions are stored in UTC and shown in their own time zone (the venue's): a session in
Auckland opening on 1 June at 09:00 local time appears on 1 June, although it opens on
31 May in UTC. The feeds carry local times with their TZID and a VTIMEZONE for each zone.

Calendar clients cannot log in, so a feed URL carries a signed key naming the user
(:mod:`tripartite.accounts.calendar_keys`, replaceable from the profile page); a logged-in
browser needs no key.
"""

import calendar as pycalendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from tripartite.accounts.calendar_keys import feed_key_for, user_for_feed_key
from tripartite.meetings.models import AgendaItem, MeetingType, Session
from tripartite.meetings.permissions import can_view_meetings
from tripartite.meetings.vtimezone import vtimezone

UTC = dt.UTC
PRODID = "-//Tripartite//Official meetings//EN"
# The ILO was founded in 1919; the upper bound keeps "next month" links computable.
MIN_YEAR, MAX_YEAR = 1919, 2200
LIST_PAGE_SIZE = 50


# --- feed addresses --------------------------------------------------------------------

def feed_urls(user, *, meeting_type: str = "") -> dict:
    """The absolute https:// and webcal:// addresses of the whole-calendar feed for ``user``."""
    query = {"key": feed_key_for(user)}
    if meeting_type:
        query["type"] = meeting_type
    url = f"{settings.SITE_URL}{reverse('meetings:ics_calendar')}?{urlencode(query, safe=':')}"
    scheme, _sep, rest = url.partition("://")
    return {"http": url, "webcal": f"webcal://{rest}"}


# --- sessions in their own time zone -------------------------------------------------------

def session_zone(session) -> dt.tzinfo:
    """The session's zone; UTC if the stored name is unknown (bad data must not break pages)."""
    try:
        return ZoneInfo(session.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_days(session) -> tuple[dt.date, dt.date]:
    """First and last local day of a session. Closing at midnight does not occupy that day."""
    zone = session_zone(session)
    opens = session.opens_at.astimezone(zone)
    closes = session.closes_at.astimezone(zone)
    last = closes.date()
    if closes.time() == dt.time(0) and last > opens.date():
        last -= dt.timedelta(days=1)
    return opens.date(), last


@dataclass
class CalendarEntry:
    """A session as the calendar shows it: its zone and local first and last day."""

    session: Session
    zone: dt.tzinfo
    first_day: dt.date
    last_day: dt.date

    @classmethod
    def of(cls, session):
        first, last = local_days(session)
        return cls(session=session, zone=session_zone(session), first_day=first, last_day=last)

    @property
    def zone_name(self) -> str:
        return getattr(self.zone, "key", "UTC")

    @property
    def same_day(self) -> bool:
        return self.first_day == self.last_day

    @property
    def utc_offset(self) -> str:
        """e.g. "UTC+02:00", at the opening."""
        offset = self.session.opens_at.astimezone(self.zone).utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    is_today: bool
    entries: list = field(default_factory=list)


def _sessions(meeting_type: str = ""):
    sessions = Session.objects.select_related("meeting", "country")
    if meeting_type:
        sessions = sessions.filter(meeting__type=meeting_type)
    return sessions


def _meeting_type(request) -> str:
    value = request.GET.get("type", "")
    return value if value in MeetingType.values else ""


def _year_month(params, today: dt.date) -> tuple[int, int]:
    """?year=&month= if both are sensible, else the current month."""
    try:
        year = int(params.get("year", today.year))
        month = int(params.get("month", today.month))
    except (TypeError, ValueError):
        return today.year, today.month
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return today.year, today.month
    return year, month


def _month_link(year: int, month: int, meeting_type: str) -> str | None:
    if month < 1:
        year, month = year - 1, 12
    elif month > 12:
        year, month = year + 1, 1
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    query = {"year": year, "month": month}
    if meeting_type:
        query["type"] = meeting_type
    return f"{reverse('meetings:calendar')}?{urlencode(query)}"


def _subscribe_context(user, meeting_type: str) -> dict:
    return {
        "feed": feed_urls(user),
        "type_feed": feed_urls(user, meeting_type=meeting_type) if meeting_type else None,
        "meeting_types": MeetingType.choices,
        "meeting_type": meeting_type,
        "meeting_type_label": MeetingType(meeting_type).label if meeting_type else "",
    }


# --- pages ---------------------------------------------------------------------------------

@login_required
def calendar_month(request):
    if not can_view_meetings(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    meeting_type = _meeting_type(request)
    year, month = _year_month(request.GET, today)
    weeks = pycalendar.Calendar(firstweekday=pycalendar.MONDAY).monthdatescalendar(year, month)
    first_shown, last_shown = weeks[0][0], weeks[-1][-1]
    # Local days differ from UTC days by at most 14 hours: a day of margin either side.
    window_start = dt.datetime.combine(first_shown - dt.timedelta(days=1), dt.time(0), UTC)
    window_end = dt.datetime.combine(last_shown + dt.timedelta(days=2), dt.time(0), UTC)
    sessions = _sessions(meeting_type).filter(opens_at__lt=window_end,
                                              closes_at__gt=window_start)
    by_day = defaultdict(list)
    for session in sessions:
        entry = CalendarEntry.of(session)
        day = max(entry.first_day, first_shown)
        while day <= min(entry.last_day, last_shown):
            by_day[day].append(entry)
            day += dt.timedelta(days=1)
    grid = [[CalendarDay(date=day, in_month=day.month == month, is_today=day == today,
                         entries=by_day.get(day, [])) for day in week] for week in weeks]
    context = {
        "month_start": dt.date(year, month, 1),
        "weeks": grid,
        "weekdays": [(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
        "previous_url": _month_link(year, month - 1, meeting_type),
        "next_url": _month_link(year, month + 1, meeting_type),
        "today_url": _month_link(today.year, today.month, meeting_type),
        "is_current_month": (year, month) == (today.year, today.month),
        "year": year,
        "month": month,
        "has_sessions": bool(by_day),
        **_subscribe_context(request.user, meeting_type),
    }
    return render(request, "meetings/calendar_month.html", context)


@login_required
def calendar_list(request):
    if not can_view_meetings(request.user):
        raise PermissionDenied
    now = timezone.now()
    meeting_type = _meeting_type(request)
    past = request.GET.get("past") == "1"
    sessions = _sessions(meeting_type)
    if past:
        sessions = sessions.filter(closes_at__lt=now).order_by("-opens_at", "-id")
    else:
        sessions = sessions.filter(closes_at__gte=now).order_by("opens_at", "id")
    page = Paginator(sessions, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    months: dict[dt.date, list[CalendarEntry]] = {}
    for session in page.object_list:
        entry = CalendarEntry.of(session)
        months.setdefault(entry.first_day.replace(day=1), []).append(entry)
    context = {
        "past": past,
        "page": page,
        "months": list(months.items()),
        **_subscribe_context(request.user, meeting_type),
    }
    return render(request, "meetings/calendar_list.html", context)


# --- iCalendar feeds -------------------------------------------------------------------------

def _feed_user(request):
    """The user a feed is read as: the key's user if ?key= is given, else the logged-in user."""
    if "key" in request.GET:
        return user_for_feed_key(request.GET["key"])
    return request.user if request.user.is_authenticated else None


def _feed_language(request, user) -> str:
    """?lang=en|fr|es, else the user's chosen language, else the request's language."""
    codes = [code for code, _name in settings.LANGUAGES]
    for candidate in (request.GET.get("lang", ""), getattr(user, "language", ""),
                      (translation.get_language() or "").split("-")[0]):
        if candidate in codes:
            return candidate
    return settings.LANGUAGE_CODE


def _forbidden() -> HttpResponse:
    return HttpResponseForbidden(
        _("This calendar address is not valid. Copy it again from the calendar page."),
        content_type="text/plain; charset=utf-8")


def _ics_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tripartite.ics"'
    patch_cache_control(response, private=True, max_age=300)
    return response


def _feed_sessions(meeting_type: str = ""):
    agenda = AgendaItem.objects.order_by("position", "id")
    return (_sessions(meeting_type)
            .prefetch_related(Prefetch("agenda_items", queryset=agenda))
            .order_by("opens_at", "id"))


def ics_calendar(request):
    user = _feed_user(request)
    if not can_view_meetings(user):
        return _forbidden()
    meeting_type = _meeting_type(request)
    with translation.override(_feed_language(request, user)):
        name = _("Official meetings")
        if meeting_type:
            name = f"{name}: {MeetingType(meeting_type).label}"
        body = build_calendar(_feed_sessions(meeting_type), name=f"Tripartite · {name}")
    return _ics_response(body)


def ics_session(request, pk: int):
    user = _feed_user(request)
    if not can_view_meetings(user):
        return _forbidden()
    session = get_object_or_404(_feed_sessions(), pk=pk)
    with translation.override(_feed_language(request, user)):
        body = build_calendar([session], name=f"Tripartite · {session.title}", feed=False)
    return _ics_response(body)


def build_calendar(sessions, *, name: str, feed: bool = True) -> bytes:
    """An iCalendar (RFC 5545) document of ``sessions``, in the active language."""
    now = timezone.now().replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    if feed:  # how often subscribed clients should fetch it again
        cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT6H")
    sessions = list(sessions)
    years: dict[str, list[int]] = {}
    for session in sessions:
        zone = session_zone(session)
        if zone is not UTC:
            span = years.setdefault(zone.key, [])
            span += [session.opens_at.astimezone(zone).year,
                     session.closes_at.astimezone(zone).year]
    for tzid in sorted(years):
        # A year either side, so every event lies after the zone's first onset.
        cal.add_component(vtimezone(tzid, min(years[tzid]) - 1, max(years[tzid]) + 1))
    for session in sessions:
        cal.add_component(session_event(session, stamp=now))
    return cal.to_ical()


def _local(value: dt.datetime, zone: dt.tzinfo) -> tuple[dt.datetime, dict]:
    """A datetime as iCalendar wants it: local time with its TZID, or UTC."""
    if zone is UTC:
        return value.astimezone(UTC), {}
    return value.astimezone(zone).replace(tzinfo=None), {"TZID": zone.key}


def session_event(session, *, stamp: dt.datetime) -> icalendar.Event:
    zone = session_zone(session)
    items = list(session.agenda_items.all())
    changed = max([session.updated_at, session.meeting.updated_at]
                  + [item.updated_at for item in items])
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}@tripartite")
    event.add("dtstamp", stamp)
    for prop, value in (("dtstart", session.opens_at), ("dtend", session.closes_at)):
        local, params = _local(value, zone)
        event.add(prop, local, parameters=params)
    event.add("summary", session.title)
    location = ", ".join(part for part in (
        session.venue, session.city, session.country.name if session.country else "") if part)
    if location:
        event.add("location", location)
    url = settings.SITE_URL + reverse("meetings:session_detail", args=[session.pk])
    event.add("description", _session_description(session, items, url))
    event.add("url", url)
    event.add("categories", [str(session.meeting.get_type_display())])
    event.add("last-modified", changed.astimezone(UTC).replace(microsecond=0))
    # Grows with every change: seconds between creation and the latest change.
    event.add("sequence", max(0, int((changed - session.created_at).total_seconds())))
    return event


def _session_description(session, items, url: str) -> str:
    lines = [session.meeting.title]
    if session.number:
        lines.append(_("Session: %(number)s") % {"number": session.number})
    if items:
        lines += ["", _("Agenda")]
        lines += [f"{item.number}. {item.title}" for item in items]
    lines += ["", url]
    return "\n".join(lines)
