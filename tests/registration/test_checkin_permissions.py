"""The doors' rows of the permission matrix, on their own: every role against every page and
API operation of the doors (the shared matrix checks the same rows among all others)."""

import pytest
from django.urls import reverse

from tests.delegations.matrix_rules import LOGIN, NO, NOT_ALLOWED, OK, ROLES
from tests.factories import SessionFactory, user_with_role
from tests.registration import matrix_doors
from tripartite.accounts.models import Role

pytestmark = pytest.mark.django_db


def _outcome(response):
    if response.status_code == 403:
        return NO
    if response.status_code == 405:
        return NOT_ALLOWED
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    if response.status_code in (200, 302):
        return OK
    return f"status {response.status_code}"


@pytest.fixture
def objects():
    return matrix_doors.objects(SessionFactory())


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_what_the_doors_rows_say(client, objects, role):
    if role != "anonymous":
        client.force_login(user_with_role(role))
    got = {}
    for key, (kwargs_key, expected) in matrix_doors.ROWS.items():
        url = reverse(key.split(" ")[0], kwargs=objects[kwargs_key] if kwargs_key else None)
        got[key] = (_outcome(client.get(url)), expected[role])
        if expected[role] in (NO, LOGIN):
            posted = _outcome(client.post(url, {}))
            assert posted == expected[role] or (expected[role] == LOGIN and posted == NO), key
    assert {key: v for key, v in got.items() if v[0] != v[1]} == {}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_what_the_doors_api_rows_say(client, objects, role):
    if role != "anonymous":
        client.force_login(user_with_role(role))
    got = {}
    for (method, template), (key, body, expected) in matrix_doors.API_ROWS.items():
        path = template.replace("{id}", str(objects[key]["pk"]))
        kwargs = {"content_type": "application/json", "data": body} if body else {}
        got[(method, template)] = (getattr(client, method.lower())(path, **kwargs).status_code,
                                   expected[role])
    assert {key: v for key, v in got.items() if v[0] != v[1]} == {}


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SECRETARIAT])
def test_only_the_secretariat_chooses_the_quorum_practice(client, objects, role):
    client.force_login(user_with_role(role))
    url = reverse("registration:attendance_basis", kwargs=objects["doors_session"])

    assert client.post(url, {"quorum_basis": "accredited"}).status_code == 403


def test_the_doors_operations_are_in_the_openapi_description_with_their_ids(client):
    schema = client.get("/api/openapi.json").json()
    listed = {(method.upper(), path): operation["operationId"]
              for path, operations in schema["paths"].items()
              for method, operation in operations.items()}

    assert {key: listed.get(key) for key in matrix_doors.OPERATION_IDS} == \
        matrix_doors.OPERATION_IDS
