"""Forms of the Office's review and of the Credentials Committee."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.common.forms import SeenVersionField
from tripartite.constituents.models import IloRegion, MemberState
from tripartite.delegations.models import (
    CredentialsSettings,
    Delegation,
    DelegationStatus,
    Nomination,
    ObjectionDecision,
    ObjectionKind,
)

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})


class OverviewFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *DelegationStatus.choices])
    region = forms.ChoiceField(label=_("Region"), required=False,
                               choices=[("", _("All regions")), *IloRegion.choices])
    late = forms.BooleanField(label=_("Late only"), required=False)
    errors = forms.BooleanField(label=_("With errors only"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=[
        ("name", _("Name, A to Z")), ("-name", _("Name, Z to A")),
        ("received", _("Received, earliest first")), ("-received", _("Received, latest first")),
    ])

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"status": data.get("status", ""), "region": data.get("region", ""),
                "late": data.get("late", False), "with_errors": data.get("errors", False),
                "sort": data.get("sort") or "name"}


class ReviewActionForm(forms.Form):
    """Start the review or accept: a button, and the version of the delegation it was shown."""

    ACTIONS = ("start_review", "accept")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], widget=forms.HiddenInput)
    seen_updated_at = SeenVersionField()


class QueryForm(forms.Form):
    question = forms.CharField(label=_("Question to the focal point"),
                               widget=forms.Textarea(attrs={"rows": 3}))
    seen_updated_at = SeenVersionField()


class ArrearsForm(forms.Form):
    member_state = forms.ModelChoiceField(label=_("Member State"),
                                          queryset=MemberState.objects.all())
    in_arrears = forms.BooleanField(
        label=_("In arrears"), required=False,
        help_text=_("Arrears equal to or above the contributions due for the preceding two "
                    "full years (Constitution art. 13(4))."))
    vote_restored_on = forms.DateField(
        label=_("Vote restored on"), required=False, widget=DATE,
        help_text=_("Date of the Conference decision restoring the right to vote."))
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=200,
                                         required=False)

    def clean(self):
        data = super().clean()
        if data.get("vote_restored_on") and not data.get("in_arrears"):
            self.add_error("vote_restored_on",
                           _("The vote can only be restored to a Member in arrears."))
        return data


class CredentialsSettingsForm(forms.ModelForm):
    seen_updated_at = SeenVersionField()

    class Meta:
        model = CredentialsSettings
        fields = ["deadline", "arrears_scope", "list_language"]
        widgets = {"deadline": DATE}


class NominationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person} — {obj.get_group_display()}, {obj.get_role_display()}"


class DelegationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.member_state)


class ObjectionForm(forms.Form):
    """An objection or complaint as received: the time is typed in the session's time zone."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ObjectionKind.choices)
    delegation = DelegationChoiceField(label=_("Delegation"), queryset=Delegation.objects.none())
    nomination = NominationChoiceField(
        label=_("Person objected to"), required=False, queryset=Nomination.objects.none(),
        help_text=_("Leave empty when the objection concerns the delegation as a whole, e.g. "
                    "the failure to nominate an Employers' or Workers' delegate."))
    lodged_by = forms.CharField(label=_("Lodged by"), max_length=300, required=False)
    authors_anonymous = forms.BooleanField(label=_("The authors are anonymous"),
                                           required=False)
    author_is_adviser_to_delegate = forms.BooleanField(
        label=_("The author is an adviser to the delegate objected to"), required=False)
    same_facts_found_irrelevant = forms.BooleanField(
        label=_("The Conference already found the same facts irrelevant"), required=False)
    lodged_on = forms.DateField(label=_("Lodged on"), widget=DATE)
    lodged_time = forms.TimeField(label=_("Lodged at (local time of the session)"),
                                  widget=TIME)
    revised_list_published_on = forms.DateField(
        label=_("Based on the revised list published on"), required=False, widget=DATE,
        help_text=_("Only when the objection is based on a revised list: the time limit is "
                    "then 48 hours from 10:00 that day."))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["delegation"].queryset = (
            Delegation.objects.filter(session=session).select_related("member_state")
            .order_by("member_state__name_en"))
        chosen = self.data.get("delegation") or self.initial.get("delegation")
        nominations = Nomination.objects.none()
        if chosen and str(chosen).isdigit():
            nominations = (Nomination.objects.filter(
                delegation_id=int(chosen), delegation__session=session,
                withdrawn_in_amendment__isnull=True).select_related("person")
                .order_by("position", "id"))
        self.fields["nomination"].queryset = nominations
        if not self.is_bound:
            now = timezone.now().astimezone(session.zone)
            self.initial.setdefault("lodged_on", now.date())
            self.initial.setdefault("lodged_time", now.time().replace(second=0,
                                                                      microsecond=0))

    def clean(self):
        data = super().clean()
        if data.get("lodged_on") and data.get("lodged_time"):
            data["lodged_at"] = dt.datetime.combine(data["lodged_on"], data["lodged_time"],
                                                    self.session.zone)
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in (
            "kind", "delegation", "nomination", "lodged_by", "authors_anonymous",
            "author_is_adviser_to_delegate", "same_facts_found_irrelevant", "lodged_at",
            "revised_list_published_on", "summary")}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ObjectionDecision.choices)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)
    decision_text = forms.CharField(label=_("Text of the decision"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 4}))
    seen_updated_at = SeenVersionField()
