"""Authentication (session with CSRF, or a personal token) and the one JSON error format."""

import logging

import pytest
from django.test import Client, RequestFactory

from tests import factories
from tests.api import actions, client_for, send
from tests.delegations.matrix_api import OPERATION_IDS as DELEGATION_OPERATION_IDS
from tripartite.accounts.services import api_token_create, api_token_revoke
from tripartite.config.api import api
from tripartite.meetings.models import Meeting

pytestmark = pytest.mark.django_db

# Every operation of the API: (method, path template, operation id).
OPERATIONS = [
    ("GET", "/api/me", "me"),
    ("GET", "/api/member-states", "member_state_list"),
    ("GET", "/api/member-states/{iso2}", "member_state_detail"),
    ("PATCH", "/api/member-states/{iso2}", "member_state_update"),
    ("GET", "/api/member-states/{iso2}/organisations", "organisation_list"),
    ("POST", "/api/member-states/{iso2}/organisations", "organisation_create"),
    ("GET", "/api/organisations/{id}", "organisation_detail"),
    ("PATCH", "/api/organisations/{id}", "organisation_update"),
    ("GET", "/api/people", "person_list"),
    ("POST", "/api/people", "person_create"),
    ("GET", "/api/people/{id}", "person_detail"),
    ("PATCH", "/api/people/{id}", "person_update"),
    ("GET", "/api/meetings", "meeting_list"),
    ("POST", "/api/meetings", "meeting_create"),
    ("GET", "/api/meetings/{id}", "meeting_detail"),
    ("PATCH", "/api/meetings/{id}", "meeting_update"),
    ("GET", "/api/sessions", "session_list"),
    ("POST", "/api/sessions", "session_create"),
    ("GET", "/api/sessions/{id}", "session_detail"),
    ("PATCH", "/api/sessions/{id}", "session_update"),
    ("GET", "/api/sessions/{id}/agenda-items", "agenda_item_list"),
    ("POST", "/api/sessions/{id}/agenda-items", "agenda_item_create"),
    ("GET", "/api/agenda-items/{id}", "agenda_item_detail"),
    ("PATCH", "/api/agenda-items/{id}", "agenda_item_update"),
    ("DELETE", "/api/agenda-items/{id}", "agenda_item_delete"),
    *((method, path, name) for (method, path), name in DELEGATION_OPERATION_IDS.items()),
]
# Each later part lists its operations' ids beside its permission-matrix rows.
for _part in ("registration", "membership", "votes", "proposals", "correspondence", "jobs",
              "sittings", "library"):
    _ids = __import__(f"tests.{_part}.matrix", fromlist=["OPERATION_IDS"]).OPERATION_IDS
    OPERATIONS += [(method, path, name) for (method, path), name in _ids.items()]

NEW_MEETING = {"type": "gb", "title_en": "Governing Body"}
UNAUTHENTICATED = {"code": "unauthenticated",
                   "message": "Log in, or send a personal API token: Authorization: Bearer tp_…"}
BAD_TOKEN = {"code": "unauthenticated", "message": "The API token is unknown or was revoked."}


# --- the OpenAPI description -------------------------------------------------------------

