"""The rules a vote is closed with: the admission vote as a whole (CON-9 with ILC-3), the
weighted committee vote (CTTE-1), and the edge cases of issue 5. Pure: no database."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripartite.rules.voting import Majority, Outcome, admission_vote_outcome, vote_outcome
from tripartite.rules.weighting import committee_weights, weighted_vote_outcome

# --- the edge cases, plenary ----------------------------------------------------------------


def test_tie_fails_a_simple_majority():
    result = vote_outcome(50, 50, 0, quorum=10)
    assert (result.outcome, result.required) == (Outcome.REJECTED, 51)


def test_exactly_two_thirds_is_adopted_and_one_less_is_not():
    assert vote_outcome(200, 100, majority="two_thirds", quorum=1).outcome is Outcome.ADOPTED
    assert vote_outcome(199, 101, majority="two_thirds", quorum=1).outcome is Outcome.REJECTED


def test_exactly_the_quorum_is_valid_and_one_less_void():
    assert vote_outcome(300, 20, 5, quorum=320).outcome is Outcome.ADOPTED
    assert vote_outcome(300, 19, 6, quorum=320).outcome is Outcome.VOID_NO_QUORUM


def test_no_votes_cast_is_void_when_there_is_a_quorum():
    result = vote_outcome(0, 0, 0, quorum=1)
    assert (result.cast, result.outcome) == (0, Outcome.VOID_NO_QUORUM)


def test_no_votes_cast_with_a_zero_quorum_is_rejected_not_adopted():
    assert vote_outcome(0, 0, 0, quorum=0).outcome is Outcome.REJECTED
    assert vote_outcome(0, 0, 0, quorum=0, majority="two_thirds").outcome is Outcome.REJECTED


def test_everyone_abstaining_is_void():
    result = vote_outcome(0, 0, 480, entitled=480)
    assert (result.quorum, result.cast, result.outcome) == (240, 0, Outcome.VOID_NO_QUORUM)


def test_the_example_of_ilc3_300_for_10_against_quorum_320():
    for abstentions in (0, 10, 500):
        assert vote_outcome(300, 10, abstentions, quorum=320).outcome is Outcome.VOID_NO_QUORUM


# --- CON-9 as a vote ----------------------------------------------------------------------


def test_admission_example_of_the_rules_file():
    # 600 attending; 280 Government delegates vote -> >= 400 yes overall, >= 187 Government.
    result = admission_vote_outcome(400, 150, 50, quorum=300, attending=600,
                                    government_yes=187, government_no=93)
    assert (result.required, result.outcome) == (400, Outcome.ADOPTED)
    assert [f.rule for f in result.findings] == ["ILC-3", "CON-9", "CON-9", "ILC-4"]
    short = admission_vote_outcome(400, 150, 50, quorum=300, attending=600,
                                   government_yes=186, government_no=94)
    assert short.outcome is Outcome.REJECTED


def test_admission_without_quorum_is_void():
    result = admission_vote_outcome(10, 0, 0, quorum=300, attending=600, government_yes=10,
                                    government_no=0)
    assert result.outcome is Outcome.VOID_NO_QUORUM


# --- CTTE-1: weighted committee votes ------------------------------------------------------


def test_weighted_example_g6_e4_w3():
    weights = committee_weights(6, 4, 3)
    # 4 Government for, 2 against; 2 Employers against, 2 abstain; 3 Workers for.
    yes = 4 * weights.government_votes + 3 * weights.workers_votes
    no = 2 * weights.government_votes + 2 * weights.employers_votes
    result = weighted_vote_outcome(Fraction(yes), Fraction(no),
                                   Fraction(2 * weights.employers_votes),
                                   members_voting=11, quorum=0)
    assert (result.yes, result.no, result.cast) == (20, 10, 30)
    assert result.outcome is Outcome.ADOPTED
    assert result.findings[0].rule == "CTTE-1"
    assert "20 for + 10 against = 30" in result.findings[0].message["en"]


def test_weighted_tie_fails_and_fractions_are_exact():
    third = Fraction(1, 3)
    result = weighted_vote_outcome(3 * third, Fraction(1), members_voting=4, quorum=0)
    assert result.outcome is Outcome.REJECTED
    result = weighted_vote_outcome(Fraction(2, 3), Fraction(1, 3), members_voting=2, quorum=0,
                                   majority="two_thirds")
    assert result.outcome is Outcome.ADOPTED  # exactly two-thirds of the weighted votes
    assert "2/3" in result.findings[0].message["en"]


def test_weighted_quorum_counts_heads_not_weights():
    result = weighted_vote_outcome(Fraction(12), Fraction(0), Fraction(30), members_voting=3,
                                   quorum=4)
    assert result.outcome is Outcome.VOID_NO_QUORUM
    assert result.findings[1].rule == "CTTE-3"


def test_weighted_no_votes_cast_is_rejected():
    result = weighted_vote_outcome(Fraction(0), Fraction(0), Fraction(5), members_voting=0,
                                   quorum=0, majority="two_thirds")
    assert result.outcome is Outcome.REJECTED


def test_weighted_refuses_negative_totals():
    with pytest.raises(ValueError, match="no cannot be negative"):
        weighted_vote_outcome(Fraction(1), Fraction(-1), members_voting=1, quorum=0)


weights = st.fractions(min_value=0, max_value=1000, max_denominator=60)


@given(weights, weights, weights, weights, st.sampled_from(list(Majority)))
def test_weighted_abstentions_never_change_the_outcome(yes, no, a1, a2, majority):
    first = weighted_vote_outcome(yes, no, a1, members_voting=5, quorum=3, majority=majority)
    second = weighted_vote_outcome(yes, no, a2, members_voting=5, quorum=3, majority=majority)
    assert first.outcome == second.outcome


@given(weights, weights, st.fractions(min_value=Fraction(1, 60), max_value=60,
                                      max_denominator=60), st.sampled_from(list(Majority)))
def test_weighted_adding_a_yes_never_turns_adopted_into_rejected(yes, no, extra, majority):
    before = weighted_vote_outcome(yes, no, members_voting=1, quorum=0, majority=majority)
    after = weighted_vote_outcome(yes + extra, no, members_voting=2, quorum=0,
                                  majority=majority)
    if before.outcome is Outcome.ADOPTED:
        assert after.outcome is Outcome.ADOPTED


@given(st.integers(1, 200), st.integers(1, 200), st.integers(1, 200))
def test_weights_as_fractions_give_equal_group_totals(g, e, w):
    # The weights a membership selector may hand out as fractions of one group's strength.
    shares = {"government": (g, Fraction(1, g)), "employers": (e, Fraction(1, e)),
              "workers": (w, Fraction(1, w))}
    totals = {group: n * weight for group, (n, weight) in shares.items()}
    assert set(totals.values()) == {Fraction(1)}
    result = weighted_vote_outcome(totals["government"] + totals["employers"],
                                   totals["workers"], members_voting=g + e + w, quorum=0)
    assert result.outcome is Outcome.ADOPTED  # two groups out of three, whatever their size
