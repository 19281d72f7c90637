"""API for member States, constituent organisations and people, with its permissions."""

import pytest

from tests import factories
from tests.api import actions, client_for, send
from tripartite.common.models import ActionLogEntry
from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person

pytestmark = pytest.mark.django_db

FORBIDDEN = {"code": "forbidden", "message": "You are not allowed to do this."}
CONFLICT = {"code": "conflict",
            "message": "This record was changed by someone else since you opened it. "
                       "Reload it to see their change, then make yours again."}


@pytest.fixture
def secretariat():
    return client_for(factories.user_with_role("secretariat"))


@pytest.fixture
def french_focal_point():
    return client_for(factories.user_with_role("focal_point"))


@pytest.fixture
def observer():
    return client_for(factories.user_with_role("observer"))


# --- member States -----------------------------------------------------------------------

def test_everyone_but_a_focal_point_lists_every_state(observer):
    response = observer.get("/api/member-states")

    assert response.status_code == 200
    states = response.json()
    assert len(states) == MemberState.objects.count()
    france = next(state for state in states if state["iso2"] == "FR")
    assert france["name_fr"] == "France"
    assert france["name_es"] == "Francia"
    assert france["iso3"] == "FRA"
    assert france["ilo_region"] == "Europe and Central Asia"


def test_the_list_of_states_filters_by_region_and_name(observer):
    in_region = observer.get("/api/member-states?region=Europe and Central Asia").json()
    by_name = observer.get("/api/member-states?q=allemagne").json()

    assert {state["ilo_region"] for state in in_region} == {"Europe and Central Asia"}
    assert len(in_region) == MemberState.objects.filter(
        ilo_region="Europe and Central Asia").count()
    assert [state["iso2"] for state in by_name] == ["DE"]


def test_a_focal_point_lists_only_their_own_state(french_focal_point):
    response = french_focal_point.get("/api/member-states")

    assert [state["iso2"] for state in response.json()] == ["FR"]


def test_a_state_is_read_by_its_code(observer):
    response = observer.get("/api/member-states/fr")

    assert response.status_code == 200
    assert response.json()["iso2"] == "FR"
    assert response.json()["name"] == "France"


def test_the_name_is_given_in_the_language_of_the_request(observer):
    response = observer.get("/api/member-states/DE", HTTP_ACCEPT_LANGUAGE="es")

    assert response.json()["name"] == "Alemania"
    assert response.json()["name_en"] == "Germany"


def test_a_focal_point_may_not_read_another_state(french_focal_point):
    response = french_focal_point.get("/api/member-states/DE")

    assert response.status_code == 403
    assert response.json() == FORBIDDEN


def test_the_secretariat_corrects_a_states_names_and_it_is_logged(secretariat):
    seen = secretariat.get("/api/member-states/GB").json()["updated_at"]

    response = send(secretariat, "patch", "/api/member-states/GB",
                    {"name_en": "United Kingdom", "updated_at": seen})

    assert response.status_code == 200
    assert response.json()["name_en"] == "United Kingdom"
    state = factories.state("GB")
    assert state.name_en == "United Kingdom"
    entry = ActionLogEntry.objects.get()
    assert entry.action == "constituents.member_state.updated"
    assert entry.object_id == str(state.pk)


def test_correcting_one_name_leaves_the_others_as_they_were():
    french_user = client_for(factories.user_with_role("secretariat", language="fr"))

    response = send(french_user, "patch", "/api/member-states/DE", {"name_es": "Alemania (RF)"})

    assert response.status_code == 200
    assert (response.json()["name_en"], response.json()["name_fr"],
            response.json()["name_es"]) == ("Germany", "Allemagne", "Alemania (RF)")
    state = factories.state("DE")
    assert (state.name_en, state.name_fr, state.name_es) == (
        "Germany", "Allemagne", "Alemania (RF)")


def test_a_blank_name_is_refused_on_its_field(secretariat):
    response = send(secretariat, "patch", "/api/member-states/DE", {"name_fr": " "})

    assert response.status_code == 400
    assert response.json() == {"code": "required",
                               "message": "The name in every language is required.",
                               "field": "body.name_fr"}
    assert factories.state("DE").name_fr == "Allemagne"
    assert actions() == []


def test_a_stale_update_of_a_state_is_a_409(secretariat):
    seen = secretariat.get("/api/member-states/DE").json()["updated_at"]
    send(secretariat, "patch", "/api/member-states/DE",
         {"name_en": "Germany (Federal Republic)", "updated_at": seen})

    response = send(secretariat, "patch", "/api/member-states/DE",
                    {"name_en": "Federal Republic of Germany", "updated_at": seen})

    assert response.status_code == 409
    assert response.json() == CONFLICT
    assert factories.state("DE").name_en == "Germany (Federal Republic)"


