"""Photos: real broken files refused, good ones cleaned and cropped; uploads and who sees them."""

import io
import struct
import zlib

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import SessionFactory, user_with_role
from tests.registration.factories import hand_registration, image_bytes, registration
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.registration import photos
from tripartite.registration.models import Registration


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height``, with one tiny compressed row."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


def refused(data) -> str:
    with pytest.raises(photos.PhotoError) as error:
        photos.process_photo(data)
    return error.value.code


# --- checks on real files ----------------------------------------------------------------------

def test_a_truncated_jpeg_is_refused():
    whole = image_bytes((900, 1200))
    assert refused(whole[: len(whole) // 2]) == "damaged"


def test_text_renamed_jpg_is_refused():
    assert refused(b"This is not a photo, only text saved as photo.jpg\n" * 20) == \
        "not_an_image"


def test_an_image_bomb_is_refused_before_decoding():
    assert refused(png_header_only(100_000, 100_000)) == "too_many_pixels"
    # Below Pillow's own limit but above ours: refused all the same.
    assert refused(png_header_only(8000, 6000)) == "too_many_pixels"


def test_a_file_too_large_is_refused_unread(settings, monkeypatch):
    monkeypatch.setattr(photos, "MAX_BYTES", 1000)
    assert refused(image_bytes((600, 800))) == "too_large"
    assert refused(b"") == "empty"


def test_a_photo_too_small_is_refused():
    assert refused(image_bytes((200, 260))) == "too_small"


def test_a_gif_is_not_accepted():
    out = io.BytesIO()
    Image.new("P", (400, 600)).save(out, format="GIF")
    assert refused(out.getvalue()) == "format"


def test_a_photo_is_reencoded_without_metadata_and_cropped_to_three_by_four():
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x8825] = {2: (46.0, 12.0, 0.0)}  # a GPS latitude
    original = image_bytes((1600, 900), exif=exif.tobytes())
    assert b"SecretCamera" in original

    photo = photos.process_photo(io.BytesIO(original))

    assert b"SecretCamera" not in photo.content
    image = Image.open(io.BytesIO(photo.content))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert image.size == (600, 800) and (photo.width, photo.height) == (600, 800)
    # Centred crop: the white stripe in the middle of the original stays in the middle.
    assert image.getpixel((300, 400))[0] > 200
    assert image.getpixel((50, 400))[0] < 100


def test_the_exif_orientation_is_applied_before_it_is_stripped():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°: the stored 800×600 image is shown 600×800
    photo = photos.process_photo(image_bytes((800, 600), exif=exif.tobytes()))
    image = Image.open(io.BytesIO(photo.content))
    assert image.size == (600, 800)
    # The stripe, vertical in the stored image, is horizontal once upright.
    assert image.getpixel((300, 400))[0] > 200 and image.getpixel((300, 50))[0] < 100


def test_a_transparent_png_gets_a_white_background():
    image = Image.new("RGBA", (300, 400), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    photo = photos.process_photo(out.getvalue())
    assert Image.open(io.BytesIO(photo.content)).getpixel((10, 10)) >= (250, 250, 250)


@pytest.mark.parametrize(("size", "box"), [((400, 400), (50, 0, 350, 400)),
                                           ((300, 800), (0, 200, 300, 600)),
                                           ((300, 400), (0, 0, 300, 400))])
def test_the_crop_is_the_largest_centred_box(size, box):
    assert photos.crop_box(*size) == box


# --- uploading: preview, confirm -----------------------------------------------------------------



@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, reg, data, name="me.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("registration:photo_upload", kwargs={"pk": reg.pk}),
                       {"photo": SimpleUploadedFile(name, data, "image/jpeg")})


@pytest.mark.django_db
def test_the_participant_previews_then_confirms_their_photo(client):
    reg = registration()
    user = user_with_role(Role.DELEGATE, person=reg.person)
    client.force_login(user)

    preview = upload(client, reg, image_bytes((1200, 1200)))

    assert preview.status_code == 200
    assert b"data:image/jpeg;base64," in preview.content
    reg.refresh_from_db()
    assert not reg.photo and reg.photo_confirmed_at is None  # nothing kept yet
    pending = preview.context["confirm_form"]["pending"].value()

    done = client.post(reverse("registration:photo_confirm", kwargs={"pk": reg.pk}),
                       {"pending": pending})

    assert done.status_code == 302
    reg.refresh_from_db()
    assert reg.photo and reg.photo_confirmed_at is not None
    stored = Image.open(reg.photo.path)
    assert stored.size == (600, 800)
    assert ActionLogEntry.objects.filter(action="registration.photo.set").count() == 1
    served = client.get(reverse("registration:photo", kwargs={"pk": reg.pk}))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == reg.photo.read()
    assert "private" in served["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("data", [b"not an image at all" * 10, png_header_only(100_000, 100_000),
                                  image_bytes((900, 1200))[:5000]])
