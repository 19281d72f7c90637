"""Every write to member States, constituent organisations and people."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.accounts.permissions import is_secretariat
from tripartite.common.names import family_found, guess_family_name
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    create_logged,
    update_logged,
)
from tripartite.constituents import permissions
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person

MEMBER_STATE_FIELDS = ("name_en", "name_fr", "name_es")
ORGANISATION_FIELDS = ("kind", "name", "acronym", "most_representative", "email", "website")
PERSON_FIELDS = ("name", "name_latin", "family_name", "title", "gender", "email", "function",
                 "member_state", "organisation")


@transaction.atomic
def member_state_update(*, member_state: MemberState, actor: User, changes: dict[str, Any],
                        seen_updated_at: dt.datetime | None = None) -> MemberState:
    """Correct a State's official names (the ISO names stay as they were loaded)."""
    if not permissions.can_edit_member_state(actor, member_state):
        raise PermissionDeniedError
    for field in MEMBER_STATE_FIELDS:
        if field in changes and not (changes[field] or "").strip():
            raise ServiceError(_("The name in every language is required."), field=field,
                               code="required")
    update_logged(member_state, changes=changes, fields=MEMBER_STATE_FIELDS, actor=actor,
                  action="constituents.member_state.updated", seen_updated_at=seen_updated_at)
    return member_state


@transaction.atomic
def organisation_create(*, actor: User, member_state: MemberState, kind: str, name: str,
                        acronym: str = "", most_representative: bool = False, email: str = "",
                        website: str = "") -> ConstituentOrganisation:
    if not permissions.can_edit_constituents_of(actor, member_state):
        raise PermissionDeniedError
    organisation = ConstituentOrganisation(
        member_state=member_state, kind=kind, name=name.strip(), acronym=acronym.strip(),
        most_representative=most_representative, email=email, website=website)
    return create_logged(organisation, actor=actor,
                         action="constituents.organisation.created")


@transaction.atomic
def organisation_update(*, organisation: ConstituentOrganisation, actor: User,
                        changes: dict[str, Any],
                        seen_updated_at: dt.datetime | None = None) -> ConstituentOrganisation:
    if not permissions.can_edit_constituents_of(actor, organisation.member_state):
        raise PermissionDeniedError
    return update_logged(organisation, changes=changes, fields=ORGANISATION_FIELDS, actor=actor,
                         action="constituents.organisation.updated",
                         seen_updated_at=seen_updated_at)


@transaction.atomic
def person_create(*, actor: User, name: str, gender: str, name_latin: str = "", title: str = "",
                  email: str = "", function: str = "", member_state: MemberState | None = None,
                  organisation: ConstituentOrganisation | None = None,
                  family_name: str = "") -> Person:
    """``family_name`` left empty is guessed from the name (``common.names``)."""
    _check_person_scope(actor, member_state, organisation)
    name, name_latin = name.strip(), (name_latin or name).strip()
    person = Person(name=name, name_latin=name_latin, title=title,
                    family_name=family_name.strip() or guess_family_name(
                        name_latin, name=name,
                        state=member_state.iso2 if member_state else ""),
                    gender=gender, email=email, function=function, member_state=member_state,
                    organisation=organisation)
    return create_logged(person, actor=actor, action="constituents.person.created")


@transaction.atomic
def person_update(*, person: Person, actor: User, changes: dict[str, Any],
                  seen_updated_at: dt.datetime | None = None) -> Person:
    _check_person_scope(actor, person.member_state, person.organisation)
    if "member_state" in changes or "organisation" in changes:
        _check_person_scope(actor, changes.get("member_state", person.member_state),
                            changes.get("organisation", person.organisation))
    if "name_latin" in changes and not (changes["name_latin"] or "").strip():
        changes = {**changes, "name_latin": changes.get("name", person.name)}
    changes = _with_family_name(person, changes)
    return update_logged(person, changes=changes, fields=PERSON_FIELDS, actor=actor,
                         action="constituents.person.updated", seen_updated_at=seen_updated_at)


def _with_family_name(person: Person, changes: dict[str, Any]) -> dict[str, Any]:
    """A family name given is kept; one emptied, or no longer written in a changed name, is
    guessed again from the name."""
    family = changes.get("family_name")
    if family is not None and not isinstance(family, str):
        return changes  # refused by the field's own check, as any other wrong value
    if family and family.strip():
        return {**changes, "family_name": family.strip()}
    name = changes.get("name", person.name)
    latin = changes.get("name_latin", person.name_latin) or name
    if not isinstance(name, str) or not isinstance(latin, str):
        return changes  # a name left out is refused when the change is saved
    if "family_name" not in changes and (family_found(latin, person.family_name)
                                         or family_found(name, person.family_name)):
        return changes
    state = changes.get("member_state", person.member_state)
    guessed = guess_family_name(latin, name=name, state=state.iso2 if state else "")
    if guessed == person.family_name and "family_name" not in changes:
        return changes
    return {**changes, "family_name": guessed}


def _check_person_scope(actor: User, member_state: MemberState | None,
                        organisation: ConstituentOrganisation | None) -> None:
    """The person as they will be must be in a State ``actor`` may edit.

    The person's own State decides, not their organization's: otherwise a focal point could
    leave a person of their State with no State (out of their sight, into the secretariat's
    directory) by keeping the organization. Only the secretariat records stateless people.
    """
    if member_state is None:
        if not is_secretariat(actor):
            raise PermissionDeniedError(_(
                "Only the secretariat may record a person without a member State."))
    elif not permissions.can_edit_constituents_of(actor, member_state):
        raise PermissionDeniedError
    if organisation is not None and member_state is not None and \
            organisation.member_state_id != member_state.pk:
        raise ServiceError(_("The organization belongs to another member State."),
                           field="organisation", code="organisation_of_other_state")
