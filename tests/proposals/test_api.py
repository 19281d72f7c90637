"""The proposals API: the same services and rules as the pages, JSON errors, scoping."""

import pytest

from tests.factories import user_with_role
from tests.proposals.factories import make_proposal, to_officers
from tripartite.accounts.models import Role
from tripartite.proposals import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_officer():
    return user_with_role(Role.UNIT_OFFICER, unit="SECTOR")


def test_a_unit_officer_drafts_and_sees_what_is_missing(client, unit_officer):
    client.force_login(unit_officer)
    response = client.post("/api/proposals", {
        "title_en": "Seminar on skills", "unit": "another unit", "country": "sn",
        "coverage": ["SN", "CI"], "financing": [
            {"source": "extra_budgetary", "amount": "1000", "currency": "EUR"}]},
        content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["unit"], body["country"], body["coverage"]) == ("SECTOR", "SN", ["CI", "SN"])
    assert body["missing"] == ["type", "purpose", "standards_relevance", "start", "end",
                               "place", "tripartite", "government", "employers", "workers",
                               "resource_persons", "resource_persons_women", "observers",
                               "responsible_officer", "concept_note"]
    assert "Financing 1 is extra-budgetary: name the donor." in [
        f["message"] for f in body["findings"]]
    refused = client.post(f"/api/proposals/{body['id']}/submit", {},
                          content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "incomplete"


@pytest.mark.parametrize(("body", "status", "text"), [
    ({"country": "XX"}, 422, "No member State has the code XX."),
    ({"start": "2027-05-10", "end": "2027-05-01"}, 400,
     "The meeting ends (1 May 2027) before it starts (10 May 2027)."),
    ({"financing": [{"source": "other", "amount": "-1", "currency": "USD"}]}, 400,
     "An amount cannot be negative: -1."),
    ({"financing": [{"source": "other", "amount": "1", "currency": "ZZZ"}]}, 400,
     "Unknown currency: ZZZ"),
    ({"colour": "blue"}, 422, "colour"),
])
def test_bad_input_is_a_json_error(client, unit_officer, body, status, text):
    client.force_login(unit_officer)
    response = client.post("/api/proposals", body, content_type="application/json")
    assert response.status_code == status
    assert text in response.content.decode()


def test_another_unit_can_neither_read_nor_change(client, unit_officer):
    proposal = make_proposal(unit_officer)
    client.force_login(user_with_role(Role.UNIT_OFFICER, unit="ILO Dakar"))
    assert client.get(f"/api/proposals/{proposal.pk}").status_code == 403
    response = client.patch(f"/api/proposals/{proposal.pk}", {"city": "Abidjan"},
                            content_type="application/json")
    assert response.status_code == 403
    assert client.get("/api/proposals").json() == []


def test_a_forbidden_move_is_a_409(client, unit_officer):
    proposal = make_proposal(unit_officer)
    client.force_login(user_with_role(Role.SECRETARIAT))
    response = client.post(f"/api/proposals/{proposal.pk}/transitions",
                           {"to_state": "in_consultation"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"


def test_approval_through_the_api_gives_the_session(client, unit_officer):
    secretariat = user_with_role(Role.SECRETARIAT)
    proposal = make_proposal(unit_officer)
    to_officers(proposal, secretariat)
    client.force_login(secretariat)
    response = client.post(f"/api/proposals/{proposal.pk}/decision", {
        "decision": "approved", "decided_on": selectors.today().isoformat()},
        content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "approved"
    assert client.get(f"/api/sessions/{body['session']}").json()["title_en"] == (
        "Workshop on minimum wages in West Africa")


def test_the_list_filters_by_state(client, unit_officer):
    make_proposal(unit_officer)
    client.force_login(unit_officer)
    assert [p["state"] for p in client.get("/api/proposals").json()] == ["draft"]
    assert client.get("/api/proposals?state=approved").json() == []
    assert client.get("/api/proposals?state=nonsense").status_code == 422
