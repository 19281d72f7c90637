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
from tripartite.delegations.services.objections import (
    objection_conference_decide,
    objection_decide_outcome,
    objection_decide_receivability,
    objection_lodge,
)

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


@pytest.fixture
def lodge(member, session, delegation):
    """Lodge an objection to the delegation through the service, in time (Tuesday 9:00, the
    time limit is Thursday 10:00); keywords change what is lodged."""
    def lodge(**overrides):
        return objection_lodge(**{
            "actor": member, "session": session, "delegation": delegation,
            "lodged_by": "A union", "lodged_at": dt.datetime(2026, 6, 2, 9, tzinfo=GENEVA),
            "summary": "Not representative", **overrides})
    return lodge


def found_receivable(objection, member):
    """The Committee, unanimous, finds the objection receivable (it is then examined)."""
    return objection_decide_receivability(actor=member, objection=objection, receivable=True,
                                          decided_on=dt.date(2026, 6, 3), text="Receivable.",
                                          positions=UNANIMOUS)


@pytest.fixture
def under_examination(lodge, member, workers_delegate):
    """An objection to the Workers' delegate, found receivable."""
    objection = lodge(nomination=workers_delegate)
    found_receivable(objection, member)
    return objection


@pytest.fixture
def lodge_page(client, member, session, delegation):
    """Lodge an objection to the delegation through the Committee's page (as a member of the
    Committee, unless the test logs in someone else): the response. Keywords change the
    form's fields."""
    url = reverse("delegations:committee_objections", args=[session.pk])
    return lambda nomination=None, **overrides: client.post(
        url, lodge_form(delegation, nomination, **overrides))


def lodge_form(delegation, nomination=None, **overrides):
    return {"kind": "objection", "delegation": delegation.pk,
            "nomination": nomination.pk if nomination else "",
            "lodged_by": "Confederation of Free Unions", "lodged_on": "2026-06-04",
            "lodged_time": "10:00", "revised_list_published_on": "",
            "summary": "The Workers' delegate was not chosen in agreement with the most "
                       "representative organization.", **overrides}


def test_an_objection_lodged_on_thursday_at_10_is_receivable(
        client, member, session, workers_delegate, lodge_page):
    response = lodge_page(workers_delegate)
    objection = Objection.objects.get()
    assert response["Location"] == reverse("delegations:committee_objection",
                                           args=[objection.pk])
    assert objection.lodged_at == dt.datetime(2026, 6, 4, 8, 0, tzinfo=dt.UTC)  # CEST
    assert objection.nomination == workers_delegate
    verdict = objection_verdict(objection)
    assert verdict.receivable is True
    assert verdict.deadline == dt.datetime(2026, 6, 4, 10, 0, tzinfo=GENEVA)
    page = client.get(reverse("delegations:committee_objections", args=[session.pk])
                      ).content.decode()
    assert "Receivable" in page and "Irreceivable" not in page
    assert "4 June 2026, 10:00" in page  # shown in the session's time zone
    assert "Karl Arbeiter" in page
    entry = ActionLogEntry.objects.get(action="delegations.objection.lodged")
    assert (entry.actor, entry.data["receivable_by_rules"]) == (member, True)


def test_one_minute_later_it_is_irreceivable(client, lodge_page):
    lodge_page(lodged_time="10:01")
    objection = Objection.objects.get()
    response = client.get(reverse("delegations:committee_objection", args=[objection.pk]))
    assert response.context["verdict"].receivable is False
    page = response.content.decode()
    assert "Irreceivable: lodged on 2026-06-04 10:01 (local time)" in page
    assert "ILC Standing Orders (2008) art. 26bis" in page


def test_anonymous_authors_make_it_irreceivable(lodge_page):
    response = lodge_page(lodged_by="", authors_anonymous="on", lodged_on="2026-06-02")
    assert response.status_code == 302
    verdict = objection_verdict(Objection.objects.get())
    assert verdict.receivable is False
    assert [f.message_in("en") for f in verdict.findings] == [
        "Irreceivable: the authors of the objection are anonymous."]


