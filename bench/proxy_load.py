"""Load through a real proxy against one and against two application servers, in one run.

    .venv/bin/python -m bench.proxy_load       # PostgreSQL on 127.0.0.1:5432; haproxy

What it does (everything on loopback, in a database of its own, ``bench_proxy``, dropped and
made again each run):

1. migrates, loads the ILC demo, and prepares: 2 × 3,000 people with a printed badge in a
   session of their own (one set per topology: each person checks in once), 8 check-in
   logins with an API token each (one per door); 480 registered delegates of the 114th
   Session entitled to vote, each with a delegate login and an API token; two record votes
   (one per topology), the first open;
2. starts two application servers (``tripartite serve``, 2 workers × 4 threads each, the
   bench settings, CHECKIN_RATE_PER_MINUTE raised: one door login scans hundreds a minute
   here) and HAProxy with two front ends: port P sends everything to the first server ("one
   server"), port P + 3 spreads requests round-robin over both ("two servers");
3. for each topology, with locust (8 users, as fast as the server answers): the bare Django
   view as many times as there are people (the baseline), the 3,000 check-ins
   (``POST /api/sessions/{id}/check-ins``), the 480 ballots (``POST /api/votes/{id}/ballots``);
   between the two, the first vote is closed and the second opened;
4. counts what the database holds: one check-in per person, one ballot per delegate and vote.

Prints one Markdown table with both topologies side by side: requests per second, p50, p95
and p99 latency (ms), errors; the ratio of each throughput to the bare view's; the machine's
load average. Client, proxy, servers and database share this machine's cores: on a 2-core
machine a second server adds processes, not cores, so read the figures as what the proxy
and the servers' sharing cost, not as what a second machine would bring.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import loadkit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "3000"))
DELEGATES = int(os.environ.get("BENCH_DELEGATES", "480"))
USERS = 8  # locust users in every run; the doors of bench/locustfile_checkin.py (DOORS)
PORT = int(os.environ.get("BENCH_PROXY_PORT", "8810"))  # proxies P and P+3, servers P+1, P+2
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = PG_ADMIN.rsplit("/", 1)[0] + "/bench_proxy"
TIME_LIMIT_S = 600
TOPOLOGIES = (("one server", PORT), ("two servers", PORT + 3))

HAPROXY_CONFIG = """\
global
    maxconn 4000
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    option http-keep-alive
frontend one
    bind 127.0.0.1:{one}
    default_backend one_server
frontend two
    bind 127.0.0.1:{two}
    default_backend two_servers
backend one_server
    server app1 127.0.0.1:{app1}
backend two_servers
    balance roundrobin
    server app1 127.0.0.1:{app1}
    server app2 127.0.0.1:{app2}
