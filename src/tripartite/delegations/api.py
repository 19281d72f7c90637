"""API for delegations to a session: nominations, submission, the Office's review, arrears.

The same predicates as the web pages decide who may do what (a focal point only ever sees
their own State's delegations), every write goes through ``delegations.services``, and the
verdict (votes, voters, findings) comes from ``delegations.evaluation.evaluate``, the
function the pages and ``tripartite rules delegation`` use.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, ProtectedError, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError

from tripartite.common.api import Day, Id, InputSchema, Moment, plain, unknown_reference
from tripartite.common.models import Group
from tripartite.common.services import ServiceError, check_not_stale
from tripartite.common.text import current_language
from tripartite.constituents.api import can_view_person, member_state_from, organisation_from
from tripartite.constituents.models import Gender, MemberState, Person
from tripartite.constituents.permissions import visible_member_state_ids
from tripartite.delegations import evaluation, permissions, selectors
from tripartite.delegations.models import (
    ArrearsStatus,
    Delegation,
    DelegationQuery,
    DelegationStatus,
    Nomination,
    NominationRole,
)
from tripartite.delegations.services import credentials, nominations
from tripartite.meetings.models import AgendaItem, Session
from tripartite.rules import delegations as rules

router = Router()

UPDATED_AT = ("The delegation's updated_at you were shown: a 409 answers if it changed "
              "since.")


# --- answers -------------------------------------------------------------------------------

class VotesOut(Schema):
    government: int
    employers: int
    workers: int


class FindingOut(Schema):
    rule: str = Field(description="The rule's id, e.g. CON-4.")
    provision: str = Field(description="The provision applied, e.g. Constitution art. 4(2).")
    severity: str = Field(description="error, warning or info.")
    message: str = Field(description="In the language of the request.")


class VerdictOut(Schema):
    votes: VotesOut = Field(description="Votes the delegation holds in each group.")
    voters: list[int] = Field(description="Ids of the nominations that may vote.")
    findings: list[FindingOut]


class DelegationSummaryOut(Schema):
    id: int
    member_state: str = Field(description="ISO 3166-1 alpha-2 code.")
    member_state_name: str = Field(description="In the language of the request.")
    session: int
    status: str
    status_label: str = Field(description="In the language of the request.")
    amendment: int
    submitted_at: datetime | None
    received_on: date | None = Field(description="In the session's time zone.")
    deadline: date = Field(description="The credentials deadline: the session's own, or 21 "
                                       "days before the opening.")
    late: bool = Field(description="Received after the deadline.")
    accepted_at: datetime | None
    nominations: int = Field(description="Persons nominated (withdrawn ones not counted).")
    open_queries: int = Field(description="Queries of the Office not answered yet.")
    votes: VotesOut
    updated_at: datetime


class NominationOut(Schema):
    id: int
    person: int
    name: str
    name_latin: str
    title: str
    function: str
    gender: str
    email: str
    group: str
    role: str = Field(description="delegate, substitute_delegate, adviser, "
                                  "adviser_substitute_delegate, territory_adviser (Constitution "
                                  "art. 3(3)), minister, accompanying_minister, "
                                  "state_representative, observer or other.")
    represents: str = Field(description="For an additional adviser: the non-metropolitan "
                                        "territory; for a representative of a federal State's "
                                        "State or province: its name. Empty otherwise.")
    adviser_to: int | None = Field(description="For an adviser: the id of the delegate's "
                                               "nomination.")
    agenda_items: list[str] = Field(description="Numbers of the agenda items, as published.")
    agenda_item_ids: list[int]
    organisation: int | None
    organisation_name: str | None
    admitted: bool
    position: int
    added_in_amendment: int = Field(description="0: in the credentials as first submitted.")
    withdrawn_in_amendment: int | None = Field(description="Set when withdrawn by an "
                                                           "amendment.")


class QueryOut(Schema):
    id: int
    delegation: int
    question: str
    answer: str
    asked_at: datetime
    answered_at: datetime | None
    updated_at: datetime


class ArrearsOut(Schema):
    member_state: str
    session: int
    in_arrears: bool
    vote_restored_on: date | None = Field(description="Date of the Conference decision "
                                                      "restoring the vote.")
    decision_reference: str
    updated_at: datetime


class DelegationOut(DelegationSummaryOut):
    session_title: str = Field(description="In the language of the request.")
    arrears: ArrearsOut | None
    nominations: list[NominationOut] = Field(description="Withdrawn ones included, marked.")
    queries: list[QueryOut]
    verdict: VerdictOut


def _verdict(verdict: rules.DelegationVerdict) -> dict:
    language = current_language()
    return {"votes": verdict.votes.as_dict(), "voters": list(verdict.voters),
            "findings": [finding.as_dict(language) for finding in verdict.findings]}


def _summary(delegation: Delegation, *, arrears, settings) -> tuple[dict, dict]:
    """The fields a list row and the detail share, and the verdict they are derived with."""
    verdict = _verdict(evaluation.evaluate(delegation, arrears=arrears, settings=settings))
    deadline = evaluation.credentials_deadline(delegation.session, settings)
    received_on = delegation.received_on
    return {
        "id": delegation.pk,
        "member_state": delegation.member_state.iso2,
        "member_state_name": delegation.member_state.name,
        "session": delegation.session_id,
        "status": delegation.status,
        "status_label": str(delegation.get_status_display()),
        "amendment": delegation.amendment,
        "submitted_at": delegation.submitted_at,
        "received_on": received_on,
        "deadline": deadline,
        "late": rules.credentials_late(received_on, deadline),
        "accepted_at": delegation.accepted_at,
        "votes": verdict["votes"],
        "updated_at": delegation.updated_at,
    }, verdict


def _nomination(nomination: Nomination) -> dict:
    person, organisation = nomination.person, nomination.organisation
    items = sorted(nomination.agenda_items.all(), key=lambda item: (item.position, item.pk))
    return {
        "id": nomination.pk, "person": person.pk, "name": person.name,
        "name_latin": person.name_latin, "title": person.title, "function": person.function,
        "gender": person.gender, "email": person.email, "group": nomination.group,
        "role": nomination.role, "represents": nomination.represents,
        "adviser_to": nomination.adviser_to_id,
        "agenda_items": [item.number for item in items],
        "agenda_item_ids": [item.pk for item in items],
        "organisation": nomination.organisation_id,
        "organisation_name": str(organisation) if organisation else None,
        "admitted": nomination.admitted, "position": nomination.position,
        "added_in_amendment": nomination.added_in_amendment,
        "withdrawn_in_amendment": nomination.withdrawn_in_amendment,
    }


def _query(query: DelegationQuery) -> dict:
    return {"id": query.pk, "delegation": query.delegation_id, "question": query.question,
            "answer": query.answer, "asked_at": query.created_at,
            "answered_at": query.answered_at, "updated_at": query.updated_at}


def _arrears(status: ArrearsStatus, member_state: MemberState) -> dict:
    return {"member_state": member_state.iso2, "session": status.session_id,
            "in_arrears": status.in_arrears, "vote_restored_on": status.vote_restored_on,
            "decision_reference": status.decision_reference, "updated_at": status.updated_at}


# --- reads ---------------------------------------------------------------------------------

def _nominations_with_people():
    return (Nomination.objects.select_related("person", "organisation")
            .prefetch_related("agenda_items").order_by("position", "id"))


def _delegation_for_detail(pk: int) -> Delegation:
    """A delegation with all its nominations (withdrawn ones too: the evaluation leaves them
    out itself), its session's agenda and its queries, in a fixed few queries."""
    return get_object_or_404(
        Delegation.objects.select_related("member_state", "session").prefetch_related(
            Prefetch("nominations", queryset=_nominations_with_people()),
            Prefetch("session__agenda_items",
                     queryset=AgendaItem.objects.order_by("position", "id")),
            Prefetch("queries", queryset=DelegationQuery.objects.order_by("created_at", "id"))),
        pk=pk)


