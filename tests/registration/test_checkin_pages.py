"""The check-in page (with and without JavaScript), its rate limit, and the API operation."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import badged
from tripartite.accounts.models import Role
from tripartite.registration.models import CheckIn, Scan

pytestmark = pytest.mark.django_db
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def session():
    return SessionFactory()


@pytest.fixture
def staff_client(client):
    client.force_login(user_with_role(Role.CHECKIN_STAFF))
    return client


def test_the_start_page_lists_sessions_then_remembers_the_choice(staff_client, session):
    badged(session)  # the session is over, but its badges were printed
    start = reverse("registration:checkin_start")
    assert session.title in staff_client.get(start).content.decode()

    staff_client.get(reverse("registration:checkin", args=[session.pk]))

    response = staff_client.get(start)
    assert response.status_code == 302 and response["Location"].endswith(
        f"/sessions/{session.pk}/check-in/")
    assert staff_client.get(start + "?choose=1").status_code == 200


def test_a_scan_answers_a_fragment_with_what_the_badge_shows(staff_client, session):
    reg, issued, token = badged(session, affiliation="Kenya", role_label="Adviser")
    url = reverse("registration:checkin", args=[session.pk])

    response = staff_client.post(url, {"token": token, "door": "North", "request_id": "r-1"},
                                 **FETCH)

    html = response.content.decode()
    assert response.status_code == 200 and 'data-result="admitted"' in html
    assert reg.person.name in html and "Kenya" in html and "Adviser" in html
    assert f"Badge no. {issued.number}" in html
    assert "<html" not in html  # a fragment, not the page
    assert reg.person.email not in html if reg.person.email else True
    assert CheckIn.objects.get().door == "North"


def test_a_retried_scan_is_counted_once(staff_client, session):
    _reg, _issued, token = badged(session)
    url = reverse("registration:checkin", args=[session.pk])
    data = {"token": token, "door": "North", "request_id": "same"}

    first = staff_client.post(url, data, **FETCH)
    again = staff_client.post(url, data, **FETCH)

    assert 'data-result="admitted"' in first.content.decode()
    assert 'data-result="admitted"' in again.content.decode()
    assert "counted once" in again.content.decode()
    assert CheckIn.objects.count() == 1 and Scan.objects.count() == 1


def test_a_refused_badge_shows_no_one(staff_client, session):
    other_reg, _issued, other_token = badged(SessionFactory())
    url = reverse("registration:checkin", args=[session.pk])

    response = staff_client.post(url, {"token": other_token, "door": "North"}, **FETCH)

    html = response.content.decode()
    assert 'data-result="other_session"' in html and other_reg.person.name not in html


def test_without_javascript_the_page_answers_in_full_with_a_fresh_request_id(staff_client,
                                                                            session):
    _reg, _issued, token = badged(session)
    url = reverse("registration:checkin", args=[session.pk])

    response = staff_client.post(url, {"token": token, "door": "East", "request_id": "x1"})

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'data-result="admitted"' in html
    assert 'value="East"' in html  # the door is remembered
    assert 'name="request_id" value="x1"' not in html


def test_a_missing_door_is_a_clear_error(staff_client, session):
    _reg, _issued, token = badged(session)
    url = reverse("registration:checkin", args=[session.pk])

    response = staff_client.post(url, {"token": token, "door": ""}, **FETCH)

    assert response.status_code == 400 and 'data-result="error"' in response.content.decode()
    assert not Scan.objects.exists()


def test_too_many_scans_answer_429_with_a_clear_message(staff_client, session):
    _reg, _issued, token = badged(session)
    url = reverse("registration:checkin", args=[session.pk])
    with override_settings(CHECKIN_RATE_PER_MINUTE=2):
        statuses = [staff_client.post(url, {"token": token, "door": "N"}, **FETCH)
                    for _ in range(3)]

    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert "at most 2 a minute" in statuses[-1].content.decode()
    assert Scan.objects.count() == 2


def test_the_api_scans_and_is_idempotent(staff_client, session):
    reg, _issued, token = badged(session, affiliation="Japan")
    path = f"/api/sessions/{session.pk}/check-ins"
    body = {"token": token, "door": "API door", "request_id": "api-1"}

    first = staff_client.post(path, body, content_type="application/json")
    again = staff_client.post(path, body, content_type="application/json")

    assert first.status_code == 200
    assert first.json()["result"] == "admitted" and first.json()["affiliation"] == "Japan"
    assert first.json()["name"] == reg.person.name and not first.json()["replayed"]
    assert set(first.json()) == {"result", "label", "message", "admitted", "replayed", "at",
                                 "door", "badge_number", "name", "name_latin", "affiliation",
                                 "category", "category_label", "role", "photo_url"}
    assert again.json()["replayed"] and CheckIn.objects.count() == 1


def test_the_api_refuses_a_missing_door_and_an_unknown_field(staff_client, session):
    path = f"/api/sessions/{session.pk}/check-ins"

    blank = staff_client.post(path, {"token": "x", "door": " "}, content_type="application/json")
    extra = staff_client.post(path, {"token": "x", "door": "N", "name": "?"},
                              content_type="application/json")

    assert blank.status_code == 400 and blank.json()["code"] == "door_missing"
    assert extra.status_code == 422
    assert not Scan.objects.exists()


def test_the_api_rate_limit_answers_429(staff_client, session):
    path = f"/api/sessions/{session.pk}/check-ins"
    with override_settings(CHECKIN_RATE_PER_MINUTE=1):
        codes = [staff_client.post(path, {"token": "x", "door": "N"},
                                   content_type="application/json") for _ in range(2)]

    assert [c.status_code for c in codes] == [200, 429]
    assert codes[1].json()["code"] == "throttled"


def test_an_api_check_in_is_one_transaction_of_four_statements(staff_client, session):
    """The server's work for a scan at a door: count the login's scan (the rate limit),
    read the badge with its holder and whether they came in today, record the entry, log the
    scan; all in one transaction, so one commit. Reading the login and the session comes
    before, as for any page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    codes = [badged(session)[2] for _ in range(2)]
    path = f"/api/sessions/{session.pk}/check-ins"
    staff_client.post(path, {"token": codes[0], "door": "N"}, content_type="application/json")
    with CaptureQueriesContext(connection) as captured:
        answer = staff_client.post(path, {"token": codes[1], "door": "N"},
                                   content_type="application/json")
    assert answer.json()["result"] == "admitted"
    statements = [q["sql"] for q in captured.captured_queries]
    scan_statements = [sql for sql in statements if not sql.startswith("SAVEPOINT")
                       and ("registration_" in sql or "ratecounter" in sql)]
    assert len(scan_statements) == 4, scan_statements
    # Inside the test's own transaction each atomic block is a savepoint: one block.
    assert [sql.split()[0] for sql in statements].count("SAVEPOINT") == 1


def test_an_api_check_in_with_a_token_costs_six_statements_in_all(session, settings):
    """The whole request of a door's scanner (API token): the token with its login, the
    session, then the scan's transaction (rate count, badge, entry, scan log); nothing per
    request beyond, whatever the session's size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tripartite.accounts.services import api_token_create

    codes = [badged(session)[2] for _ in range(2)]
    for _ in range(20):
        badged(session)
    staff = user_with_role(Role.CHECKIN_STAFF)
    secret = api_token_create(user=staff, actor=staff, name="door")[1]
    door = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    path = f"/api/sessions/{session.pk}/check-ins"
    door.post(path, {"token": codes[0], "door": "N"}, content_type="application/json")
    with CaptureQueriesContext(connection) as captured:
        answer = door.post(path, {"token": codes[1], "door": "N"},
                           content_type="application/json")
    assert answer.json()["result"] == "admitted"
    statements = [q["sql"] for q in captured.captured_queries
                  if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(statements) == 6, statements
