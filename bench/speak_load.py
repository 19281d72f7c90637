"""Load test of the list of speakers: delegates ask for the floor (and withdraw) from their
own page while, in the same run, a bare Django view is hit; the p50 and p95 of both and their
ratio (issue 16: "A request to speak under load: p95 beside a bare view's in the same run").

    .venv/bin/python -m bench.speak_load     # BENCH_PG_ADMIN, default postgres on 127.0.0.1

1. a fresh database ``bench_speak`` (dropped and made again each run), migrated; one
   session, one agenda item, ``BENCH_DELEGATIONS`` delegations of four delegates each (two
   Government, one Employers', one Workers', accepted and registered: SIT-1 lets each speak),
   a delegate login per delegate with a logged-in session, an open sitting;
2. ``tripartite serve`` (gunicorn, 2 workers, uvicorn, as ``make run``) on loopback with the
   bench settings (which add the bare view);
3. locust, as a library, in this process (its users are in ``bench/locustfile_speak.py``):
   ``BENCH_SPEAKERS`` users, each taking a delegate not in use and posting the delegates'
   form (``POST /sittings/<id>/floor/``: "Ask for the floor" if not waiting, "Withdraw" if
   waiting; the list hovers around half the delegates), and ``BENCH_BARE_USERS`` users
   hitting the bare view a few times a second, together, until ``BENCH_ASKS`` requests to
   speak are answered;
4. afterwards the database must agree with what the answers said: as many requests waiting
   as the last answers left waiting, their places 1..n without a gap or a double.

Prints p50/p95/p99 of the request to speak, the withdrawal and the bare view, and the ratio
of the request's p95 to the bare view's. Client and server share the machine's cores.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import loadkit

ROOT = loadkit.ROOT
PYTHON = sys.executable
DELEGATIONS = int(os.environ.get("BENCH_DELEGATIONS", "30"))
ASKS = int(os.environ.get("BENCH_ASKS", "400"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "0"))
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = PG_ADMIN.rsplit("/", 1)[0] + "/bench_speak"
TIME_LIMIT_S = 300


# --- steps run in a Django process (a subprocess: locust's gevent must not patch it) ------

def prepare(out: Path) -> None:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    sys.path.insert(0, str(ROOT))
    from tests.factories import AgendaItemFactory
    from tests.votes.factories import delegation

    from tripartite.accounts.models import Role, User
    from tripartite.constituents.models import MemberState
    from tripartite.sittings import services

    item = AgendaItemFactory()
    states = list(MemberState.objects.order_by("iso2").values_list("iso2", flat=True))
    nominations = [nomination for iso2 in states[:DELEGATIONS]
                   for nomination in delegation(item.session, iso2)]
    password = make_password(None)
    User.objects.bulk_create([User(username=f"bench-speaker-{n}", role=Role.DELEGATE,
                                   person_id=nomination.person_id, password=password)
                              for n, nomination in enumerate(nominations)])
    staff = User.objects.create(username="bench-secretariat", role=Role.SECRETARIAT,
                                password=password)
    sitting = services.sitting_plan(actor=staff, session=item.session, agenda_items=[item],
                                    title="Bench sitting", date=item.session.opens_at.date(),
                                    starts_at=item.session.opens_at.time())
    services.sitting_step(actor=staff, sitting=sitting, step="open")
    client = Client()
    delegates = []
    for user in User.objects.filter(username__startswith="bench-speaker-").order_by("pk"):
        client.force_login(user)
        delegates.append({"session": client.cookies["sessionid"].value,
                          "csrf": secrets.token_hex(16)})  # Django takes the bare secret
        client.cookies.clear()
    out.write_text(json.dumps({"sitting": sitting.pk, "delegates": delegates}))


def verify(data_file: Path) -> None:
    """What the list holds afterwards: the requests waiting and their places."""
    import django

    django.setup()
    from tripartite.sittings.models import SpeakerRequest

    data = json.loads(data_file.read_text())
    waiting = list(SpeakerRequest.objects.filter(sitting_id=data["sitting"], status="waiting")
                   .order_by("position").values_list("position", flat=True))
    print(json.dumps({"waiting": len(waiting),
                      "places_ok": waiting == list(range(1, len(waiting) + 1)),
                      "requests": SpeakerRequest.objects.filter(
                          sitting_id=data["sitting"]).count()}))


# --- orchestration -----------------------------------------------------------------------

def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="bench-speak-")
    env = {**os.environ, "DATABASE_URL": loadkit.fresh_database(DATABASE_URL),
           "TRIPARTITE_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "bench.settings",
           "DEBUG": "false", "SECURE_COOKIES": "false", "PYTHONPATH": str(ROOT)}
    data_file = Path(var_dir) / "speak.json"
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "bench.speak_load", "--prepare", str(data_file)],
                   check=True, cwd=ROOT, env=env)
    prepared = time.perf_counter() - started
    data = json.loads(data_file.read_text())
    port = PORT or loadkit.free_port()
    server = loadkit.serve(env, port, log=Path(var_dir) / "server.log", ready="/bench/bare",
                           workers=WORKERS, seconds=60)
    try:
        os.environ["BENCH_SPEAK_DATA"] = str(data_file)
        from bench.locustfile_speak import BareView, Delegate, Plan

        Plan.configure(data)
        result = loadkit.run_locust_mixed(f"http://127.0.0.1:{port}", [Delegate, BareView],
                                          total=ASKS, name="ask for the floor (POST)",
                                          time_limit=TIME_LIMIT_S)
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_average = os.getloadavg()
    counted = json.loads(subprocess.run(
        [PYTHON, "-m", "bench.speak_load", "--verify", str(data_file)], check=True,
        cwd=ROOT, env=env, capture_output=True, text=True).stdout)
    expected_waiting = sum(1 for delegate in Plan.free if delegate["waiting"])

    print(f"PostgreSQL, `tripartite serve` ({WORKERS} workers) on loopback; locust "
          f"{Delegate.fixed_count} delegates' users and {BareView.fixed_count} bare-view "
          f"users in the same run, {result['seconds']:.1f} s; {len(data['delegates'])} "
          f"delegates (prepared in {prepared:.1f} s)\n")
    print("| request | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    by_name = result["by_name"]
    for name in ("ask for the floor (POST)", "withdraw (POST)", "bare view"):
        row = by_name.get(name)
        if row is None:
            continue
        print(f"| {name} | {row['requests']:,} | {row['throughput']:.0f} | {row['p50']:.1f} | "
              f"{row['p95']:.1f} | {row['p99']:.1f} | {row['max']:.0f} | {row['errors']} |")
    ask, bare = by_name["ask for the floor (POST)"], by_name["bare view"]
    print(f"\nrequest to speak ÷ bare view, same run: p50 {ask['p50'] / bare['p50']:.1f}×, "
          f"p95 {ask['p95'] / bare['p95']:.1f}×")
    print(f"load average at the end: {' / '.join(f'{v:.1f}' for v in load_average)} "
          f"(1 / 5 / 15 min; 2 cores, shared)")
    print(f"answers: {json.dumps(Plan.results, sort_keys=True)}")
    print(f"afterwards: {counted['waiting']} waiting (the answers say {expected_waiting}), "
          f"places 1..n {'without a gap or a double' if counted['places_ok'] else 'BROKEN'}; "
          f"{counted['requests']} requests in all")
    for name, row in by_name.items():
        for sample in row["error_samples"]:
            print(f"error ({name}): {sample}")
    errors = sum(row["errors"] for row in by_name.values())
    ok = counted["places_ok"] and counted["waiting"] == expected_waiting and errors == 0
    print("verdict:", "the list is whole, no error" if ok else "FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        prepare(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(Path(sys.argv[2]))
    else:
        main()
