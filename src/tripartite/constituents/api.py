"""API for member States, their constituent organisations and people.

Reads go through the selectors, writes through the services; who may see or change what
is decided by the predicates in ``tripartite.accounts.permissions`` alone.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from tripartite.common.api import (
    Id,
    InputSchema,
    LimitOffset,
    Moment,
    body_data,
    patch_changes,
    plain,
    unknown_reference,
)
from tripartite.constituents import permissions, selectors, services
from tripartite.constituents.models import (
    ConstituentOrganisation,
    Gender,
    IloRegion,
    MemberState,
    OrganisationKind,
    Person,
)

router = Router()


def member_state_from(iso2: str, *, location: tuple[str, ...]) -> MemberState:
    """The State a request names in its body or query, or a 422 on that input."""
    state = MemberState.objects.filter(iso2=iso2.strip().upper()).first()
    if state is None:
        raise unknown_reference(location, _("No member State has the code %(code)s.")
                                % {"code": iso2})
    return state


def organisation_from(pk: int, *, location: tuple[str, ...]) -> ConstituentOrganisation:
    organisation = ConstituentOrganisation.objects.select_related("member_state").filter(
        pk=pk).first()
    if organisation is None:
        raise unknown_reference(location, _("No organization has the id %(id)s.") % {"id": pk})
    return organisation


def _state_or_404(iso2: str) -> MemberState:
    return get_object_or_404(MemberState, iso2=iso2.upper())


# --- member States -------------------------------------------------------------------------

class MemberStateOut(Schema):
    iso2: str
    iso3: str
    name: str = Field(description="In the language of the request.")
    name_en: str
    name_fr: str
    name_es: str
    iso_name_en: str
    iso_name_fr: str
    iso_name_es: str
    ilo_region: str
    regional_meeting_region: str
    chief_industrial_importance: bool
    updated_at: datetime


class MemberStatePatch(InputSchema):
    name_en: str | None = None
    name_fr: str | None = None
    name_es: str | None = None
    updated_at: Moment | None = Field(
        None, description="The updated_at you were shown: a 409 answers if it changed since.")


@router.get("/member-states", response=list[MemberStateOut], operation_id="member_state_list",
            summary="Member States")
def member_state_list(request, region: IloRegion | None = None, q: str = ""):
    """All member States, ordered by name; a focal point sees only their own State."""
    if not permissions.can_view_member_states(request.user):
        raise PermissionDenied
    return selectors.member_states_for(request.user, q=q.strip(),
                                       region=plain(region) or "")


@router.get("/member-states/{iso2}", response=MemberStateOut,
            operation_id="member_state_detail", summary="A member State")
def member_state_detail(request, iso2: str):
    member_state = _state_or_404(iso2)
    if not permissions.can_view_member_state(request.user, member_state):
        raise PermissionDenied
    return member_state


@router.patch("/member-states/{iso2}", response=MemberStateOut,
              operation_id="member_state_update", summary="Correct a member State's names")
def member_state_update(request, iso2: str, payload: MemberStatePatch):
    member_state = _state_or_404(iso2)
    changes, seen_updated_at = patch_changes(payload)
    services.member_state_update(member_state=member_state, actor=request.user,
                                 changes=changes, seen_updated_at=seen_updated_at)
    return MemberState.objects.get(pk=member_state.pk)


# --- constituent organisations -------------------------------------------------------------

class OrganisationOut(Schema):
    id: int
    member_state: str = Field(description="ISO 3166-1 alpha-2 code.")
    kind: str
    name: str
    acronym: str
    most_representative: bool
    email: str
    website: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_member_state(organisation: ConstituentOrganisation) -> str:
        return organisation.member_state.iso2


class OrganisationIn(InputSchema):
    kind: OrganisationKind
    name: str
    acronym: str = ""
    most_representative: bool = False
    email: str = ""
    website: str = ""


class OrganisationPatch(InputSchema):
    kind: OrganisationKind | None = None
    name: str | None = None
    acronym: str | None = None
    most_representative: bool | None = None
    email: str | None = None
    website: str | None = None
    updated_at: Moment | None = None


def _organisation_or_404(pk: int) -> ConstituentOrganisation:
    return get_object_or_404(ConstituentOrganisation.objects.select_related("member_state"),
                             pk=pk)


@router.get("/member-states/{iso2}/organisations", response=list[OrganisationOut],
            operation_id="organisation_list", summary="A member State's organizations")
def organisation_list(request, iso2: str):
    member_state = _state_or_404(iso2)
    if not permissions.can_view_constituents_of(request.user, member_state):
        raise PermissionDenied
    return selectors.organisations_of(member_state).select_related("member_state")


@router.post("/member-states/{iso2}/organisations", response={201: OrganisationOut},
             operation_id="organisation_create", summary="Add an organization to a State")
def organisation_create(request, iso2: str, payload: OrganisationIn):
    member_state = _state_or_404(iso2)
    return services.organisation_create(actor=request.user, member_state=member_state,
                                        **body_data(payload))


@router.get("/organisations/{id}", response=OrganisationOut,
            operation_id="organisation_detail", summary="An organization")
def organisation_detail(request, id: Id):
    organisation = _organisation_or_404(id)
    if not permissions.can_view_constituents_of(request.user, organisation.member_state):
        raise PermissionDenied
    return organisation


@router.patch("/organisations/{id}", response=OrganisationOut,
              operation_id="organisation_update", summary="Change an organization")
def organisation_update(request, id: Id, payload: OrganisationPatch):
    organisation = _organisation_or_404(id)
    if not permissions.can_view_constituents_of(request.user, organisation.member_state):
        raise PermissionDenied
    changes, seen_updated_at = patch_changes(payload)
    return services.organisation_update(organisation=organisation, actor=request.user,
                                        changes=changes, seen_updated_at=seen_updated_at)


# --- people --------------------------------------------------------------------------------

class PersonOut(Schema):
    id: int
    name: str
    name_latin: str
    family_name: str = Field(description="As written in the name in Latin script; in "
                                         "capitals in the lists of delegations.")
    title: str
    gender: str
    email: str
    function: str
    member_state: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    organisation: int | None
    organisation_name: str | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_member_state(person: Person) -> str | None:
        return person.member_state.iso2 if person.member_state_id else None

    @staticmethod
    def resolve_organisation(person: Person) -> int | None:
        return person.organisation_id

    @staticmethod
    def resolve_organisation_name(person: Person) -> str | None:
        return str(person.organisation) if person.organisation_id else None


class PersonIn(InputSchema):
    name: str
    gender: Gender
    name_latin: str = Field("", description="Defaults to the name.")
    family_name: str = Field("", description="Guessed from the name when empty.")
    title: str = ""
    email: str = ""
    function: str = ""
    member_state: str | None = Field(None, description="ISO 3166-1 alpha-2 code.")
    organisation: Id | None = Field(None, description="Id of a constituent organization.")


class PersonPatch(InputSchema):
    name: str | None = None
    gender: Gender | None = None
    name_latin: str | None = None
    family_name: str | None = Field(None, description="Empty: guessed again from the name.")
    title: str | None = None
    email: str | None = None
    function: str | None = None
    member_state: str | None = None
    organisation: Id | None = None
    updated_at: Moment | None = None


def can_view_person(user, person: Person) -> bool:
    """As the person's page decides: by their State, else the cross-State directory."""
    if person.member_state_id:
        return permissions.can_view_constituents_of(user, person.member_state)
    return permissions.can_view_people(user)


