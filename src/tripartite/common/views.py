from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def require(allowed: bool) -> None:
    """Refuse the request (403) unless ``allowed``: the one-line guard of views, given the
    answer of a permission predicate (``require(permissions.can_vote(request.user))``)."""
    if not allowed:
        raise PermissionDenied


def csrf_failure(request, reason=""):
    """An expired or missing form token: say so in the user's language, not Django's page."""
    return render(request, "403_csrf.html", status=403)
