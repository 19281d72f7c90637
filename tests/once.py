"""Data built once per module and worker rather than once per test, as Django's
``setUpTestData`` does: the demo takes seconds to load, the permission matrix's objects too.

A module-scoped fixture builds the data inside ``kept_for_the_module``: an outer transaction,
opened before the first test that asks for it and rolled back after the module's last test.
Each test's own transaction (pytest-django's ``db``) is a savepoint inside it, so a test that
changes the data leaves the next one the data as built::

    @pytest.fixture(scope="module")
    def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
        with kept_for_the_module(django_db_blocker, tmp_path_factory):
            yield loader.load_demo(scale="small")

    @pytest.fixture
    def demo(_demo_once, db):
        return _demo_once

Every test of the module that touches the database must be able to start from that data
once the first has asked for it (the order is random): a test that needs an empty database
belongs in another module, and so does a transactional test (its flush would empty the
outer transaction's tables under the others).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings


@contextmanager
def kept_for_the_module(django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """The database open to the block (and to the module's tests after it) inside a
    transaction rolled back at the end; the files written go to a temporary MEDIA_ROOT, gone
    with it."""
    with (django_db_blocker.unblock(),
          override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