def _detail(delegation: Delegation) -> dict:
    """The whole delegation as answered; ``delegation`` comes from _delegation_for_detail."""
    session, member_state = delegation.session, delegation.member_state
    arrears = ArrearsStatus.objects.filter(session=session, member_state=member_state).first()
    body, verdict = _summary(delegation, arrears=arrears,
                             settings=selectors.credentials_settings(session))
    nominations = list(delegation.nominations.all())
    queries = list(delegation.queries.all())
    return {
        **body,
        "session_title": session.title,
        "arrears": _arrears(arrears, member_state) if arrears else None,
        "nominations": [_nomination(nomination) for nomination in nominations],
        "open_queries": sum(1 for query in queries if query.answered_at is None),
        "queries": [_query(query) for query in queries],
        "verdict": verdict,
    }


def _delegation_or_404(pk: int) -> Delegation:
    return get_object_or_404(Delegation.objects.select_related("member_state", "session"),
                             pk=pk)


def _require_viewer(user, delegation: Delegation):
    if not permissions.can_view_delegation(user, delegation):
        raise PermissionDenied


def _require_nominator(user, member_state: MemberState):
    """Checked before the body's references are looked up, so that a focal point learns
    nothing about another State's delegation from a 422."""
    if not permissions.can_nominate(user, member_state):
        raise PermissionDenied


