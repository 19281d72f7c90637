"""`tripartite serve`: the production web server, gunicorn with uvicorn workers running
Django's ASGI application (``tripartite.config.asgi``).

Each worker process runs an event loop: the live displays' streams (Server-Sent Events,
``sittings.display.stream``) are held there, thousands of them, without a thread each. The
ordinary (synchronous) views run in threads beside the loop, at most ``THREADS_PER_WORKER``
at a time per process (``tripartite.config.asgi.BoundedApplication``), as the threaded
workers did before.

Several worker processes share the database: PostgreSQL, or SQLite in WAL mode where writers
queue behind one another (see ``tripartite.config.env.sqlite_database``).
"""

import logging
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger
from uvicorn_worker import UvicornWorker

from tripartite.common.checks import MAIL_DELIVERY
from tripartite.site.logs import redact_secrets

THREADS_PER_WORKER = 4


class RedactingLogger(Logger):
    """Gunicorn's logger, with the secrets of addresses (``tripartite.site.logs``) cut out of
    every access-log line."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact_secrets(value) if isinstance(value, str) else value
                for name, value in atoms.items()}


class RedactingFilter(logging.Filter):
    """The same for uvicorn's access log (``"%s - \"%s %s HTTP/%s\" %d"``, the address
    being the third argument), which is what the workers write."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact_secrets(value) if isinstance(value, str) else value
                                for value in record.args)
        return True


class TripartiteUvicornWorker(UvicornWorker):
    """Uvicorn in a gunicorn worker: Django has no lifespan protocol (off, rather than a
    warning at each start), and the access log's addresses are redacted. When it stops, a
    worker gives requests under way 5 s to finish, then closes what is still open (the live
    streams never finish by themselves; their displays reconnect to another worker)."""

    CONFIG_KWARGS = {"loop": "asyncio", "http": "h11", "lifespan": "off",
                     "timeout_graceful_shutdown": 5}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = logging.getLogger("uvicorn.access")
        if not any(isinstance(f, RedactingFilter) for f in access.filters):
            access.addFilter(RedactingFilter())


def served_url(host: str, port: int) -> str:
    """The absolute address of links given out (calendar feeds, mail): ``SITE_URL`` when it
    is set, else the address this server answers on (set before the workers are forked, so
    each one has it)."""
    if not os.environ.get("SITE_URL"):
        everywhere = ("0.0.0.0", "::")  # noqa: S104 (a name of every interface, not a bind)
        shown = "127.0.0.1" if host in everywhere else host
        shown = f"[{shown}]" if ":" in shown else shown
        settings.SITE_URL = f"http://{shown}:{port}"
    return settings.SITE_URL


def gunicorn_options(host: str, port: int, workers: int, *,
                     json_logs: bool = False) -> dict[str, object]:
    """Gunicorn settings for Tripartite; the access log goes to stdout, errors to stderr.

    With JSON logs the application writes the line per request itself (with its request id),
    so gunicorn's own access log is off."""
    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "worker_class": TripartiteUvicornWorker,
        "accesslog": None if json_logs else "-",
        "logger_class": RedactingLogger,
        "errorlog": "-",
        "proc_name": "tripartite",
        # Beyond the worker's own 5 s (TripartiteUvicornWorker), a stopping worker is killed.
        "graceful_timeout": 10,
        # Recycle workers now and then so that a slow leak never takes a server down.
        "max_requests": 5000,
        "max_requests_jitter": 500,
        # Gunicorn's control socket sits at one path per user: two servers would collide.
        "control_socket_disable": True,
    }


class TripartiteServer(BaseApplication):
    def __init__(self, options: dict[str, object]):
        self.options = options
        super().__init__()

    def load_config(self):
        for name, value in self.options.items():
            if name in self.cfg.settings:  # older gunicorn releases lack some settings
                self.cfg.set(name, value)

    def load(self):
        # The settings are already configured (this runs inside a management command): the
        # same application as tripartite.config.asgi, without importing the floor above.
        from tripartite.site.asgi import bounded_application

        return bounded_application(THREADS_PER_WORKER)


class Command(BaseCommand):
    help = "Serve Tripartite with gunicorn (production server; DEBUG must be off)."
    requires_system_checks = []  # run in handle(), after the DEBUG test, with the database check

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1",
                            help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--workers", type=int, default=2,
                            help=f"worker processes, each serving up to {THREADS_PER_WORKER} "
                                 "ordinary requests at a time and any number of live "
                                 "streams (default 2)")

    def handle(self, *args, host: str, port: int, workers: int, **options):
        # Before anything imports prometheus_client (the checks below import the URLs, so the
        # metrics): the worker processes then count into files that /metrics adds up.
        metrics_dir = _metrics_directory()
        try:
            self.serve(host, port, workers)
        finally:
            if metrics_dir:
                os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
                shutil.rmtree(metrics_dir, ignore_errors=True)

    def serve(self, host: str, port: int, workers: int) -> None:
        if settings.DEBUG:
            raise CommandError("serve runs with DEBUG off; unset DEBUG.")
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        if workers < 1:
            raise CommandError(f"--workers must be at least 1, not {workers}.")
        self.check()
        # Mail that is not sent is worth a warning at every start (tripartite.W003).
        self.check(tags=[MAIL_DELIVERY], include_deployment_checks=True)
        self.check(tags=[Tags.database], include_deployment_checks=True,
                   databases=[DEFAULT_DB_ALIAS])  # tripartite.E001: the database answers
        if not Path(settings.STATIC_ROOT).is_dir():
            self.stderr.write("Static files are not collected: run `tripartite collectstatic`.")
        connections.close_all()  # the workers are forked: none may inherit a connection
        url_host = f"[{host}]" if ":" in host else host
        served_url(host, port)
        self.stdout.write(f"Tripartite is serving on http://{url_host}:{port}")
        self.stdout.flush()
        TripartiteServer(gunicorn_options(host, port, workers,
                                          json_logs=settings.LOG_FORMAT == "json")).run()


def _metrics_directory() -> str | None:
    """A new folder for the metrics of this server's workers (PROMETHEUS_MULTIPROC_DIR), unless
    one is given; returns it when it was made here (removed when the server stops)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    folder = tempfile.mkdtemp(prefix="tripartite-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    return folder
