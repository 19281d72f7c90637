"""Reads of member States, organisations and people, scoped to what the user may see."""

from django.db.models import Count, Q
from django.utils.translation import get_language

from tripartite.accounts import permissions
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person


def member_states_for(user, *, q="", region=""):
    states = MemberState.objects.all()
    visible = permissions.visible_member_state_ids(user)
    if visible is not None:
        states = states.filter(pk__in=visible)
    if region:
        states = states.filter(ilo_region=region)
    if q:
        states = states.filter(Q(name_en__icontains=q) | Q(name_fr__icontains=q)
                               | Q(name_es__icontains=q) | Q(iso2__iexact=q) | Q(iso3__iexact=q))
    name_column = f"name_{get_language()[:2] if get_language()[:2] in 'en fr es' else 'en'}"
    return states.annotate(organisation_count=Count("organisations", distinct=True),
                           person_count=Count("people", distinct=True)).order_by(name_column)


def organisations_of(member_state):
    return ConstituentOrganisation.objects.filter(member_state=member_state).annotate(
        person_count=Count("people"))


def people_for(user, *, member_state=None, q=""):
    people = Person.objects.select_related("member_state", "organisation")
    visible = permissions.visible_member_state_ids(user)
    if visible is not None:
        people = people.filter(member_state_id__in=visible)
    if member_state is not None:
        people = people.filter(member_state=member_state)
    if q:
        people = people.filter(Q(name__icontains=q) | Q(name_latin__icontains=q)
                               | Q(email__icontains=q))
    return people.order_by("name_latin", "id")
