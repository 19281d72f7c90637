"""Who may plan sittings, drive a sitting's console, and ask for the floor. Same style as
``accounts.permissions``: the user first, no request."""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import AnyUser, has_role, is_active_user
from tripartite.sittings.models import Sitting


def can_plan_sittings(user: AnyUser) -> bool:
    """Plan, edit and schedule the sittings of a session: the secretariat."""
    return has_role(user, Role.SECRETARIAT)


def can_view_sittings(user: AnyUser) -> bool:
    """The list of a session's sittings and a sitting's list of speakers: anyone logged in."""
    return is_active_user(user)


def is_chair_of(user: AnyUser, sitting: Sitting) -> bool:
    person_id = getattr(user, "person_id", None)
    chair = sitting.chair if sitting.chair_id else None
    return bool(person_id and chair is not None and chair.person_id == person_id)


def can_drive_console(user: AnyUser, sitting: Sitting) -> bool:
    """Give the floor, move speakers, open and close the sitting and its list: the sitting's
    Chair, its secretary, and the secretariat."""
    if not is_active_user(user):
        return False
    if has_role(user, Role.SECRETARIAT):
        return True
    return sitting.secretary_id == user.pk or is_chair_of(user, sitting)


def can_ask_for_the_floor(user: AnyUser) -> bool:
    """The delegate's own "Ask for the floor": a login linked to a participant. Whether that
    participant may take the floor is for the service (SIT-1) to decide."""
    return has_role(user, Role.DELEGATE) and getattr(user, "person_id", None) is not None


def can_draft_record(user: AnyUser, sitting: Sitting) -> bool:
    """Read the draft record of proceedings of a sitting (it holds the secretary's notes) and
    have its Word and PDF files made: those who drive its console."""
    return can_drive_console(user, sitting)


def can_view_figures(user: AnyUser) -> bool:
    """A session's speaking figures and their export: anyone logged in (they count what was
    said in public sittings)."""
    return is_active_user(user)
