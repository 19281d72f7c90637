"""Reads of meetings that pages and exports depend on, with their joins made explicit."""

from django.db.models import Prefetch

from tripartite.meetings.models import AgendaItem, Meeting, Session


def sessions_with_meeting():
    return Session.objects.select_related("meeting", "country")


def upcoming_sessions(now, *, limit=None):
    sessions = sessions_with_meeting().filter(closes_at__gte=now).order_by("opens_at")
    return sessions[:limit] if limit else sessions


def meetings_with_sessions():
    return Meeting.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("-opens_at")))


def sessions_for_detail():
    return sessions_with_meeting().prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "id")),
        "committees__agenda_item", "officers__person", "officers__committee")
