from django.shortcuts import render


def csrf_failure(request, reason=""):
    """An expired or missing form token: say so in the user's language, not Django's page."""
    return render(request, "403_csrf.html", status=403)
