"""Two application servers behind a proxy behave as one: a login made on one goes on on the
other, the door's rate limit counts across both, and ballots arriving through both are each
counted once. Run by ``scripts/cluster.sh test`` (``.ci/run`` does)."""

import datetime as dt
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.contrib.auth.hashers import Argon2PasswordHasher

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import badged
from tests.votes.factories import delegate_user, plenary, secretariat, vote
from tripartite.accounts.models import Role
from tripartite.accounts.services import api_token_create
from tripartite.registration.models import CheckIn
from tripartite.votes import services as vote_services
from tripartite.votes.models import Ballot

pytestmark = pytest.mark.cluster
PASSWORD = "cluster-pass-123"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _token_for(user) -> str:
    return api_token_create(user=user, actor=user, name="cluster")[1]


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _served_by(answers) -> set[str]:
    return {answer.headers.get("X-Served-By") for answer in answers}


def test_a_login_made_on_one_server_goes_on_on_the_other(cluster, seed):
    user = user_with_role(Role.SECRETARIAT)
    # Hashed as the servers hash (the suite's own fast hasher is not theirs).
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    first, second = cluster["CLUSTER_APP_URLS"].split(",")
    browser = requests.Session()
    form = browser.get(f"{first}/accounts/login/", timeout=10)
    logged_in = browser.post(f"{first}/accounts/login/", timeout=10, allow_redirects=False,
                             data={"username": user.username, "password": PASSWORD,
                                   "csrfmiddlewaretoken": CSRF.search(form.text).group(1)},
                             headers={"Referer": f"{first}/accounts/login/"})
    assert logged_in.status_code == 302, logged_in.text[:500]

    home = browser.get(f"{second}/", timeout=10, allow_redirects=False)
    assert home.status_code == 200 and user.last_name in home.text
    through_proxy = [browser.get(f"{cluster['CLUSTER_PROXY_URL']}/", timeout=10)
                     for _ in range(4)]
    assert {answer.status_code for answer in through_proxy} == {200}
    assert _served_by(through_proxy) == {"app1", "app2"}


def _well_inside_a_minute() -> None:
    """The rate limit counts in fixed one-minute windows: start with 15 s to spare."""
    if dt.datetime.now(dt.UTC).second > 45:
        time.sleep(61 - dt.datetime.now(dt.UTC).second)


def test_the_door_rate_limit_counts_across_both_servers(cluster, seed):
    limit = int(cluster["CHECKIN_RATE_PER_MINUTE"])
    session = SessionFactory()
    tokens = [badged(session)[2] for _ in range(limit + 5)]
    secret = _token_for(user_with_role(Role.CHECKIN_STAFF))
    path = f"{cluster['CLUSTER_PROXY_URL']}/api/sessions/{session.pk}/check-ins"
    _well_inside_a_minute()
    answers = [requests.post(path, json={"token": token, "door": "North"}, timeout=10,
                             headers=_bearer(secret)) for token in tokens]
    assert [a.status_code for a in answers] == [200] * limit + [429] * 5
    assert _served_by(answers) == {"app1", "app2"}
    assert CheckIn.objects.filter(session=session).count() == limit


def test_ballots_through_both_servers_are_each_counted_once(cluster, seed):
    states = ("FR", "DE", "IT", "ES", "PT", "BE")
    item, delegates = plenary(states)
    staff = secretariat()
    opened = vote_services.vote_open(actor=staff, vote=vote(item), at=dt.datetime.now(dt.UTC))
    secrets = [_token_for(delegate_user(n)) for iso2 in states for n in delegates[iso2]]
    path = f"{cluster['CLUSTER_PROXY_URL']}/api/votes/{opened.pk}/ballots"

    def cast(numbered):
        number, secret = numbered
        return requests.post(path, json={"choice": ("yes", "no")[number % 2]},
                             headers=_bearer(secret), timeout=30)

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(cast, enumerate(secrets)))
    assert [a.status_code for a in answers] == [201] * 24, [a.text for a in answers
                                                           if a.status_code != 201]
    assert _served_by(answers) == {"app1", "app2"}
    again = cast((0, secrets[0]))
    assert again.status_code == 409 and again.json()["code"] == "already_voted"
    assert Ballot.objects.filter(vote=opened).count() == 24
    result = vote_services.vote_close(actor=staff, vote=opened)
    assert (result.yes, result.no, result.cast) == ("12", "12", "24")


