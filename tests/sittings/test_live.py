"""The live channel of a sitting (sittings.live): a change reaches the open displays of this
process at once, those of other processes through the database poller or through Redis; and
the stream (sittings.display.stream) is refused to whoever may not see the page, carries only
what is public in the room, and resyncs a display that reconnects."""

import asyncio
import json
import threading
import time

import pytest
import redis
from asgiref.sync import async_to_sync
from django.test import AsyncClient
from django.urls import reverse

from tests.sittings.factories import opened
from tripartite.sittings import live, services
from tripartite.sittings.models import SittingEvent

LOCAL_REDIS = "redis://127.0.0.1:6379/9"

@pytest.fixture(autouse=True)
def _hubs_let_go_of_the_database(monkeypatch):
    """Each hub's thread keeps a connection: closed after each test, so that the test
    database can be dropped at the end."""
    made = []
    original = live.Hub.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(live.Hub, "__init__", remember)
    yield
    for hub in [*made, live.hub()]:
        hub.close_connection()


def _publish_soon(hub, sitting_id, version, delay=0.05):
    """From another thread, as a request's thread does after its commit."""
    timer = threading.Timer(delay, hub.publish, (sitting_id, version))
    timer.start()
    return timer


def test_a_change_published_wakes_the_subscribers_of_its_sitting_only():
    hub = live.Hub()

    async def scenario():
        with hub.subscribe(7, 3) as watching, hub.subscribe(8, 3) as other:
            assert hub.count() == 2
            _publish_soon(hub, 7, 4)
            assert await watching.changed(2) is True and watching.version == 4
            assert await other.changed(0.1) is False
            hub.publish(7, 4)  # the same version again, or an older one: nothing
            hub.publish(7, 2)
            assert await watching.changed(0.1) is False
        assert hub.count() == 0

    async_to_sync(scenario)()


def test_a_subscriber_that_showed_an_older_version_is_woken_at_once():
    hub = live.Hub()
    hub.notify(5, 10)

    async def scenario():
        with hub.subscribe(5, 9) as behind, hub.subscribe(5, 10) as current:
            assert await behind.changed(0) is True and behind.version == 10
            assert await current.changed(0.05) is False

    async_to_sync(scenario)()


