"""The server's own time for one check-in and one ballot, against the bare view, in-process.

    .venv/bin/python -m bench.server_time    # after bench.proxy_load, on its database

Django's test client, no network, no proxy, no client competing for the cores, one request
at a time: what a request costs the server. Runs on the database ``bench.proxy_load`` left
(``bench_proxy``): 200 new people with a badge in its door session, a new record vote of the
114th Session for 100 of its delegates. Prints the median and p90 of each, the ratio to the
bare view, and the statements each request sends to the database.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 200


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_proxy")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["CHECKIN_RATE_PER_MINUTE"] = "100000"
    os.environ.setdefault("SECURE_COOKIES", "false")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tripartite.accounts.models import User
    from tripartite.accounts.services import api_token_create
    from tripartite.constituents.models import MemberState, Person
    from tripartite.meetings.models import Session
    from tripartite.registration import tokens
    from tripartite.registration.models import Badge, Registration
    from tripartite.votes import services as votes
    from tripartite.votes.models import Vote

    now = timezone.now()
    session = Session.objects.get(meeting__acronym="BENCH")
    state = MemberState.objects.order_by("iso2").first()
    persons = Person.objects.bulk_create(
        Person(name=f"Timed participant {n}", name_latin=f"Timed participant {n}",
               gender="f", member_state=state) for n in range(COUNT))
    registrations = Registration.objects.bulk_create(
        Registration(session=session, person=person, category="government",
                     affiliation=state.name, role_label="Delegate", registered_at=now)
        for person in persons)
    first = (Badge.objects.filter(session=session).order_by("-number")
             .values_list("number", flat=True).first() or 0)
    badges = Badge.objects.bulk_create(
        Badge(session=session, registration=registration, number=first + n + 1)
        for n, registration in enumerate(registrations))
    door = User.objects.get(username="bench-door1")
    door_client = Client(HTTP_AUTHORIZATION="Bearer " + api_token_create(
        user=door, actor=door, name="timed")[1])
    staff = User.objects.get(username="secretariat")
    for open_vote in Vote.objects.filter(state="open"):
        votes.vote_close(actor=staff, vote=open_vote)
    ilc = Session.objects.get(number="114", meeting__type="ilc")
    vote = votes.vote_create(actor=staff, session=ilc, method="record",
                             subject_en="Bench: server time", majority="simple")
    votes.vote_open(actor=staff, vote=vote)
    delegates = list(User.objects.filter(username__startswith="bench-delegate-")
                     .order_by("pk")[:COUNT // 2])
    bare_client = Client()
    timings: dict[str, list[float]] = {"bare view": [], "check-in": [], "ballot": []}
    statements: dict[str, int] = {}

    def timed(name, call):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            answer = call()
            timings[name].append((time.perf_counter() - started) * 1000)
        statements[name] = len([q for q in captured.captured_queries
                                if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))])
        return answer

    for _ in range(10):
        bare_client.get("/bench/bare")
    for n, badge in enumerate(badges):
        timed("bare view", lambda: bare_client.get("/bench/bare"))
        answer = timed("check-in", lambda badge=badge: door_client.post(
            f"/api/sessions/{session.pk}/check-ins",
            {"token": tokens.sign(badge.token_id), "door": "Timed"},
            content_type="application/json"))
        assert answer.json()["result"] == "admitted", answer.content
        if n < len(delegates):
            voter = Client(HTTP_AUTHORIZATION="Bearer " + api_token_create(
                user=delegates[n], actor=delegates[n], name="timed")[1])
            answer = timed("ballot", lambda voter=voter: voter.post(
                f"/api/votes/{vote.pk}/ballots", {"choice": "yes"},
                content_type="application/json"))
            assert answer.status_code == 201, answer.content
    bare = statistics.median(timings["bare view"][10:])
    print("| request (in-process, one at a time) | p50 ms | p90 ms | × bare view | statements |")
    print("|---|---:|---:|---:|---:|")
    for name, values in timings.items():
        values = sorted(values[10:])
        p50 = statistics.median(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        print(f"| {name} | {p50:.1f} | {p90:.1f} | {p50 / bare:.1f} | {statements[name]} |")
    load = os.getloadavg()
    print(f"\nload average: {' / '.join(f'{v:.1f}' for v in load)} ({os.cpu_count()} cores, "
          "shared)")


if __name__ == "__main__":
    main()
