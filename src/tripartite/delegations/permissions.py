"""Who may see and do what with delegations, credentials, objections and their lists.

Built on the roles of ``tripartite.accounts.permissions``: each predicate takes the user
first and reads nothing from the request. A focal point acts for their own State's
delegations only.
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
from tripartite.delegations.models import Delegation


def can_view_delegations(user: AnyUser) -> bool:
    """The secretariat side's overview of every delegation of a session."""
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_view_delegation(user: AnyUser, delegation: Delegation) -> bool:
    if has_role(user, Role.FOCAL_POINT):
        return is_focal_point_of(user, delegation.member_state)
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_nominate(user: AnyUser, member_state: MemberState | None) -> bool:
    """Nominating and amending a delegation: its State's focal point, or the secretariat."""
    return is_secretariat(user) or is_focal_point_of(user, member_state)


def can_review_credentials(user: AnyUser) -> bool:
    return is_secretariat(user)


def can_view_objections(user: AnyUser) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE, Role.SENIOR_OFFICIAL)


def can_decide_objections(user: AnyUser) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE)


def can_use_delegations_portal(user: AnyUser) -> bool:
    """The portal where delegations are nominated: focal points (their own State) and the
    secretariat (any State)."""
    return is_secretariat(user) or (has_role(user, Role.FOCAL_POINT)
                                    and user.member_state_id is not None)


def can_view_published_lists(user: AnyUser) -> bool:
    """The published lists of delegations (provisional, revised, final) are public documents."""
    return is_active_user(user)
