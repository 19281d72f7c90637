"""The registration menu asks the same predicates as the pages it links to; a registration's
role and State are shown in the reader's language."""

from django import template

from tripartite.common.text import current_language
from tripartite.registration import badges, permissions

register = template.Library()

register.filter("can_use_desk", permissions.can_use_desk)
register.filter("can_view_own_photos_page", permissions.can_view_own_photos_page)
register.filter("can_check_in", permissions.can_check_in)
register.filter("can_view_attendance", permissions.can_view_attendance)


@register.filter
def role_in_language(registration) -> str:
    """The registration's role in the active language, as its badge would print it in that
    language ("Déléguée", "Consejero técnico"): from the nomination when there is one, else
    as typed at the desk. Read the nomination, its delegation and State and the person with
    ``select_related``."""
    return badges.role_and_affiliation(registration, current_language())[0]


@register.filter
def affiliation_in_language(registration) -> str:
    """The registration's delegation in the active language: the State's name from the
    nomination ("Allemagne"), else the organization as typed at the desk."""
    return badges.role_and_affiliation(registration, current_language())[1]
