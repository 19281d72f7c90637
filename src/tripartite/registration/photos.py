"""Checking, cleaning and cropping a participant's photo for the badge.

``process_photo`` takes what was uploaded and either returns the photo as the badge will
show it (a JPEG, cropped to the badge's 3:4 ratio, no metadata) or raises ``PhotoError``
with a message for the user. Nothing is stored here: the two-step upload (preview, then
confirm) carries the processed bytes signed (``sign_pending``/``unsign_pending``) until the
user confirms, and only ``services.photos.photo_set`` writes.

Checks, in order, each before the next costs anything: the size in bytes; the header is an
image of an accepted format; its dimensions (an "image bomb" declares enormous dimensions
in a few bytes: refused from the header, before any pixel is decoded); the file verifies and
decodes entirely (a truncated image is refused, never padded), a JPEG at a reduced scale; the
minimum dimensions.
"""

import base64
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_BYTES = getattr(settings, "PHOTO_MAX_BYTES", 8 * 1024 * 1024)
# The most pixels accepted, read from the header before any pixel is decoded (see
# docs/registration.md). A JPEG is decoded at 1/2, 1/4 or 1/8 of its size (``draft``), so a
# phone's 24 MP photo costs what a 1.5 MP one does; a PNG or WebP is decoded whole, and a real
# photo in either format within MAX_BYTES has far fewer pixels than a phone's JPEG.
MAX_PIXELS = {"JPEG": 25_000_000, "PNG": 16_000_000, "WEBP": 16_000_000}
# Decoding needs no more than this (either orientation): the badge's 3:4 crop of an image
# at least this large is at least OUTPUT_SIZE.
DECODE_AT_LEAST = (800, 800)
MIN_WIDTH, MIN_HEIGHT = 240, 320
RATIO = (3, 4)  # width:height of the photo on the badge
OUTPUT_SIZE = (600, 800)  # at most: larger photos are scaled down
FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 88
PENDING_SALT = "tripartite.registration.photo.pending"
PENDING_MAX_AGE = 3600  # seconds between the preview and the confirmation


class PhotoError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Photo:
    content: bytes  # JPEG
    width: int
    height: int


def _read(upload) -> bytes:
    if isinstance(upload, bytes):
        data = upload
    else:
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PhotoError(_("The photo is larger than %(limit)d MB. Send a smaller file.")
                         % {"limit": MAX_BYTES // (1024 * 1024)}, "too_large")
    if not data:
        raise PhotoError(_("The file is empty."), "empty")
    return data


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise PhotoError(_("This file is not an image. Send a photo as JPEG, PNG or WebP."),
                         "not_an_image") from error
    if image.format not in FORMATS:
        raise PhotoError(_("This image format is not accepted. Send a photo as JPEG, PNG or "
                           "WebP."), "format")
    width, height = image.size
    if width <= 0 or height <= 0 or width * height > MAX_PIXELS[image.format]:
        raise _too_many_pixels(image.format)
    return image


def _too_many_pixels(image_format=None) -> PhotoError:
    limit = MAX_PIXELS.get(image_format, max(MAX_PIXELS.values()))
    return PhotoError(_("The image's dimensions are too large (at most %(limit)d megapixels). "
                        "Send a smaller photo.") % {"limit": limit // 1_000_000},
                      "too_many_pixels")


def _decode(data: bytes) -> Image.Image:
    """The image fully decoded; refused if its data is damaged or cut short."""
    broken = PhotoError(_("The image is damaged or incomplete (perhaps the upload was cut "
                          "short). Send the photo again."), "damaged")
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # never accept a partly decoded image
        raise RuntimeError("ImageFile.LOAD_TRUNCATED_IMAGES must stay False.")
    try:
        _open(data).verify()
        image = _open(data)  # verify() leaves the image unusable: open it again
        if image.format == "JPEG":
            # libjpeg decodes straight at a reduced scale (still reading every byte, so a
            # truncated file is refused all the same): time and memory follow the badge's
            # needs, not the camera's.
            image.draft(None, DECODE_AT_LEAST)
        image.load()
    except PhotoError:
        raise
    except Exception as error:  # Pillow raises OSError, SyntaxError, struct errors…
        raise broken from error
    return image


def crop_box(width: int, height: int, ratio=RATIO) -> tuple[int, int, int, int]:
    """The largest centred box of ``ratio`` (width:height) inside the image."""
    rw, rh = ratio
    if width * rh > height * rw:  # too wide: cut the sides
        new_width = height * rw // rh
        left = (width - new_width) // 2
        return (left, 0, left + new_width, height)
    new_height = width * rh // rw
    top = (height - new_height) // 2
    return (0, top, width, top + new_height)


def _reduced(image: Image.Image) -> Image.Image:
    """Scaled down by a whole factor (a cheap box filter) while the crop stays at least
    OUTPUT_SIZE: the fine resampling then works on a small image."""
    left, top, right, bottom = crop_box(*image.size)
    factor = min((right - left) // OUTPUT_SIZE[0], (bottom - top) // OUTPUT_SIZE[1])
    return image.reduce(factor) if factor >= 2 else image


def process_photo(upload) -> Photo:
    """The badge photo made from an upload (a file or bytes); PhotoError when refused."""
    data = _read(upload)
    image = _decode(data)
    image = ImageOps.exif_transpose(image)  # a photo taken sideways, shown upright
    width, height = image.size
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise PhotoError(
            _("The photo is too small: %(width)d × %(height)d pixels; it must be at least "
              "%(min_width)d × %(min_height)d.")
            % {"width": width, "height": height, "min_width": MIN_WIDTH,
               "min_height": MIN_HEIGHT}, "too_small")
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        image = image.convert("RGB")
    image = _reduced(image)
    image = image.crop(crop_box(*image.size))
    if image.width > OUTPUT_SIZE[0]:
        image = image.resize(OUTPUT_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # A new image written without ``exif`` or ``icc_profile``: no metadata survives.
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return Photo(out.getvalue(), image.width, image.height)


# --- the crop awaiting confirmation ------------------------------------------------------------

def _pending_salt(registration, user) -> str:
    return f"{PENDING_SALT}:{registration.pk}:{user.pk}"


def sign_pending(photo: Photo, *, registration, user) -> str:
    """The processed photo as a signed text the confirmation form sends back unchanged."""
    encoded = base64.b64encode(photo.content).decode("ascii")
    return signing.TimestampSigner(salt=_pending_salt(registration, user)).sign(encoded)


def unsign_pending(text: str, *, registration, user) -> bytes:
    """The photo the user saw; PhotoError if the text was altered, is another's, or too old."""
    try:
        encoded = signing.TimestampSigner(salt=_pending_salt(registration, user)).unsign(
            text or "", max_age=PENDING_MAX_AGE)
        return base64.b64decode(encoded, validate=True)
    except (signing.BadSignature, ValueError) as error:
        raise PhotoError(_("The photo to confirm has expired or was altered. Upload it again."),
                         "pending_invalid") from error


def data_uri(content: bytes) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(content).decode("ascii")
