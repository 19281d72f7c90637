"""Reads of member States, organisations and people, scoped to what the user may see."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from tripartite.accounts.models import User
from tripartite.constituents import permissions
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person


def member_states_for(user: User, *, q: str = "", region: str = "") -> QuerySet[MemberState]:
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
    # Counted in subqueries: two joined Counts would multiply organisations by people.
    return states.annotate(
        organisation_count=_count_of(ConstituentOrganisation),
        person_count=_count_of(Person),
    ).order_by(name_column)


def _count_of(model: type[ConstituentOrganisation] | type[Person]) -> Coalesce:
    rows = (model.objects.filter(member_state=OuterRef("pk")).order_by()
            .values("member_state").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def organisations_of(member_state: MemberState) -> QuerySet[ConstituentOrganisation]:
    return ConstituentOrganisation.objects.filter(member_state=member_state).annotate(
        person_count=Count("people"))


def people_for(user: User, *, member_state: MemberState | None = None,
               q: str = "") -> QuerySet[Person]:
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
