"""Sittings in the JSON API: plan sittings, open/suspend/resume/close them, ask for the floor
and withdraw, give the floor, move a speaker (with the list's version), close the list, take
up another item.

The same predicates as the pages decide who may do what (``sittings.permissions``); every
write goes through ``sittings.services``, which applies SIT-1 and the sitting's ordering.
"""

from datetime import date, datetime, time
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from tripartite.accounts.models import User
from tripartite.common.api import Count, Day, Id, InputSchema, plain, unknown_reference
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.constituents.models import Person
from tripartite.jobs.api import JobOut
from tripartite.meetings.models import AgendaItem, Committee, Officer, Session
from tripartite.sittings import permissions, selectors, services
from tripartite.sittings.models import (
    DecisionOutcome,
    ItemRecord,
    OnBehalfOf,
    Ordering,
    Sitting,
    SpeakerKind,
    SpeakerRequest,
)
from tripartite.votes import permissions as votes_permissions
from tripartite.votes.models import DecisionKind, Method

router = Router()


def _without_offset(value: time) -> time:
    if value.tzinfo is not None:
        # config/api.py gives the message in the user's language.
        raise PydanticCustomError("time_with_offset", "Give the time in the venue's time "
                                  "zone, without an offset.")
    return value


# A time of day in the venue's time zone (the session's): an offset would say another zone.
VenueTime = Annotated[time, AfterValidator(_without_offset)]


class SpeakerOut(Schema):
    id: int
    person: int
    name: str
    delegation: str = Field(description="The member State of the speaker's delegation.")
    group: str
    capacity: str = Field(description="The role the credentials give the speaker.")
    on_behalf_of: str
    kind: str
    position: int | None = Field(description="The place in the list; empty for a point of "
                                             "order (it comes first without taking a place).")
    status: str
    requested_at: datetime
    started_at: datetime | None
    ended_at: datetime | None


class DecisionOut(Schema):
    item: int
    outcome: str = Field(description="adopted, adopted_as_amended, deferred, referred, noted; "
                                     "empty when no decision is recorded yet.")
    text_en: str
    text_fr: str
    text_es: str
    decided_at: datetime | None
    vote: int | None = Field(description="The vote opened on the item, if any.")


class SittingOut(Schema):
    id: int
    session: int
    committee: int | None
    title: str
    date: date
    starts_at: str = Field(description="HH:MM:SS in the venue's time zone (the session's), "
                                       "without an offset.")
    ends_at: str | None
    time_zone: str
    room: str
    agenda_items: list[int]
    current_item: int | None
    chair: int | None = Field(description="The officer chairing the sitting.")
    secretary: int | None
    ordering: str
    time_limit_seconds: int | None = Field(description="Per speech; empty for none.")
    spokesperson_limit_seconds: int | None = Field(
        description="For a speech on behalf of a group; empty: as any speech.")
    reply_limit_seconds: int | None = Field(description="Empty: as any speech.")
    point_of_order_limit_seconds: int | None = Field(description="Empty: as any speech.")
    state: str
    list_closed: bool
    list_version: int = Field(description="Send it back with a move or a 'next': a list "
                                          "changed since is refused (409 list_changed).")
    speaking: SpeakerOut | None
    speaking_limit_seconds: int | None = Field(
        description="The limit of the speaker who has the floor (their kind of speech).")
    waiting: list[SpeakerOut]
    decisions: list[DecisionOut]


def _speaker_out(row: SpeakerRequest) -> dict:
    nomination = row.nomination
    return {"id": row.pk, "person": row.person_id, "name": row.person.name,
            "delegation": (nomination.delegation.member_state.name if nomination else ""),
            "group": nomination.group if nomination else "",
            "capacity": nomination.role if nomination else "",
            "on_behalf_of": row.on_behalf_of, "kind": row.kind, "position": row.position,
            "status": row.status, "requested_at": row.requested_at,
            "started_at": row.started_at, "ended_at": row.ended_at}


