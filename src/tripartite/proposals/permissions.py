"""Who may see and do what with meeting proposals (same style as accounts/permissions.py).

A unit officer sees and edits their own unit's proposals only; the secretariat runs the
pipeline; a group secretariat sees proposals from their consultation on and gives its group's
opinion; the senior official, the observer and the meeting officer read.
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import has_role, is_secretariat
from tripartite.proposals import workflow
from tripartite.proposals.models import ProposalState

READERS = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER, Role.MEETING_OFFICER}


def is_unit_officer_of(user, proposal) -> bool:
    return has_role(user, Role.UNIT_OFFICER) and bool(user.unit) and user.unit == proposal.unit


def can_view_proposals(user) -> bool:
    """The list of proposals (narrowed to what the user may see by ``visible_proposals``)."""
    return has_role(user, *READERS, Role.UNIT_OFFICER, Role.GROUP_SECRETARIAT)


def visible_proposals(user, queryset):
    if has_role(user, *READERS):
        return queryset
    if has_role(user, Role.UNIT_OFFICER):
        return queryset.filter(unit=user.unit)
    if has_role(user, Role.GROUP_SECRETARIAT):
        return queryset.filter(state__in=workflow.VISIBLE_TO_GROUPS)
    return queryset.none()


def can_view_proposal(user, proposal) -> bool:
    if has_role(user, *READERS):
        return True
    if has_role(user, Role.UNIT_OFFICER):
        return is_unit_officer_of(user, proposal)
    if has_role(user, Role.GROUP_SECRETARIAT):
        return proposal.state in workflow.VISIBLE_TO_GROUPS
    return False


def can_create_proposal(user) -> bool:
    return is_secretariat(user) or (has_role(user, Role.UNIT_OFFICER) and bool(user.unit))


def can_edit_proposal(user, proposal) -> bool:
    if is_secretariat(user):
        return proposal.state in workflow.EDITABLE_BY_SECRETARIAT
    return is_unit_officer_of(user, proposal) and proposal.state in workflow.EDITABLE_BY_UNIT


def can_move(user, proposal, next_state: str) -> bool:
    who = workflow.mover(proposal.state, next_state)
    if who is None:
        return False
    if who == workflow.UNIT:
        return is_secretariat(user) or is_unit_officer_of(user, proposal)
    return is_secretariat(user)


def can_run_pipeline(user) -> bool:
    return is_secretariat(user)


def can_give_opinion(user, proposal, group: str) -> bool:
    """The group's secretariat, or the secretariat recording it, while in consultation."""
    if proposal.state != ProposalState.IN_CONSULTATION:
        return False
    return is_secretariat(user) or (has_role(user, Role.GROUP_SECRETARIAT)
                                    and user.group == group)


def speaks_for_group(user, group: str) -> bool:
    """The secretariat, or the group secretariat of ``group``."""
    return is_secretariat(user) or (has_role(user, Role.GROUP_SECRETARIAT)
                                    and user.group == group)


def can_view_dashboard(user) -> bool:
    return has_role(user, *READERS)


def can_view_information_document(user) -> bool:
    return has_role(user, *READERS)
