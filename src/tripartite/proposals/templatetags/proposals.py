"""Template filters of the meeting proposals pages and of the navigation."""

from django import template

from tripartite.common.text import current_language
from tripartite.meetings import places
from tripartite.proposals import permissions

register = template.Library()


@register.filter
def can_view_proposals(user) -> bool:
    return permissions.can_view_proposals(user)


@register.filter
def can_view_proposal_dashboard(user) -> bool:
    return permissions.can_view_dashboard(user)


@register.filter
def days(delta) -> int:
    """A timedelta as whole days."""
    return delta.days if delta is not None else 0


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def place(name: str) -> str:
    """A proposal's city in the reader's language when it is a well-known place ("Genève")."""
    return places.place_in(name, current_language())
