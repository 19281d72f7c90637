"""The check made at the moment of voting (one delegation's verdict and the person's
registration) agrees with the whole session's list of registered voters, in every case the
rules distinguish."""

import datetime as dt

import pytest

from tests.factories import PersonFactory, state
from tests.votes.factories import delegation, plenary, register, vote
from tripartite.delegations.models import ArrearsStatus, Delegation, Nomination
from tripartite.registration.models import AttendanceSettings, Registration
from tripartite.votes import electorate

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 6, 5, 10, 0, tzinfo=dt.UTC)


def _every_case():
    item, delegates = plenary(("FR", "DE"))
    session = item.session
    # Departed before the moment, registered after it.
    Registration.objects.filter(nomination=delegates["FR"][1]).update(departed_at=AT)
    Registration.objects.filter(nomination=delegates["DE"][2]).update(
        registered_at=AT + dt.timedelta(hours=1))
    # A Member in arrears: its Government delegates lose the vote (CON-6).
    delegation(session, "IT")
    ArrearsStatus.objects.create(member_state=state("IT"), session=session, in_arrears=True)
    # No Workers' delegate: the Employers' delegate alone does not vote (CON-4).
    lone = Delegation.objects.create(member_state=state("ES"), session=session,
                                     status="accepted", received_on=dt.date(2026, 5, 1),
                                     submitted_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    for group in ("government", "employers"):
        register(Nomination.objects.create(
            delegation=lone, person=PersonFactory(member_state=state("ES")), group=group,
            role="delegate"))
    # Credentials not received; an adviser; a delegate never registered.
    delegation(session, "PT")
    Delegation.objects.filter(member_state__iso2="PT").update(status="not_received")
    delegation(session, "BE", advisers=1)
    delegation(session, "NL", registered=False)
    return item


@pytest.mark.parametrize("basis", ["desk", "accredited"])
def test_the_moment_check_agrees_with_the_session_list(basis):
    item = _every_case()
    AttendanceSettings.objects.update_or_create(session=item.session,
                                                defaults={"quorum_basis": basis})
    v = vote(item)
    everyone = electorate.electorate(v, AT)
    people = Nomination.objects.filter(delegation__session=item.session).values_list(
        "person_id", flat=True)
    one_by_one = {p: electorate.plenary_elector(item.session, p, AT) for p in people}
    assert {p: e for p, e in one_by_one.items() if e is not None} == everyone
    assert 0 < len(everyone) < len(one_by_one)
