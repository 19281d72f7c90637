from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.constituents.models import ConstituentOrganisation, IloRegion, MemberState
from tripartite.correspondence.models import (
    AddressBookEntry,
    Audience,
    Channel,
    LetterKind,
    LetterStatus,
    LetterTemplate,
    Selection,
)
from tripartite.meetings.models import Session

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def sessions():
    return Session.objects.select_related("meeting").order_by("-opens_at")


class BatchForm(forms.Form):
    template = forms.ModelChoiceField(LetterTemplate.objects.filter(active=True),
                                      label=_("Template"))
    selection = forms.ChoiceField(
        label=_("Recipients"), widget=forms.RadioSelect,
        choices=[choice for choice in Selection.choices
                 if choice[0] != Selection.NON_REPLIERS],
        initial=Selection.ALL_MEMBER_STATES)
    audience = forms.ChoiceField(label=_("Addressed to"), choices=Audience.choices,
                                 initial=Audience.PERMANENT_MISSION,
                                 help_text=_("For a choice of member States: which address "
                                             "book entry of each State receives the letter."))
    region = forms.ChoiceField(label=_("Region"), required=False,
                               choices=[("", "—"), *IloRegion.choices])
    session = forms.ModelChoiceField(sessions(), label=_("Session"), required=False,
                                     help_text=_("The session the letters are about; for "
                                                 "missing credentials, the session whose "
                                                 "credentials are awaited."))
    recipients = forms.ModelMultipleChoiceField(
        AddressBookEntry.objects.filter(active=True).order_by("name"), required=False,
        label=_("Hand-picked recipients"), widget=forms.SelectMultiple(
            attrs={"size": 8, "data-search": _("Search the recipients")}))
    signatory = forms.CharField(label=_("Signatory"), max_length=200, required=False)
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200,
                                      required=False)
    letter_date = forms.DateField(label=_("Date of the letters"), widget=DateInput(),
                                  initial=timezone.localdate)
    reply_deadline = forms.DateField(label=_("Reply expected by"), required=False,
                                     widget=DateInput(),
                                     help_text=_("Leave empty when no reply is expected."))


class GenerateForm(forms.Form):
    pdf_files = forms.BooleanField(label=_("Also make the PDF files (LibreOffice)"),
                                   required=False, initial=True)


class ReminderForm(forms.Form):
    template = forms.ModelChoiceField(
        LetterTemplate.objects.filter(active=True, kind=LetterKind.REMINDER),
        label=_("Reminder template"))
    reply_deadline = forms.DateField(label=_("New reply deadline"), widget=DateInput())


class TemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ("code", "kind", "name_en", "name_fr", "name_es", "subject_en", "subject_fr",
                  "subject_es", "active")


class VersionUploadForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    file = forms.FileField(label=_("Word file (.docx)"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False,
                           help_text=_("What changed in this version."))


class AddressBookEntryForm(forms.ModelForm):
    member_state = forms.ModelChoiceField(MemberState.objects.order_by("name_en"),
                                          required=False, label=_("member State"))
    organisation = forms.ModelChoiceField(
        ConstituentOrganisation.objects.select_related("member_state")
        .order_by("member_state__name_en", "name"), required=False,
        label=_("constituent organization"))

    class Meta:
        model = AddressBookEntry
        fields = ("kind", "member_state", "organisation", "name", "language", "excellency",
                  "courtesy_title", "other_title", "addressee", "addressee_gender",
                  "addressee_title", "form_of_address", "postal_address", "email", "active")
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 4})}

    # The groups the page shows (common/_form_body.html).
    fieldsets = (
        (_("The recipient"), ("kind", "member_state", "organisation", "name", "language")),
        (_("The person addressed"), ("excellency", "courtesy_title", "other_title",
                                     "addressee", "addressee_gender", "addressee_title",
                                     "form_of_address")),
        (_("Addresses"), ("postal_address", "email", "active")),
    )


class LetterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=LetterStatus.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)


class ReplyForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DateInput(),
                                  initial=timezone.localdate)
    summary = forms.CharField(label=_("Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("File (PDF or Word)"), required=False)


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _(
                            "Reference, subject, recipient, signatory")}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *LetterStatus.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    state = forms.CharField(label=_("member State (ISO code)"), required=False, max_length=2)

    def values(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"query": data["q"].strip(), "status": data["status"], "year": data["year"],
                "member_state": data["state"].strip()}
