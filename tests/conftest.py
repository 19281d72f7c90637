import pytest
from django.test import override_settings
from django.utils import translation

# Tests create hundreds of users; the production Argon2 hasher costs most of a second each on
# a loaded machine. tests/accounts/test_password_hasher.py checks that production keeps Argon2.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests start in English, whatever the previous test activated."""
    translation.activate("en")
    yield
    translation.deactivate()
