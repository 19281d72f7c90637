"""The per-user cap on open live streams (docs/sittings.md, "Live displays").

One user may hold at most ``LIVE_STREAMS_PER_USER`` live streams open at once, across the
room display, the delegates' page and the Chair's console, counted over every process and
every server. Each open stream holds a *slot*: a lease with an expiry, taken when the stream
opens (``take``), refreshed while it lives (``refresh``, at least every third of
``LIVE_STREAM_SLOT_SECONDS``), given back when it closes (``give_back``). A process that
dies gives nothing back: its slots expire by themselves within ``LIVE_STREAM_SLOT_SECONDS``
(60 s).

Where the slots are counted is chosen as ``sittings.live`` chooses its feed:

- with ``REDIS_URL``: a sorted set per user in Redis (members: the leases, scores: their
  expiry), changed by one Lua script, so that two servers taking a user's last slot at the
  same moment cannot both have it;
- without Redis (the embedded default, whose cache is each process's own): a table in the
  database (``OpenStream``), the user's row locked while their slots are counted.

If Redis cannot be reached the stream is let through (and logged): the cap protects the
servers, it must not turn the room's displays off.
"""

import logging
import math
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

logger = logging.getLogger(__name__)

KEY = "tripartite:streams:{user}"


def limit() -> int:
    return int(getattr(settings, "LIVE_STREAMS_PER_USER", 4))


def slot_seconds() -> float:
    """How long a slot lives unless refreshed (a dead process's slots free after this)."""
    return float(getattr(settings, "LIVE_STREAM_SLOT_SECONDS", 60))


def refresh_every() -> float:
    return slot_seconds() / 3


@dataclass(frozen=True)
class Refused:
    """No slot free: the user holds ``held`` streams; one may free in ``retry_after``
    seconds at the latest (if its stream has died)."""

    held: int
    retry_after: int


def _retry_after(seconds: float) -> int:
    return max(1, min(math.ceil(seconds), math.ceil(slot_seconds())))


# ---------------------------------------------------------------------------------------------
# Redis

TAKE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local held = redis.call('ZCARD', KEYS[1])
if held >= tonumber(ARGV[3]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, held, first[2]}
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {1, held + 1, ARGV[2]}
"""

REFRESH = """
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
return 0
"""


class RedisSlots:
    def __init__(self, url: str):
        import redis

        self.url = url
        self.client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        self._take = self.client.register_script(TAKE)
        self._refresh = self.client.register_script(REFRESH)

    def take(self, user_id: int) -> str | Refused:
        now, ttl = time.time(), slot_seconds()
        lease = secrets.token_hex(16)
        taken, held, expiry = self._take(
            keys=[KEY.format(user=user_id)],
            args=[repr(now), repr(now + ttl), limit(), lease, math.ceil(ttl * 1000)])
        if not taken:
            return Refused(int(held), _retry_after(float(expiry) - now))
        return lease

    def refresh(self, user_id: int, lease: str) -> bool:
        ttl = slot_seconds()
        return bool(self._refresh(keys=[KEY.format(user=user_id)],
                                  args=[lease, repr(time.time() + ttl),
                                        math.ceil(ttl * 1000)]))

    def give_back(self, user_id: int, lease: str) -> None:
        self.client.zrem(KEY.format(user=user_id), lease)


# ---------------------------------------------------------------------------------------------
# The database


class DatabaseSlots:
    url = None

    def take(self, user_id: int) -> str | Refused:
        from django.db import transaction
        from django.utils import timezone

        from tripartite.accounts.models import User
        from tripartite.sittings.models import OpenStream

        with transaction.atomic():
            # One user's slots are counted one request at a time (on SQLite, every write
            # transaction already waits for the one before).
            User.objects.select_for_update().filter(pk=user_id).values_list("pk").first()
            now = timezone.now()
            OpenStream.objects.filter(expires_at__lte=now).delete()  # anyone's, expired
            held = list(OpenStream.objects.filter(user_id=user_id)
                        .order_by("expires_at").values_list("expires_at", flat=True))
            if len(held) >= limit():
                return Refused(len(held), _retry_after((held[0] - now).total_seconds()))
            lease = secrets.token_hex(16)
            OpenStream.objects.create(user_id=user_id, lease=lease,
                                      expires_at=now + timedelta(seconds=slot_seconds()))
            return lease

    def refresh(self, user_id: int, lease: str) -> bool:
        from django.utils import timezone

        from tripartite.sittings.models import OpenStream

        expires_at = timezone.now() + timedelta(seconds=slot_seconds())
        return bool(OpenStream.objects.filter(user_id=user_id, lease=lease)
                    .update(expires_at=expires_at))

    def give_back(self, user_id: int, lease: str) -> None:
        from tripartite.sittings.models import OpenStream

        OpenStream.objects.filter(user_id=user_id, lease=lease).delete()


_slots: RedisSlots | DatabaseSlots | None = None


def slots() -> RedisSlots | DatabaseSlots:
    """Where this process counts the slots (made at first use, with the settings'
    REDIS_URL)."""
    global _slots
    url = settings.REDIS_URL or None
    if _slots is None or _slots.url != url:
        _slots = RedisSlots(url) if url else DatabaseSlots()
    return _slots


def take(user_id: int) -> str | Refused | None:
    """A slot for a new stream of the user (its lease), Refused when they hold the most,
    None when the slots cannot be counted (Redis unreachable: the stream is let through)."""
    try:
        return slots().take(user_id)
    except _unreachable():
        logger.exception("Could not count the open live streams of user %s", user_id)
        return None


def refresh(user_id: int, lease: str | None) -> bool:
    """Keep the slot of a stream still open; False when it is no longer held (it expired
    and was taken by another stream): the stream should end (the display reconnects)."""
    if lease is None:
        return True
    try:
        return slots().refresh(user_id, lease)
    except _unreachable():
        logger.exception("Could not refresh a live stream's slot of user %s", user_id)
        return True


def give_back(user_id: int, lease: str | None) -> None:
    """The stream closed: its slot is free (nothing if it had none)."""
    if lease is None:
        return
    try:
        slots().give_back(user_id, lease)
    except _unreachable():
        logger.exception("Could not give back a live stream's slot of user %s", user_id)


def _unreachable() -> tuple[type[Exception], ...]:
    """Redis's errors (when it is used): a broken counter lets streams through."""
    try:
        import redis
    except ImportError:  # pragma: no cover - redis is a dependency
        return ()
    return (redis.RedisError,)
