"""/readyz, `tripartite check` and the pages that need Redis or the object store, when one of
them does not answer: the readiness check and the check name it, the pages answer a clear 503
and save nothing."""

import io
import shutil
import subprocess

import pytest
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.delegations.test_portal import french_delegation, page_url, pdf_bytes
from tests.factories import SessionFactory, user_with_role
from tests.objectstore import closed_port, free_port, s3_environment, wait_for_port
from tests.registration.factories_doors import badged
from tripartite.accounts.models import Role
from tripartite.config.env import file_storage_from_env
from tripartite.delegations.models import CredentialLetter
from tripartite.delegations.services.uploads import credentials_letter_upload
from tripartite.registration.models import CheckIn, Scan

pytestmark = pytest.mark.django_db

UNAVAILABLE_STORE = ("The file store cannot be reached at the moment, so this cannot be done "
                     "and nothing was saved. Please try again in a few minutes.")
UNAVAILABLE_CACHE = ("The shared cache cannot be reached at the moment, so this cannot be done "
                     "and nothing was saved. Please try again in a few minutes.")


def redis_at(settings, url):
    settings.REDIS_URL = url
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": url,
                                   "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}}}


@pytest.fixture
def unreachable_redis(settings):
    redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")


@pytest.fixture
def unreachable_store(settings, monkeypatch):
    for name, value in s3_environment(f"http://127.0.0.1:{closed_port()}", "files").items():
        monkeypatch.setenv(name, value)
    return file_storage_from_env()


@pytest.fixture(scope="module")
def redis_server():
    """A Redis of our own on a free loopback port (Debian's redis-server)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (Debian: redis-server)")
    port = free_port()
    process = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port),
                                "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- /readyz ---------------------------------------------------------------------------------

def test_ready_with_the_database_alone(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"database: ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_ready_with_every_service_configured(client, settings, redis_server, s3_storage):
    redis_at(settings, redis_server)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (
        200, b"database: ok\nredis: ok\nobject store: ok\n")


def test_not_ready_names_redis(client, unreachable_redis, caplog):
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (
        503, b"database: ok\nredis: unavailable\n")
    assert "readiness: redis unavailable: Error 111 connecting to 127.0.0.1" in caplog.text


def test_not_ready_names_the_object_store(client, settings, unreachable_store):
    settings.STORAGES = {**settings.STORAGES, "default": unreachable_store}
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (
        503, b"database: ok\nobject store: unavailable\n")


def test_not_ready_names_a_missing_bucket(client, settings, s3_storage):
    s3_storage.client.delete_bucket(Bucket=s3_storage.name)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (
        503, b"database: ok\nobject store: unavailable\n")


# --- tripartite check ------------------------------------------------------------------------

def test_check_names_an_unreachable_redis(unreachable_redis):
    (warning,) = run_checks(tags=["services"])
    assert warning.id == "tripartite.W006"
    assert warning.msg.startswith("Redis does not answer at REDIS_URL: Error 111 connecting to "
                                  "127.0.0.1:")
    errors = io.StringIO()
    call_command("check", stderr=errors, stdout=io.StringIO())
    assert "tripartite.W006" in errors.getvalue()


def test_check_names_an_unreachable_object_store(settings, unreachable_store):
    settings.STORAGES = {**settings.STORAGES, "default": unreachable_store}
    (warning,) = run_checks(tags=["services"])
    assert warning.id == "tripartite.W007"
    assert warning.msg.startswith("The object store does not answer for bucket 'files': "
                                  "Could not connect to the endpoint URL")


def test_check_is_quiet_when_every_service_answers(settings, redis_server, s3_storage):
    redis_at(settings, redis_server)
    assert run_checks(tags=["services"]) == []


# --- the pages that need them answer 503 and save nothing ------------------------------------

def test_a_letter_upload_with_the_store_unreachable_answers_503_and_saves_nothing(
        client, settings, unreachable_store):
    session = SessionFactory()
    focal = user_with_role(Role.FOCAL_POINT)
    french_delegation(session, focal)
    settings.STORAGES = {**settings.STORAGES, "default": unreachable_store}
    client.force_login(focal)

    response = client.post(page_url(session, "FR", "portal_letter_upload"), {
        "letter-file": SimpleUploadedFile("credentials.pdf", pdf_bytes(), "application/pdf")})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert UNAVAILABLE_STORE in response.content.decode()
    assert CredentialLetter.objects.count() == 0


def test_a_letter_download_with_the_store_unreachable_answers_503(client, settings, tmp_path,
                                                                  unreachable_store):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory()
    focal = user_with_role(Role.FOCAL_POINT)
    credentials_letter_upload(actor=focal, delegation=french_delegation(session, focal),
                              uploaded_file=SimpleUploadedFile("l.pdf", pdf_bytes()))
    settings.STORAGES = {**settings.STORAGES, "default": unreachable_store}
    client.force_login(focal)

    response = client.get(page_url(session, "FR", "portal_letter"))

    assert response.status_code == 503
    assert UNAVAILABLE_STORE in response.content.decode()


def test_a_check_in_with_redis_unreachable_answers_503_and_records_nothing(
        client, unreachable_redis):
    session = SessionFactory()
    _reg, _issued, token = badged(session)
    client.force_login(user_with_role(Role.CHECKIN_STAFF))

    response = client.post(reverse("registration:checkin", args=[session.pk]),
                           {"token": token, "door": "North", "request_id": "r-1"})

    assert response.status_code == 503
    assert UNAVAILABLE_CACHE in response.content.decode()
    assert (CheckIn.objects.count(), Scan.objects.count()) == (0, 0)


def test_the_api_answers_503_in_its_envelope(client, unreachable_redis):
    session = SessionFactory()
    _reg, _issued, token = badged(session)
    client.force_login(user_with_role(Role.CHECKIN_STAFF))

    response = client.post(f"/api/sessions/{session.pk}/check-ins",
                           {"token": token, "door": "North", "request_id": "r-2"},
                           content_type="application/json")

    assert response.status_code == 503
    assert response.json() == {"code": "service_unavailable", "message": UNAVAILABLE_CACHE}
    assert Scan.objects.count() == 0
