"""Configuration checks run by `tripartite check` (and at every start of `serve`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connection

from tripartite.common import fonts


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
    if on_postgres and settings.TASK_BACKEND == "immediate":
        problems.append(Warning(
            "Background work runs inside web requests (TASK_BACKEND=immediate).",
            id="tripartite.W004",
            hint="Unset TASK_BACKEND (the database queue) and run `tripartite worker`."))
    return problems


# serve runs the checks with this tag, deployment ones included, at every start.
MAIL_DELIVERY = "mail_delivery"


def _mail_not_sent() -> Warning:
    return Warning(
        "No mail server is configured: mail is not sent, password resets included; only its "
        "recipients and subject are logged.", id="tripartite.W003",
        hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
             "(docs/operations.md).")


@register(Tags.security)
def mail_settings(app_configs, **kwargs):
    """With DEBUG off, mail on the console puts password-reset links in the server log."""
    if settings.DEBUG:
        return []  # development: mail on the console is what a developer wants
    if settings.EMAIL_BACKEND == settings.UNSENT_EMAIL_BACKEND:
        # Every command runs the checks: only a production database warrants the noise here;
        # `check --deploy` and `serve` warn on any database (mail_delivery below).
        return [_mail_not_sent()] if connection.vendor == "postgresql" else []
    if settings.EMAIL_BACKEND != settings.CONSOLE_EMAIL_BACKEND:
        return []
    if settings.ALLOW_CONSOLE_EMAIL:
        return [Warning(
            "Mail is printed whole to the server log, password-reset links included "
            "(ALLOW_CONSOLE_EMAIL=true): anyone who reads the log can set those passwords. "
            "For a demonstration only.", id="tripartite.W005",
            hint="Configure a mail server before real people use this server.")]
    return [Error(
        "EMAIL_BACKEND is the console backend with DEBUG off: every mail would be printed to "
        "the server log, password-reset links included.", id="tripartite.E002",
        hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST; "
             "or unset EMAIL_BACKEND (mail is then not sent); or, for a demonstration, set "
             "ALLOW_CONSOLE_EMAIL=true.")]


@register(Tags.security, MAIL_DELIVERY, deploy=True)
def mail_delivery(app_configs, **kwargs):
    """`check --deploy` and `serve`: warn that no mail is sent, on SQLite too."""
    unsent = not settings.DEBUG and settings.EMAIL_BACKEND == settings.UNSENT_EMAIL_BACKEND
    return [_mail_not_sent()] if unsent and connection.vendor != "postgresql" else []


@register()
def fonts_for_the_data(app_configs, **kwargs):
    """Names in a script whose Noto font is missing would print as empty boxes in PDFs."""
    try:
        missing = fonts.missing_fonts(fonts.data_texts())
    except DatabaseError:
        return []  # no database yet (before migrate): tripartite.E001 says so if it matters
    if not missing:
        return []
    message, hint = fonts.check_message(missing)
    return [Warning(message, id="tripartite.W009", hint=hint)]
