"""API tokens and calendar feed keys do not outlive the credentials they were made under.

A token expires after the days chosen at creation (at most a year); every token is revoked,
and the calendar feed key replaced, when the password changes (by the user, by a reset link,
by the secretariat in the admin) and when the account is deactivated.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, user_with_role
from tripartite.accounts.calendar_keys import feed_key_for
from tripartite.accounts.models import ApiToken, Role
from tripartite.accounts.services import api_token_create
from tripartite.common.models import ActionLogEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-longer-one-77"


def api_me(secret):
    return Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")


def feed(key):
    return Client().get(reverse("meetings:ics_calendar"), {"key": key})


def credentials_of(user):
    """A token secret and a feed key for ``user``, both working."""
    _token, secret = api_token_create(user=user, actor=user, name="script")
    key = feed_key_for(user)
    assert api_me(secret).status_code == 200
    assert feed(key).status_code == 200
    return secret, key


def assert_revoked(user, secret, key, reason):
    answer = api_me(secret)
    assert answer.status_code == 401
    assert answer.json()["code"] == "unauthenticated"
    assert feed(key).status_code == 403
    user.refresh_from_db()
    assert feed(feed_key_for(user)).status_code == 200  # the new address works
    assert not user.api_tokens.filter(revoked_at__isnull=True).exists()
    entry = ActionLogEntry.objects.get(action="accounts.credentials.revoked")
    assert entry.data == {"reason": reason, "tokens": [user.api_tokens.get().pk]}


# --- expiry ----------------------------------------------------------------------------------

def test_a_token_lives_90_days_unless_another_lifetime_is_chosen(client):
    user = user_with_role(Role.OBSERVER)
    client.force_login(user)
    before = timezone.now()
    client.post(reverse("accounts:profile"), {"name": "default"})
    client.post(reverse("accounts:profile"), {"name": "yearly", "valid_days": "365"})
    lifetimes = {token.name: token.expires_at - before for token in user.api_tokens.all()}
    assert dt.timedelta(days=90) <= lifetimes["default"] < dt.timedelta(days=90, minutes=1)
    assert dt.timedelta(days=365) <= lifetimes["yearly"] < dt.timedelta(days=365, minutes=1)


@pytest.mark.parametrize("valid_days", ["366", "0", "-5", "ever", ""])
def test_a_token_longer_than_a_year_or_without_a_lifetime_is_refused(client, valid_days):
    user = user_with_role(Role.OBSERVER)
    client.force_login(user)
    response = client.post(reverse("accounts:profile"),
                           {"name": "forever", "valid_days": valid_days}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "A token is valid for 1 to 365 days."]
    assert response.context["new_secret"] is None
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused_with_token_expired(client):
    user = user_with_role(Role.OBSERVER)
    token, secret = api_token_create(user=user, actor=user, name="old script", valid_days=30)
    expired_at = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=expired_at)
    response = api_me(secret)
    assert response.status_code == 401
    assert response.json() == {
        "code": "token_expired",
        "message": "The API token expired on 2025-03-01 09:30 UTC. Create a new one on your "
                   "profile page."}
    client.force_login(user)
    assert b"(expired)" in client.get(reverse("accounts:profile")).content


def test_the_expiry_message_is_in_the_users_language():
    user = user_with_role(Role.OBSERVER, language="fr")
    token, secret = api_token_create(user=user, actor=user, name="script")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC))
    response = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}",
                            HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["message"] == (
        "Le jeton d'API a expiré le 2025-03-01 09:30 UTC. Créez-en un nouveau sur votre page "
        "de profil.")


def test_the_page_that_shows_a_new_token_is_never_cached(client):
    client.force_login(user_with_role(Role.OBSERVER))
    response = client.post(reverse("accounts:profile"), {"name": "script"})
    assert response.context["new_secret"].startswith("tp_")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# --- revocation ------------------------------------------------------------------------------

def test_changing_the_password_revokes_tokens_and_replaces_the_feed_key(client):
    user = UserFactory()
    secret, key = credentials_of(user)
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "secret-pass-123", "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Your password was changed. Your API tokens were revoked and your calendar address "
        "was replaced."]
    assert_revoked(user, secret, key, "password_changed")


def test_a_password_reset_revokes_tokens_and_replaces_the_feed_key(client):
    user = UserFactory(email="ana@example.org")
    secret, key = credentials_of(user)
    client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    response = client.post(form_url, {"new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert_revoked(user, secret, key, "password_reset")


def test_the_secretariat_setting_a_password_in_the_admin_revokes_them(client):
    user = UserFactory()
    secret, key = credentials_of(user)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
                                 "usable_password": "true", "set-password": "1"})
    assert response.status_code == 302
    assert_revoked(user, secret, key, "password_changed")


def test_deactivating_an_account_in_the_admin_revokes_them(client):
    user = UserFactory()
    secret, key = credentials_of(user)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value is not None and name not in {"password", "groups", "user_permissions"}}
    data.update(is_active="", last_login_0="", last_login_1="",
                date_joined_0="2025-01-01", date_joined_1="00:00:00")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.is_active is False
    user.is_active = True  # to check the tokens and address themselves, not the account
    user.save(update_fields=["is_active"])
    assert_revoked(user, secret, key, "deactivated")


def test_the_user_replaces_their_calendar_address_and_the_old_one_stops_working(client):
    user = user_with_role(Role.OBSERVER)
    old_key = feed_key_for(user)
    client.force_login(user)
    page = client.get(reverse("accounts:profile"))
    assert old_key in page.content.decode().replace("&amp;", "&")
    response = client.post(reverse("accounts:calendar_feed_key_replace"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Your calendar address was replaced: the old one no longer works. Subscribe again "
        "with the new one."]
    user.refresh_from_db()
    new_key = feed_key_for(user)
    assert new_key != old_key
    assert new_key in response.content.decode()
    assert feed(old_key).status_code == 403
    assert feed(new_key).status_code == 200
    assert ActionLogEntry.objects.filter(action="accounts.calendar_feed_key.replaced",
                                         object_id=str(user.pk)).count() == 1


def test_addresses_given_out_before_keys_were_replaceable_work_until_replaced(client):
    from django.core import signing

    from tripartite.accounts.calendar_keys import FEED_SALT

    user = user_with_role(Role.OBSERVER)
    legacy = signing.Signer(salt=FEED_SALT).sign_object({"u": user.pk})
    assert feed_key_for(user) == legacy
    assert feed(legacy).status_code == 200
    client.force_login(user)
    client.post(reverse("accounts:calendar_feed_key_replace"))
    assert feed(legacy).status_code == 403
