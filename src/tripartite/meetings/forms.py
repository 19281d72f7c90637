import datetime as dt
import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tripartite.common.forms import SeenVersionField
from tripartite.constituents.models import MemberState, Person
from tripartite.meetings.models import (
    AgendaItem,
    Committee,
    Meeting,
    Officer,
    Session,
)
from tripartite.meetings.time_zones import TimeZoneField, country_zone, venue_zone_options


class MeetingForm(forms.ModelForm):
    seen_updated_at = SeenVersionField()

    class Meta:
        model = Meeting
        fields = ["type", "title_en", "title_fr", "title_es", "acronym"]


class SessionForm(forms.Form):
    """A session's dates are typed in the venue's local time and stored in UTC."""

    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=300)
    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False)
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=300, required=False)
    opens_on = forms.DateField(label=_("Opens on"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    opens_time = forms.TimeField(label=_("Opening time (local)"), initial=dt.time(10, 0),
                                 widget=forms.TimeInput(attrs={"type": "time"}))
    closes_on = forms.DateField(label=_("Closes on"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    closes_time = forms.TimeField(label=_("Closing time (local)"), initial=dt.time(18, 0),
                                  widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = TimeZoneField(label=_("Time zone of the venue"), required=False,
                              initial="Europe/Zurich")
    venue_en = forms.CharField(label=_("Venue (English)"), max_length=200, required=False)
    venue_fr = forms.CharField(label=_("Venue (French)"), max_length=200, required=False,
                               help_text=_("Left empty: the English name, or the usual name "
                                           "of a well-known place."))
    venue_es = forms.CharField(label=_("Venue (Spanish)"), max_length=200, required=False,
                               help_text=_("Left empty: the English name, or the usual name "
                                           "of a well-known place."))
    city_en = forms.CharField(label=_("City (English)"), max_length=100, required=False)
    city_fr = forms.CharField(label=_("City (French)"), max_length=100, required=False,
                              help_text=_("e.g. Genève"))
    city_es = forms.CharField(label=_("City (Spanish)"), max_length=100, required=False,
                              help_text=_("e.g. Ginebra"))
    country = forms.ModelChoiceField(label=_("Country"), required=False,
                                     queryset=MemberState.objects.all())
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=settings.LANGUAGES, initial=["en", "fr", "es"],
        widget=forms.CheckboxSelectMultiple)
    seen_updated_at = SeenVersionField()

    FIELDS = ("number", "title_en", "title_fr", "title_es", "time_zone", "venue_en",
              "venue_fr", "venue_es", "city_en", "city_fr", "city_es", "country",
              "working_languages")
    # The groups the page shows (common/_form_body.html).
    fieldsets = (
        (_("The session"), ("number", "title_en", "title_fr", "title_es")),
        (_("Place"), ("venue_en", "venue_fr", "venue_es", "city_en", "city_fr", "city_es",
                      "country", "time_zone")),
        (_("Dates, in the venue's time"), ("opens_on", "opens_time", "closes_on",
                                           "closes_time")),
        (_("Languages"), ("working_languages",)),
    )

    @classmethod
    def initial_for(cls, session) -> dict:
        opens, closes = session.local_opens_at, session.local_closes_at
        return {**{name: getattr(session, name) for name in cls.FIELDS},
                "opens_on": opens.date(), "opens_time": opens.time(),
                "closes_on": closes.date(), "closes_time": closes.time(),
                "seen_updated_at": session.updated_at.isoformat()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.options = venue_zone_options(
            list(Session.objects.values_list("time_zone", flat=True).distinct()))

    def clean(self):
        data = super().clean()
        if not data.get("time_zone") and "time_zone" not in self.errors:
            country = data.get("country")
            data["time_zone"] = country_zone(country.iso2 if country else "")
            if not data["time_zone"]:
                self.add_error("time_zone", _("Choose the venue's time zone (no country is "
                                              "named to take it from)."))
        zone_name = data.get("time_zone")
        if not zone_name or any(data.get(key) is None for key in
                                ("opens_on", "opens_time", "closes_on", "closes_time")):
            return data
        zone = zoneinfo.ZoneInfo(zone_name)
        data["opens_at"] = dt.datetime.combine(data["opens_on"], data["opens_time"], zone)
        data["closes_at"] = dt.datetime.combine(data["closes_on"], data["closes_time"], zone)
        if data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_on", _("A session must close after it opens."))
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {**{name: data[name] for name in self.FIELDS},
                "opens_at": data["opens_at"], "closes_at": data["closes_at"]}

    def create_values(self) -> dict:
        """``service_values`` for ``session_create``: the English names as venue and city."""
        values = self.service_values()
        values["venue"], values["city"] = values.pop("venue_en"), values.pop("city_en")
        return values


class AgendaItemForm(forms.ModelForm):
    seen_updated_at = SeenVersionField()

    class Meta:
        model = AgendaItem
        fields = ["number", "title_en", "title_fr", "title_es", "technical", "position"]

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["position"].required = False

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        session = self.session or self.instance.session
        clash = AgendaItem.objects.filter(session=session, number=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This session already has an item numbered %(n)s."),
                                        params={"n": number})
        return number

    def _post_clean(self):
        # The session is set by the service; validate the rest of the model here.
        if self.session is not None and not self.instance.pk:
            self.instance.session = self.session
        super()._post_clean()


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["kind", "name_en", "name_fr", "name_es", "agenda_item"]

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(session=session)


class OfficerForm(forms.ModelForm):
    """An officer is chosen among the people on record, by the Latin form of their name."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(),
                                    widget=forms.NumberInput,
                                    help_text=_("The number shown on the person's page."))

    class Meta:
        model = Officer
        fields = ["role", "group", "committee", "person"]

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(session=session)
        self.fields["person"].queryset = Person.objects.all()
