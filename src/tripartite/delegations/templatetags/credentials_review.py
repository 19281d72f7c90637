"""Filters of the credentials review and Committee pages."""

from django import template

from tripartite.delegations import figures

register = template.Library()


@register.filter
def percent(share):
    """A Fraction as a whole percentage, rounded down (None: a dash)."""
    return figures.percent(share)
