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
import re
import weakref

from django.apps import apps
from django.db import connection, transaction
from django.http import QueryDict

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


# PostgreSQL plans the query's hundreds of subqueries anew on each call (20 ms; two calls a
# write, some 600 writes a role): prepared once per connection, it runs in a few.
# (pg_stat_xact_user_tables would be cheaper still, but it counts rows written by a
# savepoint rolled back, as a refused service's log line is.)
_PREPARED = "tripartite_matrix_fingerprint"
_prepared_on: "weakref.WeakSet" = weakref.WeakSet()


def database_fingerprint() -> tuple:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if connection.connection not in _prepared_on:
                cursor.execute(f"PREPARE {_PREPARED} AS {_fingerprint_sql()}")
                _prepared_on.add(connection.connection)
            cursor.execute(f"EXECUTE {_PREPARED}")
        else:
            cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def read_the_posted_form(response) -> bool:
    """Whether the view read the posted form: a page that never does is not a form handler.

    The input middleware reads every posted form first (to refuse NUL and bidirectional
    overrides), so whether Django parsed the body says nothing; ``FormReadTracking``, the
    last middleware in the matrix's settings, hands the view a form that notes being read."""
    return getattr(response.wsgi_request, "_view_read_the_form", False)


# The ways a view (or a form it builds) reads a QueryDict or MultiValueDict.
_READS = ("__getitem__", "__contains__", "__iter__", "__len__", "get", "getlist", "items",
          "lists", "keys", "values", "dict", "copy", "urlencode", "__copy__", "__deepcopy__")


def _noting_reads(original, request):
    def noting(name):
        method = getattr(type(original), name)

        def read(self, *args, **kwargs):
            if not getattr(request, "_answered", False):  # not Django closing the uploads
                request._view_read_the_form = True
            return method(self, *args, **kwargs)
        return read

    cls = type(f"Noting{type(original).__name__}", (type(original),),
               {name: noting(name) for name in _READS if hasattr(type(original), name)})
    copy_ = cls(mutable=True) if isinstance(original, QueryDict) else cls()
    for key, values in dict.items(original):
        dict.__setitem__(copy_, key, list(values))
    if isinstance(original, QueryDict):
        copy_._mutable = False
    return copy_


class FormReadTracking:
    """Test only, last middleware: the view gets a posted form that notes when it is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            request._post = _noting_reads(request.POST, request)
            request._files = _noting_reads(request.FILES, request)
        response = self.get_response(request)
        request._answered = True
        return response


MIDDLEWARE_PATH = "tests.matrix_checks.FormReadTracking"


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


# A GET never writes (tests/test_get_never_writes.py): the statements that write, but those on
# the login's own session (a page may remember a choice there).
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
GET_MAY_WRITE = {"django_session"}


def writing_statements(queries) -> list[str]:
    return [query["sql"][:120] for query in queries
            if (match := _WRITE.match(query["sql"])) and match.group(1) not in GET_MAY_WRITE]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count()
            for model in apps.get_models() if model._meta.managed and not model._meta.proxy}
