"""The live pages of a sitting: the room's projector (``display``), and the stream of changes
(Server-Sent Events, ``stream``) that keeps it and the delegates' page (``views.floor``)
up to date without a reload.

What they show is what is public in the room: the item under discussion, who has the floor
and their clock, and the list of speakers (names, delegations, groups, the kind of request).
Never the sitting's log, who entered a request, the secretary's notes, or why someone may not
speak: the fragment is rendered once per version and language and sent to every display of
the sitting, whoever is looking (docs/sittings.md, "Live displays").
"""

import json
import random
import time

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from tripartite.common.views import require
from tripartite.sittings import live, permissions, selectors, services, streams
from tripartite.sittings.models import Sitting

# The projector shows the next few speakers; the delegates' page the whole list.
NEXT_ON_THE_PROJECTOR = 6
FRAGMENTS = {"display": "sittings/_display_live.html", "floor": "sittings/_floor_live.html"}


def stream_seconds() -> float:
    """How long one stream stays open before the display reconnects (and is checked again)."""
    return float(getattr(settings, "LIVE_STREAM_SECONDS", 300))


def keepalive_seconds() -> float:
    return float(getattr(settings, "LIVE_KEEPALIVE_SECONDS", 15))


def _sitting(pk) -> Sitting:
    return get_object_or_404(Sitting.objects.select_related(
        "session__meeting", "committee", "current_item"), pk=pk)


def room_state(sitting: Sitting) -> dict:
    """What the room sees: the sitting, who has the floor and their clock, the waiting list
    (each with delegation and group)."""
    rows = services.waiting(sitting)
    for row in rows:
        nomination = row.nomination
        row.delegation_name = nomination.delegation.member_state.name if nomination else ""
        row.group_label = nomination.get_group_display() if nomination else ""
    # The clock runs against the limit of the kind of speaker who has the floor (SIT-3).
    current, clock, limit = selectors.floor_state(sitting)
    return {"sitting": sitting, "rows": rows, "current": current, "clock": clock,
            "limit": limit,
            "next_rows": rows[:NEXT_ON_THE_PROJECTOR],
            "more": max(0, len(rows) - NEXT_ON_THE_PROJECTOR)}


def render_fragment(sitting_id: int, view: str, language: str) -> tuple[int, str]:
    """The sitting's live fragment for ``view`` in ``language``, encoded as a JSON string
    (once, for every display), with the version it shows at least (read before the state,
    so the state is never older than the version)."""
    version = live.latest_version(sitting_id)
    sitting = _sitting(sitting_id)
    with translation.override(language):
        html = render_to_string(FRAGMENTS[view], room_state(sitting))
    return version, json.dumps(html)


@login_required
def display(request, pk):
    """The room's projector: the item, who has the floor and their clock, the next
    speakers; updated live."""
    require(permissions.can_view_sittings(request.user))
    sitting = _sitting(pk)
    return render(request, "sittings/display.html", {
        **room_state(sitting), "version": live.latest_version(sitting.pk),
        "now": time.time()})


def _allowed(user, pk: int, *, hold: bool) -> tuple[int, str | streams.Refused | None]:
    """The same check as the pages': a logged-in user who may see the sittings; the
    sitting's current version, and, for a stream held open, a slot among the user's open
    streams (their lease, or Refused when they hold the most: ``sittings.streams``)."""
    try:
        require(permissions.can_view_sittings(user))
        if not Sitting.objects.filter(pk=pk).exists():
            raise Http404
        return live.latest_version(pk), streams.take(user.pk) if hold else None
    finally:
        # A stream is held for minutes: it must not hold a database connection meanwhile
        # (this request's thread has had its own). Not inside a transaction (tests).
        if not connection.in_atomic_block:
            connection.close()


def _message(version: int, html_json: str) -> str:
    """A ``changed`` event: the version, the server's time now (the clocks), the fragment."""
    return (f"id: {version}\nevent: changed\n"
            f'data: {{"version": {version}, "now": {time.time():.3f}, "html": {html_json}}}\n\n')


