"""Metrics in Prometheus's text format, for ``/metrics``.

Two kinds:

- what this server saw: requests by method and status, and how long they took. Under
  ``tripartite serve`` each gunicorn worker counts into a file of ``PROMETHEUS_MULTIPROC_DIR``
  (serve makes one) and the exposition adds them up, so a scrape of one server gives the whole
  server whichever worker answers it. Scrape every application server (not through the proxy).
- what the database holds, counted at each scrape: check-ins, door scans, ballots, tasks
  waiting for a worker. Every server reads the same rows, so every server gives the same
  figures, however many there are and whichever process answers.
"""

import logging
import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

CONTENT_TYPE = CONTENT_TYPE_LATEST
logger = logging.getLogger(__name__)

REQUESTS = Counter("tripartite_http_requests", "HTTP requests answered, by method and status.",
                   ["method", "status"])
LATENCY = Histogram("tripartite_http_request_duration_seconds",
                    "Time from receiving a request to its answer.",
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))


_unwritable_warned = False


def observe_request(method: str, status: int, seconds: float) -> None:
    """Count a request that was answered. A count that cannot be written (the metrics folder
    removed under the running server, a full disk) is lost, never the request's answer: the
    work is done by now (a check-in committed), and a 500 would tell the client it was not.
    Said once per process in the log."""
    global _unwritable_warned
    # Only the methods a browser or client sends: anything else would be one label per typo.
    method = method if method in {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
                                  "OPTIONS"} else "other"
    try:
        REQUESTS.labels(method=method, status=str(status)).inc()
        LATENCY.observe(seconds)
    except OSError as error:
        if not _unwritable_warned:
            _unwritable_warned = True
            logger.warning("Request metrics not counted from now on in this process: %s "
                           "(PROMETHEUS_MULTIPROC_DIR=%s). Restart the server to count again.",
                           error, os.environ.get("PROMETHEUS_MULTIPROC_DIR", ""))


class DatabaseFigures:
    """Counts read from the database at each scrape."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from tripartite.registration.models import CheckIn, Scan
        from tripartite.votes.models import Ballot, VoteParticipation

        yield CounterMetricFamily("tripartite_checkins",
                                  "Check-ins recorded (a participant's first entry of a day).",
                                  value=CheckIn.objects.count())
        scans = CounterMetricFamily("tripartite_door_scans", "Badge scans at the doors, by "
                                    "result.", labels=["result"])
        for row in Scan.objects.order_by().values("result").annotate(
                count=_count()).order_by("result"):
            scans.add_metric([row["result"]], row["count"])
        yield scans
        ballots = CounterMetricFamily("tripartite_ballots", "Ballots cast, open (show of hands, "
                                      "record) or secret.", labels=["secrecy"])
        ballots.add_metric(["open"], Ballot.objects.count())
        ballots.add_metric(["secret"], VoteParticipation.objects.count())
        yield ballots
        yield GaugeMetricFamily("tripartite_task_queue_ready",
                                "Background tasks ready to run, waiting for a worker.",
                                value=DBTaskResult.objects.ready().count())


def _count():
    from django.db.models import Count

    return Count("id")


def exposition() -> bytes:
    """The text a Prometheus scrape gets."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        this_server = CollectorRegistry()
        multiprocess.MultiProcessCollector(this_server)
    else:
        this_server = REGISTRY  # one process (tests, runserver): it counts in memory
    database = CollectorRegistry(auto_describe=False)
    database.register(DatabaseFigures())
    return generate_latest(this_server) + generate_latest(database)
