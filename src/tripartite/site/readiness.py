"""Whether the services Tripartite depends on answer: the database always, Redis when
``REDIS_URL`` is set, the object store when ``S3_BUCKET`` is set.

Used by ``/readyz`` (a load balancer stops sending requests to a server that is not ready),
by ``tripartite check`` (tripartite.W006, W007), and to recognise, in a failed request, the
error of an unreachable service (``unavailable_service``), which then answers 503.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import storages
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

DATABASE, REDIS, OBJECT_STORE = "database", "redis", "object store"
TIMEOUT_SECONDS = 2


@dataclass(frozen=True)
class Probe:
    service: str
    ok: bool
    detail: str = ""  # why it failed, for the log and `tripartite check`, never for /readyz


def probe_database() -> Probe:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return Probe(DATABASE, False, _one_line(error))
    return Probe(DATABASE, True)


def probe_redis() -> Probe | None:
    """None when Redis is not configured."""
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=TIMEOUT_SECONDS,
                                      socket_timeout=TIMEOUT_SECONDS)
        with client:
            client.ping()
    except redis.RedisError as error:
        return Probe(REDIS, False, _one_line(error))
    return Probe(REDIS, True)


def probe_object_store() -> Probe | None:
    """None when files are on the local disk. The bucket must exist and answer to our keys."""
    storage = storages["default"]
    if not hasattr(storage, "bucket_name"):
        return None
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    except (BotoCoreError, ClientError) as error:
        return Probe(OBJECT_STORE, False, _one_line(error))
    return Probe(OBJECT_STORE, True)


def probes() -> list[Probe]:
    found = [probe_database(), probe_redis(), probe_object_store()]
    return [probe for probe in found if probe is not None]


def unavailable_service(error: BaseException) -> str | None:
    """The service an exception says is unreachable (REDIS, OBJECT_STORE), or None."""
    try:
        import redis
    except ImportError:  # pragma: no cover - redis is a dependency
        redis = None
    if redis is not None and isinstance(error, (redis.ConnectionError, redis.TimeoutError)):
        return REDIS
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore comes with django-storages[s3]
        return None
    if isinstance(error, BotoCoreError):
        return OBJECT_STORE
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        code = error.response.get("Error", {}).get("Code", "")
        # The store failing or refusing our keys, not a missing object (a 404 on a read
        # becomes FileNotFoundError in django-storages, which the views handle).
        if status >= 500 or status in (401, 403) or code == "NoSuchBucket":
            return OBJECT_STORE
    return None


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__
