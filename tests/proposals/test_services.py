"""Drafting, the pipeline's allowed and forbidden moves, consultation, the Officers' decision
and the calendar, the rules' settings: every write through the services."""

import datetime as dt

import pytest

from tests.factories import UserFactory, state, user_with_role
from tests.proposals.factories import (
    FINANCING,
    START,
    complete_fields,
    consult_both,
    make_proposal,
    to_officers,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.meetings.models import Session
from tripartite.proposals import selectors, services, workflow
from tripartite.proposals.models import MeetingProposal, ProposalRuleSetting, ProposalState

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_officer():
    return user_with_role(Role.UNIT_OFFICER, unit="SECTOR")


@pytest.fixture
def secretariat():
    return user_with_role(Role.SECRETARIAT)


def actions(proposal):
    return list(ActionLogEntry.objects.for_object(proposal).order_by("at", "id")
                .values_list("action", flat=True))


# --- drafting -------------------------------------------------------------------------------

def test_a_unit_officer_drafts_for_their_own_unit(unit_officer):
    proposal = make_proposal(unit_officer)
    assert (proposal.unit, proposal.state, proposal.created_by) == ("SECTOR", "draft",
                                                                    unit_officer)
    assert [f.currency for f in proposal.financing.all()] == ["USD", "EUR"]
    assert sorted(proposal.coverage.values_list("iso2", flat=True)) == ["CI", "ML", "SN"]
    assert actions(proposal) == ["proposals.proposal.created"]
    verdict = selectors.evaluate(selectors.proposals_with_facts().get(pk=proposal.pk),
                                 as_of=START - dt.timedelta(weeks=12))
    assert [f.rule for f in verdict.findings] == ["MTG-2-CONSULTED", "MTG-2-CONSULTED"]


def test_a_draft_with_missing_fields_is_saved_but_not_submitted(unit_officer):
    proposal = services.proposal_create(actor=unit_officer, title_en="Seminar on skills")
    assert MeetingProposal.objects.get(pk=proposal.pk).state == "draft"
    with pytest.raises(ServiceError) as refused:
        services.proposal_submit(proposal=proposal, actor=unit_officer)
    assert refused.value.code == "incomplete"
    assert refused.value.message.startswith(
        "The proposal cannot be submitted yet: Missing: type of meeting. Missing: purpose.")
    assert "Missing: concept note." in refused.value.message
    assert MeetingProposal.objects.get(pk=proposal.pk).state == "draft"


@pytest.mark.parametrize(("overrides", "financing", "field", "message"), [
    ({"end": START - dt.timedelta(days=1)}, None, "end",
     "The meeting ends (12 September 2027) before it starts (13 September 2027)."),
    ({}, [{"source": "other", "amount": "-10", "currency": "USD"}], "amount",
     "An amount cannot be negative: -10."),
    ({}, [{"source": "other", "amount": "10", "currency": "ECU"}], "currency",
     "Unknown currency: ECU (an ISO 4217 code such as USD, EUR or CHF is expected)."),
    ({"languages": ["fr", "klingon"]}, None, "languages",
     "Unknown language code: klingon (ISO 639-1, e.g. en, fr, es)."),
])
def test_bad_input_is_refused_and_nothing_is_saved(unit_officer, overrides, financing, field,
                                                   message):
    with pytest.raises(ServiceError) as refused:
        make_proposal(unit_officer, financing=financing, **overrides)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert MeetingProposal.objects.count() == 0


def test_someone_from_another_unit_cannot_edit_or_submit(unit_officer):
    proposal = make_proposal(unit_officer)
    other = user_with_role(Role.UNIT_OFFICER, unit="ILO Dakar")
    with pytest.raises(PermissionDeniedError):
        services.proposal_update(proposal=proposal, actor=other, changes={"city": "Abidjan"})
    with pytest.raises(PermissionDeniedError):
        services.proposal_submit(proposal=proposal, actor=other)
    assert MeetingProposal.objects.get(pk=proposal.pk).city == "Dakar"


def test_the_owner_edits_and_every_change_is_logged(unit_officer):
    proposal = make_proposal(unit_officer)
    services.proposal_update(proposal=proposal, actor=unit_officer,
                             changes={"city": "Saly", "workers": 6},
                             financing=FINANCING[:1], coverage=[state("SN")])
    proposal.refresh_from_db()
    assert proposal.city == "Saly"
    assert proposal.financing.count() == 1
    entries = ActionLogEntry.objects.for_object(proposal).filter(
        action="proposals.proposal.updated")
    logged = {key for entry in entries for key in entry.data}
    assert logged == {"city", "financing", "coverage"}


def test_an_edit_on_a_stale_page_is_refused(unit_officer):
    proposal = make_proposal(unit_officer)
    seen = proposal.updated_at
    services.proposal_update(proposal=proposal, actor=unit_officer, changes={"city": "Saly"})
    with pytest.raises(ServiceError) as refused:
        services.proposal_update(proposal=proposal, actor=unit_officer,
                                 changes={"city": "Thiès"}, seen_updated_at=seen)
    assert refused.value.code == "conflict"


def test_the_unit_cannot_edit_once_submitted_but_the_secretariat_can(unit_officer,
                                                                     secretariat):
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    with pytest.raises(PermissionDeniedError):
        services.proposal_update(proposal=proposal, actor=unit_officer, changes={"city": "X"})
    services.proposal_update(proposal=proposal, actor=secretariat, changes={"city": "Saly"})
    assert MeetingProposal.objects.get(pk=proposal.pk).city == "Saly"


# --- the workflow's table -------------------------------------------------------------------

def test_every_state_is_in_the_table_and_no_move_leads_back_to_draft():
    assert set(workflow.TRANSITIONS) == set(ProposalState.values)
    assert all(ProposalState.DRAFT not in moves for moves in workflow.TRANSITIONS.values())
    assert workflow.TRANSITIONS[ProposalState.NOT_APPROVED] == {}
    assert workflow.TRANSITIONS[ProposalState.REPORT_RECEIVED] == {}


def reachable_without(start, avoided):
    seen, todo = {start}, [start]
    while todo:
        for following in workflow.TRANSITIONS[todo.pop()]:
            if following not in seen and following != avoided:
                seen.add(following)
                todo.append(following)
    return seen


def test_approval_is_unreachable_without_review_consultation_and_the_officers():
    for step in (ProposalState.UNDER_REVIEW, ProposalState.IN_CONSULTATION,
                 ProposalState.WITH_OFFICERS):
        assert ProposalState.APPROVED not in reachable_without(ProposalState.DRAFT, step)


def test_cannot_approve_a_proposal_never_reviewed(unit_officer, secretariat):
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    with pytest.raises(ServiceError) as refused:
        services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                                 decided_on=selectors.today())
    assert refused.value.code == "transition_not_allowed"
    assert refused.value.status == 409
    with pytest.raises(ServiceError) as refused:
        services.batch_send_to_officers(actor=secretariat, proposals=[proposal],
                                        reference="B")
    assert refused.value.message == ("“Workshop on minimum wages in West Africa” is "
                                     "“Submitted”: it cannot go to the Officers.")
    assert MeetingProposal.objects.get(pk=proposal.pk).state == "submitted"


