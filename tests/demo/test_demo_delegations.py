"""The demo's delegations to the 114th Session: varied enough for the rules to speak, the
same at every load, and France's left for its focal point to submit."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import F

from tests.once import kept_for_the_module
from tripartite.delegations import evaluation, selectors
from tripartite.delegations.models import (
    ArrearsStatus,
    Delegation,
    DelegationQuery,
    DelegationStatus,
    Nomination,
    Objection,
)
from tripartite.demo import loader
from tripartite.demo.clock import REFERENCE_DAY
from tripartite.meetings.models import Session

pytestmark = pytest.mark.django_db

MODELS = (Delegation, Nomination, Nomination.agenda_items.through, DelegationQuery,
          ArrearsStatus, Objection)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot() -> list[tuple]:
    """What the demo's delegations hold, by State and person rather than by id."""
    return sorted(Nomination.objects.values_list(
        "delegation__member_state__iso2", "delegation__status", "delegation__received_on",
        "person__email", "group", "role", "position", "adviser_to__person__email"))


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for the module's tests (tests/once.py), each test's changes undone."""
    with kept_for_the_module(django_db_blocker, tmp_path_factory):
        # On the demo's own day (demo/clock.py), so that its dates are the ones below.
        call_command("demo", scale="small", today=REFERENCE_DAY, stdout=io.StringIO())
        yield


@pytest.fixture
def session(_demo_once, db):
    return Session.objects.get(meeting__type="ilc", number="114")


def test_every_state_with_people_sends_a_delegation(session):
    delegations = Delegation.objects.filter(session=session)
    assert set(delegations.values_list("member_state__iso2", flat=True)) == set(
        loader.SMALL_SCALE_STATES)
    assert counts() == {"Delegation": 12, "Nomination": 123, "Nomination_agenda_items": 37,
                        "DelegationQuery": 1, "ArrearsStatus": 2, "Objection": 1}
    statuses = Counter(delegations.values_list("status", flat=True))
    assert statuses == {"not_received": 2, "received": 1, "under_review": 1, "query_sent": 1,
                        "accepted": 7}


def test_france_is_left_for_its_focal_point(session):
    france = Delegation.objects.get(session=session, member_state__iso2="FR")
    assert france.status == DelegationStatus.NOT_RECEIVED
    assert france.submitted_at is None and france.received_on is None
    assert Counter(france.nominations.values_list("group", "role")) == {
        ("government", "delegate"): 2, ("employers", "delegate"): 1}
    kenya = Delegation.objects.get(session=session, member_state__iso2="KE")
    assert kenya.nominations.filter(role="delegate").count() == 4


def test_submission_dates_agree(session):
    deadline = dt.date(2026, 5, 11)
    late = 0
    for delegation in Delegation.objects.filter(session=session):
        assert (delegation.submitted_at is None) == (delegation.received_on is None)
        assert (delegation.status == DelegationStatus.NOT_RECEIVED) == (
            delegation.submitted_at is None)
        if delegation.submitted_at:
            local = delegation.submitted_at.astimezone(session.zone).date()
            assert local == delegation.received_on
            late += delegation.received_on > deadline
        assert (delegation.accepted_at is not None) == (
            delegation.status == DelegationStatus.ACCEPTED)
    assert late == 1
    assert DelegationQuery.objects.filter(
        delegation__status=DelegationStatus.QUERY_SENT).count() == 1


def test_nobody_twice_and_advisers_follow_a_delegate_of_their_group(session):
    nominations = Nomination.objects.filter(delegation__session=session)
    pairs = Counter(nominations.values_list("delegation", "person"))
    assert set(pairs.values()) == {1}
    for adviser in nominations.filter(role="adviser").select_related("adviser_to", "person"):
        assert adviser.adviser_to.role == "delegate"
        assert adviser.adviser_to.group == adviser.group
        assert adviser.adviser_to.delegation_id == adviser.delegation_id
    assert not nominations.exclude(delegation__member_state=F("person__member_state")).exists()
    assert not nominations.filter(group="government", organisation__isnull=False).exists()
    assert not nominations.exclude(group="government").filter(organisation=None).exists()


def test_a_lone_employers_delegate_does_not_vote(session):
    arrears = selectors.arrears_by_state(session)
    settings = selectors.credentials_settings(session)
    lone = [d for d in Delegation.objects.filter(session=session)
            if set(d.nominations.filter(role="delegate").values_list("group", flat=True))
            == {"government", "employers"} and d.member_state.iso2 != "FR"]
    assert lone
    delegation = selectors.delegations_for_evaluation(session).get(pk=lone[0].pk)
    verdict = evaluation.evaluate(delegation, arrears=arrears.get(delegation.member_state_id),
                                  settings=settings)
    assert verdict.votes.as_dict()["employers"] == 0


def test_arrears_and_objections(session):
    arrears = ArrearsStatus.objects.filter(session=session).order_by("vote_restored_on")
    assert all(a.in_arrears for a in arrears)
    restored = [a for a in arrears if a.vote_restored_on]
    assert len(restored) == 1
    assert restored[0].vote_restored_on == dt.date(2026, 6, 2)
    assert restored[0].decision_reference == "ILC.114/Record No. 3"
    for objection in Objection.objects.filter(session=session):
        assert objection.summary
        assert objection.lodged_at.tzinfo and objection.lodged_at.month == 6
        assert objection.nomination.delegation_id == objection.delegation_id


def test_running_twice_changes_nothing(session):
    before, rows = counts(), snapshot()
    call_command("demo", scale="small", stdout=io.StringIO())
    assert counts() == before
    assert snapshot() == rows
