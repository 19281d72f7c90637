import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests start in English, whatever the previous test activated."""
    translation.activate("en")
    yield
    translation.deactivate()
