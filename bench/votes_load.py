"""Load test of electronic voting: 480 delegates cast their ballots within one minute through
the web page (``POST /votes/<id>/ballot/`` as htmx sends it) against ``tripartite serve``
(gunicorn) on loopback, on PostgreSQL; then every ballot is counted.

    .venv/bin/python -m bench.votes_load    # BENCH_VOTES_DATABASE_URL, default bench_votes

What it does, in a dedicated database (dropped and made again each run, never yours):

1. migrates, loads the ILC demo, and picks 480 registered delegates entitled to vote in the
   114th Session (``registration.attendance.registered_voters``); gives each a delegate login
   linked to their person and a logged-in session;
2. opens a record vote, starts ``tripartite serve`` (2 workers × 4 threads unless
   ``BENCH_WORKERS``) with ``bench.settings``;
3. each delegate, at a random moment within the minute (``BENCH_SECONDS``), opens the
   "vote now" page (GET, which also sets the CSRF cookie) and presses a button (POST, htmx);
   in the same run the same arrival pattern hits a bare Django view (the baseline);
4. every delegate then submits a second time (all refused: one ballot per delegate), and the
   ballots are counted in the database: none lost, none doubled;
5. prints a Markdown table: latency percentiles of the ballot POST, of the page GET and of the
   bare view, the ratio to the bare view, throughput, and the counts.
"""

import io
import os
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import loadkit

DELEGATES = int(os.environ.get("BENCH_DELEGATES", "480"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "0"))  # 0: a free port chosen at start
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_votes"
ROOT = loadkit.ROOT