"""


# --- steps run in a Django process (a subprocess: locust's gevent must not patch it) ------

def prepare(out: Path) -> None:
    import io

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from tripartite.accounts.models import Role, User
    from tripartite.accounts.services import api_token_create
    from tripartite.constituents.models import MemberState, Person
    from tripartite.delegations.models import Nomination
    from tripartite.meetings.models import Meeting, Session
    from tripartite.registration import tokens
    from tripartite.registration.attendance import registered_voters
    from tripartite.registration.models import Badge, Registration
    from tripartite.votes import services as votes
    from tripartite.votes.models import Vote

    call_command("migrate", verbosity=0)
    call_command("demo", scale="ilc", if_empty=True, stdout=io.StringIO())
    now = timezone.now()
    # Voters: registered delegates of the demo's 114th Session, each with a login and token.
    ilc = Session.objects.get(number="114", meeting__type="ilc")
    voters = registered_voters(ilc, now)
    linked = set(User.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    people = [p for p in Nomination.objects.filter(pk__in=voters).order_by("pk")
              .values_list("person_id", flat=True) if p not in linked][:DELEGATES]
    if len(people) < DELEGATES:
        raise SystemExit(f"only {len(people)} registered voters in the demo")
    password = make_password(None)
    delegates = User.objects.bulk_create([
        User(username=f"bench-delegate-{n}", role=Role.DELEGATE, person_id=person,
             password=password) for n, person in enumerate(people)])
    voter_secrets = [api_token_create(user=user, actor=user, name="bench")[1]
                     for user in delegates]
    staff = User.objects.get(username="secretariat")
    vote_ids = []
    for label in ("one server", "two servers"):
        vote = votes.vote_create(actor=staff, session=ilc, method="record",
                                 subject_en=f"Bench through the proxy: {label}",
                                 majority="simple")
        vote_ids.append(vote.pk)
    votes.vote_open(actor=staff, vote=Vote.objects.get(pk=vote_ids[0]))
    # Doors: a session of their own, 2 × PEOPLE badges.
    meeting = Meeting.objects.create(type="ilc", title_en="Bench meeting", acronym="BENCH")
    session = Session.objects.create(meeting=meeting, number="1", title_en="Bench session",
                                     opens_at=now - timezone.timedelta(hours=2),
                                     closes_at=now + timezone.timedelta(days=10),
                                     time_zone="Europe/Zurich")
    states = list(MemberState.objects.order_by("iso2"))
    persons = Person.objects.bulk_create(
        Person(name=f"Bench participant {n:05d}", name_latin=f"Bench participant {n:05d}",
               gender="f", member_state=states[n % len(states)]) for n in range(2 * PEOPLE))
    registrations = Registration.objects.bulk_create(
        Registration(session=session, person=person, category="government",
                     affiliation=person.member_state.name, role_label="Delegate",
                     registered_at=now) for person in persons)
    badges = Badge.objects.bulk_create(
        Badge(session=session, registration=registration, number=n + 1)
        for n, registration in enumerate(registrations))
    door_secrets = []
    for door in range(USERS):
        user = User.objects.create(username=f"bench-door{door + 1}", role=Role.CHECKIN_STAFF,
                                   password=password)
        door_secrets.append(api_token_create(user=user, actor=user, name="bench")[1])
    codes = [tokens.sign(badge.token_id) for badge in badges]
    out.write_text(json.dumps({
        "session": session.pk, "door_secrets": door_secrets,
        "codes": [codes[:PEOPLE], codes[PEOPLE:]], "votes": vote_ids,
        "voter_secrets": voter_secrets}))


def switch_vote(data_file: Path) -> None:
    """Close the first vote, open the second."""
    import django

    django.setup()
    from tripartite.accounts.models import User
    from tripartite.votes import services as votes
    from tripartite.votes.models import Vote

    data = json.loads(data_file.read_text())
    staff = User.objects.get(username="secretariat")
    votes.vote_close(actor=staff, vote=Vote.objects.get(pk=data["votes"][0]))
    votes.vote_open(actor=staff, vote=Vote.objects.get(pk=data["votes"][1]))


def verify(data_file: Path) -> None:
    import django

    django.setup()
    from tripartite.registration.models import CheckIn
    from tripartite.votes.models import Ballot

    data = json.loads(data_file.read_text())
    check_ins = CheckIn.objects.filter(session_id=data["session"])
    print(json.dumps({
        "check_ins": check_ins.count(),
        "people": check_ins.values("registration").distinct().count(),
        "ballots": [Ballot.objects.filter(vote_id=pk).count() for pk in data["votes"]],
        "voters": [Ballot.objects.filter(vote_id=pk).values("voter").distinct().count()
                   for pk in data["votes"]]}))


# --- the load, with locust ---------------------------------------------------------------

class Ballots:
    """What the voters share: the (number, API token) pairs still to vote, the answers seen."""

    left: list[tuple[int, str]] = []
    vote = 0
    answers: dict[str, int] = {}

    @classmethod
    def configure(cls, *, left, vote) -> None:
        cls.left, cls.vote, cls.answers = left, vote, {}


def _voter():
    from locust import FastHttpUser, task
    from locust.exception import StopUser

    class Voter(FastHttpUser):
        @task
        def vote(self):
            if not Ballots.left:
                raise StopUser
            number, secret = Ballots.left.pop()
            with self.client.post(f"/api/votes/{Ballots.vote}/ballots",
                                  json={"choice": ("yes", "yes", "no", "abstain")[number % 4]},
                                  headers={"Authorization": f"Bearer {secret}"},
                                  name="ballot", catch_response=True) as answer:
                key = str(answer.status_code)
                Ballots.answers[key] = Ballots.answers.get(key, 0) + 1
                if answer.status_code != 201:
                    answer.failure(f"status {answer.status_code}: {answer.text[:120]}")

    return Voter


def run_load(port: int, user_class, total: int, answers: dict | None = None) -> dict:
    figures = loadkit.run_locust(f"http://127.0.0.1:{port}", user_class, users=USERS,
                                 total=total, time_limit=TIME_LIMIT_S)
    return {**figures, "answers": dict(answers or {})}


# --- orchestration -----------------------------------------------------------------------

def _step(step: str, data_file: Path, env: dict, capture: bool = False) -> str:
    done = subprocess.run([PYTHON, "-m", "bench.proxy_load", step, str(data_file)],
                          check=True, cwd=ROOT, env=env, capture_output=capture, text=True)
    return done.stdout if capture else ""


def main() -> None:
    if shutil.which("haproxy") is None:
        raise SystemExit("haproxy is missing (Debian: apt-get install haproxy)")
    var_dir = Path(tempfile.mkdtemp(prefix="bench-proxy-"))
    env = {**os.environ, "DATABASE_URL": loadkit.fresh_database(DATABASE_URL),
           "TRIPARTITE_VAR_DIR": str(var_dir),
           "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "false",
           "SECURE_COOKIES": "false", "CHECKIN_RATE_PER_MINUTE": "100000",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)  # the rate limit counts in PostgreSQL, shared by both servers
    data_file = var_dir / "data.json"
    started = time.perf_counter()
    _step("--prepare", data_file, env)
    prepared = time.perf_counter() - started
    data = json.loads(data_file.read_text())
    processes = []
    config = var_dir / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(one=PORT, app1=PORT + 1, app2=PORT + 2,
                                            two=PORT + 3))
    results: dict[str, dict[str, dict]] = {}
    try:
        for name, port in (("app1", PORT + 1), ("app2", PORT + 2)):
            # Each server's request counts in a folder of its own inside the bench's, not
            # in /tmp where a cleaner may remove it under the running server.
            metrics = var_dir / f"metrics-{name}"
            metrics.mkdir()
            processes.append(loadkit.serve(
                {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)}, port,
                log=var_dir / f"{name}.log", ready="/bench/bare", access_log=True, seconds=60))
        processes.append(subprocess.Popen(["haproxy", "-db", "-f", str(config)], cwd=ROOT,
                                          stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        for _label, port in TOPOLOGIES:
            loadkit.wait_for(f"http://127.0.0.1:{port}/bench/bare", processes[-1])
        # (locust patches with gevent on import: only here, never in the Django steps)
        from bench.locustfile_checkin import DOORS, BareView, Door, Plan

        assert DOORS == USERS, "one locust user per door"
        voter = _voter()
        for index, (label, port) in enumerate(TOPOLOGIES):
            if index:
                _step("--switch-vote", data_file, env)
            codes = data["codes"][index]
            Plan.configure({"session": data["session"], "secrets": data["door_secrets"],
                            "codes": codes})
            Plan.bare_left = 200
            run_load(port, BareView, 200)  # warm-up
            Plan.bare_left = len(codes)
            bare = run_load(port, BareView, len(codes))
            check_in = run_load(port, Door, len(codes), Plan.results)
            Ballots.configure(left=list(enumerate(data["voter_secrets"])),
                              vote=data["votes"][index])
            ballot = run_load(port, voter, len(data["voter_secrets"]), Ballots.answers)
            results[label] = {"bare view (baseline)": bare, "check-in": check_in,
                              "ballot": ballot}
        load_average = os.getloadavg()
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    counted = json.loads(_step("--verify", data_file, env, capture=True))

    print(f"PostgreSQL; each application server `tripartite serve` (gunicorn, 2 workers × 4 "
          f"threads) on loopback; HAProxy in front (round-robin over both for \"two "
          f"servers\"); locust {USERS} users as fast as the servers answer; {PEOPLE:,} "
          f"check-ins and {len(data['voter_secrets'])} ballots per topology (prepared in "
          f"{prepared:.0f} s).\n")
    header = "| run | " + " | ".join(
        f"{label}: {column}" for label, _port in TOPOLOGIES
        for column in ("req/s", "p50 ms", "p95 ms", "p99 ms", "errors")) + " |"
    print(header)
    print("|---|" + "---:|" * 10)
    for run in ("bare view (baseline)", "check-in", "ballot"):
        cells = []
        for label, _port in TOPOLOGIES:
            row = results[label][run]
            cells += [f"{row['throughput']:.0f}", f"{row['p50']:.0f}", f"{row['p95']:.0f}",
                      f"{row['p99']:.0f}", str(row["errors"])]
        print(f"| {run} | " + " | ".join(cells) + " |")
    for label, _port in TOPOLOGIES:
        bare = results[label]["bare view (baseline)"]["throughput"]
        print(f"\n{label}: check-in / bare view throughput "
              f"{results[label]['check-in']['throughput'] / bare:.2f}, ballot / bare view "
              f"{results[label]['ballot']['throughput'] / bare:.2f}; answers: check-ins "
              f"{results[label]['check-in']['answers']}, ballots "
              f"{results[label]['ballot']['answers']}")
        for run, row in results[label].items():
            for sample in row["error_samples"]:
                print(f"error ({label}, {run}): {sample}")
    print(f"\nload average at the end: {' / '.join(f'{v:.1f}' for v in load_average)} "
          f"(1 / 5 / 15 min; {os.cpu_count()} cores, shared with other work)")
    print(f"afterwards: {counted['check_ins']:,} check-ins of {counted['people']:,} people; "
          f"ballots per vote {counted['ballots']} of voters {counted['voters']}")
    ok = (counted["check_ins"] == counted["people"] == 2 * PEOPLE
          and counted["ballots"] == counted["voters"] == [DELEGATES, DELEGATES])
    print("verdict:", "each person checked in once, each delegate's ballot counted once"
          if ok else "FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        prepare(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--switch-vote":
        switch_vote(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(Path(sys.argv[2]))
    else:
        main()