def test_cannot_go_back_from_approved_to_draft_or_returned(unit_officer, secretariat):
    proposal = make_proposal(unit_officer)
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today())
    for state_name in ("draft", "returned", "under_review"):
        with pytest.raises(ServiceError) as refused:
            services.proposal_transition(proposal=proposal, actor=secretariat,
                                         to_state=state_name, comment="Why not")
        assert refused.value.code == "transition_not_allowed", state_name
    with pytest.raises(ServiceError):
        services.proposal_submit(proposal=proposal, actor=unit_officer)
    assert MeetingProposal.objects.get(pk=proposal.pk).state == "approved"


def test_a_unit_officer_cannot_run_the_pipeline(unit_officer):
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    with pytest.raises(PermissionDeniedError):
        services.proposal_transition(proposal=proposal, actor=unit_officer,
                                     to_state="under_review")


def test_returned_for_changes_needs_a_comment_then_the_unit_resubmits(unit_officer,
                                                                      secretariat):
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    services.proposal_transition(proposal=proposal, actor=secretariat, to_state="under_review")
    with pytest.raises(ServiceError) as refused:
        services.proposal_transition(proposal=proposal, actor=secretariat, to_state="returned")
    assert refused.value.field == "comment"
    services.proposal_transition(proposal=proposal, actor=secretariat, to_state="returned",
                                 comment="Add the Workers' participants from Mali.")
    proposal.refresh_from_db()
    services.proposal_update(proposal=proposal, actor=unit_officer, changes={"workers": 6})
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert list(proposal.state_changes.values_list("to_state", flat=True)) == [
        "draft", "submitted", "under_review", "returned", "submitted"]
    assert list(proposal.state_changes.values_list("comment", flat=True))[3] == (
        "Add the Workers' participants from Mali.")


# --- consultation and the Officers ----------------------------------------------------------

