"""Forms of the votes' pages. They only collect input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.votes.models import Body, Choice, DecisionKind, MajorityKind, Method, QuorumSource


class VoteForm(forms.Form):
    subject_en = forms.CharField(label=_("What is voted on (English)"), max_length=500)
    subject_fr = forms.CharField(label=_("What is voted on (French)"), max_length=500,
                                 required=False)
    subject_es = forms.CharField(label=_("What is voted on (Spanish)"), max_length=500,
                                 required=False)
    body = forms.ChoiceField(label=_("Voting body"), choices=Body.choices, initial=Body.PLENARY)
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=None, required=False)
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None, required=False,
                                       help_text=_("Only for a committee vote."))
    decision = forms.ChoiceField(
        label=_("Kind of decision"), choices=DecisionKind.choices, initial=DecisionKind.OTHER,
        help_text=_("A decision the Constitution gives a majority sets it; a final vote on a "
                    "Convention or Recommendation, the abrogation of a Convention and an "
                    "amendment to the Constitution are record votes."))
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    majority = forms.ChoiceField(
        label=_("Required majority"), required=False,
        choices=[("", _("The majority of the kind of decision")), *MajorityKind.choices],
        help_text=_("Only for another decision; simple when left empty."))
    quorum_source = forms.ChoiceField(label=_("Quorum"), choices=QuorumSource.choices,
                                      initial=QuorumSource.ATTENDANCE)
    quorum_fixed = forms.IntegerField(label=_("Quorum fixed by the Credentials Committee"),
                                      min_value=0, required=False)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = session.agenda_items.order_by("position", "id")
        self.fields["committee"].queryset = session.committees.order_by("name", "id")

    def clean_majority(self):
        return self.cleaned_data.get("majority") or None


class RollCallForm(forms.Form):
    voter = forms.TypedChoiceField(label=_("Delegate"), coerce=int)
    choice = forms.ChoiceField(label=pgettext_lazy("ballot", "Vote"), choices=Choice.choices)

    def __init__(self, *args, voters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"].choices = list(voters)


class TotalsForm(forms.Form):
    yes = forms.IntegerField(label=pgettext_lazy("votes", "For"), min_value=0)
    no = forms.IntegerField(label=pgettext_lazy("votes", "Against"), min_value=0)
    abstain = forms.IntegerField(label=_("Abstentions"), min_value=0)
    government_yes = forms.IntegerField(label=_("Government delegates for"), min_value=0,
                                        required=False)
    government_no = forms.IntegerField(label=_("Government delegates against"), min_value=0,
                                       required=False)


class CorrectionForm(TotalsForm):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(
        attrs={"rows": 3}))


class SubstituteForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("Delegate"), queryset=None)
    substitute = forms.ModelChoiceField(label=_("Substitute (an adviser of the same "
                                                "delegation)"), queryset=None)
    vote = forms.ModelChoiceField(label=_("Vote"), queryset=None, required=False,
                                  empty_label=_("Every vote of the session"))
    document_reference = forms.CharField(label=_("Written appointment (reference)"),
                                         max_length=200)
    appointed_at = forms.DateTimeField(label=_("Appointed at"), required=False,
                                       help_text=_("Empty: now."))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        from tripartite.delegations.models import Nomination

        nominations = (Nomination.objects.filter(delegation__session=session,
                                                 withdrawn_in_amendment__isnull=True)
                       .select_related("person", "delegation__member_state")
                       .order_by("delegation__member_state__name", "position", "id"))
        self.fields["delegate"].queryset = nominations.filter(role="delegate")
        self.fields["substitute"].queryset = nominations
        label = self._label
        self.fields["delegate"].label_from_instance = label
        self.fields["substitute"].label_from_instance = label
        self.fields["vote"].queryset = session.votes.filter(state__in=("draft", "open"))

    @staticmethod
    def _label(nomination):
        return (f"{nomination.delegation.member_state.name} — {nomination.person.name} "
                f"({nomination.get_group_display()}, {nomination.get_role_display()})")
