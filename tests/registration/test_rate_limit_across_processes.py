"""The check-in rate limit holds across the server's worker processes.

``serve`` starts several worker processes; a count kept in each process's memory let each
of them allow the whole limit (240 of 300 scans passed a limit of 120 a minute). Here real
OS processes scan with the same login at the same moment, against the same SQLite file,
the same PostgreSQL database, or the same Redis: together they never pass the limit.
"""

import json
import os
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection

import tripartite

WORKER = Path(__file__).with_name("rate_limit_worker.py")
SOURCE = Path(tripartite.__file__).resolve().parents[1]
LIMIT, PROCESSES, ATTEMPTS = 25, 3, 20
AT = datetime(2026, 6, 8, 9, 30, 5, tzinfo=UTC)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.django_db


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


def _environment(database_url: str, redis_url: str | None) -> dict:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DATABASE_URL", "REDIS_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="tripartite.config.settings",
                       PYTHONPATH=os.pathsep.join([str(SOURCE), str(SOURCE.parent)]),
                       DATABASE_URL=database_url, CHECKIN_RATE_PER_MINUTE=str(LIMIT))
    if redis_url:
        environment["REDIS_URL"] = redis_url
    return environment


def _run(arguments, environment):
    return subprocess.Popen([sys.executable, str(WORKER), *arguments], env=environment,  # noqa: S603
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _scan_in_processes(environment) -> list[dict]:
    """PROCESSES workers, each ATTEMPTS scans with the same login, released together."""
    login = str(uuid.uuid4().int % 10**12)  # a login no other run counted for
    try:
        with tempfile.TemporaryDirectory() as ready:
            workers = [_run(["scan", login, str(ATTEMPTS), AT.isoformat(), ready,
                             str(PROCESSES)], environment) for _ in range(PROCESSES)]
            outputs = [worker.communicate(timeout=120) for worker in workers]
    finally:
        if "REDIS_URL" not in environment:  # Redis forgets the count by itself
            clear = _run(["clear", login], environment)
            assert clear.wait(timeout=120) == 0, clear.stderr.read()
    for worker, (_out, error) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, error
    return [json.loads(out) for out, _error in outputs]


def _postgres_url() -> str:
    settings = connection.settings_dict  # the test database, which the workers share
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return (f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}")


def test_worker_processes_together_never_pass_the_limit_without_redis(tmp_path):
    if connection.vendor == "postgresql":
        environment = _environment(_postgres_url(), None)
    else:
        environment = _environment(f"sqlite:///{tmp_path / 'shared.sqlite3'}", None)
        setup = _run(["setup"], environment)
        assert setup.wait(timeout=120) == 0, setup.stderr.read()

    counts = _scan_in_processes(environment)

    assert sum(c["allowed"] for c in counts) == LIMIT
    assert sum(c["refused"] for c in counts) == PROCESSES * ATTEMPTS - LIMIT


@pytest.mark.skipif(not _redis_reachable(), reason="needs Redis (TEST_REDIS_URL)")
def test_worker_processes_together_never_pass_the_limit_with_redis(tmp_path):
    # The database is never asked: an empty SQLite file has no counter table.
    environment = _environment(f"sqlite:///{tmp_path / 'unused.sqlite3'}", REDIS_URL)

    counts = _scan_in_processes(environment)

    assert sum(c["allowed"] for c in counts) == LIMIT
    assert sum(c["refused"] for c in counts) == PROCESSES * ATTEMPTS - LIMIT
