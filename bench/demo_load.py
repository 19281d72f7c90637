"""Time `tripartite demo --scale ilc` on a fresh database and print a markdown snippet.

    .venv/bin/python bench/demo_load.py            # SQLite in a temporary directory
    BENCH_PG=1 .venv/bin/python bench/demo_load.py # and PostgreSQL (database tripartite_bench)

Each run migrates an empty database, times the load, then times a second run (which must
change nothing) and counts the rows.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
TRIPARTITE = str(BIN / "tripartite")
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "tripartite_bench"
COUNT_ROWS = """
import json
from tripartite.accounts.models import User
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person
from tripartite.meetings.models import AgendaItem, Committee, Meeting, Officer, Session
models = (MemberState, ConstituentOrganisation, Person, Meeting, Session, AgendaItem,
          Committee, Officer, User)
print(json.dumps({m._meta.verbose_name_plural.title(): m.objects.count() for m in models}))
"""


def run(env: dict, *args: str) -> str:
    result = subprocess.run([TRIPARTITE, *args], env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"tripartite {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def timed(env: dict, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    output = run(env, *args)
    return time.perf_counter() - started, output.splitlines()[0]


def bench(label: str, env: dict) -> str:
    run(env, "migrate", "--no-input", "-v0")
    first, first_says = timed(env, "demo", "--scale", "ilc")
    second, second_says = timed(env, "demo", "--scale", "ilc")
    counts = json.loads(run(env, "shell", "-v0", "-c", COUNT_ROWS).strip().splitlines()[-1])
    rows = "\n".join(f"| {name} | {count:,} |" for name, count in counts.items())
    return (f"### `tripartite demo --scale ilc` on {label}\n\n"
            f"- first run: **{first:.1f} s** with process start and checks; "
            f"it says: {first_says}\n"
            f"- second run: {second:.1f} s; it says: {second_says}\n\n"
            f"| rows | count |\n|---|---:|\n{rows}\n")


def sqlite_bench() -> str:
    with tempfile.TemporaryDirectory(prefix="tripartite-bench-") as var_dir:
        env = {**os.environ, "TRIPARTITE_VAR_DIR": var_dir}
        env.pop("DATABASE_URL", None)
        return bench("SQLite", env)


def postgres_bench() -> str:
    import psycopg

    with psycopg.connect(PG_SERVER, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    try:
        with tempfile.TemporaryDirectory(prefix="tripartite-bench-") as var_dir:
            url = PG_SERVER.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
            env = {**os.environ, "TRIPARTITE_VAR_DIR": var_dir, "DATABASE_URL": url}
            return bench("PostgreSQL", env)
    finally:
        with psycopg.connect(PG_SERVER, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def main() -> None:
    print(sqlite_bench())
    if os.environ.get("BENCH_PG") == "1":
        print(postgres_bench())


if __name__ == "__main__":
    main()