def _sitting_out(sitting: Sitting) -> dict:
    sitting = Sitting.objects.select_related("session").get(pk=sitting.pk)
    speaking, _clock, limit = selectors.floor_state(sitting)
    return {
        "id": sitting.pk, "session": sitting.session_id, "committee": sitting.committee_id,
        "title": sitting.title, "date": sitting.date,
        "starts_at": sitting.starts_at.isoformat(),
        "ends_at": sitting.ends_at.isoformat() if sitting.ends_at else None,
        "time_zone": sitting.session.time_zone,
        "room": sitting.room,
        "agenda_items": sorted(sitting.agenda_items.values_list("pk", flat=True)),
        "current_item": sitting.current_item_id, "chair": sitting.chair_id,
        "secretary": sitting.secretary_id, "ordering": sitting.ordering,
        "time_limit_seconds": sitting.time_limit_seconds,
        "spokesperson_limit_seconds": sitting.spokesperson_limit_seconds,
        "reply_limit_seconds": sitting.reply_limit_seconds,
        "point_of_order_limit_seconds": sitting.point_of_order_limit_seconds,
        "state": sitting.state,
        "list_closed": sitting.list_closed, "list_version": sitting.list_version,
        "speaking": _speaker_out(speaking) if speaking else None,
        "speaking_limit_seconds": limit,
        "waiting": [_speaker_out(row) for row in selectors.waiting(sitting)],
        "decisions": [_decision_out(record) for record in
                      sorted(selectors.item_records(sitting).values(), key=lambda r: r.pk)]}


def _decision_out(record: ItemRecord) -> dict:
    return {"item": record.agenda_item_id, "outcome": record.outcome,
            "text_en": record.decision_text_en or "", "text_fr": record.decision_text_fr or "",
            "text_es": record.decision_text_es or "", "decided_at": record.decided_at,
            "vote": record.vote_id}


def _sitting(id: int) -> Sitting:
    return get_object_or_404(Sitting.objects.select_related("session", "chair"), pk=id)


def _require_console(user, sitting: Sitting) -> None:
    if not permissions.can_drive_console(user, sitting):
        raise PermissionDenied


@router.get("/sessions/{id}/sittings", response=list[SittingOut], operation_id="sitting_list",
            summary="A session's sittings, each with its list of speakers")
def sitting_list(request, id: Id):
    if not permissions.can_view_sittings(request.user):
        raise PermissionDenied
    session = get_object_or_404(Session, pk=id)
    return [_sitting_out(s) for s in Sitting.objects.filter(session=session)
            .order_by("date", "starts_at", "id")]


class SittingIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    date: Day
    starts_at: VenueTime = Field(description="In the venue's time zone, without an offset.")
    ends_at: VenueTime | None = None
    room: str = Field("", max_length=200)
    committee: Id | None = None
    agenda_items: list[Id] = Field(default_factory=list, max_length=100)
    chair: Id | None = Field(None, description="Id of one of the session's officers.")
    secretary: Id | None = Field(None, description="Id of the secretary's user.")
    ordering: Ordering = Ordering.REQUEST_ORDER
    time_limit_seconds: Count | None = 300
    spokesperson_limit_seconds: Count | None = None
    reply_limit_seconds: Count | None = None
    point_of_order_limit_seconds: Count | None = None


def _found(model, pk, field, message):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise unknown_reference(("body", field), message)
    return found


@router.post("/sessions/{id}/sittings", response={201: SittingOut},
             operation_id="sitting_plan", summary="Plan a sitting")
def sitting_plan(request, id: Id, payload: SittingIn):
    if not permissions.can_plan_sittings(request.user):
        raise PermissionDenied
    session = get_object_or_404(Session, pk=id)
    items = list(AgendaItem.objects.filter(pk__in=payload.agenda_items))
    if len(items) != len(set(payload.agenda_items)):
        raise unknown_reference(("body", "agenda_items"), "No agenda item has this id.")
    sitting = services.sitting_plan(
        actor=request.user, session=session, agenda_items=items, title=payload.title,
        date=payload.date, starts_at=payload.starts_at, ends_at=payload.ends_at,
        room=payload.room,
        committee=_found(Committee, payload.committee, "committee", "No committee has this id."),
        chair=_found(Officer, payload.chair, "chair", "No officer has this id."),
        secretary=_found(User, payload.secretary, "secretary", "No user has this id."),
        ordering=plain(payload.ordering), time_limit_seconds=payload.time_limit_seconds,
        spokesperson_limit_seconds=payload.spokesperson_limit_seconds,
        reply_limit_seconds=payload.reply_limit_seconds,
        point_of_order_limit_seconds=payload.point_of_order_limit_seconds)
    return Status(201, _sitting_out(sitting))


@router.get("/sittings/{id}", response=SittingOut, operation_id="sitting_detail",
            summary="A sitting: who has the floor and the list of speakers")
