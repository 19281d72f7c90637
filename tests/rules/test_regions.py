import pytest

from tripartite.rules.regions import FIVE_REGIONS, regional_meeting_region


def test_regional_meetings_group_the_arab_states_with_asia():
    assert regional_meeting_region("Arab States") == "Asia and the Pacific"


@pytest.mark.parametrize("region", [r for r in FIVE_REGIONS if r != "Arab States"])
def test_the_other_regions_are_unchanged(region):
    assert regional_meeting_region(region) == region


def test_regional_meetings_use_four_regions():
    assert len({regional_meeting_region(region) for region in FIVE_REGIONS}) == 4


def test_an_unknown_region_is_refused():
    with pytest.raises(ValueError, match="Oceania"):
        regional_meeting_region("Oceania")
