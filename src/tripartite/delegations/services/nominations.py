"""The member State's side of the credentials: nominations, submission, answers to queries."""


import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    check_not_stale,
    log_action,
)
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person
from tripartite.constituents.services import person_create
from tripartite.delegations import permissions
from tripartite.delegations.models import (
    REPRESENTING_ROLES,
    Delegation,
    DelegationQuery,
    DelegationStatus,
    Nomination,
    NominationRole,
)
from tripartite.meetings.models import AgendaItem, Session

GROUP_ORGANISATION_KIND = {"employers": "employers", "workers": "workers"}


def _require_nominator(actor: User, delegation: Delegation) -> None:
    if not permissions.can_nominate(actor, delegation.member_state):
        raise PermissionDeniedError




@transaction.atomic
def delegation_open(*, actor: User, member_state: MemberState, session: Session) -> Delegation:
    """The State's delegation to ``session``, created empty the first time it is opened."""
    if not permissions.can_nominate(actor, member_state):
        raise PermissionDeniedError
    delegation, created = Delegation.objects.get_or_create(member_state=member_state,
                                                           session=session)
    if created:
        log_action(actor=actor, action="delegations.delegation.opened", obj=delegation)
    return delegation


def _current_amendment(delegation: Delegation) -> int:
    """Changes before submission belong to amendment 0; after it, to the next amendment."""
    return delegation.amendment + 1 if delegation.submitted else 0


@transaction.atomic
def nomination_add(*, actor: User, delegation: Delegation, group: str, role: str, name: str,
                   gender: str, name_latin: str = "", title: str = "", function: str = "",
                   family_name: str = "",
                   email: str = "", organisation: ConstituentOrganisation | None = None,
                   adviser_to: Nomination | None = None,
                   agenda_items: Iterable[AgendaItem] = (),
                   person: Person | None = None, represents: str = "") -> Nomination:
    """Nominate a person (an existing one, or a new one described by name and gender).

    ``represents``: the non-metropolitan territory of an additional adviser (Constitution
    art. 3(3)), or the State or province a representative of a federal State represents;
    required for those two roles, refused for the others."""
    _require_nominator(actor, delegation)
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if person is None:
        person = person_create(actor=actor, name=name, gender=gender, name_latin=name_latin,
                               family_name=family_name,
                               title=title, function=function, email=email,
                               member_state=delegation.member_state)
    elif person.member_state_id not in (None, delegation.member_state_id):
        raise ServiceError(_("This person belongs to another member State."), field="person")
    represents = " ".join(represents.split())
    _check_nomination(delegation, group=group, organisation=organisation,
                      adviser_to=adviser_to, person=person)
    _check_represents(role, represents)
    nomination = Nomination(
        delegation=delegation, person=person, group=group, role=role,
        organisation=organisation, adviser_to=adviser_to, represents=represents,
        position=delegation.nominations.count() + 1,
        added_in_amendment=_current_amendment(delegation))
    nomination.full_clean()
    nomination.save()
    # Logged on the delegation, so that its page shows the whole story in one place.
    log_action(actor=actor, action="delegations.nomination.added", obj=delegation,
               data={"nomination": nomination.pk, "person": person.pk, "name": person.name,
                     "group": group, "role": role, "amendment": nomination.added_in_amendment,
                     **({"represents": represents} if represents else {})})
    if agenda_items:
        _set_agenda_items(nomination, agenda_items)
    _touch(delegation)
    return nomination


def _check_nomination(delegation: Delegation, *, group: str,
                      organisation: ConstituentOrganisation | None,
                      adviser_to: Nomination | None, person: Person) -> None:
    active = delegation.nominations.filter(withdrawn_in_amendment__isnull=True)
    if active.filter(person=person).exists():
        raise ServiceError(_("%(name)s is already in this delegation.") % {"name": person},
                           field="name", code="duplicate_person")
    if organisation is not None:
        if organisation.member_state_id != delegation.member_state_id:
            raise ServiceError(_("The organization belongs to another member State."),
                               field="organisation")
        if group in GROUP_ORGANISATION_KIND and \
                organisation.kind != GROUP_ORGANISATION_KIND[group]:
            raise ServiceError(_("Choose an organization of the same group."),
                               field="organisation")
    if adviser_to is not None and (adviser_to.delegation_id != delegation.pk
                                   or adviser_to.role != NominationRole.DELEGATE):
        raise ServiceError(_("An adviser accompanies a delegate of the same delegation."),
                           field="adviser_to")


