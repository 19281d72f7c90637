"""Forms of the library's pages. They only collect input: the services decide."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tripartite.library.models import Document, DocumentType, FollowUpStatus, Instrument
from tripartite.meetings.models import AgendaItem, Session


class DocumentUploadForm(forms.Form):
    symbol = forms.CharField(
        label=_("Symbol"), max_length=120,
        help_text=_("e.g. GB.356/INS/3(Rev.1), ILC.114/Record No. 5A. The symbol of a document "
                    "already in the library adds a language version of it."))
    language = forms.ChoiceField(label=_("Language of the file"), choices=settings.LANGUAGES)
    file = forms.FileField(label=_("File"), help_text=_("A PDF or a Word (.docx) document."))
    title_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False,
                               help_text=_("Required for a new document."))
    title_fr = forms.CharField(label=_("Title (French)"), max_length=500, required=False)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=500, required=False)
    type = forms.ChoiceField(label=_("Type"), required=False,
                             choices=[("", "—"), *DocumentType.choices])
    date = forms.DateField(label=_("Date"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))
    session = forms.ModelChoiceField(label=_("Session"), required=False, queryset=None)
    agenda_items = forms.ModelMultipleChoiceField(
        label=_("Agenda items"), required=False, queryset=None,
        help_text=_("Items of the session above."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.order_by("-opens_at")
        self.fields["agenda_items"].queryset = (
            AgendaItem.objects.select_related("session").order_by("-session__opens_at",
                                                                  "position", "id"))
        self.fields["agenda_items"].label_from_instance = (
            lambda item: f"{item.session.title} — {item.number}. {item.title}")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=300, help_text=_(
        "Words (accents and case do not matter), an exact phrase in double quotes, or a "
        "symbol such as GB.356/INS/3 (every revision)."))
    organ = forms.ChoiceField(label=_("Organ"), required=False)
    session = forms.ModelChoiceField(label=_("Session"), required=False, queryset=None)
    type = forms.ChoiceField(label=_("Type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("Any")), *settings.LANGUAGES])
    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organs=(), types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].choices = [("", _("Any")), *((organ, organ) for organ in organs)]
        self.fields["type"].choices = [("", _("Any")), *types]
        self.fields["session"].queryset = Session.objects.filter(
            documents__isnull=False).distinct().order_by("-opens_at")
        self.fields["session"].empty_label = _("Any")


def _agenda_items():
    return AgendaItem.objects.select_related("session").order_by("-session__opens_at",
                                                                "position", "id")


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None, required=False,
        help_text=_("Empty only for a session older than the meetings in Tripartite: then "
                    "choose the document."))
    date = forms.DateField(label=_("Date of the decision"),
                           widget=forms.DateInput(attrs={"type": "date"}))
    text_en = forms.CharField(label=_("Text of the decision (English)"),
                              widget=forms.Textarea(attrs={"rows": 5}))
    text_fr = forms.CharField(label=_("Text of the decision (French)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    text_es = forms.CharField(label=_("Text of the decision (Spanish)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.ModelChoiceField(label=_("Document"), required=False, queryset=None,
                                      help_text=_("The document the decision was taken on."))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=40, required=False,
                                help_text=_("e.g. 12 or 12(b)."))
    requests = forms.CharField(label=_("What it asks"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    addressed_to = forms.CharField(label=_("Of whom"), max_length=200, required=False,
                                   help_text=_("e.g. the Director-General, the Office."))
    unit = forms.CharField(label=_("Unit responsible"), max_length=100, required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    report_session = forms.ModelChoiceField(
        label=_("Session to report to"), required=False, queryset=None,
        help_text=_("The session at which the Office reports back."))

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = _agenda_items()
        self.fields["agenda_item"].label_from_instance = (
            lambda item: f"{item.session.title} — {item.number}. {item.title}")
        self.fields["document"].queryset = documents if documents is not None else (
            Document.objects.none())
        self.fields["report_session"].queryset = Session.objects.order_by("-opens_at")


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    unit = forms.CharField(label=_("Unit responsible"), max_length=100, required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    report_session = forms.ModelChoiceField(label=_("Session to report to"), required=False,
                                            queryset=None)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("What was done, for the decision's history."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_session"].queryset = Session.objects.order_by("-opens_at")


class DecisionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.ChoiceField(label=_("Unit responsible"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Awaiting follow-up")),
                                         *FollowUpStatus.choices, ("all", _("All"))]
        self.fields["unit"].choices = [("", _("Any")), *((unit, unit) for unit in units)]


class RulesTextImportForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Instrument.choices)
    language = forms.ChoiceField(label=_("Language of the file"), choices=settings.LANGUAGES)
    version_date = forms.DateField(
        label=_("Version of"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date of the version: of its adoption or last amendment. Importing "
                    "the same instrument, version and language again replaces it."))
    file = forms.FileField(label=_("File"), help_text=_(
        "A Word (.docx) document or a plain-text file: each article on a line starting "
        "“Article 4” (or “Art. 4”, “Artículo 4”), each paragraph on a line starting “1.” or "
        "“(1)”."))
