"""What every write to a vote starts with: the manager's right, the vote's row lock, its state."""


from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.votes import permissions
from tripartite.votes.models import (
    Vote,
    VoteState,
)


def require_manager(actor: User) -> None:
    if not permissions.can_manage_votes(actor):
        raise PermissionDeniedError


def lock_vote(vote: Vote) -> Vote:
    """The vote's row, locked until the transaction ends (its session read with it)."""
    return Vote.objects.select_for_update(of=("self",)).select_related("session").get(
        pk=vote.pk)


def require_state(vote: Vote, *states: str) -> None:
    if vote.state not in states:
        messages: dict[str, str] = {
            VoteState.DRAFT: _("This vote has not been opened yet."),
            VoteState.OPEN: _("This vote is open: close it first."),
            VoteState.CLOSED: _("This vote is closed."),
            VoteState.PUBLISHED: _("This vote's result is published and final."),
        }
        raise ServiceError(messages[vote.state], code=f"vote_{vote.state}", status=409)
