"""Tests of the JSON API at /api/. Helpers shared by its test modules."""

from django.test import Client

from tripartite.common.models import ActionLogEntry


def client_for(user, **kwargs) -> Client:
    """A client logged in as ``user`` through the session, as a browser would be."""
    client = Client(**kwargs)
    client.force_login(user)
    return client


def send(client: Client, method: str, url: str, data=None, **extra):
    """A JSON request: ``send(client, "post", "/api/meetings", {...})``."""
    return getattr(client, method)(url, data, content_type="application/json", **extra)


def actions() -> list[str]:
    """The dotted actions logged so far, oldest first."""
    return list(ActionLogEntry.objects.order_by("id").values_list("action", flat=True))