def sitting_detail(request, id: Id):
    if not permissions.can_view_sittings(request.user):
        raise PermissionDenied
    return _sitting_out(_sitting(id))


class StepIn(InputSchema):
    step: Literal["open", "suspend", "resume", "close"]


@router.post("/sittings/{id}/steps", response=SittingOut, operation_id="sitting_step",
             summary="Open, suspend, resume or close a sitting (409 wrong_state)")
def sitting_step(request, id: Id, payload: StepIn):
    sitting = _sitting(id)
    _require_console(request.user, sitting)
    return _sitting_out(services.sitting_step(actor=request.user, sitting=sitting,
                                              step=payload.step))


class FloorRequestIn(InputSchema):
    kind: SpeakerKind = SpeakerKind.SPEECH
    on_behalf_of: OnBehalfOf = OnBehalfOf.SELF
    person: Id | None = Field(None, description="Only the console enters a request for "
                                                 "someone else; empty: the logged-in "
                                                 "participant.")
    agenda_item: Id | None = Field(None, description="Empty: the item under discussion.")
    acting_for_delegate: bool = False
    authorised_by_delegate: bool = Field(False, description="Recorded by the console only.")
    chair_allows: bool = Field(False, description="Recorded by the console only.")


@router.post("/sittings/{id}/speakers", response={201: SpeakerOut},
             operation_id="floor_request", summary="Ask for the floor")
def floor_request(request, id: Id, payload: FloorRequestIn):
    """Refused with the reason (400 may_not_speak) when the credentials do not allow it
    (SIT-1); 409 list_closed, sitting_closed or already_waiting; 400 no_person when the login
    is not linked to a participant."""
    sitting = _sitting(id)
    console = permissions.can_drive_console(request.user, sitting)
    if not (console or permissions.can_ask_for_the_floor(request.user)):
        raise PermissionDenied
    person_id = payload.person or getattr(request.user, "person_id", None)
    if person_id is None:
        raise ServiceError(_("Say who asks for the floor: this login is not a participant."),
                           code="no_person", field="person")
    person = _found(Person, person_id, "person", "No person has this id.")
    agenda_item = _found(AgendaItem, payload.agenda_item, "agenda_item",
                         "No agenda item has this id.")
    row = services.floor_request(
        actor=request.user, sitting=sitting, person=person, kind=plain(payload.kind),
        on_behalf_of=plain(payload.on_behalf_of), agenda_item=agenda_item,
        acting_for_delegate=payload.acting_for_delegate,
        authorised_by_delegate=payload.authorised_by_delegate,
        chair_allows=payload.chair_allows)
    return Status(201, _speaker_out(SpeakerRequest.objects.select_related(
        "person", "nomination__delegation__member_state").get(pk=row.pk)))


class FloorIn(InputSchema):
    speaker: Id | None = Field(None, description="A waiting request; empty: the next one "
                                                  "(a point of order first).")
    version: Count | None = Field(None, description="The list_version seen.")


@router.post("/sittings/{id}/floor", response=SittingOut, operation_id="floor_give",
             summary="Give the floor (to a speaker, or the next)")
def floor_give(request, id: Id, payload: FloorIn):
    sitting = _sitting(id)
    _require_console(request.user, sitting)
    chosen = None
    if payload.speaker is not None:
        chosen = SpeakerRequest.objects.filter(pk=payload.speaker, sitting=sitting).first()
        if chosen is None:
            raise unknown_reference(("body", "speaker"), "No request of this sitting has "
                                                         "this id.")
    services.floor_give(actor=request.user, sitting=sitting, request=chosen,
                        version=payload.version)
    return _sitting_out(sitting)


class VersionIn(InputSchema):
    version: Count | None = Field(None, description="The list_version seen.")


@router.post("/sittings/{id}/list/close", response=SittingOut, operation_id="list_close",
             summary="Close the list of speakers")
def list_close(request, id: Id, payload: VersionIn):
    sitting = _sitting(id)
    _require_console(request.user, sitting)
    return _sitting_out(services.list_close(actor=request.user, sitting=sitting,
                                            version=payload.version))


class ItemIn(InputSchema):
    item: Id = Field(description="One of the agenda items the sitting takes.")


@router.post("/sittings/{id}/item", response=SittingOut, operation_id="item_take_up",
             summary="Take up another of the sitting's items (the item under discussion)")
