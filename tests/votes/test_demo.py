"""The demo votes: a published record vote and show of hands, decided by the rules, and an
open vote in which the demo "delegate" login can vote."""

import pytest

from tripartite.accounts.models import User
from tripartite.demo import loader
from tripartite.votes import services
from tripartite.votes.models import Ballot, Vote, VoteState

pytestmark = pytest.mark.django_db


def test_the_demo_holds_three_votes_and_the_delegate_can_vote():
    loader.load_demo(scale="small")
    votes = {vote.method + ":" + vote.state: vote for vote in Vote.objects.all()}
    assert set(votes) == {"record:published", "show_of_hands:published", "record:open"}
    record = votes["record:published"]
    result = record.result
    ballots = Ballot.objects.filter(vote=record)
    assert result.ballots == ballots.count() > 0
    assert int(result.yes) == ballots.filter(choice="yes").count()
    assert result.quorum == -(-record.quorum_base["total"] // 2)
    assert result.outcome == "adopted"
    assert [e["rule"] for e in result.explanation] == ["ILC-3", "ILC-2", "ILC-4"]
    hands = votes["show_of_hands:published"]
    assert hands.result.outcome == "adopted" and hands.totals.yes == int(hands.result.yes)

    delegate = User.objects.get(username="delegate")
    assert delegate.person_id is not None
    assert not Ballot.objects.filter(voter=delegate.person).exists()
    opened = votes["record:open"]
    ballot = services.ballot_cast(actor=delegate, vote=opened, choice="yes")
    assert ballot.group == "government"
    assert opened.state == VoteState.OPEN
