"""Objections and complaints before the Credentials Committee (CRED-3, CRED-4)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import EditConflictError, PermissionDeniedError, ServiceError
from tripartite.delegations.evaluation import objection_verdict
from tripartite.delegations.models import Delegation, Nomination, Objection
from tripartite.delegations.services.objections import objection_decide, objection_lodge

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def session():
    # Opens on Monday 1 June 2026 at 10:00 in Geneva: objections until Thursday 10:00.
    return SessionFactory(opens_at=dt.datetime(2026, 6, 1, 10, 0, tzinfo=GENEVA))


@pytest.fixture
def delegation(session):
    return Delegation.objects.create(member_state=state("DE"), session=session,
                                     status="received", received_on=dt.date(2026, 5, 1),
                                     submitted_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))


@pytest.fixture
def workers_delegate(delegation):
    return Nomination.objects.create(delegation=delegation, group="workers", role="delegate",
                                     person=PersonFactory(member_state=state("DE"),
                                                          name="Karl Arbeiter"))


@pytest.fixture
def member(client):
    user = user_with_role(Role.CREDENTIALS_COMMITTEE)
    client.force_login(user)
    return user


def lodge_form(delegation, nomination=None, **overrides):
    return {"kind": "objection", "delegation": delegation.pk,
            "nomination": nomination.pk if nomination else "",
            "lodged_by": "Confederation of Free Unions", "lodged_on": "2026-06-04",
            "lodged_time": "10:00", "revised_list_published_on": "",
            "summary": "The Workers' delegate was not chosen in agreement with the most "
                       "representative organization.", **overrides}


def test_an_objection_lodged_on_thursday_at_10_is_receivable(
        client, member, session, delegation, workers_delegate):
    url = reverse("delegations:committee_objections", args=[session.pk])
    response = client.post(url, lodge_form(delegation, workers_delegate))
    objection = Objection.objects.get()
    assert response["Location"] == reverse("delegations:committee_objection",
                                           args=[objection.pk])
    assert objection.lodged_at == dt.datetime(2026, 6, 4, 8, 0, tzinfo=dt.UTC)  # CEST
    assert objection.nomination == workers_delegate
    verdict = objection_verdict(objection)
    assert verdict.receivable is True
    assert verdict.deadline == dt.datetime(2026, 6, 4, 10, 0, tzinfo=GENEVA)
    page = client.get(url).content.decode()
    assert "Receivable" in page and "Irreceivable" not in page
    assert "4 June 2026, 10:00" in page  # shown in the session's time zone
    assert "Karl Arbeiter" in page
    entry = ActionLogEntry.objects.get(action="delegations.objection.lodged")
    assert (entry.actor, entry.data["receivable_by_rules"]) == (member, True)


def test_one_minute_later_it_is_irreceivable(client, member, session, delegation):
    client.post(reverse("delegations:committee_objections", args=[session.pk]),
                lodge_form(delegation, lodged_time="10:01"))
    objection = Objection.objects.get()
    response = client.get(reverse("delegations:committee_objection", args=[objection.pk]))
    assert response.context["verdict"].receivable is False
    page = response.content.decode()
    assert "Irreceivable: lodged on 2026-06-04 10:01 (local time)" in page
    assert "ILC Standing Orders (2008) art. 26bis" in page


def test_anonymous_authors_make_it_irreceivable(client, member, session, delegation):
    response = client.post(reverse("delegations:committee_objections", args=[session.pk]),
                           lodge_form(delegation, lodged_by="", authors_anonymous="on",
                                      lodged_on="2026-06-02"))
    assert response.status_code == 302
    verdict = objection_verdict(Objection.objects.get())
    assert verdict.receivable is False
    assert [f.message_in("en") for f in verdict.findings] == [
        "Irreceivable: the authors of the objection are anonymous."]


def test_48_hours_from_a_revised_list(client, member, session, delegation):
    """A revised list published on Wednesday 10:00: objections until Friday 10:00."""
    url = reverse("delegations:committee_objections", args=[session.pk])
    client.post(url, lodge_form(delegation, lodged_on="2026-06-05", lodged_time="10:00",
                                revised_list_published_on="2026-06-03"))
    client.post(url, lodge_form(delegation, lodged_on="2026-06-05", lodged_time="10:00"))
    first, second = Objection.objects.order_by("id")
    assert objection_verdict(first).receivable is True
    assert objection_verdict(second).receivable is False


def test_the_author_must_be_named_unless_anonymous(client, member, session, delegation):
    response = client.post(reverse("delegations:committee_objections", args=[session.pk]),
                           lodge_form(delegation, lodged_by=""))
    assert response.status_code == 200
    assert "Name who lodged it" in response.content.decode()
    assert not Objection.objects.exists()


def test_a_person_of_another_delegation_is_refused(client, member, session, delegation):
    french = Delegation.objects.create(member_state=state("FR"), session=session)
    stranger = Nomination.objects.create(delegation=french, group="government",
                                         role="delegate", person=PersonFactory())
    response = client.post(reverse("delegations:committee_objections", args=[session.pk]),
                           lodge_form(delegation, stranger))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Objection.objects.exists()


def test_choosing_a_delegation_lists_its_persons(client, member, session, delegation,
                                                 workers_delegate):
    url = reverse("delegations:committee_objections", args=[session.pk])
    assert "Karl Arbeiter" not in client.get(url).content.decode()
    response = client.get(url, {"delegation": delegation.pk}, HTTP_HX_REQUEST="true")
    assert "Karl Arbeiter — Workers, Delegate" in response.content.decode()


def test_the_committee_decides_and_cannot_examine_an_irreceivable_objection(
        client, member, session, delegation, workers_delegate):
    client.post(reverse("delegations:committee_objections", args=[session.pk]),
                lodge_form(delegation, workers_delegate, lodged_time="10:01"))
    objection = Objection.objects.get()
    url = reverse("delegations:committee_objection", args=[objection.pk])
    seen = client.get(url).context["form"].initial["seen_updated_at"]
    response = client.post(url, {"decision": "upheld", "decided_on": "2026-06-06",
                                 "decision_text": "Upheld.", "seen_updated_at": seen})
    assert response.status_code == 200
    assert "cannot examine its merits" in response.content.decode()
    objection.refresh_from_db()
    assert objection.decision == "pending"

    response = client.post(url, {"decision": "irreceivable", "decided_on": "2026-06-06",
                                 "decision_text": "Lodged after the time limit.",
                                 "seen_updated_at": seen})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.decision, objection.decided_on) == ("irreceivable", dt.date(2026, 6, 6))
    entry = ActionLogEntry.objects.get(action="delegations.objection.decided")
    assert entry.actor == member
    assert entry.data["decision"] == ["pending", "irreceivable"]
    assert entry.data["receivable_by_rules"] is False
    page = client.get(url).content.decode()
    assert "Lodged after the time limit." in page and "delegations.objection.decided" in page

    # A second member on the page opened before that decision gets the conflict.
    response = client.post(url, {"decision": "dismissed", "decided_on": "2026-06-07",
                                 "decision_text": "Dismissed.", "seen_updated_at": seen})
    assert "changed by someone else since you opened it" in response.content.decode()
    objection.refresh_from_db()
    assert objection.decision == "irreceivable"


def test_a_decision_needs_its_date_and_text(member, session, delegation):
    objection = objection_lodge(
        actor=member, session=session, delegation=delegation, lodged_by="A union",
        lodged_at=dt.datetime(2026, 6, 2, 9, tzinfo=GENEVA), summary="Not representative")
    with pytest.raises(ServiceError, match="date of the decision"):
        objection_decide(actor=member, objection=objection, decision="dismissed",
                         decision_text="No.")
    with pytest.raises(ServiceError, match="Write the decision"):
        objection_decide(actor=member, objection=objection, decision="dismissed",
                         decided_on=dt.date(2026, 6, 5))
    with pytest.raises(ServiceError, match="before the objection was lodged"):
        objection_decide(actor=member, objection=objection, decision="dismissed",
                         decided_on=dt.date(2026, 6, 1), decision_text="No.")
    seen = objection.updated_at
    objection_decide(actor=member, objection=objection, decision="dismissed",
                     decided_on=dt.date(2026, 6, 5), decision_text="No.",
                     seen_updated_at=seen)
    with pytest.raises(EditConflictError):
        objection_decide(actor=member, objection=objection, decision="upheld",
                         decided_on=dt.date(2026, 6, 5), decision_text="Yes.",
                         seen_updated_at=seen)


def test_a_complaint_is_left_to_the_committee(client, member, session, delegation):
    client.post(reverse("delegations:committee_objections", args=[session.pk]),
                lodge_form(delegation, kind="complaint", lodged_on="2026-06-10",
                           summary="Travel expenses of the Workers' delegate unpaid."))
    complaint = Objection.objects.get()
    assert objection_verdict(complaint) is None
    page = client.get(reverse("delegations:committee_objection",
                              args=[complaint.pk])).content.decode()
    assert "the rules set no time limit for complaints" in page
    objection_decide(actor=member, objection=complaint, decision="upheld",
                     decided_on=dt.date(2026, 6, 11), decision_text="Upheld.")
    complaint.refresh_from_db()
    assert complaint.decision == "upheld"


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.SENIOR_OFFICIAL, Role.MEETING_OFFICER])
def test_only_the_committee_and_the_secretariat_record_objections(client, session,
                                                                  delegation, role):
    user = user_with_role(role)
    with pytest.raises(PermissionDeniedError):
        objection_lodge(actor=user, session=session, delegation=delegation,
                        lodged_by="X", summary="Y",
                        lodged_at=dt.datetime(2026, 6, 2, tzinfo=dt.UTC))
    client.force_login(user)
    response = client.post(reverse("delegations:committee_objections", args=[session.pk]),
                           lodge_form(delegation))
    assert response.status_code == 403
    assert not Objection.objects.exists()


def test_a_senior_official_reads_the_objections_without_the_forms(client, session,
                                                                  delegation):
    objection_lodge(actor=user_with_role(Role.SECRETARIAT), session=session,
                    delegation=delegation, lodged_by="A union", summary="Y",
                    lodged_at=dt.datetime(2026, 6, 2, 9, tzinfo=GENEVA))
    client.force_login(user_with_role(Role.SENIOR_OFFICIAL))
    response = client.get(reverse("delegations:committee_objections", args=[session.pk]))
    assert response.status_code == 200 and response.context["form"] is None
    assert "A union" in response.content.decode()
