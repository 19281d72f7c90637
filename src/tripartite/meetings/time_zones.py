"""Time zones as a secretariat chooses them: a short list of the venues' zones, searchable,
and the default from the venue's country.

The list: the zones of the ILO's usual venues, and of every session already in the
database; any other IANA name may still be typed (the field checks it exists). The country's
zone comes from the tz database's ``zone.tab`` (via the ``tzdata`` package; not
``zone1970.tab``, which gives Ethiopia Nairobi's zone): a country with one zone gets it; a
country with several gets the first listed (its main one).
"""

import csv
import importlib.resources
import zoneinfo
from functools import cache

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The usual venues of the Office's meetings: (zone, where, in the reader's language).
VENUE_ZONES = (
    ("Europe/Zurich", _("Geneva")),
    ("Europe/Rome", _("Turin")),
    ("Europe/Brussels", _("Brussels")),
    ("Africa/Addis_Ababa", _("Addis Ababa")),
    ("Africa/Abidjan", _("Abidjan")),
    ("Africa/Dakar", _("Dakar")),
    ("Africa/Johannesburg", _("Pretoria")),
    ("Africa/Nairobi", _("Nairobi")),
    ("Africa/Cairo", _("Cairo")),
    ("Asia/Beirut", _("Beirut")),
    ("Asia/Bangkok", _("Bangkok")),
    ("Asia/Kolkata", _("New Delhi")),
    ("Asia/Jakarta", _("Jakarta")),
    ("Asia/Manila", _("Manila")),
    ("Asia/Tokyo", _("Tokyo")),
    ("Australia/Sydney", _("Sydney")),
    ("America/Lima", _("Lima")),
    ("America/Santiago", _("Santiago")),
    ("America/Mexico_City", _("Mexico City")),
    ("America/Port_of_Spain", _("Port of Spain")),
    ("America/New_York", _("New York")),
    ("America/Toronto", _("Ottawa")),
)


@cache
def zones_by_country() -> dict[str, list[str]]:
    """ISO 3166 code -> its zones, the main one first (``zone.tab``)."""
    table = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
    zones: dict[str, list[str]] = {}
    rows = (line for line in table.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    for codes, _coordinates, zone, *_comment in csv.reader(rows, delimiter="\t"):
        for code in codes.split(","):
            zones.setdefault(code, []).append(zone)
    return zones


def country_zone(iso2: str | None) -> str:
    """The zone of the country of ISO code ``iso2`` ("" when unknown)."""
    found = zones_by_country().get((iso2 or "").upper(), [])
    return found[0] if found else ""


def venue_zone_options(extra: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(zone, label) of the short list: the usual venues, then ``extra`` (e.g. the zones of
    the sessions in the database), without repeats."""
    # Lazy: a form class built at import time shows the label in each reader's language.
    options = [(zone, format_lazy("{} — {}", zone, where)) for zone, where in VENUE_ZONES]
    known = {zone for zone, _label in options}
    options += [(zone, zone) for zone in sorted(set(extra) - known) if zone]
    return options


class ZoneInput(forms.TextInput):
    """A text input with the short list as suggestions (a ``<datalist>``): the browser
    filters it as one types, and any other zone can still be typed."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.options: list[tuple[str, str]] = []

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', 'id_' + name)}_options"
        self.attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', self.options)
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class TimeZoneField(forms.CharField):
    """The venue's time zone: any IANA name, suggested from the short list."""

    widget = ZoneInput
    default_error_messages = {
        "unknown": _("“%(zone)s” is not a time zone. Choose one from the list, or type a "
                     "name such as Europe/Zurich."),
    }

    def __init__(self, *, extra_zones=(), **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("help_text", _("Type a city or a region to search the list; left "
                                         "empty, the zone of the venue's country."))
        super().__init__(**kwargs)
        self.widget.options = venue_zone_options(extra_zones)

    def clean(self, value):
        value = super().clean(value)
        if value and value not in zoneinfo.available_timezones():
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown",
                                        params={"zone": value})
        return value
