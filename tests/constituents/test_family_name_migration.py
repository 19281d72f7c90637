"""The migration that gives the people already recorded a family name (0004)."""

import pytest

from tests.migrations import migrate_to, schema_back_to_the_latest  # noqa: F401

BEFORE = [("constituents", "0003_official_member_state_names")]
AFTER = [("constituents", "0004_person_family_name")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_back_to_the_latest")
def test_people_already_recorded_get_a_guessed_family_name():
    old = migrate_to(BEFORE)
    Person = old.get_model("constituents", "Person")
    states = {state.iso2: state for state in
              old.get_model("constituents", "MemberState").objects.filter(
                  iso2__in=["FR", "ES", "CN"])}
    people = {
        "Hélène Marchetti": Person.objects.create(
            name="Hélène Marchetti", name_latin="Hélène Marchetti", gender="f",
            member_state=states["FR"]),
        "María José García López": Person.objects.create(
            name="María José García López", name_latin="María José García López",
            gender="f", member_state=states["ES"]),
        "王小明": Person.objects.create(name="王小明", name_latin="Wang Xiaoming", gender="m",
                                     member_state=states["CN"]),
        "Nobody's": Person.objects.create(name="Ludwig van der Berg",
                                          name_latin="Ludwig van der Berg", gender="m"),
    }
    new = migrate_to(AFTER).get_model("constituents", "Person")
    assert {key: new.objects.get(pk=person.pk).family_name
            for key, person in people.items()} == {
        "Hélène Marchetti": "Marchetti", "María José García López": "García López",
        "王小明": "Wang", "Nobody's": "van der Berg"}
