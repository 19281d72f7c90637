"""Forms of the sittings' pages. They only collect input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tripartite.accounts.models import User
from tripartite.delegations.models import Nomination
from tripartite.meetings.models import Officer
from tripartite.sittings.models import DecisionOutcome, OnBehalfOf, Ordering, SpeakerKind
from tripartite.votes.models import DecisionKind, Method


class SittingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("For example: Third sitting of the plenary."))
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None, required=False,
                                       help_text=_("Leave empty for the plenary."))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}),
                                help_text=_("In the venue's time zone."))
    ends_at = forms.TimeField(label=_("Ends"), required=False,
                              widget=forms.TimeInput(attrs={"type": "time"}),
                              help_text=_("In the venue's time zone."))
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    agenda_items = forms.ModelMultipleChoiceField(
        label=_("Agenda items taken"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=None, required=False,
                                   help_text=_("One of the session's officers."))
    secretary = forms.ModelChoiceField(label=_("Secretary"), queryset=None, required=False)
    ordering = forms.ChoiceField(label=_("Order of the list of speakers"),
                                 choices=Ordering.choices, initial=Ordering.REQUEST_ORDER)
    time_limit_seconds = forms.IntegerField(
        label=_("Time limit per speech (seconds)"), min_value=0, required=False, initial=300,
        help_text=_("Five minutes in the plenary discussion; empty for none."))
    spokesperson_limit_seconds = forms.IntegerField(
        label=_("Time limit for group spokespersons (seconds)"), min_value=0, required=False,
        help_text=_("For a speech on behalf of a group; empty: as any speech."))
    reply_limit_seconds = forms.IntegerField(
        label=_("Time limit for a right of reply (seconds)"), min_value=0, required=False,
        help_text=_("Empty: as any speech."))
    point_of_order_limit_seconds = forms.IntegerField(
        label=_("Time limit for a point of order (seconds)"), min_value=0, required=False,
        help_text=_("Empty: as any speech."))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = session.committees.order_by("name", "id")
        self.fields["agenda_items"].queryset = session.agenda_items.order_by("position", "id")
        self.fields["chair"].queryset = (Officer.objects.filter(session=session)
                                         .select_related("person").order_by("role", "id"))
        self.fields["secretary"].queryset = (User.objects.filter(is_active=True)
                                             .exclude(role="delegate")
                                             .order_by("last_name", "username"))


class EnterRequestForm(forms.Form):
    """The secretary enters a request for someone (a raised flag, an observer)."""

    nomination = forms.ModelChoiceField(label=_("Speaker"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of request"), choices=SpeakerKind.choices)
    on_behalf_of = forms.ChoiceField(label=_("On behalf of"), choices=OnBehalfOf.choices)
    acting_for_delegate = forms.BooleanField(
        label=_("Substitute acting for a regular delegate"), required=False)
    authorised_by_delegate = forms.BooleanField(
        label=_("Adviser authorised by their delegate"), required=False)
    chair_allows = forms.BooleanField(label=_("The Chair allows this observer to speak"),
                                      required=False)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = (
            Nomination.objects.filter(delegation__session=session,
                                      withdrawn_in_amendment__isnull=True)
            .select_related("person", "delegation__member_state")
            .order_by("delegation__member_state__name", "position", "id"))
        self.fields["nomination"].label_from_instance = (
            lambda n: f"{n.delegation.member_state.name} — {n.person.name} "
                      f"({n.get_group_display()}, {n.get_role_display()})")


class AskForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=SpeakerKind.choices,
                             initial=SpeakerKind.SPEECH)
    on_behalf_of = forms.ChoiceField(label=_("On behalf of"), choices=OnBehalfOf.choices,
                                     initial=OnBehalfOf.SELF)


class DecisionForm(forms.Form):
    """The decision on the item under discussion, its text in the three languages."""

    outcome = forms.ChoiceField(label=_("Decision"), choices=DecisionOutcome.choices)
    text_en = forms.CharField(label=_("Text of the decision (English)"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    text_fr = forms.CharField(label=_("Text of the decision (French)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    text_es = forms.CharField(label=_("Text of the decision (Spanish)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ItemVoteForm(forms.Form):
    """A vote on the item under discussion, prepared in the votes room."""

    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    decision = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices,
                                 initial=DecisionKind.OTHER)
    subject_en = forms.CharField(label=_("What is voted on (English)"), max_length=500)
    subject_fr = forms.CharField(label=_("What is voted on (French)"), max_length=500,
                                 required=False)
    subject_es = forms.CharField(label=_("What is voted on (Spanish)"), max_length=500,
                                 required=False)


class RecordForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[
        ("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))])
    format = forms.ChoiceField(label=_("Format"), choices=[("docx", _("Word")),
                                                           ("pdf", _("PDF"))])


class NotesForm(forms.Form):
    """The secretary's notes on the item under discussion (``item``) or on one speech
    (``speaker``); the console shows one per speech, each with its own label."""

    speaker = forms.IntegerField(required=False, widget=forms.HiddenInput)
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Notes on the item"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