def test_a_refused_photo_shows_why_and_stores_nothing(client, data, tmp_path):
    reg = registration()
    client.force_login(user_with_role(Role.REGISTRATION_DESK))

    response = upload(client, reg, data)

    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    reg.refresh_from_db()
    assert not reg.photo
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.jpg"))


@pytest.mark.django_db
def test_an_altered_or_someone_elses_pending_photo_is_refused(client):
    reg, other = registration(), registration()
    desk = user_with_role(Role.REGISTRATION_DESK)
    client.force_login(desk)
    pending = upload(client, reg, image_bytes()).context["confirm_form"]["pending"].value()

    altered = client.post(reverse("registration:photo_confirm", kwargs={"pk": reg.pk}),
                          {"pending": pending[:-3] + "AAA"})
    elsewhere = client.post(reverse("registration:photo_confirm", kwargs={"pk": other.pk}),
                            {"pending": pending})

    assert altered.status_code == 200 and elsewhere.status_code == 200
    assert not Registration.objects.exclude(photo="").exists()


@pytest.mark.django_db
def test_a_focal_point_uploads_for_their_own_state_never_another(client):
    session = SessionFactory()
    french, german = registration(session, "FR"), registration(session, "DE")
    client.force_login(user_with_role(Role.FOCAL_POINT))  # France's

    own = upload(client, french, image_bytes())
    other = upload(client, german, image_bytes())
    other_confirm = client.post(
        reverse("registration:photo_confirm", kwargs={"pk": german.pk}), {"pending": "x"})

    assert own.status_code == 200 and "confirm_form" in own.context
    assert other.status_code == 403 and other_confirm.status_code == 403
    assert client.get(reverse("registration:photo", kwargs={"pk": german.pk})).status_code \
        == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "allowed"), [
    (Role.REGISTRATION_DESK, True), (Role.SECRETARIAT, True),
    (Role.CREDENTIALS_COMMITTEE, True), (Role.CHECKIN_STAFF, False),
    (Role.DELEGATE, False), (Role.OBSERVER, False), (Role.GROUP_SECRETARIAT, False),
    (Role.SENIOR_OFFICIAL, False), (Role.MEETING_OFFICER, False),
])
def test_who_sees_a_photo(client, role, allowed):
    reg = hand_registration(SessionFactory())
    from tripartite.registration.services.photos import photo_set

    photo_set(actor=user_with_role(Role.SECRETARIAT), registration=reg,
              content=photos.process_photo(image_bytes()).content)
    client.force_login(user_with_role(role))
    response = client.get(reverse("registration:photo", kwargs={"pk": reg.pk}))
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_and_photos_are_not_in_public_media(client):
    reg = registration()
    response = client.get(reverse("registration:photo", kwargs={"pk": reg.pk}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/media/photos/x.jpg").status_code == 404


@pytest.mark.django_db
def test_a_registration_without_photo_shows_a_placeholder(client):
    reg = registration()
    client.force_login(user_with_role(Role.REGISTRATION_DESK))
    response = client.get(reverse("registration:photo", kwargs={"pk": reg.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"


@pytest.mark.django_db
def test_replacing_a_photo_removes_the_old_file(django_capture_on_commit_callbacks):
    reg = registration()
    desk = user_with_role(Role.REGISTRATION_DESK)
    content = photos.process_photo(image_bytes()).content
    with django_capture_on_commit_callbacks(execute=True):
        first = services_set(desk, reg, content)
    old_path = first.photo.path
    with django_capture_on_commit_callbacks(execute=True):
        services_set(desk, reg, content)
    import os

    assert not os.path.exists(old_path)


def services_set(actor, reg, content):
    from tripartite.registration.services.photos import photo_set

    return photo_set(actor=actor, registration=reg, content=content)
