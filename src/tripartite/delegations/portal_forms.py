"""Forms of the focal points' portal: nominate a person, upload the letter or the template,
submit, answer a query. They only validate input; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tripartite.common.forms import SeenVersionField
from tripartite.common.models import Group
from tripartite.constituents.models import ConstituentOrganisation, Gender, MemberState
from tripartite.delegations.models import REPRESENTING_ROLES, Nomination, NominationRole
from tripartite.meetings.models import AgendaItem

# The roles that accompany a delegate (Constitution art. 3(2), 3(3) and 3(7)).
ADVISER_ROLES = frozenset({NominationRole.ADVISER, NominationRole.SUBSTITUTE_DELEGATE,
                           NominationRole.ADVISER_SUBSTITUTE_DELEGATE,
                           NominationRole.TERRITORY_ADVISER})
# The kinds of organization a member of each group may be linked with.
ORGANISATION_KINDS = {
    Group.GOVERNMENT: {"ministry", "other"},
    Group.EMPLOYERS: {"employers"},
    Group.WORKERS: {"workers"},
}


def person_key(name: str, name_latin: str = "") -> tuple[str, str]:
    """Two entries with the same name and Latin name are taken to be the same person."""
    def normal(text):
        return " ".join((text or "").casefold().split())

    return normal(name), normal(name_latin or name)


def nominated_person_keys(nominations) -> set[tuple[str, str]]:
    """The person keys of ``nominations`` (with their persons selected)."""
    return {person_key(n.person.name, n.person.name_latin) for n in nominations}


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} — {obj.get_kind_display()}"


class DelegateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person} — {obj.get_group_display()}"


class AgendaItemsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class NominationForm(forms.Form):
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices)
    role = forms.ChoiceField(label=_("Role"), choices=NominationRole.choices)
    represents = forms.CharField(
        label=_("Territory, State or province represented"), max_length=200, required=False,
        help_text=_("Only for an additional adviser for a non-metropolitan territory (the "
                    "territory, Constitution art. 3(3)) or a representative of a State or "
                    "province of a federal State (its name)."))
    title = forms.CharField(label=_("Title"), max_length=40, required=False,
                            help_text=_("Mr, Ms, Dr, H.E. …"))
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("As the person writes it, in any script."))
    name_latin = forms.CharField(
        label=_("Name in Latin script"), max_length=200, required=False,
        help_text=_("Leave empty when the name is already in Latin script."))
    family_name = forms.CharField(
        label=_("Family name"), max_length=200, required=False,
        help_text=_("As written in the name in Latin script, shown in capitals in the "
                    "lists of delegations. Left empty, it is guessed from the name."))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = OrganisationChoiceField(
        label=_("Organization"), required=False, queryset=ConstituentOrganisation.objects.none(),
        help_text=_("For the Employers' and Workers' members: the organization in agreement "
                    "with which they were chosen (Constitution art. 3(5))."))
    adviser_to = DelegateChoiceField(
        label=_("Adviser to"), required=False, queryset=Nomination.objects.none(),
        help_text=_("For an adviser or a substitute delegate: the delegate accompanied."))
    agenda_items = AgendaItemsField(
        label=_("Agenda items"), required=False, queryset=AgendaItem.objects.none(),
        help_text=_("For an adviser: the agenda items followed (two advisers at most per item "
                    "for each delegate)."))

    def __init__(self, *args, delegation, nominated_keys=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominated_keys = nominated_keys
        self.fields["organisation"].queryset = ConstituentOrganisation.objects.filter(
            member_state_id=delegation.member_state_id).order_by("kind", "name")
        self.fields["adviser_to"].queryset = (
            Nomination.objects.filter(delegation_id=delegation.pk, role=NominationRole.DELEGATE,
                                      withdrawn_in_amendment__isnull=True)
            .select_related("person").order_by("position", "id")
            if delegation.pk else Nomination.objects.none())
        self.fields["agenda_items"].queryset = AgendaItem.objects.filter(
            session_id=delegation.session_id, technical=True).order_by("position", "id")

    def clean(self):
        data = super().clean()
        group, role = data.get("group"), data.get("role")
        organisation = data.get("organisation")
        if organisation is not None and group in ORGANISATION_KINDS and \
                organisation.kind not in ORGANISATION_KINDS[group]:
            self.add_error("organisation", _("Choose an organization of the member's group "
                                             "(%(organisation)s is: %(kind)s).") % {
                "organisation": organisation, "kind": organisation.get_kind_display()})
        represents = " ".join(data.get("represents", "").split())
        if role in REPRESENTING_ROLES and not represents:
            self.add_error("represents", _("Name the territory, State or province this person "
                                           "represents."))
        elif represents and role and role not in REPRESENTING_ROLES:
            self.add_error("represents", _("Leave this empty: only an additional adviser for a "
                                           "territory or a representative of a State or "
                                           "province says what they represent."))
        if data.get("adviser_to") is not None and role and role not in ADVISER_ROLES:
            self.add_error("adviser_to", _("Only an adviser or a substitute delegate "
                                           "accompanies a delegate."))
        name = data.get("name")
        if name and person_key(name, data.get("name_latin", "")) in self.nominated_keys:
            self.add_error("name", _("%(name)s is already in this delegation.") % {"name": name})
        return data


class LetterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Signed credentials letter (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("A PDF of at most 10 MB, without a password."))


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled template (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}))


class SubmitForm(forms.Form):
    seen_updated_at = SeenVersionField()


class QueryAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3}))


class MemberStateChoiceForm(forms.Form):
    """The secretariat's choice of a State in the portal."""

    state = forms.ModelChoiceField(label=_("Member State"), to_field_name="iso2",
                                   queryset=MemberState.objects.order_by("name_en"))
