"""The membership API: list, add and end committee memberships, weights at a date, the
Governing Body's members and replacements."""

import pytest

from tests.factories import PersonFactory, state, user_with_role
from tests.membership.factories import (
    CommitteeFactory,
    GoverningBodyMembershipFactory,
    GoverningBodySessionFactory,
)
from tripartite.accounts.models import Role
from tripartite.delegations.models import ArrearsStatus
from tripartite.delegations.services.nominations import delegation_open, nomination_add
from tripartite.membership.models import CommitteeMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    user = user_with_role(Role.SECRETARIAT)
    client.force_login(user)
    return user


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def test_add_members_read_the_weights_at_a_date_and_end_a_membership(client, secretariat):
    committee = CommitteeFactory()
    base = f"/api/committees/{committee.pk}"
    delegation = delegation_open(
        actor=secretariat, member_state=state("DE"), session=committee.session)
    nomination = nomination_add(
        actor=secretariat, delegation=delegation, group="government", role="delegate",
        name="Hans Weber", gender="m")
    added = post(client, f"{base}/memberships", {"nomination": nomination.pk,
                                                  "at": "2026-06-02T10:00:00+02:00"})
    assert added.status_code == 201
    assert added.json()["member_state"] == "DE" and added.json()["group"] == "government"
    for group in ("government", "government", "employers", "workers"):
        response = post(client, f"{base}/memberships", {
            "person": PersonFactory().pk, "group": group,
            "member_state": "FR" if group == "government" else None,
            "at": "2026-06-02T10:00:00+02:00"})
        assert response.status_code == 201, response.json()
    weights = client.get(f"{base}/weights", {"at": "2026-06-02T10:00:00+02:00"}).json()
    assert weights["counts"] == {"government": 3, "employers": 1, "workers": 1}
    assert weights["votes"] == {"government": "1", "employers": "3", "workers": "3"}
    assert weights["totals"] == {"government": "3", "employers": "3", "workers": "3"}
    assert weights["published"]["effective_at"] == "2026-06-02T08:00:00Z"
    assert weights["published_matches"] is True
    ended = post(client, f"/api/committee-memberships/{added.json()['id']}/end",
                 {"at": "2026-06-04T10:00:00+02:00"})
    assert ended.status_code == 200 and ended.json()["valid_until"] is not None
    before = client.get(f"{base}/weights", {"at": "2026-06-04T09:59:59+02:00"}).json()
    after = client.get(f"{base}/weights", {"at": "2026-06-04T10:00:00+02:00"}).json()
    assert before["counts"]["government"] == 3 and after["counts"]["government"] == 2
    assert after["votes"] == {"government": "1", "employers": "2", "workers": "2"}
    history = client.get(f"{base}/memberships").json()
    current = client.get(f"{base}/memberships", {"at": "2026-06-04T10:00:00+02:00"}).json()
    assert len(history) == 5 and len(current) == 4
    snapshots = client.get(f"{base}/weight-snapshots").json()
    assert [s["reason"] for s in snapshots][:2] == ["removed", "added"]


def test_bad_input_answers_a_json_error_naming_the_cause(client, secretariat):
    committee = CommitteeFactory()
    base = f"/api/committees/{committee.pk}/memberships"
    person = PersonFactory()
    body = {"person": person.pk, "group": "workers", "at": "2026-06-02T10:00:00+02:00"}
    assert post(client, base, body).status_code == 201
    twice = post(client, base, body)
    assert twice.status_code == 400
    assert twice.json()["code"] == "already_member"
    deputy = post(client, base, {**body, "person": PersonFactory().pk, "kind": "deputy"})
    assert deputy.json()["code"] == "deputy_not_government"
    unknown = post(client, base, {**body, "person": 1_000_000_000})
    assert unknown.status_code == 422
    end = post(client, f"/api/committee-memberships/{CommitteeMembership.objects.get().pk}/end",
               {"at": "2026-06-01T10:00:00+02:00"})
    assert end.json()["code"] == "out_of_order"
    assert CommitteeMembership.objects.count() == 1


def test_governing_body_members_and_a_replacement(client, secretariat):
    session = GoverningBodySessionFactory()
    france = GoverningBodyMembershipFactory(meeting=session.meeting)
    germany = GoverningBodyMembershipFactory(meeting=session.meeting, member_state=state("DE"))
    titular = GoverningBodyMembershipFactory(meeting=session.meeting, group="workers")
    deputy = GoverningBodyMembershipFactory(meeting=session.meeting, group="workers",
                                            seat="deputy")
    ArrearsStatus.objects.create(member_state=state("DE"), session=session)
    response = post(client, f"/api/sessions/{session.pk}/governing-body-replacements", {
        "titular": titular.pk, "deputy": deputy.pk, "valid_from": "2026-06-15T10:00:00+02:00"})
    assert response.status_code == 201
    members = {m["id"]: m for m in client.get(
        f"/api/sessions/{session.pk}/governing-body-members",
        {"at": "2026-06-15T12:00:00+02:00"}).json()}
    assert members[france.pk]["votes"] is True
    assert members[germany.pk]["without_vote"] == "arrears"
    assert members[titular.pk]["without_vote"] == "replaced"
    assert members[deputy.pk]["in_place_of"] == titular.person_id
    other = post(client, f"/api/sessions/{session.pk}/governing-body-replacements", {
        "titular": france.pk, "deputy": deputy.pk, "valid_from": "2026-06-15T10:00:00+02:00"})
    assert other.json()["code"] == "other_group"


def test_a_session_that_is_not_of_the_governing_body_is_refused(client, secretariat):
    committee = CommitteeFactory()
    response = client.get(f"/api/sessions/{committee.session_id}/governing-body-members")
    assert response.status_code == 422
