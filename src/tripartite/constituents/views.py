from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tripartite.accounts.permissions import is_secretariat
from tripartite.common.forms import save_with_service, seen_version_initial
from tripartite.constituents import permissions, selectors, services
from tripartite.constituents.forms import (
    MemberStateFilterForm,
    MemberStateNamesForm,
    OrganisationForm,
    PersonForm,
)
from tripartite.constituents.models import (
    ConstituentOrganisation,
    IloRegion,
    MemberState,
    Person,
)


def _member_state_or_403(user, iso2, check=permissions.can_view_member_state):
    member_state = get_object_or_404(MemberState, iso2=iso2.upper())
    if not check(user, member_state):
        raise PermissionDenied
    return member_state


@login_required
def member_state_list(request):
    filters = MemberStateFilterForm(request.GET or None)
    filters.is_valid()
    data = getattr(filters, "cleaned_data", {})
    states = list(selectors.member_states_for(request.user, q=data.get("q", ""),
                                              region=data.get("region", "")))
    four = data.get("grouping") == "four"
    order = [region.value for region in IloRegion]

    def region_of(state):
        return state.regional_meeting_region if four else state.ilo_region

    states.sort(key=lambda state: order.index(region_of(state)))
    regions = [(IloRegion(region).label, list(group))
               for region, group in groupby(states, key=region_of)]
    return render(request, "constituents/member_state_list.html",
                  {"filters": filters, "regions": regions, "total": len(states)})


@login_required
def member_state_detail(request, iso2):
    member_state = _member_state_or_403(request.user, iso2)
    can_see_constituents = permissions.can_view_constituents_of(request.user, member_state)
    return render(request, "constituents/member_state_detail.html", {
        "state": member_state,
        "organisations": (selectors.organisations_of(member_state)
                          if can_see_constituents else None),
        "people": (selectors.people_for(request.user, member_state=member_state)[:200]
                   if can_see_constituents else None),
        "can_edit_names": permissions.can_edit_member_state(request.user, member_state),
        "can_edit_constituents": permissions.can_edit_constituents_of(request.user,
                                                                      member_state),
    })


@login_required
def member_state_edit(request, iso2):
    member_state = _member_state_or_403(request.user, iso2, permissions.can_edit_member_state)
    form = MemberStateNamesForm(request.POST or None, instance=member_state,
                                initial={"seen_updated_at": seen_version_initial(member_state)})
    fresh = get_object_or_404(MemberState, pk=member_state.pk)

    def save(data):
        services.member_state_update(
            member_state=fresh, actor=request.user,
            changes={key: data[key] for key in ("name_en", "name_fr", "name_es")},
            seen_updated_at=data.get("seen_updated_at"))

    if save_with_service(request, form, save):
        messages.success(request, _("The names were saved."))
        return redirect("constituents:member_state_detail", iso2=member_state.iso2)
    return render(request, "constituents/form.html", {
        "form": form, "state": member_state,
        "heading": _("Official names of %(state)s") % {"state": member_state}})


@login_required
def organisation_create(request, iso2):
    member_state = _member_state_or_403(request.user, iso2,
                                        permissions.can_edit_constituents_of)
    form = OrganisationForm(request.POST or None)

    def save(data):
        data.pop("seen_updated_at", None)
        services.organisation_create(actor=request.user, member_state=member_state, **data)

    if save_with_service(request, form, save):
        messages.success(request, _("The organization was added."))
        return redirect("constituents:member_state_detail", iso2=member_state.iso2)
    return render(request, "constituents/form.html", {
        "form": form, "state": member_state, "heading": _("New organization")})


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(ConstituentOrganisation.objects.select_related(
        "member_state"), pk=pk)
    if not permissions.can_edit_constituents_of(request.user, organisation.member_state):
        raise PermissionDenied
    fresh = get_object_or_404(ConstituentOrganisation, pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation,
                            initial={"seen_updated_at": seen_version_initial(organisation)})

    def save(data):
        seen = data.pop("seen_updated_at", None)
        services.organisation_update(organisation=fresh, actor=request.user, changes=data,
                                     seen_updated_at=seen)

    if save_with_service(request, form, save):
        messages.success(request, _("The organization was saved."))
        return redirect("constituents:member_state_detail", iso2=organisation.member_state.iso2)
    return render(request, "constituents/form.html", {
        "form": form, "state": organisation.member_state, "object": organisation,
        "heading": str(organisation)})


@login_required
def person_list(request):
    if not permissions.can_view_people(request.user):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()
    people = selectors.people_for(request.user, q=q)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "constituents/person_list.html", {"page": page, "q": q})


@login_required
def person_create(request, iso2):
    member_state = _member_state_or_403(request.user, iso2,
                                        permissions.can_edit_constituents_of)
    form = PersonForm(request.POST or None, member_state=member_state)

    def save(data):
        data.pop("seen_updated_at", None)
        services.person_create(actor=request.user, member_state=member_state, **data)

    if save_with_service(request, form, save):
        messages.success(request, _("The person was added."))
        return redirect("constituents:member_state_detail", iso2=member_state.iso2)
    return render(request, "constituents/form.html", {
        "form": form, "state": member_state, "heading": _("New person")})


@login_required
def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("member_state", "organisation"),
                               pk=pk)
    can_view = (permissions.can_view_constituents_of(request.user, person.member_state)
                if person.member_state else permissions.can_view_people(request.user))
    if not can_view:
        raise PermissionDenied
    can_edit = permissions.can_edit_constituents_of(request.user, person.member_state) \
        if person.member_state else is_secretariat(request.user)
    form = None
    if can_edit:
        fresh = get_object_or_404(Person, pk=pk)
        form = PersonForm(request.POST or None, instance=person,
                          member_state=person.member_state,
                          initial={"seen_updated_at": seen_version_initial(person)})

        def save(data):
            seen = data.pop("seen_updated_at", None)
            services.person_update(person=fresh, actor=request.user, changes=data,
                                   seen_updated_at=seen)

        if save_with_service(request, form, save):
            messages.success(request, _("The person was saved."))
            return redirect("constituents:person_detail", pk=person.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "constituents/person_detail.html", {"person": person, "form": form})
