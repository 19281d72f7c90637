"""Who may see and run votes. Same style as ``accounts.permissions``: the user first, no
request. Casting a ballot is decided at the moment of voting by ``votes.services``; these
predicates only decide who sees which page."""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import READ_EVERYTHING_ROLES, has_role, is_active_user


def can_manage_votes(user) -> bool:
    """Create, open, close, publish and correct votes; enter roll calls and totals."""
    return has_role(user, Role.SECRETARIAT)


def can_view_votes(user) -> bool:
    """The list of a session's votes and what each is about: anyone logged in."""
    return is_active_user(user)


def can_view_result(user, vote) -> bool:
    """A published result is public to every user; before that, the secretariat side."""
    if vote.state == "published":
        return is_active_user(user)
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_vote_electronically(user) -> bool:
    """The delegate's "vote now" page. Whether they may vote in a given vote is for the
    service to decide, at the moment of voting."""
    return has_role(user, Role.DELEGATE)
