"""Objections and complaints before the Credentials Committee, in the Standing Orders' steps.

1. Lodged: recorded with the rules' advice on receivability (CRED-3, ``objection_receivable``:
   72 hours from 10:00 on the opening day in the session's time zone, 48 hours from 10:00 on
   the day a revised list is published; anonymous authors, authors who are advisers to the
   delegate objected to, facts the Conference already found irrelevant).
2. The Committee decides receivability, each member's vote recorded: unanimous, its decision
   is final; divided, the question goes to the Conference (``rules.credentials_committee``).
3. The Committee decides the outcome of a receivable objection by a majority of its members:
   a proposal to invalidate credentials or a follow-up goes to the Conference; a request for
   information keeps it under examination; no action, a referral, a recommendation close it.
4. The Conference's decision on what was sent to it is recorded; a proposal to invalidate
   credentials, adopted (by two-thirds, Constitution art. 3(9)), refuses the person's
   admission.

Complaints (non-payment of expenses, delegates prevented from attending) have no time limit
in the rules (``ilo-rules.md`` CRED-4: UNCONFIRMED), so their receivability is the Committee's.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import Role, User
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    check_not_stale,
    log_action,
)
from tripartite.common.text import current_language
from tripartite.delegations import permissions, tasks
from tripartite.delegations.evaluation import objection_verdict
from tripartite.delegations.models import (
    CommitteeDecision,
    CommitteeDecisionKind,
    ConferenceDecision,
    ConferenceResult,
    Delegation,
    MemberPosition,
    Nomination,
    Objection,
    ObjectionKind,
    ObjectionOutcome,
    ObjectionStatus,
)
from tripartite.jobs.notifications import notify
from tripartite.meetings.models import Session
from tripartite.rules import credentials_committee as committee_rules
from tripartite.rules import objections as rules
from tripartite.rules.findings import Finding


def _require_committee(actor: User) -> None:
    if not permissions.can_decide_objections(actor):
        raise PermissionDeniedError


def _verdict_for_log(verdict: rules.ObjectionVerdict | None) -> dict[str, object]:
    if verdict is None:
        return {"receivable_by_rules": None}
    return {"receivable_by_rules": verdict.receivable,
            "deadline": verdict.deadline.isoformat(),
            "rules": [finding.as_dict("en") for finding in verdict.findings]}


@transaction.atomic
def objection_lodge(*, actor: User, session: Session, delegation: Delegation, summary: str,
                    lodged_at: dt.datetime,
                    kind: str = ObjectionKind.OBJECTION, nomination: Nomination | None = None,
                    lodged_by: str = "",
                    authors_anonymous: bool = False,
                    author_is_adviser_to_delegate: bool = False,
                    same_facts_found_irrelevant: bool = False,
                    revised_list_published_on: dt.date | None = None) -> Objection:
    """Record an objection or complaint received by the Committee, with the rules' verdict."""
    _require_committee(actor)
    if delegation.session_id != session.pk:
        raise ServiceError(_("This delegation is not one of the session's."),
                           field="delegation")
    if nomination is not None and (nomination.delegation_id != delegation.pk
                                   or nomination.withdrawn_in_amendment is not None):
        raise ServiceError(_("Choose a person of the delegation objected to."),
                           field="nomination")
    summary, lodged_by = summary.strip(), lodged_by.strip()
    if not summary:
        raise ServiceError(_("Summarize the objection or complaint."), field="summary",
                           code="required")
    if not authors_anonymous and not lodged_by:
        raise ServiceError(_("Name who lodged it, or record that the authors are anonymous."),
                           field="lodged_by", code="required")
    if lodged_at.utcoffset() is None:
        raise ServiceError(_("The time of lodging needs a time zone."), field="lodged_at")
    opening = session.local_opens_at.date()
    if revised_list_published_on is not None and revised_list_published_on < opening:
        raise ServiceError(_("A revised list cannot be published before the opening."),
                           field="revised_list_published_on")
    objection = Objection(
        session=session, kind=kind, delegation=delegation, nomination=nomination,
        lodged_by=lodged_by, authors_anonymous=authors_anonymous,
        author_is_adviser_to_delegate=author_is_adviser_to_delegate,
        same_facts_found_irrelevant=same_facts_found_irrelevant, lodged_at=lodged_at,
        revised_list_published_on=revised_list_published_on, summary=summary)
    objection.full_clean()
    objection.save()
    log_action(actor=actor, action="delegations.objection.lodged", obj=objection, data={
        "kind": kind, "delegation": delegation.pk,
        "nomination": nomination.pk if nomination else None, "lodged_by": lodged_by,
        "authors_anonymous": authors_anonymous,
        "author_is_adviser_to_delegate": author_is_adviser_to_delegate,
        "same_facts_found_irrelevant": same_facts_found_irrelevant,
        "lodged_at": lodged_at.isoformat(),
        "revised_list_published_on": revised_list_published_on,
        **_verdict_for_log(objection_verdict(objection)),
    })
    # The Committee's members are asked to decide its receivability (by mail, once committed).
    notify(User.objects.filter(role=Role.CREDENTIALS_COMMITTEE), tasks.mail_objection_lodged,
           objection.pk, exclude=actor)
    return objection