def item_take_up(request, id: Id, payload: ItemIn):
    """As the console's "Take up": new requests for the floor are on that item, and the
    room's displays follow. An item the sitting does not take is refused (400, field
    ``item``); an unknown id is 422 ``unknown_reference``."""
    sitting = _sitting(id)
    _require_console(request.user, sitting)
    item = _found(AgendaItem, payload.item, "item", "No agenda item has this id.")
    return _sitting_out(services.item_take_up(actor=request.user, sitting=sitting,
                                              item=item))


def _speaker(id: int) -> SpeakerRequest:
    return get_object_or_404(SpeakerRequest.objects.select_related("sitting__chair"), pk=id)


class MoveIn(InputSchema):
    direction: Literal["up", "down"]
    version: Count | None = Field(None, description="The list_version seen; a list changed "
                                                    "since is refused (409 list_changed).")


@router.post("/speakers/{id}/move", response=SittingOut, operation_id="speaker_move",
             summary="Move a waiting speaker one place up or down")
def speaker_move(request, id: Id, payload: MoveIn):
    row = _speaker(id)
    _require_console(request.user, row.sitting)
    version = payload.version if payload.version is not None else row.sitting.list_version
    services.speaker_move(actor=request.user, request=row, direction=payload.direction,
                          version=version)
    return _sitting_out(row.sitting)


@router.post("/speakers/{id}/withdraw", response=SpeakerOut, operation_id="floor_withdraw",
             summary="Withdraw a waiting request (one's own, or any from the console)")
def floor_withdraw(request, id: Id):
    row = _speaker(id)
    if not (permissions.can_drive_console(request.user, row.sitting)
            or (permissions.can_ask_for_the_floor(request.user)
                and request.user.person_id == row.person_id)):
        raise PermissionDenied
    services.floor_withdraw(actor=request.user, request=row)
    return _speaker_out(SpeakerRequest.objects.select_related(
        "person", "nomination__delegation__member_state").get(pk=row.pk))


# ---------------------------------------------------------------------------------------------
# Editing a planned sitting; decisions, votes and notes; the records; the figures


class SittingChangeIn(InputSchema):
    """Only the fields sent are changed."""

    title: str | None = Field(None, min_length=1, max_length=200)
    date: Day | None = None
    starts_at: VenueTime | None = None
    ends_at: VenueTime | None = None
    room: str | None = Field(None, max_length=200)
    committee: Id | None = None
    agenda_items: list[Id] | None = Field(None, max_length=100)
    chair: Id | None = None
    secretary: Id | None = None
    ordering: Ordering | None = None
    time_limit_seconds: Count | None = None
    spokesperson_limit_seconds: Count | None = None
    reply_limit_seconds: Count | None = None
    point_of_order_limit_seconds: Count | None = None


REFERENCES = {"committee": (Committee, "No committee has this id."),
              "chair": (Officer, "No officer has this id."),
              "secretary": (User, "No user has this id.")}


@router.patch("/sittings/{id}", response=SittingOut, operation_id="sitting_edit",
              summary="Change a planned sitting (409 wrong_state once opened)")
def sitting_edit(request, id: Id, payload: SittingChangeIn):
    if not permissions.can_plan_sittings(request.user):
        raise PermissionDenied
    sitting = _sitting(id)
    values = payload.model_dump(exclude_unset=True)
    items = None
    if "agenda_items" in values:
        wanted = values.pop("agenda_items") or []
        items = list(AgendaItem.objects.filter(pk__in=wanted))
        if len(items) != len(set(wanted)):
            raise unknown_reference(("body", "agenda_items"), "No agenda item has this id.")
    for name, (model, message) in REFERENCES.items():
        if name in values:
            values[name] = _found(model, values[name], name, message)
    if "ordering" in values:
        if values["ordering"] is None:
            raise ServiceError(_("Unknown order of the list of speakers."), field="ordering")
        values["ordering"] = plain(values["ordering"])
    for name in ("title", "date", "starts_at", "room"):
        if name in values and values[name] is None:
            raise ServiceError(_("This field cannot be empty."), field=name)
    services.sitting_edit(actor=request.user, sitting=sitting, agenda_items=items, **values)
    return _sitting_out(sitting)


@router.delete("/sittings/{id}", response={204: None}, operation_id="sitting_delete",
               summary="Delete a sitting that has not opened (409 once it has)")
