"""A GET never writes: every page of the site, asked by every role, changes no row.

Opening a delegation's portal page used to create the delegation (and log it) as soon as a
focal point or the secretariat looked at it. The pages of the permission matrix are walked
with its objects, plus the portal's pages of a State that has no delegation yet; every SQL
statement is captured: no INSERT, UPDATE or DELETE may run, except on the login's own
session (a page may remember a choice there), and no table's row count may change.
"""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import user_with_role
from tests.test_permission_matrix import (
    MATRIX,
    ROLES,
    objects,  # noqa: F401 - the matrix's fixture
)

WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
ALLOWED_TABLES = {"django_session"}
# The portal's pages that name a delegation by session and State.
PORTAL_PAGES = ("delegations:portal_delegation", "delegations:portal_template",
                "delegations:portal_letter", "delegations:portal_letter_upload",
                "delegations:portal_import", "delegations:portal_submit")
UNOPENED_STATE = "KE"  # no delegation in the matrix's objects


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count()
            for model in apps.get_models() if model._meta.managed and not model._meta.proxy}


def _writes(queries) -> list[str]:
    """The statements that write, but those on the login's own session."""
    writes = []
    for query in queries:
        if (match := WRITE.match(query["sql"])) and match.group(1) not in ALLOWED_TABLES:
            writes.append(query["sql"][:120])
    return writes


def _urls(objects):  # noqa: F811 - the fixture's value
    for key, (kwargs_key, _expected) in MATRIX.items():
        yield key, reverse(key.split(" ")[0],
                           kwargs=objects[kwargs_key] if kwargs_key else None)
    session_pk = objects["own_portal"]["session_pk"]
    for name in PORTAL_PAGES:
        yield f"{name} unopened", reverse(name, kwargs={"session_pk": session_pk,
                                                        "iso2": UNOPENED_STATE})


@pytest.mark.parametrize("role", ROLES)
def test_no_page_writes_on_get(client, objects, role):  # noqa: F811
    if role != "anonymous":
        client.force_login(user_with_role(role))
    before = _row_counts()
    writes = {}
    for key, url in _urls(objects):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        if found := _writes(captured.captured_queries):
            writes[key] = found

    assert writes == {}
    assert _row_counts() == before
