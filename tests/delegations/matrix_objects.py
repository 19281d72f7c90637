"""Objects the permission matrix needs for the delegations pages, by key.

The focal point in the matrix is France's: "own_*" objects are French, "other_*" German.
"""

import datetime as dt

from tests.factories import PersonFactory, state
from tripartite.delegations.models import (
    Delegation,
    DelegationQuery,
    Nomination,
    Objection,
    PublishedList,
)


def delegation_objects(session) -> dict:
    own = Delegation.objects.create(member_state=state("FR"), session=session,
                                    status="received", received_on=dt.date(2026, 5, 1),
                                    submitted_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    other = Delegation.objects.create(member_state=state("DE"), session=session)
    own_nomination = Nomination.objects.create(
        delegation=own, person=PersonFactory(member_state=state("FR")), group="government",
        role="delegate")
    other_nomination = Nomination.objects.create(
        delegation=other, person=PersonFactory(member_state=state("DE")), group="workers",
        role="delegate")
    query = DelegationQuery.objects.create(delegation=own, question="Which ministry?")
    objection = Objection.objects.create(
        session=session, delegation=other, nomination=other_nomination,
        lodged_at=dt.datetime(2026, 6, 2, 9, tzinfo=dt.UTC), summary="Not representative")
    published = PublishedList.objects.create(session=session, kind="provisional", rows=[])
    return {
        "delegation_session": {"session_pk": session.pk},
        # The portal's pages name a delegation by its session and its State.
        "own_portal": {"session_pk": session.pk, "iso2": "FR"},
        "other_portal": {"session_pk": session.pk, "iso2": "DE"},
        "published_list": {"pk": published.pk},
        "own_delegation": {"pk": own.pk},
        "other_delegation": {"pk": other.pk},
        "own_nomination": {"pk": own_nomination.pk},
        "other_nomination": {"pk": other_nomination.pk},
        "own_query": {"pk": query.pk},
        "objection": {"pk": objection.pk},
    }