def sitting_delete(request, id: Id):
    """With its list of speakers and its log; its agenda items stay on the agenda. Refused,
    with the reason and nothing deleted, once the sitting has opened (409 ``wrong_state``)
    or when something of its record is kept on it (409 ``has_record``: notes)."""
    if not permissions.can_plan_sittings(request.user):
        raise PermissionDenied
    services.sitting_delete(actor=request.user, sitting=_sitting(id))
    return None


class DecisionIn(InputSchema):
    item: Id | None = Field(None, description="One of the sitting's items; empty: the item "
                                              "under discussion.")
    outcome: DecisionOutcome
    text_en: str = Field(min_length=1, max_length=20_000)
    text_fr: str = Field("", max_length=20_000)
    text_es: str = Field("", max_length=20_000)


def _item_of(sitting: Sitting, pk: int | None) -> AgendaItem:
    item = (_found(AgendaItem, pk, "item", "No agenda item has this id.") if pk is not None
            else sitting.current_item)
    if item is None:
        raise ServiceError(_("Take up an item first."), field="item")
    return item


@router.post("/sittings/{id}/decisions", response={201: DecisionOut},
             operation_id="decision_record",
             summary="Record the decision on an item (recording it again replaces it)")
def decision_record(request, id: Id, payload: DecisionIn):
    sitting = _sitting(id)
    _require_console(request.user, sitting)
    record = services.decision_record(
        actor=request.user, sitting=sitting, item=_item_of(sitting, payload.item),
        outcome=plain(payload.outcome), text_en=payload.text_en, text_fr=payload.text_fr,
        text_es=payload.text_es)
    return Status(201, _decision_out(record))


class ItemVoteIn(InputSchema):
    item: Id | None = Field(None, description="Empty: the item under discussion.")
    method: Method
    decision: DecisionKind = DecisionKind.OTHER
    subject_en: str = Field(min_length=1, max_length=500)
    subject_fr: str = Field("", max_length=500)
    subject_es: str = Field("", max_length=500)


class ItemVoteOut(Schema):
    vote: int
    item: int
    state: str
    url: str = Field(description="The vote in the API: open it there (POST .../open).")


@router.post("/sittings/{id}/votes", response={201: ItemVoteOut},
             operation_id="item_vote_create",
             summary="Prepare a vote on an item, in the votes room")
def item_vote_create(request, id: Id, payload: ItemVoteIn):
    sitting = _sitting(id)
    _require_console(request.user, sitting)
    if not votes_permissions.can_manage_votes(request.user):
        raise PermissionDenied
    item = _item_of(sitting, payload.item)
    vote = services.item_vote_create(
        actor=request.user, sitting=sitting, item=item, method=plain(payload.method),
        decision=plain(payload.decision), subject_en=payload.subject_en,
        subject_fr=payload.subject_fr, subject_es=payload.subject_es)
    return Status(201, {"vote": vote.pk, "item": item.pk, "state": vote.state,
                        "url": f"/api/votes/{vote.pk}"})


class NotesIn(InputSchema):
    speaker: Id | None = Field(None, description="A request of this sitting (notes on that "
                                                  "speech; on a request still waiting, they "
                                                  "become the speech's notes when the floor "
                                                  "is given); or else:")
    item: Id | None = Field(None, description="One of the sitting's items; with neither, the "
                                              "item under discussion.")
    text: str = Field("", max_length=services.NOTES_MAX)


class NotesOut(Schema):
    speaker: int | None
    item: int | None
    text: str


@router.put("/sittings/{id}/notes", response=NotesOut, operation_id="notes_save",
            summary="Save the secretary's notes on a speech or on an item")
def notes_save(request, id: Id, payload: NotesIn):
    sitting = _sitting(id)
    _require_console(request.user, sitting)
    speaker = item = None
    if payload.speaker is not None:
        speaker = SpeakerRequest.objects.filter(pk=payload.speaker, sitting=sitting).first()
        if speaker is None:
            raise unknown_reference(("body", "speaker"), "No request of this sitting has "
                                                         "this id.")
    else:
        item = _item_of(sitting, payload.item)
    saved = services.note_save(actor=request.user, sitting=sitting, speaker=speaker,
                               item=item, text=payload.text)
    return {"speaker": payload.speaker, "item": item.pk if item else None, "text": saved.notes}


class SpokenOut(Schema):
    name: str
    delegation: str
    group: str
    capacity: str
    on_behalf_of: str
    kind: str
    seconds: int
    notes: str


