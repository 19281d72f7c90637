import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from tests.factories import user_with_role
from tripartite.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_a_refusal_is_a_page_in_the_users_language(client):
    client.force_login(user_with_role(Role.FOCAL_POINT, language="es"))
    response = client.get(reverse("constituents:member_state_detail", args=["DE"]))
    assert response.status_code == 403
    assert "No tiene acceso a esta página" in response.content.decode()


def test_an_unknown_page_is_a_404_page(client):
    client.force_login(user_with_role(Role.OBSERVER))
    response = client.get("/states/people/999999/")
    assert response.status_code == 404
    assert "This page does not exist" in response.content.decode()


def test_an_expired_form_says_so_and_saves_nothing():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user_with_role(Role.SECRETARIAT, language="fr"))
    response = browser.post(reverse("meetings:meeting_create"),
                            {"type": "gb", "title_en": "Governing Body"})
    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()


def test_pages_send_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