@pytest.mark.parametrize("role", ["observer", "focal_point", "meeting_officer"])
def test_only_the_secretariat_corrects_names(role):
    client = client_for(factories.user_with_role(role))

    response = send(client, "patch", "/api/member-states/FR", {"name_en": "French Republic"})

    assert response.status_code == 403
    assert factories.state("FR").name_en == "France"


# --- organisations -----------------------------------------------------------------------

def test_a_states_organisations_are_listed(observer):
    employers = factories.OrganisationFactory(name="MEDEF", acronym="MEDEF")
    factories.OrganisationFactory(member_state=factories.state("DE"), name="BDA")

    response = observer.get("/api/member-states/FR/organisations")

    assert response.status_code == 200
    assert response.json() == [{
        "id": employers.pk, "member_state": "FR", "kind": "employers", "name": "MEDEF",
        "acronym": "MEDEF", "most_representative": True, "email": "", "website": "",
        "created_at": response.json()[0]["created_at"],
        "updated_at": response.json()[0]["updated_at"]}]


def test_the_secretariat_creates_and_changes_an_organisation(secretariat):
    created = send(secretariat, "post", "/api/member-states/FR/organisations",
                   {"kind": "workers", "name": " Confédération générale du travail ",
                    "acronym": "CGT", "most_representative": True})

    assert created.status_code == 201
    organisation = ConstituentOrganisation.objects.get()
    assert created.json()["id"] == organisation.pk
    assert (organisation.member_state.iso2, organisation.kind, organisation.name) == (
        "FR", "workers", "Confédération générale du travail")

    read = secretariat.get(f"/api/organisations/{organisation.pk}")
    changed = send(secretariat, "patch", f"/api/organisations/{organisation.pk}",
                   {"website": "https://www.cgt.fr", "updated_at": read.json()["updated_at"]})

    assert read.status_code == 200
    assert changed.status_code == 200
    assert changed.json()["website"] == "https://www.cgt.fr"
    organisation.refresh_from_db()
    assert organisation.website == "https://www.cgt.fr"
    assert actions() == ["constituents.organisation.created",
                         "constituents.organisation.updated"]


def test_a_focal_point_creates_an_organisation_of_their_state(french_focal_point):
    response = send(french_focal_point, "post", "/api/member-states/FR/organisations",
                    {"kind": "ministry", "name": "Ministère du Travail"})

    assert response.status_code == 201
    assert response.json()["member_state"] == "FR"
    assert actions() == ["constituents.organisation.created"]


def test_a_focal_point_may_not_touch_another_states_organisations(french_focal_point):
    german = factories.OrganisationFactory(member_state=factories.state("DE"), name="BDA")

    listing = french_focal_point.get("/api/member-states/DE/organisations")
    reading = french_focal_point.get(f"/api/organisations/{german.pk}")
    changing = send(french_focal_point, "patch", f"/api/organisations/{german.pk}",
                    {"name": "Taken over"})
    creating = send(french_focal_point, "post", "/api/member-states/DE/organisations",
                    {"kind": "workers", "name": "DGB"})

    assert [listing.status_code, reading.status_code, changing.status_code,
            creating.status_code] == [403, 403, 403, 403]
    assert changing.json() == FORBIDDEN
    german.refresh_from_db()
    assert german.name == "BDA"
    assert ConstituentOrganisation.objects.count() == 1
    assert actions() == []


def test_an_observer_may_read_but_not_write_organisations(observer):
    organisation = factories.OrganisationFactory()

    assert observer.get(f"/api/organisations/{organisation.pk}").status_code == 200
    assert send(observer, "patch", f"/api/organisations/{organisation.pk}",
                {"name": "X"}).status_code == 403
    assert send(observer, "post", "/api/member-states/FR/organisations",
                {"kind": "workers", "name": "X"}).status_code == 403
    assert actions() == []


def test_an_organisation_with_a_bad_e_mail_or_kind_is_refused(secretariat):
    bad_kind = send(secretariat, "post", "/api/member-states/FR/organisations",
                    {"kind": "union", "name": "X"})
    bad_email = send(secretariat, "post", "/api/member-states/FR/organisations",
                     {"kind": "workers", "name": "X", "email": "not-an-address"})

    assert bad_kind.status_code == 422
    assert bad_kind.json()["errors"][0]["field"] == "body.kind"
    assert bad_email.status_code == 422
    assert bad_email.json()["errors"] == [
        {"field": "body.email", "message": "Enter a valid email address."}]
    assert not ConstituentOrganisation.objects.exists()


