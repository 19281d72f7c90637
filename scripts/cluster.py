"""A production-shaped cluster on this machine, on loopback only, for the `cluster` tests.

    scripts/cluster.sh up      start it and print where it answers
    scripts/cluster.sh down    stop it
    scripts/cluster.sh test    start it, run tests/cluster (pytest -m cluster), stop it
    scripts/cluster.sh kill-worker | start-worker
                               kill the worker at once (SIGKILL: a machine's death) / start
                               it again (the tests do both, through kill_worker and
                               start_worker)

What it starts (ports from CLUSTER_PORT, 8800 by default):

- a fresh PostgreSQL database ``tripartite_cluster`` (the server CI already runs), migrated;
- Redis database 7 of the server on 127.0.0.1:6379 (sessions stay in PostgreSQL; the cache,
  the rate limits and the push updates use Redis), emptied first;
- moto's S3 server on CLUSTER_PORT + 3, with the bucket ``tripartite-cluster``, when moto is
  installed (``pip install -e '.[dev]'`` brings it): every file goes there;
- two application servers (``tripartite serve``) on CLUSTER_PORT + 1 and + 2, one worker
  process each, sharing nothing but the services above;
- a background worker (``tripartite worker``);
- HAProxy on CLUSTER_PORT, spreading requests round-robin over both servers, passing a
  request id (X-Request-ID) and naming the server that answered (X-Served-By).

The settings every process shares are written to ``var/cluster/env.json``: the tests read
them to seed data straight into the cluster's database and to find the ports.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLUSTER_DIR = Path(os.environ.get("CLUSTER_DIR", ROOT / "var" / "cluster"))
BASE_PORT = int(os.environ.get("CLUSTER_PORT", "8800"))
PG_ADMIN = os.environ.get("CLUSTER_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE = "tripartite_cluster"
REDIS_URL = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/7")
BUCKET = "tripartite-cluster"
STATE = CLUSTER_DIR / "processes.json"
ENV_FILE = CLUSTER_DIR / "env.json"

HAPROXY_CONFIG = """\
global
    maxconn 4000
defaults
    mode http
    timeout connect 5s
    # Inactivity limits: the live displays' streams (/sittings/<id>/live/) stay open for
    # minutes but send a keep-alive every 15 s, well within them; HAProxy does not buffer.
    timeout client 120s
    timeout server 120s
frontend web
    bind 127.0.0.1:{proxy}
    http-request set-header X-Request-ID %[uuid()] unless {{ req.hdr(X-Request-ID) -m found }}
    default_backend applications
backend applications
    balance roundrobin
    option httpchk GET /healthz
    http-response set-header X-Served-By %s
    server app1 127.0.0.1:{app1} check inter 1s
    server app2 127.0.0.1:{app2} check inter 1s
"""


def ports() -> dict[str, int]:
    return {"proxy": BASE_PORT, "app1": BASE_PORT + 1, "app2": BASE_PORT + 2,
            "s3": BASE_PORT + 3}


def _fresh_database() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{DATABASE}"


def _empty_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()


def _has_moto() -> bool:
    return shutil.which("moto_server", path=str(BIN)) is not None


def _environment() -> dict[str, str]:
    env = {
        "DATABASE_URL": _fresh_database(),
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DEBUG": "false",
        "SECURE_COOKIES": "false",  # plain HTTP on loopback
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRIPARTITE_VAR_DIR": str(CLUSTER_DIR / "var"),
        "TASK_BACKEND": "database",
        "CHECKIN_RATE_PER_MINUTE": "20",
        # A killed worker's job is taken up again within seconds, not minutes.
        "JOBS_HEARTBEAT": "1",
        "JOBS_STALE_AFTER": "5",
        "JOBS_RESUME_EVERY": "1",
        "LOG_FORMAT": "json",
        "METRICS_TOKEN": secrets.token_urlsafe(24),
        "CLUSTER_PROXY_URL": f"http://127.0.0.1:{ports()['proxy']}",
        "CLUSTER_APP_URLS": ",".join(f"http://127.0.0.1:{ports()[name]}"
                                     for name in ("app1", "app2")),
    }
    if _has_moto():
        env.update({"S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": f"http://127.0.0.1:{ports()['s3']}",
                    "S3_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "cluster",
                    "AWS_SECRET_ACCESS_KEY": "cluster-secret"})
    return env


def _start(name: str, command: list[str], env: dict[str, str]) -> int:
    log = open(CLUSTER_DIR / f"{name}.log", "ab")  # noqa: SIM115 — the child keeps it
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    return process.pid


def _wait_for(url: str, what: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{what} did not answer at {url} within {seconds} s "
                     f"(its log is in {CLUSTER_DIR})")


def _create_bucket(env: dict[str, str]) -> None:
    import boto3

    client = boto3.client("s3", endpoint_url=env["S3_ENDPOINT_URL"],
                          region_name=env["S3_REGION"],
                          aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
    client.create_bucket(Bucket=BUCKET)


def _worker_command() -> list[str]:
    """``tripartite worker`` where the house has it, else django-tasks' own command."""
    tripartite = str(BIN / "tripartite")
    has_worker = subprocess.run([tripartite, "help", "worker"], cwd=ROOT,
                                capture_output=True).returncode == 0
    return [tripartite, "worker"] if has_worker else [tripartite, "db_worker"]


