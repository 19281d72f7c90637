"""API for meetings, their sessions and agenda items.

Any logged-in user reads; writes go through the services, which require
``can_manage_meetings``. Titles are given in the three languages and once more in the
language of the request. Times are answered in UTC with the session's ``time_zone``.
"""

from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from tripartite.common.api import (
    Count,
    Id,
    InputSchema,
    Moment,
    Year,
    body_data,
    patch_changes,
    unknown_reference,
)
from tripartite.constituents.api import member_state_from
from tripartite.meetings import permissions, selectors, services
from tripartite.meetings.models import AgendaItem, Meeting, MeetingType, Session

router = Router()


def _require_reader(user):
    if not permissions.can_view_meetings(user):
        raise PermissionDenied


TITLE_DESCRIPTION = "In the language of the request (falls back to English)."


# --- meetings ------------------------------------------------------------------------------

class MeetingOut(Schema):
    id: int
    type: str
    title: str = Field(description=TITLE_DESCRIPTION)
    title_en: str
    title_fr: str | None
    title_es: str | None
    acronym: str
    created_at: datetime
    updated_at: datetime


class MeetingIn(InputSchema):
    type: MeetingType
    title_en: str
    title_fr: str = ""
    title_es: str = ""
    acronym: str = ""


class MeetingPatch(InputSchema):
    type: MeetingType | None = None
    title_en: str | None = None
    title_fr: str | None = None
    title_es: str | None = None
    acronym: str | None = None
    updated_at: Moment | None = Field(
        None, description="The updated_at you were shown: a 409 answers if it changed since.")


@router.get("/meetings", response=list[MeetingOut], operation_id="meeting_list",
            summary="Meetings")
def meeting_list(request):
    _require_reader(request.user)
    return Meeting.objects.all()


@router.post("/meetings", response={201: MeetingOut}, operation_id="meeting_create",
             summary="Create a meeting")
def meeting_create(request, payload: MeetingIn):
    return services.meeting_create(actor=request.user, **body_data(payload))


@router.get("/meetings/{id}", response=MeetingOut, operation_id="meeting_detail",
            summary="A meeting")
def meeting_detail(request, id: Id):
    _require_reader(request.user)
    return get_object_or_404(Meeting, pk=id)


@router.patch("/meetings/{id}", response=MeetingOut, operation_id="meeting_update",
              summary="Change a meeting")
def meeting_update(request, id: Id, payload: MeetingPatch):
    meeting = get_object_or_404(Meeting, pk=id)
    changes, seen_updated_at = patch_changes(payload)
    return services.meeting_update(meeting=meeting, actor=request.user, changes=changes,
                                   seen_updated_at=seen_updated_at)


# --- sessions ------------------------------------------------------------------------------

class SessionOut(Schema):
    id: int
    meeting: int
    meeting_title: str = Field(description=TITLE_DESCRIPTION)
    number: str
    title: str = Field(description=TITLE_DESCRIPTION)
    title_en: str
    title_fr: str | None
    title_es: str | None
    opens_at: datetime = Field(description="In UTC.")
    closes_at: datetime = Field(description="In UTC.")
    time_zone: str = Field(description="The venue's time zone (IANA name).")
    opens_at_local: datetime = Field(description="In the session's time zone.")
    closes_at_local: datetime = Field(description="In the session's time zone.")
    venue: str = Field(description="In the reader's language (English where none is given).")
    venue_en: str | None
    venue_fr: str | None
    venue_es: str | None
    city: str = Field(description="In the reader's language (English where none is given).")
    city_en: str | None
    city_fr: str | None
    city_es: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of the host State.")
    working_languages: list[str]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_meeting(session: Session) -> int:
        return session.meeting_id

    @staticmethod
    def resolve_meeting_title(session: Session) -> str:
        return session.meeting.title

    @staticmethod
    def resolve_opens_at(session: Session) -> datetime:
        return session.opens_at.astimezone(UTC)

    @staticmethod
    def resolve_closes_at(session: Session) -> datetime:
        return session.closes_at.astimezone(UTC)

    @staticmethod
    def resolve_opens_at_local(session: Session) -> datetime:
        return session.local_opens_at

    @staticmethod
    def resolve_closes_at_local(session: Session) -> datetime:
        return session.local_closes_at

    @staticmethod
    def resolve_country(session: Session) -> str | None:
        return session.country.iso2 if session.country_id else None


class SessionIn(InputSchema):
    meeting: Id = Field(description="Id of the meeting.")
    title_en: str
    title_fr: str = ""
    title_es: str = ""
    number: str = ""
    opens_at: Moment = Field(description="ISO 8601 with offset, e.g. "
                                                "2026-06-01T10:00:00+02:00.")
    closes_at: Moment
    time_zone: str = "Europe/Zurich"
    venue: str = Field("", description="In English.")
    city: str = Field("", description="In English.")
    venue_fr: str = Field("", description="Empty: the usual name of a well-known place, or the "
                                          "English one.")
    venue_es: str = ""
    city_fr: str = Field("", description="e.g. Genève")
    city_es: str = Field("", description="e.g. Ginebra")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code of the host State.")
    working_languages: list[str] | None = Field(None, description="Defaults to en, fr, es.")