@router.get("/sessions/{id}/delegations", response=list[DelegationSummaryOut],
            operation_id="delegation_list", summary="A session's delegations")
def delegation_list(request, id: Id, status: DelegationStatus | None = None):
    """Every delegation of the session, by member State, with its status and votes; ``status``
    narrows. A focal point gets their own State's delegation only."""
    user = request.user
    session = get_object_or_404(Session, pk=id)
    visible = visible_member_state_ids(user)
    if visible is None and not permissions.can_view_delegations(user):
        raise PermissionDenied
    delegations = selectors.delegations_for_evaluation(session).annotate(
        open_queries=Count("queries", filter=Q(queries__answered_at__isnull=True)))
    if visible is not None:
        delegations = delegations.filter(member_state_id__in=visible)
    if status is not None:
        delegations = delegations.filter(status=plain(status))
    arrears = selectors.arrears_by_state(session)
    settings = selectors.credentials_settings(session)
    rows = []
    for delegation in delegations:
        body, _verdict = _summary(delegation, arrears=arrears.get(delegation.member_state_id),
                                  settings=settings)
        # The prefetch holds the nominations not withdrawn.
        rows.append({**body, "nominations": len(delegation.nominations.all()),
                     "open_queries": delegation.open_queries})
    return rows


@router.get("/delegations/{id}", response=DelegationOut, operation_id="delegation_detail",
            summary="A delegation, its nominations and the rules' verdict")
def delegation_detail(request, id: Id):
    delegation = _delegation_for_detail(id)
    _require_viewer(request.user, delegation)
    return _detail(delegation)


# --- opening, nominating, submitting -------------------------------------------------------

class DelegationOpenIn(InputSchema):
    member_state: str = Field(description="ISO 3166-1 alpha-2 code.")


@router.post("/sessions/{id}/delegations", response={200: DelegationOut, 201: DelegationOut},
             operation_id="delegation_open", summary="Open a State's delegation to a session")
def delegation_open(request, id: Id, payload: DelegationOpenIn):
    """Answers the delegation the State already has (200), or creates it empty (201)."""
    session = get_object_or_404(Session, pk=id)
    member_state = member_state_from(payload.member_state, location=("body", "member_state"))
    existed = Delegation.objects.filter(session=session, member_state=member_state).exists()
    delegation = nominations.delegation_open(actor=request.user, member_state=member_state,
                                             session=session)
    return Status(200 if existed else 201, _detail(_delegation_for_detail(delegation.pk)))


