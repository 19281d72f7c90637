"""Load test of check-in: 8 doors check in 3,000 people as fast as they can.

`.venv/bin/python -m bench.checkin_load` (PostgreSQL must answer on 127.0.0.1:5432):

1. a fresh database ``bench_checkin`` (BENCH_PG_ADMIN names the server), migrated; one
   session, 3,000 registrations with a printed badge each, 8 check-in logins with an API
   token each (one per door);
2. ``tripartite serve`` (gunicorn, 2 workers × 4 threads, DEBUG off) on loopback, with the
   bench settings (which add a bare Django view) and CHECKIN_RATE_PER_MINUTE raised to
   100,000: a real door scans one person every few seconds, 120 a minute by default, but
   here one login scans hundreds a minute;
3. locust, as a library, in this process (its users are in
   ``bench/locustfile_checkin.py``): first 8 users hitting the bare view as fast as they
   can for as many requests (the baseline), then 8 users, one per door, each posting
   its share of the 3,000 badge codes to ``POST /api/sessions/{id}/check-ins`` (each code
   once, its own request id each time) as fast as the server answers;
4. afterwards the database must hold exactly 3,000 check-ins.

Prints throughput, median and 99th-percentile latency and errors of both runs, and the
ratio of check-in throughput to the bare view's. Everything runs on this machine; client
and server share its cores.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import loadkit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "3000"))
DOORS = 8
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = PG_ADMIN.rsplit("/", 1)[0] + "/bench_checkin"
RATE_FOR_BENCH = "100000"
TIME_LIMIT_S = 600  # the whole load stops by itself after this, done or not
SPARE = 300  # badges kept out of the load, for the in-process server-time measure


# --- steps run in a Django process (a subprocess: locust's gevent must not patch it) ------

def prepare(out: Path) -> None:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from tripartite.accounts.models import Role, User
    from tripartite.accounts.services import api_token_create
    from tripartite.constituents.models import MemberState, Person
    from tripartite.meetings.models import Meeting, Session
    from tripartite.registration import tokens
    from tripartite.registration.models import Badge, Registration

    call_command("migrate", verbosity=0)
    now = timezone.now()
    meeting = Meeting.objects.create(type="ilc", title_en="International Labour Conference",
                                     acronym="ILC")
    session = Session.objects.create(meeting=meeting, number="114",
                                     title_en="114th Session of the Conference",
                                     opens_at=now - timezone.timedelta(hours=2),
                                     closes_at=now + timezone.timedelta(days=10),
                                     time_zone="Europe/Zurich")
    states = list(MemberState.objects.order_by("iso2"))
    people = Person.objects.bulk_create(
        Person(name=f"Participant {n:04d}", name_latin=f"Participant {n:04d}", gender="f",
               member_state=states[n % len(states)]) for n in range(PEOPLE + SPARE))
    registrations = Registration.objects.bulk_create(
        Registration(session=session, person=person, category="government",
                     affiliation=person.member_state.name, role_label="Delegate",
                     registered_at=now) for person in people)
    badges = Badge.objects.bulk_create(
        Badge(session=session, registration=registration, number=n + 1)
        for n, registration in enumerate(registrations))
    password = make_password(None)
    secrets = []
    for door in range(DOORS):
        user = User.objects.create(username=f"door{door + 1}", role=Role.CHECKIN_STAFF,
                                   password=password)
        _token, secret = api_token_create(user=user, actor=user, name="bench")
        secrets.append(secret)
    codes = [tokens.sign(badge.token_id) for badge in badges]
    out.write_text(json.dumps({"session": session.pk, "secrets": secrets,
                               "codes": codes[:PEOPLE], "spare": codes[PEOPLE:]}))


def verify(data_file: Path) -> None:
    """Count what the load left; then time check-ins in-process on the spare badges.

    The in-process figures (Django's test client, no network, no client) are the server's
    own time for a check-in and for the bare view, one request at a time.
    """
    import django

    django.setup()
    from django.test import Client

    from tripartite.accounts.models import User
    from tripartite.registration.models import CheckIn, Scan

    counted = {"check_ins": CheckIn.objects.count(), "scans": Scan.objects.count(),
               "people": CheckIn.objects.values("registration").distinct().count()}
    data = json.loads(data_file.read_text())
    client = Client()
    client.force_login(User.objects.get(username="door1"))
    path = f"/api/sessions/{data['session']}/check-ins"
    timings: dict[str, list[float]] = {"check-in": [], "bare view": []}
    for code in data["spare"]:
        started = time.perf_counter()
        response = client.post(path, {"token": code, "door": "In-process"},
                               content_type="application/json")
        timings["check-in"].append((time.perf_counter() - started) * 1000)
        assert response.json()["result"] == "admitted", response.content
        started = time.perf_counter()
        client.get("/bench/bare")
        timings["bare view"].append((time.perf_counter() - started) * 1000)
    counted["in_process"] = {name: statistics.median(values[20:])
                             for name, values in timings.items()}
    print(json.dumps(counted))


# --- the load, with locust ---------------------------------------------------------------

def run_load(label: str, user_class, total: int) -> dict:
    """Run ``user_class`` × DOORS until ``total`` requests are answered; return figures."""
    return {"label": label, **loadkit.run_locust(f"http://127.0.0.1:{PORT}", user_class,
                                                 users=DOORS, total=total,
                                                 time_limit=TIME_LIMIT_S)}


def load(data: dict) -> tuple[dict, dict, dict]:
    from bench.locustfile_checkin import BareView, Door, Plan

    Plan.configure(data)
    total = len(data["codes"])
    bare = run_load("bare Django view (baseline)", BareView, total)
    check_in = run_load("check-in (POST /api/sessions/{id}/check-ins)", Door, total)
    return bare, check_in, dict(Plan.results)


# --- orchestration -----------------------------------------------------------------------

def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="bench-checkin-")
    env = {**os.environ, "DATABASE_URL": loadkit.fresh_database(DATABASE_URL),
           "TRIPARTITE_VAR_DIR": var_dir,
           "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "false",
           "CHECKIN_RATE_PER_MINUTE": RATE_FOR_BENCH, "PYTHONPATH": str(ROOT)}
    data_file = Path(var_dir) / "codes.json"
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "bench.checkin_load", "--prepare", str(data_file)],
                   check=True, cwd=ROOT, env=env)
    prepared = time.perf_counter() - started
    server = loadkit.serve(env, PORT, log=Path(var_dir) / "server.log", ready="/bench/bare",
                           access_log=True, seconds=60)
    try:
        bare, check_in, results = load(json.loads(data_file.read_text()))
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_average = os.getloadavg()
    counted = json.loads(subprocess.run(
        [PYTHON, "-m", "bench.checkin_load", "--verify", str(data_file)], check=True,
        cwd=ROOT, env=env, capture_output=True, text=True).stdout)

    print(f"PostgreSQL, `tripartite serve` (gunicorn, 2 workers × 4 threads) on loopback; "
          f"locust {DOORS} users; {PEOPLE:,} people with a badge (prepared in "
          f"{prepared:.1f} s); CHECKIN_RATE_PER_MINUTE={RATE_FOR_BENCH} for the bench.\n")
    print("| run | requests | seconds | requests/s | median ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in (bare, check_in):
        print(f"| {row['label']} | {row['requests']:,} | {row['seconds']:.1f} | "
              f"{row['throughput']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | "
              f"{row['max']:.0f} | {row['errors']} |")
    ratio = check_in["throughput"] / bare["throughput"]
    print(f"\nratio of check-in throughput to the bare view's: {ratio:.2f}")
    in_process = counted["in_process"]
    print(f"server time in-process, one request at a time (median of {SPARE - 20}): "
          f"check-in {in_process['check-in']:.1f} ms, bare view "
          f"{in_process['bare view']:.1f} ms")
    print(f"load average of the machine at the end of the load: "
          f"{' / '.join(f'{v:.1f}' for v in load_average)} (1 / 5 / 15 min; 2 cores)")
    print(f"answers: {json.dumps(results, sort_keys=True)}")
    print(f"afterwards: {counted['check_ins']:,} check-ins of {counted['people']:,} people, "
          f"{counted['scans']:,} scans logged")
    for row in (bare, check_in):
        for sample in row["error_samples"]:
            print(f"error ({row['label']}): {sample}")
    ok = counted["check_ins"] == PEOPLE == counted["people"] and check_in["errors"] == 0
    print("verdict:", "exactly one check-in per person, no error" if ok else "FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        prepare(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(Path(sys.argv[2]))
    else:
        main()
