"""The registration desk in the JSON API: find, read, register, print badges, upload a photo.

The same predicates as the pages decide (``registration.permissions``); every write goes
through ``registration.services``. Printing answers the PDF of the badges (``format=pdf``,
the default) or, with ``format=json``, the numbers of the badges printed.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from tripartite.common.api import Id, InputSchema
from tripartite.common.services import ServiceError
from tripartite.constituents.models import MemberState
from tripartite.jobs.api import JobOut
from tripartite.meetings.models import Session
from tripartite.registration import permissions, photos, selectors
from tripartite.registration.models import Badge, Registration
from tripartite.registration.services import desk
from tripartite.registration.services.photos import photo_set

router = Router()


class BadgeOut(Schema):
    number: int
    printed_at: datetime
    revoked_at: datetime | None
    revoked_reason: str


class RegistrationOut(Schema):
    id: int
    session: int
    person: int
    name: str = Field(description="As the person writes it, in any script.")
    name_latin: str
    member_state: str | None = Field(description="ISO code of the delegation's State; "
                                                 "null when registered by hand.")
    nomination: int | None
    category: str = Field(description="government, employers, workers, observer, "
                                      "secretariat or press.")
    role_label: str
    affiliation: str
    has_photo: bool
    photo_confirmed_at: datetime | None
    registered_at: datetime | None = Field(description="When the desk confirmed the "
                                                       "identity; null: not yet.")
    badge: int | None = Field(description="Number of the badge in force.")
    badges: list[BadgeOut] = Field(description="Every badge printed, newest first.")
    updated_at: datetime


def _out(registration) -> dict:
    person = registration.person
    nomination = registration.nomination
    valid = selectors.valid_badge(registration)
    return {
        "id": registration.pk, "session": registration.session_id, "person": person.pk,
        "name": person.name, "name_latin": person.name_latin,
        "member_state": nomination.delegation.member_state.iso2 if nomination else None,
        "nomination": registration.nomination_id, "category": registration.category,
        "role_label": registration.role_label, "affiliation": registration.affiliation,
        "has_photo": bool(registration.photo),
        "photo_confirmed_at": registration.photo_confirmed_at,
        "registered_at": registration.registered_at,
        "badge": valid.number if valid else None,
        "badges": [{"number": b.number, "printed_at": b.printed_at, "revoked_at": b.revoked_at,
                    "revoked_reason": b.revoked_reason} for b in registration.badges.all()],
        "updated_at": registration.updated_at,
    }


def _desk_session(request, id) -> Session:
    session = get_object_or_404(Session, pk=id)
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied
    return session


def _registration(id) -> Registration:
    return get_object_or_404(selectors.registrations_queryset(), pk=id)


class SearchQuery(Schema):
    q: str = Field("", description="A name (any script or Latin form, accents ignored) "
                                   "or a badge number.", max_length=200)
    member_state: str = Field("", description="ISO code: that State's delegation.",
                              max_length=2)


@router.get("/sessions/{id}/registrations", response=list[RegistrationOut],
            operation_id="registration_search", summary="Find registrations at the desk")
def registration_search(request, id: Id, filters: Query[SearchQuery]):
    """At most 50, by name; ``q`` and/or ``member_state`` are needed (none: an empty list)."""
    session = _desk_session(request, id)
    return [_out(reg) for reg in selectors.search(session, text=filters.q,
                                                  iso2=filters.member_state)]


class FromCredentialsOut(Schema):
    created: int
    updated: int
    unchanged: int
    skipped: int = Field(description="Persons already registered by hand.")
    withdrawn: int = Field(description="Registrations whose nomination is no longer "
                                       "accredited (left as they are).")


@router.post("/sessions/{id}/registrations/from-credentials", response=FromCredentialsOut,
             operation_id="registrations_from_credentials",
             summary="Register the accredited delegations")
def registrations_from_credentials(request, id: Id):
    """Idempotent: run it again after new credentials arrive."""
    session = _desk_session(request, id)
    return desk.registrations_from_nominations(actor=request.user, session=session)


class RegistrationAddIn(InputSchema):
    name: str = Field(max_length=200)
    name_latin: str = Field("", max_length=200)
    gender: str = Field(pattern="^(f|m|x)$")
    category: str = Field(description="observer, secretariat or press.")
    role_label: str = Field("", max_length=100)
    affiliation: str = Field("", max_length=200)


@router.post("/sessions/{id}/registrations", response={201: RegistrationOut},
             operation_id="registration_add",
             summary="Register an observer, press or secretariat member")
def registration_add(request, id: Id, payload: RegistrationAddIn):
    session = _desk_session(request, id)
    registration = desk.registration_add(actor=request.user, session=session,
                                         **payload.model_dump())
    return Status(201, _out(_registration(registration.pk)))


@router.get("/registrations/{id}", response=RegistrationOut,
            operation_id="registration_detail", summary="A registration")
def registration_detail(request, id: Id):
    """For the desk, the person themself and their State's focal point."""
    registration = _registration(id)
    if not permissions.can_view_registration(request.user, registration):
        raise PermissionDenied
    return _out(registration)


