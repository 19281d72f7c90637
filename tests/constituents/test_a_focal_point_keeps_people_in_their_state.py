"""A focal point can neither create a person with no State or another State's, nor move one
there, whatever the path: the API, the form, or the service itself."""

import pytest
from django.urls import reverse

from tests import factories
from tests.api import actions, client_for, send
from tripartite.accounts.models import Role
from tripartite.common.services import PermissionDeniedError
from tripartite.constituents import services
from tripartite.constituents.models import Person

pytestmark = pytest.mark.django_db

STATELESS_REFUSED = {"code": "forbidden",
                     "message": "Only the secretariat may record a person without a member "
                                "State."}


@pytest.fixture
def focal_point():
    return factories.user_with_role(Role.FOCAL_POINT)  # of France


@pytest.fixture
def french_member():
    organisation = factories.OrganisationFactory(member_state=factories.state("FR"))
    return factories.PersonFactory(member_state=factories.state("FR"), organisation=organisation)


def test_the_api_refuses_to_make_a_person_stateless(focal_point, french_member):
    before = actions()

    response = send(client_for(focal_point), "patch", f"/api/people/{french_member.pk}",
                    {"member_state": None})

    assert response.status_code == 403
    assert response.json() == STATELESS_REFUSED
    french_member.refresh_from_db()
    assert french_member.member_state.iso2 == "FR"
    assert actions() == before


def test_the_api_refuses_to_move_a_person_to_another_state(focal_point, french_member):
    response = send(client_for(focal_point), "patch", f"/api/people/{french_member.pk}",
                    {"member_state": "DE", "organisation": None})

    assert response.status_code == 403
    assert response.json() == {"code": "forbidden", "message": "You are not allowed to do this."}
    french_member.refresh_from_db()
    assert french_member.member_state.iso2 == "FR"


def test_the_api_refuses_to_create_a_stateless_person_even_in_an_organisation(focal_point):
    organisation = factories.OrganisationFactory(member_state=factories.state("FR"))

    response = send(client_for(focal_point), "post", "/api/people",
                    {"name": "Jeanne Martin", "gender": "f", "organisation": organisation.pk})

    assert response.status_code == 403
    assert response.json() == STATELESS_REFUSED
    assert not Person.objects.filter(name="Jeanne Martin").exists()


def test_the_form_cannot_change_the_state_of_a_person(focal_point, french_member):
    german = factories.OrganisationFactory(member_state=factories.state("DE"))
    client = client_for(focal_point)

    response = client.post(reverse("constituents:person_detail", args=[french_member.pk]), {
        "name": french_member.name, "name_latin": "", "gender": "f", "title": "Ms",
        "function": "", "email": "", "organisation": german.pk, "member_state": ""})

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    french_member.refresh_from_db()
    assert (french_member.member_state.iso2, french_member.organisation.member_state.iso2) == (
        "FR", "FR")


def test_the_service_refuses_every_caller(focal_point, french_member):
    with pytest.raises(PermissionDeniedError) as refused:
        services.person_update(person=french_member, actor=focal_point,
                               changes={"member_state": None})

    assert refused.value.message == STATELESS_REFUSED["message"]


def test_the_secretariat_may_still_record_a_stateless_person(french_member):
    secretariat = client_for(factories.user_with_role(Role.SECRETARIAT))

    response = send(secretariat, "patch", f"/api/people/{french_member.pk}",
                    {"member_state": None})

    assert response.status_code == 200
    assert response.json()["member_state"] is None
