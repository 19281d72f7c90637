"""Files in a private S3-compatible bucket (moto's server): uploaded and generated files go
there through Django's storage API, and reach a browser only through a view that has checked
the permission first."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.delegations.test_portal import french_delegation, page_url, pdf_bytes
from tests.factories import GENEVA, SessionFactory, state, user_with_role
from tests.registration.factories import image_bytes, registration
from tripartite.accounts.models import Role
from tripartite.config.env import ConfigurationError, file_storage_from_env
from tripartite.correspondence.staging import Staging
from tripartite.delegations.models import CredentialLetter
from tripartite.delegations.services.uploads import credentials_letter_upload

pytestmark = pytest.mark.django_db

OWNER_ONLY = [{"Grantee": {"Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]


@pytest.fixture(autouse=True)
def _no_local_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # must stay empty: every file goes to the bucket


@pytest.fixture
def session():
    return SessionFactory(opens_at=dt.datetime(2027, 6, 7, 10, 0, tzinfo=GENEVA),
                          closes_at=dt.datetime(2027, 6, 18, 18, 0, tzinfo=GENEVA))


def grants(bucket, key):
    acl = bucket.client.get_object_acl(Bucket=bucket.name, Key=key)
    return [{"Grantee": {"Type": grant["Grantee"]["Type"]}, "Permission": grant["Permission"]}
            for grant in acl["Grants"]]


def test_a_credentials_letter_goes_to_the_bucket_and_only_its_state_gets_it_back(
        client, s3_storage, session, tmp_path):
    focal = user_with_role(Role.FOCAL_POINT)  # France's
    french_delegation(session, focal)
    content = pdf_bytes()
    client.force_login(focal)

    uploaded = client.post(page_url(session, "FR", "portal_letter_upload"), {
        "letter-file": SimpleUploadedFile("credentials.pdf", content, "application/pdf")})

    assert uploaded.status_code == 302
    letter = CredentialLetter.objects.get()
    assert s3_storage.keys() == [letter.file.name]
    assert letter.file.name.startswith("credentials/")
    assert s3_storage.read(letter.file.name) == content
    assert grants(s3_storage, letter.file.name) == OWNER_ONLY  # never readable by the public
    assert not (tmp_path / "media").exists()

    served = client.get(page_url(session, "FR", "portal_letter"))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == 'attachment; filename="credentials.pdf"'
    assert b"".join(served.streaming_content) == content

    client.force_login(user_with_role(Role.FOCAL_POINT, member_state=state("DE")))
    refused = client.get(page_url(session, "FR", "portal_letter"))
    assert refused.status_code == 403
    assert content not in refused.content


def test_a_letter_whose_object_is_gone_says_so(client, s3_storage, session):
    focal = user_with_role(Role.FOCAL_POINT)
    letter = credentials_letter_upload(
        actor=focal, delegation=french_delegation(session, focal),
        uploaded_file=SimpleUploadedFile("credentials.pdf", pdf_bytes()))
    s3_storage.client.delete_object(Bucket=s3_storage.name, Key=letter.file.name)
    client.force_login(focal)

    response = client.get(page_url(session, "FR", "portal_letter"), follow=True)

    assert response.redirect_chain == [(page_url(session, "FR") + "#letter", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The file of this letter is missing; upload it again."]


def test_a_photo_is_kept_in_the_bucket_and_served_to_the_desk_only(client, s3_storage):
    reg = registration()
    client.force_login(user_with_role(Role.REGISTRATION_DESK))
    preview = client.post(reverse("registration:photo_upload", kwargs={"pk": reg.pk}),
                          {"photo": SimpleUploadedFile("me.jpg", image_bytes(), "image/jpeg")})
    confirmed = client.post(reverse("registration:photo_confirm", kwargs={"pk": reg.pk}),
                            {"pending": preview.context["confirm_form"]["pending"].value()})
    assert confirmed.status_code == 302
    reg.refresh_from_db()
    assert s3_storage.keys() == [reg.photo.name]
    stored = s3_storage.read(reg.photo.name)

    served = client.get(reverse("registration:photo", kwargs={"pk": reg.pk}))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == stored

    client.force_login(user_with_role(Role.CHECKIN_STAFF))
    assert client.get(reverse("registration:photo", kwargs={"pk": reg.pk})).status_code == 403


def test_staged_files_are_placed_under_their_names_and_the_folder_leaves_nothing(s3_storage):
    staging = Staging("attempt1")
    staging.write("correspondence/letters/2027/REF-1.docx", b"first")
    staging.write("correspondence/letters/2027/REF-2.docx", b"second")
    assert s3_storage.keys() == [
        "correspondence/generating/attempt1/correspondence/letters/2027/REF-1.docx",
        "correspondence/generating/attempt1/correspondence/letters/2027/REF-2.docx"]

    renamed = staging.place(["correspondence/letters/2027/REF-1.docx",
                             "correspondence/letters/2027/REF-2.docx"])

    assert renamed == {}
    assert s3_storage.keys() == ["correspondence/letters/2027/REF-1.docx",
                                 "correspondence/letters/2027/REF-2.docx"]
    assert s3_storage.read("correspondence/letters/2027/REF-2.docx") == b"second"


def test_a_name_already_taken_in_the_bucket_is_never_overwritten(s3_storage):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    first = default_storage.save("proposals/concept-notes/note.pdf", ContentFile(b"one"))
    second = default_storage.save("proposals/concept-notes/note.pdf", ContentFile(b"two"))

    assert first == "proposals/concept-notes/note.pdf" and second != first
    assert s3_storage.read(first) == b"one"


# --- configuration -------------------------------------------------------------------------

def test_without_s3_bucket_files_stay_on_the_local_disk(monkeypatch):
    for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_REGION", "S3_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    assert file_storage_from_env() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_bucket_is_private_and_names_are_never_overwritten(monkeypatch):
    monkeypatch.setenv("S3_BUCKET", "ilo-tripartite")
    monkeypatch.setenv("S3_ENDPOINT_URL", "https://s3.example.org")
    monkeypatch.setenv("S3_PREFIX", "/production/")
    options = file_storage_from_env()["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["location"]) == (
        "ilo-tripartite", "https://s3.example.org", "production")
    assert (options["default_acl"], options["querystring_auth"], options["querystring_expire"],
            options["file_overwrite"]) == ("private", True, 60, False)
    assert options["client_config"].s3 == {"addressing_style": "path"}
    assert options["client_config"].connect_timeout == 5


@pytest.mark.parametrize(("variables", "message"), [
    ({"S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
     "S3_ENDPOINT_URL is set but S3_BUCKET is not (see .env.example)."),
    ({"S3_BUCKET": "b", "S3_ENDPOINT_URL": "127.0.0.1:9000"},
     "S3_ENDPOINT_URL must start with http:// or https://, not '127.0.0.1:9000'."),
])
def test_a_half_configured_store_is_named(monkeypatch, variables, message):
    for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_REGION", "S3_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError) as error:
        file_storage_from_env()
    assert str(error.value) == message
