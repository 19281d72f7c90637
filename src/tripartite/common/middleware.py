import json

from django.conf import settings
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext

from tripartite.common.services import ServiceError, refusal_for_database_error
from tripartite.common.text import (
    REFUSED_CHARACTERS,
    refused_character,
    refused_character_message,
)


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header (Django 5.2 has none built in).

    Everything is served from this origin, with no inline script, so the policy is strict.
    The API's interactive docs page is the one place that needs inline script.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and not request.path.startswith(
                "/api/docs"):
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response


class RefuseUnreadableInputMiddleware:
    """Refuse, before any view runs, input that no page or API operation can store.

    One guard for every room, present and future: the query string, form fields and JSON
    bodies must not contain the characters of ``common.text.REFUSED_CHARACTERS``, and a
    multipart body must be readable (a ``multipart/form-data`` without its boundary is a
    client error, not a server one). The API gets its JSON error envelope (docs/api.md);
    pages get the 400 page with the same message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refusal = _refused_input(request)
        except MultiPartParserError:
            refusal = (400, "unreadable_body", None, gettext(
                "The request body could not be read: multipart/form-data needs its "
                "boundary."))
        if refusal is None:
            return self.get_response(request)
        return _refusal_response(request, *refusal)


def _refused_input(request):
    """(status, code, field, message) for the first refused input, or None."""
    found = _first_refused(request.GET.lists(), "query")
    if found is None and request.method not in {"GET", "HEAD", "OPTIONS"}:
        if request.content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
            found = _first_refused(request.POST.lists(), "body")
            if found is None:
                names = [(key, [upload.name for upload in uploads])
                         for key, uploads in request.FILES.lists()]
                found = _first_refused(names, "body")
        elif request.content_type == "application/json":
            found = _first_refused_in_json(request.body)
    if found is None:
        return None
    field, code_point = found
    return 422 if _is_api(request) else 400, "validation_error", field, \
        refused_character_message(code_point)


def _first_refused(items, location: str):
    for key, values in items:
        for text in (key, *values):
            code_point = refused_character(text) if isinstance(text, str) else None
            if code_point:
                return f"{location}.{refused_character_placeholder(key)}", code_point
    return None


def _first_refused_in_json(body: bytes):
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return None  # The API says the body is not valid JSON.
    stack = [("body", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            code_point = refused_character(value)
            if code_point:
                return path, code_point
        elif isinstance(value, dict):
            for key, item in value.items():
                code_point = refused_character(key)
                if code_point:
                    return f"{path}.{refused_character_placeholder(key)}", code_point
                stack.append((f"{path}.{key}", item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{index}", item) for index, item in enumerate(value))
    return None


def refused_character_placeholder(name: str) -> str:
    """A field name fit to be shown back: its refused characters made visible."""
    return "".join(f"U+{ord(c):04X}" if c in REFUSED_CHARACTERS else c for c in name)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _refusal_response(request, status: int, code: str, field, message: str):
    if _is_api(request):
        body = {"code": code, "message": message}
        if field and status == 422:
            body["errors"] = [{"field": field, "message": message}]
        return JsonResponse(body, status=status)
    return render(request, "400.html", {"message": message}, status=400)


class RefusalPageMiddleware:
    """A refusal no view caught answers with its status and message, never a 500 page.

    Views catch the refusals they expect (a form shows them on its fields); this is the net
    under every page, present and future: a ServiceError, a protected record that cannot be
    deleted (409, naming what uses it) or a value the database cannot hold.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        refusal = exception if isinstance(exception, ServiceError) else \
            refusal_for_database_error(exception)
        if refusal is None or _is_api(request):
            return None
        return render(request, "400.html", {"message": refusal.message}, status=refusal.status)