def test_group_secretariats_give_their_own_groups_opinion_in_consultation(unit_officer,
                                                                          secretariat):
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    employers = user_with_role(Role.GROUP_SECRETARIAT, group="employers")
    workers = user_with_role(Role.GROUP_SECRETARIAT, group="workers")
    with pytest.raises(ServiceError) as refused:
        services.consultation_record(proposal=proposal, actor=employers, group="employers",
                                     opinion="agrees")
    assert refused.value.code == "not_in_consultation"
    services.proposal_transition(proposal=proposal, actor=secretariat, to_state="under_review")
    services.proposal_transition(proposal=proposal, actor=secretariat,
                                 to_state="in_consultation")
    with pytest.raises(PermissionDeniedError):
        services.consultation_record(proposal=proposal, actor=employers, group="workers",
                                     opinion="objects")
    services.consultation_record(proposal=proposal, actor=employers, group="employers",
                                 opinion="agrees_with_comments", comments="Invite IOE.")
    facts = selectors.proposal_facts(selectors.proposals_with_facts().get(pk=proposal.pk))
    assert (facts.consulted_employers, facts.consulted_workers) == (selectors.today(), None)
    with pytest.raises(ServiceError) as refused:
        services.batch_send_to_officers(actor=secretariat, proposals=[proposal],
                                        reference="B")
    assert refused.value.code == "not_ready"
    assert "Workers' group has not been consulted yet" in refused.value.message
    services.consultation_record(proposal=proposal, actor=workers, group="workers",
                                 opinion="agrees")
    batch = services.batch_send_to_officers(actor=secretariat, proposals=[proposal],
                                            reference="B")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.batch) == ("with_officers", batch)


def test_a_batch_is_all_or_nothing(unit_officer, secretariat):
    ready = make_proposal(unit_officer)
    to_consultation = make_proposal(unit_officer, title_en="Second workshop")
    for proposal in (ready, to_consultation):
        services.proposal_submit(proposal=proposal, actor=unit_officer,
                                 today=START - dt.timedelta(weeks=12))
        services.proposal_transition(proposal=proposal, actor=secretariat,
                                     to_state="under_review")
        services.proposal_transition(proposal=proposal, actor=secretariat,
                                     to_state="in_consultation")
    consult_both(ready, secretariat)
    with pytest.raises(ServiceError):
        services.batch_send_to_officers(actor=secretariat, proposals=[ready, to_consultation],
                                        reference="B")
    assert set(MeetingProposal.objects.values_list("state", flat=True)) == {"in_consultation"}


def test_approval_puts_the_meeting_in_the_calendar(unit_officer, secretariat):
    proposal = make_proposal(unit_officer)
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today(), reference="GB Officers, note 12")
    proposal.refresh_from_db()
    session = Session.objects.select_related("meeting").get(pk=proposal.session_id)
    assert (proposal.state, proposal.decision) == ("approved", "approved")
    assert session.meeting.type == "symposium"
    assert session.title_fr == "Atelier sur les salaires minima en Afrique de l'Ouest"
    assert session.time_zone == "Africa/Dakar"
    # Dakar is UTC+0: 09:00 and 18:00 local are 09:00 and 18:00 UTC.
    assert session.opens_at == dt.datetime(2027, 9, 13, 9, tzinfo=dt.UTC)
    assert session.closes_at == dt.datetime(2027, 9, 15, 18, tzinfo=dt.UTC)
    assert (session.city, session.country.iso2, session.working_languages) == (
        "Dakar", "SN", ["fr", "en"])
    assert "proposals.proposal.approved" in actions(proposal)


def test_an_online_meeting_is_online_in_each_language(unit_officer, secretariat):
    proposal = make_proposal(unit_officer, online=True, city="", country=None)
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today())
    proposal.refresh_from_db()
    session = Session.objects.get(pk=proposal.session_id)
    assert (session.city_en, session.city_fr, session.city_es) == ("Online", "En ligne",
                                                                   "En línea")


def test_a_deferred_decision_holds_the_proposal_for_a_later_batch(unit_officer, secretariat):
    proposal = make_proposal(unit_officer)
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="deferred",
                             decided_on=selectors.today())
    proposal.refresh_from_db()
    assert (proposal.state, proposal.session) == ("held", None)
    services.proposal_transition(proposal=proposal, actor=secretariat,
                                 to_state="in_consultation")
    services.batch_send_to_officers(actor=secretariat, proposals=[proposal], reference="B2")
    services.decision_record(proposal=proposal, actor=secretariat, decision="not_approved",
                             decided_on=selectors.today())
    proposal.refresh_from_db()
    assert proposal.state == "not_approved"
    assert Session.objects.count() == 0


