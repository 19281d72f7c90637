"""The venue's time zone: a short searchable list, any real zone typed, and the country's zone
when none is chosen."""

import pytest

from tests.factories import SessionFactory, state
from tripartite.meetings.forms import SessionForm
from tripartite.meetings.time_zones import country_zone

pytestmark = pytest.mark.django_db

FORM = {"title_en": "Regional Meeting", "opens_on": "2027-03-01", "opens_time": "10:00",
        "closes_on": "2027-03-04", "closes_time": "18:00", "working_languages": ["en"]}


def test_a_countrys_zone_is_its_main_one():
    assert [country_zone(code) for code in ("CH", "ET", "US", "PE", "XX", "")] == [
        "Europe/Zurich", "Africa/Addis_Ababa", "America/New_York", "America/Lima", "", ""]


def test_left_empty_the_zone_is_the_venues_countrys():
    form = SessionForm({**FORM, "time_zone": "", "country": state("ET").pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_zone"] == "Africa/Addis_Ababa"
    assert form.cleaned_data["opens_at"].utcoffset().total_seconds() == 3 * 3600


def test_without_zone_or_country_the_form_asks_for_one():
    form = SessionForm({**FORM, "time_zone": ""})
    assert not form.is_valid()
    assert form.errors["time_zone"] == [
        "Choose the venue's time zone (no country is named to take it from)."]


def test_a_name_that_is_not_a_zone_is_refused_with_an_example():
    form = SessionForm({**FORM, "time_zone": "Geneva"})
    assert not form.is_valid()
    assert form.errors["time_zone"] == [
        "“Geneva” is not a time zone. Choose one from the list, or type a name such as "
        "Europe/Zurich."]


def test_the_short_list_has_the_venues_and_the_sessions_zones_searchable():
    SessionFactory(time_zone="Pacific/Fiji")
    html = str(SessionForm()["time_zone"])
    assert 'list="id_time_zone_options"' in html
    assert '<option value="Europe/Zurich">Europe/Zurich — Geneva</option>' in html
    assert '<option value="Pacific/Fiji">Pacific/Fiji</option>' in html
    assert html.count("<option") < 40  # not the 600 names of the tz database
