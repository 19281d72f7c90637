"""One address trying a few passwords on many accounts is locked out, past a higher limit.

The per-account lock-out (LOGIN_FAILURE_LIMIT failures for one username from one address)
never triggers for password spraying: a few tries on each of many usernames.
"""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SPRAYER, NEIGHBOUR = "203.0.113.7", "198.51.100.20"
ADDRESS_LIMIT = 8


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = ADDRESS_LIMIT


def login(client, username, password, address):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def spray(client, failures, address=SPRAYER):
    """``failures`` failed logins from ``address``, two per username: never five on one."""
    for attempt in range(failures):
        response = login(client, f"victim{attempt // 2}", "Winter2025!", address)
        assert response.status_code == 200  # the login form again, not yet a lock-out


def test_one_address_trying_many_usernames_is_locked_out(client):
    spray(client, ADDRESS_LIMIT - 1)
    assert login(client, "victim9", "Winter2025!", SPRAYER).status_code == 429
    # Every login from that address is refused now, even a right password.
    user = UserFactory()
    response = login(client, user.username, "secret-pass-123", SPRAYER)
    assert response.status_code == 429
    assert b"Too many failed attempts" in response.content


def test_another_address_is_not_locked_out(client):
    spray(client, ADDRESS_LIMIT - 1)
    assert login(client, "victim9", "Winter2025!", SPRAYER).status_code == 429
    user = UserFactory()
    response = login(client, user.username, "secret-pass-123", NEIGHBOUR)
    assert (response.status_code, response["Location"]) == (302, "/")


def test_below_the_address_limit_nobody_is_locked_out(client):
    spray(client, ADDRESS_LIMIT - 1)
    user = UserFactory()
    response = login(client, user.username, "secret-pass-123", SPRAYER)
    assert (response.status_code, response["Location"]) == (302, "/")


def test_logging_in_to_ones_own_account_does_not_wipe_the_address_count(client):
    own = UserFactory()
    spray(client, ADDRESS_LIMIT - 2)
    assert login(client, own.username, "secret-pass-123", SPRAYER).status_code == 302
    client.logout()
    spray(client, 1)
    assert login(client, "victim9", "Winter2025!", SPRAYER).status_code == 429


def test_the_address_limit_is_configured_from_the_environment():
    from tripartite.config import settings as production_settings

    assert production_settings.LOGIN_ADDRESS_FAILURE_LIMIT == 50
    assert production_settings.AXES_HANDLER == (
        "tripartite.accounts.lockout.AddressAwareLockoutHandler")
