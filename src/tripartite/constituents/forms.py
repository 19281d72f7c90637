from django import forms
from django.utils.translation import gettext_lazy as _

from tripartite.common.forms import SeenVersionField
from tripartite.constituents.models import (
    ConstituentOrganisation,
    IloRegion,
    MemberState,
    Person,
)


class MemberStateNamesForm(forms.ModelForm):
    seen_updated_at = SeenVersionField()

    class Meta:
        model = MemberState
        fields = ["name_en", "name_fr", "name_es"]
        labels = {"name_en": _("Official name in English"),
                  "name_fr": _("Official name in French"),
                  "name_es": _("Official name in Spanish")}


class OrganisationForm(forms.ModelForm):
    seen_updated_at = SeenVersionField()

    class Meta:
        model = ConstituentOrganisation
        fields = ["kind", "name", "acronym", "most_representative", "email", "website"]


class PersonForm(forms.ModelForm):
    seen_updated_at = SeenVersionField()

    class Meta:
        model = Person
        fields = ["title", "name", "name_latin", "family_name", "gender", "function", "email",
                  "organisation"]

    def __init__(self, *args, member_state=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_latin"].required = False
        self.fields["organisation"].queryset = ConstituentOrganisation.objects.filter(
            member_state=member_state) if member_state else ConstituentOrganisation.objects.none()


class MemberStateFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False,
                               choices=[("", _("All regions")), *IloRegion.choices])
    grouping = forms.ChoiceField(label=_("Regions"), required=False, choices=[
        ("five", _("Office regions (five)")),
        ("four", _("Regional Meetings (four)")),
    ])
