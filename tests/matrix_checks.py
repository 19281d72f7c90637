"""What the permission matrix checks on every write: that a refusal wrote nothing.

``database_fingerprint()`` reads, in one query, the row count of every table (the action log,
the many-to-many link tables and the login-throttling records included) and, where a table
has ``updated_at``, its latest value: a row created, deleted or saved through the ORM changes
it. Sessions are left out: logging in and out writes them, and they hold no domain data.

``write_outcome`` posts a form inside a savepoint that is rolled back (cookies restored too),
so that each write row of the matrix starts from the same objects whatever the rows before it
did; the outcome says whether anything was written.
"""

import copy

from django.apps import apps
from django.db import connection, transaction

NOT_FINGERPRINTED = {"django_session"}
WROTE = ", wrote"


def _fingerprint_sql() -> str:
    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in NOT_FINGERPRINTED or not model._meta.managed:
            continue
        parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
        if any(field.attname == "updated_at" for field in model._meta.concrete_fields):
            parts.append(f"(SELECT MAX({quote('updated_at')}) FROM {quote(table)})")
    return "SELECT " + ", ".join(parts)


def database_fingerprint() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def read_the_posted_form(response) -> bool:
    """Whether the view read the body of the POST (Django parses it lazily, on first use of
    ``request.POST`` or ``request.FILES``): a page that never does is not a form handler."""
    request = response.wsgi_request
    return "_post" in request.__dict__ or getattr(request, "_read_started", False)


def outcome_of(response) -> str:
    """The matrix's word for an answer: ok, forbidden, login, not allowed, not found…"""
    status = response.status_code
    if status == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    if status in (200, 302):
        return "ok"
    return {403: "forbidden", 404: "not found", 405: "not allowed"}.get(
        status, f"status {status}")


def write_outcome(client, url: str, data) -> tuple[str, object]:
    """POST ``data`` to ``url`` and undo it: the outcome, with ``WROTE`` appended when the
    database changed, and the response."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        before = database_fingerprint()
        response = client.post(url, data)
        wrote = database_fingerprint() != before
        transaction.set_rollback(True)
    client.cookies = cookies
    return outcome_of(response) + (WROTE if wrote else ""), response
