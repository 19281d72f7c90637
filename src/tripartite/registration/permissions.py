"""Who may do what at the registration desk, and who may see a participant's photo.

Same style as ``tripartite.accounts.permissions``: each predicate takes the user first and
reads nothing from the request. A focal point acts for their own State's delegation only;
a participant (a user linked to a person, ``User.person``) for their own registration;
check-in staff see the photo of a badge they have just scanned (``scanned_recently``).
"""

from datetime import timedelta

from django.utils import timezone

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import has_role, is_active_user, is_focal_point_of
from tripartite.registration.models import HOLDER_SHOWN_RESULTS, Scan

DESK_ROLES = (Role.REGISTRATION_DESK, Role.SECRETARIAT)
# Who may see any participant's photo: the desk side and the Credentials Committee.
PHOTO_VIEWERS = (*DESK_ROLES, Role.CREDENTIALS_COMMITTEE)
# Check-in staff see a photo only to compare it with the face at the door: for a badge their
# own login scanned in the last minutes, never anyone's by counting ids.
DOOR_PHOTO_MINUTES = 5


def registration_state(registration):
    """The member State whose delegation the registration comes from (None: added by hand)."""
    nomination = registration.nomination
    return nomination.delegation.member_state if nomination is not None else None


def is_own_registration(user, registration) -> bool:
    return (is_active_user(user) and user.person_id is not None
            and user.person_id == registration.person_id)


def is_focal_point_for(user, registration) -> bool:
    """The focal point of the State whose delegation the registration belongs to."""
    return is_focal_point_of(user, registration_state(registration))


def can_use_desk(user) -> bool:
    """The desk's pages: search, identity, badges; adding registrations by hand."""
    return has_role(user, *DESK_ROLES)


def can_view_registration(user, registration) -> bool:
    return (can_use_desk(user) or is_own_registration(user, registration)
            or is_focal_point_for(user, registration))


def can_upload_photo(user, registration) -> bool:
    """The participant, their State's focal point, or the desk."""
    return can_view_registration(user, registration)


def scanned_recently(user, registration, *, now=None) -> bool:
    """Check-in staff whose login scanned the registration's badge in the last
    DOOR_PHOTO_MINUTES minutes, with an answer that showed its holder."""
    if not has_role(user, Role.CHECKIN_STAFF):
        return False
    now = now or timezone.now()
    return Scan.objects.filter(
        recorded_by=user, badge__registration=registration, result__in=HOLDER_SHOWN_RESULTS,
        at__gt=now - timedelta(minutes=DOOR_PHOTO_MINUTES), at__lte=now).exists()


def can_view_photo(user, registration, *, now=None) -> bool:
    return (has_role(user, *PHOTO_VIEWERS) or is_own_registration(user, registration)
            or is_focal_point_for(user, registration)
            or scanned_recently(user, registration, now=now))


def can_view_own_photos_page(user) -> bool:
    """The page listing the registrations whose photo the user may upload."""
    return can_use_desk(user) or (is_active_user(user) and (
        user.person_id is not None or has_role(user, Role.FOCAL_POINT)))
