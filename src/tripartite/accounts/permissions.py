"""Who may see and do what: one vocabulary for views, the API and templates.

Each predicate takes the user first. A focal point is scoped to one member State; a
group secretariat to the Employers' or the Workers' group. Nothing here reads the request.
"""

from tripartite.accounts.models import Role

STAFF_ROLES = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL}
READ_EVERYTHING_ROLES = {
    Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER, Role.CREDENTIALS_COMMITTEE,
    Role.MEETING_OFFICER,
}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, *roles) -> bool:
    return _active(user) and (user.role in roles or (user.is_superuser and
                                                      Role.SECRETARIAT in roles))


def is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def is_focal_point_of(user, member_state) -> bool:
    return (has_role(user, Role.FOCAL_POINT) and member_state is not None
            and user.member_state_id == member_state.pk)


# --- member States and constituents -------------------------------------------------------

def can_view_member_states(user) -> bool:
    """The list of States is public knowledge: every logged-in user may browse it."""
    return _active(user)


def can_view_member_state(user, member_state) -> bool:
    if has_role(user, Role.FOCAL_POINT):
        return is_focal_point_of(user, member_state)
    return _active(user)


def can_edit_member_state(user, member_state) -> bool:
    return is_secretariat(user)


def visible_member_state_ids(user):
    """None means all States; otherwise the set of State ids the user may open."""
    if has_role(user, Role.FOCAL_POINT):
        return {user.member_state_id}
    return None


def can_view_constituents_of(user, member_state) -> bool:
    """Organisations and people of a State: the secretariat side, or that State's focal point."""
    if has_role(user, Role.FOCAL_POINT):
        return is_focal_point_of(user, member_state)
    return has_role(user, *READ_EVERYTHING_ROLES, Role.GROUP_SECRETARIAT)


def can_edit_constituents_of(user, member_state) -> bool:
    return is_secretariat(user) or is_focal_point_of(user, member_state)


def can_view_people(user) -> bool:
    """The cross-State directory of people (personal data)."""
    return has_role(user, *READ_EVERYTHING_ROLES, Role.GROUP_SECRETARIAT)


# --- meetings ------------------------------------------------------------------------------

def can_view_meetings(user) -> bool:
    return _active(user)


def can_manage_meetings(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.MEETING_OFFICER)


# --- the action log ------------------------------------------------------------------------

def can_view_history(user) -> bool:
    return has_role(user, *READ_EVERYTHING_ROLES)


# --- delegations and credentials -----------------------------------------------------------

def can_view_delegations(user) -> bool:
    """The secretariat side's overview of every delegation of a session."""
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_view_delegation(user, delegation) -> bool:
    if has_role(user, Role.FOCAL_POINT):
        return is_focal_point_of(user, delegation.member_state)
    return has_role(user, *READ_EVERYTHING_ROLES)


def can_nominate(user, member_state) -> bool:
    """Nominating and amending a delegation: its State's focal point, or the secretariat."""
    return is_secretariat(user) or is_focal_point_of(user, member_state)


def can_review_credentials(user) -> bool:
    return is_secretariat(user)


def can_view_objections(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE, Role.SENIOR_OFFICIAL)


def can_decide_objections(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE)


def can_use_delegations_portal(user) -> bool:
    """The portal where delegations are nominated: focal points (their own State) and the
    secretariat (any State)."""
    return is_secretariat(user) or (has_role(user, Role.FOCAL_POINT)
                                    and user.member_state_id is not None)


def can_view_published_lists(user) -> bool:
    """The published lists of delegations (provisional, revised, final) are public documents."""
    return _active(user)
