"""Template filters of the meeting proposals pages and of the navigation."""

from django import template

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
