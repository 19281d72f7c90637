"""Accounts and roles: who is logged in, with which role and which scope.

The vocabulary every app's ``permissions.py`` builds its predicates on. Each predicate takes
the user first and reads nothing from the request. A focal point is scoped to one member
State; a group secretariat to the Employers' or the Workers' group. The predicates about an
app's own objects live in that app's ``permissions.py`` (constituents, meetings,
delegations, registration, ...), never here.
"""

from typing import TypeGuard

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model

from tripartite.accounts.models import Role, User

# Whoever a predicate may be asked about: a login, the anonymous visitor, or nobody.
AnyUser = AbstractBaseUser | AnonymousUser | None

STAFF_ROLES = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL}
READ_EVERYTHING_ROLES = {
    Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER, Role.CREDENTIALS_COMMITTEE,
    Role.MEETING_OFFICER,
}


def is_active_user(user: AnyUser) -> TypeGuard[User]:
    """Logged in with an account that is not deactivated: the least any page asks."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def has_role(user: AnyUser, *roles: str) -> TypeGuard[User]:
    """An active user with one of ``roles`` (a superuser counts as the secretariat)."""
    return is_active_user(user) and (user.role in roles or (user.is_superuser and
                                                            Role.SECRETARIAT in roles))


def is_secretariat(user: AnyUser) -> bool:
    return has_role(user, Role.SECRETARIAT)


def is_focal_point_of(user: AnyUser, member_state: Model | None) -> bool:
    """``member_state`` is a ``constituents.MemberState`` (an app above this one)."""
    return (has_role(user, Role.FOCAL_POINT) and member_state is not None
            and user.member_state_id == member_state.pk)


def can_view_history(user: AnyUser) -> bool:
    """The action log (``common``, below every app): the roles that read everything."""
    return has_role(user, *READ_EVERYTHING_ROLES)
