"""The Credentials Committee's decisions (CRED-3, CRED-4, CON-5), from the Standing Orders'
wording: a unanimous decision on receivability is final, otherwise the question goes to the
Conference; a proposal to invalidate credentials goes to the Conference (two-thirds, art. 3(9)).

Pure rules: no Django, no database.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripartite.rules.credentials_committee import (
    CommitteeVote,
    Outcome,
    Position,
    outcome_decision,
    receivability_decision,
)
from tripartite.rules.findings import Severity

FOR, AGAINST = Position.FOR, Position.AGAINST
UNANIMOUS = CommitteeVote(FOR, FOR, FOR)
WORKER_AGAINST = CommitteeVote(FOR, FOR, AGAINST)


@pytest.mark.parametrize("receivable", [True, False])
def test_a_unanimous_decision_on_receivability_is_final(receivable):
    decision = receivability_decision(receivable=receivable, vote=UNANIMOUS)
    assert (decision.adopted, decision.unanimous, decision.final,
            decision.to_conference) == (True, True, True, False)
    [finding] = decision.findings
    assert finding.provision == "ILC Standing Orders (2008) art. 26bis"
    word = "receivable" if receivable else "irreceivable"
    assert finding.message["en"] == (
        f"The Committee unanimously found the objection {word}: its decision on receivability "
        "is final.")


def test_a_divided_committee_sends_the_question_of_receivability_to_the_conference():
    decision = receivability_decision(receivable=False, vote=WORKER_AGAINST)
    assert (decision.adopted, decision.final, decision.to_conference) == (False, False, True)
    [finding] = decision.findings
    assert finding.severity is Severity.WARNING
    assert finding.message["en"] == (
        "The Committee is divided on whether the objection is irreceivable (the Worker member "
        "against): the question of receivability goes to the Conference, with the views of the "
        "majority and of the minority.")
    assert "(le membre travailleur contre)" in finding.message["fr"]


def test_a_member_who_did_not_take_part_makes_it_no_unanimous_decision():
    decision = receivability_decision(receivable=True, vote=CommitteeVote(FOR, None, FOR))
    assert decision.to_conference
    assert "the Employer member did not take part" in decision.findings[0].message["en"]


@pytest.mark.parametrize("outcome", list(Outcome))
def test_each_outcome_adopted_unanimously(outcome):
    decision = outcome_decision(outcome, vote=UNANIMOUS)
    assert decision.adopted and decision.unanimous
    to_conference = outcome in (Outcome.PROPOSE_INVALIDATION, Outcome.FOLLOW_UP)
    assert (decision.to_conference, decision.final) == (to_conference, not to_conference)
    assert decision.findings[0].message["en"] == "The Committee decided unanimously."


def test_a_proposal_to_invalidate_goes_to_the_conference_which_decides_by_two_thirds():
    decision = outcome_decision(Outcome.PROPOSE_INVALIDATION, vote=WORKER_AGAINST)
    assert (decision.adopted, decision.unanimous, decision.to_conference) == (True, False, True)
    majority, conference = decision.findings
    assert majority.message["en"] == (
        "The Committee decided by a majority (the Worker member against): its report gives "
        "the views of the minority.")
    assert conference.provision == "Constitution art. 3(9)"
    assert "two-thirds of the votes cast by the delegates present" in conference.message["en"]


@pytest.mark.parametrize("vote", [CommitteeVote(FOR, AGAINST, AGAINST),
                                  CommitteeVote(FOR, None, None),
                                  CommitteeVote(AGAINST, AGAINST, AGAINST)])
def test_an_outcome_needs_two_members_for_it(vote):
    decision = outcome_decision(Outcome.NO_ACTION, vote=vote)
    assert not decision.adopted
    assert [f.severity for f in decision.findings] == [Severity.ERROR]


def test_an_unknown_outcome_is_refused():
    with pytest.raises(ValueError):
        outcome_decision("upheld", vote=UNANIMOUS)


positions = st.sampled_from([FOR, AGAINST, None])


@given(positions, positions, positions, st.booleans())
def test_receivability_is_final_exactly_when_the_three_members_agree(g, e, w, receivable):
    vote = CommitteeVote(g, e, w)
    decision = receivability_decision(receivable=receivable, vote=vote)
    assert decision.final == (g is e is w is FOR)
    assert decision.to_conference == (not decision.final)


@given(positions, positions, positions, st.sampled_from(list(Outcome)))
def test_an_outcome_is_adopted_exactly_with_two_or_three_for(g, e, w, outcome):
    decision = outcome_decision(outcome, vote=CommitteeVote(g, e, w))
    assert decision.adopted == ([g, e, w].count(FOR) >= 2)
    assert not (decision.to_conference and not decision.adopted)
    for finding in decision.findings:
        assert all(finding.message[language] for language in ("en", "fr", "es"))
