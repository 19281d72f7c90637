"""The votes API: a whole vote from preparation to published result, a delegate's ballot
with the errors a client must be able to tell apart, and list query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api import client_for, send
from tests.factories import user_with_role
from tests.votes.factories import delegate_user, plenary, secretariat, vote
from tripartite.accounts.models import Role
from tripartite.votes import services
from tripartite.votes.models import Ballot

pytestmark = pytest.mark.django_db


def test_a_vote_from_preparation_to_published_result():
    item, delegates = plenary(("FR", "DE"))
    staff = client_for(secretariat())
    created = send(staff, "post", f"/api/sessions/{item.session_id}/votes", {
        "subject_en": "Final record vote", "subject_fr": "Vote final", "method": "record",
        "decision": "adopt_convention_or_recommendation", "agenda_item": item.pk})
    assert created.status_code == 201
    vote_id = created.json()["id"]
    assert (created.json()["state"], created.json()["majority"]) == ("draft", "two_thirds")
    opened = send(staff, "post", f"/api/votes/{vote_id}/open")
    assert (opened.json()["quorum"], opened.json()["quorum_base"]["total"]) == (4, 8)
    for iso2, choice in (("FR", "yes"), ("DE", "no")):
        for nomination in delegates[iso2]:
            response = send(client_for(delegate_user(nomination)), "post",
                            f"/api/votes/{vote_id}/ballots", {"choice": choice})
            assert response.status_code == 201, response.json()
            assert response.json()["choice"] == choice
    closed = send(staff, "post", f"/api/votes/{vote_id}/close").json()
    assert {key: closed[key] for key in ("yes", "no", "cast", "quorum", "required",
                                         "outcome")} == {
        "yes": "4", "no": "4", "cast": "8", "quorum": 4, "required": "6",
        "outcome": "rejected"}
    # The article of this decision, not every article that requires two-thirds.
    assert closed["explanation"][1]["provision"] == (
        "Constitution art. 19(2); ILC Standing Orders (2008) art. 21")
    # Not published: a delegate may not read it yet.
    reader = client_for(delegate_user(delegates["FR"][0]))
    assert send(reader, "get", f"/api/votes/{vote_id}/result").status_code == 403
    send(staff, "post", f"/api/votes/{vote_id}/publish")
    result = send(reader, "get", f"/api/votes/{vote_id}/result", HTTP_ACCEPT_LANGUAGE="fr")
    assert result.json()["published"] is True
    assert result.json()["outcome"] == "rejected"


def test_a_final_vote_cannot_be_prepared_as_a_simple_majority_show_of_hands():
    item, _ = plenary(("FR",))
    staff = client_for(secretariat())
    url = f"/api/sessions/{item.session_id}/votes"
    body = {"subject_en": "Final vote", "decision": "adopt_convention_or_recommendation",
            "agenda_item": item.pk}
    response = send(staff, "post", url, {**body, "method": "record", "majority": "simple"})
    assert (response.status_code, response.json()["code"]) == (400, "decision_requirement")
    assert "Constitution art. 19(2)" in response.json()["message"]
    response = send(staff, "post", url, {**body, "method": "show_of_hands"})
    assert (response.status_code, response.json()["code"]) == (400, "decision_requirement")
    assert "record vote" in response.json()["message"]


def test_ballot_errors_are_distinct_for_a_client():
    item, delegates = plenary(("FR",))
    staff = secretariat()
    draft = vote(item)
    voter = client_for(delegate_user(delegates["FR"][0]))
    url = f"/api/votes/{draft.pk}/ballots"
    response = send(voter, "post", url, {"choice": "yes"})
    assert (response.status_code, response.json()["code"]) == (409, "vote_not_open")
    services.vote_open(actor=staff, vote=draft)
    assert send(voter, "post", url, {"choice": "maybe"}).status_code == 422
    assert send(voter, "post", url, {"choice": "yes"}).status_code == 201
    again = send(voter, "post", url, {"choice": "no"})
    assert (again.status_code, again.json()["code"]) == (409, "already_voted")
    unlinked = send(client_for(user_with_role(Role.DELEGATE)), "post", url, {"choice": "no"})
    assert (unlinked.status_code, unlinked.json()["code"]) == (400, "no_person")
    services.vote_close(actor=staff, vote=draft)
    late = send(client_for(delegate_user(delegates["FR"][1])), "post", url, {"choice": "no"})
    assert (late.status_code, late.json()["code"]) == (409, "vote_closed")
    assert Ballot.objects.filter(vote=draft).count() == 1


def test_a_secret_ballot_answer_carries_no_choice():
    item, delegates = plenary(("FR",))
    v = services.vote_open(actor=secretariat(), vote=vote(item, method="secret"))
    response = send(client_for(delegate_user(delegates["FR"][0])), "post",
                    f"/api/votes/{v.pk}/ballots", {"choice": "no"})
    assert response.json() == {"vote": v.pk, "voter": delegates["FR"][0].person_id,
                               "cast_by": delegates["FR"][0].person_id, "secret": True,
                               "choice": None}


@pytest.mark.parametrize("page", ["api", "web"])
def test_the_list_of_votes_takes_the_same_queries_for_1_and_10_votes(client, page):
    item, _ = plenary(("FR",))
    user = secretariat()
    client.force_login(user)
    url = (f"/api/sessions/{item.session_id}/votes" if page == "api"
           else f"/votes/sessions/{item.session_id}/")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    vote(item)
    one = count()
    for n in range(9):
        v = services.vote_open(actor=user, vote=vote(item, subject_en=f"Vote {n}"))
        if n % 2:
            services.vote_close(actor=user, vote=v)
    assert count() == one


def test_a_ballot_costs_the_same_queries_however_large_the_delegation():
    """The ballot's rights check reads the voter's delegation in a fixed number of queries:
    none per member (each member's fields are read with the delegation, none deferred)."""
    from tests.votes.factories import delegation

    item, delegates = plenary(("FR",))
    delegates["DE"] = delegation(item.session, "DE", advisers=6)  # a larger delegation
    staff = secretariat()
    v = services.vote_open(actor=staff, vote=vote(item))

    def queries_for(nomination) -> list[str]:
        client = client_for(delegate_user(nomination))
        with CaptureQueriesContext(connection) as captured:
            answer = send(client, "post", f"/api/votes/{v.pk}/ballots", {"choice": "yes"})
        assert answer.status_code == 201, answer.json()
        return [q["sql"] for q in captured.captured_queries]

    small, large = queries_for(delegates["FR"][0]), queries_for(delegates["DE"][0])
    assert len(small) == len(large), large
    per_member = [sql for sql in large if '"delegations_nomination"."id" = ' in sql]
    assert per_member == []
    assert len(small) <= 20, small  # the login, the vote, the rights (one delegation), the ballot
