"""What the load benchmarks share: a fresh bench database, a free port, starting
``tripartite serve`` and waiting for it, percentiles, and running locust users as a library
until a number of requests is answered."""

import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p90, p95, p99 and max of ``values`` (nearest rank: no interpolation past the data)."""
    ordered = sorted(values)

    def rank(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]

    return {"p50": statistics.median(ordered), "p90": rank(0.90), "p95": rank(0.95),
            "p99": rank(0.99), "max": ordered[-1]}


def fresh_database(url: str) -> str:
    """Drop and create the database ``url`` names; refuses a name without 'bench' in it, so a
    wrong setting can never drop real data. Returns ``url``."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop database {name!r}: its name must contain 'bench'")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def wait_for(url: str, process: subprocess.Popen, seconds: int = 60) -> None:
    """Until ``url`` answers; fails at once if ``process`` (the server) stopped."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process stopped before answering")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def free_port() -> int:
    """A TCP port free on loopback (the system's choice, free when asked)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(env: dict[str, str], port: int, *, log: Path, workers: int = 2,
          ready: str = "/healthz", access_log: bool = False,
          seconds: int = 120) -> subprocess.Popen:
    """``tripartite serve`` on 127.0.0.1:``port`` with ``env`` and ``workers``, its errors
    (and its access log if ``access_log``: it costs the server a line per request) in
    ``log``; returns once ``ready`` answers. A server that stops, or does not answer within
    ``seconds``, is stopped and ends the bench with the end of its log."""
    with log.open("w") as output:  # the server writes to its own copy
        server = subprocess.Popen(
            [sys.executable, "-m", "tripartite.cli", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--workers", str(workers)], cwd=ROOT, env=env,
            stdout=output if access_log else subprocess.DEVNULL, stderr=output)
    try:
        wait_for(f"http://127.0.0.1:{port}{ready}", server, seconds)
    except SystemExit as failed:
        server.terminate()
        server.wait(timeout=30)
        raise SystemExit(f"tripartite serve: {failed}; {log} ends with:\n"
                         f"{log.read_text()[-2000:]}") from None
    except BaseException:
        server.terminate()
        raise
    return server


def run_locust(host: str, user_class, *, users: int, total: int,
               time_limit: float = 600) -> dict:
    """Run ``users`` × ``user_class`` against ``host`` until ``total`` requests are answered
    (or ``time_limit`` seconds pass); the throughput, the latencies (ms) and the errors."""
    import gevent
    from locust.env import Environment

    timings: list[float] = []
    failures: list[str] = []

    def on_request(request_type, name, response_time, response_length, exception=None,
                   **kwargs):
        timings.append(response_time)
        if exception is not None:
            failures.append(str(exception)[:200])

    env = Environment(user_classes=[user_class], host=host)
    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    start = time.perf_counter()
    runner.start(users, spawn_rate=users)
    deadline = start + time_limit
    while len(timings) < total and time.perf_counter() < deadline:
        gevent.sleep(0.05)
    elapsed = time.perf_counter() - start
    runner.quit()
    return {"requests": len(timings), "seconds": elapsed,
            "throughput": len(timings) / elapsed, **percentiles(timings),
            "errors": len(failures), "error_samples": sorted(set(failures))[:5]}


def run_locust_mixed(host: str, user_classes: list, *, total: int, name: str,
                     time_limit: float = 600) -> dict:
    """Run ``user_classes`` together against ``host`` (each class's ``fixed_count`` users)
    until ``total`` requests named ``name`` are answered (or ``time_limit`` seconds pass):
    the latencies (ms) and errors per request name, measured in the same run."""
    import gevent
    from locust.env import Environment

    timings: dict[str, list[float]] = {}
    failures: dict[str, list[str]] = {}

    def on_request(request_type, name, response_time, response_length, exception=None,
                   **kwargs):
        timings.setdefault(name, []).append(response_time)
        if exception is not None:
            failures.setdefault(name, []).append(str(exception)[:200])

    # stopping lets each user finish the request it is making (what the server did and what
    # the user saw stay the same)
    env = Environment(user_classes=user_classes, host=host, stop_timeout=60)
    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    users = sum(user_class.fixed_count for user_class in user_classes)
    start = time.perf_counter()
    runner.start(users, spawn_rate=users)
    deadline = start + time_limit
    while len(timings.get(name, ())) < total and time.perf_counter() < deadline:
        gevent.sleep(0.05)
    elapsed = time.perf_counter() - start
    runner.stop()
    runner.quit()
    return {"seconds": elapsed, "by_name": {
        key: {"requests": len(values), "throughput": len(values) / elapsed,
              **percentiles(values), "errors": len(failures.get(key, ())),
              "error_samples": sorted(set(failures.get(key, ())))[:5]}
        for key, values in timings.items()}}
