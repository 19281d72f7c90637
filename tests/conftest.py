import os

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from tests import database_template, system

# Hypothesis's per-example deadline measures the machine, not the rule: on a shared CI machine a
# 0.3 ms example once took 310 ms and failed the suite. Rules' speed is measured in bench/.
hypothesis_settings.register_profile("tripartite", deadline=None)
hypothesis_settings.load_profile("tripartite")

# Tests create hundreds of users; the production Argon2 hasher costs most of a second each on
# a loaded machine. tests/accounts/test_password_hasher.py checks that production keeps Argon2.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Production serves static files under hashed names from collectstatic's manifest; the suite
# reads them from the sources (tests/common/test_static_files.py checks the manifest).
PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher(tmp_path_factory):
    # STATIC_ROOT exists only after collectstatic: an empty one spares WhiteNoise's warning on
    # every request of a fresh checkout.
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, STORAGES=PLAIN_STORAGES,
                           STATIC_ROOT=tmp_path_factory.mktemp("static")):
        yield


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests start in English, whatever the previous test activated."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _system_packages(request):
    """``@pytest.mark.needs("cjk_fonts", "libreoffice")``: skipped with the reason where the
    package is missing, a failure in CI (REQUIRE_SYSTEM_PACKAGES=1)."""
    marker = request.node.get_closest_marker("needs")
    if marker is None:
        return
    reasons = system.missing(marker.args)
    if reasons and system.required():
        pytest.fail("REQUIRE_SYSTEM_PACKAGES=1 but " + "; ".join(reasons))
    if reasons:
        pytest.skip("; ".join(reasons))


# A test that never opens a database connection gives the same answer on SQLite and on
# PostgreSQL, so `make test` runs it once, on SQLite (the PostgreSQL run counts it among the
# "deselected"). `@pytest.mark.engine_independent` marks database tests whose subject is not the
# engine (the axe walk audits the DOM; the database behind it is covered by the rest). Browser
# tests are about what the page does in the browser: the views they drive run on PostgreSQL
# through the test client (the permission matrix opens and posts to every page), and the
# cluster tests drive real servers on PostgreSQL.
# EVERY_TEST_ON_EVERY_DATABASE=1 runs everything on both.
# (pytest-django's django_db_blocker is in every test's closure: it says nothing.)
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "django_db_reset_sequences",
                     "django_db_serialized_rollback", "live_server"}


def _runs_once(item) -> bool:
    if item.get_closest_marker("cluster"):  # PostgreSQL is the cluster's own database
        return False
    if item.get_closest_marker("engine_independent") or item.get_closest_marker("browser"):
        return True
    uses_database = (item.get_closest_marker("django_db") is not None
                     or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))))
    return not uses_database


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "sqlite" or os.environ.get("EVERY_TEST_ON_EVERY_DATABASE") == "1":
        return
    once = [item for item in items if _runs_once(item)]
    if once:
        config.hook.pytest_deselected(items=once)
        items[:] = [item for item in items if not _runs_once(item)]



@pytest.fixture
def run_jobs(db, settings, tmp_path):
    """Run what the requests queued, as `tripartite worker` does (its loop's body, once per
    task): ``run_jobs()`` returns how many tasks ran. The jobs' files go under a temporary
    MEDIA_ROOT unless the test chose one."""
    from tripartite.config.settings import MEDIA_ROOT
    from tripartite.jobs.worker import run_queued_tasks

    if settings.MEDIA_ROOT == MEDIA_ROOT:
        settings.MEDIA_ROOT = tmp_path / "media"
    return run_queued_tasks


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return ("transactional_db" in names or "live_server" in names
            or (marker is not None and bool(marker.kwargs.get("transaction"))))


def _load_member_states() -> None:
    import importlib

    from django.apps import apps as django_apps

    importlib.import_module("tripartite.constituents.migrations.0002_load_member_states"
                            ).load_member_states(django_apps, None)


@pytest.fixture(autouse=True)
def _member_states_after_a_flush(request):
    """The member States come from a data migration; a transactional test ends by flushing
    the database, so the next test on the same worker would find none (which test ran before
    depends on the worker's share). Every transactional test starts with them, and puts them
    back once its flush is done (pytest_runtest_teardown below). Loading is idempotent."""
    if _transactional(request.node):
        request.getfixturevalue("transactional_db")
        _load_member_states()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the test's fixtures are torn down: a transactional test's flush is done
    # (After the last test the test database is gone with the session's fixtures.)
    if _transactional(item) and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _load_member_states()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix,
                                 django_db_blocker):
    """Each worker's test database is a copy of a template migrated once
    (tests/database_template.py). PostgreSQL: the test databases' commits do not wait for the
    disk (a crash of the test server loses nothing worth keeping); each transactional test and
    each migration commits."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if "postgresql" in database["ENGINE"]:
        options = database.setdefault("OPTIONS", {})
        options["options"] = (options.get("options", "") + " -c synchronous_commit=off").strip()
    with django_db_blocker.unblock():
        database_template.prepare()
