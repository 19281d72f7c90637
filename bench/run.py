"""`make bench`: each benchmark in a fresh database, on SQLite and (if it answers) PostgreSQL.

Writes nothing by itself: copy the figures it prints into bench/RESULTS.md with the date.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def run(script: str, env: dict) -> None:
    subprocess.run([PYTHON, str(ROOT / "bench" / script)], check=True, cwd=ROOT,
                   env={**os.environ, **env})


def run_module(module: str, env: dict) -> None:
    subprocess.run([PYTHON, "-m", f"bench.{module}"], check=True, cwd=ROOT,
                   env={**os.environ, **env})


def on_both_databases(module: str, title: str) -> None:
    """``module`` in a fresh SQLite database, then in a fresh PostgreSQL one if it answers."""
    for label in ("SQLite", "PostgreSQL"):
        with tempfile.TemporaryDirectory() as var_dir:
            env = {"TRIPARTITE_VAR_DIR": var_dir, "DATABASE_URL": ""}
            if label == "PostgreSQL":
                url = postgres_database(f"tripartite_bench_{module}")
                if url is None:
                    continue
                env["DATABASE_URL"] = url
            print(f"\n## {title} on {label}\n")
            run_module(module, env)


def postgres_database(name: str):
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 — any failure means: no PostgreSQL run
        print(f"PostgreSQL not available ({error}); SQLite only.")
        return None
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/8",
                                         socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 — any failure means: no Redis run
        return False


def main() -> None:
    print("## Demo load (`tripartite demo --scale ilc`)\n")
    run("demo_load.py", {})
    for label in ("SQLite", "PostgreSQL"):
        with tempfile.TemporaryDirectory() as var_dir:
            env = {"TRIPARTITE_VAR_DIR": var_dir, "DATABASE_URL": ""}
            if label == "PostgreSQL":
                url = postgres_database("tripartite_bench_pages")
                if url is None:
                    continue
                env["DATABASE_URL"] = url
            print(f"\n## Pages on {label}\n")
            run("pages.py", env)

    # --- Delegations (issue 3): rules of every delegation, list of delegations PDF,
    # overview page; each database fresh, like the pages above.
    for label in ("SQLite", "PostgreSQL"):
        with tempfile.TemporaryDirectory() as var_dir:
            env = {"TRIPARTITE_VAR_DIR": var_dir, "DATABASE_URL": ""}
            if label == "PostgreSQL":
                url = postgres_database("tripartite_bench_delegations")
                if url is None:
                    continue
                env["DATABASE_URL"] = url
            print(f"\n## Delegations on {label}\n")
            run("delegations.py", env)

    # --- Later parts: each standalone module in fresh databases.
    on_both_databases("badges", "Badges: 500 as one PDF (issue 4)")
    on_both_databases("membership", "Committee and Governing Body membership (issue 5)")
    on_both_databases("proposals", "Meeting proposals (issue 6)")
    on_both_databases("correspondence", "A letter to all 187 member States (issue 7)")
    # Load tests against `tripartite serve` on PostgreSQL; each makes its own database.
    if postgres_database("tripartite_bench_probe") is not None:
        with tempfile.TemporaryDirectory() as var_dir:
            print("\n## Check-in load: 8 doors, 3,000 people (issue 4)\n")
            run_module("checkin_load", {"TRIPARTITE_VAR_DIR": var_dir})
        with tempfile.TemporaryDirectory() as var_dir:
            print("\n## 480 ballots within a minute (issue 5)\n")
            run_module("votes_load", {"TRIPARTITE_VAR_DIR": var_dir})
        for feed, extra in (("the database poller", {}),
                            ("Redis", {"BENCH_REDIS_URL": "redis://127.0.0.1:6379/8"})):
            if extra and not redis_answers():
                continue
            with tempfile.TemporaryDirectory() as var_dir:
                print(f"\n## 1,000 live room displays on one sitting, through {feed} "
                      "(issue 16)\n")
                run_module("live_displays", {"TRIPARTITE_VAR_DIR": var_dir, **extra})
        print("\n## A request to speak under load, beside a bare view (issue 16)\n")
        run_module("speak_load", {})
        if shutil.which("haproxy"):
            print("\n## Through HAProxy: one and two application servers (issue 13)\n")
            run_module("proxy_load", {})
            print("\n## Server time of one check-in and one ballot (issue 13)\n")
            run_module("server_time", {})


if __name__ == "__main__":
    main()
