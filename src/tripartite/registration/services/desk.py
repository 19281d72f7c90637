"""The registration desk's writes: registrations, identity, badges.

Each function checks the actor's permission, runs in one transaction and writes the
action log (``tripartite.common.services``). Refusals are ``ServiceError`` with a message
for the user; nothing is changed when one is raised.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.accounts.models import User
from tripartite.common.names import guess_family_name
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    check_not_stale,
    create_logged,
    log_action,
)
from tripartite.constituents.models import Person
from tripartite.delegations.models import Nomination, NominationRole
from tripartite.jobs.models import Job
from tripartite.jobs.services import job_queue
from tripartite.meetings.models import Session
from tripartite.registration import permissions
from tripartite.registration.models import REPRINTED, Badge, BadgeCategory, Registration
from tripartite.registration.selectors import (
    accredited_nominations,
    delegation_registrations,
    never_printed,
)

HAND_CATEGORIES = (BadgeCategory.OBSERVER, BadgeCategory.SECRETARIAT, BadgeCategory.PRESS)


def _require_desk(actor: User) -> None:
    if not permissions.can_use_desk(actor):
        raise PermissionDeniedError


def nomination_badge_fields(nomination: Nomination) -> dict[str, str]:
    """What a nomination puts on the badge: category, role and delegation (in English,
    the badge's language, whatever the desk's language). A delegation's observer wears the
    observers' band; a territory or a State represented follows the role."""
    # ``name_en`` is added by modeltranslation, which the type checker does not see.
    state_name: str = nomination.delegation.member_state.name_en  # type: ignore[attr-defined]
    with translation.override("en"):
        role = str(nomination.get_role_display())
        if nomination.represents:
            role = f"{role} — {nomination.represents}"
        return {"category": (BadgeCategory.OBSERVER if nomination.role == NominationRole.OBSERVER
                             else nomination.group),
                "role_label": role[:Registration._meta.get_field("role_label").max_length],
                "affiliation": state_name}


@transaction.atomic
def registrations_from_nominations(*, actor: User, session: Session) -> dict[str, int]:
    """Create the registrations of ``session``'s accredited nominations. Idempotent.

    A nomination that already has its registration is brought up to date (group, role,
    State); a person already registered by hand keeps that registration. Registrations of
    nominations withdrawn or refused since are left alone (they may hold a badge: the desk
    revokes it) and counted as ``withdrawn``.
    """
    _require_desk(actor)
    session = Session.objects.select_for_update().get(pk=session.pk)
    existing = {reg.nomination_id: reg for reg in
                Registration.objects.filter(session=session, nomination__isnull=False)}
    hand_persons = set(Registration.objects.filter(session=session, nomination__isnull=True)
                       .values_list("person_id", flat=True))
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "withdrawn": 0}
    accredited: set[int] = set()
    new: list[Registration] = []
    for nomination in accredited_nominations(session):
        accredited.add(nomination.pk)
        fields = nomination_badge_fields(nomination)
        registration = existing.get(nomination.pk)
        if registration is None:
            if nomination.person_id in hand_persons:
                counts["skipped"] += 1
                continue
            hand_persons.add(nomination.person_id)
            new.append(Registration(session=session, person_id=nomination.person_id,
                                    nomination=nomination, **fields))
            continue
        diff = {name: [getattr(registration, name), value] for name, value in fields.items()
                if getattr(registration, name) != value}
        if diff:
            for name, (_old, value) in diff.items():
                setattr(registration, name, value)
            registration.save(update_fields=[*diff, "updated_at"])
            log_action(actor=actor, action="registration.registration.updated",
                       obj=registration, data=diff)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    Registration.objects.bulk_create(new, batch_size=500)
    counts["created"] = len(new)
    counts["withdrawn"] = sum(1 for pk in existing if pk not in accredited)
    log_action(actor=actor, action="registration.registrations.created_from_nominations",
               obj=session, data=counts)
    return counts


@transaction.atomic
def registration_add(*, actor: User, session: Session, category: str,
                     person: Person | None = None, name: str = "",
                     name_latin: str = "", gender: str = "", role_label: str = "",
                     affiliation: str = "") -> Registration:
    """Register by hand someone without a nomination: an observer, secretariat, press.

    Either an existing ``person``, or a new one described by ``name`` (any script),
    ``name_latin`` and ``gender``."""
    _require_desk(actor)
    if category not in HAND_CATEGORIES:
        raise ServiceError(_("Government, Employers' and Workers' members are registered "
                             "from their delegation's credentials, not by hand."),
                           code="category", field="category")
    if person is None:
        if not name.strip() or not gender:
            raise ServiceError(_("Give the person's name and gender."), code="required",
                               field="name")
        person = create_logged(
            Person(name=name.strip(), name_latin=(name_latin or name).strip(), gender=gender,
                   family_name=guess_family_name((name_latin or name).strip(),
                                                 name=name.strip())),
            actor=actor, action="constituents.person.created")
    if Registration.objects.filter(session=session, person=person).exists():
        raise ServiceError(_("%(person)s is already registered for this session.")
                           % {"person": person}, code="duplicate", field="person")
    return create_logged(
        Registration(session=session, person=person, category=category,
                     role_label=role_label.strip(), affiliation=affiliation.strip()),
        actor=actor, action="registration.registration.added",
        data={"person": person.pk, "category": category, "role_label": role_label.strip(),
              "affiliation": affiliation.strip()})


