"""Who may do what at the registration desk and at the doors, and who may see a
participant's photo.

Built on the roles of ``tripartite.accounts.permissions``: each predicate takes the user
first and reads nothing from the request. A focal point acts for their own State's
delegation only; a participant (a user linked to a person, ``User.person``) for their own
registration; check-in staff see the photo of a badge they have just scanned
(``scanned_recently``). Attendance names people: it is for the secretariat side (the roles
that read everything), never for focal points, delegates or group secretariats.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import (
    READ_EVERYTHING_ROLES,
    AnyUser,
    has_role,
    is_active_user,
    is_focal_point_of,
)
from tripartite.constituents.models import MemberState
from tripartite.delegations import permissions as delegation_permissions
from tripartite.registration.models import HOLDER_SHOWN_RESULTS, Registration, Scan

DESK_ROLES = (Role.REGISTRATION_DESK, Role.SECRETARIAT)
# Who may see any participant's photo: the desk side and the Credentials Committee.
PHOTO_VIEWERS = (*DESK_ROLES, Role.CREDENTIALS_COMMITTEE)
CHECK_IN_ROLES = (Role.CHECKIN_STAFF, Role.SECRETARIAT)
# Check-in staff see a photo only to compare it with the face at the door: for a badge their
# own login scanned in the last minutes, never anyone's by counting ids.
DOOR_PHOTO_MINUTES = 5


def registration_state(registration: Registration) -> MemberState | None:
    """The member State whose delegation the registration comes from (None: added by hand)."""
    nomination = registration.nomination
    return nomination.delegation.member_state if nomination is not None else None


def is_own_registration(user: AnyUser, registration: Registration) -> bool:
    return (is_active_user(user) and user.person_id is not None
            and user.person_id == registration.person_id)


def is_focal_point_for(user: AnyUser, registration: Registration) -> bool:
    """The focal point of the State whose delegation the registration belongs to."""
    return is_focal_point_of(user, registration_state(registration))


def can_use_desk(user: AnyUser) -> bool:
    """The desk's pages: search, identity, badges; adding registrations by hand."""
    return has_role(user, *DESK_ROLES)


def can_view_registration(user: AnyUser, registration: Registration) -> bool:
    return (can_use_desk(user) or is_own_registration(user, registration)
            or is_focal_point_for(user, registration))


def can_upload_photo(user: AnyUser, registration: Registration) -> bool:
    """The participant, their State's focal point, or the desk."""
    return can_view_registration(user, registration)


def scanned_recently(user: AnyUser, registration: Registration, *,
                     now: datetime | None = None) -> bool:
    """Check-in staff whose login scanned the registration's badge in the last
    DOOR_PHOTO_MINUTES minutes, with an answer that showed its holder."""
    if not has_role(user, Role.CHECKIN_STAFF):
        return False
    now = now or timezone.now()
    return Scan.objects.filter(
        recorded_by=user, badge__registration=registration, result__in=HOLDER_SHOWN_RESULTS,
        at__gt=now - timedelta(minutes=DOOR_PHOTO_MINUTES), at__lte=now).exists()


def can_view_photo(user: AnyUser, registration: Registration, *,
                   now: datetime | None = None) -> bool:
    return (has_role(user, *PHOTO_VIEWERS) or is_own_registration(user, registration)
            or is_focal_point_for(user, registration)
            or scanned_recently(user, registration, now=now))


def can_view_own_photos_page(user: AnyUser) -> bool:
    """The page listing the registrations whose photo the user may upload."""
    return can_use_desk(user) or (is_active_user(user) and (
        user.person_id is not None or has_role(user, Role.FOCAL_POINT)))


# --- the doors ----------------------------------------------------------------------------

def can_check_in(user: AnyUser) -> bool:
    """Scanning badges at a door: check-in staff and the secretariat."""
    return has_role(user, *CHECK_IN_ROLES)


def can_view_attendance(user: AnyUser) -> bool:
    """Who is registered and who came in, and the quorum base: the Credentials Committee
    and the secretariat side (secretariat, senior officials, meeting officers, observers)."""
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_notify_departure(user: AnyUser) -> bool:
    """A departure removes a delegate from the quorum base: the secretariat records it."""
    return has_role(user, Role.SECRETARIAT)


def can_set_quorum_basis(user: AnyUser) -> bool:
    return has_role(user, Role.SECRETARIAT)


def can_view_door_figures(user: AnyUser) -> bool:
    """Badges printed, check-ins per hour and per door, no-shows by delegation."""
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_view_credentials_figures(user: AnyUser) -> bool:
    """The Credentials Committee's figures (persons accredited and registered, the quorum
    base): whoever may open the Committee's pages."""
    return delegation_permissions.can_view_objections(user)
