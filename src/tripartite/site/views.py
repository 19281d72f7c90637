"""The home page, the whole action log, the health check and the site's icon."""

from pathlib import Path

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
from tripartite.site.selectors import todo_lists


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