def _check_represents(role: str, represents: str) -> None:
    if role == NominationRole.TERRITORY_ADVISER and not represents:
        raise ServiceError(_("Name the non-metropolitan territory the additional adviser "
                             "represents or advises on (Constitution art. 3(3))."),
                           field="represents", code="required")
    if role == NominationRole.STATE_REPRESENTATIVE and not represents:
        raise ServiceError(_("Name the State or province of the federal State represented."),
                           field="represents", code="required")
    if represents and role not in REPRESENTING_ROLES:
        raise ServiceError(_("Only an additional adviser for a territory or a representative "
                             "of a State or province says what they represent: leave it "
                             "empty."), field="represents")


def _set_agenda_items(nomination: Nomination, agenda_items: Iterable[AgendaItem]) -> None:
    session_id = nomination.delegation.session_id
    if any(item.session_id != session_id for item in agenda_items):
        raise ServiceError(_("Agenda items must be those of the session."),
                           field="agenda_items")
    nomination.agenda_items.set(agenda_items)


@transaction.atomic
def nomination_withdraw(*, actor: User, nomination: Nomination) -> Nomination:
    """Remove a person: deleted before submission, marked withdrawn by an amendment after."""
    delegation = Delegation.objects.select_for_update().get(pk=nomination.delegation_id)
    _require_nominator(actor, delegation)
    log_action(actor=actor, action="delegations.nomination.withdrawn", obj=delegation,
               data={"nomination": nomination.pk, "name": str(nomination.person)})
    if not delegation.submitted:
        if nomination.objections.exists():
            raise ServiceError(_("An objection names this person: the nomination cannot be "
                                 "deleted."), code="protected", status=409)
        nomination.advisers.update(adviser_to=None)
        nomination.delete()
    else:
        nomination.withdrawn_in_amendment = _current_amendment(delegation)
        nomination.save(update_fields=["withdrawn_in_amendment", "updated_at"])
    _touch(delegation)
    return nomination


@transaction.atomic
def delegation_submit(*, actor: User, delegation: Delegation,
                      seen_updated_at: dt.datetime | None = None) -> Delegation:
    """Submit the credentials (or an amendment): the Office receives them today."""
    _require_nominator(actor, delegation)
    check_not_stale(delegation, seen_updated_at)
    if not delegation.nominations.filter(withdrawn_in_amendment__isnull=True).exists():
        raise ServiceError(_("Nominate at least one person before submitting."),
                           code="empty_delegation")
    now = timezone.now()
    first = not delegation.submitted
    if first:
        delegation.received_on = now.astimezone(delegation.session.zone).date()
    else:
        delegation.amendment += 1
    delegation.submitted_at = now
    delegation.status = DelegationStatus.RECEIVED
    delegation.save()
    log_action(actor=actor, action=("delegations.delegation.submitted" if first
                                    else "delegations.delegation.amended"),
               obj=delegation, data={"amendment": delegation.amendment,
                                     "received_on": delegation.received_on})
    return delegation


@transaction.atomic
def delegation_query_answer(*, actor: User, query: DelegationQuery,
                            answer: str) -> DelegationQuery:
    delegation = query.delegation
    _require_nominator(actor, delegation)
    answer = answer.strip()
    if not answer:
        raise ServiceError(_("Write the answer."), field="answer", code="required")
    if query.answered_at is not None:
        raise ServiceError(_("This query was already answered."), code="already_answered")
    query.answer, query.answered_by, query.answered_at = answer, actor, timezone.now()
    query.save()
    if not delegation.queries.filter(answered_at__isnull=True).exists():
        delegation.status = DelegationStatus.UNDER_REVIEW
        delegation.save()
    log_action(actor=actor, action="delegations.query.answered", obj=delegation,
               data={"query": query.pk, "answer": answer})
    return query


def _touch(delegation: Delegation) -> None:
    """A change to the nominations is a change to the delegation (for edit conflicts)."""
    delegation.save(update_fields=["updated_at"])
