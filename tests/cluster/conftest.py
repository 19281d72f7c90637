"""The cluster tests run against the servers ``scripts/cluster.sh test`` starts (two
application servers behind HAProxy, a worker, PostgreSQL, Redis, moto's S3). They seed their
data straight into the cluster's database, outside any test transaction, so that the servers
see it; the database is a fresh one for each run of the script."""

import json
import os
from pathlib import Path

import pytest
from django.test import override_settings

ENV_FILE = Path(os.environ.get("CLUSTER_DIR", "var/cluster")) / "env.json"


def cluster_environment() -> dict[str, str] | None:
    if not os.environ.get("CLUSTER_PROXY_URL") or not ENV_FILE.exists():
        return None
    return json.loads(ENV_FILE.read_text())


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Replaces the suite's own (tests/conftest.py): the files seeded here must go to the
    cluster's object store, as the servers' do, not to a local folder. Passwords still hash
    fast; the login test hashes its password as the servers do."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def cluster():
    env = cluster_environment()
    if env is None:
        if os.environ.get("REQUIRE_CLUSTER") == "1":
            pytest.fail("REQUIRE_CLUSTER=1 but no cluster runs: scripts/cluster.sh test")
        pytest.skip("no cluster: run scripts/cluster.sh test")
    return env


@pytest.fixture
def seed(cluster, django_db_blocker):
    """Writes to the cluster's own database (each statement commits at once)."""
    with django_db_blocker.unblock():
        yield
