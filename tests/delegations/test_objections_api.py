"""The objections' procedure through the API: lodged, receivability decided by a divided
Committee and sent to the Conference, then the outcome and the Conference's decision."""

import datetime as dt

import pytest

from tests.api import client_for, send
from tests.factories import PersonFactory, SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.delegations.models import Delegation, Nomination

pytestmark = pytest.mark.django_db


def test_the_procedure_through_the_api():
    session = SessionFactory(opens_at=dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC))
    delegation = Delegation.objects.create(member_state=state("DE"), session=session)
    worker = Nomination.objects.create(delegation=delegation, group="workers",
                                       role="delegate", person=PersonFactory())
    member = client_for(user_with_role(Role.CREDENTIALS_COMMITTEE))
    lodged = send(member, "post", f"/api/sessions/{session.pk}/objections", {
        "delegation": delegation.pk, "nomination": worker.pk, "lodged_by": "A union",
        "lodged_at": "2026-06-04T08:01:00Z", "summary": "Not representative"})
    assert lodged.status_code == 201, lodged.json()
    body = lodged.json()
    assert (body["status"], body["advice"]["receivable"]) == ("pending", False)
    url = f"/api/objections/{body['id']}"
    divided = send(member, "post", f"{url}/receivability", {
        "receivable": True, "decided_on": "2026-06-05", "text": "Receivable by majority.",
        "positions": {"government": "for", "employers": "against", "workers": "for"},
        "minority_views": "Late."})
    assert divided.json()["status"] == "receivability_at_conference"
    assert divided.json()["decisions"][0]["unanimous"] is False
    wrong = send(member, "post", f"{url}/outcome", {
        "outcome": "no_action", "decided_on": "2026-06-06", "text": "No.",
        "positions": {"government": "for", "employers": "for", "workers": "for"}})
    assert (wrong.status_code, wrong.json()["code"]) == (409, "wrong_step")
    send(member, "post", f"{url}/conference-decision",
         {"result": "receivable", "decided_on": "2026-06-06"})
    decided = send(member, "post", f"{url}/outcome", {
        "outcome": "propose_invalidation", "decided_on": "2026-06-07", "text": "Invalidate.",
        "positions": {"government": "for", "employers": "for", "workers": None}})
    assert decided.json()["status"] == "at_conference"
    final = send(member, "post", f"{url}/conference-decision",
                 {"result": "adopted", "decided_on": "2026-06-08", "reference": "Record vote"})
    assert final.json()["status"] == "decided"
    assert [d["conference_decision"]["result"] for d in final.json()["decisions"]
            if d["to_conference"]] == ["receivable", "adopted"]
    worker.refresh_from_db()
    assert worker.admitted is False
    reader = client_for(user_with_role(Role.OBSERVER))
    assert send(reader, "get", url).status_code == 403
