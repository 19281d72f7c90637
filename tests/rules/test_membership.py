"""Who votes in committees and the Governing Body (CTTE-1, CTTE-2, GB-1, CON-6): no database."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripartite.rules.delegations import Member
from tripartite.rules.membership import (
    Kind,
    Replacement,
    Seat,
    committee_voters,
    governing_body_voters,
    in_period,
    periods_overlap,
)

FR = Member("FR")
IN_ARREARS = Member("XA", in_arrears=True)
RESTORED = Member("XB", in_arrears=True, vote_restored=True)


def seat(id, group="government", kind=Kind.REGULAR, member=FR):
    return Seat(id=id, person=100 + id, group=group, kind=kind,
                member=member if group == "government" else None)


def test_the_synthetic_example_of_ctte_1_six_four_three():
    seats = (*(seat(i) for i in range(6)), *(seat(10 + i, "employers") for i in range(4)),
             *(seat(20 + i, "workers") for i in range(3)))
    result = committee_voters(seats)
    assert result.voters[100] == ("government", Fraction(2))
    assert result.voters[110] == ("employers", Fraction(3))
    assert result.voters[120] == ("workers", Fraction(4))
    assert result.totals() == dict.fromkeys(("government", "employers", "workers"),
                                            Fraction(12))
    assert result.findings[0].rule == "CTTE-1"


def test_deputies_do_not_vote_nor_count_for_the_weights_unless_replacing():
    seats = (seat(1), seat(2), seat(3, kind=Kind.DEPUTY), seat(10, "employers"),
             seat(20, "workers"))
    result = committee_voters(seats)
    assert 103 not in result.voters
    assert result.without_vote[103] == "deputy"
    assert result.weights.government == 2
    assert result.voters[110] == ("employers", Fraction(2))


def test_a_deputy_replacing_a_regular_member_holds_their_vote():
    seats = (seat(1), seat(2), seat(3, kind=Kind.DEPUTY), seat(10, "employers"),
             seat(20, "workers"))
    result = committee_voters(seats, (Replacement(replaced=1, deputy=3),))
    assert 101 not in result.voters
    assert result.voters[103] == ("government", Fraction(1))
    assert result.without_vote[101] == "replaced"
    assert result.weights.government == 2
    assert any(finding.rule == "CTTE-2" for finding in result.findings)


def test_arrears_remove_government_members_and_their_votes_cannot_be_passed_on():
    seats = (seat(1, member=IN_ARREARS), seat(2), seat(3, kind=Kind.DEPUTY),
             seat(10, "employers"), seat(20, "workers"))
    result = committee_voters(seats, (Replacement(replaced=1, deputy=3),))
    assert set(result.voters) == {102, 110, 120}
    assert result.without_vote[101] == "arrears"
    assert any(finding.rule == "CON-6" for finding in result.findings)


def test_a_deputy_in_arrears_cannot_vote_in_place_of_another():
    seats = (seat(1), seat(3, kind=Kind.DEPUTY, member=IN_ARREARS), seat(10, "employers"))
    result = committee_voters(seats, (Replacement(replaced=1, deputy=3),))
    assert set(result.voters) == {110}
    assert result.without_vote[103] == "arrears"


def test_a_restored_vote_counts_and_the_delegation_scope_reaches_employers():
    employer = Seat(id=10, person=110, group="employers", kind=Kind.REGULAR, member=IN_ARREARS)
    seats = (seat(1, member=RESTORED), employer)
    assert set(committee_voters(seats).voters) == {101, 110}
    assert set(committee_voters(seats, arrears_scope="delegation").voters) == {101}


def test_an_unweighted_committee_gives_one_vote_each():
    seats = (seat(1), seat(2), seat(10, "employers"))
    result = committee_voters(seats, weighted=False)
    assert {weight for _group, weight in result.voters.values()} == {Fraction(1)}


@pytest.mark.parametrize("replacement, message", [
    (Replacement(replaced=10, deputy=3), "same group"),
    (Replacement(replaced=3, deputy=1), "replaces a regular"),
    (Replacement(replaced=1, deputy=99), "not current"),
])
def test_bad_replacements_are_refused(replacement, message):
    seats = (seat(1), seat(3, kind=Kind.DEPUTY), seat(10, "employers"))
    with pytest.raises(ValueError, match=message):
        committee_voters(seats, (replacement,))


def test_a_deputy_replaces_one_member_at_a_time_and_a_person_holds_one_seat():
    seats = (seat(1), seat(2), seat(3, kind=Kind.DEPUTY))
    with pytest.raises(ValueError, match="one deputy at a time"):
        committee_voters(seats, (Replacement(1, 3), Replacement(2, 3)))
    with pytest.raises(ValueError, match="two seats"):
        committee_voters((seat(1), Seat(id=2, person=101, group="workers", kind="regular")))


def test_a_government_seat_needs_a_state_and_groups_are_checked():
    with pytest.raises(ValueError, match="member State"):
        Seat(id=1, person=1, group="government", kind="regular")
    with pytest.raises(ValueError, match="unknown group"):
        Seat(id=1, person=1, group="observers", kind="regular")


@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 5),
       st.integers(0, 5))
def test_weights_always_give_equal_group_totals(g, e, w, deputies, arrears):
    arrears = min(arrears, g)
    seats = (*(seat(i, member=IN_ARREARS if i < arrears else FR) for i in range(g)),
             *(seat(1000 + i, kind=Kind.DEPUTY) for i in range(deputies)),
             *(seat(2000 + i, "employers") for i in range(e)),
             *(seat(3000 + i, "workers") for i in range(w)))
    replacements = tuple(Replacement(replaced=arrears + i, deputy=1000 + i)
                         for i in range(min(deputies, g - arrears)))
    result = committee_voters(seats, replacements)
    non_empty = {total for group, total in result.totals().items()
                 if (g - arrears, e, w)[("government", "employers", "workers").index(group)]}
    assert len(non_empty) <= 1
    assert sum(1 for group, _w in result.voters.values() if group == "government") == g - arrears


def test_governing_body_titular_members_vote_and_a_deputy_replaces_one():
    seats = (seat(1, kind=Kind.TITULAR), seat(2, kind=Kind.TITULAR, member=IN_ARREARS),
             seat(3, kind=Kind.DEPUTY), seat(10, "employers", kind=Kind.TITULAR),
             seat(11, "employers", kind=Kind.DEPUTY), seat(20, "workers", kind=Kind.TITULAR))
    result = governing_body_voters(seats, (Replacement(replaced=10, deputy=11),))
    assert result.groups == {101: "government", 111: "employers", 120: "workers"}
    assert result.without_vote == {102: "arrears", 103: "deputy", 110: "replaced"}
    with pytest.raises(ValueError, match="titular"):
        governing_body_voters((seat(1), seat(3, kind=Kind.DEPUTY)), (Replacement(1, 3),))


def test_periods_are_half_open():
    start, end = dt.datetime(2026, 6, 2, 9), dt.datetime(2026, 6, 3, 9)
    assert in_period(start, end, start)
    assert not in_period(start, end, end)
    assert not in_period(start, end, start - dt.timedelta(microseconds=1))
    assert in_period(start, None, end)
    assert not periods_overlap(start, end, end, None)
    assert periods_overlap(start, None, end, None)
    assert periods_overlap(start, end, start, end)
