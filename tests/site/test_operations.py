"""Small operational things: the icon browsers ask for, a refused request logged in one
line, and links given out that follow the address served."""

import logging

import pytest
from django.urls import reverse

from tests.factories import SessionFactory, user_with_role
from tripartite.accounts.models import Role
from tripartite.site.management.commands.serve import served_url

pytestmark = pytest.mark.django_db


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=86400" in response["Cache-Control"]


def test_a_refused_request_is_logged_in_one_line_without_a_traceback(client, caplog):
    client.force_login(user_with_role(Role.OBSERVER))
    session = SessionFactory()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("meetings:session_edit", args=[session.pk]))
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == (
        f"Forbidden (Permission denied): /meetings/sessions/{session.pk}/edit/")
    assert record.exc_info is None and "Traceback" not in caplog.text


def test_links_given_out_follow_the_address_served(settings, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert served_url("127.0.0.1", 8081) == "http://127.0.0.1:8081"
    assert served_url("0.0.0.0", 9000) == "http://127.0.0.1:9000"
    monkeypatch.setenv("SITE_URL", "https://tripartite.example.org")
    settings.SITE_URL = "https://tripartite.example.org"
    assert served_url("0.0.0.0", 9000) == "https://tripartite.example.org"