class NominationIn(InputSchema):
    group: Group
    role: NominationRole
    person: Id | None = Field(None, description="Id of a person already known; otherwise "
                                                 "name and gender describe a new one.")
    name: str = ""
    gender: Gender | None = None
    name_latin: str = Field("", description="Defaults to the name.")
    title: str = ""
    function: str = ""
    email: str = ""
    organisation: Id | None = Field(None, description="For Employers' and Workers' members: "
                                                       "id of the organization (art. 3(5)).")
    adviser_to: Id | None = Field(None, description="For an adviser: id of the nomination "
                                                     "of the delegate accompanied.")
    agenda_items: list[Id] = Field([], description="For an adviser: ids of the session's "
                                                    "agenda items.")
    represents: str = Field("", max_length=200, description=(
        "Required for a territory_adviser (the non-metropolitan territory represented or "
        "advised on, Constitution art. 3(3)) and a state_representative (the State or province "
        "of the federal State); refused for the other roles."))


def _nomination_references(request, delegation: Delegation, payload: NominationIn) -> dict:
    """The objects the body names by id, each looked up where the delegation may reach it."""
    found = {}
    if payload.person is not None:
        person = Person.objects.select_related("member_state").filter(
            pk=payload.person).first()
        if person is None or not can_view_person(request.user, person):
            raise unknown_reference(("body", "person"), _("No person has the id %(id)s.")
                                    % {"id": payload.person})
        found["person"] = person
    else:
        missing = [("body", key) for key in ("name", "gender") if not getattr(payload, key)]
        if missing:
            raise ValidationError([{"loc": loc, "msg": "", "type": "missing"}
                                   for loc in missing])
    if payload.organisation is not None:
        found["organisation"] = organisation_from(payload.organisation,
                                                  location=("body", "organisation"))
    if payload.adviser_to is not None:
        found["adviser_to"] = delegation.nominations.filter(
            pk=payload.adviser_to, withdrawn_in_amendment__isnull=True).first()
        if found["adviser_to"] is None:
            raise unknown_reference(("body", "adviser_to"), _(
                "No nomination of this delegation has the id %(id)s.")
                % {"id": payload.adviser_to})
    items = {item.pk: item for item in
             AgendaItem.objects.filter(session_id=delegation.session_id,
                                       pk__in=payload.agenda_items)}
    for index, pk in enumerate(payload.agenda_items):
        if pk not in items:
            raise unknown_reference(("body", "agenda_items", str(index)), _(
                "No agenda item of this session has the id %(id)s.") % {"id": pk})
    found["agenda_items"] = [items[pk] for pk in dict.fromkeys(payload.agenda_items)]
    return found


@router.post("/delegations/{id}/nominations", response={201: NominationOut},
             operation_id="nomination_add", summary="Nominate a person")
def nomination_add(request, id: Id, payload: NominationIn):
    """Before submission the person is part of the credentials; after it, of the next
    amendment (``added_in_amendment``)."""
    delegation = _delegation_or_404(id)
    _require_nominator(request.user, delegation.member_state)
    references = _nomination_references(request, delegation, payload)
    nomination = nominations.nomination_add(
        actor=request.user, delegation=delegation, group=plain(payload.group),
        role=plain(payload.role), name=payload.name, gender=plain(payload.gender) or "",
        name_latin=payload.name_latin, title=payload.title, function=payload.function,
        email=payload.email, represents=payload.represents, **references)
    return _nomination(_nominations_with_people().get(pk=nomination.pk))


@router.delete("/nominations/{id}", response={204: None}, operation_id="nomination_withdraw",
               summary="Withdraw a person")
