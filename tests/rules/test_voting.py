"""Voting rules, from the wording of the provisions and the examples of ilo-rules.md.

Pure rules: no Django, no database.
"""

from math import gcd

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripartite.rules.findings import Severity
from tripartite.rules.voting import (
    TWO_THIRDS_DECISIONS,
    Majority,
    Outcome,
    admission_of_member,
    amendment_in_force,
    majority_reached,
    quorum_from_entitled,
    quorum_met,
    required_majority,
    vote_outcome,
)
from tripartite.rules.weighting import committee_weights

LANGUAGES = ("en", "fr", "es")


def assert_three_languages(findings):
    assert findings
    for finding in findings:
        assert set(finding.message) == set(LANGUAGES)
        assert all(finding.message[lang] for lang in LANGUAGES)
        assert finding.provision


# ---------------------------------------------------------------------------------------------
# ILC-2: majority


@pytest.mark.parametrize(("yes", "no", "required", "reached"), [
    (51, 49, 51, True),
    (50, 50, 51, False),  # a tie fails
    (0, 0, 1, False),  # nothing cast, nothing adopted
    (1, 0, 1, True),
    (2, 1, 2, True),
])
def test_simple_majority(yes, no, required, reached):
    result = majority_reached(yes, no, Majority.SIMPLE)
    assert (result.cast, result.required, result.reached) == (yes + no, required, reached)
    assert result.reached == (yes > no)
    assert_three_languages(result.findings)


@pytest.mark.parametrize(("yes", "no", "required", "reached"), [
    (200, 100, 200, True),  # exactly two-thirds
    (199, 101, 200, False),  # one vote short
    (201, 100, 201, True),  # cast 301: ceil(602/3) = 201
    (200, 101, 201, False),
    (2, 1, 2, True),
    (0, 0, 1, False),  # nothing cast: not adopted although 3*0 >= 2*0
    (1, 0, 1, True),
])
def test_two_thirds_majority(yes, no, required, reached):
    result = majority_reached(yes, no, "two_thirds")
    assert (result.required, result.reached) == (required, reached)
    assert_three_languages(result.findings)


def test_two_thirds_uses_glossary_terms():
    message = majority_reached(200, 100, Majority.TWO_THIRDS).findings[0].message
    assert "two-thirds majority" in message["en"]
    assert "majorité des deux tiers" in message["fr"]
    assert "suffrages exprimés" in message["fr"].lower()
    assert "mayoría de dos tercios" in message["es"]
    assert "votos emitidos" in message["es"].lower()


@given(st.integers(0, 2000), st.integers(0, 2000))
def test_required_matches_the_formulas(yes, no):
    cast = yes + no
    assert majority_reached(yes, no, Majority.SIMPLE).reached == (yes > no)
    two_thirds = majority_reached(yes, no, Majority.TWO_THIRDS).reached
    assert two_thirds == (3 * yes >= 2 * cast and cast > 0)
    if cast:
        assert required_majority(cast, Majority.TWO_THIRDS) * 3 >= 2 * cast
        assert (required_majority(cast, Majority.TWO_THIRDS) - 1) * 3 < 2 * cast


def test_unknown_majority_and_negative_votes_are_refused():
    with pytest.raises(ValueError):
        majority_reached(1, 0, "three_quarters")
    with pytest.raises(ValueError, match="no cannot be negative"):
        majority_reached(1, -1, Majority.SIMPLE)
    with pytest.raises(ValueError, match="whole number"):
        majority_reached(1.5, 0, Majority.SIMPLE)


# ---------------------------------------------------------------------------------------------
# ILC-3: quorum


def test_quorum_from_entitled_rounds_up():
    assert quorum_from_entitled(640) == 320
    assert quorum_from_entitled(639) == 320
    assert quorum_from_entitled(1) == 1
    assert quorum_from_entitled(0) == 0


def test_abstentions_do_not_count_toward_quorum():
    # ILC-3: 300 yes + 10 no = 310 < Q=320 -> void, however many abstained.
    result = vote_outcome(300, 10, 200, quorum=320)
    assert (result.cast, result.quorum, result.quorum_met) == (310, 320, False)
    assert result.outcome is Outcome.VOID_NO_QUORUM
    assert result.outcome == "void_no_quorum"
    assert any(f.rule == "ILC-3" and f.severity is Severity.WARNING for f in result.findings)
    assert_three_languages(result.findings)


def test_quorum_exactly_met():
    assert quorum_met(310, 10, 320).met
    assert not quorum_met(309, 10, 320).met
    assert vote_outcome(310, 10, quorum=320).outcome is Outcome.ADOPTED


