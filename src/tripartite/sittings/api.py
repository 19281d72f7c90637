"""Sittings in the JSON API: plan sittings, open/suspend/resume/close them, ask for the floor
and withdraw, give the floor, move a speaker (with the list's version), close the list.

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
from tripartite.constituents.models import Person
from tripartite.meetings.models import AgendaItem, Committee, Officer, Session
from tripartite.sittings import permissions, services
from tripartite.sittings.models import (
    OnBehalfOf,
    Ordering,
    Sitting,
    SpeakerKind,
    SpeakerRequest,
    SpeakerStatus,
)

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
    time_limit_seconds: int | None
    state: str
    list_closed: bool
    list_version: int = Field(description="Send it back with a move or a 'next': a list "
                                          "changed since is refused (409 list_changed).")
    speaking: SpeakerOut | None
    waiting: list[SpeakerOut]


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
    speaking = (SpeakerRequest.objects.filter(sitting=sitting, status=SpeakerStatus.SPEAKING)
                .select_related("person", "nomination__delegation__member_state").first())
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
        "time_limit_seconds": sitting.time_limit_seconds, "state": sitting.state,
        "list_closed": sitting.list_closed, "list_version": sitting.list_version,
        "speaking": _speaker_out(speaking) if speaking else None,
        "waiting": [_speaker_out(row) for row in services.waiting(sitting)]}


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
        ordering=plain(payload.ordering), time_limit_seconds=payload.time_limit_seconds)
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
