"""Committee and Governing Body membership through the services and the selectors."""

import datetime as dt
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import PersonFactory, SessionFactory, state, user_with_role
from tests.membership.factories import (
    OPENING,
    CommitteeFactory,
    CommitteeMembershipFactory,
    GoverningBodyMembershipFactory,
    GoverningBodySessionFactory,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.delegations.models import ArrearsStatus, CredentialsSettings
from tripartite.delegations.services.nominations import delegation_open, nomination_add
from tripartite.membership import selectors, services
from tripartite.membership.models import CommitteeMembership, WeightSnapshot

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
GROUPS = ("government", "employers", "workers")


@pytest.fixture
def secretariat():
    return user_with_role(Role.SECRETARIAT)


@pytest.fixture
def committee():
    return CommitteeFactory()


def add(committee, actor, group, at=OPENING, iso2="FR", **kwargs):
    person = kwargs.pop("person", None) or PersonFactory()
    return services.committee_member_add(
        actor=actor, committee=committee, person=person, group=group, at=at,
        member_state=state(iso2) if group == "government" else None, **kwargs)


def compose(committee, actor, g, e, w, at=OPENING):
    for group, n in zip(GROUPS, (g, e, w), strict=True):
        for _ in range(n):
            add(committee, actor, group, at=at)


# --- committee_voters: the contract with the votes ----------------------------------------------

def test_committee_voters_gives_ctte_1_weights_as_fractions(committee, secretariat):
    compose(committee, secretariat, 6, 4, 3)
    voters = selectors.committee_voters(committee, OPENING)
    assert len(voters) == 13
    assert {weight for group, weight in voters.values() if group == "government"} == {
        Fraction(2)}
    assert {weight for group, weight in voters.values() if group == "employers"} == {
        Fraction(3)}
    assert {weight for group, weight in voters.values() if group == "workers"} == {Fraction(4)}
    assert all(isinstance(weight, Fraction) for _group, weight in voters.values())


def test_membership_at_the_boundaries_from_included_until_excluded(committee):
    start, end = OPENING + DAY, OPENING + 2 * DAY
    row = CommitteeMembershipFactory(committee=committee, valid_from=start, valid_until=end)
    tick = dt.timedelta(microseconds=1)
    assert row.person_id not in selectors.committee_voters(committee, start - tick)
    assert row.person_id in selectors.committee_voters(committee, start)
    assert row.person_id in selectors.committee_voters(committee, end - tick)
    assert row.person_id not in selectors.committee_voters(committee, end)


def test_arrears_of_the_session_remove_government_members_until_restored(committee,
                                                                         secretariat):
    french = add(committee, secretariat, "government")
    german = add(committee, secretariat, "government", iso2="DE")
    employer = add(committee, secretariat, "employers", person=PersonFactory(
        member_state=state("DE")))
    status = ArrearsStatus.objects.create(member_state=state("DE"), session=committee.session)
    voters = selectors.committee_voters(committee, OPENING)
    assert set(voters) == {french.person_id, employer.person_id}
    assert voters[french.person_id] == ("government", Fraction(1))
    status.vote_restored_on = (OPENING + DAY).date()
    status.save()
    assert german.person_id not in selectors.committee_voters(committee, OPENING)
    assert german.person_id in selectors.committee_voters(committee, OPENING + DAY)


def test_the_finance_committee_is_not_weighted(secretariat):
    finance = CommitteeFactory(kind="finance")
    compose(finance, secretariat, 3, 0, 0)
    assert {w for _g, w in selectors.committee_voters(finance, OPENING).values()} == {
        Fraction(1)}


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 7), st.integers(1, 5), st.integers(1, 5), st.integers(0, 2))
def test_weights_through_the_selector_give_equal_group_totals(secretariat, g, e, w, leaving):
    with transaction.atomic():
        committee = CommitteeFactory()
        compose(committee, secretariat, g, e, w)
        for membership in CommitteeMembership.objects.filter(
                committee=committee, group="government")[:min(leaving, g - 1)]:
            services.committee_member_remove(actor=secretariat, membership=membership,
                                             at=OPENING + DAY)
        for at in (OPENING, OPENING + DAY):
            totals = dict.fromkeys(GROUPS, Fraction(0))
            for group, weight in selectors.committee_voters(committee, at).values():
                totals[group] += weight
            assert len(set(totals.values())) == 1
            snapshot = selectors.weights_at(committee, at)
            assert {snapshot.totals()[group] for group in GROUPS} == {totals["government"]}
        transaction.set_rollback(True)


# --- changes and their dated snapshots ----------------------------------------------------------

