"""A password-reset link never reaches the server log.

With DEBUG off and no mail server configured, Django's console backend printed each mail
whole to the log, and a reset link in it lets whoever reads the log set that password.
"""

import logging
import os
import re
import subprocess
import sys

import pytest
from django.core.checks import Error, Warning
from django.urls import reverse

from tests.factories import UserFactory
from tripartite.common.checks import mail_delivery, mail_settings

CONSOLE = "django.core.mail.backends.console.EmailBackend"
UNSENT = "tripartite.common.mail.UnsentMailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_without_a_mail_server_production_drops_mail_instead_of_printing_it():
    from tripartite.config import settings as production_settings

    assert os.environ.get("EMAIL_BACKEND") is None and production_settings.DEBUG is False
    assert production_settings.EMAIL_BACKEND == UNSENT


@pytest.mark.django_db
def test_a_reset_mail_not_sent_is_logged_without_its_link(client, settings, caplog, capsys):
    settings.EMAIL_BACKEND = UNSENT
    UserFactory(email="ana@example.org")
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    assert response.status_code == 302
    logged = "\n".join(record.getMessage() for record in caplog.records)
    printed = "".join(capsys.readouterr())
    assert "/accounts/password/reset/" not in logged + printed
    assert [record.getMessage() for record in caplog.records
            if record.name == "tripartite.common.mail"] == [
        "Mail not sent, no mail server is configured (EMAIL_BACKEND): to ana@example.org, "
        "subject 'Tripartite: choose a new password'."]


def ids(problems):
    return [(type(problem), problem.id) for problem in problems]


def mail_checks():
    """What `check --deploy` and `serve` report about mail (W003 comes from the one or the
    other check depending on the database, never from both)."""
    return mail_settings(None) + mail_delivery(None)


@pytest.mark.django_db
@pytest.mark.parametrize(("backend", "allow", "expected"), [
    (UNSENT, False, [(Warning, "tripartite.W003")]),
    (CONSOLE, False, [(Error, "tripartite.E002")]),
    (CONSOLE, True, [(Warning, "tripartite.W005")]),
    (SMTP, False, []),
])
def test_the_check_says_where_mail_goes_with_debug_off(settings, backend, allow, expected):
    settings.DEBUG, settings.EMAIL_BACKEND, settings.ALLOW_CONSOLE_EMAIL = False, backend, allow
    assert ids(mail_checks()) == expected


@pytest.mark.django_db
def test_with_debug_on_mail_on_the_console_is_fine(settings):
    settings.DEBUG, settings.EMAIL_BACKEND, settings.ALLOW_CONSOLE_EMAIL = True, CONSOLE, False
    assert mail_checks() == []


def tripartite(tmp_path, *args, **env):
    environment = {name: value for name, value in os.environ.items()
                   if name not in {"DATABASE_URL", "DEBUG", "EMAIL_BACKEND",
                                   "ALLOW_CONSOLE_EMAIL",
                                   # set by the browser tests' conftest in this process
                                   "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(TRIPARTITE_VAR_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-m", "tripartite.cli", *args], env=environment,
                          capture_output=True, text=True, timeout=120)


def test_serve_refuses_to_start_with_mail_on_the_console(tmp_path):
    result = tripartite(tmp_path, "serve", "--port", "1", EMAIL_BACKEND=CONSOLE)
    assert result.returncode == 1
    assert "tripartite.E002" in result.stderr
    assert "Tripartite is serving" not in result.stdout


def test_check_deploy_warns_loudly_when_mail_is_not_sent(tmp_path):
    result = tripartite(tmp_path, "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert re.search(r"tripartite\.W003\) No mail server is configured", result.stderr)


def test_the_access_log_never_shows_a_reset_token_or_a_feed_key():
    from datetime import timedelta
    from types import SimpleNamespace

    from tripartite.site.management.commands.serve import TripartiteServer, gunicorn_options

    server = TripartiteServer(gunicorn_options("127.0.0.1", 8123, 1))
    access_log = server.cfg.logger_class(server.cfg)

    def line(method, uri, referer="-"):
        path, _sep, query = uri.partition("?")
        environ = {"REQUEST_METHOD": method, "RAW_URI": uri, "PATH_INFO": path,
                   "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1",
                   "REMOTE_ADDR": "203.0.113.7", "HTTP_REFERER": referer}
        response = SimpleNamespace(status="302 Found", headers=[], sent=0)
        atoms = access_log.atoms(response, SimpleNamespace(headers=[]), environ,
                                 timedelta(milliseconds=5))
        return server.cfg.access_log_format % atoms

    reset = line("GET", "/accounts/password/reset/MQ/cq1x2y-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d/")
    assert "cq1x2y" not in reset and '"GET /accounts/password/reset/MQ/…/ HTTP/1.1"' in reset
    form = line("POST", "/accounts/password/reset/MQ/set-password/")
    assert '"POST /accounts/password/reset/MQ/set-password/ HTTP/1.1"' in form
    feed = line("GET", "/meetings/calendar.ics?type=ilc&key=eyJ1Ijo3fQ:1tXyZ:abc&lang=fr")
    assert '"GET /meetings/calendar.ics?type=ilc&key=…&lang=fr HTTP/1.1"' in feed
    assert "eyJ1Ijo3fQ" not in feed


def test_the_workers_access_log_never_shows_a_reset_token_or_a_feed_key():
    """What the server writes: uvicorn's access log in the workers, with its own format."""
    import logging
    import os

    from tripartite.site.management.commands.serve import (
        TripartiteServer,
        TripartiteUvicornWorker,
        gunicorn_options,
    )

    server = TripartiteServer(gunicorn_options("127.0.0.1", 8123, 1))
    TripartiteUvicornWorker(0, os.getpid(), [], server, 30, server.cfg,
                            server.cfg.logger_class(server.cfg))
    access = logging.getLogger("uvicorn.access")
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    keep = Keep()
    access.addHandler(keep)
    try:
        for uri in ("/accounts/password/reset/MQ/cq1x2y-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d/",
                    "/meetings/calendar.ics?type=ilc&key=eyJ1Ijo3fQ:1tXyZ:abc&lang=fr"):
            # uvicorn's own call (uvicorn/protocols/http/h11_impl.py)
            access.info('%s - "%s %s HTTP/%s" %d', "203.0.113.7:5000", "GET", uri, "1.1", 200)
    finally:
        access.removeHandler(keep)
    assert lines == [
        '203.0.113.7:5000 - "GET /accounts/password/reset/MQ/…/ HTTP/1.1" 200',
        '203.0.113.7:5000 - "GET /meetings/calendar.ics?type=ilc&key=…&lang=fr HTTP/1.1" 200']