def _prepare():
    """Demo, delegates with logins and sessions, an open vote: (vote id, cookies)."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from tripartite.accounts.models import Role, User
    from tripartite.meetings.models import Session
    from tripartite.registration.attendance import registered_voters
    from tripartite.votes import services
    from tripartite.votes.models import Vote

    call_command("migrate", verbosity=0)
    call_command("demo", scale="ilc", if_empty=True, stdout=io.StringIO())
    session = Session.objects.get(number="114", meeting__type="ilc")
    voters = registered_voters(session, timezone.now())
    from tripartite.delegations.models import Nomination

    linked = set(User.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    people = [p for p in Nomination.objects.filter(pk__in=voters).order_by("pk")
              .values_list("person_id", flat=True) if p not in linked][:DELEGATES]
    if len(people) < DELEGATES:
        raise SystemExit(f"only {len(people)} registered voters in the demo, {DELEGATES} asked")
    password = make_password(None)
    User.objects.bulk_create([User(username=f"bench-delegate-{n}", role=Role.DELEGATE,
                                   person_id=person, password=password)
                              for n, person in enumerate(people)])
    cookies = []
    client = Client()
    for user in User.objects.filter(username__startswith="bench-delegate-").order_by("pk"):
        client.force_login(user)
        cookies.append(client.cookies["sessionid"].value)
        client.cookies.clear()
    staff = User.objects.get(username="secretariat")
    vote = services.vote_create(actor=staff, session=session, method="record",
                                subject_en="Bench: final record vote", majority="two_thirds")
    services.vote_open(actor=staff, vote=vote)
    return Vote.objects.get(pk=vote.pk), cookies


SERVER_LOG = Path(os.environ.get("BENCH_SERVER_LOG", "/tmp/bench_votes_server.log"))


def _arrivals(count: int, rng: random.Random) -> list[float]:
    return sorted(rng.uniform(0, SECONDS) for _ in range(count))


def _run(jobs, arrivals) -> tuple[list, float]:
    """Start each job at its arrival time (seconds from now); return results and duration."""
    start = time.perf_counter()
    results = [None] * len(jobs)

    def launch(index):
        delay = start + arrivals[index] - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        results[index] = jobs[index]()

    with ThreadPoolExecutor(max_workers=min(256, len(jobs))) as pool:
        list(pool.map(launch, range(len(jobs))))
    return results, time.perf_counter() - start


def _ballot_job(base, vote_id, cookie, choice, timings):
    import requests

    def job():
        with requests.Session() as http:
            http.cookies.set("sessionid", cookie)
            started = time.perf_counter()
            page = http.get(f"{base}/votes/{vote_id}/ballot/", timeout=60)
            got = time.perf_counter()
            token = http.cookies.get("csrftoken")
            response = http.post(f"{base}/votes/{vote_id}/ballot/", data={"choice": choice},
                                 headers={"HX-Request": "true", "X-CSRFToken": token or ""},
                                 timeout=60)
            done = time.perf_counter()
        timings["get"].append((got - started) * 1000)
        timings["post"].append((done - got) * 1000)
        text = response.text
        return ("ok" if page.status_code == 200 and response.status_code == 200
                and "Your vote was recorded" in text and "already been cast" not in text
                else "refused" if "already been cast" in text
                else f"error {page.status_code}/{response.status_code}")

    return job


def _bare_job(base, timings):
    import requests

    def job():
        started = time.perf_counter()
        response = requests.get(f"{base}/bench/bare", timeout=60)
        timings["bare"].append((time.perf_counter() - started) * 1000)
        return "ok" if response.status_code == 200 else f"error {response.status_code}"

    return job


def _server_time(vote_id_of_new_vote, cookies) -> dict[str, dict[str, float]]:
    """Server time without the network or the queue: in-process (Django's test client) for
    ``len(cookies)`` delegates on a second open vote, against the bare view."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    timings = {"post": [], "get": [], "bare": []}
    for _ in range(5):
        client.get("/bench/bare")
    for _ in range(200):
        started = time.perf_counter()
        client.get("/bench/bare")
        timings["bare"].append((time.perf_counter() - started) * 1000)
    for cookie in cookies:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
        started = time.perf_counter()
        client.get(f"/votes/{vote_id_of_new_vote}/ballot/")
        got = time.perf_counter()
        response = client.post(f"/votes/{vote_id_of_new_vote}/ballot/", {"choice": "yes"},
                               HTTP_HX_REQUEST="true")
        timings["get"].append((got - started) * 1000)
        timings["post"].append((time.perf_counter() - got) * 1000)
        assert b"Your vote was recorded" in response.content, response.content[:300]
    return {key: loadkit.percentiles(values) for key, values in timings.items()}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    # Never DATABASE_URL: the database below is dropped and made again, so it must be the
    # bench's own, named by a variable no one sets for anything else.
    url = os.environ.get("BENCH_VOTES_DATABASE_URL", DEFAULT_DATABASE)
    if not url.startswith("postgres"):
        raise SystemExit("this load test runs on PostgreSQL: set BENCH_VOTES_DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["SECURE_COOKIES"] = "false"  # plain HTTP on loopback
    os.environ.pop("DEBUG", None)
    loadkit.fresh_database(url)
    prepared = time.perf_counter()
    vote, cookies = _prepare()
    print(f"prepared in {time.perf_counter() - prepared:.1f} s: {len(cookies)} delegates")
    from django.db import connections

    connections.close_all()
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{os.environ.get('PYTHONPATH', '')}"}
    port = PORT or loadkit.free_port()
    server = loadkit.serve(env, port, log=SERVER_LOG, workers=WORKERS, seconds=20)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(2026)
    timings = {"get": [], "post": [], "bare": []}
    try:
        for _ in range(20):  # warm the workers
            __import__("requests").get(f"{base}/bench/bare", timeout=10)
        bare_results, bare_seconds = _run([_bare_job(base, timings) for _ in cookies],
                                          _arrivals(len(cookies), rng))
        choices = [rng.choice(("yes", "yes", "yes", "no", "abstain")) for _ in cookies]
        jobs = [_ballot_job(base, vote.pk, cookie, choice, timings)
                for cookie, choice in zip(cookies, choices, strict=True)]
        results, seconds = _run(jobs, _arrivals(len(jobs), rng))
        first = {"get": list(timings["get"]), "post": list(timings["post"])}
        # Everyone again, at once: every second ballot must be refused.
        again, again_seconds = _run(
            [_ballot_job(base, vote.pk, cookie, "no", {"get": [], "post": []})
             for cookie in cookies], [0.0] * len(cookies))
    finally:
        server.terminate()
        server.wait(timeout=30)
    from tripartite.accounts.models import User
    from tripartite.votes import services
    from tripartite.votes.models import Ballot

    second = services.vote_create(actor=User.objects.get(username="secretariat"),
                                  session=vote.session, method="record",
                                  subject_en="Bench: server time")
    services.vote_open(actor=User.objects.get(username="secretariat"), vote=second)
    in_process = _server_time(second.pk, cookies[:100])
    stored = Ballot.objects.filter(vote=vote).count()
    distinct = Ballot.objects.filter(vote=vote).values("voter").distinct().count()
    expected = {c: choices.count(c) for c in ("yes", "no", "abstain")}
    by_choice = {c: Ballot.objects.filter(vote=vote, choice=c).count() for c in expected}
    accepted = results.count("ok")
    post, get, bare = (loadkit.percentiles(first["post"]), loadkit.percentiles(first["get"]),
                       loadkit.percentiles(timings["bare"]))
    print(f"\ndatabase: PostgreSQL; tripartite serve: {WORKERS} workers × 4 threads; "
          f"{len(cookies)} delegates arriving at random within {SECONDS:.0f} s\n")
    print("| measure | p50 ms | p90 ms | p95 ms | p99 ms | max ms | p50 × bare |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, figures in (("ballot POST (htmx)", post), ("vote-now page GET", get),
                           ("bare Django view (baseline)", bare)):
        print(f"| {label} | {figures['p50']:.1f} | {figures['p90']:.1f} | {figures['p95']:.1f} "
              f"| {figures['p99']:.1f} | {figures['max']:.1f} | "
              f"{figures['p50'] / bare['p50']:.1f} |")
    print("\nServer time in-process (test client, no network, no queue), 100 delegates on a "
          "second vote, 200 bare requests:\n")
    print("| measure | p50 ms | p90 ms | p99 ms | p50 × bare |")
    print("|---|---:|---:|---:|---:|")
    for label, key in (("ballot POST (htmx)", "post"), ("vote-now page GET", "get"),
                       ("bare Django view (baseline)", "bare")):
        figures = in_process[key]
        print(f"| {label} | {figures['p50']:.1f} | {figures['p90']:.1f} | {figures['p99']:.1f} "
              f"| {figures['p50'] / in_process['bare']['p50']:.1f} |")
    print()
    print("| count | result |")
    print("|---|---|")
    print(f"| ballots accepted (first round, {seconds:.1f} s) | {accepted} of {len(cookies)} |")
    print(f"| other answers, first round | {sorted(set(results) - {'ok'}) or 'none'} |")
    print(f"| second submission by every delegate, all at once ({again_seconds:.1f} s) | "
          f"{again.count('refused')} refused, {again.count('ok')} accepted, "
          f"{len(again) - again.count('refused') - again.count('ok')} errors |")
    print(f"| ballots stored / distinct voters | {stored} / {distinct} |")
    print(f"| stored by choice = submitted by choice | {by_choice == expected} "
          f"({by_choice}) |")
    print(f"| bare view requests failed | {len(bare_results) - bare_results.count('ok')} "
          f"(in {bare_seconds:.1f} s) |")
    if stored != len(cookies) or distinct != stored or by_choice != expected:
        raise SystemExit("ballots lost or doubled")


if __name__ == "__main__":
    main()