def test_48_hours_from_a_revised_list(lodge_page):
    """A revised list published on Wednesday 10:00: objections until Friday 10:00."""
    lodge_page(lodged_on="2026-06-05", lodged_time="10:00",
               revised_list_published_on="2026-06-03")
    lodge_page(lodged_on="2026-06-05", lodged_time="10:00")
    first, second = Objection.objects.order_by("id")
    assert objection_verdict(first).receivable is True
    assert objection_verdict(second).receivable is False


def test_the_author_must_be_named_unless_anonymous(lodge_page):
    response = lodge_page(lodged_by="")
    assert response.status_code == 200
    assert "Name who lodged it" in response.content.decode()
    assert not Objection.objects.exists()


def test_a_person_of_another_delegation_is_refused(session, lodge_page):
    french = Delegation.objects.create(member_state=state("FR"), session=session)
    stranger = Nomination.objects.create(delegation=french, group="government",
                                         role="delegate", person=PersonFactory())
    response = lodge_page(stranger)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Objection.objects.exists()


def test_choosing_a_delegation_lists_its_persons(client, member, session, delegation,
                                                 workers_delegate):
    url = reverse("delegations:committee_objections", args=[session.pk])
    assert "Karl Arbeiter" not in client.get(url).content.decode()
    response = client.get(url, {"delegation": delegation.pk}, HTTP_HX_REQUEST="true")
    assert "Karl Arbeiter — Workers, Delegate" in response.content.decode()


UNANIMOUS = {"government": "for", "employers": "for", "workers": "for"}
WORKER_AGAINST = {"government": "for", "employers": "for", "workers": "against"}


def step_form(step, seen, **values):
    form = {"step": step, "decided_on": "2026-06-06", "text": "The Committee's decision.",
            "government_position": "for", "employers_position": "for",
            "workers_position": "for", "minority_views": "", "seen_updated_at": seen}
    return {**form, **values}


def test_the_rules_advise_but_the_committee_decides_receivability_unanimously(
        client, member, workers_delegate, lodge_page):
    lodge_page(workers_delegate, lodged_time="10:01")
    objection = Objection.objects.get()
    url = reverse("delegations:committee_objection", args=[objection.pk])
    page = client.get(url)
    assert "Advice only: the Committee decides." in page.content.decode()
    seen = page.context["form"].initial["seen_updated_at"]
    # The rules advise irreceivable (one minute late); the Committee, unanimous, receives it.
    response = client.post(url, step_form("receivability", seen, receivable="yes",
                                          text="Lodged within the time limit as extended."))
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.status == "under_examination"
    decision = objection.committee_decisions.get()
    assert (decision.kind, decision.receivable, decision.unanimous,
            decision.to_conference) == ("receivability", True, True, False)
    entry = ActionLogEntry.objects.get(action="delegations.objection.receivability_decided")
    assert entry.actor == member
    assert entry.data["status"] == ["pending", "under_examination"]
    assert entry.data["receivable_by_rules"] is False
    assert entry.data["positions"] == UNANIMOUS
    page = client.get(url).content.decode()
    assert "Lodged within the time limit as extended." in page and "Unanimous" in page
    # A second member on the page opened before that decision gets the conflict.
    response = client.post(url, step_form("outcome", seen, outcome="no_action"))
    assert "changed by someone else since you opened it" in response.content.decode()