class SeenIn(InputSchema):
    updated_at: datetime | None = Field(None, description="The registration's updated_at "
                                                          "you were shown: 409 if changed.")


@router.post("/registrations/{id}/identity", response=RegistrationOut,
             operation_id="registration_confirm_identity",
             summary="Confirm the identity: registered")
def registration_confirm_identity(request, id: Id, payload: SeenIn):
    registration = _registration(id)
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied
    desk.identity_confirm(actor=request.user, registration=registration,
                          seen_updated_at=payload.updated_at)
    return _out(_registration(id))


class PrintIn(InputSchema):
    registrations: list[Id] = Field(default_factory=list, max_length=5000,
                                     description="Ids of the registrations to print.")
    member_state: str = Field("", max_length=2,
                              description="Or: every registration of that State's delegation.")
    not_printed: bool = Field(False, description="Or: every registration never printed.")
    format: str = Field("pdf", pattern="^(pdf|json)$",
                        description="pdf: the badges' PDF; json: the badge numbers.")


class PrintedOut(Schema):
    registration: int
    number: int
    replaces: int | None = Field(description="The number of the badge revoked by this print.")


@router.post("/sessions/{id}/badges", response={200: list[PrintedOut], 202: JobOut},
             operation_id="badge_print", summary="Print badges")
def badge_print(request, id: Id, payload: PrintIn):
    """One choice among ``registrations``, ``member_state`` and ``not_printed``. Each
    registration gets a new badge; its previous one is revoked ("reprinted").

    ``format: json`` prints them at once and answers their numbers. ``format: pdf`` queues a
    job (202, the job): the worker prints the badges and makes their PDF together (neither
    without the other); poll the job's ``url`` until ``done``, then fetch ``file_url``."""
    session = _desk_session(request, id)
    chosen = sum((bool(payload.registrations), bool(payload.member_state),
                  payload.not_printed))
    if chosen != 1:
        raise ServiceError(_("Choose the badges to print: registrations, a member State, or "
                             "those never printed."), code="choose_one")
    if payload.registrations:
        wanted = {reg.pk: reg for reg in
                  Registration.objects.filter(pk__in=payload.registrations)}
        registrations = [wanted[pk] for pk in payload.registrations if pk in wanted]
        if len(wanted) != len(set(payload.registrations)):
            raise ServiceError(_("A registration to print does not exist."),
                               code="unknown_reference", field="registrations")
    elif payload.member_state:
        state = MemberState.objects.filter(iso2=payload.member_state.upper()).first()
        if state is None:
            raise ServiceError(_("Unknown member State."), code="unknown_reference",
                               field="member_state")
        registrations = list(selectors.delegation_registrations(session, state.iso2))
    else:
        registrations = list(selectors.never_printed(session))
    if payload.format == "pdf":
        if not registrations:
            raise ServiceError(_("There is no badge to print."), code="nothing_to_print")
        return Status(202, desk.badges_print_queue(
            actor=request.user, session=session,
            member_state=payload.member_state if payload.member_state else "",
            registrations=[reg.pk for reg in registrations] if payload.registrations else None))
    with transaction.atomic():
        previous = dict(Badge.objects.filter(registration__in=registrations,
                                             revoked_at__isnull=True)
                        .values_list("registration_id", "number"))
        printed = desk.badges_print(actor=request.user, session=session,
                                    registrations=registrations)
    return [{"registration": b.registration_id, "number": b.number,
             "replaces": previous.get(b.registration_id)} for b in printed]


@router.post("/registrations/{id}/photo", response=RegistrationOut,
             operation_id="registration_photo_upload", summary="Upload the badge photo",
             openapi_extra={"responses": {200: {"content": {"image/jpeg": {}}}}})
def registration_photo_upload(request, id: Id, photo: File[UploadedFile] = None,
                              preview: bool = False):
    """Multipart, field ``photo``. Checked, stripped of metadata, cropped to 3:4. With
    ``?preview=true`` the answer is the cropped JPEG and nothing is kept; otherwise it is kept."""
    registration = _registration(id)
    if not permissions.can_upload_photo(request.user, registration):
        raise PermissionDenied
    if photo is None:
        raise ServiceError(_("Send the photo as the multipart field \"photo\"."),
                           code="required", field="photo")
    try:
        processed = photos.process_photo(photo)
    except photos.PhotoError as error:
        raise ServiceError(error.message, code=error.code, field="photo") from error
    if preview:
        return HttpResponse(processed.content, content_type="image/jpeg")
    photo_set(actor=request.user, registration=registration,
              content=processed.content)
    return _out(_registration(id))