def test_all_abstentions_is_void():
    result = vote_outcome(0, 0, 500, entitled=640)
    assert result.cast == 0
    assert result.outcome is Outcome.VOID_NO_QUORUM


def test_quorum_derived_from_entitled_is_explained():
    result = vote_outcome(300, 20, 0, entitled=640)
    assert result.quorum == 320
    assert result.outcome is Outcome.ADOPTED
    assert "320" in result.findings[0].message["en"]
    assert "640" in result.findings[0].message["fr"]


def test_quorum_or_entitled_exactly_one():
    with pytest.raises(ValueError, match="exactly one"):
        vote_outcome(1, 0)
    with pytest.raises(ValueError, match="exactly one"):
        vote_outcome(1, 0, quorum=1, entitled=2)


def test_more_ballots_than_entitled_is_refused():
    with pytest.raises(ValueError, match="exceed"):
        vote_outcome(5, 5, 1, entitled=10)


# ---------------------------------------------------------------------------------------------
# ILC-4: outcome


@pytest.mark.parametrize(("yes", "no", "abst", "quorum", "majority", "outcome", "required"), [
    (300, 10, 0, 320, "simple", Outcome.VOID_NO_QUORUM, 156),
    (200, 150, 30, 320, "simple", Outcome.ADOPTED, 176),
    (175, 175, 30, 320, "simple", Outcome.REJECTED, 176),
    (400, 200, 0, 320, "two_thirds", Outcome.ADOPTED, 400),
    (399, 201, 0, 320, "two_thirds", Outcome.REJECTED, 400),
    (0, 0, 0, 0, "simple", Outcome.REJECTED, 1),  # cast = 0 with no quorum to meet
    (0, 0, 0, 0, "two_thirds", Outcome.REJECTED, 1),
])
def test_outcome(yes, no, abst, quorum, majority, outcome, required):
    result = vote_outcome(yes, no, abst, majority=majority, quorum=quorum)
    assert result.outcome is outcome
    assert result.required == required
    assert (result.yes, result.no, result.abstentions, result.cast) == (yes, no, abst, yes + no)
    assert [f.rule for f in result.findings] == ["ILC-3", "ILC-2", "ILC-4"]
    assert_three_languages(result.findings)


def test_two_thirds_outcome_cites_two_thirds_provision():
    result = vote_outcome(400, 200, majority=Majority.TWO_THIRDS, quorum=320)
    assert "19(2)" in result.findings[-1].provision


def test_two_thirds_decisions_cite_the_constitution():
    assert TWO_THIRDS_DECISIONS["refuse_credentials"] == "Constitution art. 3(9)"
    assert all(p.startswith("Constitution art.") for p in TWO_THIRDS_DECISIONS.values())


votes = st.integers(0, 1000)


@given(votes, votes, votes, votes, st.integers(0, 2000), st.sampled_from(list(Majority)))
def test_abstentions_never_change_the_outcome_when_quorum_holds(yes, no, a1, a2, q, majority):
    first = vote_outcome(yes, no, a1, majority=majority, quorum=q)
    second = vote_outcome(yes, no, a2, majority=majority, quorum=q)
    assert first.outcome == second.outcome
    assert first.required == second.required


@given(votes, votes, votes, st.integers(0, 2000), st.sampled_from(list(Majority)))
def test_adding_a_yes_never_turns_adopted_into_rejected(yes, no, abst, q, majority):
    before = vote_outcome(yes, no, abst, majority=majority, quorum=q)
    after = vote_outcome(yes + 1, no, abst, majority=majority, quorum=q)
    if before.outcome is Outcome.ADOPTED:
        assert after.outcome is Outcome.ADOPTED
    if before.quorum_met:
        assert after.outcome is not Outcome.VOID_NO_QUORUM


# ---------------------------------------------------------------------------------------------
# CON-9: admission of a Member


def test_admission_example():
    # 600 attending; 280 Government delegates vote -> need >= 400 yes and >= 187 Government yes.
    result = admission_of_member(400, attending=600, government_yes=187, government_no=93)
    assert (result.required, result.government_voting, result.government_required) == (
        400, 280, 187)
    assert result.outcome is Outcome.ADOPTED
    assert_three_languages(result.findings)


def test_admission_one_short_overall():
    result = admission_of_member(399, attending=600, government_yes=187, government_no=93)
    assert result.outcome is Outcome.REJECTED


def test_admission_one_short_among_governments():
    result = admission_of_member(450, attending=600, government_yes=186, government_no=94)
    assert result.government_required == 187
    assert result.outcome is Outcome.REJECTED


