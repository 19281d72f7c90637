"""Reads of meetings that pages and exports depend on, with their joins made explicit."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from tripartite.meetings.models import AgendaItem, Meeting, Session


def sessions_with_meeting() -> QuerySet[Session]:
    return Session.objects.select_related("meeting", "country")


def upcoming_sessions(now: dt.datetime, *, limit: int | None = None) -> QuerySet[Session]:
    sessions = sessions_with_meeting().filter(closes_at__gte=now).order_by("opens_at")
    return sessions[:limit] if limit else sessions


def meetings_with_sessions() -> QuerySet[Meeting]:
    return Meeting.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("-opens_at")))


def sessions_for_detail() -> QuerySet[Session]:
    return sessions_with_meeting().prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "id")),
        "committees__agenda_item", "officers__person", "officers__committee")
