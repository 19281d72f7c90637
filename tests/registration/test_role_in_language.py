"""The desk's search results, the attendance list and a departure's page show a registration's
role in the reader's language, in the holder's gender ("Déléguée", "Consejera técnica"), not
the English label stored for the badge; a role typed at the desk is shown as typed."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import PersonFactory, SessionFactory, user_with_role
from tests.registration.factories import hand_registration, registration
from tests.registration.factories_doors import OPENING, badge
from tripartite.accounts.models import Role
from tripartite.registration import tokens
from tripartite.registration.services import checkin

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory()


def _as(client, role, language):
    client.force_login(user_with_role(role, language=language))
    client.cookies["tripartite_language"] = language
    return client


def _cells(html: str) -> set[str]:
    return {cell.split("</td>")[0] for cell in html.split("<td>")[1:]}


@pytest.mark.parametrize(("language", "delegate", "adviser", "germany"), [
    ("fr", "Déléguée", "Conseiller technique", "Allemagne"),
    ("es", "Delegada", "Consejero técnico", "Alemania")])
def test_the_desk_search_and_the_attendance_list_show_the_role_in_the_readers_language(
        client, session, language, delegate, adviser, germany):
    carmen = registration(session, "CL", person=PersonFactory(name="Carmen Rojas", gender="f"))
    registration(session, "DE", role="adviser",
                 person=PersonFactory(name="Pablo Soto", gender="m"))
    hand_registration(session, person=PersonFactory(name="Ana Romero", member_state=None))
    assert carmen.role_label == "Delegate"  # stored in English for the badge

    desk = _as(client, Role.REGISTRATION_DESK, language)
    results = desk.get(reverse("registration:desk_session", kwargs={"session_pk": session.pk}),
                       {"q": "o"})
    cells = _cells(results.content.decode())
    assert {delegate, adviser} <= cells and "Delegate" not in cells and "Adviser" not in cells
    assert "Observer" in cells  # typed at the desk, shown as typed
    assert germany in cells and "Germany" not in cells  # the State's name too
    assert "United Nations" in cells  # an organization typed at the desk, as typed

    client.logout()
    secretariat = _as(client, Role.SECRETARIAT, language)
    page = secretariat.get(reverse("registration:attendance", args=[session.pk]),
                           {"day": "2026-06-02"}).content.decode()
    cells = _cells(page)
    assert {delegate, adviser, germany} <= cells and "Delegate" not in cells
    assert f'<option value="Germany">{germany}</option>' in page  # the filter by delegation
    departure = secretariat.get(reverse("registration:departure", args=[carmen.pk]))
    assert f"· {delegate}</p>" in departure.content.decode()


@pytest.mark.parametrize(("language", "said"), [("fr", "Déléguée"), ("es", "Delegada"),
                                                ("en", "Delegate")])
def test_a_scan_at_the_door_says_the_role_in_the_language_of_the_request(session, language,
                                                                         said):
    carmen = registration(session, "CL", person=PersonFactory(name="Carmen Rojas", gender="f"))
    issued = badge(carmen)
    staff = user_with_role(Role.CHECKIN_STAFF)
    with translation.override(language):
        outcome = checkin.scan(session, tokens.sign(issued.token_id), "North", staff,
                               request_id=f"r-{language}", at=OPENING)
        replayed = checkin.scan(session, tokens.sign(issued.token_id), "North", staff,
                                request_id=f"r-{language}", at=OPENING)
    assert outcome.role == replayed.role == said


@pytest.mark.parametrize(("language", "germany", "delegate"), [
    ("fr", "Allemagne", "Délégué"), ("es", "Alemania", "Delegado"), ("en", "Germany", "Delegate")])
def test_the_check_in_api_names_the_delegation_in_the_language_of_the_request(
        client, session, language, germany, delegate):
    """The badge is printed in the session's language, but the door's API answers in the
    language of the request (Accept-Language), like its pages: the State's official name,
    not the English one stored on the registration for the badge."""
    hans = registration(session, "DE", person=PersonFactory(name="Hans Weber", gender="m"))
    assert hans.affiliation == "Germany"
    typed = hand_registration(session, person=PersonFactory(name="Ana Romero",
                                                            member_state=None))
    client.force_login(user_with_role(Role.CHECKIN_STAFF))
    path = f"/api/sessions/{session.pk}/check-ins"

    answers = [client.post(path, {"token": tokens.sign(badge(reg).token_id), "door": "North"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE=language).json()
               for reg in (hans, typed)]

    assert (answers[0]["affiliation"], answers[0]["role"]) == (germany, delegate)
    assert answers[1]["affiliation"] == "United Nations"  # typed at the desk: as typed


def test_the_check_in_api_follows_the_users_language_without_accept_language(client, session):
    hans = registration(session, "DE", person=PersonFactory(name="Hans Weber", gender="m"))
    client.force_login(user_with_role(Role.CHECKIN_STAFF, language="es"))

    answer = client.post(f"/api/sessions/{session.pk}/check-ins",
                         {"token": tokens.sign(badge(hans).token_id), "door": "North"},
                         content_type="application/json").json()

    assert answer["affiliation"] == "Alemania"
