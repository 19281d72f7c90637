"""One rate limit for the whole site: ``hit(key, limit, window)`` says whether one more
action under ``key`` stays within ``limit`` per ``window`` seconds.

A fixed window: the count starts again at each multiple of ``window`` seconds since the
epoch. The count must be shared by every worker process of the server (``serve`` starts
several), so it never lives in process memory:

- with a shared cache (Redis, when REDIS_URL is set), one atomic INCR per hit;
- otherwise in the database (``RateCounter``): one INSERT ... ON CONFLICT DO UPDATE SET
  count = count + 1 RETURNING count, which every process serialises on the row's lock
  (PostgreSQL) or on the write lock (SQLite). Windows that have ended are deleted when a new
  one starts.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from tripartite.common.models import RateCounter

# Cache backends shared by every process; any other (local memory, dummy) is per process.
SHARED_CACHE_BACKENDS = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)
KEY_MAX_LENGTH = 200


def hit(key: str, limit: int, window: int, *, now: datetime | None = None) -> bool:
    """Count one hit under ``key``; True while the window's count is at most ``limit``."""
    if len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"A rate limit key has at most {KEY_MAX_LENGTH} characters.")
    now = now or timezone.now()
    start = _window_start(now, window)
    if _shared_cache():
        count = _count_in_cache(key, start, window)
    else:
        count = _count_in_database(key, start, window, now)
    return count <= limit


def _window_start(now: datetime, window: int) -> datetime:
    seconds = int(now.timestamp()) // window * window
    return datetime.fromtimestamp(seconds, tz=UTC)


def _shared_cache() -> bool:
    return settings.CACHES["default"]["BACKEND"] in SHARED_CACHE_BACKENDS


def _count_in_cache(key: str, start: datetime, window: int) -> int:
    cache_key = f"tripartite:rate:{key}:{int(start.timestamp())}"
    cache.add(cache_key, 0, timeout=window + 30)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this hit opens it again
        cache.add(cache_key, 1, timeout=window + 30)
        return 1


def _count_in_database(key: str, start: datetime, window: int, now: datetime) -> int:
    """One statement: insert the window's row with a count of 1, or add 1 to it, and read the
    count back (PostgreSQL and SQLite 3.35+ both speak INSERT ... ON CONFLICT ... RETURNING).
    Concurrent hits serialise on the row, and none is lost. Run inside the caller's
    transaction, it commits with the caller's work (one commit for a check-in, not two)."""
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    table, key_, start_, expires, count_ = (quote(name) for name in (
        RateCounter._meta.db_table, "key", "window_start", "expires_at", "count"))
    # Only quoted names of our own table are formatted in; the values are parameters.
    upsert = (f"INSERT INTO {table} ({key_}, {start_}, {expires}, {count_}) "  # noqa: S608
              f"VALUES (%s, %s, %s, 1) ON CONFLICT ({key_}, {start_}) "
              f"DO UPDATE SET {count_} = {table}.{count_} + 1 RETURNING {count_}")
    with connection.cursor() as cursor:
        cursor.execute(upsert, [key, adapt(start), adapt(start + timedelta(seconds=window))])
        (count,) = cursor.fetchone()
    if count == 1:  # the window's first hit: windows that have ended go
        RateCounter.objects.filter(expires_at__lt=now).delete()
    return count