GROUPS = ("government", "employers", "workers")


def _committee_vote(positions: dict[str, str]) -> committee_rules.CommitteeVote:
    """Each member's vote from {group: "for" | "against" | ""} ("": did not take part)."""
    values = {}
    for group in GROUPS:
        position = positions.get(group) or ""
        if position and position not in MemberPosition.values:
            raise ServiceError(_("Unknown position."), field=f"{group}_position")
        values[group] = committee_rules.Position(position) if position else None
    return committee_rules.CommitteeVote(**values)


def _checked_decision(objection: Objection, decided_on: dt.date | None, text: str) -> str:
    text = (text or "").strip()
    if decided_on is None:
        raise ServiceError(_("Give the date of the decision."), field="decided_on",
                           code="required")
    if decided_on < objection.lodged_at.astimezone(objection.session.zone).date():
        raise ServiceError(_("The decision cannot be dated before the objection was "
                             "lodged."), field="decided_on")
    if not text:
        raise ServiceError(_("Write the decision."), field="text", code="required")
    return text


def _require_status(objection: Objection, *statuses: str) -> None:
    if objection.status not in statuses:
        raise ServiceError(
            _("This step does not follow from where the objection stands: %(status)s.")
            % {"status": objection.get_status_display()}, code="wrong_step", status=409)


def _findings_for_log(findings: tuple[Finding, ...]) -> list[dict[str, str]]:
    return [finding.as_dict("en") for finding in findings]


def _record(actor: User, objection: Objection, *, kind: str, decided_on: dt.date, text: str,
            vote: committee_rules.CommitteeVote, minority_views: str,
            decision: committee_rules.CommitteeDecision, receivable: bool | None = None,
            outcome: str = "") -> CommitteeDecision:
    positions = vote.positions()
    recorded = CommitteeDecision(
        objection=objection, kind=kind, receivable=receivable, outcome=outcome,
        decided_on=decided_on, text=text, minority_views=(minority_views or "").strip(),
        government_position=positions["government"] or "",
        employers_position=positions["employers"] or "",
        workers_position=positions["workers"] or "", unanimous=decision.unanimous,
        to_conference=decision.to_conference, recorded_by=actor)
    recorded.full_clean()
    recorded.save()
    return recorded


def _set_status(objection: Objection, status: str) -> list[str]:
    old = objection.status
    objection.status = status
    objection.save(update_fields=["status", "updated_at"])
    return [old, status]


@transaction.atomic
def objection_decide_receivability(*, actor: User, objection: Objection, receivable: bool,
                                   decided_on: dt.date | None, text: str,
                                   positions: dict[str, str], minority_views: str = "",
                                   seen_updated_at: dt.datetime | None = None
                                   ) -> CommitteeDecision:
    """The Committee's decision on receivability, with each member's vote. Unanimous, it is
    final (irreceivable, or receivable and under examination); divided, the question goes to
    the Conference (ILC Standing Orders art. 26bis). The rules' advice on the time limits
    and grounds is logged beside it, never imposed."""
    _require_committee(actor)
    check_not_stale(objection, seen_updated_at)
    _require_status(objection, ObjectionStatus.PENDING)
    text = _checked_decision(objection, decided_on, text)
    assert decided_on is not None
    vote = _committee_vote(positions)
    decision = committee_rules.receivability_decision(receivable=receivable, vote=vote)
    recorded = _record(actor, objection, kind=CommitteeDecisionKind.RECEIVABILITY,
                       decided_on=decided_on, text=text, vote=vote,
                       minority_views=minority_views, decision=decision,
                       receivable=receivable)
    if decision.to_conference:
        status = ObjectionStatus.RECEIVABILITY_AT_CONFERENCE
    else:
        status = (ObjectionStatus.UNDER_EXAMINATION if receivable
                  else ObjectionStatus.IRRECEIVABLE)
    log_action(actor=actor, action="delegations.objection.receivability_decided",
               obj=objection, data={
                   "decision": recorded.pk, "receivable": receivable,
                   "decided_on": decided_on.isoformat(), "positions": vote_for_log(vote),
                   "unanimous": decision.unanimous, "to_conference": decision.to_conference,
                   "status": _set_status(objection, status),
                   "committee_rules": _findings_for_log(decision.findings),
                   **_verdict_for_log(objection_verdict(objection))})
    return recorded


def vote_for_log(vote: committee_rules.CommitteeVote) -> dict[str, str]:
    return {group: str(position or "") for group, position in vote.positions().items()}


