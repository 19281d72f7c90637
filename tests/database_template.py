"""The test database, migrated once and copied: each xdist worker used to run every migration
into its own test database (about 10 s on SQLite and 48 s on PostgreSQL, per worker and run).

A template is built once by running ``migrate`` into a database of its own and is then kept,
named by a fingerprint of everything the migrations read: the migration files of every
installed app, the project's modules they import, the data files they load, and the versions
of Python and Django. A change to any of these names a new template, built on the next run;
nothing else can make a kept template stale. Each worker's test database is then a copy:

- PostgreSQL: ``CREATE DATABASE … TEMPLATE`` (Django's own ``TEST["TEMPLATE"]`` setting);
- SQLite: the template file copied into the worker's in-memory database (the backup API).

Django's ``create_test_db`` still runs ``migrate`` on the copy, which finds nothing to apply,
so a migration added without rebuilding could never go unnoticed. Two workers starting
together build the template once: the building holds a lock (an advisory lock on
PostgreSQL, a file lock for SQLite). ``TRIPARTITE_TEST_TEMPLATE=0`` migrates as before.
"""

import ast
import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import django
from django.apps import apps
from django.db import connection

SRC = Path(__file__).resolve().parent.parent / "src"
SQLITE_DIR = Path(tempfile.gettempdir()) / "tripartite-test-templates"
TEMPLATE_PREFIX = "tripartite_template_"


def enabled() -> bool:
    return os.environ.get("TRIPARTITE_TEST_TEMPLATE", "1") != "0"


def migration_inputs() -> set[Path]:
    """Every file the migrations read: their own, the project's modules they import and the
    apps' data files."""
    files: set[Path] = set()
    for app in apps.get_app_configs():
        root = Path(app.path)
        files.update((root / "migrations").glob("*.py"))
        if app.name.startswith("tripartite."):
            files.update(path for path in (root / "data").rglob("*") if path.is_file())
    for migration in [path for path in files if path.parent.name == "migrations"]:
        files.update(_project_modules(migration))
    return files


def _project_modules(source: Path) -> set[Path]:
    """The files of the project's modules that ``source`` imports (``import tripartite.x.y``,
    ``from tripartite.x import y``, whether y is a module or a name)."""
    names = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    paths = set()
    for name in names:
        if name.split(".")[0] != "tripartite":
            continue
        base = SRC / name.replace(".", "/")
        paths.update(path for path in (base.with_suffix(".py"), base / "__init__.py")
                     if path.exists())
    return paths


def fingerprint() -> str:
    """A digest of everything the migrations read, and of the versions that run them."""
    digest = hashlib.sha256(f"{sys.version}|{django.__version__}".encode())
    for path in sorted(migration_inputs()):
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _migrate(database_url: str) -> None:
    """Run every migration into ``database_url``, in a process of its own (the test process's
    connection stays on the test database)."""
    environment = {**os.environ, "DATABASE_URL": database_url,
                   "DJANGO_SETTINGS_MODULE": "tripartite.config.settings"}
    result = subprocess.run([sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"],
                            env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Building the test database's template failed:\n{result.stderr}")


# SQLite ---------------------------------------------------------------------------------------

@contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sqlite_template() -> Path:
    """The migrated SQLite file of this fingerprint, built if missing."""
    name = fingerprint()
    template = SQLITE_DIR / f"{name}.sqlite3"
    with _file_lock(SQLITE_DIR / f"{name}.lock"):
        if not template.exists():
            building = template.with_suffix(f".building-{os.getpid()}")
            building.unlink(missing_ok=True)
            _migrate(f"sqlite:///{building}")
            with sqlite3.connect(building) as database:  # one file, no -wal beside it
                database.execute("PRAGMA journal_mode=DELETE")
            building.rename(template)
        _drop_old_files(keep=template)
    return template


def _drop_old_files(keep: Path) -> None:
    """Templates of other fingerprints unused for a week (another checkout on this machine
    may still be using a recent one)."""
    week_ago = time.time() - 7 * 24 * 3600
    for old in SQLITE_DIR.glob("*.sqlite3"):
        if old != keep and old.stat().st_mtime < week_ago:
            old.unlink(missing_ok=True)
    os.utime(keep)


def copy_sqlite_template_on_creation(template: Path):
    """Wrap the SQLite creation so that the new (in-memory) test database starts as a copy of
    ``template``; Django's ``migrate`` then has nothing to apply."""
    creation = connection.creation
    original = creation._create_test_db

    def create(verbosity, autoclobber, keepdb=False):
        name = original(verbosity, autoclobber, keepdb)
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.ensure_connection()
        with sqlite3.connect(template) as source:
            source.backup(connection.connection)
        return name

    creation._create_test_db = create


# PostgreSQL -----------------------------------------------------------------------------------

def postgresql_template() -> str:
    """The name of the migrated PostgreSQL database of this fingerprint, built if missing."""
    import psycopg

    settings = connection.settings_dict
    name = TEMPLATE_PREFIX + fingerprint()
    server = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
              "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute("SELECT pg_advisory_lock(hashtext('tripartite test template'))")
        try:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                   [name]).fetchone()
            if not exists:
                building = f"{name}_building"
                admin.execute(f'DROP DATABASE IF EXISTS "{building}"')
                admin.execute(f'CREATE DATABASE "{building}"')
                user = settings["USER"] or ""
                password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
                _migrate(f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:"
                         f"{settings['PORT'] or 5432}/{building}")
                admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
            _drop_other_templates(admin, name)
        finally:
            admin.execute("SELECT pg_advisory_unlock(hashtext('tripartite test template'))")
    return name


def _drop_other_templates(admin, keep: str) -> None:
    """Templates of earlier fingerprints; one still being copied elsewhere is left for later."""
    import psycopg

    others = admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s "
                           "AND datname <> %s", [TEMPLATE_PREFIX + "%", keep]).fetchall()
    for (other,) in others:
        with suppress(psycopg.errors.ObjectInUse):
            admin.execute(f'DROP DATABASE IF EXISTS "{other}"')


def prepare() -> None:
    """Point the test database's creation at a template, building it if needed."""
    if not enabled():
        return
    if connection.vendor == "postgresql":
        connection.settings_dict.setdefault("TEST", {})["TEMPLATE"] = postgresql_template()
    elif connection.vendor == "sqlite":
        copy_sqlite_template_on_creation(sqlite_template())
