import datetime as dt

import pytest

from tests.factories import (
    AgendaItemFactory,
    OrganisationFactory,
    SessionFactory,
    state,
    user_with_role,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.delegations import evaluation, selectors
from tripartite.delegations.models import CredentialsSettings, DelegationStatus, Nomination
from tripartite.delegations.services.credentials import (
    arrears_set,
    delegation_accept,
    delegation_query_send,
    delegation_start_review,
)
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_query_answer,
    delegation_submit,
    nomination_add,
    nomination_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = SessionFactory()
    AgendaItemFactory(session=session, number="I", technical=False)
    AgendaItemFactory(session=session, number="IV", technical=True)
    AgendaItemFactory(session=session, number="V", technical=True)
    return session


@pytest.fixture
def focal():
    return user_with_role(Role.FOCAL_POINT)  # France


@pytest.fixture
def delegation(session, focal):
    return delegation_open(actor=focal, member_state=state("FR"), session=session)


def nominate(delegation, actor, group, role="delegate", name=None, gender="f", **kwargs):
    return nomination_add(actor=actor, delegation=delegation, group=group, role=role,
                          name=name or f"{group} {role} {gender}", gender=gender,
                          **kwargs)


def evaluated(delegation):
    fresh = selectors.delegations_for_evaluation(delegation.session).get(pk=delegation.pk)
    arrears = selectors.arrears_by_state(delegation.session).get(delegation.member_state_id)
    return evaluation.evaluate(fresh, arrears=arrears,
                               settings=selectors.credentials_settings(delegation.session))


def test_a_focal_point_nominates_a_full_delegation_that_votes_2_1_1(delegation, focal):
    employers = OrganisationFactory(member_state=state("FR"), kind="employers")
    nominate(delegation, focal, "government", name="Marie Curie")
    nominate(delegation, focal, "government", name="Jean Jaurès", gender="m")
    nominate(delegation, focal, "employers", organisation=employers)
    nominate(delegation, focal, "workers", gender="m")
    verdict = evaluated(delegation)
    assert (verdict.votes.government, verdict.votes.employers, verdict.votes.workers) == (2, 1, 1)
    assert len(verdict.voters) == 4


def test_a_lone_employers_delegate_sits_but_does_not_vote(delegation, focal):
    """Constitution art. 4(2): G1, G2, E nominated, W missing → E does not vote."""
    nominate(delegation, focal, "government")
    nominate(delegation, focal, "government", gender="m")
    employer = nominate(delegation, focal, "employers")
    verdict = evaluated(delegation)
    assert (verdict.votes.government, verdict.votes.employers) == (2, 0)
    assert employer.pk not in verdict.voters
    assert "Constitution art. 4(2)" in {f.provision for f in verdict.findings}


def test_arrears_remove_the_government_votes_unless_restored(delegation, focal, session):
    secretariat = user_with_role(Role.SECRETARIAT)
    for group in ("government", "employers", "workers"):
        nominate(delegation, focal, group)
    arrears_set(actor=secretariat, member_state=state("FR"), session=session,
                in_arrears=True)
    votes = evaluated(delegation).votes
    assert (votes.government, votes.employers, votes.workers) == (0, 1, 1)
    CredentialsSettings.objects.create(session=session, arrears_scope="delegation")
    votes = evaluated(delegation).votes
    assert (votes.government, votes.employers, votes.workers) == (0, 0, 0)
    arrears_set(actor=secretariat, member_state=state("FR"), session=session,
                in_arrears=True, vote_restored_on=dt.date(2026, 6, 3),
                decision_reference="ILC.114/Record No. 4")
    votes = evaluated(delegation).votes
    assert (votes.government, votes.employers, votes.workers) == (1, 1, 1)


def test_advisers_are_limited_to_two_per_technical_agenda_item(delegation, focal, session):
    delegate = nominate(delegation, focal, "government")
    items = list(session.agenda_items.filter(technical=True))
    for n in range(3):
        nominate(delegation, focal, "government", role="adviser", name=f"Adviser {n}",
                 adviser_to=delegate, agenda_items=[items[0]])
    findings = [f for f in evaluated(delegation).findings if f.rule == "CON-2"]
    assert findings and findings[0].severity == "error"


def test_the_same_person_twice_is_refused(delegation, focal):
    first = nominate(delegation, focal, "government", name="Ana")
    with pytest.raises(ServiceError, match="already in this delegation"):
        nomination_add(actor=focal, delegation=delegation, group="government",
                       role="adviser", name="", gender="f", person=first.person)
    assert Nomination.objects.count() == 1


def test_a_focal_point_cannot_touch_another_states_delegation(session, focal):
    with pytest.raises(PermissionDeniedError):
        delegation_open(actor=focal, member_state=state("DE"), session=session)
    german = delegation_open(actor=user_with_role(Role.SECRETARIAT),
                             member_state=state("DE"), session=session)
    with pytest.raises(PermissionDeniedError):
        nominate(german, focal, "government")


def test_submission_review_query_answer_and_acceptance(delegation, focal):
    nominate(delegation, focal, "government")
    delegation_submit(actor=focal, delegation=delegation)
    assert delegation.status == DelegationStatus.RECEIVED and delegation.received_on
    officer = user_with_role(Role.SECRETARIAT)
    delegation_start_review(actor=officer, delegation=delegation)
    query = delegation_query_send(actor=officer, delegation=delegation,
                                  question="Please send the signed letter.")
    assert delegation.status == DelegationStatus.QUERY_SENT
    delegation_query_answer(actor=focal, query=query, answer="Uploaded today.")
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.UNDER_REVIEW
    delegation_accept(actor=officer, delegation=delegation)
    assert delegation.status == DelegationStatus.ACCEPTED
    actions = list(ActionLogEntry.objects.for_object(delegation).order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["delegations.delegation.opened", "delegations.nomination.added",
                       "delegations.delegation.submitted",
                       "delegations.delegation.review_started", "delegations.query.sent",
                       "delegations.query.answered", "delegations.delegation.accepted"]


def test_changes_after_submission_are_amendments(delegation, focal):
    first = nominate(delegation, focal, "government")
    delegation_submit(actor=focal, delegation=delegation)
    added = nominate(delegation, focal, "workers")
    nomination_withdraw(actor=focal, nomination=first)
    first.refresh_from_db()
    assert (added.added_in_amendment, first.withdrawn_in_amendment) == (1, 1)
    delegation_submit(actor=focal, delegation=delegation)
    assert delegation.amendment == 1
    assert evaluated(delegation).voters == ()  # a lone Workers' delegate does not vote


def test_an_empty_delegation_cannot_be_submitted(delegation, focal):
    with pytest.raises(ServiceError):
        delegation_submit(actor=focal, delegation=delegation)
    assert delegation.status == DelegationStatus.NOT_RECEIVED


def test_a_second_officer_working_on_a_stale_copy_gets_a_conflict(delegation, focal):
    nominate(delegation, focal, "government")
    delegation_submit(actor=focal, delegation=delegation)
    seen = delegation.updated_at
    officer = user_with_role(Role.SECRETARIAT)
    delegation_start_review(actor=officer, delegation=delegation,
                            seen_updated_at=seen)
    from tripartite.common.services import EditConflictError
    from tripartite.delegations.services.credentials import (
        delegation_accept,
    )

    stale = type(delegation).objects.get(pk=delegation.pk)
    with pytest.raises(EditConflictError):
        delegation_accept(actor=user_with_role(Role.SECRETARIAT), delegation=stale,
                          seen_updated_at=seen)


def test_late_credentials_are_flagged(delegation, focal):
    nominate(delegation, focal, "government")
    delegation_submit(actor=focal, delegation=delegation)
    delegation.received_on = dt.date(2026, 5, 20)  # the session opens on 1 June 2026
    delegation.save()
    assert "CRED-1" in {f.rule for f in evaluated(delegation).findings if f.severity ==
                        "warning"}


def test_evaluating_every_delegation_takes_a_fixed_number_of_queries(
        session, focal, django_assert_num_queries):
    secretariat = user_with_role(Role.SECRETARIAT)
    for iso in ("FR", "DE", "KE"):
        d = delegation_open(actor=secretariat, member_state=state(iso),
                            session=session)
        nominate(d, secretariat, "government", name=f"G {iso}")
        nominate(d, secretariat, "workers", name=f"W {iso}")
    with django_assert_num_queries(6):
        delegations = list(selectors.delegations_for_evaluation(session))
        arrears = selectors.arrears_by_state(session)
        settings = selectors.credentials_settings(session)
        for d in delegations:
            evaluation.evaluate(d, arrears=arrears.get(d.member_state_id), settings=settings)


def test_the_visible_delegations_count_nominations_and_queries_separately(delegation, focal):
    nominate(delegation, focal, "government", name="A")
    nominate(delegation, focal, "government", name="B")
    officer = user_with_role(Role.SECRETARIAT)
    delegation_submit(actor=focal, delegation=delegation)
    for question in ("One?", "Two?", "Three?"):
        delegation_query_send(actor=officer, delegation=delegation, question=question)
    row = selectors.delegations_visible_to(officer, delegation.session).get()
    assert (row.nomination_count, row.open_queries) == (2, 3)
