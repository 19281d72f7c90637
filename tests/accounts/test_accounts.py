import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry

pytestmark = pytest.mark.django_db


def login(client, username, password="secret-pass-123"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_user_logs_in_and_out(client):
    user = UserFactory()
    response = login(client, user.username)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_passwords_are_hashed_with_argon2_in_production(settings):
    from tripartite.config import settings as production_settings

    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    assert UserFactory().password.startswith("argon2")


def test_repeated_failures_lock_the_account_out(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.username, "wrong")
    response = login(client, user.username)  # even the right password is refused now
    assert response.status_code == 429
    assert b"Too many failed attempts" in response.content


def test_a_wrong_password_keeps_the_username_and_says_why(client):
    user = UserFactory()
    response = login(client, user.username, "wrong")
    assert response.status_code == 200
    assert f'value="{user.username}"'.encode() in response.content
    assert b"Please enter a correct username and password" in response.content


def test_password_reset_sends_a_link_by_mail(client):
    user = UserFactory(email="ana@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert mail.outbox[0].to == [user.email]


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "secret-pass-123", "new_password1": "a-much-longer-one-77",
        "new_password2": "a-much-longer-one-77"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-longer-one-77")


def test_the_language_choice_is_remembered_on_the_user(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/"})
    user.refresh_from_db()
    assert user.language == "fr"
    # A new browser (no cookie) still gets French once logged in.
    other = client.__class__()
    other.force_login(user)
    assert '<html lang="fr">' in other.get("/").content.decode()
    assert ActionLogEntry.objects.filter(action="accounts.user.language_set").count() == 1


def test_an_unknown_language_changes_nothing(client):
    user = UserFactory(language="es")
    client.force_login(user)
    response = client.post(reverse("accounts:set_language"), {"language": "de"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "es"


def test_language_switch_never_redirects_off_site(client):
    response = client.post(reverse("accounts:set_language"),
                           {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_api_tokens_are_created_shown_once_and_revoked(client):
    user = user_with_role(Role.OBSERVER)
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"name": "reporting"})
    secret = response.context["new_secret"]
    assert secret.startswith("tp_")
    assert secret.encode() not in client.get(reverse("accounts:profile")).content
    token = user.api_tokens.get()
    assert token.digest != secret
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_focal_point_must_have_a_member_state():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=Role.FOCAL_POINT, member_state=None)


def test_the_suite_hashes_with_the_fast_hasher():
    """tests/conftest.py swaps Argon2 for MD5 so that creating users costs nothing."""
    from django.contrib.auth.hashers import get_hasher

    assert get_hasher().algorithm == "md5"
