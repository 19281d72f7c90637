"""What every page's template may ask: ``can.*``, the predicates the navigation needs.

On the top floor because the navigation links to every app: each predicate comes from the
``permissions.py`` of the app whose objects it is about.
"""

from django.http import HttpRequest

from tripartite.accounts.permissions import can_view_history, is_secretariat
from tripartite.constituents.permissions import can_view_people
from tripartite.delegations.permissions import (
    can_use_delegations_portal,
    can_view_delegations,
    can_view_objections,
)
from tripartite.meetings.permissions import can_manage_meetings
from tripartite.site.navigation import is_flat, menu


def permissions(request: HttpRequest) -> dict[str, dict[str, bool]]:
    """Expose the permission predicates that the navigation needs."""
    user = request.user
    return {
        "can": {
            "manage_meetings": can_manage_meetings(user),
            "view_people": can_view_people(user),
            "view_history": can_view_history(user),
            "secretariat": is_secretariat(user),
            "use_delegations_portal": can_use_delegations_portal(user),
            "view_delegations": can_view_delegations(user),
            "view_objections": can_view_objections(user),
        }
    }


def navigation(request: HttpRequest) -> dict[str, object]:
    """The main menu of the user (``site/navigation.py``), the current page marked."""
    if not request.user.is_authenticated:
        return {"menu": [], "menu_flat": True}
    match = getattr(request, "resolver_match", None)
    sections = menu(request.user, match.view_name if match else "")
    return {"menu": sections, "menu_flat": is_flat(sections)}
