"""Property-based tests of the whole API from its own OpenAPI schema (Schemathesis).

Every operation is called in-process with generated data, as the secretariat and as a member
State's focal point (personal tokens), over a small realistic dataset whose ids the generated
addresses use half of the time. A 500, an undocumented status code, a wrong content type or
a body that breaks the documented schema fails the test. Examples are few and derandomized so
the run stays short and repeatable.
"""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories
from tests.votes import factories as vote_factories
from tripartite.accounts.models import Role
from tripartite.accounts.services import api_token_create
from tripartite.config.wsgi import application
from tripartite.sittings import services as sitting_services

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the WSGI handler would otherwise close the database
    connection after each request, and with it the test's transaction (on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def dataset():
    """A session with an agenda item, a vote, French people and an organisation; the ids a
    path of each kind should name."""
    item = factories.AgendaItemFactory()
    vote = vote_factories.vote(item)
    organisation = factories.OrganisationFactory()
    person = factories.PersonFactory(organisation=organisation)
    france = vote_factories.delegation(item.session, "FR")
    sitting = sitting_services.sitting_plan(
        actor=factories.user_with_role(Role.SECRETARIAT), session=item.session,
        agenda_items=[item], title="First sitting", date=dt.date(2026, 6, 2),
        starts_at=dt.time(10, 0))
    speaker = sitting_services.floor_request(actor=factories.user_with_role(Role.SECRETARIAT),
                                             sitting=sitting, person=france[0].person)
    return {"agenda-items": item.pk, "sessions": item.session_id,
            "meetings": item.session.meeting_id, "votes": vote.pk,
            "organisations": organisation.pk, "people": person.pk, "sittings": sitting.pk,
            "speakers": speaker.pk}


@pytest.fixture
def token_headers():
    """The Authorization header of the secretariat and of France's focal point."""
    headers = []
    for role in (Role.SECRETARIAT, Role.FOCAL_POINT):
        user = factories.user_with_role(role)
        _token, secret = api_token_create(user=user, actor=user, name="schemathesis")
        headers.append({"Authorization": f"Bearer {secret}"})
    return headers


def use_real_ids(case, dataset) -> None:
    """Point an ``{id}`` at a real object when the generated one is even (half the time)."""
    parameters = case.path_parameters or {}
    kind = case.path.strip("/").split("/")[0] if "{id}" in case.path else None
    if kind in dataset and isinstance(parameters.get("id"), int) and parameters["id"] % 2 == 0:
        parameters["id"] = dataset[kind]
    if "iso2" in parameters and isinstance(parameters["iso2"], str) and \
            len(parameters["iso2"]) % 2 == 0:
        parameters["iso2"] = "FR"


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_schema(case, dataset, token_headers):
    use_real_ids(case, dataset)
    for headers in token_headers:
        case.call_and_validate(headers=headers, checks=CHECKS)