def test_each_change_recomputes_and_publishes_dated_weights(committee, secretariat):
    compose(committee, secretariat, 2, 1, 1)
    assert WeightSnapshot.objects.filter(committee=committee).count() == 4
    first = selectors.weights_at(committee, OPENING)
    assert (first.government, first.government_votes, first.employers_votes) == (2, "1", "2")
    assert first.totals() == dict.fromkeys(GROUPS, Fraction(2))
    later = OPENING + DAY
    add(committee, secretariat, "government", at=later)
    second = selectors.weights_at(committee, later)
    assert second.effective_at == later
    assert (second.government, second.government_votes, second.employers_votes,
            second.workers_votes) == (3, "1", "3", "3")
    assert second.reason == "added" and second.published_at is not None
    # the weights in force before the change are still those of the first day
    assert selectors.weights_at(committee, later - dt.timedelta(seconds=1)).pk == first.pk
    leaving = CommitteeMembership.objects.filter(committee=committee, group="government").first()
    services.committee_member_remove(actor=secretariat, membership=leaving, at=later + DAY)
    third = selectors.weights_at(committee, later + DAY)
    assert (third.government, third.government_votes, third.reason) == (2, "1", "removed")
    leaving.refresh_from_db()
    assert leaving.valid_until == later + DAY
    assert ActionLogEntry.objects.filter(action="membership.weights.published").count() == 6
    assert ActionLogEntry.objects.filter(action="membership.committee_member.removed").exists()


def test_a_seat_change_closes_one_row_and_opens_another(committee, secretariat):
    regular = add(committee, secretariat, "government")
    add(committee, secretariat, "government", iso2="DE")
    successor = services.committee_member_change_seat(actor=secretariat, membership=regular,
                                                      at=OPENING + DAY, kind="deputy")
    regular.refresh_from_db()
    assert regular.valid_until == successor.valid_from == OPENING + DAY
    assert successor.kind == "deputy"
    assert regular.person_id in selectors.committee_voters(committee, OPENING)
    assert regular.person_id not in selectors.committee_voters(committee, OPENING + DAY)
    assert len(selectors.committee_changes(committee)) == 4


def test_a_deputy_votes_in_place_of_a_regular_member_once_recorded(committee, secretariat):
    regular = add(committee, secretariat, "government")
    add(committee, secretariat, "government", iso2="DE")
    deputy = add(committee, secretariat, "government", iso2="IT", kind="deputy")
    add(committee, secretariat, "employers")
    assert deputy.person_id not in selectors.committee_voters(committee, OPENING)
    services.committee_replacement_record(actor=secretariat, replaced=regular, deputy=deputy,
                                          at=OPENING + DAY)
    voters = selectors.committee_voters(committee, OPENING + DAY)
    assert regular.person_id not in voters
    assert voters[deputy.person_id] == ("government", Fraction(1))
    # leaving ends the replacement with it
    services.committee_member_remove(actor=secretariat, membership=regular,
                                     at=OPENING + 2 * DAY)
    assert deputy.person_id not in selectors.committee_voters(committee, OPENING + 2 * DAY)


def test_bad_input_is_refused_and_changes_nothing(committee, secretariat):
    person = PersonFactory()
    first = add(committee, secretariat, "government", person=person)
    before = WeightSnapshot.objects.count()
    with pytest.raises(ServiceError) as twice:
        add(committee, secretariat, "government", person=person, at=OPENING + DAY)
    assert twice.value.code == "already_member"
    with pytest.raises(ServiceError) as deputy:
        add(committee, secretariat, "workers", kind="deputy")
    assert deputy.value.code == "deputy_not_government"
    with pytest.raises(ServiceError) as no_state:
        services.committee_member_add(actor=secretariat, committee=committee,
                                      person=PersonFactory(), group="government", at=OPENING)
    assert no_state.value.field == "member_state"
    with pytest.raises(ServiceError) as early:
        services.committee_member_remove(actor=secretariat, membership=first,
                                         at=OPENING - DAY)
    assert early.value.code == "out_of_order"
    add(committee, secretariat, "employers", at=OPENING + DAY)
    with pytest.raises(ServiceError) as backdated:
        add(committee, secretariat, "workers", at=OPENING)
    assert backdated.value.code == "out_of_order"
    assert WeightSnapshot.objects.count() == before + 1
    with pytest.raises(PermissionDeniedError):
        add(committee, user_with_role(Role.OBSERVER), "workers", at=OPENING + 2 * DAY)


def test_a_member_drawn_from_a_nomination_takes_its_state_and_group(committee, secretariat):
    delegation = delegation_open(
        actor=secretariat, member_state=state("DE"), session=committee.session)
    nomination = nomination_add(
        actor=secretariat, delegation=delegation, group="employers", role="delegate",
        name="Hans Arbeitgeber", gender="m")
    membership = services.committee_member_add(
        actor=secretariat, committee=committee, person=nomination.person, group="employers",
        at=OPENING, nomination=nomination)
    assert membership.member_state == state("DE")
    other = nomination_add(
        actor=secretariat, delegation=delegation, group="workers", role="delegate",
        name="Greta Arbeiterin", gender="f")
    with pytest.raises(ServiceError) as mismatch:
        services.committee_member_add(actor=secretariat, committee=committee,
                                      person=other.person, group="employers", at=OPENING,
                                      nomination=other)
    assert mismatch.value.code == "group_mismatch"


# --- the Governing Body -------------------------------------------------------------------------

@pytest.fixture
def gb_session():
    return GoverningBodySessionFactory()


