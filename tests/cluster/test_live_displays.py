"""The live displays across servers: "Next speaker" given through one application server
reaches a display whose stream is open on the other (through Redis, as the cluster runs),
and one open through HAProxy (which must pass the stream on as it comes, not buffer it).
Run by ``scripts/cluster.sh test``."""

import queue
import re
import threading
import time

import pytest
import requests

from tests.cluster.test_cluster import _bearer, _logged_in, _token_for
from tests.factories import user_with_role
from tests.sittings.factories import opened
from tripartite.accounts.models import Role
from tripartite.sittings import services
from tripartite.sittings.live import latest_version

pytestmark = pytest.mark.cluster
CHANGED = re.compile(r"id: (\d+)\nevent: changed\ndata: (.*)\n")


def _listen(session: requests.Session, url: str, shown: int) -> "queue.Queue[str]":
    """Open the stream in a thread; what arrives goes into the queue as it comes."""
    arrived: queue.Queue[str] = queue.Queue()
    answer = session.get(url, stream=True, timeout=30, headers={"Last-Event-ID": str(shown)})
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "text/event-stream"

    def read():
        for chunk in answer.iter_content(chunk_size=None):
            arrived.put(chunk.decode())

    threading.Thread(target=read, daemon=True).start()
    return arrived


def _until_changed(arrived: "queue.Queue[str]", seconds: float) -> str:
    text, deadline = "", time.monotonic() + seconds
    while not CHANGED.search(text):
        text += arrived.get(timeout=max(0.01, deadline - time.monotonic()))
    return text


def test_next_speaker_on_one_server_reaches_displays_on_the_other_and_through_the_proxy(
        cluster, seed):
    sitting, delegates, _chair, _ = opened()
    staff = user_with_role(Role.SECRETARIAT)
    speaker = delegates["FR"][0].person
    services.floor_request(actor=staff, sitting=sitting, person=speaker)
    first, second = cluster["CLUSTER_APP_URLS"].split(",")
    viewer = _logged_in(cluster, Role.OBSERVER)
    shown = latest_version(sitting.pk)
    path = f"/sittings/{sitting.pk}/live/?view=display"
    on_second = _listen(viewer, f"{second}{path}", shown)
    through_proxy = _listen(viewer, f"{cluster['CLUSTER_PROXY_URL']}{path}", shown)
    time.sleep(0.5)  # both streams are subscribed

    given = requests.post(f"{first}/api/sittings/{sitting.pk}/floor", json={}, timeout=10,
                          headers=_bearer(_token_for(staff)))
    assert given.status_code == 200, given.text
    sent = time.monotonic()
    for arrived in (on_second, through_proxy):
        text = _until_changed(arrived, 3)
        version = int(CHANGED.search(text).group(1))
        assert version == latest_version(sitting.pk) > shown
        assert speaker.name in text
    assert time.monotonic() - sent < 2