def nomination_withdraw(request, id: Id):
    """Before submission the nomination is deleted; after it, it is marked withdrawn by the
    next amendment. A nomination already withdrawn is answered 404."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("person", "delegation__member_state"), pk=id)
    _require_nominator(request.user, nomination.delegation.member_state)
    if nomination.withdrawn_in_amendment is not None:
        raise Http404
    try:
        nominations.nomination_withdraw(actor=request.user, nomination=nomination)
    except ProtectedError as error:
        # Before submission a withdrawal deletes the nomination, which an objection keeps.
        raise ServiceError(_("An objection names this person: the nomination cannot be "
                             "deleted."), code="protected", status=409) from error
    return None


class SeenIn(InputSchema):
    updated_at: Moment | None = Field(None, description=UPDATED_AT)


@router.post("/delegations/{id}/submit", response=DelegationOut,
             operation_id="delegation_submit", summary="Submit the credentials or an amendment")
def delegation_submit(request, id: Id, payload: SeenIn):
    """The first submission sets ``received_on`` (today, in the session's time zone); each
    later one is a new amendment."""
    delegation = _delegation_or_404(id)
    _require_nominator(request.user, delegation.member_state)
    nominations.delegation_submit(actor=request.user, delegation=delegation,
                                  seen_updated_at=payload.updated_at)
    return _detail(_delegation_for_detail(id))


# --- the Office's review -------------------------------------------------------------------

@router.post("/delegations/{id}/review", response=DelegationOut,
             operation_id="delegation_start_review", summary="Put received credentials under "
                                                             "review")
def delegation_start_review(request, id: Id, payload: SeenIn):
    credentials.delegation_start_review(actor=request.user, delegation=_delegation_or_404(id),
                                        seen_updated_at=payload.updated_at)
    return _detail(_delegation_for_detail(id))


@router.post("/delegations/{id}/accept", response=DelegationOut,
             operation_id="delegation_accept", summary="Accept the credentials")
def delegation_accept(request, id: Id, payload: SeenIn):
    credentials.delegation_accept(actor=request.user, delegation=_delegation_or_404(id),
                                  seen_updated_at=payload.updated_at)
    return _detail(_delegation_for_detail(id))


class QuestionIn(InputSchema):
    question: str
    updated_at: Moment | None = Field(None, description=UPDATED_AT)


@router.post("/delegations/{id}/queries", response={201: QueryOut},
             operation_id="delegation_query_send", summary="Send a query to the State")
def delegation_query_send(request, id: Id, payload: QuestionIn):
    """The delegation's status becomes ``query_sent`` until every query is answered."""
    query = credentials.delegation_query_send(
        actor=request.user, delegation=_delegation_or_404(id), question=payload.question,
        seen_updated_at=payload.updated_at)
    return _query(query)


class AnswerIn(InputSchema):
    answer: str
    updated_at: Moment | None = Field(
        None, description="The query's updated_at you were shown: a 409 answers if it "
                          "changed since.")


@router.post("/queries/{id}/answer", response=QueryOut,
             operation_id="delegation_query_answer", summary="Answer a query of the Office")
def delegation_query_answer(request, id: Id, payload: AnswerIn):
    """When every query is answered the delegation is under review again."""
    query = get_object_or_404(DelegationQuery.objects.select_related(
        "delegation__member_state"), pk=id)
    _require_nominator(request.user, query.delegation.member_state)
    with transaction.atomic():
        check_not_stale(query, payload.updated_at)
        query = nominations.delegation_query_answer(actor=request.user, query=query,
                                                    answer=payload.answer)
    return _query(query)


# --- arrears -------------------------------------------------------------------------------

class ArrearsIn(InputSchema):
    in_arrears: bool
    vote_restored_on: Day | None = Field(None, description="Date of the Conference decision "
                                                            "restoring the vote.")
    decision_reference: str = ""


@router.put("/sessions/{id}/arrears/{iso2}", response=ArrearsOut, operation_id="arrears_set",
            summary="Record a Member's arrears for a session (Constitution art. 13(4))")
def arrears_set(request, id: Id, iso2: str, payload: ArrearsIn):
    session = get_object_or_404(Session, pk=id)
    member_state = get_object_or_404(MemberState, iso2=iso2.upper())
    status = credentials.arrears_set(actor=request.user, member_state=member_state,
                                     session=session, in_arrears=payload.in_arrears,
                                     vote_restored_on=payload.vote_restored_on,
                                     decision_reference=payload.decision_reference)
    return _arrears(status, member_state)
