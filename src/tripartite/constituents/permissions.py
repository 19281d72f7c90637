"""Who may see and edit member States, constituent organisations and people.

Built on the roles of ``tripartite.accounts.permissions``: each predicate takes the user
first and reads nothing from the request. A focal point sees and edits their own State only.
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import (
    READ_EVERYTHING_ROLES,
    AnyUser,
    has_role,
    is_active_user,
    is_focal_point_of,
    is_secretariat,
)
from tripartite.constituents.models import MemberState


def can_view_member_states(user: AnyUser) -> bool:
    """The list of States is public knowledge: every logged-in user may browse it."""
    return is_active_user(user)


def can_view_member_state(user: AnyUser, member_state: MemberState | None) -> bool:
    if has_role(user, Role.FOCAL_POINT):
        return is_focal_point_of(user, member_state)
    return is_active_user(user)


def can_edit_member_state(user: AnyUser, member_state: MemberState | None) -> bool:
    return is_secretariat(user)


def visible_member_state_ids(user: AnyUser) -> set[int] | None:
    """None means all States; otherwise the set of State ids the user may open (none for a
    focal point not yet given a State)."""
    if has_role(user, Role.FOCAL_POINT):
        return {user.member_state_id} if user.member_state_id is not None else set()
    return None


def can_view_constituents_of(user: AnyUser, member_state: MemberState | None) -> bool:
    """Organisations and people of a State: the secretariat side, or that State's focal point."""
    if has_role(user, Role.FOCAL_POINT):
        return is_focal_point_of(user, member_state)
    return has_role(user, *READ_EVERYTHING_ROLES, Role.GROUP_SECRETARIAT)


def can_edit_constituents_of(user: AnyUser, member_state: MemberState | None) -> bool:
    """A State's organisations and people; with no State (``None``) only the secretariat
    records them."""
    return is_secretariat(user) or is_focal_point_of(user, member_state)


def can_view_people(user: AnyUser) -> bool:
    """The cross-State directory of people (personal data)."""
    return has_role(user, *READ_EVERYTHING_ROLES, Role.GROUP_SECRETARIAT)
