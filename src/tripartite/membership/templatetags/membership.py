"""Template filters of the membership pages: ``{% load membership %}``."""

from fractions import Fraction

from django import template

from tripartite.membership import permissions

register = template.Library()


@register.filter
def can_view_membership(user) -> bool:
    return permissions.can_view_membership(user)


@register.filter
def can_manage_membership(user) -> bool:
    return permissions.can_manage_membership(user)


@register.filter
def votes(value) -> str:
    """An exact number of votes: "3", or "3/2" when it is not whole."""
    if value is None or value == "":
        return "—"
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value}"
