"""Who may see and manage meetings, sessions and their agenda.

Built on the roles of ``tripartite.accounts.permissions``: each predicate takes the user
first and reads nothing from the request.
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import AnyUser, has_role, is_active_user


def can_view_meetings(user: AnyUser) -> bool:
    return is_active_user(user)


def can_manage_meetings(user: AnyUser) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.MEETING_OFFICER)