def test_admission_bases_differ():
    # Two-thirds of the votes cast is not enough: the base is the delegates attending.
    result = admission_of_member(300, attending=600, government_yes=200, government_no=0)
    assert result.outcome is Outcome.REJECTED


def test_admission_with_nobody_voting_fails():
    assert admission_of_member(0, attending=0, government_yes=0,
                               government_no=0).outcome is Outcome.REJECTED


def test_admission_refuses_impossible_figures():
    with pytest.raises(ValueError):
        admission_of_member(601, attending=600, government_yes=0, government_no=0)
    with pytest.raises(ValueError):
        admission_of_member(10, attending=600, government_yes=11, government_no=0)


# ---------------------------------------------------------------------------------------------
# CON-10: amendments in force


def test_amendment_example_a_in_force():
    # 1997 amendment: 124 of 186 Members incl. 7 CII -> in force (8 Oct 2015).
    result = amendment_in_force(124, members=186, chief_industrial=7)
    assert result.required == 124
    assert result.in_force
    assert (result.more_needed, result.chief_industrial_more_needed) == (0, 0)
    assert_three_languages(result.findings)


def test_amendment_example_b_not_in_force():
    # 1986 amendment, Nov 2019: 111 incl. 2 CII of 187 -> needs 125, 14 more incl. >= 3 CII.
    result = amendment_in_force(111, members=187, chief_industrial=2)
    assert result.required == 125
    assert not result.in_force
    assert (result.more_needed, result.chief_industrial_more_needed) == (14, 3)
    assert "14 more" in result.findings[0].message["en"]


def test_amendment_example_b_june_2021():
    # June 2021: 9 more needed incl. >= 3 CII.
    result = amendment_in_force(116, members=187, chief_industrial=2)
    assert (result.more_needed, result.chief_industrial_more_needed) == (9, 3)


def test_amendment_two_thirds_without_enough_chief_industrial():
    result = amendment_in_force(130, members=187, chief_industrial=4)
    assert not result.in_force
    assert (result.more_needed, result.chief_industrial_more_needed) == (1, 1)


def test_amendment_one_short_of_two_thirds():
    assert not amendment_in_force(123, members=186, chief_industrial=7).in_force


def test_amendment_refuses_impossible_figures():
    with pytest.raises(ValueError):
        amendment_in_force(188, members=187, chief_industrial=5)
    with pytest.raises(ValueError):
        amendment_in_force(4, members=187, chief_industrial=5)
    with pytest.raises(ValueError):
        amendment_in_force(150, members=187, chief_industrial=11)


# ---------------------------------------------------------------------------------------------
# CTTE-1: weighted voting


def test_weights_example():
    # g=6, e=4, w=3 -> L=12; 2, 3 and 4 votes; each group totals 12.
    weights = committee_weights(6, 4, 3)
    assert weights.common_multiple == 12
    assert weights.votes() == {"government": 2, "employers": 3, "workers": 4}
    assert weights.totals() == {"government": 12, "employers": 12, "workers": 12}
    assert [f.severity for f in weights.findings] == [Severity.INFO]
    assert_three_languages(weights.findings)


def test_weights_group_without_members():
    weights = committee_weights(6, 0, 4)
    assert weights.votes() == {"government": 2, "employers": 0, "workers": 3}
    assert weights.totals() == {"government": 12, "employers": 0, "workers": 12}
    warnings = [f for f in weights.findings if f.severity is Severity.WARNING]
    assert len(warnings) == 1
    assert "Employer" in warnings[0].message["en"]
    assert_three_languages(weights.findings)


def test_weights_no_members_at_all():
    weights = committee_weights(0, 0, 0)
    assert weights.common_multiple == 0
    assert weights.votes() == {"government": 0, "employers": 0, "workers": 0}
    assert sum(f.severity is Severity.WARNING for f in weights.findings) == 3


def test_weights_refuse_negative_members():
    with pytest.raises(ValueError, match="workers"):
        committee_weights(1, 1, -1)


@given(st.integers(1, 300), st.integers(1, 300), st.integers(1, 300))
def test_weighted_totals_of_the_three_groups_are_equal(g, e, w):
    weights = committee_weights(g, e, w)
    totals = weights.totals()
    assert totals["government"] == totals["employers"] == totals["workers"]
    assert totals["government"] == weights.common_multiple
    # L is the least such number: the votes share no common factor.
    assert gcd(weights.government_votes, weights.employers_votes, weights.workers_votes) == 1
