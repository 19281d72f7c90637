"""The per-user cap on open live streams (sittings.streams): N streams open, the next refused
with 429 and Retry-After, a closed stream's slot free again; slots counted in the database
(the embedded default) and in Redis (several servers), refreshed while their stream lives,
and expiring when the process that held them died."""

import asyncio
import contextlib
import time

import pytest
import redis
from asgiref.sync import async_to_sync
from django.db import connection
from django.test import AsyncClient
from django.urls import reverse

from tests.concurrency import run_concurrently
from tests.factories import user_with_role
from tests.sittings.factories import opened
from tripartite.accounts.models import Role
from tripartite.sittings import live, streams
from tripartite.sittings.models import OpenStream

LOCAL_REDIS = "redis://127.0.0.1:6379/9"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _forget_redis_slots():
    client = redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=1)
    for key in client.scan_iter(match=streams.KEY.format(user="*")):
        client.delete(key)


@pytest.fixture(params=["database", "redis"])
def backend(request, settings, monkeypatch):
    """Slots counted in the database (no REDIS_URL) or in Redis; this test's own hub."""
    if request.param == "redis":
        if not _redis_answers():
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.REDIS_URL = LOCAL_REDIS
        _forget_redis_slots()
    else:
        settings.REDIS_URL = None
    settings.LIVE_STREAMS_PER_USER = 2
    hub = live.Hub(settings.REDIS_URL)
    monkeypatch.setattr(live, "_hub", hub)
    monkeypatch.setattr(streams, "_slots", None)
    yield request.param
    hub.close_connection()  # its thread's connection: the test database can be dropped
    if request.param == "redis":
        _forget_redis_slots()


def _given_back():
    """Wait until what closing streams gave back has been written (the hub's thread runs
    one thing at a time, in order)."""
    live.hub().run_soon(lambda: None).result(timeout=5)


class Display:
    """A live page held open, as a browser's EventSource holds it: its stream read in a task
    of its own; ``leave()`` cancels that task, as the server does when the browser goes away
    (the cancellation lands in the stream, which gives its slot back)."""

    def __init__(self, response):
        self.response = response
        self.first = asyncio.Event()
        self.task = asyncio.ensure_future(self._read())

    async def _read(self):
        async for _chunk in self.response.streaming_content:
            self.first.set()

    async def opened(self):
        await asyncio.wait_for(self.first.wait(), 5)
        return self

    async def leave(self):
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        await asyncio.to_thread(_given_back)


async def _open(client, url):
    response = await client.get(url)
    if response.status_code != 200:
        return response
    return await Display(response).opened()


@pytest.mark.django_db(transaction=True)
def test_n_streams_open_the_next_is_refused_and_a_closed_one_frees_its_slot(settings,
                                                                         backend):
    settings.LIVE_STREAM_SECONDS = 30
    sitting, _, _, _ = opened()
    observer, other = user_with_role(Role.OBSERVER), user_with_role(Role.OBSERVER)
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(observer)
        # the cap counts the room display and the delegates' page together
        held = [await _open(client, f"{url}?view=display"),
                await _open(client, f"{url}?view=floor")]
        assert all(isinstance(display, Display) for display in held)
        refused = await client.get(url)
        # someone else is not held back by this login's streams
        someone = AsyncClient()
        await someone.aforce_login(other)
        theirs = await _open(someone, url)
        # one display goes away: its slot is free again
        await held.pop().leave()
        again = await _open(client, url)
        for display in (*held, theirs, again):
            if isinstance(display, Display):
                await display.leave()
        return refused, theirs, again

    refused, theirs, again = async_to_sync(scenario)()
    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/plain; charset=utf-8"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.content.decode() == (
        "This login already has 2 live pages of sittings open (room displays, delegates' "
        "pages or Chair's consoles), the most it may hold at once. Close one of them, then "
        "try again.")
    assert isinstance(theirs, Display) and isinstance(again, Display)
    # every stream gave its slot back
    if backend == "database":
        assert OpenStream.objects.count() == 0
    else:
        assert not redis.Redis.from_url(LOCAL_REDIS).exists(
            streams.KEY.format(user=observer.pk))


