"""Forms of meeting proposals. Nothing is required to save a draft: what a submission needs is
the rules' business (MTG-3-COMPLETE), and the edit page marks each missing field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.common.forms import SeenVersionField
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.constituents.models import MemberState
from tripartite.meetings import places
from tripartite.meetings.time_zones import TimeZoneField, country_zone
from tripartite.proposals.models import (
    ConsultedGroup,
    Decision,
    FundingSource,
    Opinion,
    ProposalType,
)
from tripartite.proposals.uploads import check_concept_note
from tripartite.rules import proposals as rules
from tripartite.rules.proposal_input import CURRENCIES, LANGUAGE_CODES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
FUNDING_ROWS = 3


class LanguageCodesField(forms.CharField):
    """ISO 639-1 codes separated by commas or spaces: "fr, en"."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [code.lower() for code in text.replace(",", " ").split()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def validate(self, value):
        unknown = [code for code in value if code not in LANGUAGE_CODES]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language code: %(codes)s. Use ISO 639-1 codes such as en, fr, es.")
                % {"codes": ", ".join(unknown)})


class ProposalForm(forms.Form):
    unit = forms.CharField(label=_("Responsible unit"), max_length=100, required=False,
                           help_text=_("The secretariat may name another unit."))
    responsible_officer = forms.CharField(label=_("Responsible officer"), max_length=200,
                                          required=False)
    type = forms.ChoiceField(label=_("Type of meeting"), required=False,
                             choices=[("", "—"), *ProposalType.choices])
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False)
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=300, required=False)
    purpose_en = forms.CharField(label=_("Purpose, in English"), required=False, widget=TEXT)
    purpose_fr = forms.CharField(label=_("Purpose, in French"), required=False, widget=TEXT)
    purpose_es = forms.CharField(label=_("Purpose, in Spanish"), required=False, widget=TEXT)
    standards_relevance_en = forms.CharField(
        label=_("Relevance to international labour standards, in English"), required=False,
        widget=TEXT)
    standards_relevance_fr = forms.CharField(
        label=_("Relevance to international labour standards, in French"), required=False,
        widget=TEXT)
    standards_relevance_es = forms.CharField(
        label=_("Relevance to international labour standards, in Spanish"), required=False,
        widget=TEXT)
    start = forms.DateField(label=_("First day"), required=False, widget=DATE)
    end = forms.DateField(label=_("Last day"), required=False, widget=DATE)
    time_zone = TimeZoneField(label=_("Time zone of the venue"), required=False,
                              initial="Europe/Zurich")
    country = forms.ModelChoiceField(label=_("Country"), required=False,
                                     queryset=MemberState.objects.all())
    city = forms.CharField(
        label=_("City"), max_length=100, required=False,
        help_text=_("In English, French or Spanish: a well-known city (Geneva, Genève, "
                    "Ginebra) is shown to each reader in their language."))
    online = forms.BooleanField(label=_("Online meeting"), required=False)
    coverage = forms.ModelMultipleChoiceField(
        label=_("Geographical coverage"), required=False, queryset=MemberState.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 8, "data-search": _("Search the countries")}),
        help_text=_("The countries whose participants are invited."))
    tripartite = forms.NullBooleanField(label=_("Tripartite meeting"), required=False)
    government = forms.IntegerField(label=_("Government participants"), min_value=0,
                                    required=False)
    employers = forms.IntegerField(label=_("Employers' participants"), min_value=0,
                                   required=False)
    workers = forms.IntegerField(label=_("Workers' participants"), min_value=0, required=False)
    resource_persons = forms.IntegerField(label=_("Resource persons"), min_value=0,
                                          required=False)
    resource_persons_women = forms.IntegerField(label=_("Of whom women"), min_value=0,
                                                required=False)
    observers = forms.IntegerField(label=_("Observers"), min_value=0, required=False)
    languages = LanguageCodesField(label=_("Working languages"), required=False,
                                   help_text=_("ISO 639-1 codes, e.g. “fr, en”."))
    interpretation = LanguageCodesField(label=_("Interpretation"), required=False,
                                        help_text=_("Languages with interpretation, e.g. "
                                                    "“fr, en”."))
    concept_note = forms.FileField(label=_("Concept note"), required=False,
                                   help_text=_("PDF or Word (.docx), at most 10 MB."))
    seen_updated_at = SeenVersionField()

    SERVICE_FIELDS = ("responsible_officer", "type", "title_en", "title_fr", "title_es",
                      "purpose_en", "purpose_fr", "purpose_es", "standards_relevance_en",
                      "standards_relevance_fr", "standards_relevance_es", "start", "end",
                      "time_zone", "country", "city", "online", "tripartite",
                      *rules.COMPOSITION_FIELDS, "languages", "interpretation")

    # The rules' names of missing fields -> the form's fields that answer them.
    MISSING_FIELD_NAMES = {
        "title": "title_en", "purpose": "purpose_en",
        "standards_relevance": "standards_relevance_en", "place": "city",
        "responsible_unit": "unit",
    }

    def __init__(self, *args, can_change_unit=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_change_unit:
            del self.fields["unit"]

    @classmethod
    def initial_for(cls, proposal) -> dict:
        initial = {name: getattr(proposal, name) for name in cls.SERVICE_FIELDS}
        initial["city"] = places.place_in(proposal.city, current_language())
        initial.update(unit=proposal.unit, coverage=list(proposal.coverage.all()),
                       seen_updated_at=proposal.updated_at.isoformat())
        return initial

    def clean_concept_note(self):
        uploaded = self.cleaned_data.get("concept_note")
        if uploaded:
            try:
                check_concept_note(uploaded)
            except ServiceError as error:
                raise forms.ValidationError(error.message) from error
        return uploaded

    def clean(self):
        data = super().clean()
        if not data.get("time_zone") and "time_zone" not in self.errors:
            country = data.get("country")
            data["time_zone"] = country_zone(country.iso2 if country else "") or "Europe/Zurich"
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The meeting cannot end before it starts."))
        women, persons = data.get("resource_persons_women"), data.get("resource_persons")
        if women is not None and persons is not None and women > persons:
            self.add_error("resource_persons_women",
                           _("There cannot be more women than resource persons."))
        return data

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SERVICE_FIELDS}


class FundingForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), required=False,
                               choices=[("", "—"), *FundingSource.choices])
    amount = forms.DecimalField(label=_("Amount"), required=False, min_value=0,
                                max_digits=14, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3,
                               widget=forms.TextInput(attrs={"size": 4}))
    donor = forms.CharField(label=_("Donor"), required=False, max_length=200)

    def clean_currency(self):
        code = self.cleaned_data["currency"].strip().upper()
        if code and code not in CURRENCIES:
            raise forms.ValidationError(
                _("Unknown currency: %(code)s. Use an ISO 4217 code such as USD, EUR or CHF.")
                % {"code": code})
        return code

    def clean(self):
        data = super().clean()
        if not data.get("source") and any(data.get(key) for key in
                                           ("amount", "currency", "donor")):
            self.add_error("source", _("Say where this financing comes from."))
        return data


FundingFormSet = forms.formset_factory(FundingForm, extra=0, min_num=FUNDING_ROWS,
                                       max_num=FUNDING_ROWS)


def funding_initial(proposal) -> list[dict]:
    return [{"source": line.source, "amount": line.amount, "currency": line.currency,
             "donor": line.donor} for line in proposal.financing.all()] if proposal else []


def funding_lines(formset) -> list[dict]:
    return [{key: form.cleaned_data.get(key) for key in ("source", "amount", "currency",
                                                          "donor")}
            for form in formset.forms if form.cleaned_data.get("source")]


class TransitionForm(forms.Form):
    to_state = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comments for the unit"), required=False, widget=TEXT)
    seen_updated_at = SeenVersionField()

    def __init__(self, *args, with_comment: bool = True, **kwargs):
        """``with_comment``: the move asks for comments (returning a proposal needs them, the
        service says so; the page asks for them before sending); else the field is left out."""
        super().__init__(*args, **kwargs)
        if not with_comment:
            del self.fields["comment"]
        elif not self.is_bound:
            self.fields["comment"].widget.attrs["required"] = True


class OpinionForm(forms.Form):
    group = forms.ChoiceField(label=_("Group"), choices=ConsultedGroup.choices)
    opinion = forms.ChoiceField(label=_("Opinion"), choices=Opinion.choices)
    comments = forms.CharField(label=_("Comments"), required=False, widget=TEXT)
    consulted_on = forms.DateField(label=_("Date of the consultation"), widget=DATE,
                                   initial=timezone.localdate)

    def __init__(self, *args, groups: list[str] | None = None, **kwargs):
        """``groups``: those the user may speak for; only one, it is not asked."""
        super().__init__(*args, **kwargs)
        if groups and len(groups) == 1:
            self.fields["group"].widget = forms.HiddenInput()
            self.initial.setdefault("group", groups[0])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision of the Officers"), choices=Decision.choices)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)
    seen_updated_at = SeenVersionField()


class ReportForm(forms.Form):
    received_on = forms.DateField(label=_("Report received on"), widget=DATE)
    seen_updated_at = SeenVersionField()


class BatchForm(forms.Form):
    reference = forms.CharField(label=_("Reference of the batch"), max_length=100)
    proposals = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args, ready=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [(p.pk, str(p)) for p in ready]