class VoteResultOut(Schema):
    id: int
    subject: str
    state: str
    method: str
    yes: str | None = None
    no: str | None = None
    abstain: str | None = None
    cast: str | None = None
    quorum: int | None = None
    required: str | None = None
    outcome: str | None = None
    explanation: list[str] = Field(default_factory=list)


class ProceedingsItemOut(Schema):
    item: int
    title: str
    notes: str
    speakers: list[SpokenOut]
    outcome: str
    decision_text: str
    vote: VoteResultOut | None


@router.get("/sittings/{id}/record", response=list[ProceedingsItemOut],
            operation_id="proceedings_detail",
            summary="The draft record of proceedings, in the caller's language")
def proceedings_detail(request, id: Id):
    sitting = _sitting(id)
    if not permissions.can_draft_record(request.user, sitting):
        raise PermissionDenied
    return [{"item": entry.item.pk, "title": entry.title, "notes": entry.notes,
             "speakers": entry.speakers, "outcome": entry.outcome,
             "decision_text": entry.decision_text, "vote": entry.vote}
            for entry in selectors.proceedings(sitting, current_language())]


class RecordIn(InputSchema):
    language: Literal["en", "fr", "es"] = "en"
    format: Literal["docx", "pdf"] = "docx"


@router.post("/sittings/{id}/record", response={202: JobOut},
             operation_id="proceedings_queue",
             summary="Make the record of proceedings as Word or PDF (a job)")
def proceedings_queue(request, id: Id, payload: RecordIn):
    sitting = _sitting(id)
    if not permissions.can_draft_record(request.user, sitting):
        raise PermissionDenied
    return Status(202, services.proceedings_queue(actor=request.user, sitting=sitting,
                                                  language=payload.language,
                                                  fmt=payload.format))


class SessionDecisionOut(Schema):
    sitting: str
    date: date
    outcome: str
    text: str


class DecisionsItemOut(Schema):
    item: int
    title: str
    decisions: list[SessionDecisionOut]
    votes: list[VoteResultOut]


@router.get("/sessions/{id}/decisions", response=list[DecisionsItemOut],
            operation_id="decisions_detail",
            summary="The record of decisions of a session, in the caller's language")
def decisions_detail(request, id: Id):
    if not permissions.can_view_sittings(request.user):
        raise PermissionDenied
    session = get_object_or_404(Session, pk=id)
    return [{"item": row["item"].pk, "title": row["title"], "decisions": row["decisions"],
             "votes": row["votes"]}
            for row in selectors.session_decisions(session, current_language())]


@router.post("/sessions/{id}/decisions", response={202: JobOut},
             operation_id="decisions_queue",
             summary="Make the record of decisions as Word or PDF (a job)")
def decisions_queue(request, id: Id, payload: RecordIn):
    if not permissions.can_view_sittings(request.user):
        raise PermissionDenied
    session = get_object_or_404(Session, pk=id)
    return Status(202, services.decisions_queue(actor=request.user, session=session,
                                                language=payload.language,
                                                fmt=payload.format))


class TallyOut(Schema):
    label: str
    speeches: int
    seconds: int


class WomenOut(Schema):
    group: str
    women: int
    speakers: int
    percent: float | None


class NotReachedOut(Schema):
    name: str
    delegation: str
    sitting: str
    item: str
    kind: str


class FiguresOut(Schema):
    total_seconds: int
    speakers: list[TallyOut]
    delegations: list[TallyOut]
    groups: list[TallyOut]
    items: list[TallyOut]
    not_reached: list[NotReachedOut]
    points_of_order: int
    rights_of_reply: int
    women: list[WomenOut] = Field(description="Among the persons who spoke, by group "
                                              "(Person.gender).")


@router.get("/sessions/{id}/speaking-figures", response=FiguresOut,
            operation_id="speaking_figures",
            summary="Speaking time per speaker, delegation, group and item, and more")
def speaking_figures(request, id: Id):
    if not permissions.can_view_figures(request.user):
        raise PermissionDenied
    session = get_object_or_404(Session, pk=id)
    found = selectors.figures(session)
    return {"total_seconds": found.total_seconds, "speakers": found.speakers,
            "delegations": found.delegations, "groups": found.groups, "items": found.items,
            "not_reached": found.not_reached, "points_of_order": found.points_of_order,
            "rights_of_reply": found.rights_of_reply,
            "women": [{"group": group, "women": share.women, "speakers": share.total,
                       "percent": share.percent} for group, share in found.women]}