def _jpeg(width=600, height=800) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (120, 140, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def _logged_in(cluster, role) -> requests.Session:
    user = user_with_role(role)
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    browser = requests.Session()
    login = f"{cluster['CLUSTER_PROXY_URL']}/accounts/login/"
    form = browser.get(login, timeout=10)
    answer = browser.post(login, timeout=10, allow_redirects=False, headers={"Referer": login},
                          data={"username": user.username, "password": PASSWORD,
                                "csrfmiddlewaretoken": CSRF.search(form.text).group(1)})
    assert answer.status_code == 302
    return browser


def test_a_photo_uploaded_through_one_server_is_served_by_the_other(cluster, seed):
    import boto3
    from django.urls import reverse

    if "S3_BUCKET" not in cluster:
        pytest.skip("moto is not installed: files stay on each server's disk")
    registration, _badge, _token = badged(SessionFactory())
    first, second = cluster["CLUSTER_APP_URLS"].split(",")
    secret = _token_for(user_with_role(Role.SECRETARIAT))
    uploaded = requests.post(f"{first}/api/registrations/{registration.pk}/photo",
                             headers=_bearer(secret), timeout=30,
                             files={"photo": ("me.jpg", _jpeg(), "image/jpeg")})
    assert uploaded.status_code == 200, uploaded.text
    desk = _logged_in(cluster, Role.SECRETARIAT)
    served = desk.get(second + reverse("registration:photo", args=[registration.pk]),
                      timeout=10)
    assert (served.status_code, served.headers["Content-Type"]) == (200, "image/jpeg")
    assert served.content[:3] == b"\xff\xd8\xff"
    store = boto3.client("s3", endpoint_url=cluster["S3_ENDPOINT_URL"],
                         region_name=cluster["S3_REGION"],
                         aws_access_key_id=cluster["AWS_ACCESS_KEY_ID"],
                         aws_secret_access_key=cluster["AWS_SECRET_ACCESS_KEY"])
    names = [item["Key"] for item in store.list_objects_v2(
        Bucket=cluster["S3_BUCKET"]).get("Contents", [])]
    assert any("photo" in name or name.endswith(".jpg") for name in names), names
    # Nobody gets it straight from the bucket: it is private.
    public = requests.get(f"{cluster['S3_ENDPOINT_URL']}/{cluster['S3_BUCKET']}/{names[0]}",
                          timeout=10)
    assert public.status_code == 403
    anonymous = requests.get(second + reverse("registration:photo", args=[registration.pk]),
                             timeout=10, allow_redirects=False)
    assert anonymous.status_code in (302, 403)


def test_a_mail_merge_started_on_one_server_is_followed_on_the_other_and_done_by_the_worker(
        cluster, seed):
    from tests.correspondence.helpers import make_entries, make_session
    from tripartite.correspondence.install import install_starter_templates
    from tripartite.correspondence.models import Letter

    install_starter_templates(actor=None)
    session, entries = make_session(), make_entries()
    first, second = cluster["CLUSTER_APP_URLS"].split(",")
    headers = _bearer(_token_for(user_with_role(Role.SECRETARIAT)))
    created = requests.post(f"{first}/api/correspondence/batches", headers=headers, timeout=30,
                            json={"template": "minister-letter", "selection": "hand_picked",
                                  "session": session.pk, "signatory": "A. Officer",
                                  "recipients": [entry.pk for entry in entries.values()],
                                  "signatory_title": "Director"})
    assert created.status_code == 201, created.text
    batch = created.json()["id"]
    queued = requests.post(f"{first}/api/correspondence/batches/{batch}/generate",
                           headers=headers, json={"pdf_files": False}, timeout=30)
    assert queued.status_code == 200, queued.text
    job_url = f"{second}/api/jobs/{queued.json()['job']}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = requests.get(job_url, headers=headers, timeout=10).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    assert (job["status"], job["done"], job["total"]) == ("done", 3, 3), job
    archive = requests.get(f"{first}{job['file_url']}", headers=headers, timeout=30)
    assert (archive.status_code, archive.headers["Content-Type"]) == (200, "application/zip")
    references = list(Letter.objects.filter(batch_id=batch).values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 3


def _cluster_script():
    """scripts/cluster.py, to kill and restart the cluster's worker."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "cluster.py"
    spec = importlib.util.spec_from_file_location("tripartite_cluster_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LANGUAGES = ("en", "fr", "es")


def test_a_mail_merge_whose_worker_is_killed_half_way_makes_each_letter_once(cluster, seed):
    """Started on one server, followed on the other; the worker is killed (SIGKILL) while it
    works and started again: the job is taken up again and each letter, with its reference
    and its PDF file, exists once."""
    from tests.correspondence.helpers import make_session
    from tripartite.constituents.models import MemberState
    from tripartite.correspondence.install import install_starter_templates
    from tripartite.correspondence.models import AddressBookEntry, Letter, RecipientKind
    from tripartite.jobs.models import Job

    script = _cluster_script()
    install_starter_templates(actor=None)
    session = make_session()
    states = list(MemberState.objects.exclude(iso2__in=("KE", "FR", "MX")).order_by("iso2")[:12])
    entries = [AddressBookEntry.objects.create(
        kind=RecipientKind.PERMANENT_MISSION, member_state=member, language=LANGUAGES[n % 3],
        name=f"Permanent Mission of {member.iso2}", addressee="H.E. Ms Ada Example",
        addressee_title="Ambassador", form_of_address="Excellency",
        postal_address="Rue de Lausanne 1\n1202 Genève",
        email=f"mission.{member.iso2.lower()}@example.org") for n, member in enumerate(states)]
    first, second = cluster["CLUSTER_APP_URLS"].split(",")
    headers = _bearer(_token_for(user_with_role(Role.SECRETARIAT)))
    created = requests.post(f"{first}/api/correspondence/batches", headers=headers, timeout=30,
                            json={"template": "minister-letter", "selection": "hand_picked",
                                  "session": session.pk, "signatory": "A. Officer",
                                  "recipients": [entry.pk for entry in entries],
                                  "signatory_title": "Director"})
    assert created.status_code == 201, created.text
    batch = created.json()["id"]
    queued = requests.post(f"{first}/api/correspondence/batches/{batch}/generate",
                           headers=headers, json={"pdf_files": True}, timeout=30)
    assert queued.status_code == 200, queued.text
    job_url = f"{second}/api/jobs/{queued.json()['job']}"

    def follow(until, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            job = requests.get(job_url, headers=headers, timeout=10).json()
            if until(job):
                return job
            time.sleep(0.2)
        raise AssertionError(f"the job did not get there in {seconds} s: {job}")

    half_way = follow(lambda job: job["status"] in ("running", "done", "failed")
                      and (job["status"] != "running" or 0 < job["done"] < (job["total"] or 0)),
                      120)
    assert half_way["status"] == "running", half_way  # caught while it works
    script.kill_worker()
    killed_at = requests.get(job_url, headers=headers, timeout=10).json()
    assert killed_at["status"] == "running" and killed_at["done"] < killed_at["total"]
    script.start_worker()
    job = follow(lambda job: job["status"] in ("done", "failed"), 240)
    assert (job["status"], job["done"], job["total"]) == ("done", 24, 24), job
    assert Job.objects.get(pk=job["id"]).attempts >= 2  # taken up again after the kill

    letters = list(Letter.objects.filter(batch_id=batch).values_list(
        "recipient_id", "reference", "number", "pdf_file"))
    assert sorted(recipient for recipient, *_ in letters) == sorted(e.pk for e in entries)
    references = [reference for _r, reference, _n, _f in letters]
    assert len(set(references)) == len(references) == 12
    assert all(pdf for *_, pdf in letters)
    # The register's numbers run on without a gap: none was taken by the killed run and lost.
    numbers = sorted(int(reference.rsplit("/", 1)[-1]) for reference in references)
    assert numbers == list(range(numbers[0], numbers[0] + 12)), references
    archive = requests.get(f"{first}{job['file_url']}", headers=headers, timeout=30)
    assert (archive.status_code, archive.headers["Content-Type"]) == (200, "application/zip")
