"""The registration menu asks the same predicates as the pages it links to."""

from django import template

from tripartite.registration import permissions

register = template.Library()

register.filter("can_use_desk", permissions.can_use_desk)
register.filter("can_view_own_photos_page", permissions.can_view_own_photos_page)
register.filter("can_check_in", permissions.can_check_in)
register.filter("can_view_attendance", permissions.can_view_attendance)
