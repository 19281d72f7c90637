"""The desk's API: search, detail, identity, printing (PDF or numbers), photo upload."""

import io

import pytest
import zxingcpp
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from tests.factories import PersonFactory, SessionFactory, user_with_role
from tests.registration.factories import delegation, image_bytes, nomination, registration
from tripartite.accounts.models import Role
from tripartite.registration import badges, tokens
from tripartite.registration.models import Badge, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(client):
    client.force_login(user_with_role(Role.REGISTRATION_DESK))
    return client


def test_search_detail_and_identity(desk):
    session = SessionFactory()
    reg = registration(session, "JP", person=PersonFactory(name="山田太郎",
                                                           name_latin="Yamada Tarō"))

    found = desk.get(f"/api/sessions/{session.pk}/registrations", {"q": "yamada taro"}).json()
    assert [row["id"] for row in found] == [reg.pk]
    assert found[0]["member_state"] == "JP" and found[0]["badge"] is None
    assert desk.get(f"/api/sessions/{session.pk}/registrations",
                    {"member_state": "JP"}).json()[0]["name"] == "山田太郎"

    detail = desk.get(f"/api/registrations/{reg.pk}").json()
    stale = desk.post(f"/api/registrations/{reg.pk}/identity",
                      {"updated_at": "2020-01-01T00:00:00Z"}, content_type="application/json")
    assert stale.status_code == 409
    done = desk.post(f"/api/registrations/{reg.pk}/identity",
                     {"updated_at": detail["updated_at"]}, content_type="application/json")
    assert done.status_code == 200 and done.json()["registered_at"]
    again = desk.post(f"/api/registrations/{reg.pk}/identity", {},
                      content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "already_registered"


def _job_pdf(desk, run_jobs, answer) -> bytes:
    """The PDF of the printing job the API answered with (202), once the worker ran it."""
    assert answer.status_code == 202, answer.content
    job = answer.json()
    assert (job["kind"], job["status"], job["file_url"]) == ("registration.badges", "queued",
                                                            None)
    assert not Badge.objects.filter(number__gt=1).exists()  # none printed in the request
    assert run_jobs() == 1
    done = desk.get(job["url"]).json()
    assert (done["status"], done["done"], done["total"]) == ("done", job["total"], job["total"])
    pdf = desk.get(done["file_url"])
    assert pdf["Content-Type"] == "application/pdf"
    return b"".join(pdf.streaming_content)


def test_printing_answers_numbers_or_the_pdf_whose_qr_is_the_token(desk, run_jobs):
    session = SessionFactory()
    regs = [registration(session, "FR") for _ in range(2)]

    numbers = desk.post(f"/api/sessions/{session.pk}/badges",
                        {"registrations": [regs[0].pk], "format": "json"},
                        content_type="application/json").json()
    assert numbers == [{"registration": regs[0].pk, "number": 1, "replaces": None}]

    pdf = _job_pdf(desk, run_jobs, desk.post(f"/api/sessions/{session.pk}/badges",
                                             {"member_state": "FR"},
                                             content_type="application/json"))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert Badge.objects.get(number=1).revoked_reason == "reprinted"
    badge = Badge.objects.get(number=2)
    [png, _second] = badges.badges_document([badge, Badge.objects.get(number=3)],
                                            session_title=session.title, output="png",
                                            ppi=150)
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert tokens.unsign(code.text) == badge.token_id


def test_printing_chosen_registrations_as_a_job_prints_those_in_their_order(desk, run_jobs):
    session = SessionFactory()
    regs = [registration(session, "FR") for _ in range(3)]
    pdf = _job_pdf(desk, run_jobs, desk.post(
        f"/api/sessions/{session.pk}/badges", {"registrations": [regs[2].pk, regs[0].pk]},
        content_type="application/json"))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert list(Badge.objects.order_by("number").values_list("registration_id", flat=True)) == [
        regs[2].pk, regs[0].pk]


def test_a_printing_job_whose_registration_was_deleted_prints_nothing(desk, run_jobs):
    session = SessionFactory()
    regs = [registration(session, "FR") for _ in range(2)]
    job = desk.post(f"/api/sessions/{session.pk}/badges",
                    {"registrations": [reg.pk for reg in regs]},
                    content_type="application/json").json()
    Registration.objects.filter(pk=regs[1].pk).delete()
    assert run_jobs() == 1
    failed = desk.get(job["url"]).json()
    assert (failed["status"], failed["problem"]) == (
        "failed", "A registration to print was deleted meanwhile: no badge was printed.")
    assert not Badge.objects.exists()


@pytest.mark.parametrize("body", [{}, {"registrations": [1], "not_printed": True},
                                  {"member_state": "ZZ"}, {"registrations": [999999]}])
def test_printing_needs_one_valid_choice_and_prints_nothing_otherwise(desk, body):
    session = SessionFactory()
    registration(session)
    response = desk.post(f"/api/sessions/{session.pk}/badges", body,
                         content_type="application/json")
    assert response.status_code == 400
    assert not Badge.objects.exists()


def test_registrations_from_credentials_and_by_hand(desk):
    session = SessionFactory()
    nomination(delegation(session, "KE"))
    counts = desk.post(f"/api/sessions/{session.pk}/registrations/from-credentials").json()
    assert counts["created"] == 1
    added = desk.post(f"/api/sessions/{session.pk}/registrations",
                      {"name": "Lee Min", "gender": "x", "category": "observer",
                       "affiliation": "WHO"}, content_type="application/json")
    assert added.status_code == 201 and added.json()["member_state"] is None
    wrong = desk.post(f"/api/sessions/{session.pk}/registrations",
                      {"name": "Lee Min", "gender": "x", "category": "workers"},
                      content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "category"


def upload(client, reg, data, preview=False):
    return client.post(f"/api/registrations/{reg.pk}/photo" + ("?preview=true" if preview
                                                               else ""),
                       {"photo": SimpleUploadedFile("p.jpg", data, "image/jpeg")})


def test_photo_preview_keeps_nothing_and_upload_keeps_the_crop(client):
    reg = registration()
    client.force_login(user_with_role(Role.DELEGATE, person=reg.person))

    preview = upload(client, reg, image_bytes((1000, 1000)), preview=True)
    assert preview["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(preview.content)).size == (600, 800)
    assert not Registration.objects.get(pk=reg.pk).photo

    kept = upload(client, reg, image_bytes((1000, 1000)))
    assert kept.status_code == 200 and kept.json()["has_photo"] is True


def test_a_broken_photo_is_refused_with_its_reason(desk):
    reg = registration()
    response = upload(desk, reg, b"GIF89a not really")
    assert response.status_code == 400 and response.json()["code"] == "not_an_image"
    assert not Registration.objects.get(pk=reg.pk).photo


def test_a_focal_point_reads_and_uploads_for_their_state_only(client):
    session = SessionFactory()
    french, german = registration(session, "FR"), registration(session, "DE")
    client.force_login(user_with_role(Role.FOCAL_POINT))
    assert client.get(f"/api/registrations/{french.pk}").status_code == 200
    assert client.get(f"/api/registrations/{german.pk}").status_code == 403
    assert upload(client, german, image_bytes()).status_code == 403
    assert upload(client, french, image_bytes()).status_code == 200
