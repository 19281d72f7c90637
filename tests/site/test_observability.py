"""The request id, the JSON log line per request, and /metrics (its protection, its figures,
and the counts of several worker processes added up)."""

import datetime as dt
import json
import logging
import os
import subprocess
import sys

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, generate_latest, multiprocess

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import badged
from tests.votes.factories import plenary, vote
from tripartite.accounts.models import Role
from tripartite.site.logs import JsonFormatter
from tripartite.votes.models import Ballot, VoteParticipation

pytestmark = pytest.mark.django_db
TOKEN = "m" * 40


# --- the request id and the log line ---------------------------------------------------------

def test_the_proxys_request_id_is_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a:17")
    assert response["X-Request-ID"] == "nginx-4f2a:17"


@pytest.mark.parametrize("given", [None, "", "two words", "x" * 129, "<script>"])
def test_a_missing_or_odd_request_id_is_replaced(client, given):
    headers = {} if given is None else {"HTTP_X_REQUEST_ID": given}
    response = client.get("/healthz", **headers)
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"] != given
    int(response["X-Request-ID"], 16)


def test_one_json_line_per_request_with_its_id_and_no_secret(client, caplog):
    caplog.set_level(logging.INFO, logger="tripartite.request")
    user = user_with_role(Role.SECRETARIAT)
    client.force_login(user)

    client.get("/accounts/password/reset/MQ/c3k2tn-0123456789abcdef/", HTTP_X_REQUEST_ID="r-42")

    (record,) = [r for r in caplog.records if r.name == "tripartite.request"]
    line = json.loads(JsonFormatter().format(record))
    assert set(line) == {"time", "level", "logger", "message", "request_id", "method", "path",
                         "status", "duration_ms", "user_id"}
    assert {key: line[key] for key in ("level", "logger", "request_id", "method", "path",
                                       "user_id")} == {
        "level": "INFO", "logger": "tripartite.request", "request_id": "r-42",
        "method": "GET", "path": "/accounts/password/reset/MQ/…/", "user_id": user.pk}
    assert line["message"] == f"GET /accounts/password/reset/MQ/…/ {line['status']}"
    assert line["time"].endswith("Z") and isinstance(line["duration_ms"], float)


def test_every_line_written_during_a_request_carries_its_id(client, caplog):
    from tripartite.site import logs

    caplog.set_level(logging.WARNING)
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="r-404")  # Django logs "Not Found"

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    logs.RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert (line["request_id"], line["status_code"]) == ("r-404", 404)
    assert "request" not in line  # its address may carry a secret query string


def test_an_exception_is_one_json_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("tripartite", logging.ERROR, "x.py", 1, "failed", None,
                                   sys.exc_info())
    text = JsonFormatter().format(record)
    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "failed" and line["exception"].endswith("ValueError: broken")


# --- /metrics ---------------------------------------------------------------------------------

def test_metrics_refuse_a_missing_or_wrong_token(client, settings):
    settings.METRICS_TOKEN = TOKEN
    missing = client.get("/metrics")
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + "x" * 40)
    for response in (missing, wrong):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
        assert b"tripartite_" not in response.content


def test_metrics_refuse_users_who_are_not_staff(client, settings):
    settings.METRICS_TOKEN = TOKEN
    client.force_login(user_with_role(Role.SECRETARIAT))
    assert client.get("/metrics").status_code == 403


def test_without_a_token_configured_no_bearer_opens_them(client, settings):
    settings.METRICS_TOKEN = None
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 401


def test_metrics_count_from_the_database(client, settings):
    settings.METRICS_TOKEN = TOKEN
    session = SessionFactory()
    staff = user_with_role(Role.CHECKIN_STAFF)
    client.force_login(staff)
    for n in range(2):
        _reg, _issued, token = badged(session)
        client.post(reverse("registration:checkin", args=[session.pk]),
                    {"token": token, "door": "North", "request_id": f"r-{n}"})
    client.post(reverse("registration:checkin", args=[session.pk]),
                {"token": "forged", "door": "North", "request_id": "r-x"})
    item, delegates = plenary(("FR",))
    open_vote, secret_vote = vote(item), vote(item, method="secret")
    now = timezone.now()
    for nomination in delegates["FR"][:3]:
        Ballot.objects.create(vote=open_vote, voter=nomination.person, cast_by=nomination.person,
                              group=nomination.group, choice="yes", cast_at=now)
    VoteParticipation.objects.create(vote=secret_vote, voter=delegates["FR"][0].person,
                                     cast_by=delegates["FR"][0].person, group="government")
    DBTaskResult.objects.create(task_path="x.y", args_kwargs={}, backend_name="default",
                                queue_name="default", run_after=now - dt.timedelta(minutes=1))
    client.logout()

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    lines = set(response.content.decode().splitlines())
    assert {"tripartite_checkins_total 2.0",
            'tripartite_door_scans_total{result="admitted"} 2.0',
            'tripartite_ballots_total{secrecy="open"} 3.0',
            'tripartite_ballots_total{secrecy="secret"} 1.0',
            "tripartite_task_queue_ready 1.0"} <= lines
    assert any(line.startswith('tripartite_door_scans_total{result="') and
               'admitted' not in line for line in lines)
    assert any(line.startswith('tripartite_http_requests_total{method="POST",status="200"}')
               for line in lines)
    assert any(line.startswith("tripartite_http_request_duration_seconds_bucket{le=")
               for line in lines)


def test_a_staff_user_reads_the_metrics(client):
    user = user_with_role(Role.SECRETARIAT)
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/metrics").status_code == 200


def test_the_workers_counts_are_added_up(tmp_path):
    """Under `tripartite serve` each worker process counts into PROMETHEUS_MULTIPROC_DIR; the
    exposition of any of them sums them all."""
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    code = ("from tripartite.site.metrics import observe_request\n"
            "for _ in range({n}): observe_request('GET', 200, 0.02)\n")
    for n in (3, 4):
        subprocess.run([sys.executable, "-c", code.format(n=n)], env=environment, check=True,
                       timeout=60)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(tmp_path))
    text = generate_latest(registry).decode()
    assert 'tripartite_http_requests_total{method="GET",status="200"} 7.0' in text
    assert "tripartite_http_request_duration_seconds_count 7.0" in text


def test_serve_gives_its_workers_a_metrics_folder(monkeypatch):
    from tripartite.site.management.commands.serve import _metrics_directory

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")  # unset, and unset again afterwards
    folder = _metrics_directory()
    try:
        assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == folder and os.path.isdir(folder)
        assert _metrics_directory() is None  # given: kept as it is
    finally:
        os.rmdir(folder)


def test_a_request_is_answered_when_its_count_cannot_be_written(tmp_path):
    """The metrics folder removed under a running server (a /tmp cleaner): the request that
    did its work is still answered as it was (never a 500 after a committed check-in); the
    count is lost and a warning says why."""
    (tmp_path / "metrics").mkdir()
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    code = ("import logging, os, shutil\n"
            "logging.basicConfig()\n"
            "from tripartite.site.metrics import observe_request\n"
            "shutil.rmtree(os.environ['PROMETHEUS_MULTIPROC_DIR'])\n"
            "observe_request('GET', 200, 0.02)\n"
            "observe_request('POST', 201, 0.02)\n"
            "print('answered')\n")
    done = subprocess.run([sys.executable, "-c", code], env=environment, timeout=60,
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "answered"), done.stderr
    assert done.stderr.count("Request metrics not counted") == 1  # said once, not per request
