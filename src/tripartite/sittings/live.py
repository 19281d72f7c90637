"""Live updates of a sitting's displays (the room's projector, the delegates' phones).

Every change to a sitting goes through ``services._event()``, which writes a ``SittingEvent``
and, once the transaction has committed, calls ``publish(sitting_id, event_id)``: the id of
the sitting's latest event is its *version* (per sitting it only grows: every act locks the
sitting's row before it writes its event).

In each server process a ``Hub`` keeps the versions it knows and the subscribers (open
Server-Sent Events streams, ``sittings.display.stream``) waiting on them. How a change made
in one process reaches the others:

- with ``REDIS_URL``: ``publish`` also sends ``<sitting>:<version>`` on the Redis channel
  ``tripartite:sittings``; each process listens to it (one connection per process);
- without Redis (the embedded default): one poller per process reads, every
  ``LIVE_POLL_SECONDS`` (0.25 s), the latest event id of each sitting someone watches in this
  process. Nothing is read while nobody watches.

A change made in the process itself wakes its subscribers at once, in both cases.

The fragment a display shows is rendered once per process for each version and language (a
display shows only what is public in the room, the same for everyone), not once per display:
``rendered()``.
"""

import asyncio
import contextlib
import logging
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings

logger = logging.getLogger(__name__)

CHANNEL = "tripartite:sittings"


def poll_seconds() -> float:
    return float(getattr(settings, "LIVE_POLL_SECONDS", 0.25))