def gb_member(session, group="government", seat="titular", iso2="FR", **kwargs):
    return GoverningBodyMembershipFactory(
        meeting=session.meeting, group=group, seat=seat,
        member_state=state(iso2) if group == "government" else None, **kwargs)


def test_governing_body_voters_titular_members_with_the_arrears_rule(gb_session):
    at = gb_session.opens_at
    france = gb_member(gb_session)
    germany = gb_member(gb_session, iso2="DE")
    italy = gb_member(gb_session, seat="deputy", iso2="IT")
    employer = gb_member(gb_session, "employers")
    ended = gb_member(gb_session, iso2="JP", term_until=at.date())
    ArrearsStatus.objects.create(member_state=state("DE"), session=gb_session)
    voters = selectors.governing_body_voters(gb_session, at)
    assert voters == {france.person_id: "government", employer.person_id: "employers"}
    assert italy.person_id not in voters and ended.person_id not in voters
    assert germany.person_id not in voters
    CredentialsSettings.objects.create(session=gb_session, arrears_scope="delegation")
    ArrearsStatus.objects.create(member_state=state("FR"), session=gb_session)
    assert selectors.governing_body_voters(gb_session, at) == {
        employer.person_id: "employers"}


def test_a_deputy_replaces_an_absent_titular_member_when_recorded(gb_session, secretariat):
    at = gb_session.opens_at
    titular = gb_member(gb_session, "workers")
    deputy = gb_member(gb_session, "workers", seat="deputy")
    replacement = services.gb_replacement_record(
        actor=secretariat, session=gb_session, titular=titular, deputy=deputy,
        valid_from=at + dt.timedelta(hours=2))
    assert titular.person_id in selectors.governing_body_voters(gb_session, at)
    voters = selectors.governing_body_voters(gb_session, at + dt.timedelta(hours=2))
    assert deputy.person_id in voters and titular.person_id not in voters
    services.gb_replacement_end(actor=secretariat, replacement=replacement,
                                at=at + dt.timedelta(hours=5))
    voters = selectors.governing_body_voters(gb_session, at + dt.timedelta(hours=5))
    assert titular.person_id in voters and deputy.person_id not in voters
    assert replacement.recorded_by == secretariat


def test_a_deputy_of_a_state_in_arrears_cannot_replace(gb_session, secretariat):
    at = gb_session.opens_at
    titular = gb_member(gb_session)
    deputy = gb_member(gb_session, seat="deputy", iso2="DE")
    ArrearsStatus.objects.create(member_state=state("DE"), session=gb_session)
    services.gb_replacement_record(actor=secretariat, session=gb_session, titular=titular,
                                   deputy=deputy, valid_from=at)
    assert selectors.governing_body_voters(gb_session, at) == {}


def test_bad_governing_body_input_is_refused(gb_session, secretariat):
    at = gb_session.opens_at
    titular = gb_member(gb_session, "workers")
    employer_deputy = gb_member(gb_session, "employers", seat="deputy")
    worker_deputy = gb_member(gb_session, "workers", seat="deputy")
    with pytest.raises(ServiceError) as other_group:
        services.gb_replacement_record(actor=secretariat, session=gb_session, titular=titular,
                                       deputy=employer_deputy, valid_from=at)
    assert other_group.value.code == "other_group"
    with pytest.raises(ServiceError) as backwards:
        services.gb_replacement_record(actor=secretariat, session=gb_session, titular=titular,
                                       deputy=worker_deputy, valid_from=at, valid_until=at)
    assert backwards.value.code == "ends_before_start"
    services.gb_replacement_record(actor=secretariat, session=gb_session, titular=titular,
                                   deputy=worker_deputy, valid_from=at)
    with pytest.raises(ServiceError) as again:
        services.gb_replacement_record(actor=secretariat, session=gb_session, titular=titular,
                                       deputy=gb_member(gb_session, "workers", seat="deputy"),
                                       valid_from=at + DAY)
    assert again.value.code == "already_replaced"
    with pytest.raises(ServiceError) as twice:
        services.gb_member_add(actor=secretariat, meeting=gb_session.meeting,
                               person=titular.person, group="workers", seat="titular",
                               term_from=dt.date(2025, 1, 1))
    assert twice.value.code == "already_member"
    france = gb_member(gb_session)
    with pytest.raises(ServiceError) as state_seat:
        services.gb_member_add(actor=secretariat, meeting=gb_session.meeting,
                               person=PersonFactory(), group="government", seat="deputy",
                               member_state=france.member_state,
                               term_from=dt.date(2025, 1, 1))
    assert state_seat.value.code == "state_has_seat"
    with pytest.raises(ServiceError) as not_gb:
        services.gb_member_add(actor=secretariat, meeting=SessionFactory().meeting,
                               person=PersonFactory(), group="workers", seat="titular",
                               term_from=dt.date(2025, 1, 1))
    assert not_gb.value.code == "not_governing_body"
    with pytest.raises(ServiceError) as term:
        services.gb_member_add(actor=secretariat, meeting=gb_session.meeting,
                               person=PersonFactory(), group="workers", seat="titular",
                               term_from=dt.date(2025, 1, 1), term_until=dt.date(2024, 1, 1))
    assert term.value.code == "ends_before_start"