def _person_references(data: dict) -> dict:
    """Turn the ISO code and the organisation id of a body into the objects they name."""
    if data.get("member_state") is not None:
        data["member_state"] = member_state_from(data["member_state"],
                                                 location=("body", "member_state"))
    if data.get("organisation") is not None:
        data["organisation"] = organisation_from(data["organisation"],
                                                 location=("body", "organisation"))
    return data


@router.get("/people", response=list[PersonOut], operation_id="person_list",
            summary="People")
@paginate(LimitOffset)
def person_list(request, member_state: str | None = None, q: str = ""):
    """People by name in Latin script. ``member_state`` (ISO alpha-2) narrows to one State;
    ``q`` searches names and e-mail. A focal point sees the people of their own State."""
    user = request.user
    if member_state:
        state = member_state_from(member_state, location=("query", "member_state"))
        if not permissions.can_view_constituents_of(user, state):
            raise PermissionDenied
        return selectors.people_for(user, member_state=state, q=q.strip())
    if permissions.can_view_people(user):
        return selectors.people_for(user, q=q.strip())
    if user.member_state_id and permissions.can_view_constituents_of(user, user.member_state):
        return selectors.people_for(user, member_state=user.member_state, q=q.strip())
    raise PermissionDenied


@router.post("/people", response={201: PersonOut}, operation_id="person_create",
             summary="Add a person")
def person_create(request, payload: PersonIn):
    return services.person_create(actor=request.user,
                                  **_person_references(body_data(payload)))


def _person_or_404(pk: int) -> Person:
    return get_object_or_404(Person.objects.select_related("member_state", "organisation"),
                             pk=pk)


@router.get("/people/{id}", response=PersonOut, operation_id="person_detail",
            summary="A person")
def person_detail(request, id: Id):
    person = _person_or_404(id)
    if not can_view_person(request.user, person):
        raise PermissionDenied
    return person


@router.patch("/people/{id}", response=PersonOut, operation_id="person_update",
              summary="Change a person")
def person_update(request, id: Id, payload: PersonPatch):
    person = _person_or_404(id)
    if not can_view_person(request.user, person):
        raise PermissionDenied
    changes, seen_updated_at = patch_changes(payload)
    return services.person_update(person=person, actor=request.user,
                                  changes=_person_references(changes),
                                  seen_updated_at=seen_updated_at)
