"""Committee votes weighted by CTTE-1 and Governing Body votes by its titular members, wired
to ``membership.selectors.committee_voters`` and ``governing_body_voters``."""

import datetime as dt
from fractions import Fraction

import pytest

from tests.factories import PersonFactory, state, user_with_role
from tests.membership.factories import (
    OPENING,
    CommitteeFactory,
    CommitteeMembershipFactory,
    GoverningBodyMembershipFactory,
    GoverningBodySessionFactory,
)
from tests.votes.factories import secretariat
from tripartite.accounts.models import Role
from tripartite.common.services import ServiceError
from tripartite.votes import services
from tripartite.votes.models import Ballot, SecretTally

pytestmark = pytest.mark.django_db

AT = OPENING + dt.timedelta(days=2)


def _member(committee, group, iso2=None, kind="regular"):
    person = PersonFactory(member_state=state(iso2 or "FR"))
    CommitteeMembershipFactory(committee=committee, person=person, group=group, kind=kind,
                               member_state=state(iso2) if iso2 else None)
    return person


def _cast(person, vote, choice):
    user = user_with_role(Role.DELEGATE, person=person)
    return services.ballot_cast(actor=user, vote=vote, choice=choice, at=AT)


def test_a_committee_vote_is_weighted_by_group():
    committee = CommitteeFactory()
    governments = [_member(committee, "government", iso2) for iso2 in ("FR", "DE", "IT")]
    employers = [_member(committee, "employers") for _ in range(2)]
    worker = _member(committee, "workers")
    deputy = _member(committee, "government", "ES", kind="deputy")
    staff = secretariat()
    vote = services.vote_create(actor=staff, session=committee.session, body="committee",
                                committee=committee, subject_en="Amendment 12",
                                method="record")
    vote = services.vote_open(actor=staff, vote=vote, at=AT)
    assert vote.quorum_base == {"government": 3, "employers": 2, "workers": 1, "total": 6}
    assert vote.quorum == 3
    for person, choice in zip([*governments, *employers, worker],
                              ["yes", "yes", "no", "no", "no", "yes"], strict=True):
        _cast(person, vote, choice)
    with pytest.raises(ServiceError) as refused:  # a deputy not replacing anyone (CTTE-2)
        _cast(deputy, vote, "yes")
    assert refused.value.code == "not_a_voter"
    weights = {b.group: b.weight for b in Ballot.objects.filter(vote=vote)}
    # Equal strength: 3 Government × w_g = 2 Employers × w_e = 1 Worker × w_w.
    assert 3 * weights["government"] == 2 * weights["employers"] == weights["workers"]
    result = services.vote_close(actor=staff, vote=vote, at=AT + dt.timedelta(minutes=5))
    # For: 2 Government + the Worker; against: 1 Government + 2 Employers.
    # With weights 2, 3 and 6 that is 10 for and 8 against; any scale gives the same ratio.
    assert Fraction(result.yes) / Fraction(result.no) == Fraction(10, 8)
    assert result.outcome == "adopted"
    assert result.explanation[0]["rule"] == "CTTE-1"


def test_a_governing_body_vote_counts_titular_members_only():
    session = GoverningBodySessionFactory()
    at = session.opens_at + dt.timedelta(hours=2)
    titular = [PersonFactory(member_state=state(iso2)) for iso2 in ("FR", "DE")]
    for person, iso2 in zip(titular, ("FR", "DE"), strict=True):
        GoverningBodyMembershipFactory(meeting=session.meeting, person=person,
                                       member_state=state(iso2))
    deputy = PersonFactory(member_state=state("IT"))
    GoverningBodyMembershipFactory(meeting=session.meeting, person=deputy, seat="deputy",
                                   member_state=state("IT"))
    staff = secretariat()
    vote = services.vote_create(actor=staff, session=session, body="governing_body",
                                subject_en="Decision on item INS/5", method="show_of_hands")
    vote = services.vote_open(actor=staff, vote=vote, at=at)
    assert vote.quorum_base["total"] == 2
    for person in titular:
        user = user_with_role(Role.DELEGATE, person=person)
        services.ballot_cast(actor=user, vote=vote, choice="yes", at=at)
    with pytest.raises(ServiceError, match="not entitled"):
        services.ballot_cast(actor=user_with_role(Role.DELEGATE, person=deputy), vote=vote,
                             choice="no", at=at)
    result = services.vote_close(actor=staff, vote=vote, at=at)
    assert (result.yes, result.no, result.outcome) == ("2", "0", "adopted")


def test_a_secret_committee_vote_counts_the_weights_as_a_record_vote_does():
    committee = CommitteeFactory()
    governments = [_member(committee, "government", iso2) for iso2 in ("FR", "DE", "IT")]
    employers = [_member(committee, "employers") for _ in range(2)]
    worker = _member(committee, "workers")
    staff = secretariat()
    users = [user_with_role(Role.DELEGATE, person=person)
             for person in [*governments, *employers, worker]]
    results = {}
    for method in ("record", "secret"):
        vote = services.vote_create(actor=staff, session=committee.session, body="committee",
                                    committee=committee, subject_en="Amendment 12",
                                    method=method)
        vote = services.vote_open(actor=staff, vote=vote, at=AT)
        for user, choice in zip(users, ["yes", "yes", "no", "no", "abstain", "yes"],
                                strict=True):
            services.ballot_cast(actor=user, vote=vote, choice=choice, at=AT)
        result = services.vote_close(actor=staff, vote=vote, at=AT + dt.timedelta(minutes=5))
        results[method] = (result.yes, result.no, result.abstain, result.cast, result.quorum,
                           result.required, result.outcome, result.ballots,
                           result.explanation)
    assert results["secret"] == results["record"]
    assert results["secret"][7] == 6
    # One count per choice and per group's weight, made when the vote opened.
    assert SecretTally.objects.filter(vote__method="secret").count() == 9