def test_openapi_lists_every_operation_and_both_ways_to_authenticate():
    response = Client().get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Tripartite API"
    assert schema["info"]["version"] == "1"
    listed = sorted((method.upper(), path, operation["operationId"])
                    for path, operations in schema["paths"].items()
                    for method, operation in operations.items())
    assert listed == sorted(OPERATIONS)
    assert schema["components"]["securitySchemes"] == {
        "ApiTokenAuth": {"type": "http", "scheme": "bearer"},
        "SessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }


def test_the_interactive_documentation_answers():
    response = Client().get("/api/docs")

    assert response.status_code == 200
    assert b"/api/openapi.json" in response.content


# --- who is asking -----------------------------------------------------------------------

def test_me_describes_the_user_and_their_scope():
    user = factories.user_with_role("focal_point", language="fr")

    response = client_for(user).get("/api/me")

    assert response.status_code == 200
    assert response.json() == {
        "username": user.username, "full_name": user.get_full_name(), "role": "focal_point",
        "role_label": "Point focal de l'État Membre", "member_state": "FR", "group": "",
        "language": "fr"}


@pytest.mark.parametrize(("method", "url"), [
    ("get", "/api/me"), ("get", "/api/member-states"), ("get", "/api/people"),
    ("get", "/api/sessions"), ("post", "/api/meetings"), ("patch", "/api/member-states/FR"),
    ("delete", "/api/agenda-items/1"),
])
def test_without_authentication_every_operation_answers_401(method, url):
    response = send(Client(), method, url, {})

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_an_inactive_user_is_not_authenticated_by_the_session():
    user = factories.user_with_role("secretariat")
    client = client_for(user)
    user.is_active = False
    user.save()

    assert client.get("/api/me").status_code == 401


# --- tokens ------------------------------------------------------------------------------

def test_a_token_authenticates_reads_and_writes_without_csrf():
    user = factories.user_with_role("secretariat")
    _token, secret = api_token_create(user=user, actor=user, name="reporting script")
    client = Client(enforce_csrf_checks=True)

    me = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    created = send(client, "post", "/api/meetings", NEW_MEETING,
                   HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert me.status_code == 200
    assert me.json()["username"] == user.username
    assert created.status_code == 201
    assert Meeting.objects.get().title_en == "Governing Body"
    assert actions() == ["accounts.api_token.created", "meetings.meeting.created"]


def test_a_revoked_token_gets_401_even_with_a_session():
    user = factories.user_with_role("secretariat")
    token, secret = api_token_create(user=user, actor=user, name="old script")
    api_token_revoke(token=token, actor=user)

    anonymous = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    logged_in = client_for(user).get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    write = send(Client(), "post", "/api/meetings", NEW_MEETING,
                 HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert anonymous.status_code == 401
    assert anonymous.json() == BAD_TOKEN
    assert logged_in.status_code == 401
    assert write.status_code == 401
    assert write.json() == BAD_TOKEN
    assert not Meeting.objects.exists()


def test_an_unknown_token_and_the_token_of_an_inactive_user_get_401():
    user = factories.user_with_role("secretariat")
    _token, secret = api_token_create(user=user, actor=user, name="script")
    user.is_active = False
    user.save()

    unknown = Client().get("/api/me", HTTP_AUTHORIZATION="Bearer tp_not-a-real-token")
    inactive = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert (unknown.status_code, unknown.json()) == (401, BAD_TOKEN)
    assert (inactive.status_code, inactive.json()) == (401, BAD_TOKEN)


def test_a_token_user_is_answered_in_their_language():
    user = factories.user_with_role("secretariat", language="fr")
    _token, secret = api_token_create(user=user, actor=user, name="script")

    response = send(Client(), "post", "/api/meetings", {"type": "gb"},
                    HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.title_en", "message": "Ce champ est obligatoire."}]


# --- the session needs the CSRF token for writes -----------------------------------------

def test_a_session_write_without_csrf_token_is_refused_in_json():
    client = client_for(factories.user_with_role("secretariat"), enforce_csrf_checks=True)

    response = send(client, "post", "/api/meetings", NEW_MEETING)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "code": "csrf_failed",
        "message": "The CSRF token is missing or wrong. Send the X-CSRFToken header with the "
                   "value of the csrftoken cookie, or use a personal API token instead."}
    assert not Meeting.objects.exists()
    assert actions() == []


def test_a_session_write_with_the_csrf_token_is_accepted():
    client = client_for(factories.user_with_role("secretariat"), enforce_csrf_checks=True)
    secret = "abcdefghijklmnopqrstuvwxyzABCDEF"
    client.cookies["csrftoken"] = secret

    response = send(client, "post", "/api/meetings", NEW_MEETING, HTTP_X_CSRFTOKEN=secret)

    assert response.status_code == 201
    assert actions() == ["meetings.meeting.created"]


def test_a_session_read_needs_no_csrf_token():
    client = client_for(factories.user_with_role("observer"), enforce_csrf_checks=True)

    assert client.get("/api/meetings").status_code == 200


# --- the error format --------------------------------------------------------------------

def test_a_missing_field_is_a_422_naming_its_path():
    client = client_for(factories.user_with_role("secretariat"))

    response = send(client, "post", "/api/meetings", {"type": "gb"})

    assert response.status_code == 422
    assert response.json() == {
        "code": "validation_error", "message": "This field is required.",
        "errors": [{"field": "body.title_en", "message": "This field is required."}]}
    assert actions() == []


def test_several_invalid_fields_are_all_listed():
    client = client_for(factories.user_with_role("secretariat"))

    response = send(client, "post", "/api/meetings",
                    {"type": "congress", "title_en": "X", "titel_fr": "Y"})

    assert response.status_code == 422
    assert response.json() == {
        "code": "validation_error",
        "message": "Some of the data sent is not valid; see the list of errors.",
        "errors": [
            {"field": "body.type", "message": "Select one of: 'ilc', 'gb', 'regional', "
                                              "'sectoral', 'experts', 'symposium' or "
                                              "'informal'."},
            {"field": "body.titel_fr", "message": "This field is not known here."},
        ]}


def test_a_model_validation_error_is_a_422_on_the_field():
    client = client_for(factories.user_with_role("secretariat"))

    response = send(client, "post", "/api/meetings", {"type": "gb", "title_en": ""})

    assert response.status_code == 422
    assert response.json() == {
        "code": "validation_error", "message": "This field cannot be blank.",
        "errors": [{"field": "body.title_en", "message": "This field cannot be blank."}]}


def test_messages_follow_the_users_language():
    client = client_for(factories.user_with_role("secretariat", language="es"))

    response = send(client, "post", "/api/meetings", {"type": "gb"})

    assert response.json()["message"] == "Este campo es obligatorio."


def test_a_body_that_is_not_json_is_a_400():
    client = client_for(factories.user_with_role("secretariat"))

    response = client.post("/api/meetings", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"code": "invalid_json",
                               "message": "The request body is not valid JSON."}


def test_a_query_parameter_of_the_wrong_type_is_a_422():
    client = client_for(factories.user_with_role("secretariat"))

    response = client.get("/api/sessions?year=soon")

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "query.year", "message": "Enter a whole number."}]


def test_an_unknown_id_or_address_is_a_404_in_json():
    client = client_for(factories.user_with_role("secretariat"))
    not_found = {"code": "not_found", "message": "Nothing was found at this address."}

    assert (client.get("/api/meetings/999999").status_code,
            client.get("/api/meetings/999999").json()) == (404, not_found)
    assert client.get("/api/no-such-thing/here").json() == not_found
    assert client.get("/api/no-such-thing/here").status_code == 404
    assert client.get("/api/member-states/ZZ").json() == not_found


def test_a_method_the_address_does_not_accept_is_a_405_in_json():
    client = client_for(factories.user_with_role("secretariat"))

    response = send(client, "put", "/api/meetings", NEW_MEETING)

    assert response.status_code == 405
    assert response["Allow"] in {"GET, POST", "POST, GET"}
    assert response.json()["code"] == "method_not_allowed"
    assert not Meeting.objects.exists()


def test_a_refusal_by_permission_is_a_403_with_code():
    client = client_for(factories.user_with_role("observer"))

    response = send(client, "post", "/api/meetings", NEW_MEETING)

    assert response.status_code == 403
    assert response.json() == {"code": "forbidden", "message": "You are not allowed to do this."}
    assert actions() == []


def test_an_unexpected_error_is_a_500_in_json_and_is_logged(caplog):
    request = RequestFactory().get("/api/meetings")

    with caplog.at_level(logging.ERROR, logger="tripartite.config.api"):
        response = api.on_exception(request, RuntimeError("the disk is on fire"))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.content == (
        b'{"code": "server_error", "message": "Something went wrong on the server. The error '
        b'was logged; please try again later."}')
    assert caplog.records[0].exc_info[1].args == ("the disk is on fire",)