class Subscription:
    """One open display: woken when its sitting's version grows past the one it showed."""

    def __init__(self, hub: "Hub", sitting_id: int, version: int,
                 loop: asyncio.AbstractEventLoop):
        self.hub, self.sitting_id, self.loop = hub, sitting_id, loop
        self.version = version  # the latest version known to this subscriber
        self._changed = asyncio.Event()

    def _wake(self, version: int) -> None:  # in the subscriber's loop
        if version > self.version:
            self.version = version
            self._changed.set()

    async def changed(self, timeout: float) -> bool:
        """Wait until the version grows (True) or ``timeout`` seconds pass (False)."""
        if not self._changed.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout)
        if self._changed.is_set():
            self._changed.clear()
            return True
        return False

    def close(self) -> None:
        self.hub._remove(self)

    def __enter__(self) -> "Subscription":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Hub:
    """The subscribers of this process, and the feed that tells it of other processes'
    changes (Redis or the database poller), one per event loop."""

    def __init__(self, redis_url: str | None = None):
        self.redis_url = redis_url
        self._lock = threading.Lock()
        self._subscribers: dict[int, set[Subscription]] = {}
        self._versions: dict[int, int] = {}
        self._feeds: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Task] = (
            weakref.WeakKeyDictionary())
        self._redis_client = None
        # The database is read in its own thread: one connection per process, kept open.
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-poller")

    # -- subscribers -------------------------------------------------------------------------

    def subscribe(self, sitting_id: int, version: int) -> Subscription:
        """Called in the subscriber's event loop; starts this loop's feed if need be."""
        loop = asyncio.get_running_loop()
        subscription = Subscription(self, sitting_id, version, loop)
        with self._lock:
            self._subscribers.setdefault(sitting_id, set()).add(subscription)
            known = self._versions.get(sitting_id, 0)
        if known > version:
            subscription._wake(known)
        self._ensure_feed(loop)
        return subscription

    def _remove(self, subscription: Subscription) -> None:
        with self._lock:
            group = self._subscribers.get(subscription.sitting_id)
            if group is not None:
                group.discard(subscription)
                if not group:
                    del self._subscribers[subscription.sitting_id]

    def watched(self) -> list[int]:
        with self._lock:
            return sorted(self._subscribers)

    def count(self, sitting_id: int | None = None) -> int:
        with self._lock:
            if sitting_id is not None:
                return len(self._subscribers.get(sitting_id, ()))
            return sum(len(group) for group in self._subscribers.values())

    def notify(self, sitting_id: int, version: int) -> None:
        """The sitting is at ``version``: wake its subscribers that showed an older one. Safe
        from any thread."""
        with self._lock:
            if version <= self._versions.get(sitting_id, 0):
                return
            self._versions[sitting_id] = version
            by_loop: dict[asyncio.AbstractEventLoop, list[Subscription]] = {}
            for subscription in self._subscribers.get(sitting_id, ()):
                by_loop.setdefault(subscription.loop, []).append(subscription)
        for loop, group in by_loop.items():
            with contextlib.suppress(RuntimeError):  # that loop is closed
                loop.call_soon_threadsafe(_wake_all, group, version)

    def version(self, sitting_id: int) -> int:
        with self._lock:
            return self._versions.get(sitting_id, 0)

    # -- publishing --------------------------------------------------------------------------

    def publish(self, sitting_id: int, version: int) -> None:
        self.notify(sitting_id, version)
        if not self.redis_url:
            return
        try:
            if self._redis_client is None:
                import redis

                self._redis_client = redis.Redis.from_url(
                    self.redis_url, socket_connect_timeout=2, socket_timeout=2)
            self._redis_client.publish(CHANNEL, f"{sitting_id}:{version}")
        except Exception:  # the change is saved; displays catch up at their next change
            logger.exception("Could not publish sitting %s's version %s to Redis",
                             sitting_id, version)

    # -- feeds: what the other processes changed ---------------------------------------------

    def _ensure_feed(self, loop: asyncio.AbstractEventLoop) -> None:
        task = self._feeds.get(loop)
        if task is None or task.done():
            feed = self._listen_to_redis if self.redis_url else self._poll_the_database
            self._feeds[loop] = loop.create_task(feed())

    async def _poll_the_database(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            watched = self.watched()
            if watched:
                try:
                    latest = await self.run_in_reader(latest_versions, watched)
                except Exception:
                    logger.exception("Could not read the sittings' versions")
                    await loop.run_in_executor(self._reader, _close_connection)
                    latest = {}
                for sitting_id, version in latest.items():
                    self.notify(sitting_id, version)
            await asyncio.sleep(poll_seconds())

    async def _listen_to_redis(self) -> None:
        import redis.asyncio as aioredis

        while True:
            client = aioredis.Redis.from_url(self.redis_url, socket_connect_timeout=2)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    # A change missed while (re)connecting: read the versions once.
                    watched = self.watched()
                    if watched:
                        latest = await self.run_in_reader(latest_versions, watched)
                        for sitting_id, version in latest.items():
                            self.notify(sitting_id, version)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self._on_message(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Redis pub/sub for the sittings' displays failed; retrying")
                await asyncio.sleep(1)
            finally:
                with contextlib.suppress(Exception):
                    await client.aclose()

    def _on_message(self, data: bytes | str) -> None:
        text = data.decode() if isinstance(data, bytes) else data
        sitting, _, version = text.partition(":")
        if sitting.isdigit() and version.isdigit():
            self.notify(int(sitting), int(version))

    def close_connection(self) -> None:
        """Close the database connection of the hub's thread (it opens again when needed)."""
        self._reader.submit(_close_connection).result()

    def run_soon(self, function: Callable, *args) -> Future:
        """Run ``function`` in the hub's database thread without waiting for it (what a
        closing stream gives back: it may be closing because its task is cancelled)."""
        return self._reader.submit(_fresh, function, *args)

    def run_in_reader(self, function: Callable, *args):
        """Run ``function`` in the hub's database thread (for the renderer)."""
        return asyncio.get_running_loop().run_in_executor(self._reader, _fresh, function,
                                                          *args)


def _wake_all(group: list[Subscription], version: int) -> None:
    for subscription in group:
        subscription._wake(version)


def _fresh(function: Callable, *args):
    """In the hub's thread: its connection, closed if it broke (the server restarted)."""
    from django.db import close_old_connections

    close_old_connections()
    return function(*args)


def _close_connection() -> None:
    from django.db import connection

    connection.close()


def latest_versions(sitting_ids: list[int]) -> dict[int, int]:
    """The id of the latest event of each sitting (its version)."""
    from django.db.models import Max

    from tripartite.sittings.models import SittingEvent

    return dict(SittingEvent.objects.filter(sitting_id__in=sitting_ids)
                .values("sitting_id").annotate(latest=Max("id"))
                .values_list("sitting_id", "latest"))


def latest_version(sitting_id: int) -> int:
    return latest_versions([sitting_id]).get(sitting_id, 0)


_hub: Hub | None = None
_hub_lock = threading.Lock()


def hub() -> Hub:
    """This process's hub (made at first use, with the REDIS_URL of the settings)."""
    global _hub
    with _hub_lock:
        if _hub is None or _hub.redis_url != (settings.REDIS_URL or None):
            _hub = Hub(settings.REDIS_URL or None)
        return _hub


def publish(sitting_id: int, version: int) -> None:
    """Tell every display of the sitting, in every process, that it is now at ``version``.
    Call it after the change has committed (``transaction.on_commit``)."""
    hub().publish(sitting_id, version)


def subscribe(sitting_id: int, version: int) -> Subscription:
    """An open display of the sitting that shows ``version``; use it as a context manager,
    and ``await subscription.changed(timeout)``. Must be called in the event loop."""
    return hub().subscribe(sitting_id, version)


# ---------------------------------------------------------------------------------------------
# The rendered fragment: once per process for each sitting, version, view and language.


class Renderer:
    """Keeps the latest fragment of each (sitting, view, language), and makes sure that
    many displays woken together wait for one rendering, not one each."""

    def __init__(self) -> None:
        self._done: dict[tuple, tuple[int, str]] = {}
        self._pending: dict[tuple, asyncio.Future] = {}

    async def get(self, sitting_id: int, view: str, language: str, at_least: int,
                  render: Callable[[int, str, str], tuple[int, str]]) -> tuple[int, str]:
        key = (sitting_id, view, language)
        result = self._done.get(key)
        for _attempt in range(3):
            if result is not None and result[0] >= at_least:
                return result
            pending = self._pending.get(key)
            if pending is None or pending.get_loop() is not asyncio.get_running_loop():
                pending = asyncio.ensure_future(hub().run_in_reader(render, sitting_id, view,
                                                                    language))
                self._pending[key] = pending
                pending.add_done_callback(lambda future, key=key: self._settle(key, future))
            # one display closing does not cancel the rendering the others wait for
            result = await asyncio.shield(pending)
            # (a rendering begun just before the change shows the version before it: again)
        assert result is not None
        return result

    def _settle(self, key: tuple, future: asyncio.Future) -> None:
        if self._pending.get(key) is future:
            del self._pending[key]
        if not future.cancelled() and future.exception() is None:
            result = future.result()
            previous = self._done.get(key)
            if previous is None or result[0] >= previous[0]:
                self._done[key] = result


renderer = Renderer()


def server_now() -> float:
    return time.time()