@pytest.mark.django_db
def test_every_act_publishes_its_event_once_committed(django_capture_on_commit_callbacks):
    sitting, delegates, chair, _ = opened()
    before = live.hub().version(sitting.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.floor_request(actor=chair, sitting=sitting,
                               person=delegates["FR"][0].person)
    assert live.hub().version(sitting.pk) == before  # nothing before the commit
    for callback in callbacks:
        callback()
    latest = SittingEvent.objects.filter(sitting=sitting).latest("id")
    assert latest.action == "requested" and live.hub().version(sitting.pk) == latest.pk


@pytest.mark.django_db(transaction=True)
def test_without_redis_the_poller_hears_a_change_made_by_another_process(settings):
    settings.REDIS_URL = None
    settings.LIVE_POLL_SECONDS = 0.05
    sitting, delegates, chair, _ = opened()
    # This process's displays subscribe to their own hub; the change below publishes to the
    # global one only, as another server process would: only the poller can tell them.
    hub = live.Hub()
    shown = live.latest_version(sitting.pk)

    def change_elsewhere():
        time.sleep(0.2)
        services.floor_request(actor=chair, sitting=sitting,
                               person=delegates["DE"][0].person)

    async def scenario():
        with hub.subscribe(sitting.pk, shown) as display:
            worker = threading.Thread(target=change_elsewhere)
            started = time.monotonic()
            worker.start()
            woken = await display.changed(3)
            waited = time.monotonic() - started
            await asyncio.to_thread(worker.join)
            return woken, display.version, waited

    woken, version, waited = async_to_sync(scenario)()
    assert woken is True and version == live.latest_version(sitting.pk) > shown
    assert waited < 1.5


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.django_db(transaction=True)
def test_with_redis_a_change_published_by_another_process_arrives_through_redis():
    if not _redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    sitting, _, _, _ = opened()
    here, elsewhere = live.Hub(LOCAL_REDIS), live.Hub(LOCAL_REDIS)
    shown = live.latest_version(sitting.pk)

    async def scenario():
        with here.subscribe(sitting.pk, shown) as display:
            await asyncio.sleep(0.5)  # the listener has subscribed to the channel
            started = time.monotonic()
            await asyncio.to_thread(elsewhere.publish, sitting.pk, shown + 5)
            woken = await display.changed(3)
            return woken, display.version, time.monotonic() - started

    woken, version, waited = async_to_sync(scenario)()
    assert (woken, version) == (True, shown + 5)
    assert waited < 1


# ---------------------------------------------------------------------------------------------
# The stream


def _read(response, *, until_changed=True, seconds=5.0):
    """The stream's text until its first ``changed`` event (or its end)."""

    async def collect():
        text = ""
        deadline = time.monotonic() + seconds
        async for chunk in response.streaming_content:
            text += chunk.decode() if isinstance(chunk, bytes) else chunk
            if (until_changed and "event: changed" in text) or time.monotonic() > deadline:
                break
        return text

    text = async_to_sync(collect)()
    _settled()
    return text


def _settled():
    """Wait for what a closed stream left to the hub's database thread (its slot given back,
    not awaited): on the suite's shared in-memory SQLite database a write of that thread and
    one of the test at the same moment fail with "database table is locked" at once, where a
    server's SQLite file waits (its busy timeout)."""
    live.hub().run_soon(lambda: None).result(timeout=10)


def _get(user, url, **headers):
    async def call():
        client = AsyncClient()
        if user is not None:
            await client.aforce_login(user)
        return await client.get(url, headers=headers)

    return async_to_sync(call)()


def _changed(text: str) -> dict:
    block = text[text.index("event: changed"):]
    return json.loads(block.split("data: ", 1)[1].split("\n", 1)[0])


@pytest.mark.django_db(transaction=True)
def test_the_stream_is_refused_to_whoever_may_not_see_the_page(settings):
    settings.LIVE_STREAM_SECONDS = 0.2
    sitting, _, _, _ = opened()
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})
    anonymous = _get(None, url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    from tests.factories import user_with_role
    from tripartite.accounts.models import Role

    inactive = user_with_role(Role.OBSERVER)
    inactive.is_active = False
    inactive.save()
    assert _get(inactive, url).status_code == 302
    observer = user_with_role(Role.OBSERVER)
    assert _get(observer, reverse("sittings:stream", kwargs={"pk": 999999})).status_code == 404
    assert _get(observer, url + "?view=console").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_stream_sends_the_room_state_and_nothing_private(settings):
    settings.LIVE_STREAM_SECONDS = 1
    sitting, delegates, chair, secretary = opened()
    speaker = delegates["FR"][0].person
    services.floor_request(actor=secretary, sitting=sitting, person=speaker)
    services.floor_give(actor=chair, sitting=sitting)
    waiting = delegates["DE"][1].person
    asked = services.floor_request(actor=secretary, sitting=sitting, person=waiting)
    # the secretary's notes, on the speech and on the request not yet given
    services.note_save(actor=secretary, sitting=sitting, speaker=asked,
                       text="Private: will speak for GRULAC.")
    services.note_save(actor=secretary, sitting=sitting,
                       speaker=sitting.speakers.get(status="speaking"),
                       text="Private: supported the draft.")
    from tests.factories import user_with_role
    from tripartite.accounts.models import Role

    observer = user_with_role(Role.OBSERVER)
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})
    response = _get(observer, url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["X-Accel-Buffering"] == "no"
    text = _read(response)
    assert text.startswith("retry: ")
    version = live.latest_version(sitting.pk)
    assert f"id: {version}\nevent: changed\n" in text
    message = _changed(text)
    assert message["version"] == version and abs(message["now"] - time.time()) < 5
    html = message["html"]
    assert speaker.name in html and waiting.name in html
    # the log, who entered the requests, the Chair's and the secretary's logins: not sent
    assert "Log of the sitting" not in html and secretary.username not in html
    assert chair.username not in html
    assert "Private:" not in html
    floor = _read(_get(observer, url + "?view=floor"))
    assert f'data-person="{waiting.pk}"' in _changed(floor)["html"]
    assert "Private:" not in _changed(floor)["html"]


@pytest.mark.django_db(transaction=True)
def test_a_display_that_reconnects_gets_only_what_it_missed(settings):
    settings.LIVE_STREAM_SECONDS = 0.4
    settings.LIVE_KEEPALIVE_SECONDS = 0.1
    sitting, delegates, chair, _ = opened()
    from tests.factories import user_with_role
    from tripartite.accounts.models import Role

    observer = user_with_role(Role.OBSERVER)
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})
    shown = live.latest_version(sitting.pk)
    quiet = _read(_get(observer, url, **{"Last-Event-ID": str(shown)}), until_changed=False)
    assert "event: changed" not in quiet and ": keep-alive" in quiet
    services.floor_request(actor=chair, sitting=sitting, person=delegates["FR"][0].person)
    missed = _read(_get(observer, url, **{"Last-Event-ID": str(shown)}))
    assert _changed(missed)["version"] == live.latest_version(sitting.pk) > shown


