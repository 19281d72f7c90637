"""The demo's committee and Governing Body membership: drawn from the nominations, dated
changes, published weights that agree with the rules, the 357th Session's members."""

from collections import Counter

import pytest

from tests.once import kept_for_the_module
from tripartite.delegations.models import ArrearsStatus
from tripartite.demo import loader
from tripartite.meetings.models import Committee, Session
from tripartite.membership import selectors
from tripartite.membership.models import (
    CommitteeMembership,
    CommitteeReplacement,
    GoverningBodyMembership,
    GoverningBodyReplacement,
    WeightSnapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for the module's tests (tests/once.py), each test's changes undone."""
    with kept_for_the_module(django_db_blocker, tmp_path_factory):
        result = loader.load_demo(scale="small")
        assert result.loaded, result.message
        yield result


@pytest.fixture
def demo(_demo_once, db):
    return _demo_once


def test_committee_members_come_from_the_ilc_nominations_with_later_changes(demo):
    ilc = Session.objects.get(meeting__type="ilc", number="114")
    rows = CommitteeMembership.objects.filter(committee__session=ilc)
    assert rows.count() == demo.counts["committee members"] > 0
    drawn = rows.exclude(nomination__isnull=True)
    assert drawn.count() >= rows.count() - 3  # the Credentials Committee's officers aside
    assert all(m.nomination.delegation.session_id == ilc.pk and m.nomination.group == m.group
               for m in drawn.select_related("nomination__delegation"))
    later = rows.filter(valid_from__gt=ilc.opens_at)
    assert later.exists() and rows.filter(valid_until__isnull=False).exists()
    assert CommitteeReplacement.objects.filter(committee__session=ilc).count() == 1


def test_published_weights_agree_with_the_rules_and_give_equal_totals(demo):
    for committee in Committee.objects.filter(memberships__isnull=False).distinct():
        snapshots = list(WeightSnapshot.objects.filter(committee=committee))
        assert snapshots, committee
        for snapshot in snapshots:
            now = selectors.committee_voters(committee, snapshot.effective_at)
            assert snapshot.voters == {str(p): [g, str(w)] for p, (g, w) in now.items()}
            non_empty = {total for group, total in snapshot.totals().items()
                         if getattr(snapshot, group)}
            if snapshot.weighted:
                assert len(non_empty) == 1, (committee, snapshot)
    cas = Committee.objects.get(name_en="Committee on the Application of Standards")
    moments = WeightSnapshot.objects.filter(committee=cas).values_list("effective_at", flat=True)
    assert len({m.date() for m in moments}) == 3  # the opening, the second and third days


def test_the_357th_session_has_titular_and_deputy_members_and_one_replacement(demo):
    gb = Session.objects.get(meeting__type="gb", number="357")
    seats = Counter(GoverningBodyMembership.objects.filter(meeting=gb.meeting)
                    .values_list("seat", "group"))
    assert seats[("titular", "employers")] > 0 and seats[("deputy", "workers")] > 0
    assert seats[("titular", "government")] >= 5
    replacement = GoverningBodyReplacement.objects.get(session=gb)
    voters = selectors.governing_body_voters(gb, gb.opens_at)
    assert replacement.deputy.person_id in voters
    assert replacement.titular.person_id not in voters
    totals = Counter(voters.values())
    assert totals["government"] == seats[("titular", "government")]
    assert totals["employers"] == seats[("titular", "employers")]
    # a State put in arrears for the session loses its Government seat's vote
    seat = GoverningBodyMembership.objects.filter(meeting=gb.meeting, seat="titular",
                                                  group="government").first()
    ArrearsStatus.objects.create(session=gb, member_state=seat.member_state)
    assert seat.person_id not in selectors.governing_body_voters(gb, gb.opens_at)
