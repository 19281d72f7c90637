"""Objections and complaints before the Credentials Committee in the JSON API, step by step as
on the Committee's pages: lodge, the Committee's decision on receivability and on the outcome
(each member's vote), the Conference's decision on what the Committee sent it.

The same predicates as the pages (``can_view_objections``, ``can_decide_objections``); every
write goes through ``delegations.services.objections``; the rules' receivability advice is
``evaluation.objection_verdict``.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from tripartite.common.api import Day, Id, InputSchema, Moment, plain, unknown_reference
from tripartite.common.text import current_language
from tripartite.delegations import permissions
from tripartite.delegations.evaluation import objection_verdict
from tripartite.delegations.models import (
    ConferenceResult,
    Delegation,
    MemberPosition,
    Nomination,
    Objection,
    ObjectionKind,
    ObjectionOutcome,
)
from tripartite.delegations.services import objections as services
from tripartite.meetings.models import Session

router = Router()

UPDATED_AT = ("The objection's updated_at you were shown: a 409 answers if it changed since.")


class AdviceOut(Schema):
    receivable: bool = Field(description="The rules' advice (CRED-3); the Committee decides.")
    deadline: datetime
    findings: list[dict] = Field(description="rule, provision, severity, message (in the "
                                             "language of the request).")


class ConferenceDecisionOut(Schema):
    result: str = Field(description="receivable, irreceivable, adopted or rejected.")
    decided_on: date
    reference: str


class CommitteeDecisionOut(Schema):
    id: int
    kind: str = Field(description="receivability or outcome.")
    receivable: bool | None
    outcome: str = Field(description="For an outcome: " + ", ".join(ObjectionOutcome.values))
    decided_on: date
    text: str
    positions: dict[str, str] = Field(description="Each member's vote by group: for, against, "
                                                  "or empty (did not take part).")
    minority_views: str
    unanimous: bool
    to_conference: bool
    conference_decision: ConferenceDecisionOut | None


class ObjectionOut(Schema):
    id: int
    session: int
    kind: str
    delegation: int
    member_state: str = Field(description="ISO 3166-1 alpha-2 code.")
    nomination: int | None
    lodged_by: str
    authors_anonymous: bool
    lodged_at: datetime
    summary: str
    status: str = Field(description="pending, receivability_at_conference, irreceivable, "
                                    "under_examination, at_conference or decided.")
    updated_at: datetime
    advice: AdviceOut | None = Field(description="None for a complaint: no time limit.")
    decisions: list[CommitteeDecisionOut]


def _objection_out(objection: Objection) -> dict:
    language = current_language()
    verdict = objection_verdict(objection)
    decisions = []
    for decision in objection.committee_decisions.select_related(
            "conference_decision").order_by("decided_on", "id"):
        conference = getattr(decision, "conference_decision", None)
        decisions.append({
            "id": decision.pk, "kind": decision.kind, "receivable": decision.receivable,
            "outcome": decision.outcome, "decided_on": decision.decided_on,
            "text": decision.text, "minority_views": decision.minority_views,
            "positions": {"government": decision.government_position,
                          "employers": decision.employers_position,
                          "workers": decision.workers_position},
            "unanimous": decision.unanimous, "to_conference": decision.to_conference,
            "conference_decision": None if conference is None else {
                "result": conference.result, "decided_on": conference.decided_on,
                "reference": conference.reference}})
    return {
        "id": objection.pk, "session": objection.session_id, "kind": objection.kind,
        "delegation": objection.delegation_id,
        "member_state": objection.delegation.member_state.iso2,
        "nomination": objection.nomination_id, "lodged_by": objection.lodged_by,
        "authors_anonymous": objection.authors_anonymous, "lodged_at": objection.lodged_at,
        "summary": objection.summary, "status": objection.status,
        "updated_at": objection.updated_at,
        "advice": None if verdict is None else {
            "receivable": verdict.receivable, "deadline": verdict.deadline,
            "findings": [finding.as_dict(language) for finding in verdict.findings]},
        "decisions": decisions}


def _objection(id: int) -> Objection:
    return get_object_or_404(Objection.objects.select_related(
        "session", "delegation__member_state"), pk=id)


def _require_reader(user) -> None:
    if not permissions.can_view_objections(user):
        raise PermissionDenied


def _require_committee(user) -> None:
    if not permissions.can_decide_objections(user):
        raise PermissionDenied


@router.get("/sessions/{id}/objections", response=list[ObjectionOut],
            operation_id="objection_list", summary="A session's objections and complaints")
def objection_list(request, id: Id):
    _require_reader(request.user)
    session = get_object_or_404(Session, pk=id)
    return [_objection_out(objection) for objection in Objection.objects.filter(
        session=session).select_related("session", "delegation__member_state")
        .prefetch_related("committee_decisions__conference_decision")
        .order_by("lodged_at", "id")]


@router.get("/objections/{id}", response=ObjectionOut, operation_id="objection_detail",
            summary="An objection or complaint, the rules' advice and the decisions")
def objection_detail(request, id: Id):
    _require_reader(request.user)
    return _objection_out(_objection(id))


class ObjectionIn(InputSchema):
    kind: ObjectionKind = ObjectionKind.OBJECTION
    delegation: Id = Field(description="Id of the delegation objected to.")
    nomination: Id | None = Field(None, description="Id of the person objected to; empty: "
                                                    "the delegation as a whole.")
    lodged_by: str = ""
    authors_anonymous: bool = False
    author_is_adviser_to_delegate: bool = False
    same_facts_found_irrelevant: bool = False
    lodged_at: Moment
    revised_list_published_on: Day | None = None
    summary: str


@router.post("/sessions/{id}/objections", response={201: ObjectionOut},
             operation_id="objection_lodge", summary="Record an objection or complaint")
def objection_lodge(request, id: Id, payload: ObjectionIn):
    _require_committee(request.user)
    session = get_object_or_404(Session, pk=id)
    delegation = Delegation.objects.filter(pk=payload.delegation).first()
    if delegation is None:
        raise unknown_reference(("body", "delegation"), "No delegation has this id.")
    nomination = None
    if payload.nomination is not None:
        nomination = Nomination.objects.filter(pk=payload.nomination).first()
        if nomination is None:
            raise unknown_reference(("body", "nomination"), "No nomination has this id.")
    objection = services.objection_lodge(
        actor=request.user, session=session, delegation=delegation, nomination=nomination,
        kind=plain(payload.kind), lodged_by=payload.lodged_by,
        authors_anonymous=payload.authors_anonymous,
        author_is_adviser_to_delegate=payload.author_is_adviser_to_delegate,
        same_facts_found_irrelevant=payload.same_facts_found_irrelevant,
        lodged_at=payload.lodged_at,
        revised_list_published_on=payload.revised_list_published_on,
        summary=payload.summary)
    return Status(201, _objection_out(_objection(objection.pk)))


class PositionsIn(Schema):
    government: MemberPosition | None = None
    employers: MemberPosition | None = None
    workers: MemberPosition | None = None


class CommitteeDecisionIn(InputSchema):
    decided_on: Day
    text: str
    positions: PositionsIn = Field(description="Each member's vote: for or against; "
                                               "null: did not take part.")
    minority_views: str = ""
    updated_at: Moment | None = Field(None, description=UPDATED_AT)

    def service_values(self) -> dict:
        return {"decided_on": self.decided_on, "text": self.text,
                "minority_views": self.minority_views, "seen_updated_at": self.updated_at,
                "positions": {group: plain(getattr(self.positions, group)) or ""
                              for group in ("government", "employers", "workers")}}


class ReceivabilityIn(CommitteeDecisionIn):
    receivable: bool


@router.post("/objections/{id}/receivability", response=ObjectionOut,
             operation_id="objection_decide_receivability",
             summary="The Committee's decision on receivability")
def objection_decide_receivability(request, id: Id, payload: ReceivabilityIn):
    """Unanimous, the decision is final; divided, the question goes to the Conference (status
    ``receivability_at_conference``). 409 ``wrong_step`` when the objection is not pending."""
    _require_committee(request.user)
    services.objection_decide_receivability(actor=request.user, objection=_objection(id),
                                            receivable=payload.receivable,
                                            **payload.service_values())
    return _objection_out(_objection(id))


class OutcomeIn(CommitteeDecisionIn):
    outcome: ObjectionOutcome


@router.post("/objections/{id}/outcome", response=ObjectionOut,
             operation_id="objection_decide_outcome",
             summary="The Committee's decision on a receivable objection or complaint")
def objection_decide_outcome(request, id: Id, payload: OutcomeIn):
    """Adopted by at least two of the three members (400 ``no_majority`` otherwise). A proposal
    to invalidate credentials and a follow-up go to the Conference (status
    ``at_conference``)."""
    _require_committee(request.user)
    services.objection_decide_outcome(actor=request.user, objection=_objection(id),
                                      outcome=plain(payload.outcome),
                                      **payload.service_values())
    return _objection_out(_objection(id))


class ConferenceDecisionIn(InputSchema):
    result: ConferenceResult
    decided_on: Day
    reference: str = ""
    updated_at: Moment | None = Field(None, description=UPDATED_AT)


@router.post("/objections/{id}/conference-decision", response=ObjectionOut,
             operation_id="objection_conference_decide",
             summary="The Conference's decision on what the Committee sent it")
def objection_conference_decide(request, id: Id, payload: ConferenceDecisionIn):
    """On receivability: ``receivable`` or ``irreceivable``; on a proposal: ``adopted`` or
    ``rejected``. An adopted proposal to invalidate credentials refuses the person's
    admission (Constitution art. 3(9))."""
    _require_committee(request.user)
    services.objection_conference_decide(
        actor=request.user, objection=_objection(id), result=plain(payload.result),
        decided_on=payload.decided_on, reference=payload.reference,
        seen_updated_at=payload.updated_at)
    return _objection_out(_objection(id))