class SessionPatch(InputSchema):
    title_en: str | None = None
    title_fr: str | None = None
    title_es: str | None = None
    number: str | None = None
    opens_at: Moment | None = None
    closes_at: Moment | None = None
    time_zone: str | None = None
    venue: str | None = Field(None, description="In English (as venue_en).")
    city: str | None = Field(None, description="In English (as city_en).")
    venue_en: str | None = None
    venue_fr: str | None = None
    venue_es: str | None = None
    city_en: str | None = None
    city_fr: str | None = None
    city_es: str | None = None
    country: str | None = None
    working_languages: list[str] | None = None
    updated_at: Moment | None = None


def _session_or_404(pk: int) -> Session:
    return get_object_or_404(selectors.sessions_with_meeting(), pk=pk)


def _country(data: dict) -> dict:
    if data.get("country") is not None:
        data["country"] = member_state_from(data["country"], location=("body", "country"))
    return data


@router.get("/sessions", response=list[SessionOut], operation_id="session_list",
            summary="Sessions")
def session_list(request, meeting: Id | None = None, year: Year | None = None):
    """Sessions in the order they open; ``meeting`` (id) and ``year`` (of opening) narrow."""
    _require_reader(request.user)
    sessions = selectors.sessions_with_meeting().order_by("opens_at", "id")
    if meeting is not None:
        sessions = sessions.filter(meeting_id=meeting)
    if year is not None:
        sessions = sessions.filter(opens_at__year=year)
    return sessions


@router.post("/sessions", response={201: SessionOut}, operation_id="session_create",
             summary="Create a session")
def session_create(request, payload: SessionIn):
    data = _country(payload.model_dump())
    meeting = Meeting.objects.filter(pk=data.pop("meeting")).first()
    if meeting is None:
        raise unknown_reference(("body", "meeting"), _("No meeting has the id %(id)s.")
                                % {"id": payload.meeting})
    return services.session_create(actor=request.user, meeting=meeting, **data)


@router.get("/sessions/{id}", response=SessionOut, operation_id="session_detail",
            summary="A session")
def session_detail(request, id: Id):
    _require_reader(request.user)
    return _session_or_404(id)


@router.patch("/sessions/{id}", response=SessionOut, operation_id="session_update",
              summary="Change a session")
def session_update(request, id: Id, payload: SessionPatch):
    session = _session_or_404(id)
    changes, seen_updated_at = patch_changes(payload)
    for field in ("venue", "city"):  # the plain names are the English ones
        if field in changes:
            changes.setdefault(f"{field}_en", changes.pop(field))
    return services.session_update(session=session, actor=request.user,
                                   changes=_country(changes), seen_updated_at=seen_updated_at)


# --- agenda items --------------------------------------------------------------------------

class AgendaItemOut(Schema):
    id: int
    session: int
    number: str
    position: int
    title: str = Field(description=TITLE_DESCRIPTION)
    title_en: str
    title_fr: str | None
    title_es: str | None
    technical: bool = Field(description="Counts for advisers (Constitution art. 3(2)).")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_session(item: AgendaItem) -> int:
        return item.session_id


class AgendaItemIn(InputSchema):
    number: str = Field(description="As published: I, II, IV, INS/3 …")
    title_en: str
    title_fr: str = ""
    title_es: str = ""
    technical: bool = True
    position: Count | None = Field(None, ge=0, description="Defaults to after the last item.")


class AgendaItemPatch(InputSchema):
    number: str | None = None
    title_en: str | None = None
    title_fr: str | None = None
    title_es: str | None = None
    technical: bool | None = None
    position: Count | None = Field(None, ge=0)
    updated_at: Moment | None = None


@router.get("/sessions/{id}/agenda-items", response=list[AgendaItemOut],
            operation_id="agenda_item_list", summary="A session's agenda")
def agenda_item_list(request, id: Id):
    _require_reader(request.user)
    session = get_object_or_404(Session, pk=id)
    return session.agenda_items.order_by("position", "id")


@router.post("/sessions/{id}/agenda-items", response={201: AgendaItemOut},
             operation_id="agenda_item_create", summary="Add an item to a session's agenda")
def agenda_item_create(request, id: Id, payload: AgendaItemIn):
    session = get_object_or_404(Session, pk=id)
    return services.agenda_item_create(actor=request.user, session=session,
                                       **payload.model_dump())


@router.get("/agenda-items/{id}", response=AgendaItemOut, operation_id="agenda_item_detail",
            summary="An agenda item")
def agenda_item_detail(request, id: Id):
    _require_reader(request.user)
    return get_object_or_404(AgendaItem, pk=id)


@router.patch("/agenda-items/{id}", response=AgendaItemOut, operation_id="agenda_item_update",
              summary="Change an agenda item")
def agenda_item_update(request, id: Id, payload: AgendaItemPatch):
    item = get_object_or_404(AgendaItem, pk=id)
    changes, seen_updated_at = patch_changes(payload)
    return services.agenda_item_update(item=item, actor=request.user, changes=changes,
                                       seen_updated_at=seen_updated_at)


@router.delete("/agenda-items/{id}", response={204: None}, operation_id="agenda_item_delete",
               summary="Remove an agenda item")
def agenda_item_delete(request, id: Id):
    item = get_object_or_404(AgendaItem, pk=id)
    services.agenda_item_delete(item=item, actor=request.user)
    return None