@transaction.atomic
def objection_decide_outcome(*, actor: User, objection: Objection, outcome: str,
                             decided_on: dt.date | None, text: str,
                             positions: dict[str, str], minority_views: str = "",
                             seen_updated_at: dt.datetime | None = None) -> CommitteeDecision:
    """The Committee's decision on a receivable objection or complaint, adopted by at least
    two of its three members. A proposal to invalidate credentials (it must name the person)
    and a follow-up at the next session go to the Conference; a request for information keeps
    the objection under examination; the other outcomes close it."""
    _require_committee(actor)
    check_not_stale(objection, seen_updated_at)
    _require_status(objection, ObjectionStatus.UNDER_EXAMINATION)
    if outcome not in ObjectionOutcome.values:
        raise ServiceError(_("Unknown outcome."), field="outcome")
    text = _checked_decision(objection, decided_on, text)
    assert decided_on is not None
    if outcome == ObjectionOutcome.PROPOSE_INVALIDATION and objection.nomination_id is None:
        raise ServiceError(_("Credentials are invalidated person by person: this objection "
                             "names no delegate or adviser."), field="outcome")
    vote = _committee_vote(positions)
    decision = committee_rules.outcome_decision(outcome, vote=vote)
    if not decision.adopted:
        raise ServiceError(decision.findings[0].message_in(current_language()),
                           field="government_position", code="no_majority")
    recorded = _record(actor, objection, kind=CommitteeDecisionKind.OUTCOME,
                       decided_on=decided_on, text=text, vote=vote,
                       minority_views=minority_views, decision=decision, outcome=outcome)
    if decision.to_conference:
        status = ObjectionStatus.AT_CONFERENCE
    elif outcome == ObjectionOutcome.REQUEST_INFORMATION:
        status = ObjectionStatus.UNDER_EXAMINATION
    else:
        status = ObjectionStatus.DECIDED
    log_action(actor=actor, action="delegations.objection.outcome_decided", obj=objection,
               data={"decision": recorded.pk, "outcome": outcome,
                     "decided_on": decided_on.isoformat(), "positions": vote_for_log(vote),
                     "unanimous": decision.unanimous, "to_conference": decision.to_conference,
                     "status": _set_status(objection, status),
                     "committee_rules": _findings_for_log(decision.findings)})
    return recorded


RESULTS: dict[str, tuple[str, ...]] = {
    ObjectionStatus.RECEIVABILITY_AT_CONFERENCE: (ConferenceResult.RECEIVABLE,
                                                  ConferenceResult.IRRECEIVABLE),
    ObjectionStatus.AT_CONFERENCE: (ConferenceResult.ADOPTED, ConferenceResult.REJECTED),
}


@transaction.atomic
def objection_conference_decide(*, actor: User, objection: Objection, result: str,
                                decided_on: dt.date | None, reference: str = "",
                                seen_updated_at: dt.datetime | None = None
                                ) -> ConferenceDecision:
    """Record the Conference's decision on what the Committee sent it. On receivability: the
    objection is then examined, or irreceivable. On a proposal: adopted, a proposal to
    invalidate credentials refuses the person's admission (Constitution art. 3(9), decided by
    two-thirds of the votes cast), which takes their vote away (art. 4(3))."""
    _require_committee(actor)
    check_not_stale(objection, seen_updated_at)
    _require_status(objection, *RESULTS)
    if result not in RESULTS[objection.status]:
        raise ServiceError(_("Choose one of the decisions the Conference can take on this "
                             "question."), field="result")
    if decided_on is None:
        raise ServiceError(_("Give the date of the decision."), field="decided_on",
                           code="required")
    referred = objection.committee_decisions.filter(to_conference=True).order_by(
        "-decided_on", "-id").first()
    if referred is None or hasattr(referred, "conference_decision"):
        raise ServiceError(_("No question of this objection awaits the Conference."),
                           code="wrong_step", status=409)
    if decided_on < referred.decided_on:
        raise ServiceError(_("The Conference cannot decide before the Committee referred "
                             "the question."), field="decided_on")
    decision = ConferenceDecision(committee_decision=referred, result=result,
                                  decided_on=decided_on, reference=(reference or "").strip(),
                                  recorded_by=actor)
    decision.full_clean()
    decision.save()
    refused = None
    if result == ConferenceResult.RECEIVABLE:
        status = ObjectionStatus.UNDER_EXAMINATION
    elif result == ConferenceResult.IRRECEIVABLE:
        status = ObjectionStatus.IRRECEIVABLE
    else:
        status = ObjectionStatus.DECIDED
        if (result == ConferenceResult.ADOPTED
                and referred.outcome == ObjectionOutcome.PROPOSE_INVALIDATION):
            refused = _refuse_admission(actor, objection, decision)
    log_action(actor=actor, action="delegations.objection.conference_decided", obj=objection,
               data={"decision": decision.pk, "on": referred.kind, "result": result,
                     "decided_on": decided_on.isoformat(), "reference": decision.reference,
                     "status": _set_status(objection, status),
                     "admission_refused": refused})
    return decision


def _refuse_admission(actor: User, objection: Objection, decision: ConferenceDecision) -> int:
    assert objection.nomination_id is not None  # checked when the proposal was decided
    nomination = Nomination.objects.select_for_update().get(pk=objection.nomination_id)
    nomination.admitted = False
    nomination.save(update_fields=["admitted", "updated_at"])
    log_action(actor=actor, action="delegations.nomination.admission_refused", obj=nomination,
               data={"objection": objection.pk, "conference_decision": decision.pk,
                     "decided_on": decision.decided_on.isoformat(),
                     "provision": committee_rules.REFUSE_CREDENTIALS})
    return nomination.pk
