"""A test-only URLconf: the site's pages, plus two pages that forgot their permission check,
for tests/test_matrix_catches_holes.py to show that the permission matrix would see them."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path

from tripartite.common.services import log_action
from tripartite.config.urls import urlpatterns as site_patterns
from tripartite.constituents.models import MemberState


def _write(request):
    log_action(actor=request.user, action="tests.hole.written",
               obj=MemberState.objects.get(iso2="FR"), data={"note": request.POST["note"]})


def unguarded(request):
    """Writes for anyone who posts a note: no permission check at all."""
    if request.method == "POST" and request.POST.get("note"):
        _write(request)
    return HttpResponse("done")


def checked_too_late(request):
    """Writes, then refuses: the answer is right, the database is not."""
    if request.method == "POST":
        _write(request)
    raise PermissionDenied


urlpatterns = [
    *site_patterns,
    path("hole/unguarded/", unguarded, name="matrix_hole_unguarded"),
    path("hole/late/", checked_too_late, name="matrix_hole_late"),
]
