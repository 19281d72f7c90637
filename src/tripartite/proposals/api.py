"""The meeting proposals in the JSON API: list, detail, create, update, submit, the
secretariat's moves, the group secretariats' opinions, sending to the Officers, the decision
and the report.

The same predicates as the pages decide who may do what (a unit officer sees and changes only
their own unit's proposals), every write goes through ``proposals.services``, and the
findings are those of ``tripartite.rules.proposals`` (the function the pages and ``tripartite
rules proposal`` use). Who may act is checked before the proposal's state, so that a user
without the right learns nothing from a 409.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from tripartite.common.api import (
    Count,
    Day,
    Id,
    InputSchema,
    patch_changes,
    plain,
    unknown_reference,
)
from tripartite.common.text import current_language
from tripartite.constituents.api import member_state_from
from tripartite.meetings import places
from tripartite.proposals import permissions, selectors, services
from tripartite.proposals.models import (
    ConsultedGroup,
    Decision,
    FundingSource,
    MeetingProposal,
    Opinion,
    ProposalState,
    ProposalType,
)
from tripartite.rules import proposals as rules

router = Router()


# --- answers --------------------------------------------------------------------------------

class FindingOut(Schema):
    rule: str = Field(description="The rule's id, e.g. MTG-2-PARITY.")
    provision: str
    severity: str = Field(description="error, warning or info.")
    message: str = Field(description="In the language of the request.")


class FundingOut(Schema):
    source: str
    amount: Decimal | None
    currency: str
    donor: str


class ConsultationOut(Schema):
    group: str
    opinion: str
    comments: str
    consulted_on: date


class ProposalSummaryOut(Schema):
    id: int
    unit: str
    type: str
    title: str = Field(description="In the language of the request (English if missing).")
    start: date | None
    end: date | None
    state: str
    state_label: str
    state_since: datetime
    errors: int = Field(description="Findings of severity error.")
    warnings: int


class ProposalOut(Schema):
    id: int
    unit: str
    responsible_officer: str
    type: str
    title_en: str
    title_fr: str
    title_es: str
    purpose_en: str
    purpose_fr: str
    purpose_es: str
    standards_relevance_en: str
    standards_relevance_fr: str
    standards_relevance_es: str
    start: date | None
    end: date | None
    time_zone: str
    country: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    city: str = Field(description="In the language of the request when it is a well-known "
                                  "city (Genève, Ginebra); otherwise as typed.")
    online: bool
    coverage: list[str] = Field(description="ISO 3166-1 alpha-2 codes.")
    tripartite: bool | None
    government: int | None
    employers: int | None
    workers: int | None
    resource_persons: int | None
    resource_persons_women: int | None
    observers: int | None
    financing: list[FundingOut]
    languages: list[str]
    interpretation: list[str]
    concept_note: bool = Field(description="Whether a concept note is attached.")
    state: str
    state_label: str
    state_since: datetime
    submitted_on: date | None
    decision: str
    decided_on: date | None
    decision_reference: str
    report_received_on: date | None
    session: int | None = Field(description="The session in the calendar, once approved.")
    consultations: list[ConsultationOut]
    findings: list[FindingOut]
    missing: list[str] = Field(description="Fields a submission still needs.")
    ready_for_officers: bool
    updated_at: datetime


def _findings(verdict) -> list[dict]:
    return [finding.as_dict(current_language()) for finding in verdict.findings]


def _detail(proposal: MeetingProposal) -> dict:
    """``proposal`` comes from selectors.proposals_with_facts: no query per line."""
    verdict = selectors.evaluate(proposal)
    return {
        **{name: getattr(proposal, name) or "" for name in (
            "title_en", "title_fr", "title_es", "purpose_en", "purpose_fr", "purpose_es",
            "standards_relevance_en", "standards_relevance_fr", "standards_relevance_es")},
        **{name: getattr(proposal, name) for name in (
            "id", "unit", "responsible_officer", "type", "start", "end", "time_zone",
            "online", "tripartite", *rules.COMPOSITION_FIELDS, "languages", "interpretation",
            "state", "state_since", "submitted_on", "decision", "decided_on",
            "decision_reference", "report_received_on", "updated_at")},
        "city": places.place_in(proposal.city, current_language()),
        "country": proposal.country.iso2 if proposal.country else None,
        "coverage": sorted(state.iso2 for state in proposal.coverage.all()),
        "financing": list(proposal.financing.all()),
        "concept_note": bool(proposal.concept_note),
        "state_label": proposal.get_state_display(),
        "session": proposal.session_id,
        "consultations": list(proposal.consultations.all()),
        "findings": _findings(verdict),
        "missing": list(rules.missing_fields(selectors.proposal_facts(proposal))),
        "ready_for_officers": verdict.ready_for_officers,
    }


def _fresh(pk: int) -> dict:
    return _detail(selectors.proposals_with_facts().get(pk=pk))


def _visible(user, pk: int) -> MeetingProposal:
    proposal = get_object_or_404(MeetingProposal, pk=pk)
    if not permissions.can_view_proposal(user, proposal):
        raise PermissionDenied
    return proposal


# --- reads ----------------------------------------------------------------------------------

@router.get("/proposals", response=list[ProposalSummaryOut], operation_id="proposal_list",
            summary="Meeting proposals")
def proposal_list(request, state: ProposalState | None = None, unit: str = ""):
    """The proposals the user may see (a unit officer: their unit's; a group secretariat:
    those in consultation or later), with the number of errors and warnings the rules find;
    ``state`` and ``unit`` narrow."""
    user = request.user
    if not permissions.can_view_proposals(user):
        raise PermissionDenied
    visible = permissions.visible_proposals(user, MeetingProposal.objects.all())
    rows = selectors.pipeline(visible, state=plain(state) or "", unit=unit)
    return [{"id": row.proposal.pk, "unit": row.proposal.unit, "type": row.proposal.type,
             "title": str(row.proposal), "start": row.proposal.start, "end": row.proposal.end,
             "state": row.proposal.state, "state_label": row.proposal.get_state_display(),
             "state_since": row.proposal.state_since, "errors": row.errors,
             "warnings": row.warnings} for row in rows]


@router.get("/proposals/{id}", response=ProposalOut, operation_id="proposal_detail",
            summary="A meeting proposal and the rules' findings")
def proposal_detail(request, id: Id):
    _visible(request.user, id)
    return _fresh(id)


# --- drafting -------------------------------------------------------------------------------

class FundingIn(InputSchema):
    source: FundingSource
    amount: Decimal | None = Field(None, description="Not negative.")
    currency: str = Field("", description="ISO 4217, e.g. USD.")
    donor: str = Field("", description="Required for extra-budgetary financing.")


class ProposalFields(InputSchema):
    responsible_officer: str = ""
    type: ProposalType | None = None
    title_en: str = ""
    title_fr: str = ""
    title_es: str = ""
    purpose_en: str = ""
    purpose_fr: str = ""
    purpose_es: str = ""
    standards_relevance_en: str = ""
    standards_relevance_fr: str = ""
    standards_relevance_es: str = ""
    start: Day | None = None
    end: Day | None = None
    time_zone: str = "Europe/Zurich"
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code.")
    city: str = Field("", description="In English, French or Spanish: a well-known city "
                                      "(Geneva, Genève, Ginebra) is recorded once, under its "
                                      "English name.")
    online: bool = False
    coverage: list[str] = Field([], description="ISO 3166-1 alpha-2 codes.")
    tripartite: bool | None = None
    government: Count | None = Field(None, ge=0)
    employers: Count | None = Field(None, ge=0)
    workers: Count | None = Field(None, ge=0)
    resource_persons: Count | None = Field(None, ge=0)
    resource_persons_women: Count | None = Field(None, ge=0)
    observers: Count | None = Field(None, ge=0)
    financing: list[FundingIn] = []
    languages: list[str] = Field([], description="ISO 639-1 codes.")
    interpretation: list[str] = []


class ProposalIn(ProposalFields):
    unit: str = Field("", description="The secretariat names the unit; a unit officer's "
                                      "proposal is always their own unit's.")


class ProposalPatch(ProposalFields):
    unit: str = Field("", description="The secretariat only.")
    updated_at: datetime | None = Field(None, description="The updated_at you were shown: a "
                                                          "409 answers if it changed since.")


def _references(data: dict) -> tuple[dict, list | None, list | None]:
    """Countries named by code become member States (or a 422 naming the input)."""
    financing = data.pop("financing", None)
    coverage = data.pop("coverage", None)
    if data.get("country"):
        data["country"] = member_state_from(data["country"], location=("body", "country"))
    elif "country" in data:
        data["country"] = None
    if "type" in data:
        data["type"] = plain(data["type"]) or ""
    if coverage is not None:
        coverage = [member_state_from(code, location=("body", "coverage", index))
                    for index, code in enumerate(coverage)]
    if financing is not None:
        financing = [{**line, "source": plain(line["source"])} for line in financing]
    return data, financing, coverage


@router.post("/proposals", response={201: ProposalOut}, operation_id="proposal_create",
             summary="Draft a meeting proposal")
def proposal_create(request, payload: ProposalIn):
    """Any field may stay empty in a draft; ``missing`` in the answer lists what a submission
    still needs."""
    if not permissions.can_create_proposal(request.user):
        raise PermissionDenied
    data = payload.model_dump()
    unit = data.pop("unit")
    data, financing, coverage = _references(data)
    proposal = services.proposal_create(actor=request.user, unit=unit, financing=financing,
                                        coverage=coverage, **data)
    return Status(201, _fresh(proposal.pk))


@router.patch("/proposals/{id}", response=ProposalOut, operation_id="proposal_update",
              summary="Change a meeting proposal")
def proposal_update(request, id: Id, payload: ProposalPatch):
    """Only the fields sent change; ``financing`` and ``coverage``, when sent, replace the
    lists."""
    proposal = _visible(request.user, id)
    if not permissions.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    changes, seen = patch_changes(payload)
    if "financing" in changes:
        changes["financing"] = payload.model_dump(exclude_unset=True)["financing"]
    changes, financing, coverage = _references(changes)
    services.proposal_update(proposal=proposal, actor=request.user, changes=changes,
                             financing=financing, coverage=coverage, seen_updated_at=seen)
    return _fresh(id)


# --- the pipeline ---------------------------------------------------------------------------

class SeenIn(InputSchema):
    updated_at: datetime | None = None


@router.post("/proposals/{id}/submit", response=ProposalOut, operation_id="proposal_submit",
             summary="Submit a proposal to the secretariat")
def proposal_submit(request, id: Id, payload: SeenIn):
    """Refused (400, code ``incomplete``) while an error of the proposal's content remains."""
    proposal = _visible(request.user, id)
    if not (permissions.is_secretariat(request.user)
            or permissions.is_unit_officer_of(request.user, proposal)):
        raise PermissionDenied
    services.proposal_submit(proposal=proposal, actor=request.user,
                             seen_updated_at=payload.updated_at)
    return _fresh(id)


