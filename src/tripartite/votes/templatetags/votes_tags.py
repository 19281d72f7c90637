from django import template

from tripartite.votes import permissions

register = template.Library()


@register.filter
def can_manage_votes(user) -> bool:
    return permissions.can_manage_votes(user)


@register.filter
def can_vote_electronically(user) -> bool:
    return permissions.can_vote_electronically(user)
