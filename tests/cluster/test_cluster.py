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
