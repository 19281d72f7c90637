"""Reading settings from the environment, with one plain line per mistake.

A mistake raises ``ConfigurationError`` whose message names the variable; the
``tripartite`` command prints that message alone and exits, so an operator sees
one line instead of a traceback.
"""

import os
from pathlib import Path

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(Exception):
    """A setting in the environment is missing or malformed."""


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ConfigurationError(f"{name} is required but not set (see .env.example).")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_env(var_dir: Path) -> dict:
    """The default database: ``DATABASE_URL`` if set, else SQLite under ``var/``."""
    url = env_str("DATABASE_URL")
    if not url:
        var_dir.mkdir(parents=True, exist_ok=True)  # SQLite does not make its directory
        return sqlite_database(var_dir / "tripartite.sqlite3")
    import dj_database_url

    if "://" not in url:
        raise ConfigurationError(
            f"DATABASE_URL must look like postgres://user:password@host:5432/name, not {url!r}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as error:
        raise ConfigurationError(f"DATABASE_URL cannot be read: {error}") from None
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return sqlite_database(Path(config["NAME"]))
    if not engine.endswith("postgresql"):
        raise ConfigurationError(
            "DATABASE_URL must name PostgreSQL (postgres://) or SQLite (sqlite:///), "
            f"not {engine!r}."
        )
    if not config.get("NAME"):
        raise ConfigurationError("DATABASE_URL names no database (add /name at the end).")
    return config


def sqlite_database(path: Path) -> dict:
    """SQLite set up so that concurrent requests queue instead of failing.

    WAL lets readers run beside one writer; ``transaction_mode=IMMEDIATE`` takes the
    write lock at BEGIN, so two writers wait for each other (up to the busy timeout)
    rather than failing with "database is locked" half-way through a transaction.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
            ),
        },
        "TEST": {"NAME": None},
    }


LOCAL_FILES = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"


def file_storage_from_env() -> dict:
    """Where uploaded and generated files go: an S3-compatible bucket when ``S3_BUCKET`` is
    set, else the local disk (``MEDIA_ROOT``).

    The bucket stays private: objects are written with the ``private`` ACL, and a URL to one
    is signed and short-lived (Tripartite streams files through the application after the
    permission check, so it never hands such a URL out today). A name already taken gets
    another one, as on the local disk, instead of overwriting the first file.
    """
    bucket = env_str("S3_BUCKET")
    if not bucket:
        for name in ("S3_ENDPOINT_URL", "S3_REGION", "S3_PREFIX"):
            if env_str(name):
                raise ConfigurationError(f"{name} is set but S3_BUCKET is not (see .env.example).")
        return dict(LOCAL_FILES)
    from botocore.config import Config

    endpoint = env_str("S3_ENDPOINT_URL")
    if endpoint and not endpoint.startswith(("http://", "https://")):
        raise ConfigurationError(
            f"S3_ENDPOINT_URL must start with http:// or https://, not {endpoint!r}.")
    return {"BACKEND": S3_BACKEND, "OPTIONS": {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env_str("S3_REGION"),
        # None lets boto3 look further (its own variables, an instance role).
        "access_key": env_str("AWS_ACCESS_KEY_ID"),
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
        "location": (env_str("S3_PREFIX") or "").strip("/"),
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        # An unreachable store fails a request within seconds (a 503 naming it), not minutes.
        # An S3-compatible server of one's own (MinIO, Ceph, moto) is addressed by path.
        "client_config": Config(
            s3={"addressing_style": "path" if endpoint else "auto"},
            connect_timeout=5, read_timeout=30,
            retries={"max_attempts": 2, "mode": "standard"},
        ),
    }}
