"""The votes in the JSON API: list, prepare, open, close and publish votes; a delegate's
ballot; results with their arithmetic and the provisions cited.

The same predicates as the pages decide who may do what (``votes.permissions``); every write
goes through ``votes.services``, which checks the voting right at the moment of voting.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from tripartite.common.api import Count, Id, InputSchema, plain, unknown_reference
from tripartite.common.text import current_language
from tripartite.meetings.models import AgendaItem, Committee, Session
from tripartite.votes import permissions, selectors, services
from tripartite.votes.models import (
    Body,
    Choice,
    DecisionKind,
    MajorityKind,
    Method,
    QuorumSource,
    Vote,
    VoteState,
)

router = Router()


class VoteOut(Schema):
    id: int
    session: int
    agenda_item: int | None
    committee: int | None
    body: str
    subject: str = Field(description="In the language of the request (English when missing).")
    subject_en: str
    subject_fr: str
    subject_es: str
    decision: str = Field(description="The kind of decision: sets the majority and, where the "
                                      "Standing Orders require it, a record vote.")
    method: str
    majority: str
    quorum_source: str
    quorum_fixed: int | None
    quorum: int | None = Field(description="Set when the vote opens.")
    quorum_base: dict = Field(description="Voters entitled to vote when the vote opened, by "
                                          "group, with the total.")
    state: str
    opened_at: datetime | None
    closed_at: datetime | None
    published_at: datetime | None


class ExplanationOut(Schema):
    rule: str
    provision: str
    severity: str
    message: str = Field(description="In the language of the request.")


class ResultOut(Schema):
    vote: int
    yes: str = Field(description="Weighted totals of a committee vote may be fractions: 25/3.")
    no: str
    abstain: str
    cast: str
    quorum: int
    required: str = Field(description="Yes votes needed; for a weighted vote '>x' (more than "
                                      "x) or '≥x' (at least x).")
    outcome: str = Field(description="adopted, rejected or void_no_quorum.")
    ballots: int
    explanation: list[ExplanationOut]
    published: bool
    corrected: bool = Field(description="A correction was recorded: the figures are the "
                                        "latest correction's.")


class BallotOut(Schema):
    vote: int
    voter: int = Field(description="The person whose vote this is.")
    cast_by: int = Field(description="The person who cast it (a substitute, or the voter).")
    secret: bool
    choice: str | None = Field(description="Empty for a secret ballot: it is not stored with "
                                           "the voter.")


def _vote_out(vote: Vote) -> dict:
    language = current_language()
    return {
        "id": vote.pk, "session": vote.session_id, "agenda_item": vote.agenda_item_id,
        "committee": vote.committee_id, "body": vote.body,
        "subject": getattr(vote, f"subject_{language}", None) or vote.subject_en,
        "subject_en": vote.subject_en or "", "subject_fr": vote.subject_fr or "",
        "subject_es": vote.subject_es or "", "decision": vote.decision, "method": vote.method,
        "majority": vote.majority,
        "quorum_source": vote.quorum_source, "quorum_fixed": vote.quorum_fixed,
        "quorum": vote.quorum, "quorum_base": vote.quorum_base or {}, "state": vote.state,
        "opened_at": vote.opened_at, "closed_at": vote.closed_at,
        "published_at": vote.published_at}


def _vote(id: int) -> Vote:
    return get_object_or_404(Vote.objects.select_related("session"), pk=id)


def _require_manager(user):
    if not permissions.can_manage_votes(user):
        raise PermissionDenied


@router.get("/sessions/{id}/votes", response=list[VoteOut], operation_id="vote_list",
            summary="A session's votes")
def vote_list(request, id: Id):
    if not permissions.can_view_votes(request.user):
        raise PermissionDenied
    session = get_object_or_404(Session, pk=id)
    return [_vote_out(vote) for vote in selectors.session_votes(session)]


class VoteIn(InputSchema):
    subject_en: str = Field(description="What is voted on, in English.")
    subject_fr: str = ""
    subject_es: str = ""
    body: Body = Body.PLENARY
    agenda_item: Id | None = Field(None, description="Id of an agenda item of the session.")
    committee: Id | None = Field(None, description="Id of the committee, for a committee "
                                                    "vote.")
    decision: DecisionKind | None = Field(
        None, description="The kind of decision. Empty: another decision (or the admission of "
                          "a Member when that is the majority given). A kind the Constitution "
                          "gives a majority sets it; another majority is refused (400, "
                          "decision_requirement), and so is a show of hands or a secret "
                          "ballot for a final vote taken by record vote.")
    method: Method
    majority: MajorityKind | None = Field(
        None, description="Empty: the majority of the kind of decision (simple for another "
                          "decision).")
    quorum_source: QuorumSource = QuorumSource.ATTENDANCE
    quorum_fixed: Count | None = Field(None, ge=0, description="The quorum fixed by the "
                                                             "Credentials Committee.")


@router.post("/sessions/{id}/votes", response={201: VoteOut}, operation_id="vote_create",
             summary="Prepare a vote (draft)")
def vote_create(request, id: Id, payload: VoteIn):
    _require_manager(request.user)
    session = get_object_or_404(Session, pk=id)
    agenda_item = committee = None
    if payload.agenda_item is not None:
        agenda_item = AgendaItem.objects.filter(pk=payload.agenda_item).first()
        if agenda_item is None:
            raise unknown_reference(("body", "agenda_item"), "No agenda item has this id.")
    if payload.committee is not None:
        committee = Committee.objects.filter(pk=payload.committee).first()
        if committee is None:
            raise unknown_reference(("body", "committee"), "No committee has this id.")
    vote = services.vote_create(
        actor=request.user, session=session, subject_en=payload.subject_en,
        subject_fr=payload.subject_fr, subject_es=payload.subject_es, body=plain(payload.body),
        agenda_item=agenda_item, committee=committee, method=plain(payload.method),
        decision=plain(payload.decision), majority=plain(payload.majority),
        quorum_source=plain(payload.quorum_source), quorum_fixed=payload.quorum_fixed)
    return Status(201, _vote_out(vote))


@router.get("/votes/{id}", response=VoteOut, operation_id="vote_detail", summary="A vote")
def vote_detail(request, id: Id):
    if not permissions.can_view_votes(request.user):
        raise PermissionDenied
    return _vote_out(_vote(id))


@router.post("/votes/{id}/open", response=VoteOut, operation_id="vote_open",
             summary="Open a vote (its quorum is fixed now)")
def vote_open(request, id: Id):
    _require_manager(request.user)
    return _vote_out(services.vote_open(actor=request.user, vote=_vote(id)))


@router.post("/votes/{id}/close", response=ResultOut, operation_id="vote_close",
             summary="Close a vote and compute its result")
def vote_close(request, id: Id):
    _require_manager(request.user)
    vote = _vote(id)
    services.vote_close(actor=request.user, vote=vote)
    return _result_out(_vote(id))


@router.post("/votes/{id}/publish", response=VoteOut, operation_id="vote_publish",
             summary="Publish a closed vote's result (final)")
def vote_publish(request, id: Id):
    _require_manager(request.user)
    return _vote_out(services.vote_publish(actor=request.user, vote=_vote(id)))


class BallotIn(InputSchema):
    choice: Choice
    voter: Id | None = Field(None, description="A substitute names the person of the "
                                                "delegate they vote for; empty: one's own "
                                                "vote.")


@router.post("/votes/{id}/ballots", response={201: BallotOut}, operation_id="ballot_cast",
             summary="Cast the logged-in delegate's ballot")
def ballot_cast(request, id: Id, payload: BallotIn):
    """The voting right is checked now: a registered delegate entitled to vote (or a member
    of the voting body), or a substitute holding a recorded appointment. One ballot per voter
    (409 ``already_voted``); 409 ``vote_not_open`` or ``vote_closed`` outside the vote; 400
    ``no_person`` when the login is not linked to a delegate."""
    if not permissions.can_vote_electronically(request.user):
        raise PermissionDenied
    vote = _vote(id)
    services.ballot_cast(actor=request.user, vote=vote, choice=plain(payload.choice),
                         voter_id=payload.voter)
    secret = vote.method == Method.SECRET
    return Status(201, {"vote": vote.pk, "voter": payload.voter or request.user.person_id,
                        "cast_by": request.user.person_id, "secret": secret,
                        "choice": None if secret else plain(payload.choice)})


def _result_out(vote: Vote) -> dict:
    result = vote.result
    latest = result.corrections.order_by("-corrected_at", "-id").first()
    figures = latest or result
    language = current_language()
    return {
        "vote": vote.pk, "yes": figures.yes, "no": figures.no, "abstain": figures.abstain,
        "cast": figures.cast, "quorum": figures.quorum, "required": figures.required,
        "outcome": figures.outcome, "ballots": result.ballots,
        "explanation": [{"rule": e["rule"], "provision": e["provision"],
                         "severity": e["severity"],
                         "message": e["message"].get(language) or e["message"]["en"]}
                        for e in figures.explanation],
        "published": vote.state == VoteState.PUBLISHED, "corrected": latest is not None}


@router.get("/votes/{id}/result", response=ResultOut, operation_id="vote_result",
            summary="A vote's result, with the arithmetic and the provisions cited")
def vote_result(request, id: Id):
    vote = _vote(id)
    if not permissions.can_view_result(request.user, vote):
        raise PermissionDenied
    if vote.state not in (VoteState.CLOSED, VoteState.PUBLISHED):
        raise Http404
    return _result_out(vote)
