"""The doors in the JSON API: a check-in scan, and the quorum base of a session.

The same predicates as the pages decide (``registration.permissions``); a scan goes through
``checkin.scan`` and answers only what the badge shows.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from tripartite.common.api import Id, InputSchema, Moment
from tripartite.meetings.models import Session
from tripartite.registration import attendance, permissions
from tripartite.registration.services import checkin
from tripartite.rules.voting import quorum_from_entitled

doors_router = Router()


class CheckInIn(InputSchema):
    token: str = Field(max_length=500, description="The text of the badge's QR code.")
    door: str = Field(max_length=checkin.DOOR_MAX_LENGTH, description="Where the scan is made.")
    request_id: str | None = Field(
        None, max_length=checkin.REQUEST_ID_MAX_LENGTH,
        description="A new random id per scan (e.g. a UUID). Sending the same id again "
                    "(a retry) answers as the first time and records nothing.")


class CheckInOut(Schema):
    result: str = Field(description="admitted, already_inside, revoked, unknown, forged, "
                                    "other_session or departed.")
    label: str = Field(description="The result, in the language of the request.")
    message: str = Field(description="What to tell the person at the door.")
    admitted: bool = Field(description="Let the person in (admitted or already_inside).")
    replayed: bool = Field(description="True when this answers a request id already seen.")
    at: datetime
    door: str
    badge_number: int | None
    name: str
    name_latin: str = Field(description="The Latin form of the name, when it differs.")
    affiliation: str = Field(description="The delegation (the State's official name, in the "
                                         "language of the request) or the organization as "
                                         "typed at the desk.")
    role: str = Field(description="The role, in the language of the request and the "
                                  "holder's gender.")
    category: str
    category_label: str
    photo_url: str = Field(description="The photo, for users entitled to see it; empty if "
                                       "none.")


class QuorumBaseOut(Schema):
    at: datetime
    basis: str = Field(description="desk (registered at the desk) or accredited.")
    government: int
    employers: int
    workers: int
    total: int
    quorum: int = Field(description="Half of the total, rounded up (ILC-3).")


class QuorumQuery(Schema):
    at: Moment | None = Field(None, description="The moment; now if left out.")


def _session(pk: int) -> Session:
    return get_object_or_404(Session, pk=pk)


@doors_router.post("/sessions/{id}/check-ins", response=CheckInOut, operation_id="check_in",
                   summary="Scan a badge at a door")
def check_in(request, id: Id, payload: CheckInIn):
    """Check the badge whose QR code reads ``token``; records the day's first entry.

    For check-in staff and the secretariat; at most CHECKIN_RATE_PER_MINUTE scans a minute
    per login (429 beyond). A refused badge answers 200 with its result (forged, unknown,
    revoked…): the scan was made and logged.
    """
    if not permissions.can_check_in(request.user):
        raise PermissionDenied
    session = _session(id)
    outcome = checkin.scan(session, payload.token, payload.door, request.user,
                           request_id=payload.request_id)
    return outcome.as_dict()


@doors_router.get("/sessions/{id}/quorum-base", response=QuorumBaseOut,
                  operation_id="quorum_base", summary="The quorum base of a session")
def quorum_base(request, id: Id, query: Query[QuorumQuery]):
    """Registered delegates entitled to vote, by group, at ``at`` (now), and the quorum."""
    if not permissions.can_view_attendance(request.user):
        raise PermissionDenied
    session = _session(id)
    at = query.at or datetime.now().astimezone()
    basis = attendance.quorum_basis(session)
    base = attendance.quorum_base(session, at, basis=basis)
    return {"at": at, "basis": basis, **base.as_dict(),
            "quorum": quorum_from_entitled(base.total)}
