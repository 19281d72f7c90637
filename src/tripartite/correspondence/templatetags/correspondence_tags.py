from django import template

from tripartite.correspondence import permissions

register = template.Library()


@register.filter
def can_view_correspondence(user) -> bool:
    return permissions.can_view_correspondence(user)


@register.filter
def can_manage_correspondence(user) -> bool:
    return permissions.can_manage_correspondence(user)
