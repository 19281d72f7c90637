"""Forms of the doors' pages: a scan, the attendance filters, a departure, the practice."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.common.forms import SeenVersionField
from tripartite.registration.models import BadgeCategory, QuorumBasis
from tripartite.registration.services.checkin import DOOR_MAX_LENGTH, REQUEST_ID_MAX_LENGTH

LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"},
                                     format="%Y-%m-%dT%H:%M")


class CheckInForm(forms.Form):
    door = forms.CharField(label=_("Door"), max_length=DOOR_MAX_LENGTH,
                           help_text=_("Where you scan, e.g. Main entrance. Remembered on this "
                                       "device."),
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "list": "known-doors"}))
    token = forms.CharField(label=_("Badge code"), max_length=500, strip=True,
                            help_text=_("Scan the QR code with a hand scanner, or type or paste "
                                        "the code, then press Enter."),
                            widget=forms.TextInput(attrs={
                                "autocomplete": "off", "autocapitalize": "off",
                                "spellcheck": "false", "autofocus": True}))
    request_id = forms.CharField(max_length=REQUEST_ID_MAX_LENGTH, required=False,
                                 widget=forms.HiddenInput)


class AttendanceFilterForm(forms.Form):
    PRESENCE = (("", _("Everyone")), ("in", _("Came in that day")),
                ("out", _("Did not come in that day")))

    day = forms.ChoiceField(label=pgettext_lazy("calendar", "Day"), required=False)
    delegation = forms.ChoiceField(label=_("Delegation or organization"), required=False)
    group = forms.ChoiceField(label=_("Group or category"), required=False,
                              choices=(("", _("All")), *BadgeCategory.choices))
    presence = forms.ChoiceField(label=_("Presence"), required=False, choices=PRESENCE)
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, data, *, days, delegations):
        super().__init__(data)
        self.fields["day"].choices = [(day.isoformat(), date_format(day, "D j M Y"))
                                      for day in days]
        self.fields["delegation"].choices = [("", _("All")), *delegations]
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = ""
        del self.fields["q"].widget.attrs["data-autosubmit"]


class QuorumAtForm(forms.Form):
    at = forms.DateTimeField(label=_("At"), required=False, widget=LOCAL_DATETIME,
                             help_text=_("In the session's time zone; empty: now."))

    def __init__(self, *args, label=None, **kwargs):
        """``label``: what the moment is for on the page ("The figures at another time")."""
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["at"].label = label


class DepartureForm(forms.Form):
    effective_at = forms.DateTimeField(
        label=_("Departure takes effect at"), required=False, widget=LOCAL_DATETIME,
        help_text=_("In the session's time zone; empty: now. From then on the person no "
                    "longer counts in the quorum base, and their badge no longer opens the "
                    "doors."))
    updated_at = SeenVersionField()


class QuorumBasisForm(forms.Form):
    quorum_basis = forms.ChoiceField(
        label=_("Who counts in the quorum base"), choices=QuorumBasis.choices,
        widget=forms.RadioSelect,
        help_text=_("Since 2021-22 the Conference counts every accredited delegate as "
                    "registered for the whole session unless a departure is notified. The "
                    "default here is the registration at the desk."))
