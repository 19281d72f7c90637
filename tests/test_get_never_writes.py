"""A GET never writes: every page of the site, asked by every role, changes no row.

Opening a delegation's portal page used to create the delegation (and log it) as soon as a
focal point or the secretariat looked at it. Every SQL statement of a GET is captured: no
INSERT, UPDATE or DELETE may run, except on the login's own session (a page may remember a
choice there), and no table's row count may change. The permission matrix's walk of every
page as every role checks this on each page it opens (tests/test_permission_matrix.py, one
walk for both); this file adds the portal's pages of a State that has no delegation yet.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.matrix_checks import row_counts, writing_statements
from tests.test_permission_matrix import (
    ROLES,
    login,
    objects,  # noqa: F401 - the matrix's fixture
)

# The portal's pages that name a delegation by session and State.
PORTAL_PAGES = ("delegations:portal_delegation", "delegations:portal_template",
                "delegations:portal_letter", "delegations:portal_letter_upload",
                "delegations:portal_import", "delegations:portal_submit")
UNOPENED_STATE = "KE"  # no delegation in the matrix's objects


def test_no_portal_page_of_an_unopened_delegation_writes_on_get(client, objects):  # noqa: F811
    session_pk = objects["own_portal"]["session_pk"]
    urls = {name: reverse(name, kwargs={"session_pk": session_pk, "iso2": UNOPENED_STATE})
            for name in PORTAL_PAGES}
    writes, changed = {}, {}
    for role in ROLES:
        client.logout()
        login(client, objects, role)
        before = row_counts()
        for name, url in urls.items():
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            if found := writing_statements(captured.captured_queries):
                writes[(role, name)] = found
        if (after := row_counts()) != before:
            changed[role] = {label for label in after if after[label] != before[label]}
    assert writes == {}
    assert changed == {}


def test_the_walk_sees_a_write(client, objects):  # noqa: F811
    """The check itself: a statement that writes is caught, the session's own is not."""
    with CaptureQueriesContext(connection) as captured:
        objects_count = row_counts()["accounts.User"]
        login(client, objects, "secretariat")
    assert row_counts()["accounts.User"] == objects_count + 1
    assert any("accounts_user" in sql for sql in writing_statements(captured.captured_queries))
