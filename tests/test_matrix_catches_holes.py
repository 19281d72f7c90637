"""The permission matrix would catch a page that forgot its permission check.

Two pages of a test-only URLconf (tests/matrix_hole_urls.py) write an action-log entry: one
for anyone, one before refusing. The matrix's own machinery, unchanged, flags each: the page
without a row, the write row whose refused role wrote, the form handler without a write row,
and the refusal that wrote anyway.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import user_with_role
from tests.matrix_checks import MIDDLEWARE_PATH, write_outcome
from tests.matrix_writes import WROTE, write_rule
from tests.test_permission_matrix import (
    MATRIX,
    WRITES,
    routes_without_rows,
    unlisted_form_handler,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_with_holes(settings):
    with override_settings(ROOT_URLCONF="tests.matrix_hole_urls",
                           MIDDLEWARE=[*settings.MIDDLEWARE, MIDDLEWARE_PATH]):
        yield


@pytest.fixture
def observer_client(client):
    client.force_login(user_with_role(Role.OBSERVER))
    return client


def test_a_page_without_a_row_is_flagged():
    assert routes_without_rows(MATRIX, WRITES)["missing"] == {"matrix_hole_unguarded",
                                                              "matrix_hole_late"}


def test_a_refused_role_that_writes_is_flagged(observer_client):
    """Had the page a write row for the secretariat alone, the observer's POST would not
    match it: the page answers and writes."""
    expected = write_rule({Role.SECRETARIAT})[Role.OBSERVER]
    outcome, _ = write_outcome(observer_client, reverse("matrix_hole_unguarded"),
                               {"note": "written by an observer"})
    assert (outcome, expected) == (WROTE, "forbidden")


def test_a_form_handler_without_a_write_row_is_flagged(observer_client):
    """An empty POST reaches the form: the page read the posted form, for a reader."""
    outcome, response = write_outcome(observer_client, reverse("matrix_hole_unguarded"), {})
    assert outcome == "ok"
    assert unlisted_form_handler(response, outcome, "ok") is True


def test_a_refusal_that_wrote_is_flagged(observer_client):
    """The right answer (403) does not hide the write: the outcome carries it."""
    outcome, response = write_outcome(observer_client, reverse("matrix_hole_late"),
                                      {"note": "written before the refusal"})
    assert outcome == "forbidden, wrote"
    assert unlisted_form_handler(response, outcome, "forbidden") is True


def test_each_write_is_undone_after_it_is_measured(observer_client):
    write_outcome(observer_client, reverse("matrix_hole_unguarded"), {"note": "undone"})
    assert not ActionLogEntry.objects.filter(action="tests.hole.written").exists()
