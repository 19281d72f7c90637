"""Who may see and change committee and Governing Body membership (same style as
``tripartite.accounts.permissions``).

Everyone who reads the whole of a session reads its membership; those who manage meetings
(the secretariat and meeting officers, who run committee rooms and the Governing Body's
sittings) record its changes.
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import READ_EVERYTHING_ROLES, has_role

MEMBERSHIP_READERS = {*READ_EVERYTHING_ROLES}
MEMBERSHIP_WRITERS = {Role.SECRETARIAT, Role.MEETING_OFFICER}


def can_view_membership(user) -> bool:
    return has_role(user, *MEMBERSHIP_READERS)


def can_manage_membership(user) -> bool:
    return has_role(user, *MEMBERSHIP_WRITERS)
