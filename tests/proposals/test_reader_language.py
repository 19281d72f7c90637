"""A proposal in the reader's language: a well-known city typed in English, French or Spanish
is recorded once (its English name, as a session's ``city_en``) and shown in the language of the
page, the form and the API (another city is kept as typed); a date inside a message is written
in words, never as an ISO date."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import state, user_with_role
from tests.proposals.factories import make_proposal, to_officers
from tests.proposals.test_pages import management
from tripartite.accounts.models import Role
from tripartite.common import l10n
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import ServiceError
from tripartite.meetings.places import english_name
from tripartite.proposals import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_officer():
    return user_with_role(Role.UNIT_OFFICER, unit="SECTOR")


@pytest.mark.parametrize(("typed", "kept"), [
    ("Genève", "Geneva"), ("  ginebra ", "Geneva"), ("GENEVA", "Geneva"),
    ("Le  Caire", "Cairo"), ("le caire", "Cairo"), ("Ciudad de México", "Mexico City"),
    ("Addis-Abeba", "Addis Ababa"), ("Ouagadougou", "Ouagadougou"), ("", "")])
def test_a_known_city_in_any_language_is_recorded_under_its_english_name(typed, kept):
    assert english_name(typed) == kept


def test_creating_and_changing_a_proposal_records_the_english_name(unit_officer):
    proposal = make_proposal(unit_officer, city="Ginebra", country=state("CH"))
    assert proposal.city == "Geneva"

    services.proposal_update(proposal=proposal, actor=unit_officer, changes={"city": "Genève"})
    assert not ActionLogEntry.objects.filter(action="proposals.proposal.updated").exists()

    services.proposal_update(proposal=proposal, actor=unit_officer,
                             changes={"city": " Le Caire "})
    proposal.refresh_from_db()
    assert proposal.city == "Cairo"


@pytest.mark.parametrize(("language", "city"), [("fr", "Genève"), ("es", "Ginebra"),
                                                ("en", "Geneva")])
def test_the_page_and_the_form_show_the_city_in_the_readers_language(client, unit_officer,
                                                                     language, city):
    proposal = make_proposal(unit_officer, city="Geneva", country=state("CH"))
    unit_officer.language = language
    unit_officer.save()
    client.force_login(unit_officer)

    detail = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content
    edit = reverse("proposals:edit", kwargs={"pk": proposal.pk})
    form = client.get(edit).context["form"]

    assert f"<dd>{city}, ".encode() in detail
    assert form.initial["city"] == city
    # Saving the form with the city as shown leaves the city as it was.
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(country=state("CH").pk, coverage=[state("SN").pk], languages="fr, en",
                interpretation="fr, en", tripartite="true", title_en="Renamed", **management(),
                **{"financing-0-source": "regular_budget", "financing-0-amount": "25000",
                   "financing-0-currency": "USD", "financing-1-source": "extra_budgetary",
                   "financing-1-amount": "10000", "financing-1-currency": "EUR",
                   "financing-1-donor": "European Union"})
    data.pop("concept_note", None)
    assert client.post(edit, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.city == "Geneva"
    changed = ActionLogEntry.objects.get(action="proposals.proposal.updated").data
    assert "title_en" in changed and "city" not in changed


def test_the_api_gives_and_takes_the_city_in_the_language_of_the_request(client, unit_officer):
    proposal = make_proposal(unit_officer, city="Cairo", country=state("EG"))
    client.force_login(unit_officer)
    url = f"/api/proposals/{proposal.pk}"

    assert client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["city"] == "Le Caire"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()["city"] == "El Cairo"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["city"] == "Cairo"

    changed = client.patch(url, {"city": "Ginebra"}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="es")
    assert changed.status_code == 200 and changed.json()["city"] == "Ginebra"
    proposal.refresh_from_db()
    assert proposal.city == "Geneva"


def test_the_approved_meetings_session_has_the_city_in_three_languages(unit_officer):
    secretariat = user_with_role(Role.SECRETARIAT)
    proposal = make_proposal(unit_officer, city="Ginebra", country=state("CH"))
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today())
    proposal.refresh_from_db()
    session = proposal.session
    assert (session.city_en, session.city_fr, session.city_es) == (
        "Geneva", "Genève", "Ginebra")


def test_a_decision_dated_before_the_proposal_was_sent_says_the_date_in_words(unit_officer):
    secretariat = user_with_role(Role.SECRETARIAT)
    proposal = make_proposal(unit_officer)
    to_officers(proposal, secretariat)
    proposal.refresh_from_db()
    sent_on = proposal.batch.sent_on
    with translation.override("fr"), pytest.raises(ServiceError) as refused:
        services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                                 decided_on=sent_on - dt.timedelta(days=1))
    assert f"({l10n.long_date(sent_on, 'fr')})" in refused.value.message
    assert sent_on.isoformat() not in refused.value.message