@transaction.atomic
def identity_confirm(*, actor: User, registration: Registration,
                     seen_updated_at: datetime | None = None) -> Registration:
    """The desk saw the person and their papers: they are registered from now."""
    _require_desk(actor)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    check_not_stale(registration, seen_updated_at)
    if registration.registered_at is not None:
        raise ServiceError(_("%(person)s's identity was already confirmed.")
                           % {"person": registration.person}, code="already_registered")
    registration.registered_at = timezone.now()
    registration.registered_by = actor
    registration.save(update_fields=["registered_at", "registered_by", "updated_at"])
    log_action(actor=actor, action="registration.identity.confirmed", obj=registration,
               data={"registered_at": registration.registered_at.isoformat()})
    return registration


PRINT_TASK = "tripartite.registration.tasks.print_badges"


@transaction.atomic
def badges_print_queue(*, actor: User, session: Session, member_state: str = "",
                       registrations: list[int] | None = None, back_url: str = "") -> Job:
    """Queue the printing of a batch of badges as a job of ``actor``'s: the chosen
    ``registrations`` (ids, in their order), a delegation's (``member_state``, an ISO code)
    or, without either, every registration never printed. A delegation's and the never
    printed are read when the job runs (a badge printed at the desk meanwhile is not printed
    again); the badges and their PDF are made in one transaction with the job's end
    (tripartite.registration.tasks)."""
    _require_desk(actor)
    iso2 = member_state.upper()
    if registrations:
        count = len(registrations)
        title = ngettext("Badges of %(count)d registration (%(session)s)",
                         "Badges of %(count)d registrations (%(session)s)", count) % {
            "count": count, "session": session}
    else:
        chosen = (delegation_registrations(session, iso2) if iso2 else never_printed(session))
        count = chosen.count()
        title = (_("Badges of the delegation of %(state)s (%(session)s)") % {
            "state": iso2, "session": session} if iso2 else
            _("Badges not yet printed (%(session)s)") % {"session": session})
    if not count:
        raise ServiceError(_("There is no badge to print."), code="nothing_to_print")
    params: dict[str, object] = {"session": session.pk, "member_state": iso2}
    if registrations:
        params["registrations"] = list(registrations)
    return job_queue(owner=actor, kind="registration.badges", title=title, task=PRINT_TASK,
                     params=params, total=count, back_url=back_url)


@transaction.atomic
def badges_print(*, actor: User, session: Session,
                 registrations: Iterable[Registration]) -> list[Badge]:
    """Print a badge for each registration: a new number each; the badge a registration
    held before is revoked ("reprinted"). All or none; every print logged."""
    _require_desk(actor)
    session = Session.objects.select_for_update().get(pk=session.pk)  # numbers in order
    ids = [reg.pk for reg in registrations]
    if not ids:
        raise ServiceError(_("There is no badge to print."), code="nothing_to_print")
    found = {reg.pk: reg for reg in Registration.objects.filter(pk__in=ids)
             .select_related("person")}
    wrong = [pk for pk in ids if pk not in found or found[pk].session_id != session.pk]
    if wrong:
        raise ServiceError(_("A registration to print is not of this session."),
                           code="other_session")
    now = timezone.now()
    previous = {badge.registration_id: badge for badge in
                Badge.objects.filter(registration_id__in=ids, revoked_at__isnull=True)}
    if previous:
        Badge.objects.filter(pk__in=[b.pk for b in previous.values()]).update(
            revoked_at=now, revoked_reason=REPRINTED)
    number = (Badge.objects.filter(session=session).aggregate(top=Max("number"))["top"]
              or 0)
    badges = []
    for pk in dict.fromkeys(ids):  # once each, in the order asked
        number += 1
        badges.append(Badge(session=session, registration=found[pk], number=number,
                            printed_by=actor if getattr(actor, "pk", None) else None))
    Badge.objects.bulk_create(badges, batch_size=500)
    badges = list(Badge.objects.filter(session=session, number__gt=number - len(badges))
                  .select_related("registration__person").order_by("number"))
    for badge in badges:
        old = previous.get(badge.registration_id)
        data = {"number": badge.number, "registration": badge.registration_id}
        if old is not None:
            data["replaces"] = old.number
        log_action(actor=actor, action="registration.badge.printed", obj=badge, data=data)
    return badges


@transaction.atomic
def badge_revoke(*, actor: User, badge: Badge, reason: str) -> Badge:
    """Invalidate a badge (lost, withdrawn): the doors refuse it from now on."""
    _require_desk(actor)
    badge = Badge.objects.select_for_update().get(pk=badge.pk)
    if badge.revoked_at is not None:
        raise ServiceError(_("Badge %(number)d is already revoked.") % {"number": badge.number},
                           code="already_revoked")
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Say why the badge is revoked."), code="required", field="reason")
    badge.revoked_at = timezone.now()
    badge.revoked_reason = reason[:200]
    badge.save(update_fields=["revoked_at", "revoked_reason"])
    log_action(actor=actor, action="registration.badge.revoked", obj=badge,
               data={"number": badge.number, "reason": badge.revoked_reason})
    return badge
