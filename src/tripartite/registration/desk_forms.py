"""Forms of the registration desk and of the photo upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tripartite.constituents.models import Gender
from tripartite.registration.models import BadgeCategory
from tripartite.registration.services.desk import HAND_CATEGORIES


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or badge number"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"autofocus": True, "type": "search",
                                                      "autocomplete": "off"}))
    state = forms.ChoiceField(label=_("Delegation"), required=False)

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All delegations"))] + [
            (state.iso2, state.name) for state in states]


class RevokeBadgeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, widget=forms.TextInput(
        attrs={"placeholder": _("lost, no longer accredited…")}))


class PhotoUploadForm(forms.Form):
    # A plain file field: photos.process_photo does the checks, with its own messages.
    photo = forms.FileField(label=_("Photo"), help_text=_(
        "A recent passport-style photo, face visible, JPEG, PNG or WebP, at least 240 × 320 "
        "pixels. It is cropped to the badge's 3:4 frame; you see the result before it is "
        "kept."), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,"
                                                                  "image/webp"}))


class PhotoConfirmForm(forms.Form):
    pending = forms.CharField(widget=forms.HiddenInput)


class AddRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("As the person writes it, in any script."))
    name_latin = forms.CharField(label=_("Name in Latin script"), max_length=200,
                                 required=False,
                                 help_text=_("Leave empty if the name is in Latin script."))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    category = forms.ChoiceField(label=_("Category"), choices=[
        (value, label) for value, label in BadgeCategory.choices if value in HAND_CATEGORIES])
    role_label = forms.CharField(label=_("Role on the badge"), max_length=100, required=False)
    affiliation = forms.CharField(label=_("Organization"), max_length=200, required=False)