@pytest.mark.django_db(transaction=True)
def test_an_open_stream_sends_a_change_made_at_the_console(settings):
    settings.LIVE_STREAM_SECONDS = 3
    sitting, delegates, chair, _ = opened()
    from tests.factories import user_with_role
    from tripartite.accounts.models import Role

    observer = user_with_role(Role.OBSERVER)
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})
    shown = live.latest_version(sitting.pk)
    person = delegates["DE"][0].person

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(observer)
        response = await client.get(url, headers={"Last-Event-ID": str(shown)})
        chunks = response.streaming_content
        assert (await anext(chunks)).decode().startswith("retry:")
        change = asyncio.ensure_future(asyncio.to_thread(
            services.floor_request, actor=chair, sitting=sitting, person=person))
        started = time.monotonic()
        text = ""
        while "event: changed" not in text:
            text += (await asyncio.wait_for(anext(chunks), 3)).decode()
        await change
        await chunks.aclose()
        return text, time.monotonic() - started

    text, waited = async_to_sync(scenario)()
    assert person.name in _changed(text)["html"] and waited < 1


# ---------------------------------------------------------------------------------------------
# The projector's page


@pytest.mark.django_db
def test_the_projector_shows_the_item_the_speaker_and_the_next_six(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import user_with_role
    from tripartite.accounts.models import Role

    sitting, delegates, chair, _ = opened(states=("FR", "DE"))
    people = [n.person for iso2 in ("FR", "DE") for n in delegates[iso2]]
    client.force_login(user_with_role(Role.OBSERVER))
    url = reverse("sittings:display", kwargs={"pk": sitting.pk})
    services.floor_request(actor=chair, sitting=sitting, person=people[0])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for person in people[1:]:
        services.floor_request(actor=chair, sitting=sitting, person=person)
    services.floor_give(actor=chair, sitting=sitting)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(one)  # not one more per speaker
    item = sitting.current_item
    assert f"Item {item.number}: {item.title}" in page
    assert f'data-speaker="{people[0].pk}">{people[0].name}<' in page
    assert "Time left:" in page
    shown = [p for p in people[1:] if f'data-person="{p.pk}"' in page]
    assert shown == people[1:7] and "and 1 more in the list" in page
    version = live.latest_version(sitting.pk)
    assert f'data-version="{version}"' in page and "/live/?view=display" in page


@pytest.mark.django_db(transaction=True)
def test_under_wsgi_the_stream_sends_the_state_and_ends(client, settings):
    """runserver and Django's live test server cannot hold a stream: EventSource polls."""
    settings.LIVE_STREAM_SECONDS = 300
    sitting, _, _, _ = opened()
    from tests.factories import user_with_role
    from tripartite.accounts.models import Role

    client.force_login(user_with_role(Role.OBSERVER))
    url = reverse("sittings:stream", kwargs={"pk": sitting.pk})
    started = time.monotonic()
    text = _read(client.get(url), until_changed=False)
    assert time.monotonic() - started < 5
    assert _changed(text)["version"] == live.latest_version(sitting.pk)
    again = _read(client.get(url, headers={"Last-Event-ID": str(_changed(text)["version"])}),
                  until_changed=False)
    assert again.startswith("retry: ") and "event: changed" not in again