def test_a_decision_in_the_future_or_before_sending_is_refused(unit_officer, secretariat):
    proposal = make_proposal(unit_officer)
    to_officers(proposal, secretariat)
    with pytest.raises(ServiceError) as refused:
        services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                                 decided_on=selectors.today() + dt.timedelta(days=1))
    assert refused.value.field == "decided_on"
    with pytest.raises(ServiceError) as refused:
        services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                                 decided_on=selectors.today() - dt.timedelta(days=1))
    assert refused.value.field == "decided_on"


def test_the_report_is_received_after_approval_only(unit_officer, secretariat):
    proposal = make_proposal(unit_officer)
    with pytest.raises(ServiceError):
        services.report_record(proposal=proposal, actor=secretariat,
                               received_on=selectors.today())
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today())
    services.report_record(proposal=proposal, actor=secretariat, received_on=selectors.today())
    assert MeetingProposal.objects.get(pk=proposal.pk).state == "report_received"


def test_time_in_each_state_follows_the_changes(unit_officer, secretariat):
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    proposal = selectors.proposal_for_detail(proposal.pk)
    changes = list(proposal.state_changes.all())
    spans = selectors.time_in_states(proposal, now=changes[-1].at + dt.timedelta(days=3))
    assert [state_name for state_name, _span in spans] == ["draft", "submitted"]
    assert spans[1][1] == dt.timedelta(days=3)


# --- the rules' settings --------------------------------------------------------------------

def test_the_secretariat_changes_a_rule_and_it_is_logged(unit_officer, secretariat):
    setting = ProposalRuleSetting.objects.get(rule="MTG-2-CONSULTED")
    services.rule_setting_update(setting=setting, actor=secretariat,
                                 changes={"severity": "warning"})
    entry = ActionLogEntry.objects.for_object(setting).get()
    assert (entry.action, entry.data) == ("proposals.rule_setting.updated",
                                          {"severity": ["error", "warning"]})
    proposal = make_proposal(unit_officer)
    verdict = selectors.evaluate(selectors.proposals_with_facts().get(pk=proposal.pk))
    assert verdict.ready_for_officers


def test_rule_parameters_are_checked_and_only_the_secretariat_changes_them(secretariat):
    lead = ProposalRuleSetting.objects.get(rule="MTG-3-LEAD-TIME")
    with pytest.raises(ServiceError):
        services.rule_setting_update(setting=lead, actor=secretariat,
                                     changes={"parameter": 200})
    with pytest.raises(ServiceError):
        services.rule_setting_update(
            setting=ProposalRuleSetting.objects.get(rule="MTG-3-LANGUAGE"), actor=secretariat,
            changes={"parameter": 3})
    with pytest.raises(PermissionDeniedError):
        services.rule_setting_update(setting=lead, actor=UserFactory(role=Role.OBSERVER),
                                     changes={"parameter": 4})
    services.rule_setting_update(setting=lead, actor=secretariat, changes={"parameter": 4})
    assert selectors.rule_settings()["MTG-3-LEAD-TIME"].parameter == 4


def test_the_data_migration_made_one_row_per_rule():
    from tripartite.rules import proposals as rules

    rows = {row.rule: (row.severity, row.parameter) for row in ProposalRuleSetting.objects.all()}
    assert rows == {rule: (str(s.severity), s.parameter)
                    for rule, s in rules.DEFAULT_SETTINGS.items()}


def test_complete_fields_fill_every_field_the_rules_need():
    assert "unit" not in complete_fields()


def test_a_change_in_the_admin_goes_through_the_service_and_is_logged(client):
    admin = user_with_role(Role.SECRETARIAT, is_staff=True, is_superuser=True)
    setting = ProposalRuleSetting.objects.get(rule="MTG-3-LEAD-TIME")
    client.force_login(admin)
    url = f"/admin/proposals/proposalrulesetting/{setting.pk}/change/"
    refused = client.post(url, {"enabled": "on", "severity": "error", "parameter": "500"})
    assert refused.status_code == 200
    assert "The parameter must be between 0 and 104." in refused.content.decode()
    response = client.post(url, {"enabled": "on", "severity": "warning", "parameter": "6"})
    assert response.status_code == 302
    setting.refresh_from_db()
    assert (setting.severity, setting.parameter) == ("warning", 6)
    entry = ActionLogEntry.objects.for_object(setting).get()
    assert (entry.actor, entry.data) == (admin, {"severity": ["error", "warning"],
                                                 "parameter": [8, 6]})
    assert client.post(f"/admin/proposals/proposalrulesetting/{setting.pk}/delete/"
                       ).status_code == 403
