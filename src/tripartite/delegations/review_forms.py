"""Forms of the Office's review and of the Credentials Committee."""

import datetime as dt

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.common.forms import SeenVersionField
from tripartite.constituents.models import IloRegion, MemberState
from tripartite.delegations.models import (
    CredentialsSettings,
    Delegation,
    DelegationStatus,
    MemberPosition,
    Nomination,
    ObjectionKind,
    ObjectionOutcome,
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
        # Choosing the delegation lists its persons (htmx: the page again, its nomination field
        # only); without JavaScript, the page's "List the persons" button does it.
        self.fields["delegation"].widget.attrs.update({
            "hx-get": reverse("delegations:committee_objections", args=[session.pk]),
            "hx-trigger": "change", "hx-include": "this", "hx-target": "#field-nomination",
            "hx-select": "#field-nomination", "hx-swap": "outerHTML"})
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


POSITIONS = [("", _("Did not take part")), *MemberPosition.choices]


class CommitteeDecisionForm(forms.Form):
    """What every decision of the Committee records: its date, its text and each member's
    vote (the groups' members, as the Committee's reports name them)."""

    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    text = forms.CharField(label=_("Text of the decision"),
                           widget=forms.Textarea(attrs={"rows": 4}))
    government_position = forms.ChoiceField(label=_("Government member"), choices=POSITIONS,
                                            required=False, initial="for")
    employers_position = forms.ChoiceField(label=_("Employer member"), choices=POSITIONS,
                                           required=False, initial="for")
    workers_position = forms.ChoiceField(label=_("Worker member"), choices=POSITIONS,
                                         required=False, initial="for")
    minority_views = forms.CharField(
        label=_("Views of the minority"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When the Committee is divided: the views its report gives."))
    seen_updated_at = SeenVersionField()

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"decided_on": data["decided_on"], "text": data["text"],
                "minority_views": data["minority_views"],
                "seen_updated_at": data.get("seen_updated_at"),
                "positions": {group: data[f"{group}_position"]
                              for group in ("government", "employers", "workers")}}


class ReceivabilityForm(CommitteeDecisionForm):
    receivable = forms.TypedChoiceField(
        label=_("The Committee finds it"), coerce=lambda value: value == "yes",
        choices=[("yes", _("Receivable")), ("no", _("Irreceivable"))],
        widget=forms.RadioSelect)
    field_order = ["receivable"]

    def service_values(self) -> dict:
        return {**super().service_values(), "receivable": self.cleaned_data["receivable"]}


class OutcomeForm(CommitteeDecisionForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ObjectionOutcome.choices,
                                help_text=_("A proposal to invalidate the credentials and a "
                                            "follow-up at the next session go to the "
                                            "Conference."))
    field_order = ["outcome"]

    def service_values(self) -> dict:
        return {**super().service_values(), "outcome": self.cleaned_data["outcome"]}


class ConferenceDecisionForm(forms.Form):
    result = forms.ChoiceField(label=_("The Conference's decision"), choices=())
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    reference = forms.CharField(label=_("Reference"), max_length=300, required=False,
                                help_text=_("Where the decision is recorded, e.g. the record "
                                            "vote and the Provisional Record."))
    seen_updated_at = SeenVersionField()

    def __init__(self, *args, results=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = list(results)