class TransitionIn(InputSchema):
    to_state: Literal["under_review", "returned", "in_consultation", "held"]
    comment: str = Field("", description="Required to return a proposal for changes.")
    updated_at: datetime | None = None


@router.post("/proposals/{id}/transitions", response=ProposalOut,
             operation_id="proposal_transition", summary="Move a proposal in the pipeline")
def proposal_transition(request, id: Id, payload: TransitionIn):
    """The secretariat starts the review, returns for changes, opens the consultation or
    holds; a move the workflow does not allow answers 409 (``transition_not_allowed``)."""
    proposal = _visible(request.user, id)
    if not permissions.can_run_pipeline(request.user):
        raise PermissionDenied
    services.proposal_transition(proposal=proposal, actor=request.user,
                                 to_state=payload.to_state, comment=payload.comment,
                                 seen_updated_at=payload.updated_at)
    return _fresh(id)


class OpinionIn(InputSchema):
    group: ConsultedGroup
    opinion: Opinion
    comments: str = ""
    consulted_on: Day | None = Field(None, description="Defaults to today.")


@router.post("/proposals/{id}/opinions", response={201: ConsultationOut},
             operation_id="proposal_opinion", summary="Give a group's opinion")
def proposal_opinion(request, id: Id, payload: OpinionIn):
    """The Employers' or the Workers' group secretariat (or the secretariat for them), while
    the proposal is in consultation."""
    proposal = _visible(request.user, id)
    group = plain(payload.group)
    if not permissions.speaks_for_group(request.user, group):
        raise PermissionDenied
    consultation = services.consultation_record(
        proposal=proposal, actor=request.user, group=group, opinion=plain(payload.opinion),
        comments=payload.comments, consulted_on=payload.consulted_on)
    return Status(201, consultation)


