"""The migration that records the known cities of the proposals already made under their
English names (0004)."""

import pytest

from tests.migrations import migrate_to, schema_back_to_the_latest  # noqa: F401

BEFORE = [("proposals", "0003_state_on_hold_label")]
AFTER = [("proposals", "0004_known_cities_under_their_english_names")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_back_to_the_latest")
def test_known_cities_typed_in_french_or_spanish_get_their_english_names():
    old = migrate_to(BEFORE).get_model("proposals", "MeetingProposal")
    made = {city: old.objects.create(unit="SECTOR", city=city).pk
            for city in ("Genève", "Ciudad de México", "Turin", "Ouagadougou", "")}

    new = migrate_to(AFTER).get_model("proposals", "MeetingProposal")

    assert {city: new.objects.get(pk=pk).city for city, pk in made.items()} == {
        "Genève": "Geneva", "Ciudad de México": "Mexico City", "Turin": "Turin",
        "Ouagadougou": "Ouagadougou", "": ""}
