"""Who may do what at the doors: check-in, attendance, departures, the door figures.

Same style as ``tripartite.accounts.permissions``: each predicate takes the user first and
reads nothing from the request. Attendance names people: it is for the secretariat side
(the roles that read everything), never for focal points, delegates or group secretariats.
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import READ_EVERYTHING_ROLES, has_role

CHECK_IN_ROLES = (Role.CHECKIN_STAFF, Role.SECRETARIAT)


def can_check_in(user) -> bool:
    """Scanning badges at a door: check-in staff and the secretariat."""
    return has_role(user, *CHECK_IN_ROLES)


def can_view_attendance(user) -> bool:
    """Who is registered and who came in, and the quorum base: the Credentials Committee
    and the secretariat side (secretariat, senior officials, meeting officers, observers)."""
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_notify_departure(user) -> bool:
    """A departure removes a delegate from the quorum base: the secretariat records it."""
    return has_role(user, Role.SECRETARIAT)


def can_set_quorum_basis(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def can_view_door_figures(user) -> bool:
    """Badges printed, check-ins per hour and per door, no-shows by delegation."""
    return has_role(user, *READ_EVERYTHING_ROLES)