def test_a_divided_committee_sends_receivability_to_the_conference(
        member, workers_delegate, lodge):
    objection = lodge(nomination=workers_delegate)
    decision = objection_decide_receivability(
        actor=member, objection=objection, receivable=False, decided_on=dt.date(2026, 6, 3),
        text="Irreceivable by majority.", positions=WORKER_AGAINST,
        minority_views="The Worker member considered it receivable.")
    objection.refresh_from_db()
    assert objection.status == "receivability_at_conference"
    assert (decision.unanimous, decision.to_conference) == (False, True)
    with pytest.raises(ServiceError) as error:  # the Committee cannot go on meanwhile
        objection_decide_outcome(actor=member, objection=objection, outcome="no_action",
                                 decided_on=dt.date(2026, 6, 4), text="No.",
                                 positions=UNANIMOUS)
    assert error.value.code == "wrong_step"
    with pytest.raises(ServiceError, match="Choose one of the decisions"):
        objection_conference_decide(actor=member, objection=objection, result="adopted",
                                    decided_on=dt.date(2026, 6, 5))
    objection_conference_decide(actor=member, objection=objection, result="receivable",
                                decided_on=dt.date(2026, 6, 5),
                                reference="Provisional Record No. 4")
    objection.refresh_from_db()
    assert objection.status == "under_examination"
    assert decision.conference_decision.result == "receivable"


@pytest.mark.parametrize(("outcome", "status"), [
    ("no_action", "decided"),
    ("request_information", "under_examination"),
    ("follow_up", "at_conference"),
    ("referral", "decided"),
    ("recommendation", "decided"),
    ("propose_invalidation", "at_conference"),
])
def test_each_outcome_of_the_committee(member, under_examination, outcome, status):
    objection = under_examination
    decision = objection_decide_outcome(
        actor=member, objection=objection, outcome=outcome, decided_on=dt.date(2026, 6, 6),
        text="Observations of the Committee.", positions=WORKER_AGAINST)
    objection.refresh_from_db()
    assert objection.status == status
    assert (decision.outcome, decision.unanimous) == (outcome, False)
    entry = ActionLogEntry.objects.get(action="delegations.objection.outcome_decided")
    assert entry.data["status"] == ["under_examination", status]


def test_a_proposal_to_invalidate_adopted_by_the_conference_refuses_admission(
        member, workers_delegate, under_examination):
    objection = under_examination
    objection_decide_outcome(actor=member, objection=objection,
                             outcome="propose_invalidation", decided_on=dt.date(2026, 6, 6),
                             text="Proposes to invalidate.", positions=UNANIMOUS)
    with pytest.raises(ServiceError, match="before the Committee referred"):
        objection_conference_decide(actor=member, objection=objection, result="adopted",
                                    decided_on=dt.date(2026, 6, 5))
    objection_conference_decide(actor=member, objection=objection, result="adopted",
                                decided_on=dt.date(2026, 6, 8),
                                reference="Record vote, two-thirds reached")
    workers_delegate.refresh_from_db()
    objection.refresh_from_db()
    assert (workers_delegate.admitted, objection.status) == (False, "decided")
    entry = ActionLogEntry.objects.get(action="delegations.nomination.admission_refused")
    assert entry.data["provision"] == "Constitution art. 3(9)"


def test_the_committee_page_offers_the_conference_vote_on_a_proposal_to_invalidate(
        client, member, under_examination):
    objection = under_examination
    objection_decide_outcome(actor=member, objection=objection,
                             outcome="propose_invalidation", decided_on=dt.date(2026, 6, 6),
                             text="Proposes to invalidate.", positions=WORKER_AGAINST)
    page = client.get(reverse("delegations:committee_objection", args=[objection.pk]))
    html = page.content.decode()
    assert "Sent to the Conference: its decision is awaited." in html
    assert "?decision=refuse_credentials" in html
    assert [value for value, _ in page.context["form"].fields["result"].choices] == [
        "adopted", "rejected"]


def test_an_outcome_needs_two_members_and_an_invalidation_names_a_person(member, lodge):
    objection = lodge(summary="No Workers' delegate")
    found_receivable(objection, member)
    with pytest.raises(ServiceError) as error:
        objection_decide_outcome(actor=member, objection=objection, outcome="no_action",
                                 decided_on=dt.date(2026, 6, 6), text="No.",
                                 positions={"government": "for", "employers": "against",
                                            "workers": ""})
    assert error.value.code == "no_majority"
    with pytest.raises(ServiceError, match="names no delegate or adviser"):
        objection_decide_outcome(actor=member, objection=objection,
                                 outcome="propose_invalidation",
                                 decided_on=dt.date(2026, 6, 6), text="No.",
                                 positions=UNANIMOUS)


