"""Load test of the live room displays: N displays (1,000 unless ``BENCH_DISPLAYS``) hold the
stream of one sitting open (``GET /sittings/<id>/live/``, Server-Sent Events) against
``tripartite serve`` on loopback, on PostgreSQL; the Chair presses "Next speaker" at the
console (``POST /sittings/<id>/console/``) ``BENCH_ROUNDS`` times (10), and each display
notes when the change reached it.

    .venv/bin/python -m bench.live_displays   # BENCH_LIVE_DATABASE_URL, default bench_live

What it does, in a dedicated database (dropped and made again each run, never yours):

1. migrates, makes a session with four delegations, a sitting with its Chair, opens it and
   puts enough speakers in the list;
2. starts ``tripartite serve`` (``BENCH_WORKERS``, 2) with ``bench.settings``; without
   ``BENCH_REDIS_URL`` the processes hear of each other's changes through the database
   poller (the embedded default), with it through Redis;
3. opens the N streams (plain sockets in one asyncio loop: the client side costs little) and
   measures the server's memory (the resident size of its processes) before and after;
4. each round: "Next speaker" through the console, then the time until each display has the
   new version; the round's figure is the time to the *last* display;
5. prints a Markdown table: per display and per round (last display), p50/p95/max, and the
   server's memory per open stream.
"""

import asyncio
import os
import re
import sys
import time
from pathlib import Path

from bench import loadkit

