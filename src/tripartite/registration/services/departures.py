"""Writes of the doors' side: notified departures and the session's quorum practice.

Each one is refused to those who may not (``registration.permissions``), runs in one transaction
and is written to the action log.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common import l10n
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    check_not_stale,
    log_action,
)
from tripartite.meetings.models import Session
from tripartite.registration import permissions
from tripartite.registration.models import AttendanceSettings, QuorumBasis, Registration


def _locked(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().select_related("person", "session").get(
        pk=registration.pk)


@transaction.atomic
def notify_departure(registration: Registration, *, actor: User,
                     effective_at: datetime | None = None,
                     seen_updated_at: datetime | None = None) -> Registration:
    """Record that the person leaves the session at ``effective_at`` (now by default).

    From that moment they no longer count in the quorum base and their badge no longer
    opens the doors. The time may be in the past (a departure notified late) or ahead.
    """
    if not permissions.can_notify_departure(actor):
        raise PermissionDeniedError
    registration = _locked(registration)
    check_not_stale(registration, seen_updated_at)
    effective_at = effective_at or timezone.now()
    if registration.registered_at is None:
        raise ServiceError(
            _("%(name)s was never registered at the desk: there is no presence to end. "
              "Register the person first, or leave them out.")
            % {"name": registration.person.name}, code="not_registered")
    if effective_at < registration.registered_at:
        zone = registration.session.zone
        raise ServiceError(
            _("The departure cannot take effect before the registration (%(registered)s).")
            % {"registered": l10n.long_datetime(timezone.localtime(registration.registered_at,
                                                                  zone))},
            code="departure_before_registration",
            field="effective_at")
    previous = registration.departed_at
    registration.departed_at = effective_at
    registration.departure_notified_by = actor
    registration.full_clean()
    registration.save(update_fields=["departed_at", "departure_notified_by", "updated_at"])
    log_action(actor=actor, action="registration.departure.notified", obj=registration,
               data={"departed_at": [previous.isoformat() if previous else None,
                                     effective_at.isoformat()]})
    return registration


@transaction.atomic
def withdraw_departure(registration: Registration, *, actor: User,
                       seen_updated_at: datetime | None = None) -> Registration:
    """Undo a departure notified by mistake: the person counts again."""
    if not permissions.can_notify_departure(actor):
        raise PermissionDeniedError
    registration = _locked(registration)
    check_not_stale(registration, seen_updated_at)
    if registration.departed_at is None:
        raise ServiceError(_("No departure was notified for this person."),
                           code="no_departure")
    previous = registration.departed_at
    registration.departed_at = None
    registration.departure_notified_by = None
    registration.save(update_fields=["departed_at", "departure_notified_by", "updated_at"])
    log_action(actor=actor, action="registration.departure.withdrawn", obj=registration,
               data={"departed_at": [previous.isoformat(), None]})
    return registration


@transaction.atomic
def set_quorum_basis(session: Session, basis: str, *, actor: User) -> AttendanceSettings:
    """Choose who counts in the session's quorum base (see ``attendance``)."""
    if not permissions.can_set_quorum_basis(actor):
        raise PermissionDeniedError
    if basis not in QuorumBasis.values:
        raise ServiceError(_("Choose how the quorum base is counted."), code="invalid_basis",
                           field="quorum_basis")
    settings, _created = AttendanceSettings.objects.select_for_update().get_or_create(
        session=session)
    if settings.quorum_basis != basis:
        previous = settings.quorum_basis
        settings.quorum_basis = basis
        settings.save()
        log_action(actor=actor, action="registration.quorum_basis.changed", obj=session,
                   data={"quorum_basis": [previous, basis]})
    return settings