def test_a_decision_needs_its_date_and_text(member, lodge):
    objection = lodge()
    values = {"actor": member, "objection": objection, "receivable": True,
              "positions": UNANIMOUS}
    with pytest.raises(ServiceError, match="date of the decision"):
        objection_decide_receivability(**values, decided_on=None, text="No.")
    with pytest.raises(ServiceError, match="Write the decision"):
        objection_decide_receivability(**values, decided_on=dt.date(2026, 6, 5), text=" ")
    with pytest.raises(ServiceError, match="before the objection was lodged"):
        objection_decide_receivability(**values, decided_on=dt.date(2026, 6, 1), text="No.")
    seen = objection.updated_at
    objection_decide_receivability(**values, decided_on=dt.date(2026, 6, 5), text="Yes.",
                                   seen_updated_at=seen)
    with pytest.raises(EditConflictError):
        objection_decide_outcome(actor=member, objection=objection, outcome="no_action",
                                 decided_on=dt.date(2026, 6, 5), text="No.",
                                 positions=UNANIMOUS, seen_updated_at=seen)


def test_a_complaint_is_left_to_the_committee(client, member, lodge_page):
    lodge_page(kind="complaint", lodged_on="2026-06-10",
               summary="Travel expenses of the Workers' delegate unpaid.")
    complaint = Objection.objects.get()
    assert objection_verdict(complaint) is None
    page = client.get(reverse("delegations:committee_objection",
                              args=[complaint.pk])).content.decode()
    assert "the rules set no time limit for complaints" in page
    objection_decide_receivability(actor=member, objection=complaint, receivable=True,
                                   decided_on=dt.date(2026, 6, 11), text="Receivable.",
                                   positions=UNANIMOUS)
    objection_decide_outcome(actor=member, objection=complaint, outcome="recommendation",
                             decided_on=dt.date(2026, 6, 11), text="Pay the expenses.",
                             positions=UNANIMOUS)
    complaint.refresh_from_db()
    assert complaint.status == "decided"


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.SENIOR_OFFICIAL, Role.MEETING_OFFICER])
def test_only_the_committee_and_the_secretariat_record_objections(client, role, lodge,
                                                                  lodge_page):
    user = user_with_role(role)
    with pytest.raises(PermissionDeniedError):
        lodge(actor=user)
    client.force_login(user)
    response = lodge_page()
    assert response.status_code == 403
    assert not Objection.objects.exists()


def test_a_senior_official_reads_the_objections_without_the_forms(client, session, lodge):
    lodge(actor=user_with_role(Role.SECRETARIAT), summary="Y")
    client.force_login(user_with_role(Role.SENIOR_OFFICIAL))
    response = client.get(reverse("delegations:committee_objections", args=[session.pk]))
    assert response.status_code == 200 and response.context["form"] is None
    assert "A union" in response.content.decode()


def test_the_page_gives_the_time_limit_of_each_list_from_the_one_rule(client, member, session):
    """The provisional list's limit, and each revised list's (48 hours from 10:00 on the day
    it was published), computed by rules.objections.objection_deadline, cited."""
    from tripartite.delegations.models import PublishedList

    revised = PublishedList.objects.create(session=session, kind="revised", number=1)
    PublishedList.objects.filter(pk=revised.pk).update(
        published_at=dt.datetime(2026, 6, 3, 9, 30, tzinfo=GENEVA))
    url = reverse("delegations:committee_objections", args=[session.pk])
    page = client.get(url).content.decode()
    assert "Based on the provisional list: receivable until Thursday 4 June 2026, 10:00" in page
    assert "Based on revised list No. 1: receivable until Friday 5 June 2026, 10:00" in page
    assert "ILC Standing Orders (2008) art. 26bis(1)(a)" in page
    member.language = "fr"
    member.save(update_fields=["language"])
    client.cookies["tripartite_language"] = "fr"
    page = client.get(url).content.decode()
    assert "Fondées sur la liste révisée n° 1 : recevables jusqu’au vendredi 5 juin 2026" in page
