"""Forms of the membership pages. Moments are typed in the session's time zone (the views
activate it), and every form only collects values for a service."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.common.models import Group
from tripartite.constituents.models import Person
from tripartite.delegations.models import Nomination
from tripartite.membership.models import (
    CommitteeMembership,
    CommitteeSeat,
    GoverningBodyMembership,
    GoverningBodySeat,
)

MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class MomentField(forms.DateTimeField):
    """A moment in the session's time zone, typed with the browser's date-and-time picker."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", MOMENT_FORMATS)
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                        format="%Y-%m-%dT%H:%M"))
        super().__init__(**kwargs)


def moment_field(label=None, help_text=""):
    return MomentField(label=label or _("When"), help_text=help_text or _(
        "Date and time in the session's time zone."))


class StateChoiceForm(forms.Form):
    """First step of adding a member: the member State whose people are listed."""

    state = forms.ChoiceField(label=_("Member State"))

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "—"), *((s.iso2, s.name) for s in states)]


def _nomination_label(nomination) -> str:
    return (f"{nomination.person} — {nomination.get_group_display()}, "
            f"{nomination.get_role_display()}")


class CommitteeMemberAddForm(forms.Form):
    nomination = forms.ModelChoiceField(
        label=_("Person, from the delegation's nominations"), queryset=Nomination.objects.none())
    kind = forms.ChoiceField(label=pgettext_lazy("membership", "Seat"),
                             choices=CommitteeSeat.choices, initial=CommitteeSeat.REGULAR,
                             help_text=_("Only Government members can be deputy members."))
    at = moment_field(_("Member from"))

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
        self.fields["nomination"].label_from_instance = _nomination_label


class EndForm(forms.Form):
    at = moment_field(_("Until"), _("The moment the change takes effect (excluded), in the "
                                    "session's time zone."))


class CommitteeReplacementForm(forms.Form):
    replaced = forms.ModelChoiceField(label=_("Regular Government member replaced"),
                                      queryset=CommitteeMembership.objects.none())
    deputy = forms.ModelChoiceField(label=_("Deputy Government member voting instead"),
                                    queryset=CommitteeMembership.objects.none())
    at = moment_field(_("From"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        government = [m for m in members if m.group == Group.GOVERNMENT]
        ids = {kind: [m.pk for m in government if m.kind == kind] for kind in CommitteeSeat}
        self.fields["replaced"].queryset = CommitteeMembership.objects.filter(
            pk__in=ids[CommitteeSeat.REGULAR]).select_related("person", "member_state")
        self.fields["deputy"].queryset = CommitteeMembership.objects.filter(
            pk__in=ids[CommitteeSeat.DEPUTY]).select_related("person", "member_state")
        for name in ("replaced", "deputy"):
            self.fields[name].label_from_instance = (
                lambda m: f"{m.member_state} — {m.person}")


class GoverningBodyMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices)
    seat = forms.ChoiceField(label=pgettext_lazy("membership", "Seat"),
                             choices=GoverningBodySeat.choices)
    term_from = forms.DateField(label=_("Term from"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    term_until = forms.DateField(label=_("Term until"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("Leave empty while the term runs; the day is "
                                             "excluded."))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class GoverningBodyReplacementForm(forms.Form):
    titular = forms.ModelChoiceField(label=_("Titular member replaced"),
                                     queryset=GoverningBodyMembership.objects.none())
    deputy = forms.ModelChoiceField(label=_("Deputy member voting instead"),
                                    queryset=GoverningBodyMembership.objects.none())
    valid_from = moment_field(_("From"))
    valid_until = MomentField(label=_("Until"), required=False,
                              help_text=_("Leave empty for the rest of the session."))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {seat: [m.pk for m in members if m.seat == seat] for seat in GoverningBodySeat}
        for name, seat in (("titular", GoverningBodySeat.TITULAR),
                           ("deputy", GoverningBodySeat.DEPUTY)):
            self.fields[name].queryset = GoverningBodyMembership.objects.filter(
                pk__in=ids[seat]).select_related("person", "member_state")
            self.fields[name].label_from_instance = (
                lambda m: f"{m.person} — {m.member_state or m.get_group_display()}")


class GoverningBodyEndForm(forms.Form):
    term_until = forms.DateField(label=_("Term until"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