@pytest.mark.django_db(transaction=True)
def test_the_refusal_is_in_the_users_language(settings, backend):
    settings.LIVE_STREAMS_PER_USER = 1
    sitting, _, _, _ = opened()
    observer = user_with_role(Role.OBSERVER)
    observer.language = "fr"
    observer.save()
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})
    assert streams.take(observer.pk) is not None  # another server's stream holds the slot

    async def call():
        client = AsyncClient()
        await client.aforce_login(observer)
        return await client.get(url)

    refused = async_to_sync(call)()
    assert refused.status_code == 429
    assert refused.content.decode().startswith(
        "Ce compte a déjà 1 page de séance en direct ouverte (un écran de salle, une page des "
        "délégués ou la console de la présidence)")


@pytest.mark.django_db(transaction=True)
def test_a_dead_process_slots_expire_and_a_living_stream_keeps_its_own(settings, backend):
    settings.LIVE_STREAM_SLOT_SECONDS = 0.3
    user = user_with_role(Role.OBSERVER)
    # a process that took two slots and died: they hold for a while, then free themselves
    dead = [streams.take(user.pk), streams.take(user.pk)]
    assert all(isinstance(lease, str) for lease in dead)
    refused = streams.take(user.pk)
    assert isinstance(refused, streams.Refused) and refused.held == 2
    assert refused.retry_after == 1  # at the latest when the first expires (rounded up)
    time.sleep(0.35)
    alive = streams.take(user.pk)
    assert isinstance(alive, str)
    # a lease that expired and was counted out cannot be refreshed: its stream must end
    assert streams.refresh(user.pk, dead[0]) is False
    # a slot refreshed while its stream lives outlasts its first expiry
    settings.LIVE_STREAMS_PER_USER = 1
    streams.give_back(user.pk, alive)
    living = streams.take(user.pk)
    assert isinstance(living, str)
    for _ in range(3):
        time.sleep(0.15)
        assert streams.refresh(user.pk, living) is True
    assert isinstance(streams.take(user.pk), streams.Refused)  # 0.45 s on: still held
    streams.give_back(user.pk, living)
    assert isinstance(streams.take(user.pk), str)


@pytest.mark.django_db(transaction=True)
def test_an_open_stream_refreshes_its_slot_while_it_lives(settings, backend):
    settings.LIVE_STREAM_SLOT_SECONDS = 0.3
    settings.LIVE_STREAM_SECONDS = 5
    settings.LIVE_STREAMS_PER_USER = 1
    sitting, _, _, _ = opened()
    observer = user_with_role(Role.OBSERVER)
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(observer)
        display = await _open(client, url)
        await asyncio.sleep(0.8)  # well past the slot's first expiry
        refused = await client.get(url)
        await display.leave()
        return refused.status_code

    assert async_to_sync(scenario)() == 429


@pytest.mark.django_db(transaction=True)
def test_a_stream_that_is_not_held_open_takes_no_slot(client, settings, backend):
    """Under WSGI (runserver) the stream sends the state and ends: it holds nothing open,
    so the display that polls this way is never refused."""
    settings.LIVE_STREAMS_PER_USER = 1
    sitting, _, _, _ = opened()
    observer = user_with_role(Role.OBSERVER)
    client.force_login(observer)
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    assert isinstance(streams.take(observer.pk), str)  # the one slot is still free


@pytest.mark.django_db(transaction=True)
def test_streams_opening_at_once_take_no_more_slots_than_the_cap(settings, backend):
    """Several servers opening the same login's streams at the same moment (real concurrent
    connections: PostgreSQL for the database's slots; Redis's script for its own)."""
    if backend == "database" and connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL)")
    user = user_with_role(Role.OBSERVER)
    outcomes = run_concurrently([lambda: streams.take(user.pk)] * 6)
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert sum(isinstance(o, str) for o in outcomes) == 2
    assert sum(isinstance(o, streams.Refused) for o in outcomes) == 4
