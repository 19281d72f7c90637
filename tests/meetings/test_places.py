"""A session's venue and city in the reader's language: "Geneva", "Genève", "Ginebra"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import GENEVA, MeetingFactory, SessionFactory, state, user_with_role
from tests.migrations import migrate_to, schema_back_to_the_latest  # noqa: F401
from tripartite.accounts.models import Role
from tripartite.correspondence.placeholders import BatchFacts, batch_values
from tripartite.meetings import places, services
from tripartite.meetings.models import Session


def _create(**kwargs) -> Session:
    return services.session_create(
        actor=user_with_role(Role.SECRETARIAT), meeting=MeetingFactory(),
        title_en="A session", opens_at=dt.datetime(2027, 3, 1, 10, tzinfo=GENEVA),
        closes_at=dt.datetime(2027, 3, 2, 18, tzinfo=GENEVA), **kwargs)


def _page(client, language: str, url: str) -> str:
    client.cookies["tripartite_language"] = language
    return client.get(url).content.decode()


@pytest.mark.django_db
def test_a_session_named_in_english_reads_in_the_readers_language(client):
    session = _create(venue="Palais des Nations", city="Geneva", country=state("CH"))
    assert (session.city_en, session.city_fr, session.city_es) == ("Geneva", "Genève",
                                                                   "Ginebra")
    client.force_login(user_with_role(Role.SECRETARIAT))
    url = reverse("meetings:session_detail", args=[session.pk])
    assert "Palais des Nations, Geneva" in _page(client, "en", url)
    assert "Palais des Nations, Genève" in _page(client, "fr", url)
    assert "Palacio de las Naciones, Ginebra" in _page(client, "es", url)
    assert "Genève" in _page(client, "fr", reverse("meetings:calendar_list"))


@pytest.mark.django_db
def test_an_unknown_place_reads_as_typed_and_a_given_name_wins():
    session = _create(venue="Aotea Centre", city="Auckland", city_es="Auckland (NZ)")
    with translation.override("fr"):
        assert (session.venue, session.city) == ("Aotea Centre", "Auckland")
    with translation.override("es"):
        assert session.city == "Auckland (NZ)"
    assert (session.venue_fr, session.city_fr) == (None, None)  # read as the English


@pytest.mark.django_db
def test_the_form_takes_each_language_and_the_api_returns_them(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    meeting = MeetingFactory()
    response = client.post(reverse("meetings:session_create", args=[meeting.pk]), {
        "number": "1", "title_en": "First", "opens_on": "2027-06-07", "opens_time": "10:00",
        "closes_on": "2027-06-08", "closes_time": "18:00", "time_zone": "Europe/Rome",
        "venue_en": "International Training Centre of the ILO", "venue_fr": "",
        "venue_es": "", "city_en": "Turin", "city_fr": "", "city_es": "Turín (Italia)",
        "country": "", "working_languages": ["en", "fr", "es"]})
    assert response.status_code == 302
    session = Session.objects.get(meeting=meeting)
    assert session.venue_fr == "Centre international de formation de l'OIT"
    assert (session.city_fr, session.city_es) == ("Turin", "Turín (Italia)")
    client.cookies["tripartite_language"] = "es"
    data = client.get(f"/api/sessions/{session.pk}").json()
    assert (data["city"], data["city_en"], data["venue"]) == (
        "Turín (Italia)", "Turin", "Centro Internacional de Formación de la OIT")


@pytest.mark.django_db
def test_letters_name_the_place_in_the_letters_language():
    session = SessionFactory(venue_en="Palais des Nations", city_en="Geneva")
    facts = BatchFacts(session=session)
    assert batch_values(facts, "en")["session_place"] == "Palais des Nations, Geneva"
    assert batch_values(facts, "fr")["session_place"] == "Palais des Nations, Genève"
    assert batch_values(facts, "es")["session_place"] == "Palacio de las Naciones, Ginebra"


def test_the_table_of_places():
    assert places.place_in("Geneva", "es") == "Ginebra"
    assert places.place_in("Bangkok", "fr") == "Bangkok"
    assert places.place_in("Abidjan", "es") == "Abiyán"
    assert places.place_in("Lima", "fr") == "Lima"
    assert places.place_in("Genf", "fr") == "Genf"  # unknown: as typed
    assert places.place_in("Geneva", "en") == "Geneva"


# --- the data migration ------------------------------------------------------------------------

BEFORE = [("meetings", "0002_agenda_item_adviser_help_text")]
AFTER = [("meetings", "0003_session_venue_and_city_in_three_languages")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_back_to_the_latest")
def test_the_migration_fills_french_and_spanish_for_known_places():
    old = migrate_to(BEFORE)
    meeting = old.get_model("meetings", "Meeting").objects.create(type="gb", title_en="GB")
    old_session = old.get_model("meetings", "Session")
    moment = dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC)
    known = old_session.objects.create(
        meeting=meeting, title_en="356", opens_at=moment, closes_at=moment + dt.timedelta(1),
        venue="International Labour Office", city="Geneva")
    unknown = old_session.objects.create(
        meeting=meeting, title_en="Other", opens_at=moment, closes_at=moment + dt.timedelta(1),
        venue="", city="Saly")
    new = migrate_to(AFTER).get_model("meetings", "Session")
    assert new.objects.filter(pk=known.pk).values(
        "venue_en", "venue_fr", "venue_es", "city_en", "city_fr", "city_es").get() == {
        "venue_en": "International Labour Office",
        "venue_fr": "Bureau international du Travail",
        "venue_es": "Oficina Internacional del Trabajo",
        "city_en": "Geneva", "city_fr": "Genève", "city_es": "Ginebra"}
    assert new.objects.filter(pk=unknown.pk).values_list(
        "venue_en", "city_en", "city_fr", "city_es").get() == (None, "Saly", None, None)
    back = migrate_to(BEFORE).get_model("meetings", "Session")
    assert back.objects.get(pk=known.pk).city == "Geneva"