def test_a_stale_update_of_an_organisation_is_a_409(secretariat):
    organisation = factories.OrganisationFactory(name="MEDEF")
    seen = secretariat.get(f"/api/organisations/{organisation.pk}").json()["updated_at"]
    send(secretariat, "patch", f"/api/organisations/{organisation.pk}", {"acronym": "M"})

    response = send(secretariat, "patch", f"/api/organisations/{organisation.pk}",
                    {"name": "Mouvement des entreprises de France", "updated_at": seen})

    assert response.status_code == 409
    assert response.json() == CONFLICT
    organisation.refresh_from_db()
    assert organisation.name == "MEDEF"


def test_unknown_organisations_and_states_are_404(secretariat):
    assert secretariat.get("/api/organisations/999999").status_code == 404
    assert send(secretariat, "patch", "/api/organisations/999999",
                {"name": "X"}).status_code == 404
    assert secretariat.get("/api/member-states/ZZ/organisations").status_code == 404


# --- people ------------------------------------------------------------------------------

def test_people_are_listed_with_pagination(secretariat):
    for name in ["Zoé Martin", "Anna Schmidt", "Bruno Costa"]:
        factories.PersonFactory(name=name)

    first = secretariat.get("/api/people?limit=2").json()
    rest = secretariat.get("/api/people?limit=2&offset=2").json()

    assert first["count"] == 3
    assert [person["name"] for person in first["items"]] == ["Anna Schmidt", "Bruno Costa"]
    assert [person["name"] for person in rest["items"]] == ["Zoé Martin"]


def test_people_are_filtered_by_state_and_name(secretariat):
    factories.PersonFactory(name="Anna Schmidt", member_state=factories.state("DE"))
    factories.PersonFactory(name="Bruno Costa", member_state=factories.state("FR"))

    german = secretariat.get("/api/people?member_state=de").json()
    named = secretariat.get("/api/people?q=costa").json()

    assert [person["name"] for person in german["items"]] == ["Anna Schmidt"]
    assert [person["member_state"] for person in german["items"]] == ["DE"]
    assert [person["name"] for person in named["items"]] == ["Bruno Costa"]


def test_an_unknown_state_in_the_filter_is_a_422(secretariat):
    response = secretariat.get("/api/people?member_state=ZZ")

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "query.member_state", "message": "No member State has the code ZZ."}]


def test_a_focal_point_sees_only_the_people_of_their_state(french_focal_point):
    french = factories.PersonFactory(name="Bruno Costa")
    german = factories.PersonFactory(name="Anna Schmidt", member_state=factories.state("DE"))

    listing = french_focal_point.get("/api/people")
    own = french_focal_point.get(f"/api/people/{french.pk}")
    other_list = french_focal_point.get("/api/people?member_state=DE")
    other = french_focal_point.get(f"/api/people/{german.pk}")
    changing = send(french_focal_point, "patch", f"/api/people/{german.pk}",
                    {"function": "Spy"})

    assert listing.status_code == 200
    assert [person["id"] for person in listing.json()["items"]] == [french.pk]
    assert listing.json()["count"] == 1
    assert own.status_code == 200
    assert (other_list.status_code, other.status_code, changing.status_code) == (403, 403, 403)
    assert other.json() == FORBIDDEN
    german.refresh_from_db()
    assert german.function == ""
    assert actions() == []


@pytest.mark.parametrize("role", ["delegate", "focal_point"])
def test_a_person_without_a_state_is_only_for_the_cross_state_directory(role):
    stateless = factories.PersonFactory(name="Ilo Staff", member_state=None)

    response = client_for(factories.user_with_role(role)).get(f"/api/people/{stateless.pk}")

    assert response.status_code == 403


def test_a_delegate_may_not_list_people():
    response = client_for(factories.user_with_role("delegate")).get("/api/people")

    assert response.status_code == 403
    assert response.json() == FORBIDDEN


