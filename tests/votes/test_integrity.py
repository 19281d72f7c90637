"""Integrity under pressure: one ballot per delegate with real concurrent connections
(PostgreSQL), no ballot lost (nor counted twice) when many vote at once, record or secret.
That a secret ballot cannot be joined back to its voter: test_secret_ballot_unlinkability.py."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Sum

from tests.concurrency import run_concurrently
from tests.votes.factories import delegate_user, plenary, secretariat, vote
from tripartite.common.services import ServiceError
from tripartite.votes import services
from tripartite.votes.models import Ballot, SecretTally, VoteParticipation

AT = dt.datetime(2026, 6, 5, 10, 0, tzinfo=dt.UTC)

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="needs real concurrent connections (PostgreSQL)")



@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["record", "secret"])
def test_the_same_delegate_submitting_many_times_at_once_stores_one_ballot(method):
    item, delegates = plenary(("FR",))
    v = services.vote_open(actor=secretariat(), vote=vote(item, method=method), at=AT)
    user = delegate_user(delegates["FR"][0])
    outcomes = run_concurrently([
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
        counts = SecretTally.objects.filter(vote=v, count__gt=0).values_list("count", flat=True)
        assert list(counts) == [1]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_delegates_at_once_lose_no_ballot_and_closing_waits_for_them():
    states = ("FR", "DE", "IT", "ES", "PT", "BE")
    item, delegates = plenary(states)
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item), at=AT)
    users = [delegate_user(n) for iso2 in states for n in delegates[iso2]]
    outcomes = run_concurrently([
        (lambda user=user, i=i: services.ballot_cast(actor=user, vote=v,
                                                     choice=("yes", "no")[i % 2]))
        for i, user in enumerate(users)])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Ballot.objects.filter(vote=v).count() == len(users) == 24
    result = services.vote_close(actor=staff, vote=v)
    assert (result.yes, result.no, result.cast) == ("12", "12", "24")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_no_ballot_lands_after_the_close_that_raced_with_it():
    states = ("FR", "DE", "IT")
    item, delegates = plenary(states)
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item), at=AT)
    users = [delegate_user(n) for iso2 in states for n in delegates[iso2]]
    jobs = [(lambda user=user: services.ballot_cast(actor=user, vote=v, choice="yes"))
            for user in users]
    jobs.append(lambda: services.vote_close(actor=staff, vote=v))
    outcomes = run_concurrently(jobs)
    accepted = sum(1 for o in outcomes[:-1] if isinstance(o, Ballot))
    refused = [o for o in outcomes[:-1] if isinstance(o, ServiceError)]
    assert {o.code for o in refused} <= {"vote_closed"}
    assert accepted + len(refused) == len(users)
    # The result counts exactly the ballots stored, and none was stored after it.
    assert outcomes[-1].yes == str(accepted) == str(Ballot.objects.filter(vote=v).count())


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_secret_ballots_at_once_are_each_counted_once():
    states = ("FR", "DE", "IT", "ES", "PT", "BE")
    item, delegates = plenary(states)
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item, method="secret"), at=AT)
    users = [delegate_user(n) for iso2 in states for n in delegates[iso2]]
    outcomes = run_concurrently([
        (lambda user=user, i=i: services.ballot_cast(actor=user, vote=v,
                                                     choice=("yes", "no", "abstain")[i % 3]))
        for i, user in enumerate(users)])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert VoteParticipation.objects.filter(vote=v).count() == len(users) == 24
    assert dict(SecretTally.objects.filter(vote=v).values_list("choice", "count")) == {
        "yes": 8, "no": 8, "abstain": 8}
    result = services.vote_close(actor=staff, vote=v)
    assert (result.yes, result.no, result.abstain, result.ballots) == ("8", "8", "8", 24)
    assert SecretTally.objects.filter(vote=v).aggregate(n=Sum("count"))["n"] == 24


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize("method", ["record", "secret"])
def test_a_ballot_holds_the_votes_lock_only_to_store_itself(method):
    """The right to vote is read before the vote's row is locked, so that ballots of one vote
    do not queue behind one another's rights check. Under the lock: the state, the ballot (or
    the participation and the tally), the log."""
    from django.test.utils import CaptureQueriesContext

    item, delegates = plenary(("FR", "DE"))
    v = services.vote_open(actor=secretariat(), vote=vote(item, method=method), at=AT)
    user = delegate_user(delegates["FR"][0])
    with CaptureQueriesContext(connection) as captured:
        services.ballot_cast(actor=user, vote=v, choice="yes")
    statements = [q["sql"] for q in captured.captured_queries]
    locked_at = next(i for i, sql in enumerate(statements) if "FOR UPDATE" in sql)
    under_lock = [sql for sql in statements[locked_at + 1:]
                  if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert locked_at > 3, "the rights check comes first"
    assert len(under_lock) <= 4, under_lock
