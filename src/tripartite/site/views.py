"""The home page, the whole action log, the health and readiness checks, the metrics and
the site's icon."""

import hmac
import logging
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache

from tripartite.accounts import permissions
from tripartite.common.history import AREAS, history_lines, visible_to
from tripartite.common.models import ActionLogEntry
from tripartite.meetings.selectors import upcoming_sessions
from tripartite.site import metrics as site_metrics
from tripartite.site.readiness import probes
from tripartite.site.selectors import todo_lists

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """The user's to-do lists first (``site/selectors.py``), then what is coming."""
    now = timezone.now()
    return render(request, "site/home.html", {
        "todo": todo_lists(request.user, now),
        "upcoming": upcoming_sessions(now, limit=6),
        "recent": (history_lines(visible_to(ActionLogEntry.objects.select_related(
            "actor", "content_type"), request.user)[:8])
            if permissions.can_view_history(request.user) else []),
    })


FAVICON = Path(__file__).resolve().parent.parent / "static" / "tripartite" / "favicon.ico"


@cache_control(max_age=86400, public=True)
def favicon(request):
    """The site's icon at the address every browser asks first."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


@never_cache
def healthz(request):
    """200 only when the database answers: what a load balancer needs to know."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    """200 when every service this server needs answers (the database; Redis and the object
    store when configured), else 503; one line per service says which. Why one failed goes
    to the log only: this page is open to anyone who reaches the server."""
    found = probes()
    for probe in found:
        if not probe.ok:
            logger.error("readiness: %s unavailable: %s", probe.service, probe.detail)
    body = "".join(f"{probe.service}: {'ok' if probe.ok else 'unavailable'}\n"
                   for probe in found)
    ready = all(probe.ok for probe in found)
    return HttpResponse(body, status=200 if ready else 503, content_type="text/plain")


@never_cache
def metrics(request):
    """Prometheus's text format, for a scraper sending ``Authorization: Bearer
    <METRICS_TOKEN>``, or a staff user logged in."""
    if not _may_read_metrics(request):
        if request.user.is_authenticated:
            raise PermissionDenied
        response = HttpResponse("Send Authorization: Bearer <METRICS_TOKEN>.\n", status=401,
                                content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(site_metrics.exposition(), content_type=site_metrics.CONTENT_TYPE)


def _may_read_metrics(request) -> bool:
    if request.user.is_authenticated and request.user.is_staff and request.user.is_active:
        return True
    token = settings.METRICS_TOKEN
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode())


@login_required
def action_log(request):
    if not permissions.can_view_history(request.user):
        raise PermissionDenied
    entries = visible_to(ActionLogEntry.objects.select_related("actor", "content_type"),
                         request.user)
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "site/action_log.html", {
        "page": page, "lines": history_lines(page), "action": action, "areas": AREAS})