def test_the_secretariat_creates_and_changes_a_person(secretariat):
    organisation = factories.OrganisationFactory(name="MEDEF")

    created = send(secretariat, "post", "/api/people",
                   {"name": "Μαρία Παπαδοπούλου", "name_latin": "Maria Papadopoulou",
                    "gender": "f", "member_state": "FR", "organisation": organisation.pk})

    assert created.status_code == 201
    person = Person.objects.get()
    assert created.json() == {
        "id": person.pk, "name": "Μαρία Παπαδοπούλου", "name_latin": "Maria Papadopoulou",
        "family_name": "Papadopoulou", "title": "", "gender": "f", "email": "", "function": "",
        "member_state": "FR",
        "organisation": organisation.pk, "organisation_name": str(organisation),
        "created_at": created.json()["created_at"], "updated_at": created.json()["updated_at"]}

    read = secretariat.get(f"/api/people/{person.pk}")
    changed = send(secretariat, "patch", f"/api/people/{person.pk}",
                   {"function": "Adviser", "organisation": None,
                    "updated_at": read.json()["updated_at"]})

    assert read.status_code == 200
    assert changed.status_code == 200
    person.refresh_from_db()
    assert (person.function, person.organisation) == ("Adviser", None)
    assert actions() == ["constituents.person.created", "constituents.person.updated"]


def test_a_focal_point_adds_people_only_to_their_state(french_focal_point):
    own = send(french_focal_point, "post", "/api/people",
               {"name": "Bruno Costa", "gender": "m", "member_state": "FR"})
    other = send(french_focal_point, "post", "/api/people",
                 {"name": "Anna Schmidt", "gender": "f", "member_state": "DE"})

    assert own.status_code == 201
    assert own.json()["name_latin"] == "Bruno Costa"
    assert other.status_code == 403
    assert list(Person.objects.values_list("name", flat=True)) == ["Bruno Costa"]


def test_an_observer_may_not_add_or_change_people(observer):
    person = factories.PersonFactory()

    assert observer.get(f"/api/people/{person.pk}").status_code == 200
    assert send(observer, "post", "/api/people",
                {"name": "X", "gender": "x", "member_state": "FR"}).status_code == 403
    assert send(observer, "patch", f"/api/people/{person.pk}",
                {"title": "Dr"}).status_code == 403
    assert actions() == []


def test_a_person_naming_unknown_things_is_a_422(secretariat):
    response = send(secretariat, "post", "/api/people",
                    {"name": "X", "gender": "f", "member_state": "ZZ"})
    no_organisation = send(secretariat, "post", "/api/people",
                           {"name": "X", "gender": "f", "organisation": 999999})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.member_state", "message": "No member State has the code ZZ."}]
    assert no_organisation.json()["errors"] == [
        {"field": "body.organisation", "message": "No organization has the id 999999."}]
    assert not Person.objects.exists()


def test_a_person_of_one_state_in_anothers_organisation_is_refused(secretariat):
    german = factories.OrganisationFactory(member_state=factories.state("DE"), name="BDA")

    response = send(secretariat, "post", "/api/people",
                    {"name": "X", "gender": "f", "member_state": "FR",
                     "organisation": german.pk})

    assert response.status_code == 400
    assert response.json() == {"code": "organisation_of_other_state",
                               "message": "The organization belongs to another member State.",
                               "field": "body.organisation"}


def test_a_missing_name_is_a_422(secretariat):
    response = send(secretariat, "post", "/api/people", {"gender": "f", "member_state": "FR"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.name", "message": "This field is required."}]


def test_a_stale_update_of_a_person_is_a_409(secretariat):
    person = factories.PersonFactory(function="Minister")
    seen = secretariat.get(f"/api/people/{person.pk}").json()["updated_at"]
    send(secretariat, "patch", f"/api/people/{person.pk}", {"title": "H.E."})

    response = send(secretariat, "patch", f"/api/people/{person.pk}",
                    {"function": "Former minister", "updated_at": seen})

    assert response.status_code == 409
    person.refresh_from_db()
    assert person.function == "Minister"


def test_an_unknown_person_is_a_404(secretariat):
    assert secretariat.get("/api/people/999999").status_code == 404


def test_listing_people_costs_the_same_queries_for_one_row_and_three(
        secretariat, django_assert_num_queries):
    organisation = factories.OrganisationFactory()
    factories.PersonFactory(organisation=organisation)
    secretariat.get("/api/people")  # the session is loaded once

    with django_assert_num_queries(4):  # session, user, count, page of people
        one = secretariat.get("/api/people")
    factories.PersonFactory(organisation=organisation)
    factories.PersonFactory(member_state=factories.state("DE"))
    with django_assert_num_queries(4):
        three = secretariat.get("/api/people")

    assert (one.json()["count"], three.json()["count"]) == (1, 3)


def test_listing_states_costs_the_same_queries_for_a_focal_point_and_for_everyone(
        observer, french_focal_point, django_assert_num_queries):
    with django_assert_num_queries(3):  # session, user, States
        assert len(observer.get("/api/member-states").json()) > 100
    with django_assert_num_queries(3):
        assert len(french_focal_point.get("/api/member-states").json()) == 1