DISPLAYS = int(os.environ.get("BENCH_DISPLAYS", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_live"
ROOT = loadkit.ROOT
SERVER_LOG = Path(os.environ.get("BENCH_SERVER_LOG", "/tmp/bench_live_server.log"))
CHANGED = re.compile(rb"id: (\d+)\nevent: changed\n")


def _prepare():
    """A sitting open with ROUNDS + 1 speakers waiting: (sitting id, chair's cookie, a
    viewer's cookie)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from tests.factories import user_with_role
    from tests.sittings.factories import opened
    from tests.votes.factories import delegation

    from tripartite.accounts.models import Role
    from tripartite.sittings import services

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    sitting, delegates, chair, _secretary = opened(states=("FR", "DE", "IT", "ES"))
    people = [n.person for iso2 in ("FR", "DE", "IT", "ES") for n in delegates[iso2]]
    extra = ("BE", "NL", "PT", "AT", "CH", "SE", "NO", "DK")
    for iso2 in extra:
        if len(people) > ROUNDS + 1:
            break
        people += [n.person for n in delegation(sitting.session, iso2)]
    for person in people[:ROUNDS + 1]:
        services.floor_request(actor=chair, sitting=sitting, person=person)
    viewer = user_with_role(Role.OBSERVER)
    cookies = []
    for user in (chair, viewer):
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies["sessionid"].value)
    return sitting.pk, cookies[0], cookies[1]


def _resident_kib(root_pid: int) -> int:
    """The resident memory of the server: its master and every worker (VmRSS, KiB)."""
    pids = [root_pid]
    children = Path(f"/proc/{root_pid}/task/{root_pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


class Display:
    """One display: a socket reading the stream, noting when each version arrived."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.buffer = b""
        self.ready = asyncio.Event()
        self.writer: asyncio.StreamWriter | None = None

    async def run(self, port: int, path: str, cookie: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        self.writer = writer
        writer.write((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      f"Accept: text/event-stream\r\nCookie: sessionid={cookie}\r\n\r\n")
                     .encode())
        await writer.drain()
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            now = time.perf_counter()
            self.buffer += chunk
            if not self.ready.is_set() and b"200 OK" in self.buffer[:20]:
                self.ready.set()
            for match in CHANGED.finditer(self.buffer):
                self.seen.setdefault(int(match.group(1)), now)
            self.buffer = self.buffer[-200:]

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _console(base: str, sitting_id: int, cookie: str):
    """The Chair's console open, ready to press "Next speaker": a function that presses it."""
    import requests

    http = requests.Session()
    http.cookies.set("sessionid", cookie)
    page = http.get(f"{base}/sittings/{sitting_id}/console/", timeout=30)
    if page.status_code != 200:
        raise SystemExit(f"the console answered {page.status_code}")
    token = http.cookies.get("csrftoken") or ""

    def press() -> None:
        answer = http.post(f"{base}/sittings/{sitting_id}/console/", timeout=30,
                           data={"action": "next", "csrfmiddlewaretoken": token},
                           headers={"Referer": page.url}, allow_redirects=False)
        if answer.status_code != 302:
            raise SystemExit(f"'Next speaker' answered {answer.status_code}")

    return press


def _latest_version(sitting_id: int) -> int:
    from tripartite.sittings.live import latest_version

    return latest_version(sitting_id)


async def _measure(port: int, sitting_id: int, chair: str, viewer: str, server_pid: int):
    base = f"http://127.0.0.1:{port}"
    shown = await asyncio.to_thread(_latest_version, sitting_id)
    path = f"/sittings/{sitting_id}/live/?view=display&since={shown}"
    before = _resident_kib(server_pid)
    displays = [Display() for _ in range(DISPLAYS)]
    tasks = []
    opened_at = time.perf_counter()
    for display in displays:
        tasks.append(asyncio.create_task(display.run(port, path, viewer)))
        if len(tasks) % 50 == 0:
            await asyncio.sleep(0.05)  # a room's displays arrive over a few seconds
    await asyncio.wait_for(asyncio.gather(*(d.ready.wait() for d in displays)), 120)
    connect_seconds = time.perf_counter() - opened_at
    await asyncio.sleep(2)
    after = _resident_kib(server_pid)
    per_display, last_display, posts, after_answer = [], [], [], []
    for _ in range(ROUNDS):
        press = await asyncio.to_thread(_console, base, sitting_id, chair)
        started = time.perf_counter()
        await asyncio.to_thread(press)
        posts.append((time.perf_counter() - started) * 1000)
        version = await asyncio.to_thread(_latest_version, sitting_id)
        deadline = time.perf_counter() + 30
        while (time.perf_counter() < deadline
               and not all(any(v >= version for v in d.seen) for d in displays)):
            await asyncio.sleep(0.01)
        arrivals = [min((t for v, t in d.seen.items() if v >= version), default=None)
                    for d in displays]
        missing = sum(1 for t in arrivals if t is None)
        if missing:
            raise SystemExit(f"{missing} displays never received version {version}")
        times = [(t - started) * 1000 for t in arrivals if t is not None]
        per_display += times
        last_display.append(max(times))
        after_answer.append(max(times) - posts[-1])
        await asyncio.sleep(1)
    for display in displays:
        display.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    measured = {"per_display": per_display, "last": last_display, "console": posts,
                "after_answer": after_answer}
    return {**{key: loadkit.percentiles(values) for key, values in measured.items()},
            "kib_before": before, "kib_after": after, "connect_seconds": connect_seconds}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("BENCH_LIVE_DATABASE_URL", DEFAULT_DATABASE)
    if not url.startswith("postgres"):
        raise SystemExit("this load test runs on PostgreSQL: set BENCH_LIVE_DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["SECURE_COOKIES"] = "false"  # plain HTTP on loopback
    os.environ.pop("DEBUG", None)
    redis_url = os.environ.get("BENCH_REDIS_URL", "")
    os.environ["REDIS_URL"] = redis_url
    loadkit.fresh_database(url)
    sitting_id, chair, viewer = _prepare()
    from django.db import connections

    connections.close_all()
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{os.environ.get('PYTHONPATH', '')}",
           # every display is the one observer's login, as projectors sharing a login would
           # be: the per-login cap on open streams raised for them (docs/operations.md)
           "LIVE_STREAMS_PER_USER": str(DISPLAYS + 10)}
    port = loadkit.free_port()
    server = loadkit.serve(env, port, log=SERVER_LOG, workers=WORKERS)
    try:
        result = asyncio.run(_measure(port, sitting_id, chair, viewer, server.pid))
    finally:
        server.terminate()
        server.wait(30)
    per, last = result["per_display"], result["last"]
    feed = "Redis" if redis_url else "the database poller (no Redis)"
    grown = result["kib_after"] - result["kib_before"]
    print(f"{DISPLAYS} displays on one sitting, {ROUNDS} × \"Next speaker\", "
          f"`tripartite serve` with {WORKERS} workers, processes told through {feed}; "
          f"all displays connected in {result['connect_seconds']:.1f} s.\n")
    print("| from \"Next speaker\" (POST) to … | p50 | p95 | max |")
    print("|---|---:|---:|---:|")
    print(f"| each display | {per['p50']:.0f} ms | {per['p95']:.0f} ms | {per['max']:.0f} ms |")
    print(f"| the last display of the round | {last['p50']:.0f} ms | {last['p95']:.0f} ms "
          f"| {last['max']:.0f} ms |")
    console = result["console"]
    print(f"| (the POST's own answer) | {console['p50']:.0f} ms "
          f"| {console['p95']:.0f} ms | {console['max']:.0f} ms |")
    after = result["after_answer"]
    print(f"| the last display, counted from the POST's answer | {after['p50']:.0f} ms "
          f"| {after['p95']:.0f} ms | {after['max']:.0f} ms |")
    print(f"\nServer memory (resident, master and workers): {result['kib_before'] / 1024:.0f} "
          f"MiB before, {result['kib_after'] / 1024:.0f} MiB with {DISPLAYS} streams open: "
          f"{grown / DISPLAYS:.1f} KiB per open stream.")


if __name__ == "__main__":
    main()