class OfficersIn(InputSchema):
    reference: str
    together_with: list[Id] = Field([], description="Ids of other proposals sent in the "
                                                     "same batch.")


@router.post("/proposals/{id}/send-to-officers", response=ProposalOut,
             operation_id="proposal_send_to_officers",
             summary="Send proposals to the Officers as one batch")
def proposal_send_to_officers(request, id: Id, payload: OfficersIn):
    """All or none: each must be in consultation with no error left (400 ``not_ready``)."""
    proposal = _visible(request.user, id)
    if not permissions.can_run_pipeline(request.user):
        raise PermissionDenied
    others = list(MeetingProposal.objects.filter(pk__in=payload.together_with).exclude(pk=id))
    if len(others) != len(set(payload.together_with) - {id}):
        raise unknown_reference(("body", "together_with"), "Unknown proposal id.")
    services.batch_send_to_officers(actor=request.user, proposals=[proposal, *others],
                                    reference=payload.reference)
    return _fresh(id)


class DecisionIn(InputSchema):
    decision: Decision
    decided_on: Day
    reference: str = ""
    updated_at: datetime | None = None


@router.post("/proposals/{id}/decision", response=ProposalOut,
             operation_id="proposal_decision", summary="Record the Officers' decision")
def proposal_decision(request, id: Id, payload: DecisionIn):
    """Approved: the meeting and its session enter the calendar (``session``). Deferred: the
    proposal is put on hold."""
    proposal = _visible(request.user, id)
    if not permissions.can_run_pipeline(request.user):
        raise PermissionDenied
    services.decision_record(proposal=proposal, actor=request.user,
                             decision=plain(payload.decision), decided_on=payload.decided_on,
                             reference=payload.reference, seen_updated_at=payload.updated_at)
    return _fresh(id)


class ReportIn(InputSchema):
    received_on: Day
    updated_at: datetime | None = None


@router.post("/proposals/{id}/report", response=ProposalOut, operation_id="proposal_report",
             summary="Record the report on an approved meeting as received")
def proposal_report(request, id: Id, payload: ReportIn):
    proposal = _visible(request.user, id)
    if not permissions.can_run_pipeline(request.user):
        raise PermissionDenied
    services.report_record(proposal=proposal, actor=request.user,
                           received_on=payload.received_on,
                           seen_updated_at=payload.updated_at)
    return _fresh(id)
