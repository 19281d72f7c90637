"""Integrity under pressure: one ballot per delegate with real concurrent connections
(PostgreSQL), no ballot lost when many vote at once, and secret ballots that cannot be
joined back to their voters."""

import datetime as dt
import importlib
import threading
import uuid

import pytest
from django.apps import apps as django_apps
from django.db import connection, connections

from tests.votes.factories import delegate_user, plenary, secretariat, vote
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import ServiceError
from tripartite.votes import services
from tripartite.votes.models import Ballot, SecretBallot, VoteParticipation

AT = dt.datetime(2026, 6, 5, 10, 0, tzinfo=dt.UTC)

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="needs real concurrent connections (PostgreSQL)")


@pytest.fixture
def member_states(django_db_blocker):
    """A transactional test ends with a flush of every table, the member States of the data
    migration included: load them before and after such a test."""
    load = importlib.import_module(
        "tripartite.constituents.migrations.0002_load_member_states").load_member_states
    with django_db_blocker.unblock():
        load(django_apps, None)
    yield
    with django_db_blocker.unblock():
        load(django_apps, None)


def _run_concurrently(jobs):
    """Run each job in its own thread (each its own database connection), all released at
    once; return what each job returned or raised."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("member_states")
@pytest.mark.parametrize("method", ["record", "secret"])
def test_the_same_delegate_submitting_many_times_at_once_stores_one_ballot(method):
    item, delegates = plenary(("FR",))
    v = services.vote_open(actor=secretariat(), vote=vote(item, method=method), at=AT)
    user = delegate_user(delegates["FR"][0])
    outcomes = _run_concurrently([
        (lambda choice=choice: services.ballot_cast(actor=user, vote=v, choice=choice))
        for choice in ["yes", "no", "abstain"] * 8])
    refused = [o for o in outcomes if isinstance(o, ServiceError)]
    assert len(refused) == 23
    assert {o.code for o in refused} == {"already_voted"}
    assert not [o for o in outcomes if isinstance(o, Exception) and o not in refused]
    if method == "record":
        assert Ballot.objects.filter(vote=v).count() == 1
    else:
        assert VoteParticipation.objects.filter(vote=v).count() == 1
        assert SecretBallot.objects.filter(vote=v).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("member_states")
def test_many_delegates_at_once_lose_no_ballot_and_closing_waits_for_them():
    states = ("FR", "DE", "IT", "ES", "PT", "BE")
    item, delegates = plenary(states)
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item), at=AT)
    users = [delegate_user(n) for iso2 in states for n in delegates[iso2]]
    outcomes = _run_concurrently([
        (lambda user=user, i=i: services.ballot_cast(actor=user, vote=v,
                                                     choice=("yes", "no")[i % 2]))
        for i, user in enumerate(users)])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Ballot.objects.filter(vote=v).count() == len(users) == 24
    result = services.vote_close(actor=staff, vote=v)
    assert (result.yes, result.no, result.cast) == ("12", "12", "24")


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("member_states")
def test_no_ballot_lands_after_the_close_that_raced_with_it():
    states = ("FR", "DE", "IT")
    item, delegates = plenary(states)
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item), at=AT)
    users = [delegate_user(n) for iso2 in states for n in delegates[iso2]]
    jobs = [(lambda user=user: services.ballot_cast(actor=user, vote=v, choice="yes"))
            for user in users]
    jobs.append(lambda: services.vote_close(actor=staff, vote=v))
    outcomes = _run_concurrently(jobs)
    accepted = sum(1 for o in outcomes[:-1] if isinstance(o, Ballot))
    refused = [o for o in outcomes[:-1] if isinstance(o, ServiceError)]
    assert {o.code for o in refused} <= {"vote_closed"}
    assert accepted + len(refused) == len(users)
    # The result counts exactly the ballots stored, and none was stored after it.
    assert outcomes[-1].yes == str(accepted) == str(Ballot.objects.filter(vote=v).count())


@pytest.mark.django_db
def test_a_secret_ballot_cannot_be_joined_back_to_its_voter():
    item, delegates = plenary(("FR", "DE"))
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item, method="secret"), at=AT)
    voters = delegates["FR"] + delegates["DE"]
    choices = ["yes", "no", "yes", "abstain", "no", "yes", "yes", "no"]
    for n, (nomination, choice) in enumerate(zip(voters, choices, strict=True)):
        services.ballot_cast(actor=delegate_user(nomination), vote=v, choice=choice,
                             at=AT + dt.timedelta(minutes=n))
    # Who voted is known; how is not stored with it.
    assert VoteParticipation.objects.filter(vote=v).count() == 8
    assert Ballot.objects.filter(vote=v).count() == 0
    # The anonymous choices: a random key, the vote, the choice and its weight; nothing else.
    fields = {f.name for f in SecretBallot._meta.get_fields()}
    assert fields == {"id", "vote", "choice", "weight_numerator", "weight_denominator"}
    keys = list(SecretBallot.objects.filter(vote=v).values_list("id", flat=True))
    assert all(isinstance(key, uuid.UUID) and key.version == 4 for key in keys)
    # Neither the log nor the participation carries a choice.
    entries = ActionLogEntry.objects.filter(action="votes.ballot.cast", object_id=str(v.pk))
    assert entries.count() == 8
    assert all("choice" not in entry.data for entry in entries)
    participation_fields = {f.name for f in VoteParticipation._meta.get_fields()}
    assert "choice" not in participation_fields
    result = services.vote_close(actor=staff, vote=v)
    assert (result.yes, result.no, result.abstain) == ("4", "3", "1")
