"""Each role's home page is its to-do list (site/selectors.py): what it has to act on,
linked, and in a number of queries that does not grow with the rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import GENEVA, SessionFactory, state, user_with_role
from tests.proposals.factories import START, make_proposal
from tests.votes.factories import delegate_user, plenary, vote
from tripartite.accounts.models import Role
from tripartite.delegations.models import DelegationQuery
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
)
from tripartite.proposals import services as proposal_services
from tripartite.votes.models import VoteState

pytestmark = pytest.mark.django_db

STATES = ("FR", "DE", "IT")


def coming_session():
    now = timezone.now().astimezone(GENEVA)
    return SessionFactory(opens_at=now + dt.timedelta(days=40),
                          closes_at=now + dt.timedelta(days=50))


def submitted_delegations(count):
    session, staff = coming_session(), user_with_role(Role.SECRETARIAT)
    delegations = []
    for iso2 in STATES[:count]:
        delegation = delegation_open(actor=staff, member_state=state(iso2), session=session)
        nomination_add(actor=staff, delegation=delegation, group="government",
                       role="delegate", name=f"Delegate of {iso2}", gender="f")
        delegation_submit(actor=staff, delegation=delegation)
        delegations.append(delegation)
    return delegations


def todo_of(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return {todo.key: todo for todo in response.context["todo"]}, response.content.decode()


def test_the_secretariat_sees_the_delegations_to_review_linked(client):
    delegations = submitted_delegations(2)
    todo, html = todo_of(client, user_with_role(Role.SECRETARIAT))
    assert list(todo) == ["review", "objections", "proposals", "letters"]
    assert [task.label for task in todo["review"].tasks] == [
        f"France — {delegations[0].session.title}", f"Germany — {delegations[0].session.title}"]
    assert f'href="{reverse("delegations:review_delegation", args=[delegations[0].pk])}"' \
        in html
    assert "No letter is awaiting a reply." in html


def test_the_focal_point_sees_the_offices_queries_and_the_deadline(client):
    [delegation] = submitted_delegations(1)
    DelegationQuery.objects.create(delegation=delegation, question="Which ministry?",
                                   asked_by=user_with_role(Role.SECRETARIAT))
    todo, html = todo_of(client, user_with_role(Role.FOCAL_POINT))
    assert [task.label for task in todo["queries"].tasks] == ["Which ministry?"]
    [deadline] = todo["deadlines"].tasks
    assert (deadline.label, deadline.detail) == (delegation.session.title, "Received")
    assert deadline.due == (delegation.session.local_opens_at.date() - dt.timedelta(days=21))


def test_a_group_secretariat_sees_the_proposals_awaiting_its_opinion(client):
    staff = user_with_role(Role.SECRETARIAT)
    proposal = make_proposal(title_en="Symposium on heat at work")
    proposal_services.proposal_submit(proposal=proposal, actor=staff,
                                      today=START - dt.timedelta(weeks=12))
    for to_state in ("under_review", "in_consultation"):
        proposal_services.proposal_transition(proposal=proposal, actor=staff,
                                              to_state=to_state)
    todo, _html = todo_of(client, user_with_role(Role.GROUP_SECRETARIAT, group="workers"))
    assert [task.label for task in todo["opinions"].tasks] == ["Symposium on heat at work"]
    proposal_services.consultation_record(proposal=proposal, actor=staff, group="workers",
                                          opinion="agrees", consulted_on=None)
    todo, _html = todo_of(client, user_with_role(Role.GROUP_SECRETARIAT, group="workers"))
    assert todo["opinions"].tasks == []


def test_a_delegate_sees_the_open_votes_and_whether_they_voted(client):
    item, delegates = plenary(("FR",))
    first = vote(item, subject_en="Adoption of the report", state=VoteState.OPEN,
                 opened_at=timezone.now())
    todo, html = todo_of(client, delegate_user(delegates["FR"][0]))
    assert [(task.label, task.url) for task in todo["votes"].tasks] == [
        ("Adoption of the report", reverse("votes:vote_ballot", args=[first.pk]))]
    assert todo["votes"].tasks[0].detail.startswith("Not voted yet.")
    assert list(todo) == ["votes", "documents"]


def test_the_committee_sees_the_objections_and_its_menu_leads_to_its_pages(client):
    todo, html = todo_of(client, user_with_role(Role.CREDENTIALS_COMMITTEE))
    assert list(todo) == ["objections"]
    assert f'href="{reverse("delegations:credentials_index")}"' in html


@pytest.mark.parametrize("role", [Role.MEETING_OFFICER, Role.OBSERVER])
def test_officers_and_observers_have_a_votes_link(client, role):
    client.force_login(user_with_role(role))
    html = client.get(reverse("home")).content.decode()
    assert f'<a href="{reverse("votes:index")}">Votes</a>' in html


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


def _rows_for(role):
    """A user of ``role`` and a function adding ``n`` more rows to each of their lists."""
    if role == "delegate":
        item, delegates = plenary(("FR",))

        def add(n):
            for _n in range(n):
                vote(item, state=VoteState.OPEN, opened_at=timezone.now())
        return delegate_user(delegates["FR"][0]), add
    session, staff = coming_session(), user_with_role(Role.SECRETARIAT)
    states = iter(STATES)

    def add(n):
        for _n in range(n):
            delegation = delegation_open(actor=staff, member_state=state(next(states)),
                                         session=session)
            nomination_add(actor=staff, delegation=delegation, group="government",
                           role="delegate", name="A delegate", gender="f")
            delegation_submit(actor=staff, delegation=delegation)
            DelegationQuery.objects.create(delegation=delegation, question="Which ministry?")
            proposal_services.proposal_submit(proposal=make_proposal(), actor=staff,
                                              today=START - dt.timedelta(weeks=12))
    user = user_with_role(Role.FOCAL_POINT if role == "focal_point" else Role.SECRETARIAT)
    return user, add


@pytest.mark.parametrize("role", ["secretariat", "focal_point", "delegate"])
def test_the_home_page_queries_do_not_grow_with_the_rows(client, role):
    user, add = _rows_for(role)
    add(1)
    one = _queries(client, user)
    add(2)
    three = _queries(client, user)
    assert one == three
