"""Configuration checks run by `tripartite check` (and at every start of `serve`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import connection


@register(Tags.database)
def database_answers(app_configs, **kwargs):
    try:
        connection.ensure_connection()
    except Exception as error:  # any driver error means the same thing to an operator
        return [Error(f"The database does not answer: {error}".strip(), id="tripartite.E001",
                      hint="Check DATABASE_URL and that the database server is running.")]
    return []


@register(Tags.security)
def production_settings(app_configs, **kwargs):
    problems = []
    on_postgres = connection.vendor == "postgresql"
    if on_postgres and not settings.SECRET_KEY_FROM_ENV:
        problems.append(Warning(
            "SECRET_KEY is not set: a key generated into var/ is used, which several "
            "application servers would not share.", id="tripartite.W001",
            hint="Set SECRET_KEY to the same long random value on every server."))
    if settings.DEBUG and on_postgres:
        problems.append(Warning("DEBUG is on with a production database.", id="tripartite.W002",
                                hint="Set DEBUG=false."))
    if on_postgres and settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(Warning(
            "Mail is printed to the console, not sent: password resets will not reach anyone.",
            id="tripartite.W003", hint="Set EMAIL_BACKEND and EMAIL_HOST."))
    if on_postgres and settings.TASK_BACKEND == "immediate":
        problems.append(Warning(
            "Background work runs inside web requests (TASK_BACKEND=immediate).",
            id="tripartite.W004", hint="Set TASK_BACKEND=database and run `tripartite db_worker`."))
    return problems