def _shown_version(request: HttpRequest) -> int:
    """The version the display shows: Last-Event-ID when EventSource reconnects, else the
    page's own (``?since=``)."""
    for value in (request.headers.get("Last-Event-ID", ""), request.GET.get("since", "")):
        if value.isdigit():
            return int(value)
    return 0


@login_required
async def stream(request, pk):
    """Server-Sent Events: a ``changed`` event with the fragment each time the sitting
    changes, a keep-alive comment now and then; closed after ``LIVE_STREAM_SECONDS``, when
    EventSource reconnects by itself (with Last-Event-ID: nothing is sent again if nothing
    changed)."""
    view = request.GET.get("view", "display")
    if view not in FRAGMENTS:
        raise Http404
    user = await request.auser()
    # A WSGI server (runserver, Django's live test server) cannot hold a stream open: there
    # the stream sends what changed and ends, and EventSource comes back in a few seconds.
    # Such a stream holds nothing open: it takes no slot.
    hold = isinstance(request, ASGIRequest)
    version, slot = await sync_to_async(_allowed)(user, pk, hold=hold)
    if isinstance(slot, streams.Refused):
        return _too_many(slot)
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    shown = _shown_version(request)
    response = StreamingHttpResponse(_events(pk, view, language, shown, version, hold=hold,
                                             user_id=user.pk, lease=slot),
                                     content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response


def _too_many(refused: streams.Refused) -> HttpResponse:
    """429: the user holds the most live streams one login may; Retry-After says when one
    may free at the latest (if a stream died without giving its slot back)."""
    response = HttpResponse(
        ngettext("This login already has %(count)s live page of sittings open (a room "
                 "display, a delegates' page or the Chair's console), the most it may "
                 "hold at once. Close it, then try again.",
                 "This login already has %(count)s live pages of sittings open (room "
                 "displays, delegates' pages or Chair's consoles), the most it may hold "
                 "at once. Close one of them, then try again.",
                 refused.held) % {"count": refused.held},
        status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(refused.retry_after)
    response["Cache-Control"] = "no-store"
    return response


async def _events(sitting_id: int, view: str, language: str, shown: int, version: int, *,
                  hold: bool = True, user_id: int | None = None, lease: str | None = None):
    try:
        live.hub().notify(sitting_id, version)
        with live.subscribe(sitting_id, version) as subscription:
            # Reconnections spread over a few seconds, so that a thousand displays do not
            # all come back in the same instant.
            yield f"retry: {random.randint(1000, 4000)}\n\n"  # noqa: S311 — not a secret
            if version != shown:  # a new display, or one that missed a change: the state
                version, html = await live.renderer.get(sitting_id, view, language, version,
                                                        render_fragment)
                subscription.version = max(subscription.version, version)
                yield _message(version, html)
            deadline = time.monotonic() + (stream_seconds() if hold else 0)
            refreshed = time.monotonic()
            while (left := deadline - time.monotonic()) > 0:
                wait = min(keepalive_seconds(), left, streams.refresh_every())
                if await subscription.changed(wait):
                    version, html = await live.renderer.get(
                        sitting_id, view, language, subscription.version, render_fragment)
                    yield _message(version, html)
                else:
                    yield ": keep-alive\n\n"
                if lease is not None and (
                        time.monotonic() - refreshed >= streams.refresh_every()):
                    # the slot lives while the stream does; lost (expired and taken): end,
                    # and the display reconnects and is counted again
                    if not await live.hub().run_in_reader(streams.refresh, user_id, lease):
                        return
                    refreshed = time.monotonic()
    finally:
        # Closed, ended or cancelled (the display went away): the slot is free. Not awaited:
        # a cancelled task may not wait; a slot not given back expires by itself.
        if lease is not None:
            live.hub().run_soon(streams.give_back, user_id, lease)