def _pids() -> dict[str, int]:
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def _group_alive(group: int) -> bool:
    """Whether a process of ``group`` still runs (a zombie, waiting for its parent to reap
    it, does not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":
                return True
    return False


def kill_worker() -> None:
    """Kill the worker and what it started (LibreOffice) with SIGKILL: no chance to finish
    the job in hand or to say so, as when its machine dies."""
    pids = _pids()
    pid = pids.pop("worker", None)
    if pid is None:
        raise SystemExit("No worker runs in the cluster.")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _group_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    STATE.write_text(json.dumps(pids))


def start_worker() -> None:
    """Start a worker (again), with the cluster's settings."""
    pids = _pids()
    if "worker" in pids:
        raise SystemExit("A worker runs already in the cluster.")
    env = json.loads(ENV_FILE.read_text())
    pids["worker"] = _start("worker", _worker_command(), env)
    STATE.write_text(json.dumps(pids))


def up() -> dict[str, str]:
    if STATE.exists():
        down()
    if shutil.which("haproxy") is None:
        raise SystemExit("haproxy is missing (Debian: apt-get install haproxy; "
                         "scripts/system-packages.sh installs it as root)")
    shutil.rmtree(CLUSTER_DIR, ignore_errors=True)
    (CLUSTER_DIR / "var").mkdir(parents=True)
    env = _environment()
    _empty_redis()
    tripartite = str(BIN / "tripartite")
    subprocess.run([tripartite, "migrate", "--no-input", "-v0"], cwd=ROOT,
                   env={**os.environ, **env}, check=True)
    subprocess.run([tripartite, "collectstatic", "--no-input", "-v0"], cwd=ROOT,
                   env={**os.environ, **env}, check=True)
    pids: dict[str, int] = {}
    STATE.write_text(json.dumps(pids))
    if "S3_BUCKET" in env:
        pids["s3"] = _start("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p",
                                   str(ports()["s3"])], env)
        STATE.write_text(json.dumps(pids))
        _wait_for(env["S3_ENDPOINT_URL"], "moto's S3 server")
        _create_bucket(env)
    for name in ("app1", "app2"):
        pids[name] = _start(name, [tripartite, "serve", "--host", "127.0.0.1", "--port",
                                   str(ports()[name]), "--workers", "1"], env)
        STATE.write_text(json.dumps(pids))
    pids["worker"] = _start("worker", _worker_command(), env)
    config = CLUSTER_DIR / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(**ports()))
    pids["proxy"] = _start("proxy", ["haproxy", "-db", "-f", str(config)], env)
    STATE.write_text(json.dumps(pids))
    ENV_FILE.write_text(json.dumps(env, indent=1))
    for name in ("app1", "app2"):
        _wait_for(f"http://127.0.0.1:{ports()[name]}/healthz", f"application server {name}")
    _wait_for(f"{env['CLUSTER_PROXY_URL']}/healthz", "the proxy")
    time.sleep(2)  # the proxy's health checks mark both servers up
    return env


def down() -> None:
    if not STATE.exists():
        return
    pids = json.loads(STATE.read_text())
    for pid in pids.values():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for pid in pids.values():
        while time.monotonic() < deadline:
            try:
                os.killpg(pid, 0)
                time.sleep(0.2)
            except ProcessLookupError:
                break
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
    STATE.unlink()


def test(pytest_args: list[str]) -> int:
    env = up()
    try:
        return subprocess.run(
            [str(BIN / "pytest"), "-p", "no:xdist", "-m", "cluster", "tests/cluster",
             *pytest_args],
            cwd=ROOT, env={**os.environ, **env, "CLUSTER_DIR": str(CLUSTER_DIR)}).returncode
    finally:
        down()


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command == "up":
        env = up()
        print(f"The cluster answers at {env['CLUSTER_PROXY_URL']} (servers: "
              f"{env['CLUSTER_APP_URLS']}); logs in {CLUSTER_DIR}. Stop it: "
              "scripts/cluster.sh down")
        return 0
    if command == "down":
        down()
        return 0
    if command == "test":
        return test(sys.argv[2:])
    if command == "kill-worker":
        kill_worker()
        return 0
    if command == "start-worker":
        start_worker()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
